#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ruptag {

enum class Speaker { patient, therapist };

std::string_view to_string(Speaker speaker);

/// One speaker turn as written in the source file.
struct Turn {
  Speaker speaker = Speaker::patient;
  std::string label;              ///< the label as written ("Th", "Cliënt")
  std::string text;               ///< the words, continuation lines joined by '\n'
  std::size_t line = 0;           ///< 1-based line of the label in the source file
  std::size_t end_line = 0;       ///< 1-based line of the turn's last text line
  std::optional<double> time;     ///< seconds from the start, when the file gives it
  std::vector<std::string> cues;  ///< bracketed non-verbal notes, normalised: "laughs", "pause"
};

/// A session: its turns in order, and what the reader noticed on the way.
struct Transcript {
  std::string path;  ///< as given by the user ("-" for stdin)
  std::vector<Turn> turns;
  std::vector<std::string> warnings;  ///< e.g. "read as Windows-1252"
};

}  // namespace ruptag
