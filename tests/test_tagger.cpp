#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <thread>

#include "ruptag/term_index.hpp"
#include "test_support.hpp"

namespace ruptag {
namespace {

using test::fires;
using test::marker_rule;
using test::tagger_from;
using test::transcript;

TEST(TermIndex, PhrasesWildcardsAndSentences) {
  TermIndex index;
  std::vector<TermToken> term;
  ASSERT_TRUE(parse_term("you don't listen", {}, term).empty());
  index.add(term, 1);
  ASSERT_TRUE(parse_term("frustrat*", {}, term).empty());
  index.add(term, 2);
  ASSERT_TRUE(parse_term("waste* of time", {}, term).empty());
  index.add(term, 3);
  index.build();
  std::vector<TermIndex::Match> out;
  index.find(tokenize("You DON’T listen, and it's frustrating. A waste of time! You don't. Listen."), out);
  ASSERT_EQ(out.size(), 3U);
  EXPECT_EQ(out[0].payload, 1U);
  EXPECT_EQ(out[0].first, 0U);
  EXPECT_EQ(out[0].end, 3U);
  EXPECT_EQ(out[1].payload, 2U);
  EXPECT_EQ(out[2].payload, 3U);
}

TEST(TermIndex, ApostropheSpellings) {
  TermIndex index;
  std::vector<TermToken> term;
  parse_term("i'm fine", {}, term);
  index.add(term, 1);
  parse_term("dont care", {}, term);
  index.add(term, 2);
  parse_term("we'll see", {}, term);
  index.add(term, 3);
  parse_term("well", {}, term);
  index.add(term, 4);
  index.build();
  std::vector<TermIndex::Match> out;
  index.find(tokenize("im fine. I don't care. well see. we'll"), out);
  ASSERT_EQ(out.size(), 5U);
  EXPECT_EQ(out[0].payload, 1U);
  EXPECT_EQ(out[1].payload, 2U);  // "don't" matches the term "dont"
  EXPECT_EQ(out[2].payload, 4U);
  EXPECT_EQ(out[3].payload, 3U);  // typed without the apostrophe, "well see" is "we'll see"
  EXPECT_EQ(out[4].payload, 4U);  // and "we'll" matches "well"
}

// A word that is itself a term's word also matches the prefixes it starts with; an
// alias shares the word's symbol, not its prefixes. The same after encode() and decode().
TEST(TermIndex, KnownWordsMatchTheirPrefixesToo) {
  TermIndex index;
  index.alias("mijn", "mn");
  std::vector<TermToken> term;
  const std::vector<std::string> terms = {"frustrated me", "frustrat*", "mij*", "mn", "mijn boek"};
  for (std::size_t i = 0; i < terms.size(); ++i) {
    ASSERT_TRUE(parse_term(terms[i], {}, term).empty());
    index.add(term, static_cast<std::uint32_t>(i));
  }
  index.build();
  const std::string bytes = index.encode();
  std::vector<std::uint64_t> storage(bytes.size() / 8 + 1);
  std::memcpy(storage.data(), bytes.data(), bytes.size());
  const TermIndex decoded = TermIndex::decode({reinterpret_cast<const char*>(storage.data()), bytes.size()});
  for (const TermIndex* i : {static_cast<const TermIndex*>(&index), &decoded}) {
    auto payloads = [&](const std::string& text) {
      std::vector<TermIndex::Match> out;
      i->find(tokenize(text), out);
      std::vector<std::uint32_t> found(out.size());
      std::transform(out.begin(), out.end(), found.begin(),
                     [](const TermIndex::Match& m) { return m.payload; });
      std::sort(found.begin(), found.end());
      return found;
    };
    EXPECT_EQ(payloads("it frustrated me"), (std::vector<std::uint32_t>{0, 1}));
    EXPECT_EQ(payloads("frustrating"), (std::vector<std::uint32_t>{1}));
    EXPECT_EQ(payloads("mijn boek"), (std::vector<std::uint32_t>{2, 3, 4}));  // "mijn" is "mn" too
    EXPECT_EQ(payloads("mn boek"), (std::vector<std::uint32_t>{3, 4}));       // "mn" is not "mij*"
    EXPECT_EQ(payloads("mijmeren"), (std::vector<std::uint32_t>{2}));
  }
}

TEST(ParseTerm, Problems) {
  std::vector<TermToken> term;
  EXPECT_FALSE(parse_term("...", {}, term).empty());
  EXPECT_FALSE(parse_term("fr*ed", {}, term).empty());
  EXPECT_FALSE(parse_term("*", {}, term).empty());
  EXPECT_TRUE(parse_term("(laughs)", {}, term).empty());
  EXPECT_EQ(term[0].text, "laughs");
}

TEST(Tagger, NegationBlock) {
  const Tagger t = tagger_from(marker_rule("        terms: [\"you don't listen\"]\n        negation: block\n",
                                           "negation: {cues: [not, never], pseudo: [not only]}\n"));
  EXPECT_TRUE(fires(t, "You don't listen to me."));
  EXPECT_FALSE(fires(t, "I'm not saying you don't listen."));
  EXPECT_TRUE(fires(t, "Not only that, you don't listen."));  // pseudo-negation
  EXPECT_TRUE(fires(t, "I'm not happy. You don't listen."));  // other sentence
}

TEST(Tagger, NegationRequireAndWindowAfter) {
  const std::string neg = "negation: {cues: [not, niet]}\nsettings: {negation_window_after: 2}\n";
  const Tagger t = tagger_from(marker_rule("        terms: [upset, boos]\n        negation: require\n", neg));
  EXPECT_TRUE(fires(t, "I'm not upset."));
  EXPECT_FALSE(fires(t, "I'm upset."));
  EXPECT_TRUE(fires(t, "Ik ben boos niet."));
  EXPECT_FALSE(fires(t, "Not that it matters, but I am really very upset."));  // beyond the window
}

TEST(Tagger, ExceptionsAndStartWithin) {
  const Tagger t =
      tagger_from(marker_rule("        terms: [fine]\n        exceptions: [fine-tune, \"fine with that\"]\n"
                              "        start_within: 3\n"));
  EXPECT_TRUE(fires(t, "Fine, really."));
  EXPECT_FALSE(fires(t, "I'm fine with that."));
  EXPECT_FALSE(fires(t, "We could say it went fine."));
}

TEST(Tagger, LexiconIncludesLexicons) {
  // "@runs-down" holds its own phrases and, through "@doubt", those of "doubt" and of
  // "maybe", which "doubt" includes; "@maybe" beside it adds nothing twice.
  const std::string lexicons =
      "lexicons:\n  maybe: [\"not sure\"]\n  doubt: [\"@maybe\", \"does ~1 work\"]\n"
      "  runs-down: [pointless, \"@doubt\"]\n";
  const Tagger t =
      tagger_from(marker_rule("        terms: [\"@runs-down\", \"@maybe\"]\n"
                              "        unless: [\"@doubt\"]\n",
                              lexicons));
  EXPECT_TRUE(fires(t, "It's pointless."));
  EXPECT_FALSE(fires(t, "It's pointless, I'm not sure it works."));  // unless: "not sure" is in @doubt
  EXPECT_FALSE(fires(t, "Nothing here."));
  const Tagger count =
      tagger_from(marker_rule("        count: {terms: [\"@doubt\", \"@maybe\"], min: 2}\n", lexicons));
  EXPECT_FALSE(fires(count, "I'm not sure."));  // one match, counted once
  EXPECT_TRUE(fires(count, "I'm not sure. Does it work?"));
}

TEST(Tagger, NearWithUnlessAndCues) {
  const Tagger near = tagger_from(marker_rule("        near: {a: [not], b: [matter*], within: 2}\n"));
  EXPECT_TRUE(fires(near, "It does not really matter."));
  EXPECT_TRUE(fires(near, "Matters not."));
  EXPECT_FALSE(fires(near, "Not that I think about it much, it matters."));

  const Tagger with =
      tagger_from(marker_rule("        cues: [laughs, lacht]\n        with: [hit me, sloeg]\n"
                              "        unless: [joke]\n"));
  EXPECT_TRUE(fires(with, "(laughs) Yeah, he hit me sometimes."));
  EXPECT_TRUE(fires(with, "[lacht] Ja, hij sloeg me wel eens."));
  EXPECT_FALSE(fires(with, "He laughs when he hit me."));        // not a bracketed cue
  EXPECT_FALSE(fires(with, "(laughs) It was a good day."));      // no painful content
  EXPECT_FALSE(fires(with, "(laughs) He hit me with a joke."));  // unless
}

TEST(Tagger, CountAndRatio) {
  const Tagger t =
      tagger_from(marker_rule("        count: {terms: [people, one, everyone], min: 2}\n"
                              "        ratio: {terms: [i, me, my], max: 0.1}\n"
                              "        words: {min: 6}\n"));
  EXPECT_TRUE(fires(t, "People get angry, everyone does, that is how it goes."));
  EXPECT_FALSE(fires(t, "People say I get angry and everyone hates me, my god."));
  EXPECT_FALSE(fires(t, "People get angry about things now and then."));
}

TEST(Tagger, QuestionsAfterAndNotAfter) {
  const std::string ctx =
      "questions: {open: [what, how, can you tell me], closed: [do you, can you, is there]}\n"
      "lexicons: {fillers: [um, uh]}\n"
      "conditions:\n  open-q: {question: open}\n  invite: {terms: [tell me more]}\n";
  const Tagger t = tagger_from(
      marker_rule("        words: {max: 2, ignore: ['@fillers']}\n        after: [open-q, invite]\n", ctx));
  EXPECT_TRUE(fires(t, "T: That sounds hard. What was that like?\nP: Um, dunno."));
  EXPECT_TRUE(fires(t, "T: Can you tell me more?\nP: No."));
  EXPECT_TRUE(fires(t, "T: Tell me more about her.\nP: Nothing."));
  EXPECT_FALSE(fires(t, "T: Do you think that is what happened?\nP: Yes."));
  EXPECT_FALSE(fires(t, "T: You felt hurt?\nP: Yes."));
  EXPECT_FALSE(fires(t, "T: What was that like?\nP: It was awful, really awful."));
  EXPECT_FALSE(fires(t, "P: Dunno."));  // no therapist turn before

  const Tagger not_after =
      tagger_from(marker_rule("        terms: [no]\n        not_after: {question: closed}\n", ctx));
  EXPECT_TRUE(fires(not_after, "T: What do you think?\nP: No."));
  EXPECT_FALSE(fires(not_after, "T: Is there more?\nP: No."));
  EXPECT_TRUE(fires(not_after, "P: No."));

  // `none`: the therapist's turn asks nothing (no sentence ends in "?"): exactly when
  // `any` does not hold.
  const Tagger statement =
      tagger_from(marker_rule("        terms: [no]\n        after: {question: none}\n", ctx));
  EXPECT_TRUE(fires(statement, "T: You drink most nights.\nP: No."));
  EXPECT_TRUE(fires(statement, "T: Most nights, then. Tell me more.\nP: No."));
  EXPECT_FALSE(fires(statement, "T: Is it every night? I see. Most nights, then.\nP: No."));
  EXPECT_FALSE(fires(statement, "T: You drink most nights, what, four pints?\nP: No."));
  EXPECT_FALSE(fires(statement, "T: Do you drink most nights?\nP: No."));
}

TEST(Tagger, OverlapWithThePreviousTurn) {
  const Tagger t =
      tagger_from(marker_rule("        overlap: {max: 0.2}\n        words: {min: 5}\n",
                              "stopwords: [the, a, i, you, my, about, to, did, was, how, of]\n"));
  EXPECT_TRUE(fires(
      t, "T: How did you feel about your father leaving?\nP: The weather was lovely, we went to the beach."));
  EXPECT_FALSE(
      fires(t, "T: How did you feel about your father leaving?\nP: I felt my father leaving was awful."));
}

TEST(Tagger, RunOfAgreeingTurns) {
  const Tagger t =
      tagger_from(marker_rule("        run: {condition: agree, min: 3}\n",
                              "conditions:\n  agree: {terms: [yes, ok, sure], words: {max: 2}}\n"));
  EXPECT_TRUE(fires(t, "T: a\nP: Yes.\nT: b\nP: Ok.\nT: c\nP: Sure."));
  EXPECT_FALSE(
      fires(t, "T: a\nP: Yes.\nT: b\nP: I am not so sure about that.\nT: c\nP: Sure.\nT: d\nP: Ok."));
  EXPECT_FALSE(fires(t, "T: a\nP: Ok.\nT: c\nP: Sure."));
}

// The tagger holds the last TagStream::reach turns of a session. A rule that looks far
// back (a long run, or the therapist's turn before many turns of an interpreter) sees
// every turn within reach, and one beyond it is not seen (docs/reliability.md).
TEST(Tagger, LooksBackAsFarAsItsReach) {
  const Tagger t =
      tagger_from(marker_rule("        run: {condition: agree, min: 100}\n",
                              "conditions:\n  agree: {terms: [yes, ok, sure], words: {max: 2}}\n"));
  std::string run;
  for (int i = 0; i < 100; ++i) run += "T: and then?\nP: Yes.\n";
  const Transcript long_run = transcript(run);
  const auto findings = t.tag(long_run);
  ASSERT_EQ(findings.size(), 1U);  // only the 100th agreeing turn completes the run
  EXPECT_EQ(findings[0].turn, 199U);

  const Tagger after = tagger_from(marker_rule("        terms: [fine]\n        after: asks\n",
                                               "conditions:\n  asks: {terms: [how do you feel]}\n"));
  std::string interpreted = "T: How do you feel?\n";
  for (int i = 0; i < 80; ++i) interpreted += "Tolk: She says she is thinking.\n";
  interpreted += "P: Fine.\n";
  ReaderOptions options;
  options.roles.therapist = {"T"};
  options.roles.patient = {"P"};
  options.roles.other = {"Tolk"};
  options.roles.given = true;
  const Transcript far = parse_transcript(interpreted, "t.txt", options);
  const auto found = after.tag(far);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].turn, 81U);

