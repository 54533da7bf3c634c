#include "ruptag/speakers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "ruptag/notation.hpp"
#include "ruptag/text.hpp"

namespace ruptag {
namespace {

constexpr std::size_t max_name_bytes = 40;
constexpr std::size_t max_name_words = 4;

bool is_upper_start(std::string_view word) {
  const auto c = static_cast<unsigned char>(word.front());
  return (c >= 'A' && c <= 'Z') || c >= 0x80;  // a non-ASCII letter: "Özlem", "Éva"
}

bool is_name_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || u >= 0x80 ||
         c == '.' || c == '-' || c == '_' || c == '\'';
}

bool is_number(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Words that head a line in notes and documents without being a speaker.
bool is_heading_word(std::string_view norm) {
  static constexpr std::array<std::string_view, 36> words{
      "note",      "notes",      "nb",           "ps",       "re",           "date",
      "datum",     "time",       "tijd",         "session",  "sessie",       "example",
      "voorbeeld", "transcript", "transcriptie", "duration", "duur",         "location",
      "locatie",   "title",      "titel",        "subject",  "onderwerp",    "step",
      "stap",      "goal",       "doel",         "homework", "huiswerk",     "opmerking",
      "remark",    "tip",        "warning",      "summary",  "samenvatting", "topic"};
  return std::find(words.begin(), words.end(), norm) != words.end();
}

bool is_particle(std::string_view word) {
  static constexpr std::array<std::string_view, 12> particles{"van", "de",  "der", "den", "ten", "ter",
                                                              "te",  "von", "du",  "la",  "le",  "'t"};
  return std::find(particles.begin(), particles.end(), word) != particles.end();
}

}  // namespace

RoleTable::RoleTable(const RoleLabels& labels) : labels_(labels) {
  const auto add = [&](const std::vector<std::string>& list, Speaker role) {
    for (const auto& label : list) keys_.emplace_back(normalize(trim(label)), role);
  };
  add(labels.therapist, Speaker::therapist);
  add(labels.patient, Speaker::patient);
  add(labels.other, Speaker::other);
}

std::optional<Speaker> RoleTable::find(std::string_view label) const {
  return find_normalized(normalize(trim(label)));
}

std::optional<Speaker> RoleTable::find_normalized(std::string_view key) const {
  for (const auto& [k, role] : keys_) {
    if (k == key) return role;
  }
  return std::nullopt;
}

std::string RoleTable::describe() const {
  return fmt::format("therapist labels {} and patient labels {}", fmt::join(labels_.therapist, ", "),
                     fmt::join(labels_.patient, ", "));
}

bool looks_like_name(std::string_view label) {
  label = trim(label);
  if (label.empty() || label.size() > max_name_bytes) return false;
  if (!std::all_of(label.begin(), label.end(), [](char c) { return is_name_char(c) || c == ' '; }))
    return false;
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < label.size()) {
    const std::size_t space = label.find(' ', i);
    const std::string_view word =
        label.substr(i, space == std::string_view::npos ? label.size() - i : space - i);
    if (!word.empty()) words.push_back(word);
    if (space == std::string_view::npos) break;
    i = space + 1;
  }
  if (words.empty() || words.size() > max_name_words || !is_upper_start(words.front())) return false;
  for (std::size_t k = 1; k < words.size(); ++k) {
    if (!is_upper_start(words[k]) && !is_number(words[k]) && !is_particle(words[k])) return false;
  }
  const std::string norm = normalize(label);
  return !is_heading_word(norm) && cue_kinds_named(norm).empty();
}

std::size_t SpeakerTally::add(const Turn& turn) {
  const auto [it, added] = numbers_.try_emplace(normalize(trim(turn.label)), counts_.size());
  if (added) counts_.push_back(Count{turn.label});
  Count& count = counts_[it->second];
  ++count.turns;
  if (turn.text.find('?') != std::string::npos) ++count.questions;
  count.words += static_cast<std::size_t>(std::count(turn.text.begin(), turn.text.end(), ' ')) + 1;
  return it->second;
}

