#pragma once

#include <string>

#include "tag_command.hpp"

namespace CLI {
class App;
}

namespace ruptag::cli {

struct EvalArgs : InputArgs {
  std::string gold;
  std::string versus;  ///< a second coder's gold file: compare with it instead of tagging
  std::string format = "text";
  std::string output;
  bool by_file = false;
  bool by_rule = false;  ///< judge every rule on the turns it fired on
};

/// Adds `ruptag eval` to the app; the arguments land in `args`.
CLI::App* add_eval_command(CLI::App& app, EvalArgs& args);

/// Runs `ruptag eval`; returns the exit code: 0 when the tables were written, 2 when a
/// transcript could not be read (the tables cover the others).
int run_eval(const EvalArgs& args);

}  // namespace ruptag::cli
