// Repair analysis, segments and the session summary.
#include <gtest/gtest.h>

#include <random>

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

// ---------------------------------------------------------------- turn by turn

CodeDef code(const std::string& id, Category category, std::vector<std::string> repairs = {}) {
  CodeDef c;
  c.id = id;
  c.category = category;
  c.repairs = std::move(repairs);
  return c;
}

// A pack of a few markers and the repairs they suggest, best first.
const RulePack& tracker_pack() {
  static const RulePack pack = [] {
    RulePack p;
    p.codes = {code("minimal-response", Category::withdrawal, {"invite-feelings", "focus-relationship"}),
               code("denial", Category::withdrawal, {"focus-relationship"}),
               code("complaint-therapist", Category::confrontation),
               code("focus-relationship", Category::repair), code("invite-feelings", Category::repair)};
    return p;
  }();
  return pack;
}

Finding found(const std::string& id, Category category, std::size_t turn, double strength = 1.0) {
  return {id, category, turn, "r", {}, strength, {}};
}

// Feeds a tracker turns one by one, each with its own findings vector (gone after the call).
struct Session {
  RepairTracker tracker;
  std::size_t turn = 0;

  explicit Session(const RepairSettings& settings = {}) : tracker(tracker_pack(), settings) {}

  Session& add(Speaker speaker, const std::vector<std::pair<std::string, Category>>& ids = {},
               bool collaboration = false) {
    std::vector<Finding> findings;
    for (const auto& [id, category] : ids) findings.push_back(found(id, category, turn));
    tracker.add_turn(speaker, findings, collaboration);
    ++turn;
    return *this;
  }
};

const std::pair<std::string, Category> minimal{"minimal-response", Category::withdrawal};
const std::pair<std::string, Category> denial{"denial", Category::withdrawal};
const std::pair<std::string, Category> complaint{"complaint-therapist", Category::confrontation};
const std::pair<std::string, Category> focus{"focus-relationship", Category::repair};
const std::pair<std::string, Category> invite{"invite-feelings", Category::repair};

TEST(RepairTracker, RupturesStillOpenWhenTheSessionEnds) {
  Session s;
  s.add(Speaker::patient, {minimal})       // 0: finding 0, repaired in 3 too
      .add(Speaker::therapist)             // 1
      .add(Speaker::patient, {complaint})  // 2: finding 1, repaired in 3
      .add(Speaker::therapist, {focus});   // 3: finding 2, no patient turn after it
  const auto outcomes = s.tracker.finish();
  ASSERT_EQ(outcomes.size(), 3U);
  EXPECT_EQ(outcomes[0]->status, RuptureStatus::addressed);  // by the repair in 3, as the window is 3
  ASSERT_TRUE(outcomes[1]);
  EXPECT_EQ(outcomes[1]->status, RuptureStatus::addressed);  // not yet resolvable
  ASSERT_TRUE(outcomes[1]->addressed_by);
  EXPECT_EQ(outcomes[1]->addressed_by->finding, 2U);
  EXPECT_EQ(outcomes[1]->addressed_by->turn, 3U);
  EXPECT_EQ(outcomes[1]->addressed_by->turns_later, 1U);
  EXPECT_FALSE(outcomes[2]);

  Session unaddressed;
  unaddressed.add(Speaker::therapist).add(Speaker::patient, {denial}).add(Speaker::therapist);
  const auto open = unaddressed.tracker.finish();
  ASSERT_EQ(open.size(), 1U);
  EXPECT_EQ(open[0]->status, RuptureStatus::unaddressed);
  EXPECT_FALSE(open[0]->addressed_by);

  // cut short after one of the three patient turns of the resolution window: that one
  // decides
  Session collaborating;
  collaborating.add(Speaker::patient, {minimal})
      .add(Speaker::therapist, {focus})
      .add(Speaker::patient, {}, true);
  EXPECT_EQ(collaborating.tracker.finish()[0]->status, RuptureStatus::resolved);
  Session silent;
  silent.add(Speaker::patient, {minimal}).add(Speaker::therapist, {focus}).add(Speaker::patient);
  EXPECT_EQ(silent.tracker.finish()[0]->status, RuptureStatus::addressed);
}

