#include "ruptag/transcript.hpp"

#include <algorithm>
#include <stdexcept>

namespace ruptag {

void tokenize_talk(const Turn& turn, const NormalizeOptions& options, TokenizedText& out) {
  if (turn.cues.empty()) {
    tokenize(turn.text, options, out);
  } else {
    tokenize(talk_only(turn.text, turn.cues), options, out);
  }
}

std::string_view to_string(Speaker speaker) {
  switch (speaker) {
    case Speaker::patient: return "patient";
    case Speaker::therapist: return "therapist";
    case Speaker::other: break;
  }
  return "other";
}

std::optional<Speaker> parse_speaker(std::string_view name) {
  for (const Speaker s : {Speaker::patient, Speaker::therapist, Speaker::other}) {
    if (to_string(s) == name) return s;
  }
  return std::nullopt;
}

std::string_view to_string(RoleSource source) {
  switch (source) {
    case RoleSource::labels: return "labels";
    case RoleSource::given: return "given";
    case RoleSource::guessed: break;
  }
  return "guessed";
}

const Turn& Transcript::turn(std::size_t index) const {
  if (!kept) return turns.at(index);
  const auto it = std::lower_bound(kept->indices.begin(), kept->indices.end(), index);
  if (it == kept->indices.end() || *it != index) {
    throw std::out_of_range("turn " + std::to_string(index) + " of " + path + " was not kept");
  }
  return turns[static_cast<std::size_t>(it - kept->indices.begin())];
}

}  // namespace ruptag
