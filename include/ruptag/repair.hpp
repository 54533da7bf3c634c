#pragma once

#include <cstddef>
#include <optional>
#include <span>
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

/// The repair analysis of one session, fed turn by turn (see analyse_repairs() for the
/// rules). It holds only the markers still waiting for a repair or for the end of their
/// resolution window, and the outcomes; nothing of the turns nor pointers into the
/// caller's findings. The pack must outlive the tracker.
class RepairTracker {
 public:
  RepairTracker(const RulePack& pack, const RepairSettings& settings);

  /// The next turn of the session (turns come in order): its speaker, its findings in the
  /// order they have in the session's list of findings, and whether the pack's
  /// collaboration condition holds on it.
  void add_turn(Speaker speaker, std::span<const Finding> findings, bool collaboration);

  /// Every finding's outcome, in order (nullopt for repairs), once the session has ended:
  /// a marker still waiting for a repair is unaddressed; one whose resolution window the
  /// session cut short is resolved when the patient turns it had meet the rule. Call once.
  [[nodiscard]] std::vector<std::optional<RuptureOutcome>> finish();

 private:
  struct AwaitingRepair {
    std::size_t finding = 0;  ///< index in the session's findings
    std::size_t turn = 0;
    Category category = Category::withdrawal;
    const CodeDef* code = nullptr;  ///< the marker in the pack, for the repairs it suggests
    std::size_t therapist_turns = 0;
  };
  struct AwaitingResolution {
    std::size_t finding = 0;
    Category category = Category::withdrawal;
    std::size_t patient_turns = 0;
    bool collaborated = false;
  };

  void look_for_repairs(std::size_t turn, std::span<const Finding> findings);
  void check_resolutions(std::span<const Finding> findings, bool collaboration);
  void settle(const AwaitingResolution& rupture);

  const RulePack* pack_;
  RepairSettings settings_;
  std::size_t turns_ = 0;
  std::vector<AwaitingRepair> awaiting_repair_;
  std::vector<AwaitingResolution> awaiting_resolution_;
  std::vector<std::optional<RuptureOutcome>> outcomes_;
};

/// For every finding (in `findings` order, which is turn order): its outcome when it is a
/// marker, nullopt for a repair. A marker is addressed when one of the next
/// `repair_window` therapist turns carries a repair (one the pack suggests for the marker
/// is preferred within a turn); it is resolved when, after that repair, the next
/// `resolution_window` patient turns (as many as the session has, at least one) carry no
/// marker of the same category and at least one of them shows collaboration
/// (`collaboration[turn]`). Feeds a RepairTracker the whole session.
std::vector<std::optional<RuptureOutcome>> analyse_repairs(const Transcript& transcript,
                                                           const std::vector<Finding>& findings,
                                                           const std::vector<bool>& collaboration,
                                                           const RulePack& pack,
                                                           const RepairSettings& settings);

}  // namespace ruptag
