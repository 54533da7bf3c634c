#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ruptag/compiled_pack.hpp"
#include "ruptag/repair.hpp"
#include "ruptag/segmenter.hpp"
#include "ruptag/summary.hpp"
#include "ruptag/tagger.hpp"
#include "ruptag/transcript.hpp"

namespace ruptag {

struct ReportOptions {
  SegmentOptions segments;
};

/// Everything the tool has to say about one transcript: what every renderer reads.
struct FileReport {
  std::string path;      ///< as the user gave it
  std::string language;  ///< the language of the pack used
  std::shared_ptr<const CompiledPack> pack;
  Transcript transcript;
  std::vector<Finding> findings;                        ///< in turn order
  std::vector<std::optional<RuptureOutcome>> outcomes;  ///< per finding; nullopt for repairs
  std::vector<Segment> segments;
  SessionSummary summary;
};

/// Tags a transcript, analyses its repairs, segments and summarises it.
FileReport build_report(Transcript transcript, const Tagger& tagger, const ReportOptions& options = {});

/// A report without tagging: the turns and the segments exactly as build_report() cuts
/// them (word counts from tokenize()), no findings, no pack and an empty language.
FileReport build_untagged_report(Transcript transcript, const ReportOptions& options = {});

}  // namespace ruptag