TEST(RepairTracker, RepairBeyondTheWindowDoesNotCount) {
  const auto session = [](std::size_t window) {
    Session s({.repair_window = window, .resolution_window = 3});
    s.add(Speaker::patient, {minimal})
        .add(Speaker::therapist)
        .add(Speaker::other)  // neither counts nor is searched
        .add(Speaker::patient)
        .add(Speaker::therapist)
        .add(Speaker::therapist, {focus, invite})  // the third therapist turn
        .add(Speaker::patient, {}, true);
    return s.tracker.finish();
  };
  EXPECT_EQ(session(2)[0]->status, RuptureStatus::unaddressed);
  EXPECT_EQ(session(0)[0]->status, RuptureStatus::unaddressed);
  const auto found = session(3);
  EXPECT_EQ(found[0]->status, RuptureStatus::resolved);
  EXPECT_EQ(found[0]->addressed_by->finding, 2U);  // invite-feelings: the marker's first repair
  EXPECT_EQ(found[0]->addressed_by->turns_later, 5U);
}

TEST(RepairTracker, SameCategoryInTheResolutionWindowLeavesItAddressed) {
  Session s({.repair_window = 3, .resolution_window = 2});
  s.add(Speaker::patient, {minimal, complaint})  // 0: findings 0 and 1
      .add(Speaker::therapist, {focus})          // 1: finding 2 repairs both
      .add(Speaker::patient, {}, true)           // 2
      .add(Speaker::patient, {denial})           // 3: finding 3, withdrawal again
      .add(Speaker::patient, {minimal});         // 4: after the window: no matter
  const auto outcomes = s.tracker.finish();
  ASSERT_EQ(outcomes.size(), 5U);
  EXPECT_EQ(outcomes[0]->status, RuptureStatus::addressed);
  EXPECT_EQ(outcomes[1]->status, RuptureStatus::resolved);
  EXPECT_EQ(outcomes[3]->status, RuptureStatus::unaddressed);
}

Turn timed_turn(Speaker speaker, std::size_t line, std::optional<double> time) {
  Turn t;
  t.speaker = speaker;
  t.line = line;
  t.end_line = line;
  t.time = time;
  return t;
}

SegmentOptions segment_options(const std::string& spec, double words_per_minute = 130) {
  return {*parse_segment_spec(spec), words_per_minute};
}

TEST(SessionSegmenter, TimeWindowsWithEmptyOnesAndTimesGoingBackwards) {
  SessionSegmenter s(segment_options("1m"));
  const std::vector<Finding> none;
  s.add_turn(timed_turn(Speaker::therapist, 1, 130), 5, none);  // window 2: the first segment
  std::vector<Finding> findings{found("minimal-response", Category::withdrawal, 1, 0.5)};
  s.add_turn(timed_turn(Speaker::patient, 2, 200), 1, findings);       // window 3
  findings.clear();                                                    // the segmenter kept a copy
  s.add_turn(timed_turn(Speaker::therapist, 3, 150), 5, none);         // back to window 2: stays in 3
  s.add_turn(timed_turn(Speaker::patient, 4, std::nullopt), 5, none);  // 150 too
  s.add_turn(timed_turn(Speaker::therapist, 5, 400), 5, none);         // window 6
  const auto segments = s.finish();
  ASSERT_EQ(segments.size(), 5U);  // windows 2, 3, 4 and 5 (empty), 6
  EXPECT_EQ(segments[0].first_turn, 0U);
  EXPECT_EQ(segments[0].last_turn, 0U);
  EXPECT_DOUBLE_EQ(*segments[0].start_time, 120);
  EXPECT_DOUBLE_EQ(*segments[0].end_time, 180);
  EXPECT_EQ(segments[1].first_turn, 1U);
  EXPECT_EQ(segments[1].last_turn, 3U);
  EXPECT_EQ(segments[1].start_line, 2U);
  EXPECT_EQ(segments[1].end_line, 4U);
  EXPECT_EQ(segments[1].markers.at("minimal-response"), 1);
  EXPECT_EQ(segments[1].withdrawal_salience, 3);  // 0.5 + 2 x 1/2 = 1.5
  for (const std::size_t k : {2U, 3U}) {
    EXPECT_EQ(segments[k].index, k);
    EXPECT_FALSE(segments[k].first_turn);
    EXPECT_FALSE(segments[k].start_line);
    EXPECT_DOUBLE_EQ(*segments[k].start_time, 60.0 * static_cast<double>(k + 2));
    EXPECT_EQ(segments[k].withdrawal_salience, 1);
  }
  EXPECT_EQ(segments[4].first_turn, 4U);
  EXPECT_DOUBLE_EQ(*segments[4].end_time, 420);
}

