#pragma once

#include <string>

#include "ruptag/compiled_pack.hpp"
#include "ruptag/pack_loader.hpp"
#include "ruptag/reader.hpp"
#include "ruptag/tagger.hpp"

namespace ruptag::test {

inline const std::string manifest = "pack: {id: test, language: en, version: '1', name: Test pack}\n";

/// A pack of one rule: "getting nowhere" is complaint-progress.
inline const char* const progress_pack = R"(
markers:
  - id: complaint-progress
    name: Progress
    description: p
    rules:
      - {id: complaint-progress.nowhere, terms: [getting nowhere]}
)";

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

/// A pack with one marker rule, id "r", made of `clauses` (YAML block lines under the
/// rule), after the top-level YAML `extra`.
inline std::string marker_rule(const std::string& clauses, const std::string& extra = "") {
  return extra +
         "markers:\n  - id: denial\n    name: Denial\n    description: d\n    rules:\n      - id: r\n" +
         clauses;
}

/// Whether rule "r" fires on the last turn of `text`: a patient's turn, or an exchange
/// starting with "T:".
inline bool fires(const Tagger& tagger, const std::string& text) {
  const Transcript t =
      transcript(text.find(':') != std::string::npos && text.rfind("T:", 0) == 0 ? text : "P: " + text);
  return tagger.rule_fires(t, t.turns.size() - 1, "r");
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
