#include "ruptag/report.hpp"

#include "ruptag/text.hpp"

namespace ruptag {

FileReport build_report(Transcript transcript, const Tagger& tagger, const ReportOptions& options) {
  FileReport report;
  report.path = transcript.path;
  report.pack = tagger.shared_pack();
  const RulePack& pack = report.pack->pack();
  report.language = pack.manifest.language;
  TagResult tagged = tagger.tag(transcript, {std::string(collaboration_condition)});
  report.findings = std::move(tagged.findings);
  const RepairSettings repair{static_cast<std::size_t>(pack.settings.repair_window),
                              static_cast<std::size_t>(pack.settings.resolution_window)};
  report.outcomes = analyse_repairs(transcript, report.findings, tagged.conditions.front(), pack, repair);
  report.segments = segment_session(transcript, report.findings, tagged.words, options.segments);
  report.summary = summarise(transcript, report.findings, report.outcomes);
  report.transcript = std::move(transcript);
  return report;
}

FileReport build_untagged_report(Transcript transcript, const ReportOptions& options) {
  FileReport report;
  report.path = transcript.path;
  std::vector<std::size_t> words;
  TokenizedText tokens;
  for (const Turn& turn : transcript.turns) {
    tokenize(turn.text, {}, tokens);
    words.push_back(tokens.tokens.size());
  }
  report.segments = segment_session(transcript, report.findings, words, options.segments);
  report.summary = summarise(transcript, report.findings, report.outcomes);
  report.transcript = std::move(transcript);
  return report;
}

}  // namespace ruptag
