#include "ruptag/language.hpp"

#include <algorithm>

#include "ruptag/term_index.hpp"
#include "ruptag/text.hpp"

namespace ruptag {
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

LanguageDetector::LanguageDetector(const std::vector<LanguageProfile>& profiles)
    : profiles_(&profiles), hits_(profiles.size(), 0) {}

bool LanguageDetector::add(const Turn& turn) {
  TokenizedText text;
  tokenize(turn.text, {}, text);
  for (std::size_t i = 0; i < text.tokens.size() && seen_ < words; ++i, ++seen_) {
    const std::string_view word = text.normalized(i);
    for (std::size_t p = 0; p < profiles_->size(); ++p) {
      const auto& list = (*profiles_)[p].words;
      if (std::binary_search(list.begin(), list.end(), word)) ++hits_[p];
    }
  }
  return seen_ < words;
}

std::string LanguageDetector::language(std::string_view fallback) const {
  const auto best = std::max_element(hits_.begin(), hits_.end());
  if (best == hits_.end() || *best == 0) return std::string(fallback);
  return (*profiles_)[static_cast<std::size_t>(best - hits_.begin())].language;
}

}  // namespace ruptag
