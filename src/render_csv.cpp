#include "ruptag/render_csv.hpp"

#include <fmt/format.h>

#include <optional>
#include <vector>

#include "ruptag/catalogue.hpp"

namespace ruptag {

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

void write_csv_row(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << ',';
    out << csv_field(fields[i]);
  }
  out << "\r\n";
}

namespace {

template <typename T>
std::string optional_field(const std::optional<T>& value) {
  return value ? fmt::format("{}", *value) : std::string();
}

// Ids of the catalogue, markers or repairs, in MARKERS.md order.
std::vector<std::string> ids(bool repairs) {
  std::vector<std::string> out;
  for (const auto& e : catalogue()) {
    if ((e.category == Category::repair) == repairs) out.emplace_back(e.id);
  }
  return out;
}

int count_of(const std::map<std::string, int>& counts, const std::string& id) {
  const auto it = counts.find(id);
  return it == counts.end() ? 0 : it->second;
}

// What the three CSV renderers share: the stream, the header switch, the id columns.
class CsvTable : public Renderer {
 public:
  CsvTable(const RenderOptions& options, std::ostream& out) : header_(options.header), out_(out) {}
  void failed(const std::string& /*path*/, const std::string& /*message*/) override {}

 protected:
  bool header_;
  std::ostream& out_;
  const std::vector<std::string> markers_ = ids(false);
  const std::vector<std::string> repairs_ = ids(true);
};

class CsvRenderer final : public CsvTable {
 public:
  CsvRenderer(const RenderOptions& options, std::ostream& out)
      : CsvTable(options, out), redact_(options.redact) {}

  void begin() override {
    if (!header_) return;
    write_csv_row(
        out_, {"path", "language", "line", "turn", "time", "speaker", "marker", "category", "name", "rule",
               "strength", "status", "addressed_by", "addressed_line", "turns_later", "evidence", "text"});
  }

  void file(const FileReport& report) override {
    const RulePack& pack = report.pack->pack();
    for (std::size_t i = 0; i < report.findings.size(); ++i) {
      const Finding& f = report.findings[i];
      const Turn& turn = report.transcript.turn(f.turn);
      const CodeDef* code = pack.find_code(f.marker);
      std::string status;
      std::string by;
      std::string by_line;
      std::string later;
      if (const auto& outcome = report.outcomes[i]) {
        status = to_string(outcome->status);
        if (outcome->addressed_by) {
          by = report.findings[outcome->addressed_by->finding].marker;
          by_line = fmt::format("{}", report.transcript.turn(outcome->addressed_by->turn).line);
          later = fmt::format("{}", outcome->addressed_by->turns_later);
        }
      }
      write_csv_row(
          out_,
          {report.path, report.language, fmt::format("{}", turn.line), fmt::format("{}", f.turn),
           optional_field(turn.time), std::string(to_string(turn.speaker)), f.marker,
           std::string(to_string(f.category)), code != nullptr ? code->name : f.marker, f.rule,
           fmt::format("{}", f.strength), status, by, by_line, later,
           redact_ ? std::string() : evidence_text(turn.text, f.spans), redact_ ? std::string() : turn.text});
    }
  }

 private:
  bool redact_;
};

class CsvSegmentsRenderer final : public CsvTable {
 public:
  using CsvTable::CsvTable;

  void begin() override {
    if (!header_) return;
    std::vector<std::string> header{"path",     "language",   "segment", "start_line",
                                    "end_line", "start_time", "end_time"};
    for (const auto& id : markers_) header.push_back(id);
    header.insert(header.end(), {"withdrawal_salience", "confrontation_salience"});
    for (const auto& id : repairs_) header.push_back(id);
    write_csv_row(out_, header);
  }

