#include "ruptag/segmenter.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace ruptag {
namespace {

// Salience thresholds and weights (docs/analysis.md explains them).
constexpr double breadth_bonus = 0.5;
constexpr double persistence_weight = 2.0;
constexpr double thresholds[] = {1.0, 2.0, 3.5};

// Rates one category of a segment from the copies of its findings.
int salience_of(const std::vector<Finding>& findings, std::size_t patient_turns) {
  std::vector<const Finding*> pointers;
  pointers.reserve(findings.size());
  for (const Finding& f : findings) pointers.push_back(&f);
  return salience(pointers, patient_turns);
}

}  // namespace

std::optional<SegmentSpec> parse_segment_spec(std::string_view text) {
  double value = 0;
  const auto* begin = text.data();
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || !(value > 0) || !std::isfinite(value)) return std::nullopt;
  const std::string_view unit(ptr, static_cast<std::size_t>(end - ptr));
  SegmentSpec spec;
  if (unit == "m" || unit == "min") {
    spec = {SegmentSpec::Unit::minutes, value};
  } else if (unit == "s") {
    spec = {SegmentSpec::Unit::minutes, value / 60};
  } else if (unit == "h") {
    spec = {SegmentSpec::Unit::minutes, value * 60};
  } else if (unit == "turns" || unit == "t") {
    spec = {SegmentSpec::Unit::turns, std::max(1.0, std::round(value))};
  } else if (unit == "words" || unit == "w") {
    spec = {SegmentSpec::Unit::words, std::max(1.0, std::round(value))};
  } else {
    return std::nullopt;
  }
  return spec;
}

int salience(const std::vector<const Finding*>& findings, std::size_t patient_turns) {
  if (findings.empty()) return 1;
  double weight = 0;
  std::set<std::string_view> kinds;
  std::set<std::size_t> turns;
  for (const Finding* f : findings) {
    weight += f->strength;
    kinds.insert(f->marker);
    turns.insert(f->turn);
  }
  weight += breadth_bonus * static_cast<double>(kinds.size() - 1);
  if (patient_turns > 0) {
    weight += persistence_weight * static_cast<double>(turns.size()) / static_cast<double>(patient_turns);
  }
  int level = 2;
  for (const double t : thresholds) {
    if (weight >= t) ++level;
  }
  return level;
}

SessionSegmenter::SessionSegmenter(const SegmentOptions& options) : options_(options) {}

void SessionSegmenter::add_turn(const Turn& turn, std::size_t words, std::span<const Finding> findings) {
  const std::size_t index = turns_++;
  const SegmentSpec& spec = options_.spec;
  if (index == 0) {
    by_time_ = spec.unit == SegmentSpec::Unit::minutes && turn.time.has_value();
    if (by_time_) {
      size_ = spec.size * 60;
    } else if (spec.unit == SegmentSpec::Unit::minutes) {
      size_ = std::max(1.0, std::round(spec.size * options_.words_per_minute));
    } else {
      size_ = spec.unit == SegmentSpec::Unit::turns ? std::floor(spec.size) : spec.size;
    }
  }
  // the session is placed in time when its first turn is; a turn without a time takes
  // its predecessor's
  if (turn.time && (index == 0 || time_)) time_ = turn.time;

  if (by_time_) {
    const auto window = static_cast<std::size_t>(std::floor(*time_ / size_));
    if (index == 0) {
      window_ = window;
      open_segment();
    }
    while (window_ < window) {  // a time that goes backwards stays put
      close_segment();
      ++window_;
      open_segment();
    }
  } else if (index == 0) {
    open_segment();
  } else if (filled_ >= size_) {
    segments_.back().end_time = time_;  // where the next segment starts
    close_segment();
    open_segment();
  }

  Segment& s = segments_.back();
  if (!s.first_turn) {
    s.first_turn = index;
    s.start_line = turn.line;
    if (!by_time_) s.start_time = time_ ? time_ : turn.time;
  }
  s.last_turn = index;
  s.end_line = turn.end_line;
  if (!by_time_) s.end_time = time_;  // the last turn's, until a next segment starts
  if (turn.speaker == Speaker::patient) ++patient_turns_;
  filled_ += spec.unit == SegmentSpec::Unit::turns ? 1.0 : static_cast<double>(words);
  for (const Finding& f : findings) {
    if (f.category == Category::repair) {
      ++s.repairs[f.marker];
      continue;
    }
    ++s.markers[f.marker];
    (f.category == Category::withdrawal ? withdrawal_ : confrontation_)
        .push_back({f.marker, f.category, index, {}, {}, f.strength, {}});
  }
}

// Opens the next segment (for time segments, the one of window_).
void SessionSegmenter::open_segment() {
  Segment s;
  s.index = segments_.size();
  if (by_time_) {
    s.start_time = static_cast<double>(window_) * size_;
    s.end_time = static_cast<double>(window_ + 1) * size_;
  }
  segments_.push_back(std::move(s));
}

void SessionSegmenter::close_segment() {
  Segment& s = segments_.back();
  s.withdrawal_salience = salience_of(withdrawal_, patient_turns_);
  s.confrontation_salience = salience_of(confrontation_, patient_turns_);
  withdrawal_.clear();
  confrontation_.clear();
  patient_turns_ = 0;
  filled_ = 0;
}

std::vector<Segment> SessionSegmenter::finish() {
  if (!segments_.empty()) close_segment();
  return std::move(segments_);
}

std::vector<Segment> segment_session(const Transcript& transcript, const std::vector<Finding>& findings,
                                     const std::vector<std::size_t>& words, const SegmentOptions& options) {
  SessionSegmenter segmenter(options);
  const std::span<const Finding> all(findings);
  std::size_t next = 0;
  for (std::size_t turn = 0; turn < transcript.turns.size(); ++turn) {
    const std::size_t first = next;
    while (next < findings.size() && findings[next].turn <= turn) ++next;
    segmenter.add_turn(transcript.turns[turn], turn < words.size() ? words[turn] : 0,
                       all.subspan(first, next - first));
  }
  return segmenter.finish();
}

}  // namespace ruptag
