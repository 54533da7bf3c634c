#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ruptag/evaluation.hpp"

namespace ruptag {

enum class EvalFormat { text, json, csv };

/// Parses an `eval --format` value (text, json, csv); nullopt for anything else.
std::optional<EvalFormat> parse_eval_format(std::string_view name);

/// What was compared, for the heading of the output.
struct EvalSources {
  std::string gold;                                         ///< the gold file's path
  std::string compared;                                     ///< "ruptag", or the second coder's file (--vs)
  std::size_t gold_dropped = 0;                             ///< rows of the gold file left out
  std::size_t compared_dropped = 0;                         ///< rows of the --vs file left out
  std::vector<std::pair<std::string, std::string>> failed;  ///< transcripts not read: path, reason
};

struct EvalRenderOptions {
  EvalFormat format = EvalFormat::text;
  bool by_file = false;  ///< add each session's tables
  bool by_rule = false;  ///< add the rule table (Evaluation::rules, FileEvaluation::rules)
};

/// Writes the tables of `evaluation` (docs/eval.md describes every format).
void render_evaluation(const Evaluation& evaluation, const EvalSources& sources,
                       const EvalRenderOptions& options, std::ostream& out);

}  // namespace ruptag
