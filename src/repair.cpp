#include "ruptag/repair.hpp"

#include <algorithm>
#include <span>

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

// The findings of each turn, as indices into the findings in their order, found in
// constant time: the analysis looks at a few turns after each marker, and scanning all
// findings for each of them made it quadratic in the length of the session.
class FindingsByTurn {
 public:
  FindingsByTurn(const std::vector<Finding>& findings, std::size_t turns)
      : turns_(turns), first_(turns + 2, 0), index_(findings.size()) {
    for (const Finding& f : findings) ++first_[bucket(f) + 1];
    for (std::size_t b = 1; b < first_.size(); ++b) first_[b] += first_[b - 1];
    std::vector<std::size_t> next(first_.begin(), first_.end() - 1);
    for (std::size_t i = 0; i < findings.size(); ++i) index_[next[bucket(findings[i])]++] = i;
  }

  [[nodiscard]] std::span<const std::size_t> of(std::size_t turn) const {
    if (turn >= turns_) return {};
    return {index_.data() + first_[turn], first_[turn + 1] - first_[turn]};
  }

 private:
  [[nodiscard]] std::size_t bucket(const Finding& f) const { return std::min(f.turn, turns_); }

  std::size_t turns_;
  std::vector<std::size_t> first_;  ///< where each turn's indices begin in index_
  std::vector<std::size_t> index_;
};

// The repair in `turn` to credit for `marker`: the one the pack suggests first for the
// marker, else the first in the turn.
std::optional<std::size_t> repair_in_turn(const std::vector<Finding>& findings, const FindingsByTurn& by_turn,
                                          std::size_t turn, const CodeDef* marker) {
  std::optional<std::size_t> best;
  std::size_t best_rank = 0;
  for (const std::size_t i : by_turn.of(turn)) {
    const Finding& f = findings[i];
    if (f.category != Category::repair) continue;
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
                    const FindingsByTurn& by_turn, const std::vector<bool>& collaboration,
                    std::size_t repair_turn, Category category, std::size_t window) {
  std::size_t checked = 0;
  bool collaborated = false;
  for (std::size_t turn = repair_turn + 1; turn < transcript.turns.size() && checked < window; ++turn) {
    if (transcript.turns[turn].speaker != Speaker::patient) continue;
    ++checked;
    const auto in_turn = by_turn.of(turn);
    const bool same_kind = std::any_of(in_turn.begin(), in_turn.end(),
                                       [&](std::size_t i) { return findings[i].category == category; });
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
  const FindingsByTurn by_turn(findings, transcript.turns.size());
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& marker = findings[i];
    if (marker.category == Category::repair) continue;
    RuptureOutcome outcome;
    std::size_t therapist_turns = 0;
    for (std::size_t turn = marker.turn + 1;
         turn < transcript.turns.size() && therapist_turns < settings.repair_window; ++turn) {
      if (transcript.turns[turn].speaker != Speaker::therapist) continue;
      ++therapist_turns;
      if (const auto repair = repair_in_turn(findings, by_turn, turn, pack.find_code(marker.marker))) {
        outcome.addressed_by = RepairLink{*repair, turn, turn - marker.turn};
        outcome.status = resolved_after(transcript, findings, by_turn, collaboration, turn, marker.category,
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
