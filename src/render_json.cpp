#include "ruptag/render_json.hpp"

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ruptag {
namespace {

using json = nlohmann::ordered_json;

json finding_to_json(const FileReport& report, std::size_t index, bool redact, bool with_repairs = true);
json suggested_repairs(const RulePack& pack, const CodeDef* code);

// Writes the document piece by piece so that files are never all held at once.
class JsonRenderer final : public Renderer {
 public:
  JsonRenderer(bool redact, std::ostream& out) : redact_(redact), out_(out) {}

  void begin() override {
    out_ << "{\n  \"schema\": " << json_schema_version
         << ",\n  \"tool\": " << json{{"name", "ruptag"}, {"version", RUPTAG_VERSION}}.dump()
         << ",\n  \"files\": [";
  }

  void file(const FileReport& report) override {
    out_ << (first_ ? "\n    " : ",\n    ") << indent(file_to_json(report, redact_).dump(2), 4);
    first_ = false;
  }

  void failed(const std::string& path, const std::string& message) override {
    errors_.push_back({{"path", path}, {"error", message}});
  }

  void end() override {
    out_ << (first_ ? "],\n" : "\n  ],\n") << "  \"errors\": " << indent(errors_.dump(2), 2) << "\n}\n";
  }

 private:
  static std::string indent(const std::string& text, int spaces) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
      out += c;
      if (c == '\n') out.append(static_cast<std::size_t>(spaces), ' ');
    }
    return out;
  }

  bool redact_;
  std::ostream& out_;
  bool first_ = true;
  json errors_ = json::array();
};

class JsonlRenderer final : public Renderer {
 public:
  JsonlRenderer(bool redact, std::ostream& out) : redact_(redact), out_(out) {}

  // A line is the finding's object with "path" and "language" first; its last field,
  // the suggested repairs, depends only on the marker and is written once per marker.
  void file(const FileReport& report) override {
    if (report.findings.empty()) return;
    const std::string head =
        "{\"path\":" + json(report.path).dump() + ",\"language\":" + json(report.language).dump() + ',';
    std::string text;
    for (std::size_t i = 0; i < report.findings.size(); ++i) {
      const std::string body = finding_to_json(report, i, redact_, false).dump();
      text = head;
      text.append(body, 1, body.size() - 2);  // without its braces
      if (report.outcomes[i]) {
        text += ",\"suggested_repairs\":";
        text += repairs_of(report, report.findings[i].marker);
      }
      text += "}\n";
      // Written at once: a stream would take the text char by char.
      out_.write(text.data(), static_cast<std::streamsize>(text.size()));
    }
  }

  void failed(const std::string& /*path*/, const std::string& /*message*/) override {}

 private:
  // The JSON text of the repairs suggested for `marker` in the report's pack.
  const std::string& repairs_of(const FileReport& report, const std::string& marker) {
    const RulePack& pack = report.pack->pack();
    const CodeDef* code = pack.find_code(marker);
    auto [at, added] = repairs_.try_emplace({&pack, code});
    if (added) {
      at->second = suggested_repairs(pack, code).dump();
      packs_.push_back(report.pack);  // the key's pack stays alive as long as the text
    }
    return at->second;
  }

  bool redact_;
  std::ostream& out_;
  std::map<std::pair<const RulePack*, const CodeDef*>, std::string> repairs_;
  std::vector<std::shared_ptr<const CompiledPack>> packs_;
};

}  // namespace

