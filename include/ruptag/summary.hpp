#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ruptag/repair.hpp"
#include "ruptag/tagger.hpp"
#include "ruptag/transcript.hpp"

namespace ruptag {

/// The longest run of ruptures that went unaddressed, with no repair in between.
struct UnaddressedStretch {
  std::size_t turns = 0;  ///< from the first rupture's turn to the last's, inclusive
  std::size_t start_line = 0;
  std::size_t end_line = 0;
};

/// What a trainee reads first and a researcher puts in a table.
struct SessionSummary {
  std::size_t turns = 0;
  std::size_t patient_turns = 0;
  std::size_t therapist_turns = 0;
  std::size_t other_turns = 0;               ///< speakers who are neither (never tagged)
  std::map<std::string, int> markers;        ///< marker id -> findings
  std::map<std::string, int> repair_counts;  ///< intervention id -> findings
  int withdrawal = 0;
  int confrontation = 0;
  int repairs = 0;
  int ruptures = 0;  ///< withdrawal + confrontation findings
  double ruptures_per_100_patient_turns = 0;
  int addressed = 0;  ///< ruptures addressed or resolved
  int resolved = 0;
  double share_addressed = 0;  ///< of ruptures, 0 when there are none
  double share_resolved = 0;
  std::optional<std::string> most_frequent_marker;  ///< first in MARKERS.md order on a tie
  std::optional<UnaddressedStretch> longest_unaddressed;
};

/// A session's turns, counted by speaker as they pass.
struct TurnCounts {
  std::size_t turns = 0;
  std::size_t patient = 0;
  std::size_t therapist = 0;
  std::size_t other = 0;

  void add(Speaker speaker);
};

/// Summarises one session from its turn counts, its findings and their outcomes
/// (analyse_repairs()). `transcript` gives the lines of the findings' turns (it may hold
/// only those).
SessionSummary summarise(const TurnCounts& counts, const Transcript& transcript,
                         const std::vector<Finding>& findings,
                         const std::vector<std::optional<RuptureOutcome>>& outcomes);

}  // namespace ruptag
