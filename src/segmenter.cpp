#include "ruptag/segmenter.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace ruptag {
namespace {

// Salience thresholds and weights (docs/segments.md explains them).
constexpr double breadth_bonus = 0.5;
constexpr double persistence_weight = 2.0;
constexpr double thresholds[] = {1.0, 2.0, 3.5};

// Times of every turn, a turn without its own taking its predecessor's; nullopt when
// the first timed turn comes after an untimed one or no turn is timed.
std::optional<std::vector<double>> turn_times(const Transcript& transcript) {
  std::vector<double> times;
  std::optional<double> last;
  for (const auto& turn : transcript.turns) {
    if (turn.time) last = turn.time;
    if (!last) return std::nullopt;
    times.push_back(*last);
  }
  return times;
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

std::vector<Segment> segment_session(const Transcript& transcript, const std::vector<Finding>& findings,
                                     const std::vector<std::size_t>& words_per_turn,
                                     const SegmentOptions& options) {
  const auto& turns = transcript.turns;
  std::vector<std::size_t> segment_of(turns.size(), 0);
  std::size_t count = 0;
  std::vector<std::pair<double, double>> windows;  // time bounds, for time segments
  const auto times = turn_times(transcript);
  const bool by_time = options.spec.unit == SegmentSpec::Unit::minutes && times.has_value();
  if (turns.empty()) return {};
  if (by_time) {
    const double length = options.spec.size * 60;
    const auto window = [&](double t) { return static_cast<std::size_t>(std::floor(t / length)); };
    const std::size_t first = window(times->front());
    const std::size_t last = window(*std::max_element(times->begin(), times->end()));
    std::size_t current = first;
    for (std::size_t i = 0; i < turns.size(); ++i) {
      current = std::max(current, window((*times)[i]));  // times that go backwards stay put
      segment_of[i] = current - first;
    }
    count = last - first + 1;
    for (std::size_t k = 0; k < count; ++k) {
      windows.emplace_back(static_cast<double>(first + k) * length,
                           static_cast<double>(first + k + 1) * length);
    }
  } else if (options.spec.unit == SegmentSpec::Unit::turns) {
    const auto size = static_cast<std::size_t>(options.spec.size);
    for (std::size_t i = 0; i < turns.size(); ++i) segment_of[i] = i / size;
    count = (turns.size() + size - 1) / size;
  } else {
    const double size = options.spec.unit == SegmentSpec::Unit::words
                            ? options.spec.size
                            : std::max(1.0, std::round(options.spec.size * options.words_per_minute));
    std::size_t index = 0;
    double words = 0;
    for (std::size_t i = 0; i < turns.size(); ++i) {
      if (words >= size) {
        ++index;
        words = 0;
      }
      segment_of[i] = index;
      words += static_cast<double>(i < words_per_turn.size() ? words_per_turn[i] : 0);
    }
    count = index + 1;
  }

  std::vector<Segment> segments(count);
  for (std::size_t k = 0; k < count; ++k) segments[k].index = k;
  for (std::size_t i = 0; i < turns.size(); ++i) {
    Segment& s = segments[segment_of[i]];
    if (!s.first_turn) {
      s.first_turn = i;
      s.start_line = turns[i].line;
      s.start_time = turns[i].time;
    }
    s.last_turn = i;
    s.end_line = turns[i].end_line;
  }
  for (std::size_t k = 0; k < count; ++k) {
    Segment& s = segments[k];
    if (by_time) {
      s.start_time = windows[k].first;
      s.end_time = windows[k].second;
    } else if (s.first_turn && times) {
      // the segment ends where the next one starts, or at the last turn's time
      s.start_time = (*times)[*s.first_turn];
      s.end_time = *s.last_turn + 1 < turns.size() ? (*times)[*s.last_turn + 1] : (*times)[*s.last_turn];
    }
  }
  std::vector<std::vector<const Finding*>> withdrawal(count);
  std::vector<std::vector<const Finding*>> confrontation(count);
  for (const auto& f : findings) {
    const std::size_t k = segment_of[f.turn];
    if (f.category == Category::repair) {
      ++segments[k].repairs[f.marker];
      continue;
    }
    ++segments[k].markers[f.marker];
    (f.category == Category::withdrawal ? withdrawal : confrontation)[k].push_back(&f);
  }
  for (std::size_t k = 0; k < count; ++k) {
    Segment& s = segments[k];
    std::size_t patient_turns = 0;
    if (s.first_turn) {
      for (std::size_t i = *s.first_turn; i <= *s.last_turn; ++i) {
        patient_turns += turns[i].speaker == Speaker::patient ? 1U : 0U;
      }
    }
    s.withdrawal_salience = salience(withdrawal[k], patient_turns);
    s.confrontation_salience = salience(confrontation[k], patient_turns);
  }
  return segments;
}

}  // namespace ruptag
