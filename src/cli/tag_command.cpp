#include "tag_command.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>

#include "ruptag/error.hpp"
#include "ruptag/output.hpp"
#include "ruptag/pack_provider.hpp"
#include "ruptag/reader.hpp"
#include "ruptag/render.hpp"
#include "ruptag/report.hpp"
#include "ruptag/segmenter.hpp"
#include "terminal.hpp"

namespace ruptag::cli {

CLI::App* add_tag_command(CLI::App& app, TagArgs& args) {
  CLI::App* cmd = app.add_subcommand("tag", "Find rupture markers and repairs in transcripts");
  cmd->add_option("files", args.inputs, "Transcript files (.txt, .vtt, .srt); '-' reads standard input")
      ->required();
  cmd->add_option("--lang", args.language, "Language of the built-in pack: nl or en (default: detect)");
  cmd->add_option("--rules", args.rules_dir, "Use the rule pack in this folder instead of a built-in one");
  cmd->add_option("--format", args.format, "Output format: " + format_names())
      ->check([](const std::string& value) {
        return parse_format(value) ? std::string()
                                   : "unknown format '" + value + "' (use " + format_names() + ")";
      });
  cmd->add_option("-o,--output", args.output, "Write to this file (replaced only when complete)");
  cmd->add_option("--color", args.color, "Colour in the text format: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_option("--therapist", args.therapist_labels,
                  "A therapist speaker label (repeatable; replaces the defaults)");
  cmd->add_option("--patient", args.patient_labels,
                  "A patient speaker label (repeatable; replaces the defaults)");
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
  cmd->add_flag("-q,--quiet", args.quiet, "Text format: print only the summary lines");
  cmd->add_flag("--redact", args.redact,
                "Leave every word of the transcript out of the output (only ids, lines, times, counts)");
  cmd->add_option("--fail-on", args.fail_on,
                  "Exit 1 when a finding of this kind exists: withdrawal, confrontation or any")
      ->check(CLI::IsMember({"withdrawal", "confrontation", "any"}));
  return cmd;
}

int run_tag(const TagArgs& args) {
  ReaderOptions reader;
  if (!args.therapist_labels.empty()) reader.therapist_labels = args.therapist_labels;
  if (!args.patient_labels.empty()) reader.patient_labels = args.patient_labels;
  reader.strict = args.strict;

  // Packs are loaded first: an invalid pack stops the run before anything is written.
  const PackProvider packs({args.rules_dir, args.language});

  Output output(args.output);
  RenderOptions options;
  options.format = *parse_format(args.format);
  options.color = use_color(args.color, output.is_terminal());
  options.width = terminal_width(output.is_terminal());
  options.quiet = args.quiet;
  options.redact = args.redact;
  const auto renderer = make_renderer(options, output.stream());

  ReportOptions report_options;
  report_options.segments.spec = *parse_segment_spec(args.segment);
  report_options.segments.words_per_minute = args.words_per_minute;

  int failures = 0;
  bool fail_on_found = false;
  const auto counts = [&](const FileReport& report) {
    if (args.fail_on.empty()) return false;
    return std::any_of(report.findings.begin(), report.findings.end(), [&](const Finding& f) {
      if (f.category == Category::repair) return false;
      return args.fail_on == "any" || to_string(f.category) == args.fail_on;
    });
  };
  renderer->begin();
  for (const auto& input : args.inputs) {
    try {
      Transcript transcript = read_transcript(input, reader);
      for (const auto& warning : transcript.warnings) std::cerr << "ruptag: warning: " << warning << '\n';
      const Tagger& tagger = packs.tagger_for(transcript);
      const FileReport report = build_report(std::move(transcript), tagger, report_options);
      fail_on_found = fail_on_found || counts(report);
      renderer->file(report);
    } catch (const Error& e) {
      std::cerr << "ruptag: " << e.what() << '\n';
      renderer->failed(input, e.message());
      ++failures;
    }
  }
  renderer->end();
  output.commit();
  if (failures > 0) {
    std::cerr << fmt::format("ruptag: {} of {} files could not be read\n", failures, args.inputs.size());
    return static_cast<int>(ExitCode::input);
  }
  return static_cast<int>(fail_on_found ? ExitCode::findings : ExitCode::ok);
}

}  // namespace ruptag::cli
