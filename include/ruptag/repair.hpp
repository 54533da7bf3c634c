#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ruptag/tagger.hpp"
#include "ruptag/transcript.hpp"

namespace ruptag {

/// The pack condition that marks a patient turn as renewed collaboration.
inline constexpr std::string_view collaboration_condition = "collaboration";

enum class RuptureStatus { unaddressed, addressed, resolved };

std::string_view to_string(RuptureStatus status);

/// The repair that answered a rupture.
struct RepairLink {
  std::size_t finding = 0;      ///< index of the repair finding
  std::size_t turn = 0;         ///< the therapist turn it is in
  std::size_t turns_later = 0;  ///< turn index difference from the rupture
};

/// What happened after one marker finding.
struct RuptureOutcome {
  RuptureStatus status = RuptureStatus::unaddressed;
  std::optional<RepairLink> addressed_by;
};

struct RepairSettings {
  std::size_t repair_window = 3;      ///< therapist turns searched for a repair
  std::size_t resolution_window = 3;  ///< patient turns checked after the repair
};

/// For every finding (in `findings` order): its outcome when it is a marker, nullopt
/// for a repair. A marker is addressed when one of the next `repair_window` therapist
/// turns carries a repair (one the pack suggests for the marker is preferred within a
/// turn); it is resolved when, after that repair, the next `resolution_window` patient
/// turns (as many as the session has, at least one) carry no marker of the same
/// category and at least one of them shows collaboration (`collaboration[turn]`).
std::vector<std::optional<RuptureOutcome>> analyse_repairs(const Transcript& transcript,
                                                           const std::vector<Finding>& findings,
                                                           const std::vector<bool>& collaboration,
                                                           const RulePack& pack,
                                                           const RepairSettings& settings);

}  // namespace ruptag
