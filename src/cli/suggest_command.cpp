#include "suggest_command.hpp"

#include <CLI/CLI.hpp>

#include <map>

#include "gold_input.hpp"
#include "ruptag/catalogue.hpp"
#include "ruptag/error.hpp"
#include "ruptag/output.hpp"
#include "ruptag/render_suggest.hpp"
#include "ruptag/suggest.hpp"

namespace ruptag::cli {

CLI::App* add_suggest_command(CLI::App& rules, SuggestArgs& args) {
  CLI::App* cmd = rules.add_subcommand(
      "suggest", "Rank the phrases the gold turns of each code share, against the speaker's other turns");
  cmd->add_option("--gold", args.gold, "Gold codes: a CSV file with the columns file,line,code")->required();
  cmd->add_option("--top", args.top, "N-grams per code (default 10)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000}));
  cmd->add_option("--min-count", args.min_count,
                  "Only n-grams in at least this many of the code's gold turns (default 2)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
  cmd->add_option("--prior-scale", args.prior_scale,
                  "Prior counts per count of the speaker's turns in the log-odds (default 1)")
      ->check(CLI::Range(0.001, 1000.0));
  cmd->add_option("--code", args.codes, "Only this id (repeatable)")
      ->allow_extra_args(false)
      ->check([](const std::string& id) {
        return find_catalogue_entry(id) != nullptr
                   ? std::string()
                   : "'" + id + "' is not an id of MARKERS.md (`ruptag rules list` shows them)";
      });
  cmd->add_option("--format", args.format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("-o,--output", args.output, "Write to this file (replaced only when complete)");
  add_input_options(cmd, args);
  return cmd;
}

int run_suggest(const SuggestArgs& args) {
  GoldFile gold = read_gold(args.gold);
  // phrases are ranked against what the rules find
  const Pipeline pipeline(args, Shard{}, {.tag = true, .all_turns = true, .segments = false, .model = false});
  SuggestSources sources;
  sources.gold = args.gold;
  sources.options.top = args.top;
  sources.options.min_count = args.min_count;
  sources.options.codes = args.codes;
  sources.options.prior_scale = args.prior_scale;
  sources.failed = report_inputs(pipeline);

  Output output(args.output);  // before the work: a target that cannot be written stops the run
  GoldCoder coder(std::move(gold), pipeline.paths());
  std::map<std::string, PhraseCounter> counters;  // by pack id
  run_with_gold(pipeline, coder, sources.failed, [&](const FileReport& report, const TurnCodes& codes) {
    counters.try_emplace(report.pack->pack().manifest.id, report.pack).first->second.add(report, codes);
  });
  sources.gold_dropped = coder.report();

  std::vector<PackPhrases> ranked;
  ranked.reserve(counters.size());
  for (const auto& [id, counter] : counters) ranked.push_back(counter.rank(sources.options));
  render_suggestions(ranked, sources, *parse_suggest_format(args.format), output.stream());
  output.commit();
  return static_cast<int>(sources.failed.empty() ? ExitCode::ok : ExitCode::input);
}

}  // namespace ruptag::cli
