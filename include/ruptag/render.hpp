#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "ruptag/report.hpp"
#include "ruptag/ui_text.hpp"

namespace ruptag {

enum class Format { text, json, jsonl, csv, csv_segments, csv_sessions, html, gold };

/// Parses a --format value; nullopt for an unknown one.
std::optional<Format> parse_format(std::string_view name);
/// Whether a format lists a report's segments (json, jsonl, csv-segments, html).
bool lists_segments(Format format);
/// Whether a format shows every turn of a transcript, not only those with findings (html).
bool shows_every_turn(Format format);
/// The names parse_format() accepts, comma-separated.
std::string format_names();

struct RenderOptions {
  Format format = Format::text;
  bool color = false;      ///< ANSI colour (text format only)
  std::size_t width = 80;  ///< wrap width (text format only)
  bool quiet = false;      ///< text: summary lines only
  bool redact = false;     ///< leave out every word of the transcript (text, evidence, quotes)
  bool header = true;      ///< CSV: write the header row (off for shards after the first)
  /// text and HTML: the language of the report's own words (ui/); empty: each file's in
  /// the language of its pack
  std::string ui_language;
};

/// Writes reports as they arrive, so a batch never holds more than one in memory.
/// Call begin(), then file() or failed() per input in input order, then end().
class Renderer {
 public:
  virtual ~Renderer() = default;
  virtual void begin() {}
  virtual void file(const FileReport& report) = 0;
  /// An input that could not be read or parsed.
  virtual void failed(const std::string& path, const std::string& message) = 0;
  virtual void end() {}
};

/// The renderer for `options.format`, writing to `out` (which must outlive it).
std::unique_ptr<Renderer> make_renderer(const RenderOptions& options, std::ostream& out);

/// What --redact shows of a transcript's warnings (which may quote names and words):
/// "2 warnings while reading (left out by --redact)", or nothing when there are none.
std::vector<std::string> redacted_warnings(const std::vector<std::string>& warnings);

/// The UI a file's report is written in: `options.ui_language`, else the language of the
/// file's pack (English when ui/ has no such language).
const UiText& report_ui(const RenderOptions& options, const FileReport& report);

/// Who speaks a turn, for reports: the role in `ui`'s language, with the speaker's name
/// when the roles were not read from role labels ("patient (Sam)"), unless `redact`.
std::string speaker_text(const UiText& ui, const Transcript& transcript, const Turn& turn, bool redact);

/// What made a finding fire besides words: "cue: laughter, pause 2.5 s"; empty when none.
std::string describe_cues(const UiText& ui, const std::vector<Cue>& cues);

/// Where what weighed for a finding of the turn model came from, largest share first:
/// "the therapist's answer 53%, the therapist's turn before 33%, the turn 14%" (a source
/// of no weight left out); empty when nothing weighed (Finding::weighed all 0).
std::string describe_weighed(const UiText& ui, const Finding& finding);

/// The names of a category ("Withdrawal"), of its kind of finding ("withdrawal marker")
/// and of a rupture's status ("resolved"), in `ui`'s language.
const std::string& category_text(const UiText& ui, Category category);
const std::string& kind_text(const UiText& ui, Category category);
const std::string& status_text(const UiText& ui, RuptureStatus status);

}  // namespace ruptag