std::optional<std::size_t> SpeakerTally::find(std::string_view label) const {
  const auto it = numbers_.find(normalize(trim(label)));
  if (it == numbers_.end()) return std::nullopt;
  return it->second;
}

void SpeakerTally::assign(Transcript& transcript, const RoleTable& roles) const {
  transcript.speakers.clear();
  std::vector<std::size_t> unlabelled;
  bool has_therapist = false;
  bool has_patient = false;
  for (std::size_t k = 0; k < counts_.size(); ++k) {
    SpeakerInfo& info = transcript.speakers.emplace_back();
    info.name = counts_[k].name;
    info.turns = counts_[k].turns;
    if (auto role = roles.find(info.name)) {
      info.role = *role;
      has_therapist = has_therapist || *role == Speaker::therapist;
      has_patient = has_patient || *role == Speaker::patient;
    } else {
      info.role = Speaker::other;
      unlabelled.push_back(k);
    }
  }
  transcript.roles = roles.given() ? RoleSource::given : RoleSource::labels;

  std::vector<std::string> guesses;
  const auto share = [&](std::size_t k) {
    return static_cast<double>(counts_[k].questions) / static_cast<double>(counts_[k].turns);
  };
  if (!has_therapist && !unlabelled.empty() && (unlabelled.size() > 1 || has_patient)) {
    // Stable: among equal shares the speaker who spoke first wins.
    std::stable_sort(unlabelled.begin(), unlabelled.end(),
                     [&](std::size_t a, std::size_t b) { return share(a) > share(b); });
    const std::size_t k = unlabelled.front();
    transcript.speakers[k].role = Speaker::therapist;
    transcript.speakers[k].guessed = true;
    guesses.push_back(fmt::format("'{}' is the therapist (a question in {:.0f}% of turns)",
                                  transcript.speakers[k].name, 100 * share(k)));
    unlabelled.erase(unlabelled.begin());
  }
  if (!has_patient && !unlabelled.empty()) {
    const auto most =
        std::max_element(unlabelled.begin(), unlabelled.end(), [&](std::size_t a, std::size_t b) {
          return counts_[a].words < counts_[b].words || (counts_[a].words == counts_[b].words && a > b);
        });
    const std::size_t k = *most;
    transcript.speakers[k].role = Speaker::patient;
    transcript.speakers[k].guessed = true;
    guesses.push_back(fmt::format("'{}' is the patient (a question in {:.0f}% of turns)",
                                  transcript.speakers[k].name, 100 * share(k)));
    unlabelled.erase(most);
  }
  if (!guesses.empty()) {
    transcript.roles = RoleSource::guessed;
    transcript.warnings.push_back(
        fmt::format("{}: speaker roles guessed: {}; set them with --therapist and --patient", transcript.path,
                    fmt::join(guesses, ", ")));
  }
  std::sort(unlabelled.begin(), unlabelled.end());
  for (const std::size_t k : unlabelled) {
    const SpeakerInfo& info = transcript.speakers[k];
    transcript.warnings.push_back(
        fmt::format("{}: speaker '{}' ({} {}) is neither therapist nor patient: kept, never tagged{}",
                    transcript.path, info.name, info.turns, info.turns == 1 ? "turn" : "turns",
                    " (name its role with --therapist, --patient or a --config file)"));
  }
}

void assign_roles(Transcript& transcript, const RoleTable& roles) {
  SpeakerTally tally;
  std::vector<std::size_t> speaker_of_turn;
  speaker_of_turn.reserve(transcript.turns.size());
  for (const Turn& turn : transcript.turns) speaker_of_turn.push_back(tally.add(turn));
  tally.assign(transcript, roles);
  for (std::size_t i = 0; i < transcript.turns.size(); ++i) {
    transcript.turns[i].speaker = transcript.speakers[speaker_of_turn[i]].role;
  }
}

}  // namespace ruptag
