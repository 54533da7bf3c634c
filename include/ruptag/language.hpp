#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ruptag/rule_pack.hpp"
#include "ruptag/transcript.hpp"

namespace ruptag {

/// The frequent words that identify a language (a pack's `detect` list, normalised).
struct LanguageProfile {
  std::string language;
  std::vector<std::string> words;  ///< sorted
};

/// Builds the profile of a language from its detect words (a pack's `detect` list).
LanguageProfile language_profile(const std::string& language, const std::vector<std::string>& detect);

/// The language whose profile words make up the largest share of the transcript's first
/// few thousand words; `fallback` when no profile word occurs at all.
std::string detect_language(const Transcript& transcript, const std::vector<LanguageProfile>& profiles,
                            std::string_view fallback);

}  // namespace ruptag
