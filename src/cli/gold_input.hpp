#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "ruptag/gold.hpp"
#include "tag_command.hpp"

namespace ruptag::cli {

/// One coder's gold file with its rows matched to the inputs of a run, and every row left
/// out so far (`eval`, `rules suggest`).
struct GoldCoder {
  GoldFile file;
  GoldByInput rows;                   ///< per input path, the rows that name it
  std::vector<GoldProblem> problems;  ///< the rows left out

  /// Matches the rows of `gold` to `paths` (match_inputs()).
  GoldCoder(GoldFile gold, const std::vector<std::string>& paths);

  /// Leaves out the rows of input `input` (whose path is `path`), which could not be read.
  void unreadable(std::size_t input, const std::string& path);

  /// Prints to standard error, in one line, the rows that code sessions not given, then
  /// the rows left out, in row order, and their count; returns the number left out.
  std::size_t report();
};

/// For a command that reads every input once (`eval`, `rules suggest`): prints the
/// warnings and problems of the pipeline's input list to standard error and returns the
/// problems as (path, message).
std::vector<std::pair<std::string, std::string>> report_inputs(const Pipeline& pipeline);

}  // namespace ruptag::cli
