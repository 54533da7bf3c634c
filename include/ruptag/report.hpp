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
  /// Keep every turn in the report (the HTML report and `eval` need them). Otherwise the
  /// report keeps only the turns with findings (Transcript::kept), so the memory a
  /// session takes follows its findings, not its length.
  bool all_turns = true;
  /// Cut the session into segments (the formats that list them, and `eval`, need them);
  /// off, FileReport::segments stays empty and takes no memory.
  bool cut_segments = true;
  /// Keep every rule that fired on a turn (FileReport::fired), also those whose finding
  /// gave way to a stronger rule of the same id (`eval --by-rule` needs them); off, none
  /// are collected.
  bool every_rule = false;
  /// Whether and how the pack's turn model reads the patient turns (TagStream's `model`).
  ModelUse model;
};

/// Everything the tool has to say about one transcript: what every renderer reads.
struct FileReport {
  std::string path;      ///< as the user gave it
  std::string language;  ///< the language of the pack used
  std::shared_ptr<const CompiledPack> pack;
  Transcript transcript;
  std::vector<Finding> findings;                        ///< in turn order
  std::vector<std::optional<RuptureOutcome>> outcomes;  ///< per finding; nullopt for repairs
  std::vector<Segment> segments;                        ///< empty unless ReportOptions::cut_segments
  std::vector<RuleFiring> fired;                        ///< empty unless ReportOptions::every_rule
  SessionSummary summary;
};

/// Builds a FileReport from a session's turns as a reader yields them: each turn is
/// tagged (TagStream), its findings' repairs followed (RepairTracker) and its segment
/// filled (SessionSegmenter) before the next one comes.
class ReportBuilder {
 public:
  /// `header`: the transcript without its turns (TurnReader::header()). `tagger`: nullptr
  /// for a report without tagging: no findings, no pack, an empty language, and word
  /// counts from tokenize().
  ReportBuilder(Transcript header, const Tagger* tagger, const ReportOptions& options = {});

  /// The next turn of the session.
  void add(Turn turn);

  /// The report, once every turn has been added.
  [[nodiscard]] FileReport finish() &&;

 private:
  void keep(const Turn& turn, bool has_findings);
  /// A tagged turn whose tags are complete (TagStream gives them in order).
  void take(TurnTags tags);

  FileReport report_;
  bool all_turns_ = true;
  bool cut_segments_ = true;
  std::optional<TagStream> stream_;
  std::optional<RepairTracker> repairs_;
  SessionSegmenter segmenter_;
  TurnCounts counts_;
  std::vector<std::size_t> kept_;  ///< indices of the kept turns, when not all are
};

/// Tags a transcript, analyses its repairs, segments and summarises it (ReportBuilder
/// over its turns).
FileReport build_report(Transcript transcript, const Tagger& tagger, const ReportOptions& options = {});

/// A report without tagging: the turns and the segments exactly as build_report() cuts
/// them (word counts from tokenize()), no findings, no pack and an empty language.
FileReport build_untagged_report(Transcript transcript, const ReportOptions& options = {});

}  // namespace ruptag
