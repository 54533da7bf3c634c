#include "ruptag/render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
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

std::string count_of(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
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

std::string speaker_text(const Transcript& transcript, const Turn& turn, bool redact) {
  std::string out(to_string(turn.speaker));
  if (!redact && transcript.roles != RoleSource::labels && !turn.label.empty())
    out += " (" + turn.label + ")";
  return out;
}

std::vector<std::string> redacted_warnings(const std::vector<std::string>& warnings) {
  if (warnings.empty()) return {};
  return {fmt::format("{} {} while reading (left out by --redact)", warnings.size(),
                      warnings.size() == 1 ? "warning" : "warnings")};
}

std::string describe_cues(const std::vector<Cue>& cues) {
  std::vector<std::string> names;
  for (const Cue& cue : cues) {
    std::string name = describe(cue);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
  }
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "cue: " : ", ") + name;
  return out;
}

std::string format_time(double seconds) {
  const auto total = static_cast<long long>(std::floor(seconds));
  const long long h = total / 3600;
  const long long m = (total / 60) % 60;
  const long long s = total % 60;
  return h > 0 ? fmt::format("{}:{:02}:{:02}", h, m, s) : fmt::format("{}:{:02}", m, s);
}

}  // namespace ruptag
