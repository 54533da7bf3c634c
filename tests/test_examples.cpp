// The bundled example sessions show every outcome a rupture can have; these tests pin
// them (and the segments, with and without timestamps) with the built-in packs.
#include <gtest/gtest.h>

#include "ruptag/compiled_pack.hpp"
#include "ruptag/pack_provider.hpp"
#include "ruptag/reader.hpp"
#include "ruptag/report.hpp"

namespace ruptag {
namespace {

FileReport example(const std::string& path, const std::string& language) {
  static const PackProvider en({"", "en"});
  static const PackProvider nl({"", "nl"});
  Transcript t = read_transcript(std::string(RUPTAG_SOURCE_DIR) + "/" + path, {});
  const Tagger& tagger = (language == "en" ? en : nl).tagger_for(t);
  return build_report(std::move(t), tagger);
}

// The status of the marker `id` found in the turn at `line`, or "none".
std::string status(const FileReport& r, std::size_t line, const std::string& id) {
  for (std::size_t i = 0; i < r.findings.size(); ++i) {
    if (r.transcript.turns[r.findings[i].turn].line == line && r.findings[i].marker == id && r.outcomes[i]) {
      return std::string(to_string(r.outcomes[i]->status));
    }
  }
  return "none";
}

TEST(Examples, EnglishSessionShowsEachOutcome) {
  const FileReport r = example("examples/en/session.txt", "en");
  // a complaint about homework, answered with a rationale; the patient then works along
  EXPECT_EQ(status(r, 4, "complaint-activities"), "resolved");
  // laughing about a death, addressed, but denial follows within three patient turns
  EXPECT_EQ(status(r, 16, "content-affect-split"), "addressed");
  EXPECT_EQ(status(r, 18, "denial"), "addressed");
  // curt answers and a change of subject the therapist lets pass
  EXPECT_EQ(status(r, 30, "minimal-response"), "unaddressed");
  EXPECT_EQ(status(r, 34, "topic-shift"), "unaddressed");
  ASSERT_TRUE(r.summary.longest_unaddressed);
  EXPECT_EQ(r.summary.longest_unaddressed->start_line, 30U);
}

TEST(Examples, DutchSessionShowsEachOutcome) {
  const FileReport r = example("examples/nl/sessie.txt", "nl");
  EXPECT_EQ(status(r, 17, "denial"), "resolved");
  EXPECT_EQ(status(r, 27, "complaint-activities"), "addressed");
  EXPECT_EQ(status(r, 7, "minimal-response"), "unaddressed");
  EXPECT_EQ(status(r, 9, "topic-shift"), "unaddressed");
}

TEST(Examples, EnglishSegmentsFollowTheClock) {
  const FileReport r = example("examples/en/session.txt", "en");
  ASSERT_EQ(r.segments.size(), 9U);  // 0:12 to 44:50 in 5-minute windows
  for (std::size_t k = 0; k < r.segments.size(); ++k) {
    EXPECT_DOUBLE_EQ(*r.segments[k].start_time, 300.0 * static_cast<double>(k));
  }
  int markers = 0;
  for (const auto& s : r.segments) {
    for (const auto& [id, n] : s.markers) markers += n;
  }
  EXPECT_EQ(markers, r.summary.ruptures);
}

TEST(Examples, DutchSegmentsFollowTheWordsWithoutTimestamps) {
  const FileReport r = example("examples/nl/sessie.txt", "nl");
  ASSERT_GE(r.segments.size(), 2U);  // about 650 words a segment
  EXPECT_FALSE(r.segments[0].start_time);
  EXPECT_EQ(r.segments[0].start_line, r.transcript.turns.front().line);
  EXPECT_EQ(r.segments.back().end_line, r.transcript.turns.back().end_line);
}

}  // namespace
}  // namespace ruptag
