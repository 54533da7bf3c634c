#include "ruptag/render_eval.hpp"

#include <fmt/format.h>

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

// The units and the turn- and segment-level tables, added to `doc`.
void add_units(json& doc, const UnitTables& t) {
  doc["patient_turns"] = t.patient_turns;
  doc["therapist_turns"] = t.therapist_turns;
  doc["segments"] = t.segments;
  doc["turn_level"] = rows_to_json(t.turn_level);
  doc["segment_level"] = rows_to_json(t.segment_level);
}

void write_json(const Evaluation& e, const EvalSources& sources, bool by_file, std::ostream& out) {
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
  if (by_file) {
    json files = json::array();
    for (const FileEvaluation& f : e.files) {
      json counts = json::array();
      for (const CountRow& c : f.counts)
        counts.push_back({{"code", c.code}, {"gold", c.gold}, {"compared", c.other}});
      json file{{"path", f.path}};
      add_units(file, f);
      file["counts"] = counts;
      files.push_back(file);
    }
    doc["by_file"] = files;
  }
  json errors = json::array();
  for (const auto& [path, reason] : sources.failed) errors.push_back({{"path", path}, {"error", reason}});
  doc["errors"] = errors;
  out << doc.dump(2) << '\n';
}

void write_csv_rows(std::ostream& out, std::string_view level, const std::string& file,
                    const std::vector<AgreementRow>& rows) {
  for (const AgreementRow& r : rows) {
    const Confusion& t = r.table;
    write_csv_row(
        out, {std::string(level), file, r.code, fmt::format("{}", t.units()), fmt::format("{}", t.tp),
              fmt::format("{}", t.fp), fmt::format("{}", t.fn), fmt::format("{}", t.tn),
              fmt::format("{}", r.stats.precision), fmt::format("{}", r.stats.recall),
              fmt::format("{}", r.stats.f1), fmt::format("{}", r.stats.kappa), fmt::format("{}", r.stats.ac1),
              fmt::format("{}", t.tp + t.fn), fmt::format("{}", t.tp + t.fp), "", ""});
  }
}

void write_csv(const Evaluation& e, bool by_file, std::ostream& out) {
  write_csv_row(out, {"level", "file", "code", "units", "tp", "fp", "fn", "tn", "precision", "recall", "f1",
                      "kappa", "ac1", "gold", "compared", "spearman", "icc"});
  write_csv_rows(out, "turn", "", e.turn_level);
  write_csv_rows(out, "segment", "", e.segment_level);
  for (const CorrelationRow& r : e.session_level) {
    write_csv_row(out, {"session", "", r.code, fmt::format("{}", e.files.size()), "", "", "", "", "", "", "",
                        "", "", fmt::format("{}", r.gold), fmt::format("{}", r.other),
                        fmt::format("{}", r.spearman), fmt::format("{}", r.icc)});
  }
  if (!by_file) return;
  for (const FileEvaluation& f : e.files) {
    write_csv_rows(out, "turn", f.path, f.turn_level);
    write_csv_rows(out, "segment", f.path, f.segment_level);
    for (const CountRow& c : f.counts) {
      write_csv_row(out, {"session", f.path, c.code, "1", "", "", "", "", "", "", "", "", "",
                          fmt::format("{}", c.gold), fmt::format("{}", c.other), "", ""});
    }
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

void write_text(const Evaluation& e, const EvalSources& sources, bool by_file, std::ostream& out) {
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
  for (const auto& [path, reason] : sources.failed) out << "not read: " << path << ": " << reason << '\n';
  if (!by_file) return;
  for (const FileEvaluation& f : e.files) {
    out << fmt::format("\n== {}  ({} patient turns, {} therapist turns, {} segments)\n\n", f.path,
                       f.patient_turns, f.therapist_turns, f.segments);
    write_text_table(out, "Turn level", f.turn_level);
    write_text_table(out, "Segment level", f.segment_level);
    out << "Counts\n" << fmt::format("{:<{}} {:>6} {:>6}\n", "code", code_width, "gold", other);
    for (const CountRow& c : f.counts)
      out << fmt::format("{:<{}} {:>6} {:>6}\n", c.code, code_width, c.gold, c.other);
  }
}

}  // namespace

void render_evaluation(const Evaluation& evaluation, const EvalSources& sources,
                       const EvalRenderOptions& options, std::ostream& out) {
  switch (options.format) {
    case EvalFormat::json: write_json(evaluation, sources, options.by_file, out); return;
    case EvalFormat::csv: write_csv(evaluation, options.by_file, out); return;
    case EvalFormat::text: write_text(evaluation, sources, options.by_file, out); return;
  }
}

}  // namespace ruptag
