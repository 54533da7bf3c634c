#pragma once

#include <cstddef>
#include <string>

namespace CLI {
class App;
}

namespace ruptag::cli {

struct RulesArgs {
  std::string language;
  std::string rules_dir;
  std::string format = "text";
  bool terms = false;
  std::size_t min_match = 3;
  std::size_t min_no_match = 2;
  std::string check_dir;
  std::string explain_id;
  std::string ui_language;  ///< explain: empty for each pack's own language
};

/// Adds `ruptag rules` (test, list, check) and `ruptag explain`.
struct RulesCommands {
  CLI::App* rules = nullptr;  ///< `ruptag rules`, for further subcommands
  CLI::App* test = nullptr;
  CLI::App* list = nullptr;
  CLI::App* check = nullptr;
  CLI::App* explain = nullptr;
};
RulesCommands add_rules_commands(CLI::App& app, RulesArgs& args);

/// Runs whichever of the commands was parsed; returns the exit code.
int run_rules(const RulesCommands& commands, const RulesArgs& args);

}  // namespace ruptag::cli
