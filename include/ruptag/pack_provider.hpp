#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "ruptag/language.hpp"
#include "ruptag/tagger.hpp"

namespace ruptag {

/// Which pack to use: a folder of YAML files, a built-in language, or (neither given)
/// the built-in pack whose language each transcript is detected to be in.
struct PackChoice {
  std::string rules_dir;  ///< empty: built-in packs
  std::string language;   ///< empty: detect per transcript (or the folder's pack)
  bool examples = false;  ///< keep the rules' examples and source locations (rules test)
};

/// Loads the packs a run needs, once, before any transcript is read, and compiles each
/// the first time it is needed. Safe to use from several threads.
class PackProvider {
 public:
  /// Throws Error (exit 3) for an invalid pack, (exit 2) for an unknown language.
  explicit PackProvider(const PackChoice& choice);
  ~PackProvider();
  PackProvider(const PackProvider&) = delete;
  PackProvider& operator=(const PackProvider&) = delete;

  /// A detector to feed a transcript's first turns, when each transcript's language is
  /// detected; nullopt when one pack serves all.
  [[nodiscard]] std::optional<LanguageDetector> detector() const;

  /// The tagger for a transcript: the one pack's, or the pack of the language `detected`
  /// found in it.
  [[nodiscard]] const Tagger& tagger_for(const std::optional<LanguageDetector>& detected) const;

  /// The tagger for a transcript held whole.
  [[nodiscard]] const Tagger& tagger_for(const Transcript& transcript) const;

  /// All taggers, in language order.
  [[nodiscard]] std::vector<const Tagger*> taggers() const;

 private:
  struct Entry;
  static const Tagger& compiled(const Entry& entry);

  std::vector<std::unique_ptr<Entry>> entries_;  ///< sorted by language
  std::vector<LanguageProfile> profiles_;
  bool detect_ = false;
};

}  // namespace ruptag
