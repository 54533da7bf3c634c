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

/// Finds the language of a session from its first turns, as a reader yields them: the
/// language whose profile words make up the largest share of the first
/// `LanguageDetector::words` words.
class LanguageDetector {
 public:
  static constexpr std::size_t words = 5000;

  /// `profiles` must outlive the detector.
  explicit LanguageDetector(const std::vector<LanguageProfile>& profiles);

  /// Reads the words of the next turn; false once it has read enough.
  bool add(const Turn& turn);

  /// The language found; `fallback` when no profile word occurred at all.
  [[nodiscard]] std::string language(std::string_view fallback) const;

 private:
  const std::vector<LanguageProfile>* profiles_;
  std::vector<std::size_t> hits_;  ///< per profile
  std::size_t seen_ = 0;
};

}  // namespace ruptag
