#include "ruptag/render_json.hpp"

#include <string>
#include <vector>

namespace ruptag {
namespace {

using json = nlohmann::ordered_json;

// Writes the document piece by piece so that files are never all held at once.
class JsonRenderer final : public Renderer {
 public:
  explicit JsonRenderer(std::ostream& out) : out_(out) {}

  void begin() override {
    out_ << "{\n  \"schema\": " << json_schema_version
         << ",\n  \"tool\": " << json{{"name", "ruptag"}, {"version", RUPTAG_VERSION}}.dump()
         << ",\n  \"files\": [";
  }

  void file(const FileReport& report) override {
    out_ << (first_ ? "\n    " : ",\n    ") << indent(file_to_json(report).dump(2), 4);
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

  std::ostream& out_;
  bool first_ = true;
  json errors_ = json::array();
};

}  // namespace

json file_to_json(const FileReport& report) {
  const RulePack& pack = report.pack->pack();
  json findings = json::array();
  for (const auto& f : report.findings) {
    const Turn& turn = report.transcript.turns[f.turn];
    const CodeDef* code = pack.find_code(f.marker);
    findings.push_back({
        {"marker", f.marker},
        {"category", std::string(to_string(f.category))},
        {"name", code != nullptr ? code->name : f.marker},
        {"line", turn.line},
        {"turn", f.turn},
        {"speaker", std::string(to_string(turn.speaker))},
        {"time", turn.time ? json(*turn.time) : json(nullptr)},
        {"rule", f.rule},
        {"strength", f.strength},
        {"evidence", evidence_text(turn.text, f.spans)},
        {"text", turn.text},
    });
  }
  return {
      {"path", report.path},
      {"language", report.language},
      {"pack", {{"id", pack.manifest.id}, {"version", pack.manifest.version}}},
      {"turns", report.transcript.turns.size()},
      {"warnings", report.transcript.warnings},
      {"findings", std::move(findings)},
  };
}

std::unique_ptr<Renderer> make_json_renderer(std::ostream& out) {
  return std::make_unique<JsonRenderer>(out);
}

}  // namespace ruptag
