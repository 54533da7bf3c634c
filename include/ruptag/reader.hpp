#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ruptag/transcript.hpp"

namespace ruptag {

/// How to recognise speakers. Labels compare case- and diacritic-insensitively.
struct ReaderOptions {
  std::vector<std::string> therapist_labels{"T",         "Th",         "Therapeut",  "Therapist",
                                            "Counselor", "Counsellor", "Behandelaar"};
  std::vector<std::string> patient_labels{"P", "Pt", "Patiënt", "Patient", "C", "Cl", "Cliënt", "Client"};
  bool strict = false;  ///< invalid UTF-8 is an error instead of a Windows-1252 fallback
};

/// The three transcript formats the reader understands.
enum class TranscriptFormat { text, webvtt, srt };

/// Chooses the format from the path's extension (.vtt, .srt), else from the content.
TranscriptFormat detect_format(std::string_view path, std::string_view content);

/// Parses a transcript. `path` is used only in messages and copied to the result.
/// Plain text: a turn starts at a line "LABEL:" (optionally with a timestamp before or
/// after the label); other lines continue the turn; text before the first turn is a
/// header. WebVTT and SRT: each cue's speaker comes from a "<v LABEL>" tag or a
/// "LABEL:" prefix, and consecutive cues of one speaker form one turn.
/// Throws Error (exit 2) when no turn is found, or on invalid UTF-8 in strict mode.
Transcript parse_transcript(std::string_view content, std::string_view path, const ReaderOptions& options);

/// Reads and parses a file; "-" reads standard input. Throws Error (exit 2) naming the
/// file when it cannot be read.
Transcript read_transcript(const std::string& path, const ReaderOptions& options);

/// Reads a whole file (or stdin for "-") into memory. Throws Error (exit 2) on failure.
std::string read_file(const std::string& path);

/// The bracketed non-verbal notes of a turn's text ("(laughs)", "[pause]": up to 40
/// bytes with a letter, not a timestamp), as [begin, end) byte ranges of their insides.
std::vector<std::pair<std::size_t, std::size_t>> find_notes(std::string_view text);

/// Parses "[00:12:34]", "00:12:34", "(12:34)", "1:02:03.5" at the start of `text`.
/// On success returns seconds and sets `consumed` to the characters used.
std::optional<double> parse_timestamp(std::string_view text, std::size_t& consumed);

}  // namespace ruptag
