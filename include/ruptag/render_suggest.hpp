#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ruptag/suggest.hpp"

namespace ruptag {

enum class SuggestFormat { text, json };

/// Parses a `rules suggest --format` value (text, json); nullopt for anything else.
std::optional<SuggestFormat> parse_suggest_format(std::string_view name);

/// What was ranked, for the heading of the output.
struct SuggestSources {
  std::string gold;                                         ///< the gold file's path
  std::size_t gold_dropped = 0;                             ///< its rows left out
  SuggestOptions options;                                   ///< as ranked
  std::vector<std::pair<std::string, std::string>> failed;  ///< transcripts not read: path, reason
};

/// Writes the rankings of every pack (docs/rules.md describes both formats).
void render_suggestions(const std::vector<PackPhrases>& packs, const SuggestSources& sources,
                        SuggestFormat format, std::ostream& out);

}  // namespace ruptag
