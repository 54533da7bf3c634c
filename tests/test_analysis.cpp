// Repair analysis, segments and the session summary.
#include <gtest/gtest.h>

#include "ruptag/report.hpp"
#include "test_support.hpp"

namespace ruptag {
namespace {

const std::string pack_yaml = R"(
questions: {open: [what, how], closed: [do you]}
conditions:
  open-question: {question: open}
  collaboration: {words: {min: 6}}
markers:
  - id: minimal-response
    name: Minimal response
    description: d
    repairs: [invite-feelings, focus-relationship]
    rules:
      - {id: mr, words: {max: 2}, after: open-question}
  - id: complaint-therapist
    name: Complaint
    description: d
    repairs: [focus-relationship]
    rules:
      - {id: ct, terms: [you never listen], weight: 0.8}
interventions:
  - id: focus-relationship
    name: Focus
    description: d
    examples: [Between us.]
    rules:
      - {id: fr, terms: [between us]}
  - id: invite-feelings
    name: Invite
    description: d
    rules:
      - {id: if, terms: [tell me how you feel about me]}
)";

const Tagger& tagger() {
  static const Tagger t = test::tagger_from(pack_yaml);
  return t;
}

FileReport report(const std::string& text, const ReportOptions& options = {}) {
  return build_report(test::transcript(text), tagger(), options);
}

std::string status_at(const FileReport& r, std::size_t line) {
  for (std::size_t i = 0; i < r.findings.size(); ++i) {
    const Turn& turn = r.transcript.turns[r.findings[i].turn];
    if (turn.line == line && r.outcomes[i]) return std::string(to_string(r.outcomes[i]->status));
  }
  return "none";
}

const std::string three_outcomes =
    "T: What brings you here?\n"                                          // 1
    "P: Nothing.\n"                                                       // 2 minimal: resolved
    "T: Something between us feels stuck, and I'd like to understand.\n"  // 3 repair
    "P: Well, I suppose I have been holding back a lot lately.\n"         // 4 collaboration
    "T: What makes you hold back?\n"                                      // 5
    "P: I worry that you will judge me for all of it.\n"                  // 6
    "T: How is that for you?\n"                                           // 7
    "P: You never listen.\n"                                              // 8 complaint: addressed
    "T: Maybe something between us went wrong just now.\n"                // 9 repair
    "P: You never listen, really.\n"                                      // 10 complaint again
    "T: Go on.\n"                                                         // 11
    "P: Sure.\n"                                                          // 12
    "T: What else?\n"                                                     // 13
    "P: Dunno.\n"                                                         // 14 minimal: unaddressed
    "T: Ok.\n"                                                            // 15
    "P: ok\n"                                                             // 16
    "T: Right.\n"                                                         // 17
    "P: fine\n"                                                           // 18
    "T: Let us stop here.\n";                                             // 19

TEST(Repair, AddressedResolvedAndUnaddressed) {
  const FileReport r = report(three_outcomes);
  EXPECT_EQ(status_at(r, 2), "resolved");
  EXPECT_EQ(status_at(r, 8), "addressed");  // line 10 repeats the complaint
  EXPECT_EQ(status_at(r, 10), "unaddressed");
  EXPECT_EQ(status_at(r, 14), "unaddressed");
  // the repair link of line 2
  for (std::size_t i = 0; i < r.findings.size(); ++i) {
    if (r.transcript.turns[r.findings[i].turn].line != 2) continue;
    ASSERT_TRUE(r.outcomes[i]->addressed_by);
    const RepairLink& link = *r.outcomes[i]->addressed_by;
    EXPECT_EQ(r.findings[link.finding].marker, "focus-relationship");
    EXPECT_EQ(link.turn, 2U);
    EXPECT_EQ(link.turns_later, 1U);
  }
}

TEST(Repair, RepairOutsideTheWindowDoesNotCount) {
  const FileReport r = report(
      "T: What now?\nP: Nothing.\nT: a\nP: b\nT: c\nP: d\nT: e\nP: f\nT: between us\nP: something long "
      "enough to count here\n");
  EXPECT_EQ(status_at(r, 2), "unaddressed");  // the repair is the 4th therapist turn
}

TEST(Repair, SuggestedRepairIsPreferredInATurn) {
  const FileReport r = report("T: What now?\nP: Nothing.\nT: Between us, tell me how you feel about me.\n");
  ASSERT_TRUE(r.outcomes[0]);
  const RepairLink& link = *r.outcomes[0]->addressed_by;
  EXPECT_EQ(r.findings[link.finding].marker, "invite-feelings");  // first in the marker's repairs
  EXPECT_EQ(r.outcomes[0]->status, RuptureStatus::addressed);     // no patient turn after it
}

TEST(Summary, CountsSharesAndStretch) {
  const FileReport r = report(three_outcomes);
  const SessionSummary& s = r.summary;
  EXPECT_EQ(s.turns, 19U);
  EXPECT_EQ(s.patient_turns, 9U);
  EXPECT_EQ(s.withdrawal, 2);  // lines 2 and 14 ("Sure." answers no question)
  EXPECT_EQ(s.confrontation, 2);
  EXPECT_EQ(s.repairs, 2);
  EXPECT_EQ(s.ruptures, 4);
  EXPECT_NEAR(s.ruptures_per_100_patient_turns, 100.0 * 4 / 9, 1e-9);
  EXPECT_EQ(s.addressed, 2);
  EXPECT_EQ(s.resolved, 1);
  EXPECT_NEAR(s.share_addressed, 0.5, 1e-9);
  EXPECT_NEAR(s.share_resolved, 0.25, 1e-9);
  EXPECT_EQ(s.most_frequent_marker, "minimal-response");  // tied with complaint-therapist: catalogue order
  ASSERT_TRUE(s.longest_unaddressed);
  EXPECT_EQ(s.longest_unaddressed->start_line, 10U);
  EXPECT_EQ(s.longest_unaddressed->end_line, 14U);
  EXPECT_EQ(s.longest_unaddressed->turns, 5U);
  EXPECT_EQ(s.markers.at("minimal-response"), 2);
  EXPECT_EQ(s.markers.count("focus-relationship"), 0U);
  EXPECT_EQ(s.repair_counts.at("focus-relationship"), 2);
}

TEST(Summary, EmptySession) {
  const FileReport r = report("T: Hello.\nP: Hello, nice to see you again after all this time.\n");
  EXPECT_EQ(r.summary.ruptures, 0);
  EXPECT_EQ(r.summary.share_addressed, 0);
  EXPECT_FALSE(r.summary.most_frequent_marker);
  EXPECT_FALSE(r.summary.longest_unaddressed);
}

TEST(Segments, ParseSpec) {
  EXPECT_EQ(parse_segment_spec("5m")->unit, SegmentSpec::Unit::minutes);
  EXPECT_DOUBLE_EQ(parse_segment_spec("90s")->size, 1.5);
  EXPECT_DOUBLE_EQ(parse_segment_spec("1h")->size, 60);
  EXPECT_EQ(parse_segment_spec("20turns")->unit, SegmentSpec::Unit::turns);
  EXPECT_DOUBLE_EQ(parse_segment_spec("650words")->size, 650);
  EXPECT_FALSE(parse_segment_spec("5"));
  EXPECT_FALSE(parse_segment_spec("0m"));
  EXPECT_FALSE(parse_segment_spec("-3m"));
  EXPECT_FALSE(parse_segment_spec("m"));
}

TEST(Segments, ByTimeWindows) {
  ReportOptions options;
  options.segments.spec = *parse_segment_spec("5m");
  const FileReport r = report(
      "[00:01:00] T: What brings you here?\n"
      "[00:02:00] P: Nothing.\n"
      "[00:06:00] T: How was the week?\n"
      "[00:07:10] P: Dunno.\n"
      "[00:16:00] T: between us\n"
      "[00:16:30] P: You never listen.\n",
      options);
  ASSERT_EQ(r.segments.size(), 4U);  // 0-5, 5-10, 10-15 (empty), 15-20
  EXPECT_EQ(r.segments[0].start_line, 1U);
  EXPECT_EQ(r.segments[0].end_line, 2U);
  EXPECT_DOUBLE_EQ(*r.segments[0].start_time, 0);
  EXPECT_DOUBLE_EQ(*r.segments[0].end_time, 300);
  EXPECT_EQ(r.segments[0].markers.at("minimal-response"), 1);
  EXPECT_EQ(r.segments[1].markers.at("minimal-response"), 1);
  EXPECT_FALSE(r.segments[2].start_line);
  EXPECT_TRUE(r.segments[2].markers.empty());
  EXPECT_EQ(r.segments[2].withdrawal_salience, 1);
  EXPECT_DOUBLE_EQ(*r.segments[3].start_time, 900);
  EXPECT_EQ(r.segments[3].markers.at("complaint-therapist"), 1);
  EXPECT_EQ(r.segments[3].repairs.at("focus-relationship"), 1);
  EXPECT_EQ(r.segments[3].confrontation_salience, 4);  // 0.8 + 2 x 1/1 = 2.8
}

TEST(Segments, ByWordsWithoutTimestamps) {
  ReportOptions options;
  options.segments.spec = *parse_segment_spec("1m");
  options.segments.words_per_minute = 6;  // 6 words a segment
  const FileReport r = report(
      "T: What brings you here today then?\n"  // 6 words -> segment 0 full
      "P: Nothing.\n"                          // segment 1
      "T: Ok.\n"
      "P: Well, one two three four.\n"  // segment 1 reaches 7
      "T: Fine.\n",                     // segment 2
      options);
  ASSERT_EQ(r.segments.size(), 3U);
  EXPECT_EQ(r.segments[0].start_line, 1U);
  EXPECT_EQ(r.segments[0].end_line, 1U);
  EXPECT_EQ(r.segments[1].start_line, 2U);
  EXPECT_EQ(r.segments[1].end_line, 4U);
  EXPECT_FALSE(r.segments[1].start_time);
  EXPECT_EQ(r.segments[1].markers.at("minimal-response"), 1);
  EXPECT_EQ(r.segments[2].start_line, 5U);
}

TEST(Segments, ByTurns) {
  ReportOptions options;
  options.segments.spec = *parse_segment_spec("4turns");
  const FileReport r = report(three_outcomes, options);
  ASSERT_EQ(r.segments.size(), 5U);
  EXPECT_EQ(r.segments[4].start_line, 17U);
  EXPECT_EQ(r.segments[4].end_line, 19U);
  int total = 0;
  for (const auto& s : r.segments) {
    for (const auto& [id, n] : s.markers) total += n;
  }
  EXPECT_EQ(total, r.summary.ruptures);
}

Finding finding(const std::string& marker, std::size_t turn, double strength) {
  return {marker, Category::withdrawal, turn, "r", {}, strength, {}};
}

TEST(Salience, Formula) {
  EXPECT_EQ(salience({}, 10), 1);
  const Finding weak = finding("denial", 0, 0.4);
  EXPECT_EQ(salience({&weak}, 10), 2);  // 0.4 + 2 x 0.1 = 0.6
  const Finding strong = finding("denial", 1, 1.0);
  EXPECT_EQ(salience({&strong}, 10), 3);  // 1.0 + 0.2 = 1.2
  const Finding other = finding("minimal-response", 2, 1.0);
  EXPECT_EQ(salience({&strong, &other}, 10), 4);  // 2.0 + 0.5 + 0.4 = 2.9
  const Finding third = finding("topic-shift", 3, 1.0);
  EXPECT_EQ(salience({&strong, &other, &third}, 4), 5);  // 3 + 1 + 1.5 = 5.5
  EXPECT_EQ(salience({&strong, &other}, 0), 4);          // no patient turns: no spread term
}

}  // namespace
}  // namespace ruptag
