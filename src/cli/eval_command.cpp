#include "eval_command.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <optional>

#include "gold_input.hpp"
#include "ruptag/error.hpp"
#include "ruptag/evaluation.hpp"
#include "ruptag/gold.hpp"
#include "ruptag/output.hpp"
#include "ruptag/render_eval.hpp"

namespace ruptag::cli {

CLI::App* add_eval_command(CLI::App& app, EvalArgs& args) {
  CLI::App* cmd = app.add_subcommand("eval", "Measure agreement with human coders' gold codes");
  cmd->add_option("--gold", args.gold, "Gold codes: a CSV file with the columns file,line,code")->required();
  cmd->add_option("--vs", args.versus,
                  "A second coder's gold file: compare the two coders instead of tagging");
  cmd->add_option("--format", args.format, "Output format: text, json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  cmd->add_flag("--by-file", args.by_file, "Add the tables of every transcript");
  cmd->add_flag("--by-rule", args.by_rule,
                "Add a table of every rule: turns it fired on, how many the gold codes the same, most "
                "false positives first");
  cmd->add_option("-o,--output", args.output, "Write to this file (replaced only when complete)");
  add_input_options(cmd, args);
  add_model_option(cmd, args);
  return cmd;
}

int run_eval(const EvalArgs& args) {
  GoldFile gold = read_gold(args.gold);
  std::optional<GoldFile> versus;
  if (!args.versus.empty()) {
    if (args.by_rule) throw input_error({}, "--by-rule judges the tool's rules; it cannot be used with --vs");
    versus = read_gold(args.versus);
  }
  const Pipeline pipeline(args, Shard{}, {.tag = !versus, .every_rule = args.by_rule});
  EvalSources sources;
  sources.gold = args.gold;
  sources.compared = versus ? args.versus : "ruptag";
  sources.failed = report_inputs(pipeline);

  Output output(args.output);  // before the work: a target that cannot be written stops the run
  GoldCoder reference(std::move(gold), pipeline.paths());
  std::optional<GoldCoder> second;
  if (versus) second.emplace(std::move(*versus), pipeline.paths());
  std::vector<FileEvaluation> files;
  std::vector<const CompiledPack*> judged;  // the packs whose rules were judged, once each
  pipeline.run(
      [&](std::size_t i, InputOutcome& result) {
        if (!result.report) {
          sources.failed.emplace_back(result.path, result.reason);
          reference.unreadable(i, result.path);
          if (second) second->unreadable(i, result.path);
          return;
        }
        const Transcript& transcript = result.report->transcript;
        TurnCodes codes =
            assign_to_turns(reference.rows.rows[i], transcript, reference.file.path, reference.problems);
        TurnCodes other =
            second ? assign_to_turns(second->rows.rows[i], transcript, second->file.path, second->problems)
                   : codes_of(result.report->findings, transcript.turns.size());
        std::vector<RuleRow> rules;
        if (args.by_rule) {
          const CompiledPack& pack = *result.report->pack;
          rules = evaluate_rules(pack, result.report->fired, result.report->findings, codes);
          if (std::find(judged.begin(), judged.end(), &pack) == judged.end()) judged.push_back(&pack);
        }
        files.push_back(evaluate_session(
            session_codes(transcript, result.report->segments, std::move(codes), std::move(other))));
        files.back().rules = std::move(rules);
      },
      true);
  sources.gold_dropped = reference.report();
  if (second) sources.compared_dropped = second->report();

  EvalRenderOptions options;
  options.format = *parse_eval_format(args.format);
  options.by_file = args.by_file;
  options.by_rule = args.by_rule;
  render_evaluation(combine(std::move(files), judged), sources, options, output.stream());
  output.commit();
  return static_cast<int>(sources.failed.empty() ? ExitCode::ok : ExitCode::input);
}

}  // namespace ruptag::cli