  // The patient's turn and the therapist's are `interpreter_turns` + 1 apart.
  const auto interpreted_by = [&](std::size_t interpreter_turns) {
    std::string text = "T: How do you feel?\n";
    for (std::size_t i = 0; i < interpreter_turns; ++i) text += "Tolk: She says she is thinking.\n";
    return parse_transcript(text + "P: Fine.\n", "t.txt", options);
  };
  EXPECT_EQ(after.tag(interpreted_by(TagStream::reach - 2)).size(), 1U);  // the window holds both
  EXPECT_TRUE(after.tag(interpreted_by(TagStream::reach - 1)).empty());   // the question is out of reach
}

// A turn's words, matches and condition answers are kept in buffers reused from the turns
// of earlier sessions on the same thread, with any pack: nothing of those turns may show.
TEST(Tagger, ReusedTurnDataLeavesNothingBehind) {
  const Tagger cues = tagger_from(marker_rule("        cues: [laughs]\n        with: [hit me]\n"));
  const Tagger after = tagger_from(marker_rule("        terms: [fine]\n        after: asks\n",
                                               "conditions:\n  asks: {terms: [how do you feel]}\n"));
  const Transcript busy = transcript(
      "T: How do you feel?\nP: (laughs) Fine, he hit me.\nT: How do you feel?\nP: (laughs) Fine, he hit "
      "me.\n");
  const Tagger words = tagger_from(marker_rule("        terms: [hit me]\n"));
  const Transcript plain = transcript("T: Tell me more.\nP: Fine.\nT: Go on.\nP: Fine, he hit me.\n");
  const Transcript quiet = transcript("T: Tell me more.\nP: Fine.\nT: Go on.\nP: Fine, he did.\n");
  ASSERT_EQ(cues.tag(busy).size(), 2U);
  ASSERT_EQ(after.tag(busy).size(), 2U);
  std::size_t on_a_new_thread = 1;
  std::thread([&] { on_a_new_thread = cues.tag(plain).size() + after.tag(plain).size(); }).join();
  EXPECT_EQ(on_a_new_thread, 0U);
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(cues.tag(plain).empty());   // no cue in the turn's notes
    EXPECT_TRUE(after.tag(plain).empty());  // "asks" does not hold for "Tell me more", "Go on"
    EXPECT_EQ(after.tag(busy).size(), 2U);
    EXPECT_EQ(cues.tag(busy).size(), 2U);
    EXPECT_EQ(words.tag(busy).size(), 2U);
    EXPECT_TRUE(words.tag(quiet).empty());  // "hit me" matched in the turns these buffers held
  }
}