  void file(const FileReport& report) override {
    for (const auto& s : report.segments) {
      std::vector<std::string> row{report.path,
                                   report.language,
                                   fmt::format("{}", s.index),
                                   optional_field(s.start_line),
                                   optional_field(s.end_line),
                                   optional_field(s.start_time),
                                   optional_field(s.end_time)};
      for (const auto& id : markers_) row.push_back(fmt::format("{}", count_of(s.markers, id)));
      row.push_back(fmt::format("{}", s.withdrawal_salience));
      row.push_back(fmt::format("{}", s.confrontation_salience));
      for (const auto& id : repairs_) row.push_back(fmt::format("{}", count_of(s.repairs, id)));
      write_csv_row(out_, row);
    }
  }
};

class CsvSessionsRenderer final : public CsvTable {
 public:
  using CsvTable::CsvTable;

  void begin() override {
    if (!header_) return;
    std::vector<std::string> header{"path",
                                    "language",
                                    "turns",
                                    "patient_turns",
                                    "therapist_turns",
                                    "withdrawal",
                                    "confrontation",
                                    "repairs",
                                    "ruptures",
                                    "ruptures_per_100_patient_turns",
                                    "addressed",
                                    "resolved",
                                    "share_addressed",
                                    "share_resolved",
                                    "most_frequent_marker",
                                    "longest_unaddressed_turns",
                                    "longest_unaddressed_start_line",
                                    "longest_unaddressed_end_line"};
    for (const auto& id : markers_) header.push_back(id);
    for (const auto& id : repairs_) header.push_back(id);
    write_csv_row(out_, header);
  }

  void file(const FileReport& report) override {
    const SessionSummary& s = report.summary;
    std::optional<std::size_t> stretch;
    std::optional<std::size_t> stretch_start;
    std::optional<std::size_t> stretch_end;
    if (s.longest_unaddressed) {
      stretch = s.longest_unaddressed->turns;
      stretch_start = s.longest_unaddressed->start_line;
      stretch_end = s.longest_unaddressed->end_line;
    }
    std::vector<std::string> row{report.path,
                                 report.language,
                                 fmt::format("{}", s.turns),
                                 fmt::format("{}", s.patient_turns),
                                 fmt::format("{}", s.therapist_turns),
                                 fmt::format("{}", s.withdrawal),
                                 fmt::format("{}", s.confrontation),
                                 fmt::format("{}", s.repairs),
                                 fmt::format("{}", s.ruptures),
                                 fmt::format("{}", s.ruptures_per_100_patient_turns),
                                 fmt::format("{}", s.addressed),
                                 fmt::format("{}", s.resolved),
                                 fmt::format("{}", s.share_addressed),
                                 fmt::format("{}", s.share_resolved),
                                 s.most_frequent_marker.value_or(""),
                                 optional_field(stretch),
                                 optional_field(stretch_start),
                                 optional_field(stretch_end)};
    for (const auto& id : markers_) row.push_back(fmt::format("{}", count_of(s.markers, id)));
    for (const auto& id : repairs_) row.push_back(fmt::format("{}", count_of(s.repair_counts, id)));
    write_csv_row(out_, row);
  }
};

class GoldRenderer final : public CsvTable {
 public:
  using CsvTable::CsvTable;

  void begin() override {
    if (header_) write_csv_row(out_, {"file", "line", "code"});
  }

  void file(const FileReport& report) override {
    for (const Finding& f : report.findings) {
      write_csv_row(out_, {report.path, fmt::format("{}", report.transcript.turn(f.turn).line), f.marker});
    }
  }
};

}  // namespace

std::unique_ptr<Renderer> make_csv_renderer(const RenderOptions& options, std::ostream& out) {
  return std::make_unique<CsvRenderer>(options, out);
}

std::unique_ptr<Renderer> make_csv_segments_renderer(const RenderOptions& options, std::ostream& out) {
  return std::make_unique<CsvSegmentsRenderer>(options, out);
}

std::unique_ptr<Renderer> make_csv_sessions_renderer(const RenderOptions& options, std::ostream& out) {
  return std::make_unique<CsvSessionsRenderer>(options, out);
}

std::unique_ptr<Renderer> make_gold_renderer(const RenderOptions& options, std::ostream& out) {
  return std::make_unique<GoldRenderer>(options, out);
}

}  // namespace ruptag
