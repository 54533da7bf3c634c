#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ruptag/batch.hpp"
#include "ruptag/pack_provider.hpp"
#include "ruptag/reader.hpp"
#include "ruptag/report.hpp"

namespace CLI {
class App;
}

namespace ruptag::cli {

/// The options of every command that reads transcripts (`tag`, `eval`): which files, how
/// they are read, which pack, how sessions are segmented, how many threads.
struct InputArgs {
  std::vector<std::string> inputs;
  std::vector<std::string> globs{"*.txt", "*.vtt", "*.srt"};
  std::string files_from;
  unsigned jobs = 0;  ///< 0: the number of cores
  std::string language;
  std::string rules_dir;
  std::string segment = "5m";
  double words_per_minute = 130;
  std::vector<std::string> therapist_labels;
  std::vector<std::string> patient_labels;
  std::string config;
  std::string input_format = "auto";
  bool strict = false;
  bool no_model = false;       ///< rules only: the pack's turn model is not used (`tag`, `eval`)
  double model_threshold = 0;  ///< the turn model's threshold instead of its own; 0: its own
  double model_veto = -1;      ///< the turn model's veto instead of its own; below 0: its own
};

struct TagArgs : InputArgs {
  std::string shard;
  std::string format = "text";
  std::string output;
  std::string color = "auto";
  bool quiet = false;
  bool redact = false;
  std::string fail_on;
  std::string ui_language;  ///< empty: each report in the language of its pack
};

/// Adds the options of InputArgs to a command, but for `no_model`.
void add_input_options(CLI::App* cmd, InputArgs& args);

/// Adds --no-model, --model-threshold and --model-veto (InputArgs::no_model, model_threshold,
/// model_veto) to a command
/// whose reports a user reads (`tag`, `eval`).
void add_model_option(CLI::App* cmd, InputArgs& args);

/// Adds --ui-lang, the language of a report's own words (a language of ui/), to a command.
void add_ui_language_option(CLI::App* cmd, std::string& language);

/// Adds `ruptag tag` to the app; the arguments land in `args`.
CLI::App* add_tag_command(CLI::App& app, TagArgs& args);

/// What the pipeline hands back for one input: a report, or why there is none.
struct InputOutcome {
  std::optional<FileReport> report;
  std::string path;
  std::string error;   ///< the full message, with location
  std::string reason;  ///< without location, for an output's error list
};

/// The tag pipeline: the inputs expanded (and sharded), the packs loaded, every transcript
/// read and reported on several threads, the reports handed over in input order.
/// What the reports of a run must hold.
struct ReportNeeds {
  bool tag = true;          ///< findings; without, no pack and only turns and segments (eval --vs)
  bool all_turns = true;    ///< every turn (ReportOptions::all_turns)
  bool segments = true;     ///< the segments (ReportOptions::cut_segments)
  bool every_rule = false;  ///< every rule that fired (ReportOptions::every_rule)
  bool model = true;      ///< the pack's turn model may read turns, unless --no-model (ReportOptions::model)
  bool examples = false;  ///< the packs keep their rules' examples (PackChoice::examples)
};

class Pipeline {
 public:
  /// Checks and expands the inputs and loads the packs (unless the reports need no
  /// tagging). Throws Error: exit 2 for no input, inputs that name no transcript at all
  /// (an empty folder, a --glob that matches nothing, an empty --files-from list) or an
  /// unreadable list, 3 for an invalid pack.
  Pipeline(const InputArgs& args, const Shard& shard, const ReportNeeds& needs = {});

  /// The expanded inputs: problems and warnings of the whole list, paths of all shards.
  [[nodiscard]] const InputList& inputs() const { return inputs_; }
  /// The paths this shard reads, in order.
  [[nodiscard]] const std::vector<std::string>& paths() const { return paths_; }

  /// Reads (and tags) paths()[i] for every i, a turn at a time, on the threads `args.jobs` asks for and hands
  /// each outcome to `deliver(i, outcome)` in input order, one at a time. Reader warnings and errors
  /// are printed to standard error; `progress` shows a progress line on a terminal.
  void run(const std::function<void(std::size_t, InputOutcome&)>& deliver, bool progress) const;

 private:
  [[nodiscard]] FileReport read_report(const std::string& path) const;

  const InputArgs& args_;
  ReaderOptions reader_;
  ReportOptions report_;
  std::optional<PackProvider> packs_;
  InputList inputs_;
  std::vector<std::string> paths_;
};

/// Runs `ruptag tag`; returns the exit code.
int run_tag(const TagArgs& args);

}  // namespace ruptag::cli