// A turn is tested only against the rules whose words clause has a match in it, and the
// rules without one; of its speaker, in pack order.
TEST(CompiledPack, CandidatesAreTheRulesWhoseWordsMatched) {
  const auto pack = CompiledPack::compile(test::pack_from(R"(
markers:
  - id: denial
    name: Denial
    description: d
    rules:
      - {id: a, terms: [fine, "@calm"]}
      - {id: b, near: {a: [not], b: [upset]}}
      - {id: c, with: [honestly], words: {max: 5}}
      - {id: d, words: {max: 2}}
interventions:
  - id: focus-relationship
    name: Focus
    description: f
    rules:
      - {id: t, terms: [between us, fine]}
lexicons:
  calm: [calm]
)"));
  const auto& rules = pack->rules();
  ASSERT_EQ(rules.size(), 5U);
  const auto lists = [&](std::size_t r, const std::optional<TermSet> CompiledClauses::*clause) {
    return (rules[r].clauses.*clause)->lists;
  };
  std::vector<std::uint32_t> out;
  const auto of = [&](Speaker speaker, std::vector<std::uint32_t> matched) {
    pack->candidates(speaker, matched, out);
    return out;
  };
  using V = std::vector<std::uint32_t>;
  EXPECT_EQ(of(Speaker::patient, {}), V({3}));
  for (const std::uint32_t list : lists(0, &CompiledClauses::terms)) {  // "fine" or "@calm"
    EXPECT_EQ(of(Speaker::patient, {list}), V({0, 3}));
  }
  const V near_and_terms = {lists(1, &CompiledClauses::near_a)[0], lists(0, &CompiledClauses::terms)[0]};
  EXPECT_EQ(of(Speaker::patient, near_and_terms), V({0, 1, 3}));
  EXPECT_EQ(of(Speaker::patient, lists(1, &CompiledClauses::near_b)), V({3}));  // "upset" alone: not b
  const std::uint32_t with = lists(2, &CompiledClauses::with)[0];
  EXPECT_EQ(of(Speaker::patient, {with, with}), V({2, 3}));
  EXPECT_EQ(of(Speaker::therapist, lists(4, &CompiledClauses::terms)), V({4}));
  EXPECT_EQ(of(Speaker::therapist, near_and_terms), V({}));
  EXPECT_EQ(of(Speaker::patient, {static_cast<std::uint32_t>(pack->list_count()) + 7}), V({3}));
}

TEST(Tagger, RegexIsCaseInsensitiveOnTheTextAsWritten) {
  const Tagger t = tagger_from(marker_rule("        regex: \"^\\\\s*no\\\\b\"\n"));
  EXPECT_TRUE(fires(t, "NO, that's not it."));
  EXPECT_FALSE(fires(t, "I said no."));
}

constexpr const char* two_rules = R"(
markers:
  - id: denial
    name: Denial
    description: d
    rules:
      - {id: weak, terms: [fine], weight: 0.4}
      - {id: strong, terms: [really fine], weight: 0.9}
  - id: complaint-therapist
    name: Complaint
    description: c
    rules:
      - {id: ct, terms: [you never listen]}
interventions:
  - id: focus-relationship
    name: Focus
    description: f
    rules:
      - {id: fr, terms: [between us]}
)";

