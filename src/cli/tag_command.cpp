#include "tag_command.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <algorithm>
#include <functional>
#include <iostream>
#include <optional>
#include <thread>

#include "progress.hpp"
#include "ruptag/batch.hpp"
#include "ruptag/config.hpp"
#include "ruptag/error.hpp"
#include "ruptag/output.hpp"
#include "ruptag/pack_provider.hpp"
#include "ruptag/reader.hpp"
#include "ruptag/render.hpp"
#include "ruptag/report.hpp"
#include "ruptag/segmenter.hpp"
#include "ruptag/ui_text.hpp"
#include "terminal.hpp"

namespace ruptag::cli {

void add_input_options(CLI::App* cmd, InputArgs& args) {
  cmd->add_option(
      "inputs", args.inputs,
      "Transcript files (.txt, .vtt, .srt), folders (searched recursively) or '-' for standard input");
  cmd->add_option("--glob", args.globs,
                  "In folders, read files whose name matches (repeatable; default *.txt *.vtt *.srt)")
      ->allow_extra_args(false);
  cmd->add_option("--files-from", args.files_from,
                  "Also read the files listed in FILE, one a line ('-': standard input)");
  cmd->add_option("-j,--jobs", args.jobs, "Worker threads (default: the number of cores)")
      ->check(CLI::Range(1U, 1024U));
  cmd->add_option("--lang", args.language, "Language of the built-in pack: nl or en (default: detect)");
  cmd->add_option("--rules", args.rules_dir, "Use the rule pack in this folder instead of a built-in one");
  cmd->add_option("--therapist", args.therapist_labels,
                  "The therapist's name or label (repeatable; named speakers replace the default labels)")
      ->allow_extra_args(false);
  cmd->add_option("--patient", args.patient_labels,
                  "The patient's name or label (repeatable; named speakers replace the default labels)")
      ->allow_extra_args(false);
  cmd->add_option("--config", args.config, "A YAML file naming speakers' roles (speakers: {Anna: patient})");
  cmd->add_option("--input-format", args.input_format, "Transcript format: auto (default), text, vtt or srt")
      ->check(CLI::IsMember({"auto", "text", "vtt", "srt"}));
  cmd->add_option("--segment", args.segment,
                  "Segment length: minutes (5m, 90s), words (650words) or turns (20turns); default 5m")
      ->check([](const std::string& value) {
        return parse_segment_spec(value)
                   ? std::string()
                   : "'" + value + "' is not a segment length such as 5m, 650words or 20turns";
      });
  cmd->add_option("--rate", args.words_per_minute,
                  "Words a minute, to cut untimed transcripts into minutes (default 130)")
      ->check(CLI::Range(1.0, 1000.0));
  cmd->add_flag("--strict", args.strict, "Invalid UTF-8 is an error instead of being read as Windows-1252");
}

void add_model_option(CLI::App* cmd, InputArgs& args) {
  auto* no_model = cmd->add_flag(
      "--no-model", args.no_model,
      "Rules only: the pack's turn model does not flag the patient turns no rule flags (docs/model.md)");
  cmd->add_option(
         "--model-threshold", args.model_threshold,
         "The turn model flags a turn from this probability of a rupture instead of its own threshold")
      ->check(CLI::Range(0.01, 0.99))
      ->excludes(no_model);
  cmd->add_option(
         "--model-veto", args.model_veto,
         "The turn model drops the findings of the rules it may overrule in a patient turn where its "
         "probability of a rupture is below this, instead of its own veto (0: never)")
      ->check(CLI::Range(0.0, 0.98))
      ->excludes(no_model);
}

void add_ui_language_option(CLI::App* cmd, std::string& language) {
  std::string names;
  for (const auto& l : ui_languages()) names += (names.empty() ? "" : ", ") + l;
  cmd->add_option(
         "--ui-lang", language,
         "Language of the report's own words: " + names + " (default: the language of each file's pack)")
      ->check(CLI::IsMember(ui_languages()));
}

CLI::App* add_tag_command(CLI::App& app, TagArgs& args) {
  CLI::App* cmd = app.add_subcommand("tag", "Find rupture markers and repairs in transcripts");
  add_input_options(cmd, args);
  add_model_option(cmd, args);
  cmd->add_option("--shard", args.shard, "Process only part K of N of the input list (K/N)")
      ->check([](const std::string& value) {
        return parse_shard(value) ? std::string() : "'" + value + "' is not K/N with 1 <= K <= N";
      });
  cmd->add_option("--format", args.format, "Output format: " + format_names())
      ->check([](const std::string& value) {
        return parse_format(value) ? std::string()
                                   : "unknown format '" + value + "' (use " + format_names() + ")";
      });
  cmd->add_option("-o,--output", args.output, "Write to this file (replaced only when complete)");
  cmd->add_option("--color", args.color, "Colour in the text format: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_flag("-q,--quiet", args.quiet, "Text format: print only the summary lines");
  cmd->add_flag("--redact", args.redact,
                "Leave every word of the transcript out of the output (only ids, lines, times, counts)");
  cmd->add_option("--fail-on", args.fail_on,
                  "Exit 1 when a finding of this kind exists: withdrawal, confrontation or any")
      ->check(CLI::IsMember({"withdrawal", "confrontation", "any"}));
  add_ui_language_option(cmd, args.ui_language);
  return cmd;
}

namespace {

bool has_category(const FileReport& report, const std::string& fail_on) {
  if (fail_on.empty()) return false;
  return std::any_of(report.findings.begin(), report.findings.end(), [&](const Finding& f) {
    return f.category != Category::repair && (fail_on == "any" || to_string(f.category) == fail_on);
  });
}

}  // namespace

Pipeline::Pipeline(const InputArgs& args, const Shard& shard, const ReportNeeds& needs) : args_(args) {
  const Config config = args.config.empty() ? Config{} : load_config(args.config);
  reader_.roles = named_roles(args.therapist_labels, args.patient_labels, config);
  reader_.format = parse_transcript_format(args.input_format);
  reader_.strict = args.strict;
  report_.segments.spec = *parse_segment_spec(args.segment);
  report_.segments.words_per_minute = args.words_per_minute;
  report_.all_turns = needs.all_turns;
  report_.cut_segments = needs.segments;
  report_.every_rule = needs.every_rule;
  report_.model.on = needs.model && !args.no_model;
  if (args.model_threshold > 0) report_.model.threshold = args.model_threshold;
  if (args.model_veto >= 0) report_.model.veto = args.model_veto;

  const bool stdin_twice =
      args.files_from == "-" && std::count(args.inputs.begin(), args.inputs.end(), "-") > 0;
  if (stdin_twice) throw input_error({}, "'-' and --files-from - cannot both read standard input");
  if (args.inputs.empty() && args.files_from.empty()) {
    throw input_error({}, "no input: give transcript files, folders, '-' or --files-from");
  }

  // Packs are loaded first: an invalid pack stops the run before anything is written.
  if (needs.tag) packs_.emplace(PackChoice{args.rules_dir, args.language, needs.examples});

  inputs_ = expand_inputs(args.inputs, args.globs, args.files_from);
  if (inputs_.paths.empty() && inputs_.problems.empty()) {
    throw input_error({}, fmt::format("no transcript to read: {}", fmt::join(inputs_.warnings, "; ")));
  }
  const auto [first, last] = shard_range(inputs_.paths.size(), shard);
  paths_.assign(inputs_.paths.begin() + static_cast<std::ptrdiff_t>(first),
                inputs_.paths.begin() + static_cast<std::ptrdiff_t>(last));
}

// The language is detected from the first turns (at most max_detection_turns of them,
// so that turns without words cannot make this buffer grow without bound); the rest of
// the session goes straight from the reader to the report.
FileReport Pipeline::read_report(const std::string& path) const {
  constexpr std::size_t max_detection_turns = 4096;
  TurnReader reader(path, reader_);
  std::vector<Turn> first;
  const Tagger* tagger = nullptr;
  if (packs_) {
    auto detector = packs_->detector();
    while (detector && first.size() < max_detection_turns) {
      auto turn = reader.next();
      if (!turn) break;
      const bool more = detector->add(*turn);
      first.push_back(std::move(*turn));
      if (!more) break;
    }
    tagger = &packs_->tagger_for(detector);
  }
  ReportBuilder builder(reader.header(), tagger, report_);
  for (Turn& turn : first) builder.add(std::move(turn));
  while (auto turn = reader.next()) builder.add(std::move(*turn));
  return std::move(builder).finish();
}

void Pipeline::run(const std::function<void(std::size_t, InputOutcome&)>& deliver, bool progress) const {
  Progress bar(progress && ::isatty(STDERR_FILENO) != 0, paths_.size());
  const std::function<InputOutcome(std::size_t)> work = [&](std::size_t i) {
    InputOutcome out;
    out.path = paths_[i];
    try {
      out.report = read_report(paths_[i]);
    } catch (const Error& e) {
      out.error = e.what();
      out.reason = e.message();
    } catch (const std::exception& e) {  // e.g. out of memory on one huge file
      out.error = out.path + ": " + e.what();
      out.reason = e.what();
    }
    return out;
  };
  const std::function<void(std::size_t, InputOutcome&)> hand_over = [&](std::size_t i, InputOutcome& result) {
    if (result.report) {
      for (const auto& warning : result.report->transcript.warnings) {
        std::cerr << "\rruptag: warning: " << warning << '\n';
      }
    } else {
      std::cerr << "\rruptag: " << result.error << '\n';
    }
    deliver(i, result);
    bar.step(!result.report);
  };
  const unsigned jobs = args_.jobs > 0 ? args_.jobs : std::max(1U, std::thread::hardware_concurrency());
  run_ordered<InputOutcome>(paths_.size(), jobs, 4 * std::size_t{jobs}, work, hand_over);
  bar.finish();
}

int run_tag(const TagArgs& args) {
  const Shard shard = args.shard.empty() ? Shard{} : *parse_shard(args.shard);
  const Format format = *parse_format(args.format);
  // Reports hold only what the format shows: the turns with findings (every turn for
  // HTML), and segments only for the formats that list them.
  const Pipeline pipeline(
      args, shard, {.tag = true, .all_turns = shows_every_turn(format), .segments = lists_segments(format)});
  const InputList& inputs = pipeline.inputs();

  Output output(args.output);
  RenderOptions options;
  options.format = format;
  options.color = use_color(args.color, output.is_terminal());
  options.width = terminal_width(output.is_terminal());
  options.quiet = args.quiet;
  options.redact = args.redact;
  options.header = shard.index == 1;
  options.ui_language = args.ui_language;
  const auto renderer = make_renderer(options, output.stream());

  std::size_t failures = 0;
  bool fail_on_found = false;
  renderer->begin();
  for (const auto& warning : inputs.warnings) std::cerr << "ruptag: warning: " << warning << '\n';
  for (const auto& problem : inputs.problems) {
    std::cerr << "ruptag: " << problem.path << ": " << problem.message << '\n';
    renderer->failed(problem.path, problem.message);
    ++failures;
  }
  pipeline.run(
      [&](std::size_t, InputOutcome& result) {
        if (result.report) {
          fail_on_found = fail_on_found || has_category(*result.report, args.fail_on);
          renderer->file(*result.report);
        } else {
          renderer->failed(result.path, result.reason);
          ++failures;
        }
      },
      !args.quiet);
  renderer->end();
  output.commit();

  const std::size_t total = pipeline.paths().size() + inputs.problems.size();
  if (failures > 0 || (total > 1 && !args.quiet)) {
    std::cerr << fmt::format("ruptag: {} {} tagged, {} failed\n", total - failures,
                             total - failures == 1 ? "file" : "files", failures);
  }
  if (failures > 0) return static_cast<int>(ExitCode::input);
  return static_cast<int>(fail_on_found ? ExitCode::findings : ExitCode::ok);
}

}  // namespace ruptag::cli
