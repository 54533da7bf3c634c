#include "ruptag/language.hpp"

#include <algorithm>

#include "ruptag/term_index.hpp"
#include "ruptag/text.hpp"

namespace ruptag {
namespace {
constexpr std::size_t max_words = 5000;
}

LanguageProfile language_profile(const std::string& language, const std::vector<std::string>& detect) {
  LanguageProfile profile{language, {}};
  const NormalizeOptions options;  // detection always folds, whatever the pack says
  std::vector<TermToken> tokens;
  for (const auto& term : detect) {
    if (parse_term(term, options, tokens).empty() && tokens.size() == 1) {
      profile.words.push_back(tokens.front().text);
    }
  }
  std::sort(profile.words.begin(), profile.words.end());
  profile.words.erase(std::unique(profile.words.begin(), profile.words.end()), profile.words.end());
  return profile;
}

std::string detect_language(const Transcript& transcript, const std::vector<LanguageProfile>& profiles,
                            std::string_view fallback) {
  std::vector<std::size_t> hits(profiles.size(), 0);
  std::size_t seen = 0;
  TokenizedText text;
  for (const auto& turn : transcript.turns) {
    tokenize(turn.text, {}, text);
    for (std::size_t i = 0; i < text.tokens.size() && seen < max_words; ++i, ++seen) {
      const std::string_view word = text.normalized(i);
      for (std::size_t p = 0; p < profiles.size(); ++p) {
        if (std::binary_search(profiles[p].words.begin(), profiles[p].words.end(), word)) ++hits[p];
      }
    }
    if (seen >= max_words) break;
  }
  const auto best = std::max_element(hits.begin(), hits.end());
  if (best == hits.end() || *best == 0) return std::string(fallback);
  return profiles[static_cast<std::size_t>(best - hits.begin())].language;
}

}  // namespace ruptag
