#pragma once

#include <string>

#include "ruptag/compiled_pack.hpp"
#include "ruptag/pack_loader.hpp"
#include "ruptag/reader.hpp"
#include "ruptag/tagger.hpp"

namespace ruptag::test {

inline const std::string manifest = "pack: {id: test, language: en, version: '1', name: Test pack}\n";

/// A pack from one YAML text (with the manifest prepended).
inline RulePack pack_from(const std::string& yaml) {
  return parse_pack({{"test.yaml", manifest + yaml}});
}

inline Tagger tagger_from(const std::string& yaml) {
  return Tagger(CompiledPack::compile(pack_from(yaml)));
}

inline Transcript transcript(const std::string& text) {
  return parse_transcript(text, "t.txt", {});
}

/// The message of the Error parse_pack throws for `yaml` (empty when it loads).
inline std::string pack_problem(const std::string& yaml, bool with_manifest = true) {
  try {
    parse_pack({{"test.yaml", (with_manifest ? manifest : std::string()) + yaml}});
  } catch (const Error& e) {
    return e.what();
  }
  return {};
}

}  // namespace ruptag::test
