#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "tag_command.hpp"

namespace CLI {
class App;
}

namespace ruptag::cli {

struct SuggestArgs : InputArgs {
  std::string gold;
  std::size_t top = 10;
  std::size_t min_count = 2;
  double prior_scale = 1;
  std::vector<std::string> codes;
  std::string format = "text";
  std::string output;
};

/// Adds `suggest` to the `rules` command; the arguments land in `args`.
CLI::App* add_suggest_command(CLI::App& rules, SuggestArgs& args);

/// Runs `ruptag rules suggest`; returns the exit code: 0 when the rankings were written,
/// 2 when a transcript could not be read (the rankings cover the others).
int run_suggest(const SuggestArgs& args);

}  // namespace ruptag::cli
