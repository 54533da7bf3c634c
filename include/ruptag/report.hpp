#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ruptag/compiled_pack.hpp"
#include "ruptag/tagger.hpp"
#include "ruptag/transcript.hpp"

namespace ruptag {

/// Everything the tool has to say about one transcript: what every renderer reads.
struct FileReport {
  std::string path;      ///< as the user gave it
  std::string language;  ///< the language of the pack used
  std::shared_ptr<const CompiledPack> pack;
  Transcript transcript;
  std::vector<Finding> findings;  ///< in turn order
};

/// Tags a transcript and assembles its report.
FileReport build_report(Transcript transcript, const Tagger& tagger);

}  // namespace ruptag
