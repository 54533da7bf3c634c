#include "ruptag/summary.hpp"

#include "ruptag/catalogue.hpp"

namespace ruptag {

void TurnCounts::add(Speaker speaker) {
  ++turns;
  switch (speaker) {
    case Speaker::patient: ++patient; break;
    case Speaker::therapist: ++therapist; break;
    case Speaker::other: ++other; break;
  }
}

SessionSummary summarise(const TurnCounts& counts, const Transcript& transcript,
                         const std::vector<Finding>& findings,
                         const std::vector<std::optional<RuptureOutcome>>& outcomes) {
  SessionSummary s;
  s.turns = counts.turns;
  s.patient_turns = counts.patient;
  s.therapist_turns = counts.therapist;
  s.other_turns = counts.other;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    ++(f.category == Category::repair ? s.repair_counts : s.markers)[f.marker];
    switch (f.category) {
      case Category::withdrawal: ++s.withdrawal; break;
      case Category::confrontation: ++s.confrontation; break;
      case Category::repair: ++s.repairs; continue;
    }
    if (outcomes[i] && outcomes[i]->status != RuptureStatus::unaddressed) ++s.addressed;
    if (outcomes[i] && outcomes[i]->status == RuptureStatus::resolved) ++s.resolved;
  }
  s.ruptures = s.withdrawal + s.confrontation;
  if (s.patient_turns > 0) {
    s.ruptures_per_100_patient_turns = 100.0 * s.ruptures / static_cast<double>(s.patient_turns);
  }
  if (s.ruptures > 0) {
    s.share_addressed = static_cast<double>(s.addressed) / s.ruptures;
    s.share_resolved = static_cast<double>(s.resolved) / s.ruptures;
  }
  int best = 0;
  for (const auto& entry : catalogue()) {
    if (entry.category == Category::repair) continue;
    const auto it = s.markers.find(std::string(entry.id));
    if (it != s.markers.end() && it->second > best) {
      best = it->second;
      s.most_frequent_marker = std::string(entry.id);
    }
  }
  // Walk the findings in turn order: an unaddressed rupture extends the stretch, a
  // repair or an addressed rupture ends it.
  bool open = false;
  std::size_t start = 0;
  std::size_t end = 0;
  auto close = [&] {
    if (!open) return;
    const std::size_t length = end - start + 1;
    if (!s.longest_unaddressed || length > s.longest_unaddressed->turns) {
      s.longest_unaddressed =
          UnaddressedStretch{length, transcript.turn(start).line, transcript.turn(end).line};
    }
    open = false;
  };
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (outcomes[i] && outcomes[i]->status == RuptureStatus::unaddressed) {
      if (!open) start = findings[i].turn;
      open = true;
      end = findings[i].turn;
    } else {
      close();
    }
  }
  close();
  return s;
}

}  // namespace ruptag