TEST(SessionSegmenter, ByWords) {
  SessionSegmenter s(segment_options("5words"));
  const std::vector<Finding> none;
  // words 3 2 | 4 1 | 6 | 1: a segment ends at the turn that brings it to 5
  const std::vector<std::size_t> words{3, 2, 4, 1, 6, 1};
  const std::vector<std::optional<double>> times{10, std::nullopt, 30, 40, std::nullopt, 60};
  for (std::size_t i = 0; i < words.size(); ++i) {
    s.add_turn(timed_turn(i % 2 == 0 ? Speaker::patient : Speaker::therapist, i + 1, times[i]), words[i],
               none);
  }
  const auto segments = s.finish();
  ASSERT_EQ(segments.size(), 4U);
  const std::vector<std::pair<std::size_t, std::size_t>> turns{{0, 1}, {2, 3}, {4, 4}, {5, 5}};
  const std::vector<std::pair<double, double>> spans{{10, 30}, {30, 40}, {40, 60}, {60, 60}};
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_EQ(segments[k].first_turn, turns[k].first) << k;
    EXPECT_EQ(segments[k].last_turn, turns[k].second) << k;
    EXPECT_EQ(segments[k].start_time, spans[k].first) << k;  // turn 4 has turn 3's time
    EXPECT_EQ(segments[k].end_time, spans[k].second) << k;
  }

  // minutes without a time on the first turn: words at words_per_minute; a later turn's
  // own time starts its segment, and no segment has an end time
  SessionSegmenter untimed(segment_options("1m", 5));
  for (std::size_t i = 0; i < words.size(); ++i) {
    untimed.add_turn(timed_turn(Speaker::patient, i + 1, i == 0 ? std::nullopt : times[i]), words[i], none);
  }
  const auto by_words = untimed.finish();
  ASSERT_EQ(by_words.size(), 4U);
  EXPECT_FALSE(by_words[0].start_time);
  EXPECT_EQ(by_words[1].start_time, 30);
  EXPECT_FALSE(by_words[2].start_time);  // turn 4 has no time of its own
  for (const auto& segment : by_words) EXPECT_FALSE(segment.end_time);
}

TEST(SessionSegmenter, ByTurns) {
  SessionSegmenter s(segment_options("2turns"));
  std::vector<Finding> findings;
  for (std::size_t i = 0; i < 5; ++i) {
    const std::size_t first = findings.size();
    if (i == 2) findings.push_back(found("denial", Category::withdrawal, i));
    if (i == 3) findings.push_back(found("focus-relationship", Category::repair, i));
    // the caller's vector grows: the segmenter must not hold on to its findings
    s.add_turn(timed_turn(i % 2 == 0 ? Speaker::patient : Speaker::therapist, i + 1, std::nullopt), 0,
               std::span<const Finding>(findings).subspan(first));
  }
  const auto segments = s.finish();
  ASSERT_EQ(segments.size(), 3U);
  EXPECT_EQ(segments[1].first_turn, 2U);
  EXPECT_EQ(segments[1].last_turn, 3U);
  EXPECT_EQ(segments[1].markers.at("denial"), 1);
  EXPECT_EQ(segments[1].repairs.at("focus-relationship"), 1);
  EXPECT_EQ(segments[1].withdrawal_salience, 4);  // 1 + 2 x 1/1 = 3
  EXPECT_EQ(segments[2].first_turn, 4U);
  EXPECT_EQ(segments[2].last_turn, 4U);
  EXPECT_FALSE(segments[2].start_time);
  EXPECT_TRUE(SessionSegmenter(segment_options("2turns")).finish().empty());
}

// A session of random turns, times (some missing, some going backwards) and findings.
struct RandomSession {
  Transcript transcript;
  std::vector<Finding> findings;
  std::vector<bool> collaboration;
  std::vector<std::size_t> words;
};

RandomSession random_session(std::mt19937& random, std::size_t turns, bool timed) {
  const std::vector<std::pair<std::string, Category>> codes{
      minimal, denial, complaint, focus, invite, {"defends-self", Category::confrontation}};
  RandomSession s;
  double time = 0;
  std::uniform_int_distribution<int> percent(0, 99);
  for (std::size_t i = 0; i < turns; ++i) {
    const int who = percent(random);
    const Speaker speaker = who < 45 ? Speaker::patient : who < 90 ? Speaker::therapist : Speaker::other;
    time += static_cast<double>(percent(random)) - 15;  // backwards now and then
    if (percent(random) < 3) time += 300;               // and a silence of a few windows
    std::optional<double> at = std::max(0.0, time);
    if (i == 0 ? !timed : percent(random) < 20) at.reset();
    s.transcript.turns.push_back(timed_turn(speaker, 2 * i + 1, at));
    s.words.push_back(static_cast<std::size_t>(percent(random) % 40));
    s.collaboration.push_back(percent(random) < 40);
    for (int n = percent(random) % 4; n > 0; --n) {
      const auto& [id, category] = codes[static_cast<std::size_t>(percent(random)) % codes.size()];
      s.findings.push_back(found(id, category, i, 0.1 * (1 + percent(random) % 10)));
    }
  }
  return s;
}

