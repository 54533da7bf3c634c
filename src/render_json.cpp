#include "ruptag/render_json.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "ruptag/encoding.hpp"

namespace ruptag {
namespace {

using json = nlohmann::ordered_json;

// A number, or null when there is none.
json optional_number(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}
json optional_number(const std::optional<std::size_t>& value) {
  return value ? json(*value) : json(nullptr);
}

// Appends `s` as a JSON string, byte for byte as nlohmann's dump() writes it: `"` and `\`
// escaped, control characters as \b \f \n \r \t or \u00xx, UTF-8 as it is. Text that is
// not UTF-8 goes to dump(), which throws as a tree's dump() would.
void append_json_string(std::string& out, std::string_view s) {
  const bool ascii =
      std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (!ascii && find_invalid_utf8(s) != std::string_view::npos) {
    out += json(std::string(s)).dump();
    return;
  }
  out += '"';
  std::size_t plain = 0;  // start of the run of bytes copied as they are
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        constexpr const char* hex = "0123456789abcdef";
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 0xF];
      }
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out += '"';
}

// A report's fields are written through one of these two, so that the JSON document's
// tree and a JSON Lines line hold the same fields in the same order: value(key, v),
// object(key, fill) and array(key, fill), where fill gets a writer for the inside; in an
// array, object(fill) adds an element.

// Builds a tree: an object (or, for array(), an array) of nlohmann::ordered_json.
class JsonTree {
 public:
  explicit JsonTree(json& node) : node_(node) {}

  template <typename V>
  void value(const char* key, const V& v) {
    add(key, make(v));
  }
  template <typename Fill>
  void object(const char* key, Fill fill) {
    add(key, filled(json::object(), fill));
  }
  template <typename Fill>
  void array(const char* key, Fill fill) {
    add(key, filled(json::array(), fill));
  }
  template <typename Fill>
  void object(Fill fill) {
    node_.push_back(filled(json::object(), fill));
  }

 private:
  // `inner` (an empty object or array) as `fill` fills it.
  template <typename Fill>
  static json filled(json inner, Fill fill) {
    JsonTree writer(inner);
    fill(writer);
    return inner;
  }
  template <typename V>
  static json make(const V& v) {
    if constexpr (std::is_same_v<V, std::string_view>) {
      return json(std::string(v));
    } else if constexpr (std::is_same_v<V, std::optional<double>>) {
      return optional_number(v);
    } else {
      return json(v);
    }
  }
  // Moved in: an initializer list would copy each field.
  void add(const char* key, json value) {
    node_.get_ref<json::object_t&>().emplace_back(key, std::move(value));
  }

  json& node_;
};

// Appends compact JSON text to a string, as nlohmann's dump() would write the tree.
class JsonText {
 public:
  // `first`: whether the next field or element is the first of its object or array.
  explicit JsonText(std::string& out, bool first = true) : out_(out), first_(first) {}

  template <typename V>
  void value(const char* key, const V& v) {
    name(key);
    write(v);
  }
  template <typename Fill>
  void object(const char* key, Fill fill) {
    name(key);
    nested('{', '}', fill);
  }
  template <typename Fill>
  void array(const char* key, Fill fill) {
    name(key);
    nested('[', ']', fill);
  }
  template <typename Fill>
  void object(Fill fill) {
    if (!first_) out_ += ',';
    first_ = false;
    nested('{', '}', fill);
  }

 private:
  void name(std::string_view key) {
    if (!first_) out_ += ',';
    first_ = false;
    append_json_string(out_, key);
    out_ += ':';
  }
  template <typename Fill>
  void nested(char open, char close, Fill fill) {
    out_ += open;
    JsonText inner(out_);
    fill(inner);
    out_ += close;
  }
  void write(std::string_view s) { append_json_string(out_, s); }
  void write(const std::string& s) { append_json_string(out_, s); }
  void write(std::nullptr_t) { out_ += "null"; }
  void write(double v) { out_ += json(v).dump(); }  // nlohmann's shortest form ("1.0", "0.5")
  void write(const std::optional<double>& v) {
    if (v) {
      write(*v);
    } else {
      write(nullptr);
    }
  }
  void write(std::size_t v) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
    out_.append(digits, end);
  }

  std::string& out_;
  bool first_;
};

// The fields of finding `index` of `report`, as docs/output.md lists them (without
// "suggested_repairs"); with `redact`, "evidence" and "text" are null.
template <typename Writer>
void finding_fields(Writer& out, const FileReport& report, std::size_t index, bool redact) {
  const RulePack& pack = report.pack->pack();
  const Finding& f = report.findings[index];
  const Turn& turn = report.transcript.turn(f.turn);
  const CodeDef* code = pack.find_code(f.marker);
  out.value("marker", f.marker);
  out.value("category", to_string(f.category));
  out.value("name", code != nullptr ? code->name : f.marker);
  out.value("line", turn.line);
  out.value("turn", f.turn);
  out.value("speaker", to_string(turn.speaker));
  out.value("time", turn.time);
  out.value("rule", f.rule);
  out.value("strength", f.strength);
  if (redact) {
    out.value("evidence", nullptr);
  } else {
    out.value("evidence", evidence_text(turn.text, f.spans));
  }
  if (f.rule == model_rule_id) {
    out.object("weighed", [&](auto& o) {
      o.value("turn", f.weighed[0]);
      o.value("before", f.weighed[1]);
      o.value("answer", f.weighed[2]);
    });
  } else {
    out.value("weighed", nullptr);
  }
  out.array("cues", [&](auto& cues) {
    for (const Cue& cue : f.cues) {
      cues.object([&](auto& o) {
        o.value("kind", to_string(cue.kind));
        o.value("seconds", cue.seconds);
      });
    }
  });
  if (redact) {
    out.value("text", nullptr);
  } else {
    out.value("text", turn.text);
  }
  const auto& outcome = report.outcomes[index];
  if (outcome) {
    out.value("status", to_string(outcome->status));
  } else {
    out.value("status", nullptr);
  }
  if (outcome && outcome->addressed_by) {
    const RepairLink& link = *outcome->addressed_by;
    const Finding& repair = report.findings[link.finding];
    const CodeDef* repair_code = pack.find_code(repair.marker);
    out.object("addressed_by", [&](auto& o) {
      o.value("marker", repair.marker);
      o.value("name", repair_code != nullptr ? repair_code->name : repair.marker);
      o.value("line", report.transcript.turn(link.turn).line);
      o.value("turn", link.turn);
      o.value("turns_later", link.turns_later);
    });
  } else {
    out.value("addressed_by", nullptr);
  }
}

json finding_to_json(const FileReport& report, std::size_t index, bool redact);
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
    std::string head = "{\"path\":";
    append_json_string(head, report.path);
    head += ",\"language\":";
    append_json_string(head, report.language);
    std::string text;
    for (std::size_t i = 0; i < report.findings.size(); ++i) {
      text = head;
      JsonText fields(text, false);  // after "language"
      finding_fields(fields, report, i, redact_);
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

json finding_to_json(const FileReport& report, std::size_t index, bool redact) {
  json out = json::object();
  out.get_ref<json::object_t&>().reserve(15);
  JsonTree fields(out);
  finding_fields(fields, report, index, redact);
  if (report.outcomes[index]) {
    out["suggested_repairs"] =
        suggested_repairs(report.pack->pack(), report.pack->pack().find_code(report.findings[index].marker));
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
