#include "ruptag/evaluation.hpp"

#include <algorithm>
#include <map>
#include <tuple>

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

bool is_repair(std::string_view id) {
  const CatalogueEntry* entry = find_catalogue_entry(id);
  return entry != nullptr && entry->category == Category::repair;
}

void sort_rules(std::vector<RuleRow>& rows) {
  std::sort(rows.begin(), rows.end(), [](const RuleRow& a, const RuleRow& b) {
    return std::make_tuple(b.fp(), std::string_view(a.rule), std::string_view(a.pack),
                           std::string_view(a.code)) < std::make_tuple(a.fp(), std::string_view(b.rule),
                                                                       std::string_view(b.pack),
                                                                       std::string_view(b.code));
  });
}

}  // namespace

std::optional<double> RuleRow::precision() const {
  if (fired == 0) return std::nullopt;
  return static_cast<double>(tp) / static_cast<double>(fired);
}

RuleRow& RuleRow::operator+=(const RuleRow& other) {
  fired += other.fired;
  tp += other.tp;
  other_code += other.other_code;
  uncoded += other.uncoded;
  alone_tp += other.alone_tp;
  alone_fp += other.alone_fp;
  return *this;
}

namespace {

// Counts one turn a rule (or the model) found `code` on, against the gold `codes` of that
// turn; `alone`: no other rule found `code` there.
void count_firing(RuleRow& row, const std::vector<std::string>& codes, const std::string& code, bool alone) {
  ++row.fired;
  if (std::find(codes.begin(), codes.end(), code) != codes.end()) {
    ++row.tp;
    row.alone_tp += alone ? 1 : 0;
    return;
  }
  row.alone_fp += alone ? 1 : 0;
  const bool repair = is_repair(code);
  if (codes.empty()) {
    ++row.uncoded;
  } else if (std::any_of(codes.begin(), codes.end(),
                         [&](const std::string& c) { return is_repair(c) == repair; })) {
    ++row.other_code;
  }
}

}  // namespace

std::vector<RuleRow> evaluate_rules(const CompiledPack& pack, const std::vector<RuleFiring>& fired,
                                    const std::vector<Finding>& findings, const TurnCodes& gold) {
  const auto& rules = pack.rules();
  std::vector<RuleRow> rows(rules.size());
  // `fired` is in turn order: take one turn's firings at a time.
  for (auto first = fired.begin(); first != fired.end();) {
    const auto last =
        std::find_if(first, fired.end(), [&](const RuleFiring& f) { return f.turn != first->turn; });
    const std::vector<std::string>& codes = gold.at(first->turn);
    for (auto f = first; f != last; ++f) {
      const std::string& code = rules.at(f->rule).code->id;
      const bool alone = std::none_of(first, last, [&](const RuleFiring& g) {
        return g.rule != f->rule && rules[g.rule].code->id == code;
      });
      count_firing(rows[f->rule], codes, code, alone);
    }
    first = last;
  }
  std::vector<RuleRow> out;
  for (std::size_t r = 0; r < rules.size(); ++r) {
    if (rows[r].fired == 0) continue;
    rows[r].pack = pack.pack().manifest.id;
    rows[r].rule = rules[r].rule->id;
    rows[r].code = rules[r].code->id;
    out.push_back(std::move(rows[r]));
  }
  // the turn model, one row per id it found: it speaks only where no rule found a marker
  std::map<std::string_view, RuleRow> model;
  for (const Finding& f : findings) {
    if (f.rule != model_rule_id) continue;
    auto [it, fresh] = model.try_emplace(f.marker);
    if (fresh) it->second = RuleRow{pack.pack().manifest.id, std::string(model_rule_id), f.marker};
    count_firing(it->second, gold.at(f.turn), f.marker, true);
  }
  for (auto& [code, row] : model) out.push_back(std::move(row));
  sort_rules(out);
  return out;
}

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

namespace {

std::vector<RuleRow> combine_rules(const std::vector<FileEvaluation>& files,
                                   const std::vector<const CompiledPack*>& judged) {
  // by pack, rule and id: the model has one row per id it finds
  std::map<std::tuple<std::string_view, std::string_view, std::string_view>, RuleRow> rows;
  for (const CompiledPack* pack : judged) {
    const std::string& id = pack->pack().manifest.id;
    for (const CompiledRule& rule : pack->rules())
      rows.try_emplace({id, rule.rule->id, rule.code->id}, RuleRow{id, rule.rule->id, rule.code->id});
  }
  for (const FileEvaluation& file : files) {
    for (const RuleRow& r : file.rules)
      rows.try_emplace({r.pack, r.rule, r.code}, RuleRow{r.pack, r.rule, r.code}).first->second += r;
  }
  std::vector<RuleRow> out;
  out.reserve(rows.size());
  for (auto& [key, row] : rows) out.push_back(std::move(row));
  sort_rules(out);
  return out;
}

}  // namespace

Evaluation combine(std::vector<FileEvaluation> files, const std::vector<const CompiledPack*>& judged) {
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
  out.rules = combine_rules(files, judged);
  out.files = std::move(files);
  return out;
}

}  // namespace ruptag