void expect_same(const std::vector<std::optional<RuptureOutcome>>& a,
                 const std::vector<std::optional<RuptureOutcome>>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].has_value(), b[i].has_value()) << i;
    if (!a[i]) continue;
    EXPECT_EQ(a[i]->status, b[i]->status) << i;
    ASSERT_EQ(a[i]->addressed_by.has_value(), b[i]->addressed_by.has_value()) << i;
    if (!a[i]->addressed_by) continue;
    EXPECT_EQ(a[i]->addressed_by->finding, b[i]->addressed_by->finding) << i;
    EXPECT_EQ(a[i]->addressed_by->turn, b[i]->addressed_by->turn) << i;
    EXPECT_EQ(a[i]->addressed_by->turns_later, b[i]->addressed_by->turns_later) << i;
  }
}

void expect_same(const std::vector<Segment>& a, const std::vector<Segment>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(a[k].index, b[k].index);
    EXPECT_EQ(a[k].first_turn, b[k].first_turn) << k;
    EXPECT_EQ(a[k].last_turn, b[k].last_turn) << k;
    EXPECT_EQ(a[k].start_line, b[k].start_line) << k;
    EXPECT_EQ(a[k].end_line, b[k].end_line) << k;
    EXPECT_EQ(a[k].start_time, b[k].start_time) << k;
    EXPECT_EQ(a[k].end_time, b[k].end_time) << k;
    EXPECT_EQ(a[k].markers, b[k].markers) << k;
    EXPECT_EQ(a[k].repairs, b[k].repairs) << k;
    EXPECT_EQ(a[k].withdrawal_salience, b[k].withdrawal_salience) << k;
    EXPECT_EQ(a[k].confrontation_salience, b[k].confrontation_salience) << k;
  }
}

TEST(TurnByTurn, SameAsTheBatchFunctions) {
  std::mt19937 random(20240611);
  for (const bool timed : {true, false}) {
    const RandomSession s = random_session(random, 300, timed);
    for (const std::size_t window : {0U, 1U, 3U}) {
      const RepairSettings settings{window, window == 0 ? 2U : window};
      const SegmentOptions options = segment_options(window == 0   ? "90s"
                                                     : window == 1 ? "7turns"
                                                                   : "60words");
      RepairTracker tracker(tracker_pack(), settings);
      SessionSegmenter segmenter(options);
      std::vector<Finding> so_far;  // grows (and moves) as a streaming caller's would
      for (std::size_t turn = 0; turn < s.transcript.turns.size(); ++turn) {
        const std::size_t first = so_far.size();
        for (const Finding& f : s.findings) {
          if (f.turn == turn) so_far.push_back(f);
        }
        const std::span<const Finding> new_ones = std::span<const Finding>(so_far).subspan(first);
        tracker.add_turn(s.transcript.turns[turn].speaker, new_ones, s.collaboration[turn]);
        segmenter.add_turn(s.transcript.turns[turn], s.words[turn], new_ones);
      }
      SCOPED_TRACE(::testing::Message() << "timed " << timed << ", window " << window);
      const auto outcomes =
          analyse_repairs(s.transcript, s.findings, s.collaboration, tracker_pack(), settings);
      const auto segments = segment_session(s.transcript, s.findings, s.words, options);
      expect_same(tracker.finish(), outcomes);
      expect_same(segmenter.finish(), segments);
      // the session has what the test is about
      for (const auto status :
           {RuptureStatus::unaddressed, RuptureStatus::addressed, RuptureStatus::resolved}) {
        EXPECT_TRUE((window == 0 && status != RuptureStatus::unaddressed) ||
                    std::any_of(outcomes.begin(), outcomes.end(),
                                [&](const auto& o) { return o && o->status == status; }));
      }
      if (timed && window == 0) {
        EXPECT_TRUE(
            std::any_of(segments.begin(), segments.end(), [](const Segment& k) { return !k.first_turn; }));
      }
    }
  }
}

}  // namespace
}  // namespace ruptag
