#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ruptag/transcript.hpp"

namespace ruptag {

/// Which speaker labels carry which role. Labels compare case- and diacritic-insensitively.
struct RoleLabels {
  std::vector<std::string> therapist{"T",         "Th",         "Therapeut",  "Therapist",
                                     "Counselor", "Counsellor", "Behandelaar"};
  std::vector<std::string> patient{"P", "Pt", "Patiënt", "Patient", "C", "Cl", "Cliënt", "Client"};
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

/// Fills `transcript.speakers` and `transcript.roles` from the turns' labels and sets each
/// turn's speaker. A labelled speaker has the role of its label. A role nobody has is
/// guessed among the other speakers: the therapist is the unlabelled speaker
/// with the largest share of turns holding a question (ties: who spoke first), the
/// patient the unlabelled speaker with the most words of the others. Every remaining
/// speaker is `other`. Guesses and other speakers are explained in `transcript.warnings`.
void assign_roles(Transcript& transcript, const RoleTable& roles);

}  // namespace ruptag