namespace {

json optional_number(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}
json optional_number(const std::optional<std::size_t>& value) {
  return value ? json(*value) : json(nullptr);
}

json counts(const std::map<std::string, int>& map) {
  json out = json::object();
  for (const auto& [id, n] : map) out[id] = n;
  return out;
}

json suggested_repairs(const RulePack& pack, const CodeDef* code) {
  json out = json::array();
  if (code == nullptr) return out;
  for (const CodeDef* repair : pack.suggested_repairs(*code)) {
    out.push_back({{"id", repair->id},
                   {"name", repair->name},
                   {"example", repair->examples.empty() ? json(nullptr) : json(repair->examples.front())}});
  }
  return out;
}

json cues_to_json(const std::vector<Cue>& cues) {
  json out = json::array();
  for (const Cue& cue : cues) {
    out.push_back({{"kind", std::string(to_string(cue.kind))}, {"seconds", optional_number(cue.seconds)}});
  }
  return out;
}

json speakers_to_json(const Transcript& transcript, bool redact) {
  json out = json::array();
  for (const SpeakerInfo& s : transcript.speakers) {
    out.push_back({{"name", redact ? json(nullptr) : json(s.name)},
                   {"role", std::string(to_string(s.role))},
                   {"guessed", s.guessed},
                   {"turns", s.turns}});
  }
  return out;
}

json finding_to_json(const FileReport& report, std::size_t index, bool redact, bool with_repairs) {
  const RulePack& pack = report.pack->pack();
  const Finding& f = report.findings[index];
  const Turn& turn = report.transcript.turn(f.turn);
  const CodeDef* code = pack.find_code(f.marker);
  // Fields are moved in one by one: an initializer list would copy each of them.
  json out = json::object();
  auto& fields = out.get_ref<json::object_t&>();
  fields.reserve(15);
  const auto add = [&](const char* key, json value) { fields.emplace_back(key, std::move(value)); };
  add("marker", f.marker);
  add("category", std::string(to_string(f.category)));
  add("name", code != nullptr ? code->name : f.marker);
  add("line", turn.line);
  add("turn", f.turn);
  add("speaker", std::string(to_string(turn.speaker)));
  add("time", optional_number(turn.time));
  add("rule", f.rule);
  add("strength", f.strength);
  add("evidence", redact ? json(nullptr) : json(evidence_text(turn.text, f.spans)));
  add("cues", cues_to_json(f.cues));
  add("text", redact ? json(nullptr) : json(turn.text));
  add("status", nullptr);
  add("addressed_by", nullptr);
  if (const auto& outcome = report.outcomes[index]) {
    out["status"] = std::string(to_string(outcome->status));
    if (outcome->addressed_by) {
      const RepairLink& link = *outcome->addressed_by;
      const Finding& repair = report.findings[link.finding];
      const CodeDef* repair_code = pack.find_code(repair.marker);
      out["addressed_by"] = {{"marker", repair.marker},
                             {"name", repair_code != nullptr ? repair_code->name : repair.marker},
                             {"line", report.transcript.turn(link.turn).line},
                             {"turn", link.turn},
                             {"turns_later", link.turns_later}};
    }
    if (with_repairs) out["suggested_repairs"] = suggested_repairs(pack, code);
  }
  return out;
}

json segment_to_json(const Segment& s) {
  return {{"index", s.index},
          {"start_line", optional_number(s.start_line)},
          {"end_line", optional_number(s.end_line)},
          {"start_time", optional_number(s.start_time)},
          {"end_time", optional_number(s.end_time)},
          {"markers", counts(s.markers)},
          {"withdrawal_salience", s.withdrawal_salience},
          {"confrontation_salience", s.confrontation_salience},
          {"repairs", counts(s.repairs)}};
}

json summary_to_json(const SessionSummary& s) {
  json stretch = nullptr;
  if (s.longest_unaddressed) {
    stretch = {{"turns", s.longest_unaddressed->turns},
               {"start_line", s.longest_unaddressed->start_line},
               {"end_line", s.longest_unaddressed->end_line}};
  }
  return {{"turns", s.turns},
          {"patient_turns", s.patient_turns},
          {"therapist_turns", s.therapist_turns},
          {"other_turns", s.other_turns},
          {"markers", counts(s.markers)},
          {"repairs", counts(s.repair_counts)},
          {"categories",
           {{"withdrawal", s.withdrawal}, {"confrontation", s.confrontation}, {"repair", s.repairs}}},
          {"ruptures", s.ruptures},
          {"ruptures_per_100_patient_turns", s.ruptures_per_100_patient_turns},
          {"addressed", s.addressed},
          {"resolved", s.resolved},
          {"share_addressed", s.share_addressed},
          {"share_resolved", s.share_resolved},
          {"most_frequent_marker", s.most_frequent_marker ? json(*s.most_frequent_marker) : json(nullptr)},
          {"longest_unaddressed_stretch", stretch}};
}

}  // namespace

json file_to_json(const FileReport& report, bool redact) {
  const RulePack& pack = report.pack->pack();
  json findings = json::array();
  for (std::size_t i = 0; i < report.findings.size(); ++i)
    findings.push_back(finding_to_json(report, i, redact));
  json segments = json::array();
  for (const auto& s : report.segments) segments.push_back(segment_to_json(s));
  return {
      {"path", report.path},
      {"language", report.language},
      {"pack", {{"id", pack.manifest.id}, {"version", pack.manifest.version}}},
      {"format", report.transcript.format},
      {"turns", report.transcript.turn_count()},
      {"roles", std::string(to_string(report.transcript.roles))},
      {"speakers", speakers_to_json(report.transcript, redact)},
      {"warnings", redact ? redacted_warnings(report.transcript.warnings) : report.transcript.warnings},
      {"summary", summary_to_json(report.summary)},
      {"findings", std::move(findings)},
      {"segments", std::move(segments)},
  };
}

std::unique_ptr<Renderer> make_json_renderer(const RenderOptions& options, std::ostream& out) {
  return std::make_unique<JsonRenderer>(options.redact, out);
}

std::unique_ptr<Renderer> make_jsonl_renderer(const RenderOptions& options, std::ostream& out) {
  return std::make_unique<JsonlRenderer>(options.redact, out);
}

}  // namespace ruptag
