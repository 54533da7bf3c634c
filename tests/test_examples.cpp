// The bundled example sessions show every outcome a rupture can have; these tests pin
// them (and the segments, with and without timestamps) with the built-in packs.
#include <gtest/gtest.h>

#include "ruptag/compiled_pack.hpp"
#include "ruptag/pack_provider.hpp"
#include "ruptag/reader.hpp"
#include "ruptag/render.hpp"
#include "ruptag/report.hpp"

#include <set>
#include <sstream>
#include <stdexcept>

namespace ruptag {
namespace {

FileReport example(const std::string& path, const std::string& language, const ReportOptions& options = {}) {
  static const PackProvider en({"", "en"});
  static const PackProvider nl({"", "nl"});
  Transcript t = read_transcript(std::string(RUPTAG_SOURCE_DIR) + "/" + path, {});
  const Tagger& tagger = (language == "en" ? en : nl).tagger_for(t);
  return build_report(std::move(t), tagger, options);
}

std::string rendered(const FileReport& report, Format format, bool redact) {
  RenderOptions options;
  options.format = format;
  options.redact = redact;
  std::ostringstream out;
  const auto renderer = make_renderer(options, out);
  renderer->begin();
  renderer->file(report);
  renderer->end();
  return out.str();
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

// `tag` keeps only the turns with findings in a report (all of them only for HTML), and
// segments only for the formats that list them, so that memory follows the findings:
// every other format must come out the same.
TEST(Examples, KeepingOnlyTheTurnsWithFindingsChangesNoOutput) {
  ReportOptions sparse;
  sparse.all_turns = false;
  sparse.cut_segments = false;
  for (const auto& [path, language] :
       std::vector<std::pair<std::string, std::string>>{{"examples/en/session.txt", "en"},
                                                        {"examples/nl/sessie.txt", "nl"},
                                                        {"examples/formats/session.vtt", "en"},
                                                        {"examples/formats/jefferson-nl.txt", "nl"}}) {
    const FileReport all = example(path, language);
    const FileReport kept = example(path, language, sparse);
    ASSERT_TRUE(kept.transcript.kept) << path;
    EXPECT_FALSE(all.transcript.kept) << path;
    std::set<std::size_t> with_findings;
    for (const Finding& f : all.findings) with_findings.insert(f.turn);
    EXPECT_EQ(
        std::set<std::size_t>(kept.transcript.kept->indices.begin(), kept.transcript.kept->indices.end()),
        with_findings)
        << path;
    EXPECT_LT(kept.transcript.turns.size(), all.transcript.turns.size()) << path;
    EXPECT_EQ(kept.transcript.turn_count(), all.transcript.turns.size()) << path;
    EXPECT_TRUE(kept.segments.empty()) << path;
    ReportOptions with_segments = sparse;
    with_segments.cut_segments = true;
    const FileReport segmented = example(path, language, with_segments);
    for (const Format format : {Format::text, Format::json, Format::jsonl, Format::csv, Format::csv_segments,
                                Format::csv_sessions, Format::gold}) {
      EXPECT_FALSE(shows_every_turn(format));
      const FileReport& as_tag_builds_it = lists_segments(format) ? segmented : kept;
      for (const bool redact : {false, true}) {
        EXPECT_EQ(rendered(as_tag_builds_it, format, redact), rendered(all, format, redact))
            << path << " format " << static_cast<int>(format) << (redact ? " redacted" : "");
      }
    }
    std::size_t without = 0;
    while (with_findings.contains(without)) ++without;
    EXPECT_THROW((void)kept.transcript.turn(without), std::out_of_range) << path;  // not kept
  }
}

TEST(Examples, DutchSegmentsFollowTheWordsWithoutTimestamps) {
  const FileReport r = example("examples/nl/sessie.txt", "nl");
  ASSERT_GE(r.segments.size(), 2U);  // about 650 words a segment
  EXPECT_FALSE(r.segments[0].start_time);
  EXPECT_EQ(r.segments[0].start_line, r.transcript.turns.front().line);
  EXPECT_EQ(r.segments.back().end_line, r.transcript.turns.back().end_line);
}

// What a report found, independent of the file's format: id and turn, plus the speakers.
std::vector<std::string> findings_of(const FileReport& r) {
  std::vector<std::string> out;
  for (const auto& f : r.findings) out.push_back(f.marker + "@" + std::to_string(f.turn));
  for (const auto& s : r.transcript.speakers) out.push_back(std::string(to_string(s.role)) + " speaks");
  return out;
}

TEST(Examples, SameSessionInTextVttAndSrtGivesTheSameFindings) {
  const FileReport text = example("examples/formats/session.txt", "en");
  const FileReport vtt = example("examples/formats/session.vtt", "en");
  const FileReport srt = example("examples/formats/session.srt", "en");
  EXPECT_EQ(text.transcript.format, "text");
  EXPECT_EQ(vtt.transcript.format, "vtt");
  EXPECT_EQ(srt.transcript.format, "srt");
  ASSERT_EQ(text.transcript.turns.size(), 24U);
  ASSERT_EQ(vtt.transcript.turns.size(), 24U);
  ASSERT_EQ(srt.transcript.turns.size(), 24U);
  for (std::size_t i = 0; i < 24; ++i) {
    EXPECT_EQ(text.transcript.turns[i].speaker, vtt.transcript.turns[i].speaker) << i;
    EXPECT_EQ(text.transcript.turns[i].speaker, srt.transcript.turns[i].speaker) << i;
    EXPECT_DOUBLE_EQ(*vtt.transcript.turns[i].time, *srt.transcript.turns[i].time) << i;
  }
  EXPECT_FALSE(text.findings.empty());
  EXPECT_EQ(findings_of(text), findings_of(vtt));
  EXPECT_EQ(findings_of(text), findings_of(srt));
  // nobody said who is who: the roles were guessed, the therapist being the one who asks
  EXPECT_EQ(srt.transcript.roles, RoleSource::guessed);
  EXPECT_EQ(srt.transcript.speakers[0].name, "SPEAKER_00");
  EXPECT_EQ(srt.transcript.speakers[0].role, Speaker::therapist);
  EXPECT_EQ(vtt.transcript.speakers[1].name, "Sam");
  EXPECT_EQ(vtt.transcript.speakers[1].role, Speaker::patient);
}

TEST(Examples, TimingGapBecomesTheSamePauseAsJeffersonNotation) {
  const FileReport text = example("examples/formats/session.txt", "en");
  const FileReport vtt = example("examples/formats/session.vtt", "en");
  // turn 3: "(2.5) Fine." in the text; a 2.5 s gap before the cue in the subtitles
  const auto pause_of = [](const Turn& t) -> std::optional<double> {
    for (const Cue& c : t.cues) {
      if (c.kind == CueKind::pause && c.seconds && *c.seconds >= 2) return c.seconds;
    }
    return std::nullopt;
  };
  ASSERT_TRUE(pause_of(text.transcript.turns[3]));
  ASSERT_TRUE(pause_of(vtt.transcript.turns[3]));
  EXPECT_DOUBLE_EQ(*pause_of(text.transcript.turns[3]), 2.5);
  EXPECT_GE(*pause_of(vtt.transcript.turns[3]), 2.0);
}

TEST(Examples, JeffersonTranscriptCuesReachFindings) {
  const FileReport r = example("examples/formats/jefferson-nl.txt", "nl");
  bool laughter = false;
  for (const auto& f : r.findings) {
    if (f.marker != "content-affect-split") continue;
    for (const Cue& c : f.cues) laughter = laughter || c.kind == CueKind::laughter;
  }
  EXPECT_TRUE(laughter) << "the (lacht) cue should be part of the content-affect-split finding";
  // stretched and latched talk is read as words: "Ja::" is "ja", "=Vorige" is "vorige"
  EXPECT_EQ(r.transcript.turns[3].cues.front().kind, CueKind::pause);
}

}  // namespace
}  // namespace ruptag
