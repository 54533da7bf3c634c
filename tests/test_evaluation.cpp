// The turn-, segment- and session-level tables built from two codings.
#include <gtest/gtest.h>

#include <algorithm>

#include "ruptag/evaluation.hpp"
#include "ruptag/pack_provider.hpp"
#include "ruptag/reader.hpp"
#include "ruptag/report.hpp"
#include "test_support.hpp"

namespace ruptag {
namespace {

const AgreementRow& row(const std::vector<AgreementRow>& rows, const std::string& code) {
  const auto it =
      std::find_if(rows.begin(), rows.end(), [&](const AgreementRow& r) { return r.code == code; });
  if (it == rows.end()) throw std::runtime_error("no row " + code);
  return *it;
}

const CountRow& count(const FileEvaluation& f, const std::string& code) {
  return *std::find_if(f.counts.begin(), f.counts.end(), [&](const CountRow& r) { return r.code == code; });
}

Confusion table(std::size_t tp, std::size_t fp, std::size_t fn, std::size_t tn) {
  return {tp, fp, fn, tn};
}

// Turns 0 T, 1 P, 2 T, 3 P, 4 P, 5 T in two segments, turns 0-2 and 3-5.
SessionCodes session_a() {
  SessionCodes s;
  s.path = "a.txt";
  s.speakers = {Speaker::therapist, Speaker::patient, Speaker::therapist,
                Speaker::patient,   Speaker::patient, Speaker::therapist};
  s.segments = {{0, 2}, {3, 5}};
  s.gold = {{}, {"minimal-response"}, {"invite-feelings"}, {"complaint-therapist", "pressure-control"}, {},
            {}};
  s.other = {{}, {"minimal-response"}, {}, {"complaint-therapist"}, {"denial"}, {"invite-feelings"}};
  return s;
}

// Turns 0 T, 1 P in one segment; the tool misses the one code.
SessionCodes session_b() {
  SessionCodes s;
  s.path = "b.txt";
  s.speakers = {Speaker::therapist, Speaker::patient};
  s.segments = {{0, 1}};
  s.gold = {{}, {"minimal-response"}};
  s.other = {{}, {}};
  return s;
}

TEST(Evaluation, KeysAreCategoriesThenIds) {
  const auto keys = evaluation_keys();
  ASSERT_EQ(keys.size(), 26U);
  EXPECT_EQ(std::vector<std::string>(keys.begin(), keys.begin() + 5),
            (std::vector<std::string>{"any", "withdrawal", "confrontation", "repair", "denial"}));
  EXPECT_EQ(keys.back(), "name-pattern");
}

TEST(Evaluation, TurnLevel) {
  const FileEvaluation f = evaluate_session(session_a());
  EXPECT_EQ(f.patient_turns, 3U);
  EXPECT_EQ(f.therapist_turns, 3U);
  // patient turns 1, 3, 4: both code turns 1 and 3; only the tool turn 4 (denial)
  EXPECT_EQ(row(f.turn_level, "any").table, table(2, 1, 0, 0));
  EXPECT_EQ(row(f.turn_level, "withdrawal").table, table(1, 1, 0, 1));
  EXPECT_EQ(row(f.turn_level, "confrontation").table, table(1, 0, 0, 2));
  EXPECT_EQ(row(f.turn_level, "pressure-control").table, table(0, 0, 1, 2));
  EXPECT_EQ(row(f.turn_level, "complaint-progress").table, table(0, 0, 0, 3));
  // therapist turns 0, 2, 5: the gold repair on 2, the tool's on 5
  EXPECT_EQ(row(f.turn_level, "repair").table, table(0, 1, 1, 1));
  EXPECT_EQ(row(f.turn_level, "invite-feelings").table, table(0, 1, 1, 1));
  EXPECT_DOUBLE_EQ(row(f.turn_level, "any").stats.precision, 2.0 / 3);
}

TEST(Evaluation, SegmentLevel) {
  const FileEvaluation f = evaluate_session(session_a());
  EXPECT_EQ(f.segments, 2U);
  EXPECT_EQ(row(f.segment_level, "any").table, table(2, 0, 0, 0));
  // segment 1: both code minimal-response; segment 2: only the tool a withdrawal (denial)
  EXPECT_EQ(row(f.segment_level, "withdrawal").table, table(1, 1, 0, 0));
  EXPECT_EQ(row(f.segment_level, "confrontation").table, table(1, 0, 0, 1));
  // the repair moved from the first segment to the second
  EXPECT_EQ(row(f.segment_level, "repair").table, table(0, 1, 1, 0));
}

TEST(Evaluation, SegmentsWithoutTheSpeakerAreNoUnits) {
  SessionCodes s = session_b();
  s.speakers = {Speaker::therapist, Speaker::therapist};
  s.gold = {{}, {}};
  s.segments = {{0, 0}, {1, 1}};
  const FileEvaluation f = evaluate_session(s);
  EXPECT_EQ(row(f.segment_level, "any").table.units(), 0U);
  EXPECT_EQ(row(f.segment_level, "repair").table.units(), 2U);
}

TEST(Evaluation, Counts) {
  const FileEvaluation f = evaluate_session(session_a());
  // any: gold minimal-response, complaint-therapist, pressure-control; tool
  // minimal-response, complaint-therapist, denial
  EXPECT_EQ(count(f, "any").gold, 3U);
  EXPECT_EQ(count(f, "any").other, 3U);
  EXPECT_EQ(count(f, "withdrawal").gold, 1U);
  EXPECT_EQ(count(f, "withdrawal").other, 2U);
  EXPECT_EQ(count(f, "confrontation").gold, 2U);
  EXPECT_EQ(count(f, "confrontation").other, 1U);
  EXPECT_EQ(count(f, "repair").gold, 1U);
  EXPECT_EQ(count(f, "pressure-control").other, 0U);
}

TEST(Evaluation, CombineSumsTablesAndCorrelatesCounts) {
  const Evaluation e = combine({evaluate_session(session_a()), evaluate_session(session_b())});
  EXPECT_EQ(e.files.size(), 2U);
  EXPECT_EQ(e.patient_turns, 4U);
  EXPECT_EQ(e.segments, 3U);
  // session b adds a missed patient turn
  EXPECT_EQ(row(e.turn_level, "any").table, table(2, 1, 1, 0));
  const CorrelationRow& any = e.session_level[0];
  EXPECT_EQ(any.code, "any");
  EXPECT_EQ(any.gold, 4U);
  EXPECT_EQ(any.other, 3U);
  // counts gold (3, 1), tool (3, 0): same order, so Spearman 1.
  // ICC(2,1): grand mean 1.75; row means 3, .5: SSR = 2 x (1.5625 + 1.5625) = 6.25 = MSR;
  // column means 2, 1.5: SSC = 2 x (.0625 + .0625) = .25 = MSC; SST = 6.75, SSE = .25 = MSE;
  // (6.25 - .25) / (6.25 + .25 + 2 x (.25 - .25) / 2) = 6 / 6.5 = 12/13.
  EXPECT_DOUBLE_EQ(any.spearman, 1.0);
  EXPECT_NEAR(any.icc, 12.0 / 13, 1e-12);
  const auto session_row = [&](const std::string& code) {
    return *std::find_if(e.session_level.begin(), e.session_level.end(),
                         [&](const CorrelationRow& r) { return r.code == code; });
  };
  // a code neither used in either session: both series 0 0, the same
  EXPECT_DOUBLE_EQ(session_row("complaint-progress").spearman, 1.0);
  EXPECT_DOUBLE_EQ(session_row("complaint-progress").icc, 1.0);
  // denial: gold 0 0 (constant), tool 1 0: Spearman undefined and the series differ, 0;
  // ICC: MSR = .25, MSC = .25, MSE = .25: (.25 - .25) / (.25 + .25 + 0) = 0.
  EXPECT_DOUBLE_EQ(session_row("denial").spearman, 0.0);
  EXPECT_NEAR(session_row("denial").icc, 0.0, 1e-12);
}

TEST(Evaluation, CodesOfFindings) {
  std::vector<Finding> findings(3);
  findings[0].marker = "minimal-response";
  findings[0].turn = 1;
  findings[1].marker = "denial";
  findings[1].turn = 1;
  findings[2].marker = "focus-relationship";
  findings[2].turn = 2;
  const TurnCodes codes = codes_of(findings, 3);
  EXPECT_EQ(codes, (TurnCodes{{}, {"denial", "minimal-response"}, {"focus-relationship"}}));
}

// --vs compares two coders without tagging; its segments must be the ones tag makes.
TEST(Evaluation, UntaggedReportHasTheSegmentsOfTag) {
  const PackProvider packs({"", ""});
  for (const char* path : {"examples/en/session.txt", "examples/nl/sessie.txt"}) {
    for (const char* spec : {"5m", "90words", "7turns"}) {
      ReportOptions options;
      options.segments.spec = *parse_segment_spec(spec);
      Transcript t = read_transcript(std::string(RUPTAG_SOURCE_DIR) + "/" + path, {});
      const FileReport untagged = build_untagged_report(t, options);
      const Tagger& tagger = packs.tagger_for(t);
      const FileReport tagged = build_report(std::move(t), tagger, options);
      EXPECT_TRUE(untagged.findings.empty());
      ASSERT_EQ(untagged.segments.size(), tagged.segments.size()) << path << " " << spec;
      ASSERT_GT(tagged.segments.size(), 1U) << path << " " << spec;
      for (std::size_t i = 0; i < tagged.segments.size(); ++i) {
        EXPECT_EQ(untagged.segments[i].first_turn, tagged.segments[i].first_turn) << path << " " << spec;
        EXPECT_EQ(untagged.segments[i].last_turn, tagged.segments[i].last_turn) << path << " " << spec;
      }
    }
  }
}

// Two rules of denial (the weak one gives way to the strong one where both fire), one of
// complaint-therapist, one repair rule.
const char* const rule_pack = R"(
markers:
  - id: denial
    name: Denial
    description: d
    rules:
      - {id: denial.weak, terms: [fine], weight: 0.4}
      - {id: denial.strong, terms: [really fine], weight: 0.9}
  - id: complaint-therapist
    name: Complaint
    description: c
    rules:
      - {id: ct.listen, terms: [you never listen]}
      - {id: ct.unused, terms: [zzz]}
interventions:
  - id: focus-relationship
    name: Focus
    description: f
    rules:
      - {id: fr.between, terms: [between us]}
)";

const RuleRow& rule_row(const std::vector<RuleRow>& rows, const std::string& rule) {
  const auto it = std::find_if(rows.begin(), rows.end(), [&](const RuleRow& r) { return r.rule == rule; });
  if (it == rows.end()) throw std::runtime_error("no rule row " + rule);
  return *it;
}

RuleRow counts(std::size_t fired, std::size_t tp, std::size_t other, std::size_t uncoded,
               std::size_t alone_tp, std::size_t alone_fp) {
  return {"test", "", "", fired, tp, other, uncoded, alone_tp, alone_fp};
}

RuleRow without_ids(RuleRow r) {
  r.rule.clear();
  r.code.clear();
  return r;
}

TEST(Evaluation, RulesAreJudgedOnEveryTurnTheyFire) {
  const Tagger tagger = test::tagger_from(rule_pack);
  ReportOptions options;
  options.every_rule = true;
  const FileReport report = build_report(test::transcript("T: between us?\n"              // 0
                                                          "P: I'm really fine.\n"         // 1 weak, strong
                                                          "T: Between us, then.\n"        // 2
                                                          "P: Fine. You never listen.\n"  // 3 weak, ct.listen
                                                          "T: ok\n"                       // 4
                                                          "P: fine\n"),                   // 5 weak
                                         tagger, options);
  ASSERT_EQ(report.fired.size(), 7U);
  // gold: denial on 1 (strong and weak agree), complaint-therapist on 3, the weak rule's
  // turn 5 coded as minimal-response (another marker), the repair only on turn 2
  const TurnCodes gold{{}, {"denial"},          {"focus-relationship"}, {"complaint-therapist"},
                       {}, {"minimal-response"}};
  const auto rows = evaluate_rules(tagger.pack(), report.fired, report.findings, gold);
  ASSERT_EQ(rows.size(), 4U);  // the rules that fired
  // weak: turn 1 tp (strong fired too), turns 3 and 5 fp, alone, coded with other markers
  EXPECT_EQ(without_ids(rule_row(rows, "denial.weak")), counts(3, 1, 2, 0, 0, 2));
  EXPECT_EQ(without_ids(rule_row(rows, "denial.strong")), counts(1, 1, 0, 0, 0, 0));
  EXPECT_EQ(without_ids(rule_row(rows, "ct.listen")), counts(1, 1, 0, 0, 1, 0));
  // fr.between: turn 0 uncoded, turn 2 tp
  EXPECT_EQ(without_ids(rule_row(rows, "fr.between")), counts(2, 1, 0, 1, 1, 1));
  EXPECT_EQ(rule_row(rows, "fr.between").code, "focus-relationship");
  // most fp first, then by rule id
  EXPECT_EQ(rows[0].rule, "denial.weak");
  EXPECT_EQ(rows[1].rule, "fr.between");
  EXPECT_EQ(rows[2].rule, "ct.listen");
  EXPECT_EQ(rows[3].rule, "denial.strong");
  EXPECT_DOUBLE_EQ(*rows[0].precision(), 1.0 / 3);
  // without every_rule the report keeps no firings
  EXPECT_TRUE(build_report(test::transcript("P: fine\n"), tagger).fired.empty());
}

TEST(Evaluation, CombineSumsRulesAndListsThoseThatNeverFired) {
  const Tagger tagger = test::tagger_from(rule_pack);
  FileEvaluation a = evaluate_session(session_b());
  a.rules = evaluate_rules(tagger.pack(), {{0, 0}, {1, 0}}, {}, {{"denial"}, {}});
  FileEvaluation b = evaluate_session(session_b());
  b.rules = evaluate_rules(tagger.pack(), {{0, 0}, {0, 1}}, {}, {{"minimal-response"}});
  const Evaluation e = combine({a, b}, {&tagger.pack()});
  ASSERT_EQ(e.rules.size(), 5U);
  EXPECT_EQ(without_ids(rule_row(e.rules, "denial.weak")), counts(3, 1, 1, 1, 1, 1));
  EXPECT_EQ(without_ids(rule_row(e.rules, "denial.strong")), counts(1, 0, 1, 0, 0, 0));
  EXPECT_EQ(without_ids(rule_row(e.rules, "ct.unused")), counts(0, 0, 0, 0, 0, 0));
  EXPECT_FALSE(rule_row(e.rules, "ct.unused").precision());
  std::vector<std::string> order;
  for (const RuleRow& r : e.rules) order.push_back(r.rule);
  EXPECT_EQ(order, (std::vector<std::string>{"denial.weak", "denial.strong", "ct.listen", "ct.unused",
                                             "fr.between"}));
  // without packs to judge, only rows of rules that fired
  EXPECT_EQ(combine({a, b}).rules.size(), 2U);
  EXPECT_EQ(combine({a, b}).turn_level[0].table, e.turn_level[0].table);
  EXPECT_TRUE(combine({evaluate_session(session_a())}).rules.empty());
}

}  // namespace
}  // namespace ruptag