TEST(Tagger, OneFindingPerIdKeepsTheStrongest) {
  const Tagger t = tagger_from(two_rules);
  const auto findings =
      t.tag(transcript("T: what is between us?\nP: I'm really fine. You never listen, between us.\n"));
  ASSERT_EQ(findings.size(), 3U);
  EXPECT_EQ(findings[0].marker, "focus-relationship");
  EXPECT_EQ(findings[0].turn, 0U);
  EXPECT_EQ(findings[0].category, Category::repair);
  EXPECT_EQ(findings[1].marker, "denial");
  EXPECT_EQ(findings[1].rule, "strong");
  EXPECT_DOUBLE_EQ(findings[1].strength, 0.9);
  EXPECT_EQ(findings[2].marker, "complaint-therapist");
  // markers never on therapist turns, repairs never on patient turns
  for (const auto& f : findings) {
    EXPECT_EQ(f.category == Category::repair, f.turn == 0U);
  }
}

TEST(TagStream, EveryRuleThatFiredOnlyWhenAsked) {
  const Tagger t = tagger_from(two_rules);
  const Transcript tr =
      transcript("T: what is between us?\nP: I'm really fine. You never listen.\nP: Fine.\n");
  TagStream all(t.shared_pack(), {}, true);
  TagStream kept(t.shared_pack());
  std::vector<std::vector<std::uint32_t>> fired;
  for (const Turn& turn : tr.turns) {
    const std::vector<TurnTags> tags = all.push(turn);  // no model: no turn waits
    ASSERT_EQ(tags.size(), 1U);
    const std::vector<TurnTags> plain = kept.push(turn);
    ASSERT_EQ(plain.size(), 1U);
    EXPECT_TRUE(plain.front().fired.empty());
    fired.push_back(tags.front().fired);
  }
  // rules in pack order: weak 0, strong 1, ct 2, fr 3; "weak" fires under "strong" on turn 1
  const std::vector<std::vector<std::uint32_t>> want{{3}, {0, 1, 2}, {0}};
  EXPECT_EQ(fired, want);
  ASSERT_EQ(t.pack().rules()[0].rule->id, "weak");
}

