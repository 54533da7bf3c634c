#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ruptag/line_source.hpp"
#include "ruptag/speakers.hpp"
#include "ruptag/transcript.hpp"

namespace ruptag {

/// The three transcript formats the reader understands.
enum class TranscriptFormat { text, webvtt, srt };

std::string_view to_string(TranscriptFormat format);
/// Parses "text", "vtt" or "srt"; nullopt otherwise.
std::optional<TranscriptFormat> parse_transcript_format(std::string_view name);

/// How to read transcripts.
struct ReaderOptions {
  RoleLabels roles;                        ///< which speaker labels are which role
  std::optional<TranscriptFormat> format;  ///< nullopt: detect from the content
  bool strict = false;                     ///< invalid UTF-8 is an error, not Windows-1252
};

/// The format of `content`: WebVTT when it starts with "WEBVTT", SRT when its first
/// block is a cue number and a "-->" timing line; a file that starts with a timing line
/// is WebVTT or SRT as its extension says (SRT without one). Anything else is text.
TranscriptFormat detect_format(std::string_view path, std::string_view content);

/// Reads a transcript turn by turn. The constructor reads the source through for what
/// needs all of it (encoding, format, which names are speakers, each speaker's role: see
/// parse_transcript()) and throws Error (exit 2) as read_transcript() does; next() then
/// reads it once more and yields the turns in order. Held in memory: the longest line, a
/// 64 KiB chunk, the turn being assembled, and a count per speaker and per candidate name.
/// A file is read three times (four when it is Windows-1252). Limits: what cannot be read
/// twice is held whole (a pipe, on standard input or as the path), and so is UTF-16 text,
/// decoded at once.
class TurnReader {
 public:
  /// Reads a file; "-" reads standard input (named "<stdin>").
  TurnReader(const std::string& path, const ReaderOptions& options);
  /// Reads `content`. `path` is used only in messages and copied to the header.
  TurnReader(std::string content, std::string_view path, const ReaderOptions& options);
  /// Reads the lines of `source`.
  TurnReader(LineSource source, std::string_view path, const ReaderOptions& options);
  TurnReader(TurnReader&&) noexcept;
  TurnReader& operator=(TurnReader&&) noexcept;
  TurnReader(const TurnReader&) = delete;
  TurnReader& operator=(const TurnReader&) = delete;
  ~TurnReader();

  /// Everything but the turns: path, format, speakers (with their turn counts), roles and
  /// warnings. header().turns is empty.
  [[nodiscard]] const Transcript& header() const;
  /// The next turn, its speaker set and its cues found; nullopt after the last. Throws
  /// Error (exit 2) when a read fails, or on a speaker the constructor did not see (the
  /// file changed in between).
  std::optional<Turn> next();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Parses a transcript. `path` is used only in messages and copied to the result.
/// Plain text: a turn starts at a line "LABEL: text", with a timestamp before or after
/// the label ("[00:12:34] Anna:", "Anna (12:34):"), "[LABEL] text", or "LABEL 12:34"
/// alone on its line with the text below; other lines continue the turn; text before the
/// first turn is a header. A label is a role label, a name the user gave, or a name
/// (see looks_like_name()) that starts at least two lines. WebVTT and SRT: each cue's
/// speaker comes from a "<v Name>" tag or a label prefix ("SPEAKER_00:", "[SPEAKER_01]"),
/// consecutive cues of one speaker form one turn, and a gap of a second or more between
/// cues becomes a pause cue. Roles are then assigned (assign_roles()).
/// Throws Error (exit 2) when no turn is found, or on invalid UTF-8 in strict mode.
Transcript parse_transcript(std::string_view content, std::string_view path, const ReaderOptions& options);

/// Reads and parses a file; "-" reads standard input. Throws Error (exit 2) naming the
/// file when it cannot be read. The whole transcript in memory: TurnReader reads it a turn
/// at a time.
Transcript read_transcript(const std::string& path, const ReaderOptions& options);

/// Reads a whole file (or stdin for "-") into memory. Throws Error (exit 2) on failure.
std::string read_file(const std::string& path);

/// Parses "[00:12:34]", "00:12:34", "(12:34)", "1:02:03.5" at the start of `text`.
/// On success returns seconds and sets `consumed` to the characters used.
std::optional<double> parse_timestamp(std::string_view text, std::size_t& consumed);

}  // namespace ruptag
