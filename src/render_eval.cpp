#include "ruptag/render_eval.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>

#include "ruptag/render_csv.hpp"

namespace ruptag {

std::optional<EvalFormat> parse_eval_format(std::string_view name) {
  if (name == "text") return EvalFormat::text;
  if (name == "json") return EvalFormat::json;
  if (name == "csv") return EvalFormat::csv;
  return std::nullopt;
}

namespace {

using json = nlohmann::ordered_json;

json rows_to_json(const std::vector<AgreementRow>& rows) {
  json out = json::array();
  for (const AgreementRow& r : rows) {
    out.push_back({{"code", r.code},
                   {"tp", r.table.tp},
                   {"fp", r.table.fp},
                   {"fn", r.table.fn},
                   {"tn", r.table.tn},
                   {"precision", r.stats.precision},
                   {"recall", r.stats.recall},
                   {"f1", r.stats.f1},
                   {"kappa", r.stats.kappa},
                   {"ac1", r.stats.ac1}});
  }
  return out;
}

json rules_to_json(const std::vector<RuleRow>& rows) {
  json out = json::array();
  for (const RuleRow& r : rows) {
    const auto precision = r.precision();
    out.push_back({{"pack", r.pack},
                   {"rule", r.rule},
                   {"code", r.code},
                   {"fired", r.fired},
                   {"tp", r.tp},
                   {"fp", r.fp()},
                   {"other_code", r.other_code},
                   {"uncoded", r.uncoded},
                   {"precision", precision ? json(*precision) : json(nullptr)},
                   {"alone_tp", r.alone_tp},
                   {"alone_fp", r.alone_fp}});
  }
  return out;
}

// The units and the turn- and segment-level tables, added to `doc`.
void add_units(json& doc, const UnitTables& t) {
  doc["patient_turns"] = t.patient_turns;
  doc["therapist_turns"] = t.therapist_turns;
  doc["segments"] = t.segments;
  doc["turn_level"] = rows_to_json(t.turn_level);
  doc["segment_level"] = rows_to_json(t.segment_level);
}

void write_json(const Evaluation& e, const EvalSources& sources, const EvalRenderOptions& options,
                std::ostream& out) {
  json doc{{"tool", {{"name", "ruptag"}, {"version", RUPTAG_VERSION}}},
           {"gold", sources.gold},
           {"compared", sources.compared},
           {"gold_rows_dropped", sources.gold_dropped}};
  if (sources.compared != "ruptag") doc["compared_rows_dropped"] = sources.compared_dropped;
  doc["sessions"] = e.files.size();
  add_units(doc, e);
  json sessions = json::array();
  for (const CorrelationRow& r : e.session_level) {
    sessions.push_back({{"code", r.code},
                        {"gold", r.gold},
                        {"compared", r.other},
                        {"spearman", r.spearman},
                        {"icc", r.icc}});
  }
  doc["session_level"] = sessions;
  if (options.by_rule) doc["by_rule"] = rules_to_json(e.rules);
  if (options.by_file) {
    json files = json::array();
    for (const FileEvaluation& f : e.files) {
      json counts = json::array();
      for (const CountRow& c : f.counts)
        counts.push_back({{"code", c.code}, {"gold", c.gold}, {"compared", c.other}});
      json file{{"path", f.path}};
      add_units(file, f);
      file["counts"] = counts;
      if (options.by_rule) file["by_rule"] = rules_to_json(f.rules);
      files.push_back(file);
    }
    doc["by_file"] = files;
  }
  json errors = json::array();
  for (const auto& [path, reason] : sources.failed) errors.push_back({{"path", path}, {"error", reason}});
  doc["errors"] = errors;
  out << doc.dump(2) << '\n';
}

// Writes rows of the tidy table; with --by-rule every row has the rule columns, empty
// but in rule rows.
class CsvTable {
 public:
  CsvTable(std::ostream& out, bool by_rule) : out_(out), by_rule_(by_rule) {}

  void header() {
    std::vector<std::string> names{"level", "file", "code",      "units",    "tp", "fp",
                                   "fn",    "tn",   "precision", "recall",   "f1", "kappa",
                                   "ac1",   "gold", "compared",  "spearman", "icc"};
    if (by_rule_) names.insert(names.end(), rule_columns.begin(), rule_columns.end());
    write_csv_row(out_, names);
  }

  void row(std::vector<std::string> fields) {
    if (by_rule_) fields.resize(fields.size() + rule_columns.size());
    write_csv_row(out_, fields);
  }

  void agreement(std::string_view level, const std::string& file, const std::vector<AgreementRow>& rows) {
    for (const AgreementRow& r : rows) {
      const Confusion& t = r.table;
      row({std::string(level), file, r.code, fmt::format("{}", t.units()), fmt::format("{}", t.tp),
           fmt::format("{}", t.fp), fmt::format("{}", t.fn), fmt::format("{}", t.tn),
           fmt::format("{}", r.stats.precision), fmt::format("{}", r.stats.recall),
           fmt::format("{}", r.stats.f1), fmt::format("{}", r.stats.kappa), fmt::format("{}", r.stats.ac1),
           fmt::format("{}", t.tp + t.fn), fmt::format("{}", t.tp + t.fp), "", ""});
    }
  }

