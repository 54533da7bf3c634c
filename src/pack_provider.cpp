#include "ruptag/pack_provider.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ruptag/embedded_packs.hpp"
#include "ruptag/error.hpp"
#include "ruptag/pack_binary.hpp"
#include "ruptag/pack_loader.hpp"

namespace ruptag {
namespace {
constexpr std::string_view fallback_language = "en";
}

struct PackProvider::Entry {
  std::string language;
  std::string_view embedded;  ///< an embedded pack, decoded when first needed
  bool lean = true;           ///< decode it without examples and locations
  mutable RulePack pack;      ///< a pack from a folder, moved into the tagger when compiled
  mutable std::once_flag once;
  mutable std::unique_ptr<Tagger> tagger;
};

PackProvider::PackProvider(const PackChoice& choice) {
  auto add = [&](RulePack pack) {
    profiles_.push_back(language_profile(pack.manifest.language, pack.detect.terms));
    auto entry = std::make_unique<Entry>();
    entry->language = pack.manifest.language;
    entry->pack = std::move(pack);
    entries_.push_back(std::move(entry));
  };
  auto add_builtin = [&](const std::string& language) {
    const std::string_view bytes = builtin_pack_bytes(language);
    if (bytes.empty()) load_builtin_pack(language);  // throws the error that names the languages there are
    const PackProfile profile = decode_pack_profile(bytes);
    profiles_.push_back(language_profile(profile.language, profile.detect));
    auto entry = std::make_unique<Entry>();
    entry->language = profile.language;
    entry->embedded = bytes;
    entry->lean = !choice.examples;
    entries_.push_back(std::move(entry));
  };
  if (!choice.rules_dir.empty()) {
    RulePack pack = load_pack_dir(choice.rules_dir);
    if (!choice.language.empty() && choice.language != pack.manifest.language) {
      throw input_error({}, fmt::format("--lang {} does not fit the pack in {}, whose language is '{}'",
                                        choice.language, choice.rules_dir, pack.manifest.language));
    }
    add(std::move(pack));
    compiled(*entries_.front());  // a pack of the user's own: compile errors before any output
  } else if (!choice.language.empty()) {
    add_builtin(choice.language);
  } else {
    for (const auto& language : builtin_languages()) add_builtin(language);
    detect_ = entries_.size() > 1;
  }
}

PackProvider::~PackProvider() = default;

const Tagger& PackProvider::compiled(const Entry& entry) {
  std::call_once(entry.once, [&] {
    if (entry.embedded.empty()) {
      entry.tagger = std::make_unique<Tagger>(CompiledPack::compile(std::move(entry.pack)));
      return;
    }
    DecodedPack decoded = decode_pack(entry.embedded, entry.lean);
    entry.tagger =
        std::make_unique<Tagger>(CompiledPack::compile(std::move(decoded.pack), std::move(decoded.index)));
  });
  return *entry.tagger;
}

std::optional<LanguageDetector> PackProvider::detector() const {
  if (!detect_) return std::nullopt;
  return LanguageDetector(profiles_);
}

const Tagger& PackProvider::tagger_for(const std::optional<LanguageDetector>& detected) const {
  if (!detected) return compiled(*entries_.front());
  const std::string language = detected->language(fallback_language);
  const auto it =
      std::find_if(entries_.begin(), entries_.end(), [&](const auto& e) { return e->language == language; });
  return compiled(it != entries_.end() ? **it : *entries_.front());
}

const Tagger& PackProvider::tagger_for(const Transcript& transcript) const {
  auto detected = detector();
  for (auto turn = transcript.turns.begin(); detected && turn != transcript.turns.end(); ++turn) {
    if (!detected->add(*turn)) break;
  }
  return tagger_for(detected);
}

std::vector<const Tagger*> PackProvider::taggers() const {
  std::vector<const Tagger*> out;
  for (const auto& entry : entries_) out.push_back(&compiled(*entry));
  return out;
}

}  // namespace ruptag
