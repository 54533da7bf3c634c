#include "ruptag/evaluation.hpp"

#include <algorithm>

#include "ruptag/catalogue.hpp"

namespace ruptag {

namespace {

// A row of the tables: which ids it stands for, and on whose turns they are coded.
struct Key {
  std::string name;
  Speaker speaker = Speaker::patient;
  std::vector<std::string_view> ids;
};

std::vector<Key> make_keys() {
  std::vector<Key> keys{{"any", Speaker::patient, {}},
                        {"withdrawal", Speaker::patient, {}},
                        {"confrontation", Speaker::patient, {}},
                        {"repair", Speaker::therapist, {}}};
  for (const auto& e : catalogue()) {
    const bool repair = e.category == Category::repair;
    if (!repair) keys[0].ids.push_back(e.id);
    keys[e.category == Category::withdrawal ? 1 : (repair ? 3 : 2)].ids.push_back(e.id);
    keys.push_back({std::string(e.id), repair ? Speaker::therapist : Speaker::patient, {e.id}});
  }
  return keys;
}

const std::vector<Key>& keys() {
  static const std::vector<Key> all = make_keys();
  return all;
}

std::size_t count(const std::vector<std::string>& codes, const Key& key) {
  return static_cast<std::size_t>(std::count_if(codes.begin(), codes.end(), [&](const std::string& code) {
    return std::find(key.ids.begin(), key.ids.end(), code) != key.ids.end();
  }));
}

AgreementRow row(const std::string& code, const Confusion& table) {
  return {code, table, binary_agreement(table)};
}

}  // namespace

std::vector<std::string> evaluation_keys() {
  std::vector<std::string> out;
  for (const Key& k : keys()) out.push_back(k.name);
  return out;
}

SessionCodes session_codes(const Transcript& transcript, const std::vector<Segment>& segments, TurnCodes gold,
                           TurnCodes other) {
  SessionCodes s;
  s.path = transcript.path;
  for (const Turn& turn : transcript.turns) s.speakers.push_back(turn.speaker);
  for (const Segment& segment : segments) {
    if (segment.first_turn && segment.last_turn)
      s.segments.emplace_back(*segment.first_turn, *segment.last_turn);
  }
  s.gold = std::move(gold);
  s.other = std::move(other);
  return s;
}

TurnCodes codes_of(const std::vector<Finding>& findings, std::size_t turns) {
  TurnCodes codes(turns);
  for (const Finding& f : findings) {
    auto& ids = codes.at(f.turn);
    ids.insert(std::lower_bound(ids.begin(), ids.end(), f.marker), f.marker);
  }
  return codes;
}

FileEvaluation evaluate_session(const SessionCodes& session) {
  FileEvaluation out;
  out.path = session.path;
  out.segments = session.segments.size();
  out.patient_turns = static_cast<std::size_t>(
      std::count(session.speakers.begin(), session.speakers.end(), Speaker::patient));
  out.therapist_turns = static_cast<std::size_t>(
      std::count(session.speakers.begin(), session.speakers.end(), Speaker::therapist));
  for (const Key& key : keys()) {
    Confusion turns;
    CountRow counts{key.name, 0, 0};
    for (std::size_t t = 0; t < session.speakers.size(); ++t) {
      const std::size_t gold = count(session.gold[t], key);
      const std::size_t other = count(session.other[t], key);
      counts.gold += gold;
      counts.other += other;
      if (session.speakers[t] == key.speaker) turns.add(gold > 0, other > 0);
    }
    Confusion segments;
    for (const auto& [first, last] : session.segments) {
      bool unit = false;
      bool gold = false;
      bool other = false;
      for (std::size_t t = first; t <= last; ++t) {
        if (session.speakers[t] != key.speaker) continue;
        unit = true;
        gold = gold || count(session.gold[t], key) > 0;
        other = other || count(session.other[t], key) > 0;
      }
      if (unit) segments.add(gold, other);
    }
    out.turn_level.push_back(row(key.name, turns));
    out.segment_level.push_back(row(key.name, segments));
    out.counts.push_back(counts);
  }
  return out;
}

Evaluation combine(std::vector<FileEvaluation> files) {
  Evaluation out;
  const std::size_t n = keys().size();
  std::vector<Confusion> turns(n);
  std::vector<Confusion> segments(n);
  std::vector<std::vector<double>> gold(n);
  std::vector<std::vector<double>> other(n);
  for (const FileEvaluation& file : files) {
    out.patient_turns += file.patient_turns;
    out.therapist_turns += file.therapist_turns;
    out.segments += file.segments;
    for (std::size_t k = 0; k < n; ++k) {
      turns[k] += file.turn_level[k].table;
      segments[k] += file.segment_level[k].table;
      gold[k].push_back(static_cast<double>(file.counts[k].gold));
      other[k].push_back(static_cast<double>(file.counts[k].other));
    }
  }
  for (std::size_t k = 0; k < n; ++k) {
    const std::string& code = keys()[k].name;
    out.turn_level.push_back(row(code, turns[k]));
    out.segment_level.push_back(row(code, segments[k]));
    CorrelationRow r{code, 0, 0, spearman(gold[k], other[k]), icc_2_1(gold[k], other[k])};
    for (const FileEvaluation& file : files) {
      r.gold += file.counts[k].gold;
      r.other += file.counts[k].other;
    }
    out.session_level.push_back(r);
  }
  out.files = std::move(files);
  return out;
}

}  // namespace ruptag
