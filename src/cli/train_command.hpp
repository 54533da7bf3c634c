#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ruptag/model_training.hpp"
#include "tag_command.hpp"

namespace CLI {
class App;
}

namespace ruptag::cli {

struct TrainArgs : InputArgs {
  std::string gold;
  TrainOptions options;
  std::size_t folds = 0;       ///< cross-validate with this many folds; 0: do not
  bool with_examples = false;  ///< also learn from the pack's marker examples (ModelTrainer::add_examples)
  std::vector<std::string> notes;  ///< lines for the file's header
  std::string output;
};

/// Adds `train` to the `rules` command; the arguments land in `args`.
CLI::App* add_train_command(CLI::App& rules, TrainArgs& args);

/// Runs `ruptag rules train`: fits a turn model to the gold markers of the sessions, as
/// tagged by the pack's rules alone, and writes it as a pack file. Returns the exit code:
/// 0 when the model was written, 2 when a transcript could not be read (the model covers
/// the others).
int run_train(const TrainArgs& args);

}  // namespace ruptag::cli
