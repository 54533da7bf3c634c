#include "ruptag/render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "ruptag/render_csv.hpp"
#include "ruptag/render_html.hpp"
#include "ruptag/render_json.hpp"
#include "ruptag/render_text.hpp"

namespace ruptag {
namespace {
constexpr std::array<std::pair<std::string_view, Format>, 8> formats{{
    {"text", Format::text},
    {"json", Format::json},
    {"jsonl", Format::jsonl},
    {"csv", Format::csv},
    {"csv-segments", Format::csv_segments},
    {"csv-sessions", Format::csv_sessions},
    {"html", Format::html},
    {"gold", Format::gold},
}};
}  // namespace

std::optional<Format> parse_format(std::string_view name) {
  for (const auto& [n, f] : formats) {
    if (n == name) return f;
  }
  return std::nullopt;
}

bool lists_segments(Format format) {
  return format == Format::json || format == Format::jsonl || format == Format::csv_segments ||
         format == Format::html;
}

bool shows_every_turn(Format format) {
  return format == Format::html;
}

std::string format_names() {
  std::string out;
  for (const auto& [n, f] : formats) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

std::unique_ptr<Renderer> make_renderer(const RenderOptions& options, std::ostream& out) {
  switch (options.format) {
    case Format::json: return make_json_renderer(options, out);
    case Format::jsonl: return make_jsonl_renderer(options, out);
    case Format::csv: return make_csv_renderer(options, out);
    case Format::csv_segments: return make_csv_segments_renderer(options, out);
    case Format::csv_sessions: return make_csv_sessions_renderer(options, out);
    case Format::html: return make_html_renderer(options, out);
    case Format::gold: return make_gold_renderer(options, out);
    case Format::text: break;
  }
  return make_text_renderer(options, out);
}

const UiText& report_ui(const RenderOptions& options, const FileReport& report) {
  return ui_text(options.ui_language.empty() ? report.language : options.ui_language);
}

std::string speaker_text(const UiText& ui, const Transcript& transcript, const Turn& turn, bool redact) {
  static constexpr std::array<Msg, 3> roles{Msg::speaker_patient, Msg::speaker_therapist, Msg::speaker_other};
  std::string out = ui[roles.at(static_cast<std::size_t>(turn.speaker))];
  if (!redact && transcript.roles != RoleSource::labels && !turn.label.empty())
    out += " (" + turn.label + ")";
  return out;
}

std::vector<std::string> redacted_warnings(const std::vector<std::string>& warnings) {
  if (warnings.empty()) return {};
  return {fmt::format("{} {} while reading (left out by --redact)", warnings.size(),
                      warnings.size() == 1 ? "warning" : "warnings")};
}

std::string describe_cues(const UiText& ui, const std::vector<Cue>& cues) {
  static constexpr std::array<Msg, 10> kinds{
      Msg::cue_pause,   Msg::cue_silence,  Msg::cue_laughter, Msg::cue_sigh,    Msg::cue_crying,
      Msg::cue_overlap, Msg::cue_latching, Msg::cue_unclear,  Msg::cue_gesture, Msg::cue_note};
  std::vector<std::string> names;
  for (const Cue& cue : cues) {
    const std::string& kind = ui[kinds.at(static_cast<std::size_t>(cue.kind))];
    std::string name = cue.seconds ? ui.format(Msg::cue_seconds, fmt::arg("kind", kind),
                                               fmt::arg("seconds", ui.shortest(*cue.seconds)))
                                   : kind;
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
  }
  if (names.empty()) return {};
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
  return ui.count(Msg::cue_list, names.size(), fmt::arg("cues", list));
}

std::string describe_weighed(const UiText& ui, const Finding& finding) {
  static constexpr std::array<Msg, 3> sources{Msg::model_turn, Msg::model_before, Msg::model_answer};
  std::array<std::size_t, 3> order{0, 1, 2};
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return finding.weighed.at(a) > finding.weighed.at(b);
  });
  std::string list;
  for (const std::size_t s : order) {
    if (finding.weighed.at(s) <= 0) continue;
    list += (list.empty() ? "" : ", ") +
            ui.format(sources.at(s), fmt::arg("share", ui.percent(finding.weighed.at(s))));
  }
  return list;
}

// The messages of an enum's values, in declaration order.
constexpr std::array<Msg, 3> category_msgs{Msg::category_withdrawal, Msg::category_confrontation,
                                           Msg::category_repair};
constexpr std::array<Msg, 3> kind_msgs{Msg::kind_withdrawal, Msg::kind_confrontation, Msg::kind_repair};
constexpr std::array<Msg, 3> status_msgs{Msg::status_unaddressed, Msg::status_addressed,
                                         Msg::status_resolved};

const std::string& category_text(const UiText& ui, Category category) {
  return ui[category_msgs.at(static_cast<std::size_t>(category))];
}

const std::string& kind_text(const UiText& ui, Category category) {
  return ui[kind_msgs.at(static_cast<std::size_t>(category))];
}

const std::string& status_text(const UiText& ui, RuptureStatus status) {
  return ui[status_msgs.at(static_cast<std::size_t>(status))];
}

}  // namespace ruptag