TEST(Tagger, EvidenceSpansAndText) {
  const Tagger t = tagger_from(two_rules);
  const Transcript tr = transcript("P: Fine. Fine!\n");
  const auto findings = t.tag(tr);
  ASSERT_EQ(findings.size(), 1U);
  ASSERT_EQ(findings[0].spans.size(), 2U);
  EXPECT_EQ(evidence_text(tr.turns[0].text, findings[0].spans), "Fine … Fine");
}

TEST(Tagger, WholeTurnIsEvidenceForContextRules) {
  const Tagger t = tagger_from(marker_rule("        words: {max: 3}\n"));
  const Transcript tr = transcript("P: Dunno, really.\n");
  const auto findings = t.tag(tr);
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(evidence_text(tr.turns[0].text, findings[0].spans), "Dunno, really");
}

}  // namespace
}  // namespace ruptag

namespace ruptag {
namespace {

TEST(Tagger, AliasesMatchSpokenAndWrittenForms) {
  const std::string aliases = "aliases: {\"m'n\": mijn, \"da's\": dat is, \"'k\": ik}\n";
  const Tagger t = test::tagger_from(aliases +
                                     "markers:\n  - id: denial\n    name: D\n    description: d\n"
                                     "    rules:\n      - {id: r, terms: [\"mijn moeder\", \"da's raar\", "
                                     "\"ik weet het niet\"]}\n");
  auto fires = [&](const std::string& text) {
    const Transcript tr = test::transcript("P: " + text);
    return t.rule_fires(tr, 0, "r");
  };
  EXPECT_TRUE(fires("M'n moeder belde."));
  EXPECT_TRUE(fires("Mijn moeder belde."));
  EXPECT_TRUE(fires("Dat is raar."));
  EXPECT_TRUE(fires("Da's raar."));
  EXPECT_TRUE(fires("'k Weet het niet."));
  EXPECT_FALSE(fires("Dat raar."));
  EXPECT_NE(test::pack_problem("aliases: {\"m*\": mijn}\n").find("'*' has no meaning"), std::string::npos);
}

}  // namespace
}  // namespace ruptag

