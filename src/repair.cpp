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

// The repair in `turn` to credit for `marker`: the one the pack suggests first for the
// marker, else the first in the turn.
std::optional<std::size_t> repair_in_turn(const std::vector<Finding>& findings, std::size_t turn,
                                          const CodeDef* marker) {
  std::optional<std::size_t> best;
  std::size_t best_rank = 0;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    if (f.turn != turn || f.category != Category::repair) continue;
    std::size_t rank = marker != nullptr ? marker->repairs.size() : 0;
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

bool resolved_after(const Transcript& transcript, const std::vector<Finding>& findings,
                    const std::vector<bool>& collaboration, std::size_t repair_turn, Category category,
                    std::size_t window) {
  std::size_t checked = 0;
  bool collaborated = false;
  for (std::size_t turn = repair_turn + 1; turn < transcript.turns.size() && checked < window; ++turn) {
    if (transcript.turns[turn].speaker != Speaker::patient) continue;
    ++checked;
    const bool same_kind = std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
      return f.turn == turn && f.category == category;
    });
    if (same_kind) return false;
    collaborated = collaborated || (turn < collaboration.size() && collaboration[turn]);
  }
  return checked > 0 && collaborated;
}

}  // namespace

std::vector<std::optional<RuptureOutcome>> analyse_repairs(const Transcript& transcript,
                                                           const std::vector<Finding>& findings,
                                                           const std::vector<bool>& collaboration,
                                                           const RulePack& pack,
                                                           const RepairSettings& settings) {
  std::vector<std::optional<RuptureOutcome>> out(findings.size());
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& marker = findings[i];
    if (marker.category == Category::repair) continue;
    RuptureOutcome outcome;
    std::size_t therapist_turns = 0;
    for (std::size_t turn = marker.turn + 1;
         turn < transcript.turns.size() && therapist_turns < settings.repair_window; ++turn) {
      if (transcript.turns[turn].speaker != Speaker::therapist) continue;
      ++therapist_turns;
      if (const auto repair = repair_in_turn(findings, turn, pack.find_code(marker.marker))) {
        outcome.addressed_by = RepairLink{*repair, turn, turn - marker.turn};
        outcome.status = resolved_after(transcript, findings, collaboration, turn, marker.category,
                                        settings.resolution_window)
                             ? RuptureStatus::resolved
                             : RuptureStatus::addressed;
        break;
      }
    }
    out[i] = outcome;
  }
  return out;
}

}  // namespace ruptag
