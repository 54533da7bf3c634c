// libFuzzer target: the rule-pack loader on an arbitrary YAML file. A pack that loads is
// also compiled and run over a short transcript, so its regexes and term lists are used.
// A ruptag::Error (exit 3, or exit 2 for `extends:` of an unknown language) is a correct
// answer to a bad pack; anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "ruptag/compiled_pack.hpp"
#include "ruptag/error.hpp"
#include "ruptag/pack_loader.hpp"
#include "ruptag/reader.hpp"
#include "ruptag/tagger.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ruptag::Transcript transcript = ruptag::parse_transcript(
      "T: What was that like for you? (pause)\n"
      "P: Dunno. I guess it was fine, whatever you think is best.\n"
      "T: It sounds like you are not sure this helps.\n"
      "P: Honestly? The diary was pointless, like homework.\n",
      "fuzz.txt", {});
  try {
    ruptag::RulePack pack =
        ruptag::parse_pack({{"fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size)}});
    const ruptag::Tagger tagger(ruptag::CompiledPack::compile(std::move(pack)));
    ruptag::fuzz::check_findings(transcript, tagger.tag(transcript));
  } catch (const ruptag::Error& e) {
    ruptag::fuzz::require(e.code() == ruptag::ExitCode::invalid_pack || e.code() == ruptag::ExitCode::input,
                          "unexpected exit code");
    ruptag::fuzz::require(!e.message().empty(), "empty error message");
  }
  return 0;
}