namespace ruptag {
namespace {

TEST(Tagger, AfterFindingLooksAtWhatThePreviousTurnCarried) {
  const Tagger t = test::tagger_from(R"(
markers:
  - id: complaint-activities
    name: C
    description: d
    rules:
      - {id: ca, terms: [pointless]}
interventions:
  - id: adjust-goals-tasks
    name: A
    description: d
    rules:
      - {id: r, terms: [something else], after_finding: [confrontation]}
  - id: give-rationale
    name: G
    description: d
    rules:
      - {id: g, terms: [the reason], after_finding: [complaint-activities, complaint-parameters]}
)");
  const auto fires = [&](const std::string& text, const std::string& rule) {
    const Transcript tr = test::transcript(text);
    return t.rule_fires(tr, tr.turns.size() - 1, rule);
  };
  EXPECT_TRUE(fires("P: This homework is pointless.\nT: Let's try something else.", "r"));
  EXPECT_FALSE(fires("P: I did the homework.\nT: Let's try something else.", "r"));
  EXPECT_TRUE(fires("P: Pointless.\nT: The reason I ask is this.", "g"));
  EXPECT_FALSE(fires("T: The reason I ask is this.", "g"));
  // the same through tag(): the repair is found because the complaint was found first
  const auto findings =
      t.tag(test::transcript("P: It's pointless.\nT: The reason is simple; let's try something else."));
  ASSERT_EQ(findings.size(), 3U);
  EXPECT_NE(test::pack_problem("markers:\n  - id: denial\n    name: D\n    description: d\n    rules:\n"
                               "      - {id: x, terms: [a], after_finding: [sulking]}\n")
                .find("after_finding: 'sulking' is neither"),
            std::string::npos);
}

}  // namespace
}  // namespace ruptag
