#pragma once

#include <map>
#include <memory>
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
};

/// Loads and compiles the packs a run needs, once, before any transcript is read.
class PackProvider {
 public:
  /// Throws Error (exit 3) for an invalid pack, (exit 2) for an unknown language.
  explicit PackProvider(const PackChoice& choice);

  /// The tagger for this transcript.
  [[nodiscard]] const Tagger& tagger_for(const Transcript& transcript) const;

  /// All taggers, in language order.
  [[nodiscard]] std::vector<const Tagger*> taggers() const;

 private:
  std::map<std::string, std::unique_ptr<Tagger>> taggers_;
  std::vector<LanguageProfile> profiles_;
  bool detect_ = false;
};

}  // namespace ruptag