  void rules(const std::string& file, const std::vector<RuleRow>& rows) {
    for (const RuleRow& r : rows) {
      const auto precision = r.precision();
      write_csv_row(out_, {"rule",
                           file,
                           r.code,
                           "",
                           fmt::format("{}", r.tp),
                           fmt::format("{}", r.fp()),
                           "",
                           "",
                           precision ? fmt::format("{}", *precision) : "",
                           "",
                           "",
                           "",
                           "",
                           "",
                           fmt::format("{}", r.fired),
                           "",
                           "",
                           r.pack,
                           r.rule,
                           fmt::format("{}", r.fired),
                           fmt::format("{}", r.other_code),
                           fmt::format("{}", r.uncoded),
                           fmt::format("{}", r.alone_tp),
                           fmt::format("{}", r.alone_fp)});
    }
  }

 private:
  static constexpr std::array<std::string_view, 7> rule_columns{
      "pack", "rule", "fired", "other_code", "uncoded", "alone_tp", "alone_fp"};
  std::ostream& out_;
  bool by_rule_;
};

void write_csv(const Evaluation& e, const EvalRenderOptions& options, std::ostream& out) {
  CsvTable csv(out, options.by_rule);
  csv.header();
  csv.agreement("turn", "", e.turn_level);
  csv.agreement("segment", "", e.segment_level);
  for (const CorrelationRow& r : e.session_level) {
    csv.row({"session", "", r.code, fmt::format("{}", e.files.size()), "", "", "", "", "", "", "", "", "",
             fmt::format("{}", r.gold), fmt::format("{}", r.other), fmt::format("{}", r.spearman),
             fmt::format("{}", r.icc)});
  }
  if (options.by_rule) csv.rules("", e.rules);
  if (!options.by_file) return;
  for (const FileEvaluation& f : e.files) {
    csv.agreement("turn", f.path, f.turn_level);
    csv.agreement("segment", f.path, f.segment_level);
    for (const CountRow& c : f.counts) {
      csv.row({"session", f.path, c.code, "1", "", "", "", "", "", "", "", "", "", fmt::format("{}", c.gold),
               fmt::format("{}", c.other), "", ""});
    }
    if (options.by_rule) csv.rules(f.path, f.rules);
  }
}

constexpr int code_width = 28;

// A statistic with three decimals; a value that rounds to zero prints as 0.000, never -0.000.
std::string fixed(double value) {
  std::string text = fmt::format("{:.3f}", value);
  return text == "-0.000" ? "0.000" : text;
}

void write_text_table(std::ostream& out, const std::string& title, const std::vector<AgreementRow>& rows) {
  out << title << '\n'
      << fmt::format("{:<{}} {:>6} {:>5} {:>5} {:>5}  {:>9} {:>6} {:>6} {:>6} {:>6}\n", "code", code_width,
                     "units", "tp", "fp", "fn", "precision", "recall", "F1", "kappa", "AC1");
  for (const AgreementRow& r : rows) {
    out << fmt::format("{:<{}} {:>6} {:>5} {:>5} {:>5}  {:>9} {:>6} {:>6} {:>6} {:>6}\n", r.code, code_width,
                       r.table.units(), r.table.tp, r.table.fp, r.table.fn, fixed(r.stats.precision),
                       fixed(r.stats.recall), fixed(r.stats.f1), fixed(r.stats.kappa), fixed(r.stats.ac1));
  }
  out << '\n';
}

// `words` after `lead` as a paragraph of at most 100 columns, the words separated by
// commas, continuation lines indented by two spaces.
void write_wrapped(std::ostream& out, std::string lead, const std::vector<std::string_view>& words) {
  std::size_t column = lead.size();
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string word = fmt::format(" {}{}", words[i], i + 1 < words.size() ? "," : "");
    if (column + word.size() > 100) {
      lead += "\n ";
      column = 1;
    }
    lead += word;
    column += word.size();
  }
  out << lead << '\n';
}

// The rules that fired, most fp first, as a table; with `unfired`, then the ids of those
// that never fired, a paragraph per pack.
// A rule's name in the text table: the turn model's rows name the id they found.
std::string rule_label(const RuleRow& r) {
  return r.rule == model_rule_id ? fmt::format("{} ({})", r.rule, r.code) : r.rule;
}

void write_text_rules(std::ostream& out, const std::vector<RuleRow>& rows, bool unfired) {
  std::vector<const RuleRow*> fired;
  std::map<std::string_view, std::pair<std::size_t, std::vector<std::string_view>>>
      packs;  // rules, never fired
  std::size_t width = 4;
  for (const RuleRow& r : rows) {
    auto& [count, never] = packs[r.pack];
    ++count;
    if (r.fired == 0) {
      never.push_back(r.rule);
      continue;
    }
    fired.push_back(&r);
    width = std::max(width, rule_label(r).size());
  }
  const bool several = packs.size() > 1;
  const auto line = [&](std::string_view pack, std::string_view rule, const auto&... columns) {
    if (several) out << fmt::format("{:<12} ", pack);
    out << fmt::format("{:<{}} {:>6} {:>5} {:>5} {:>6} {:>8}  {:>9} {:>9} {:>9}\n", rule, width, columns...);
  };
  line("pack", "rule", "fired", "tp", "fp", "other", "uncoded", "precision", "alone tp", "alone fp");
  for (const RuleRow* r : fired) {
    line(r->pack, rule_label(*r), r->fired, r->tp, r->fp(), r->other_code, r->uncoded, fixed(*r->precision()),
         r->alone_tp, r->alone_fp);
  }
  if (fired.empty()) out << "(no rule fired)\n";
  if (!unfired) return;
  for (const auto& [pack, rules] : packs) {
    const auto& [count, never] = rules;
    if (never.empty()) continue;
    out << '\n';
    write_wrapped(out,
                  fmt::format("Never fired{} ({} of {} rules):", several ? fmt::format(" in {}", pack) : "",
                              never.size(), count),
                  never);
  }
}

void write_text(const Evaluation& e, const EvalSources& sources, const EvalRenderOptions& options,
                std::ostream& out) {
  const bool tool = sources.compared == "ruptag";
  const std::string other = tool ? "tool" : "vs";
  out << fmt::format("Agreement of {} with the gold codes of {}\n", tool ? "ruptag" : sources.compared,
                     sources.gold)
      << fmt::format("{} {}, {} patient turns, {} therapist turns, {} segments; gold rows dropped: {}",
                     e.files.size(), e.files.size() == 1 ? "session" : "sessions", e.patient_turns,
                     e.therapist_turns, e.segments, sources.gold_dropped);
  if (!tool) out << fmt::format(", {} rows dropped: {}", sources.compared, sources.compared_dropped);
  out << "\n\n";
  write_text_table(out, "Turn level (markers over patient turns, repairs over therapist turns)",
                   e.turn_level);
  write_text_table(out, "Segment level (presence in each segment with a turn of that speaker)",
                   e.segment_level);
  out << fmt::format("Session level (codes per session, {} sessions)\n", e.files.size())
      << fmt::format("{:<{}} {:>6} {:>6}  {:>8} {:>6}\n", "code", code_width, "gold", other, "spearman",
                     "ICC");
  for (const CorrelationRow& r : e.session_level) {
    out << fmt::format("{:<{}} {:>6} {:>6}  {:>8} {:>6}\n", r.code, code_width, r.gold, r.other,
                       fixed(r.spearman), fixed(r.icc));
  }
  out << "\nA code that neither coder used has precision, recall, F1, kappa and AC1 of 1, and Spearman\n"
         "and ICC of 1 when both coders' counts are the same in every session (docs/eval.md).\n";
  if (options.by_rule) {
    out << "\nRules, most false positives first (patient turns for marker rules, therapist turns for\n"
           "repair rules; every turn a rule fired on, also where a stronger rule of its id was kept)\n";
    write_text_rules(out, e.rules, true);
    out << "\nfp = other + uncoded. other: the gold codes the turn with another marker (for a repair rule,\n"
           "another repair): the right moment, the wrong code. uncoded: the gold codes nothing there.\n"
           "alone: turns on which no other rule of the same id fired, what switching the rule off removes.\n";
  }
  for (const auto& [path, reason] : sources.failed) out << "not read: " << path << ": " << reason << '\n';
  if (!options.by_file) return;
  for (const FileEvaluation& f : e.files) {
    out << fmt::format("\n== {}  ({} patient turns, {} therapist turns, {} segments)\n\n", f.path,
                       f.patient_turns, f.therapist_turns, f.segments);
    write_text_table(out, "Turn level", f.turn_level);
    write_text_table(out, "Segment level", f.segment_level);
    out << "Counts\n" << fmt::format("{:<{}} {:>6} {:>6}\n", "code", code_width, "gold", other);
    for (const CountRow& c : f.counts)
      out << fmt::format("{:<{}} {:>6} {:>6}\n", c.code, code_width, c.gold, c.other);
    if (options.by_rule) {
      out << "\nRules\n";
      write_text_rules(out, f.rules, false);
    }
  }
}

}  // namespace

void render_evaluation(const Evaluation& evaluation, const EvalSources& sources,
                       const EvalRenderOptions& options, std::ostream& out) {
  switch (options.format) {
    case EvalFormat::json: write_json(evaluation, sources, options, out); return;
    case EvalFormat::csv: write_csv(evaluation, options, out); return;
    case EvalFormat::text: write_text(evaluation, sources, options, out); return;
  }
}

}  // namespace ruptag
