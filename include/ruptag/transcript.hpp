#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ruptag/notation.hpp"
#include "ruptag/text.hpp"

namespace ruptag {

/// A speaker's role. Markers are looked for only in patient turns and repairs only in
/// therapist turns; an `other` speaker (an interpreter, a partner) is kept but never tagged.
enum class Speaker { patient, therapist, other };

std::string_view to_string(Speaker speaker);
/// Parses "patient", "therapist" or "other"; nullopt otherwise.
std::optional<Speaker> parse_speaker(std::string_view name);

/// How the roles of a transcript's speakers were decided.
enum class RoleSource {
  labels,   ///< every speaker had a role label (T:, Cliënt:)
  given,    ///< named by the user (--therapist, --patient, a config file's speakers:)
  guessed,  ///< at least one role was guessed (see Transcript::speakers)
};

std::string_view to_string(RoleSource source);

/// One speaker of a session, in the order they first speak.
struct SpeakerInfo {
  std::string name;  ///< the label as first written ("Dr. Jansen", "SPEAKER_01")
  Speaker role = Speaker::patient;
  bool guessed = false;
  std::size_t turns = 0;

  friend bool operator==(const SpeakerInfo&, const SpeakerInfo&) = default;
};

/// One speaker turn as written in the source file.
struct Turn {
  Speaker speaker = Speaker::patient;
  std::string label;           ///< the label as written ("Th", "Cliënt")
  std::string text;            ///< the words, continuation lines joined by '\n'
  std::size_t line = 0;        ///< 1-based line of the label in the source file
  std::size_t end_line = 0;    ///< 1-based line of the turn's last text line
  std::optional<double> time;  ///< seconds from the start, when the file gives it
  std::vector<Cue> cues;       ///< transcription notation and timed pauses, in text order
};

/// The turn's talk (talk_only(): notation blanked, offsets kept), tokenised into `out` as the
/// matcher reads it.
void tokenize_talk(const Turn& turn, const NormalizeOptions& options, TokenizedText& out);

/// Which turns a transcript that holds only some of its session's turns has kept.
struct KeptTurns {
  std::vector<std::size_t> indices;  ///< where each kept turn stands in the session, ascending
  std::size_t total = 0;             ///< how many turns the session has
};

/// A session: its turns in order, and what the reader noticed on the way.
struct Transcript {
  std::string path;             ///< as given by the user ("-" for stdin)
  std::string format = "text";  ///< "text", "vtt" or "srt"
  /// The turns in order: all of them, or when `kept` is set only those (a report that
  /// keeps the turns its findings are in, so its memory follows the findings).
  std::vector<Turn> turns;
  std::optional<KeptTurns> kept;
  std::vector<SpeakerInfo> speakers;
  RoleSource roles = RoleSource::labels;
  std::vector<std::string> warnings;  ///< e.g. "read as Windows-1252"

  /// How many turns the session has, kept or not.
  [[nodiscard]] std::size_t turn_count() const { return kept ? kept->total : turns.size(); }
  /// The turn at `index` in the session. Throws std::out_of_range when it was not kept.
  [[nodiscard]] const Turn& turn(std::size_t index) const;
};

}  // namespace ruptag
