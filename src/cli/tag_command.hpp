#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace ruptag::cli {

struct TagArgs {
  std::vector<std::string> inputs;
  std::vector<std::string> globs{"*.txt", "*.vtt", "*.srt"};
  std::string files_from;
  unsigned jobs = 0;  ///< 0: the number of cores
  std::string shard;
  std::string language;
  std::string rules_dir;
  std::string format = "text";
  std::string output;
  std::string color = "auto";
  std::string segment = "5m";
  double words_per_minute = 130;
  std::vector<std::string> therapist_labels;
  std::vector<std::string> patient_labels;
  std::string config;
  std::string input_format = "auto";
  bool strict = false;
  bool quiet = false;
  bool redact = false;
  std::string fail_on;
};

/// Adds `ruptag tag` to the app; the arguments land in `args`.
CLI::App* add_tag_command(CLI::App& app, TagArgs& args);

/// Runs `ruptag tag`; returns the exit code.
int run_tag(const TagArgs& args);

}  // namespace ruptag::cli
