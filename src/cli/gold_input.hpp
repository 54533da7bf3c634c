#pragma once

#include <cstddef>
#include <functional>
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

/// For a command that reads every input once against one coder's gold codes (`rules
/// suggest`, `rules train`): runs `pipeline` and calls `use(report, codes)` for each input
/// read, in input order, with the coder's rows placed on its turns; an input that cannot be
/// read is added to `failed` (path, reason) and its rows are left out.
void run_with_gold(const Pipeline& pipeline, GoldCoder& coder,
                   std::vector<std::pair<std::string, std::string>>& failed,
                   const std::function<void(const FileReport& report, const TurnCodes& codes)>& use);

}  // namespace ruptag::cli
