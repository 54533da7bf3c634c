#include "ruptag/report.hpp"

#include <iterator>
#include <span>

#include "ruptag/text.hpp"

namespace ruptag {

ReportBuilder::ReportBuilder(Transcript header, const Tagger* tagger, const ReportOptions& options)
    : all_turns_(options.all_turns), cut_segments_(options.cut_segments), segmenter_(options.segments) {
  report_.path = header.path;
  header.turns.clear();
  report_.transcript = std::move(header);
  if (tagger == nullptr) return;
  report_.pack = tagger->shared_pack();
  const RulePack& pack = report_.pack->pack();
  report_.language = pack.manifest.language;
  stream_.emplace(report_.pack, std::vector<std::string>{std::string(collaboration_condition)},
                  options.every_rule, options.model);
  repairs_.emplace(pack, RepairSettings{static_cast<std::size_t>(pack.settings.repair_window),
                                        static_cast<std::size_t>(pack.settings.resolution_window)});
}

void ReportBuilder::keep(const Turn& turn, bool has_findings) {
  if (!all_turns_ && !has_findings) return;
  if (!all_turns_) kept_.push_back(counts_.turns);
  report_.transcript.turns.push_back(turn);
}

void ReportBuilder::add(Turn turn) {
  if (!stream_) {
    if (cut_segments_) {
      TokenizedText tokens;
      tokenize(turn.text, {}, tokens);
      segmenter_.add_turn(turn, tokens.tokens.size(), {});
    }
    keep(turn, false);
    counts_.add(turn.speaker);
    return;
  }
  for (TurnTags& tags : stream_->push(std::move(turn))) take(std::move(tags));
}

void ReportBuilder::take(TurnTags tags) {
  const Turn& tagged = stream_->turn(tags.turn);
  repairs_->add_turn(tagged.speaker, tags.findings, tags.conditions.front());
  if (cut_segments_) segmenter_.add_turn(tagged, tags.words, tags.findings);
  keep(tagged, !tags.findings.empty());
  for (const std::uint32_t rule : tags.fired) report_.fired.push_back({counts_.turns, rule});
  counts_.add(tagged.speaker);
  std::move(tags.findings.begin(), tags.findings.end(), std::back_inserter(report_.findings));
}

FileReport ReportBuilder::finish() && {
  if (stream_) {
    for (TurnTags& tags : stream_->finish()) take(std::move(tags));
  }
  if (!all_turns_) report_.transcript.kept = KeptTurns{std::move(kept_), counts_.turns};
  if (repairs_) report_.outcomes = repairs_->finish();
  if (cut_segments_) report_.segments = segmenter_.finish();
  report_.summary = summarise(counts_, report_.transcript, report_.findings, report_.outcomes);
  return std::move(report_);
}

namespace {

FileReport build(Transcript transcript, const Tagger* tagger, const ReportOptions& options) {
  std::vector<Turn> turns = std::move(transcript.turns);
  ReportBuilder builder(std::move(transcript), tagger, options);
  for (Turn& turn : turns) builder.add(std::move(turn));
  return std::move(builder).finish();
}

}  // namespace

FileReport build_report(Transcript transcript, const Tagger& tagger, const ReportOptions& options) {
  return build(std::move(transcript), &tagger, options);
}

FileReport build_untagged_report(Transcript transcript, const ReportOptions& options) {
  return build(std::move(transcript), nullptr, options);
}

}  // namespace ruptag
