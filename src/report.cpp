#include "ruptag/report.hpp"

namespace ruptag {

FileReport build_report(Transcript transcript, const Tagger& tagger) {
  FileReport report;
  report.path = transcript.path;
  report.language = tagger.pack().pack().manifest.language;
  report.pack = tagger.shared_pack();
  report.findings = tagger.tag(transcript);
  report.transcript = std::move(transcript);
  return report;
}

}  // namespace ruptag
