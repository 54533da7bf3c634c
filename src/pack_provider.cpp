#include "ruptag/pack_provider.hpp"

#include <fmt/format.h>

#include "ruptag/embedded_packs.hpp"
#include "ruptag/error.hpp"
#include "ruptag/pack_loader.hpp"

namespace ruptag {
namespace {
constexpr std::string_view fallback_language = "en";
}

PackProvider::PackProvider(const PackChoice& choice) {
  auto add = [&](RulePack pack) {
    const std::string language = pack.manifest.language;
    profiles_.push_back(language_profile(pack));
    taggers_[language] = std::make_unique<Tagger>(CompiledPack::compile(std::move(pack)));
  };
  if (!choice.rules_dir.empty()) {
    RulePack pack = load_pack_dir(choice.rules_dir);
    if (!choice.language.empty() && choice.language != pack.manifest.language) {
      throw input_error({}, fmt::format("--lang {} does not fit the pack in {}, whose language is '{}'",
                                        choice.language, choice.rules_dir, pack.manifest.language));
    }
    add(std::move(pack));
  } else if (!choice.language.empty()) {
    add(load_builtin_pack(choice.language));
  } else {
    for (const auto& language : builtin_languages()) add(load_builtin_pack(language));
    detect_ = taggers_.size() > 1;
  }
}

const Tagger& PackProvider::tagger_for(const Transcript& transcript) const {
  if (!detect_) return *taggers_.begin()->second;
  const std::string language = detect_language(transcript, profiles_, fallback_language);
  const auto it = taggers_.find(language);
  return it != taggers_.end() ? *it->second : *taggers_.begin()->second;
}

std::vector<const Tagger*> PackProvider::taggers() const {
  std::vector<const Tagger*> out;
  for (const auto& [language, tagger] : taggers_) out.push_back(tagger.get());
  return out;
}

}  // namespace ruptag
