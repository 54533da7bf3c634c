#include "train_command.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <optional>

#include "gold_input.hpp"
#include "ruptag/error.hpp"
#include "ruptag/output.hpp"

namespace ruptag::cli {

namespace {

// The cross-validation as lines of text: the rules alone, then with the model at each threshold.
std::string cross_validation_text(const CrossValidation& cv) {
  const auto row = [](std::string_view what, const Confusion& c) {
    const BinaryAgreement a = binary_agreement(c);
    return fmt::format("  {:<28} precision {:.3f}  recall {:.3f}  kappa {:.3f}  (tp {}, fp {}, fn {})", what,
                       a.precision, a.recall, a.kappa, c.tp, c.fp, c.fn);
  };
  std::string out = fmt::format(
      "Cross-validated, {} folds by session: any rupture in the patient turns of the sessions left out",
      cv.folds);
  out += "\n" + row("rules alone", cv.rules);
  for (std::size_t t = 0; t < cv.thresholds.size(); ++t) {
    out += "\n" + row(fmt::format("rules and model at {:.1f}", cv.thresholds[t]), cv.with_model[t]);
  }
  for (std::size_t t = 0; t < cv.with_veto.size(); ++t) {
    out += "\n" + row(fmt::format("with the veto, at {:.1f}", cv.thresholds[t]), cv.with_veto[t]);
  }
  for (std::size_t t = 0; t < cv.thresholds.size(); ++t) {
    out += "\n" + row(fmt::format("model alone at {:.1f}", cv.thresholds[t]), cv.model_alone[t]);
  }
  return out;
}

}  // namespace

CLI::App* add_train_command(CLI::App& rules, TrainArgs& args) {
  CLI::App* cmd = rules.add_subcommand(
      "train",
      "Fit a turn model to the gold markers of coded sessions and write it as a pack file (model.yaml)");
  cmd->add_option("--gold", args.gold, "Gold codes: a CSV file with the columns file,line,code")->required();
  cmd->add_option("--threshold", args.options.threshold,
                  "Probability of a rupture at which the model flags a turn (default 0.7)")
      ->check(CLI::Range(0.01, 0.99));
  cmd->add_option("--veto", args.options.veto,
                  "Probability of a rupture below which the model drops the rules' findings in a patient "
                  "turn (default 0: never; below --threshold)")
      ->check(CLI::Range(0.0, 0.98));
  cmd->add_option("--veto-min-fired", args.options.veto_min_fired,
                  "With --veto, only the rules that fired on at least this many patient turns may be "
                  "overruled (default 5)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
  cmd->add_option("--veto-max-precision", args.options.veto_max_precision,
                  "With --veto, only the rules with a gold marker on fewer than this share of the turns "
                  "they fired on may be overruled (default 0.9)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--min-count", args.options.min_count,
                  "Only features in at least this many patient turns (default 3)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
  cmd->add_option("--epochs", args.options.epochs, "Passes over the turns (default 20)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000}));
  cmd->add_option("--prune", args.options.prune, "Drop weights smaller than this (default 0.1)")
      ->check(CLI::Range(0.0, 10.0));
  cmd->add_option(
         "--cross-validate", args.folds,
         "Also fit K models, each without every K-th session, and report what they do on the sessions "
         "left out (standard error and the file's header)")
      ->check(CLI::Range(std::size_t{2}, std::size_t{100}));
  cmd->add_flag("--with-examples", args.with_examples,
                "Also learn from the examples of the pack's markers and their rules, as short sessions "
                "(a match example coded with its marker, a no_match example with none)");
  cmd->add_option("--note", args.notes,
                  "A line for the file's header: where the sessions come from (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("-o,--output", args.output, "Write to this file (replaced only when complete)");
  add_input_options(cmd, args);
  return cmd;
}

int run_train(const TrainArgs& args) {
  if (args.options.veto >= args.options.threshold) {
    throw input_error(
        {}, fmt::format("--veto {} is not below --threshold {}", args.options.veto, args.options.threshold));
  }
  GoldFile gold = read_gold(args.gold);
  // the features read what the rules found, as the tagger does
  const Pipeline pipeline(
      args, Shard{},
      {.tag = true, .all_turns = true, .segments = false, .model = false, .examples = args.with_examples});
  auto failed = report_inputs(pipeline);

  Output output(args.output);  // before the work: a target that cannot be written stops the run
  GoldCoder coder(std::move(gold), pipeline.paths());
  std::optional<ModelTrainer> trainer;
  std::string pack_id;
  std::shared_ptr<const CompiledPack> pack;  // the pack the sessions were read with
  std::size_t sessions = 0;
  run_with_gold(pipeline, coder, failed, [&](const FileReport& report, const TurnCodes& codes) {
    const std::string& id = report.pack->pack().manifest.id;
    if (!trainer) {
      trainer.emplace(report.pack->normalize_options());
      pack_id = id;
      pack = report.pack;
    } else if (id != pack_id) {
      throw input_error({report.path, 0, 0},
                        fmt::format("read with the pack '{}', the sessions before with '{}': a "
                                    "model is trained for one pack (give --lang or --rules)",
                                    id, pack_id));
    }
    trainer->add(report, codes);
    ++sessions;
  });
  coder.report();
  if (!trainer) throw input_error({}, "no session could be read: nothing to train on");
  if (args.with_examples) trainer->add_examples(Tagger(pack));
  const TurnModel model = trainer->train(args.options);
  const TrainOptions& o = args.options;
  std::string header = fmt::format(
      "Turn model of the pack '{}', written by `ruptag rules train` (docs/model.md).\n"
      "Trained on {} sessions{}, {} patient turns ({} with a gold marker) coded in {}.\n"
      "threshold {}{}, min-count {}, epochs {}, prune {}; {} features kept.",
      pack_id, sessions,
      trainer->examples() > 0 ? fmt::format(" and {} examples of the pack", trainer->examples())
                              : std::string(),
      trainer->turns(), trainer->coded_turns(), coder.file.path, o.threshold,
      o.veto > 0 ? fmt::format(", veto {} over {} rules (fired on {} turns or more, right on less than {})",
                               o.veto, model.veto_rules->size(), o.veto_min_fired, o.veto_max_precision)
                 : std::string(),
      o.min_count, o.epochs, o.prune, model.features.size());
  for (const std::string& note : args.notes) header += "\n" + note;
  if (args.folds > 0) {
    const std::string table = cross_validation_text(trainer->cross_validate(args.options, args.folds));
    fmt::print(stderr, "{}\n", table);
    header += "\n" + table;
  }
  std::string not_read;
  for (const auto& [path, reason] : failed) not_read += fmt::format("\nNot read: {}: {}", path, reason);
  output.stream() << model_yaml(model, header + not_read);
  output.commit();
  return static_cast<int>(failed.empty() ? ExitCode::ok : ExitCode::input);
}

}  // namespace ruptag::cli
