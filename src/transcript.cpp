#include "ruptag/transcript.hpp"

namespace ruptag {

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

}  // namespace ruptag
