#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ruptag/transcript.hpp"

namespace ruptag {

/// Which speaker labels carry which role. Labels compare case- and diacritic-insensitively.
struct RoleLabels {
  std::vector<std::string> therapist{
      "T",          "Th",          "Therapeut",    "Therapeute", "Therapist",       "Counselor",
      "Counsellor", "Behandelaar", "Hulpverlener", "Psycholoog", "Psychotherapeut", "Psychologist",
      "Interviewer"};
  std::vector<std::string> patient{"P", "Pt", "Patiënt", "Patiënte", "Patient",
                                   "C", "Cl", "Cliënt",  "Cliënte",  "Client"};
  std::vector<std::string> other;  ///< speakers kept but never tagged (an interpreter)
  /// The user named these speakers (--therapist, --patient, speakers: in a config file);
  /// they replace the default labels.
  bool given = false;
};

/// Finds the role of a label.
class RoleTable {
 public:
  explicit RoleTable(const RoleLabels& labels);
  /// The role `label` has, or nullopt when no list holds it.
  [[nodiscard]] std::optional<Speaker> find(std::string_view label) const;
  /// find() for a label already normalised (normalize(trim(label))).
  [[nodiscard]] std::optional<Speaker> find_normalized(std::string_view key) const;
  /// "therapist labels T, Th, ... and patient labels P, ..." for messages.
  [[nodiscard]] std::string describe() const;
  [[nodiscard]] bool given() const { return labels_.given; }

 private:
  const RoleLabels& labels_;
  std::vector<std::pair<std::string, Speaker>> keys_;
};

/// Whether `label` looks like a speaker's name as transcribers and transcription tools
/// write it: one to four words, the first capitalised ("Anna", "Dr. Jansen", "Mevr. de
/// Vries", "Speaker 2", "SPEAKER_01"), later ones capitalised, numbers or name particles;
/// not a heading word ("Note", "Datum") and not a transcriber's note ("Laughter").
bool looks_like_name(std::string_view label);

/// What roles are decided from: each speaker's turns, turns holding a question and words,
/// counted turn by turn (a reader need not keep the turns). Speakers are numbered in the
/// order they first speak; turns whose labels normalise alike are one speaker's.
class SpeakerTally {
 public:
  /// Counts `turn` for the speaker of its label and returns that speaker's number.
  std::size_t add(const Turn& turn);
  /// The number of the speaker with `label`, or nullopt when no counted turn had it.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view label) const;
  [[nodiscard]] bool empty() const { return counts_.empty(); }
  /// Sets `transcript.speakers` (one per counted speaker, by number) and `transcript.roles`,
  /// and appends the guesses and the `other` speakers to `transcript.warnings`, as
  /// assign_roles() describes. Leaves the turns alone.
  void assign(Transcript& transcript, const RoleTable& roles) const;

 private:
  struct Count {
    std::string name;  ///< the label as first written
    std::size_t turns = 0;
    std::size_t questions = 0;  ///< turns holding a '?'
    std::size_t words = 0;
  };
  std::vector<Count> counts_;
  std::unordered_map<std::string, std::size_t> numbers_;  ///< normalised label -> speaker number
};

/// Fills `transcript.speakers` and `transcript.roles` from the turns' labels and sets each
/// turn's speaker (a SpeakerTally of all turns). A labelled speaker has the role of its label. A role nobody
/// has is guessed among the other speakers: the therapist is the unlabelled speaker with the largest share of
/// turns holding a question (ties: who spoke first), the patient the unlabelled speaker with the most words
/// of the others. Every remaining speaker is `other`. Guesses and other speakers are explained in
/// `transcript.warnings`.
void assign_roles(Transcript& transcript, const RoleTable& roles);

}  // namespace ruptag
