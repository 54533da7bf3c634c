#include "ruptag/repair.hpp"

#include <algorithm>

namespace ruptag {

std::string_view to_string(RuptureStatus status) {
  switch (status) {
    case RuptureStatus::unaddressed: return "unaddressed";
    case RuptureStatus::addressed: return "addressed";
    case RuptureStatus::resolved: return "resolved";
  }
  return "unaddressed";
}

namespace {

// The repair among a turn's findings to credit for `marker`, as a position in `findings`:
// the one the pack suggests first for the marker, else the first in the turn.
std::optional<std::size_t> repair_in_turn(std::span<const Finding> findings, const CodeDef* marker) {
  std::optional<std::size_t> best;
  std::size_t best_rank = 0;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    if (f.category != Category::repair) continue;
    std::size_t rank = 0;
    if (marker != nullptr) {
      rank = static_cast<std::size_t>(std::find(marker->repairs.begin(), marker->repairs.end(), f.marker) -
                                      marker->repairs.begin());
    }
    if (!best || rank < best_rank) {
      best = i;
      best_rank = rank;
    }
  }
  return best;
}

// Keeps, in order, the items for which `still_open` (which may update them) holds.
template <typename Item, typename StillOpen>
void keep_open(std::vector<Item>& items, StillOpen still_open) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!still_open(items[i])) continue;
    if (kept != i) items[kept] = items[i];
    ++kept;
  }
  items.erase(items.begin() + static_cast<std::ptrdiff_t>(kept), items.end());
}

}  // namespace

RepairTracker::RepairTracker(const RulePack& pack, const RepairSettings& settings)
    : pack_(&pack), settings_(settings) {}

void RepairTracker::add_turn(Speaker speaker, std::span<const Finding> findings, bool collaboration) {
  const std::size_t turn = turns_++;
  if (speaker == Speaker::patient) check_resolutions(findings, collaboration);
  if (speaker == Speaker::therapist) look_for_repairs(turn, findings);
  for (const Finding& f : findings) {
    if (f.category == Category::repair) {
      outcomes_.emplace_back();
      continue;
    }
    outcomes_.emplace_back(RuptureOutcome{});
    if (settings_.repair_window > 0) {
      awaiting_repair_.push_back({outcomes_.size() - 1, turn, f.category, pack_->find_code(f.marker)});
    }
  }
}

// A therapist turn: the markers before it that it repairs move on to their resolution
// window; those that have had all their therapist turns stay unaddressed.
void RepairTracker::look_for_repairs(std::size_t turn, std::span<const Finding> findings) {
  const std::size_t first_finding = outcomes_.size();
  keep_open(awaiting_repair_, [&](AwaitingRepair& rupture) {
    ++rupture.therapist_turns;
    const auto repair = repair_in_turn(findings, rupture.code);
    if (!repair) return rupture.therapist_turns < settings_.repair_window;
    RuptureOutcome& outcome = *outcomes_[rupture.finding];
    outcome.status = RuptureStatus::addressed;
    outcome.addressed_by = RepairLink{first_finding + *repair, turn, turn - rupture.turn};
    if (settings_.resolution_window > 0) awaiting_resolution_.push_back({rupture.finding, rupture.category});
    return false;
  });
}

// A patient turn: a marker of the same category leaves a repaired rupture addressed;
// else the turn counts towards its resolution window, and settles it when it is the last.
void RepairTracker::check_resolutions(std::span<const Finding> findings, bool collaboration) {
  keep_open(awaiting_resolution_, [&](AwaitingResolution& rupture) {
    ++rupture.patient_turns;
    const bool same_kind = std::any_of(findings.begin(), findings.end(),
                                       [&](const Finding& f) { return f.category == rupture.category; });
    if (same_kind) return false;
    rupture.collaborated = rupture.collaborated || collaboration;
    if (rupture.patient_turns < settings_.resolution_window) return true;
    settle(rupture);
    return false;
  });
}

void RepairTracker::settle(const AwaitingResolution& rupture) {
  if (rupture.patient_turns > 0 && rupture.collaborated) {
    outcomes_[rupture.finding]->status = RuptureStatus::resolved;
  }
}

std::vector<std::optional<RuptureOutcome>> RepairTracker::finish() {
  for (const AwaitingResolution& rupture : awaiting_resolution_) settle(rupture);
  awaiting_resolution_.clear();
  awaiting_repair_.clear();
  return std::move(outcomes_);
}

std::vector<std::optional<RuptureOutcome>> analyse_repairs(const Transcript& transcript,
                                                           const std::vector<Finding>& findings,
                                                           const std::vector<bool>& collaboration,
                                                           const RulePack& pack,
                                                           const RepairSettings& settings) {
  RepairTracker tracker(pack, settings);
  const std::span<const Finding> all(findings);
  std::size_t next = 0;
  for (std::size_t turn = 0; turn < transcript.turns.size(); ++turn) {
    const std::size_t first = next;
    while (next < findings.size() && findings[next].turn <= turn) ++next;
    tracker.add_turn(transcript.turns[turn].speaker, all.subspan(first, next - first),
                     turn < collaboration.size() && collaboration[turn]);
  }
  // Findings past the last turn (a transcript's own have none) are never repaired: a turn
  // of neither patient nor therapist takes them.
  if (next < findings.size()) tracker.add_turn(Speaker::other, all.subspan(next), false);
  return tracker.finish();
}

}  // namespace ruptag
