#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ruptag {

/// What a piece of transcription notation stands for.
enum class CueKind {
  pause,     ///< "(.)", "(2.0)", "(3 sec)", "[pause]", "...", or a gap between timed cues
  silence,   ///< "(silence)", "[stilte]", "(zwijgt)"
  laughter,  ///< "(laughs)", "((laughing))", "(lacht)", "[laughter]", "haha", "(h)"
  sigh,      ///< "(sighs)", "(zucht)"
  crying,    ///< "(cries)", "(huilt)", "[in tears]"
  overlap,   ///< Jefferson "[talk]" said over the other speaker, "[crosstalk]"
  latching,  ///< Jefferson "=": no gap between two turns
  unclear,   ///< "( )", "(inaudible)", "(onverstaanbaar)", "(xxx)"
  gesture,   ///< "(nods)", "(shrugs)", "(kijkt weg)"
  note,      ///< any other bracketed transcriber's note: "(coughs)", "((phone rings))"
};

std::string_view to_string(CueKind kind);
/// Parses a kind's name as to_string() writes it; nullopt for an unknown name.
std::optional<CueKind> parse_cue_kind(std::string_view name);
/// Every kind's name, in declaration order.
const std::vector<std::string_view>& cue_kind_names();

/// One piece of notation in a turn.
struct Cue {
  CueKind kind = CueKind::note;
  std::optional<double> seconds;  ///< the length of a pause or silence, when written or timed
  std::uint32_t begin = 0;        ///< byte range of the notation in the turn's text, brackets
  std::uint32_t end = 0;          ///< included; empty for a pause taken from cue timings
  std::string text;               ///< the note's words, normalised ("laughs"); empty for symbols
  bool talk = false;  ///< the bytes inside are talk too (overlap, an ellipsis, a note of unknown words)

  friend bool operator==(const Cue&, const Cue&) = default;
};

/// The kinds of cue that the words of a note name ("long pause, sighs": pause and sigh),
/// English or Dutch; empty when they name none.
std::vector<CueKind> cue_kinds_named(std::string_view note);

/// Finds the transcription notation of one turn's text (valid UTF-8), in text order.
/// Round brackets hold notes ("(laughs)", up to 60 bytes with a letter), pause lengths
/// ("(2.0)", "(.)") or nothing ("( )"); double round brackets always hold a note; square
/// brackets hold a note when its words name a cue ("[laughter]", "[inaudible 00:12:03]")
/// and otherwise mark overlapping talk. "haha", "hehe" and "hihi" are laughter, "*sighs*"
/// a note, an ellipsis a pause and "=" latching. Timestamps in brackets are not cues.
std::vector<Cue> find_cues(std::string_view text);

/// The turn's talk: `text` with every byte of notation replaced by a space, so that
/// offsets are kept and notes are never matched as words. Overlap keeps the talk inside
/// its brackets; an ellipsis is punctuation and stays.
std::string talk_only(std::string_view text, const std::vector<Cue>& cues);

/// The turn's notes: the words inside note cues, every other byte a space. What the
/// `cues:` clause of a rule matches against.
std::string notes_only(std::string_view text, const std::vector<Cue>& cues);

}  // namespace ruptag
