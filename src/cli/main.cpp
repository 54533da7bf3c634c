// ruptag: finds alliance-rupture markers and repair interventions in therapy transcripts.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <csignal>
#include <iostream>

#include "eval_command.hpp"
#include "rules_command.hpp"
#include "ruptag/error.hpp"
#include "suggest_command.hpp"
#include "tag_command.hpp"
#include "train_command.hpp"

namespace {

int run(int argc, char** argv) {
  CLI::App app{"ruptag: find alliance-rupture markers and repairs in psychotherapy transcripts"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("ruptag ") + RUPTAG_VERSION);
  ruptag::cli::TagArgs tag_args;
  CLI::App* tag = ruptag::cli::add_tag_command(app, tag_args);
  ruptag::cli::EvalArgs eval_args;
  CLI::App* eval = ruptag::cli::add_eval_command(app, eval_args);
  ruptag::cli::RulesArgs rules_args;
  const auto rules = ruptag::cli::add_rules_commands(app, rules_args);
  ruptag::cli::SuggestArgs suggest_args;
  CLI::App* suggest = ruptag::cli::add_suggest_command(*rules.rules, suggest_args);
  ruptag::cli::TrainArgs train_args;
  CLI::App* train = ruptag::cli::add_train_command(*rules.rules, train_args);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ruptag::ExitCode::input);
  }
  try {
    if (tag->parsed()) return ruptag::cli::run_tag(tag_args);
    if (eval->parsed()) return ruptag::cli::run_eval(eval_args);
    if (suggest->parsed()) return ruptag::cli::run_suggest(suggest_args);
    if (train->parsed()) return ruptag::cli::run_train(train_args);
    return ruptag::cli::run_rules(rules, rules_args);
  } catch (const ruptag::Error& e) {
    const std::string what = e.what();
    if (e.code() == ruptag::ExitCode::invalid_pack) {
      const auto problems = 1 + std::count(what.begin(), what.end(), '\n');
      std::cerr << "ruptag: invalid rule pack (" << problems << (problems == 1 ? " problem" : " problems")
                << "):\n"
                << what << '\n';
    } else {
      std::cerr << "ruptag: " << what << '\n';
    }
    return static_cast<int>(e.code());
  }
}

}  // namespace

int main(int argc, char** argv) {
  // Output into a closed pipe (`ruptag tag ... | head`) ends the process quietly, as it
  // does for other tools, even when the parent left SIGPIPE ignored: otherwise every
  // file of a batch would still be tagged and the run would end in a write error.
  std::signal(SIGPIPE, SIG_DFL);
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {  // a bug or out of memory: say so, never abort silently
    std::cerr << "ruptag: internal error: " << e.what() << '\n';
  } catch (...) {
    std::cerr << "ruptag: internal error\n";
  }
  return static_cast<int>(ruptag::ExitCode::input);
}
