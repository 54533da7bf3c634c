#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ruptag/error.hpp"
#include "ruptag/tagger.hpp"

namespace ruptag {

/// One example that did not behave as its pack says, or a rule with too few examples.
struct ExampleFailure {
  std::string rule;     ///< rule id, or the marker/intervention id for its own examples
  Location where;       ///< where the example (or the rule) is written
  std::string example;  ///< empty for a count problem
  std::string problem;  ///< what went wrong, in a sentence
};

struct PackTestResult {
  std::size_t rules = 0;
  std::size_t examples = 0;
  std::vector<ExampleFailure> failures;
};

struct PackTestOptions {
  std::size_t min_match = 3;     ///< each rule needs at least this many `match` examples
  std::size_t min_no_match = 2;  ///< ... and this many `no_match` examples
};

/// Reads an example as a short transcript: with speaker labels ("T: ...\nP: ...") it is
/// parsed as one; otherwise it is a single turn of `speaker`.
Transcript example_transcript(const std::string& example, Speaker speaker);

/// Checks every enabled rule against its examples, each rule judged on its own on the
/// example's last turn: a `match` example must make it fire, a `no_match` must not.
/// Then checks that the whole pack finds each marker's and intervention's own example
/// utterances as that id.
PackTestResult test_pack(const Tagger& tagger, const PackTestOptions& options = {});

}  // namespace ruptag
