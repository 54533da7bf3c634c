// Gaps in terms: "~N" lets 0 to N words of any kind stand between the words on either
// side of it (docs/rules.md, "Terms").
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "ruptag/pack_binary.hpp"
#include "ruptag/term_index.hpp"
#include "test_support.hpp"

namespace ruptag {
namespace {

using Match = TermIndex::Match;

TermIndex index_of(const std::vector<std::string>& terms) {
  TermIndex index;
  std::vector<TermToken> tokens;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    EXPECT_EQ(parse_term(terms[i], {}, tokens), "") << terms[i];
    index.add(tokens, static_cast<std::uint32_t>(i));
  }
  index.build();
  return index;
}

std::vector<Match> find(const TermIndex& index, const std::string& text) {
  std::vector<Match> out;
  index.find(tokenize(text), out);
  return out;
}

// The matches of `terms` in `text`; a match's payload is its term's position in `terms`.
std::vector<Match> matches(const std::vector<std::string>& terms, const std::string& text) {
  return find(index_of(terms), text);
}

// first-end and the gap words of a match, as "0-4 skipped 2" for a readable failure.
std::string describe(const Match& m) {
  std::string out = std::to_string(m.first) + "-" + std::to_string(m.end);
  std::string skipped;
  for (std::uint32_t k = m.first; k < m.end; ++k) {
    if (!m.matched(k)) skipped += " " + std::to_string(k);
  }
  return skipped.empty() ? out : out + " skipped" + skipped;
}

std::vector<std::string> described(const std::vector<Match>& found) {
  std::vector<std::string> out(found.size());
  std::transform(found.begin(), found.end(), out.begin(), describe);
  return out;
}

using Strings = std::vector<std::string>;

TEST(ParseTerm, GapsAreTokensOfTheirOwn) {
  std::vector<TermToken> term;
  ASSERT_EQ(parse_term("You ~2 never ~3 listen*", {}, term), "");
  ASSERT_EQ(term.size(), 5U);
  EXPECT_EQ(term[0].text, "you");
  EXPECT_EQ(term[1].gap, 2);
  EXPECT_TRUE(term[1].text.empty());
  EXPECT_EQ(term[2].text, "never");
  EXPECT_EQ(term[3].gap, 3);
  EXPECT_EQ(term[4].text, "listen");
  EXPECT_TRUE(term[4].prefix);
  EXPECT_EQ(term[4].gap, 0);
}

TEST(ParseTerm, MalformedGapsSayWhatIsWrong) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"a ~0 b", "has a gap '~0': a gap allows 1 to 9 words"},
      {"a ~10 b", "has a gap '~10': a gap allows 1 to 9 words"},
      {"a ~x b", "has '~x', which is not a gap: a gap is '~' and the number of words it allows, 1 to 9"},
      {"a ~ b", "has '~', which is not a gap"},
      {"a ~2word", "has '~2word': a gap is a word of its own, with spaces around it ('~2 word')"},
      {"a~2 b", "has 'a~2': a gap is a word of its own, with spaces around it ('a ~2')"},
      {"~2 a", "starts with a gap '~2': a gap stands between two words"},
      {"a ~2", "ends with a gap '~2': a gap stands between two words"},
      {"a ~2 ~3 b", "has two gaps with no word between them ('~2 ~3'): write one gap"},
      {"a ~2 , ~3 b", "has two gaps with no word between them ('~2 ~3'): write one gap"},
      {"~3", "starts with a gap '~3'"},
      {"a ~9 b ~9 c ~9 d ~9 e",
       "reaches over 41 words counting its gaps at their widest; a term with gaps may "
       "reach over at most 32"},
  };
  std::vector<TermToken> term;
  for (const auto& [written, problem] : cases) {
    EXPECT_EQ(parse_term(written, {}, term).rfind(problem, 0), 0U)
        << written << ": " << parse_term(written, {}, term);
  }
  EXPECT_EQ(parse_term("a ~9 b ~9 c ~9 d e", {}, term), "");  // 32 words at the widest
}

// The example of the feature's request: the room a gap gives lasts for the rest of the
// term, so an adverb may slip in after the verb as well as before it.
TEST(TermIndex, GapGivesRoomForTheRestOfTheTerm) {
  const Strings term{"je ~2 luister* niet"};
  EXPECT_EQ(described(matches(term, "je luistert niet")), Strings{"0-3"});
  EXPECT_EQ(described(matches(term, "je luisterde helemaal niet")), Strings{"0-4 skipped 2"});
  EXPECT_EQ(described(matches(term, "je ook echt luistert niet")), Strings{"0-5 skipped 1 2"});
  EXPECT_EQ(described(matches(term, "je echt luisterde gewoon niet")), Strings{"0-5 skipped 1 3"});
  EXPECT_TRUE(matches(term, "je echt luisterde gewoon helemaal niet").empty());  // 3 in all
  EXPECT_TRUE(matches(term, "ik luister niet").empty());
  // several gaps add up: 2 + 3 words may stand after "you", wherever they fall
  EXPECT_EQ(described(matches({"you ~2 never ~3 listen*"}, "you never a b c d listen")),
            Strings{"0-7 skipped 2 3 4 5"});
  EXPECT_TRUE(matches({"you ~2 never ~3 listen*"}, "you never a b c d e f listen").empty());
}

TEST(TermIndex, GapLetsZeroToNWordsStandBetween) {
  const Strings term{"je luister* ~2 niet"};
  EXPECT_EQ(described(matches(term, "je luistert niet")), Strings{"0-3"});
  EXPECT_EQ(described(matches(term, "je luisterde helemaal niet")), Strings{"0-4 skipped 2"});
  EXPECT_EQ(described(matches(term, "je luistert echt helemaal niet")), Strings{"0-5 skipped 2 3"});
  EXPECT_TRUE(matches(term, "je luisterde de hele tijd niet").empty());  // 3 words between
  EXPECT_TRUE(matches(term, "ik luister niet").empty());
  EXPECT_TRUE(matches(term, "je niet").empty());  // a gap stands for words, not for a term's word
  // any token may stand in a gap, a number too; punctuation is not a token
  EXPECT_EQ(described(matches(term, "Nou, je luistert -- 100% -- niet!")), Strings{"1-5 skipped 3"});
}

TEST(TermIndex, SeveralGapsAndWildcardsBesideThem) {
  const Strings term{"you ~2 never ~3 listen*"};
  EXPECT_EQ(described(matches(term, "you never listen")), Strings{"0-3"});
  EXPECT_EQ(described(matches(term, "you just never really listened")), Strings{"0-5 skipped 1 3"});
  EXPECT_EQ(described(matches(term, "you a b never c d e listening")), Strings{"0-8 skipped 1 2 4 5 6"});
  EXPECT_TRUE(matches(term, "you a b c never listen").empty());
  EXPECT_TRUE(matches(term, "you never a b c d e f listen").empty());
  EXPECT_EQ(described(matches({"frustrat* ~1 with*"}, "frustrated again withdrawn")),
            Strings{"0-3 skipped 1"});
  EXPECT_EQ(described(matches({"frustrat* ~1 with*"}, "frustrating with")), Strings{"0-2"});
}

TEST(TermIndex, GapStaysInsideOneSentence) {
  const Strings term{"je luister* ~2 niet"};
  EXPECT_TRUE(matches(term, "Je luistert. Niet!").empty());
  EXPECT_TRUE(matches(term, "Je luistert echt? Niet.").empty());
  EXPECT_EQ(matches(term, "Je luistert, echt, niet.").size(), 1U);
}

TEST(TermIndex, OneMatchPerFirstWordWithTheFewestGapWords) {
  // "a b b b": the term could end at any "b"; it ends at the first
  EXPECT_EQ(described(matches({"a ~3 b"}, "a b b b")), Strings{"0-2"});
  EXPECT_EQ(described(matches({"a ~3 b"}, "a a b")), (Strings{"0-3 skipped 1", "1-3"}));
  // terms without gaps sharing the index keep matching as before
  EXPECT_EQ(described(matches({"a ~3 b", "a b", "a"}, "a b")), (Strings{"0-1", "0-2", "0-2"}));
  // several gaps: one path is kept
  EXPECT_EQ(matches({"a ~2 b ~2 c"}, "a b b c").size(), 1U);
}

TEST(TermIndex, GapWorkStaysBoundedOnRepetitiveText) {
  // Every "a" may start a match and every word may stand in any gap: states are merged
  // per trie node and gap budget, so this ends quickly with one match per start.
  const Strings term{"a ~9 a ~9 a ~9 a"};
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "a ";
  const auto found = matches(term, text);
  EXPECT_EQ(found.size(), 1997U);
  EXPECT_EQ(describe(found.front()), "0-4");
}

TEST(TermIndex, EncodeAndDecodeKeepGaps) {
  const Strings terms{"je luister* ~2 niet", "you ~2 never ~3 listen*", "gewoon", "i ~1 m fine"};
  const TermIndex built = index_of(terms);
  const std::string bytes = built.encode();
  alignas(8) static char aligned[1 << 16];
  ASSERT_LT(bytes.size(), sizeof aligned);
  std::copy(bytes.begin(), bytes.end(), aligned);
  const TermIndex decoded = TermIndex::decode({aligned, bytes.size()});
  EXPECT_EQ(decoded.term_count(), built.term_count());
  for (const std::string text :
       {"je luistert echt niet, gewoon", "You just never really listen.", "I, um, m fine"}) {
    EXPECT_EQ(described(find(decoded, text)), described(find(built, text))) << text;
    EXPECT_FALSE(find(decoded, text).empty()) << text;
  }
  alignas(8) static char unaligned[(1 << 16) + 1];
  std::copy(bytes.begin(), bytes.end(), unaligned + 1);
  const TermIndex copy = TermIndex::decode({unaligned + 1, bytes.size()});  // read by copying
  EXPECT_EQ(described(find(copy, "je luistert echt niet")), Strings{"0-4 skipped 2"});
}

// Damaged bytes are refused, or read as an index that find() can use: no crash, no
// endless loop, matches inside the text.
TEST(TermIndex, DecodeOfDamagedBytesIsSafe) {
  const TermIndex built = index_of({"je luister* ~2 niet", "you ~2 never ~3 listen*", "niet"});
  const std::string bytes = built.encode();
  const TokenizedText text = tokenize("je luistert echt niet. you never ever listen. niet");
  std::size_t refused = 0;
  std::vector<Match> out;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    for (const int value : {0x00, 0x01, 0x7F, 0xFF}) {
      std::string damaged = bytes;
      if (static_cast<unsigned char>(damaged[i]) == value) continue;
      damaged[i] = static_cast<char>(value);
      try {
        const TermIndex index = TermIndex::decode(damaged);
        out.clear();
        index.find(text, out);
        for (const Match& m : out) {
          ASSERT_LT(m.first, m.end);
          ASSERT_LE(m.end, text.tokens.size());
        }
      } catch (const std::runtime_error&) {
        ++refused;
      }
    }
  }
  EXPECT_GT(refused, 0U);
  EXPECT_THROW(TermIndex::decode(bytes.substr(0, bytes.size() - 1)), std::runtime_error);
}

// --- in rules --------------------------------------------------------------------------

using test::fires;
using test::marker_rule;
using test::tagger_from;
using test::transcript;

TEST(TaggerGaps, EvidenceIsTheMatchedWordsNotTheGap) {
  const Tagger t = tagger_from(marker_rule("        terms: [\"je luister* ~2 niet\"]\n"));
  const Transcript tr = transcript("P: Nou, je luisterde helemaal niet.\n");
  const auto findings = t.tag(tr);
  ASSERT_EQ(findings.size(), 1U);
  const std::string& text = tr.turns[0].text;
  ASSERT_EQ(findings[0].spans.size(), 2U);
  EXPECT_EQ(findings[0].spans[0], (Span{5, 17}));
  EXPECT_EQ(text.substr(5, 12), "je luisterde");
  EXPECT_EQ(findings[0].spans[1], (Span{27, 31}));
  EXPECT_EQ(evidence_text(text, findings[0].spans), "je luisterde … niet");
  // with no word in the gap, the words are one piece
  const Transcript whole = transcript("P: je luistert niet\n");
  EXPECT_EQ(evidence_text(whole.turns[0].text, t.tag(whole)[0].spans), "je luistert niet");
}

TEST(TaggerGaps, NegationLooksBeforeTheFirstWordAndInsideTheGaps) {
  const std::string neg = "negation: {cues: [not, never, \"no ~1 longer\"], pseudo: [\"not ~1 only\"]}\n";
  const Tagger block =
      tagger_from(marker_rule("        terms: [\"you ~2 listen*\"]\n        negation: block\n", neg));
  EXPECT_TRUE(fires(block, "You really listen."));
  EXPECT_FALSE(fires(block, "I'm not saying you listen."));           // in the window before the first word
  EXPECT_FALSE(fires(block, "You never really listen."));             // a cue standing in the gap
  EXPECT_FALSE(fires(block, "You no longer listen."));                // a cue of two words in the gap
  EXPECT_TRUE(fires(block, "Not just only you listen."));             // pseudo-negation with a gap word
  EXPECT_TRUE(fires(block, "No, really, much longer, you listen."));  // "no ~1 longer" does not reach
  const Tagger require =
      tagger_from(marker_rule("        terms: [\"you ~2 listen*\"]\n        negation: require\n", neg));
  EXPECT_TRUE(fires(require, "You never really listen."));
  EXPECT_FALSE(fires(require, "You really listen."));
}

TEST(TaggerGaps, StartWithinCountsFromTheFirstWord) {
  const Tagger t =
      tagger_from(marker_rule("        terms: [\"je luister* ~2 niet\"]\n        start_within: 2\n"));
  EXPECT_TRUE(fires(t, "Nou, je luistert echt helemaal niet."));
  EXPECT_FALSE(fires(t, "Nou ja, je luistert niet."));
}

TEST(TaggerGaps, ExceptionsCancelAMatchThatSharesAWordNotOneInItsGap) {
  const Tagger t =
      tagger_from(marker_rule("        terms: [\"you ~3 listen*\"]\n        exceptions: [\"listen* to ~1 "
                              "music\", \"so ~1 much\"]\n"));
  EXPECT_TRUE(fires(t, "You never listen to me."));
  EXPECT_FALSE(fires(t, "You never listen to the music."));  // shares "listen"
  EXPECT_TRUE(fires(t, "You so very much listen."));         // "so very much" is all in the gap
  const Tagger gap_exception =
      tagger_from(marker_rule("        terms: [fine]\n        exceptions: [\"fine ~2 tune*\"]\n"));
  EXPECT_FALSE(fires(gap_exception, "Fine, let us tune it."));
  EXPECT_TRUE(fires(gap_exception, "Fine."));
}

TEST(TaggerGaps, CountAndRatioCountMatchedWordsOnly) {
  const Tagger ratio =
      tagger_from(marker_rule("        ratio: {terms: [\"you ~3 listen*\"], min: 0.39, max: 0.41}\n"));
  EXPECT_TRUE(fires(ratio, "You really truly never listen."));  // 2 of 5 words, not 5 of 5
  const Tagger words = tagger_from(marker_rule("        words: {max: 3, ignore: [\"you ~3 listen*\"]}\n"));
  EXPECT_TRUE(fires(words, "You really truly never listen."));  // 5 words, 2 ignored
  EXPECT_FALSE(fires(words, "You really truly never, ever listen."));
  const Tagger count = tagger_from(marker_rule("        count: {terms: [\"you ~2 listen*\"], min: 2}\n"));
  EXPECT_FALSE(fires(count, "You listen, listen, listen."));  // one match for one "you"
  EXPECT_TRUE(fires(count, "You never listen. You don't listen."));
}

TEST(TaggerGaps, AliasesNextToAGap) {
  const Tagger t =
      tagger_from(marker_rule("        terms: [\"mijn ~2 moeder\", \"dat is ~1 raar\", \"zeg ~1 dat is\"]\n",
                              "aliases: {\"m'n\": mijn, \"da's\": dat is}\n"));
  EXPECT_TRUE(fires(t, "M'n lieve moeder."));
  EXPECT_TRUE(fires(t, "Mijn eigen lieve moeder."));
  EXPECT_TRUE(fires(t, "Da's echt raar."));
  EXPECT_TRUE(fires(t, "Dat is raar."));
  EXPECT_TRUE(fires(t, "Zeg maar da's."));
  EXPECT_FALSE(fires(t, "Da's echt heel raar."));
}

TEST(TaggerGaps, EveryTermListTakesGaps) {
  const Tagger lexicon =
      tagger_from(marker_rule("        terms: [\"@l\"]\n", "lexicons: {l: [\"you ~2 ignore* me\"]}\n"));
  EXPECT_TRUE(fires(lexicon, "You simply ignore me."));
  const Tagger with_unless = tagger_from(marker_rule(
      "        terms: [fine]\n        with: [\"it's ~1 fine\"]\n        unless: [\"not ~2 fine\"]\n"));
  EXPECT_TRUE(fires(with_unless, "It's all fine."));
  EXPECT_FALSE(fires(with_unless, "It's fine, not really fine."));
  const Tagger near = tagger_from(
      marker_rule("        near: {a: [\"this ~2 pointless\"], b: [\"your ~1 idea*\"], within: 1}\n"));
  EXPECT_TRUE(fires(near, "Your silly idea, this is pointless."));
  EXPECT_FALSE(fires(near, "Your silly idea was, well, this is pointless."));
  const Tagger cues = tagger_from(marker_rule("        cues: [\"looks ~1 away\"]\n"));
  EXPECT_TRUE(fires(cues, "(looks briefly away) Yes."));
  EXPECT_FALSE(fires(cues, "(looks at me) Yes."));
  const Tagger after = tagger_from(marker_rule("        terms: [no]\n        after: asks\n",
                                               "conditions:\n  asks: {terms: [\"how ~2 feel\"]}\n"));
  EXPECT_TRUE(fires(after, "T: How do you feel?\nP: No."));
  EXPECT_FALSE(fires(after, "T: How was it?\nP: No."));
}

TEST(TaggerGaps, QuestionPhrasesWithGaps) {
  const std::string questions = "questions: {open: [\"how ~2 feel\"], closed: [how]}\n";
  const Tagger open =
      tagger_from(marker_rule("        terms: [no]\n        after: {question: open}\n", questions));
  EXPECT_TRUE(fires(open, "T: How do you feel?\nP: No."));   // the longer phrase at the same word
  EXPECT_FALSE(fires(open, "T: How much was it?\nP: No."));  // only "how": closed
}

TEST(TaggerGaps, GapsSurviveAnEmbeddedPack) {
  const RulePack pack = test::pack_from(marker_rule("        terms: [\"you ~2 never ~3 listen*\"]\n",
                                                    "lexicons: {l: [\"je luister* ~2 niet\"]}\n"));
  const auto fresh = CompiledPack::compile(pack);
  const std::string bytes = encode_pack(pack, &fresh->index());
  alignas(16) static char aligned[1 << 20];
  ASSERT_LT(bytes.size(), sizeof aligned);
  std::copy(bytes.begin(), bytes.end(), aligned);
  DecodedPack decoded = decode_pack({aligned, bytes.size()});
  ASSERT_TRUE(decoded.index.has_value());
  const Tagger embedded(CompiledPack::compile(std::move(decoded.pack), std::move(decoded.index)));
  const Transcript tr = transcript("P: You just never really listen.\nP: You listen.\n");
  const auto found = embedded.tag(tr);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(evidence_text(tr.turns[0].text, found[0].spans), "You … never … listen");
  EXPECT_EQ(found[0].spans, Tagger(fresh).tag(tr)[0].spans);
}

// --- in rules check --------------------------------------------------------------------

TEST(PackLoaderGaps, MalformedGapsGiveFileLineAndColumn) {
  const std::string problem = test::pack_problem(R"(markers:
  - id: denial
    name: D
    description: d
    rules:
      - id: r
        terms:
          - "je ~0 luister*"
          - je ~10 niet
          - "a ~x b"
          - "~2 a"
          - "a ~2"
          - "a ~2 ~3 b"
          - "a ~2word"
)");
  for (const std::string expected : {
           "test.yaml:9:13: rule 'r': terms: term 'je ~0 luister*' has a gap '~0': a gap allows 1 to 9 words",
           "test.yaml:10:13: rule 'r': terms: term 'je ~10 niet' has a gap '~10': a gap allows 1 to 9 words",
           "test.yaml:11:13: rule 'r': terms: term 'a ~x b' has '~x', which is not a gap",
           "test.yaml:12:13: rule 'r': terms: term '~2 a' starts with a gap '~2': a gap stands between two "
           "words",
           "test.yaml:13:13: rule 'r': terms: term 'a ~2' ends with a gap '~2': a gap stands between two "
           "words",
           "test.yaml:14:13: rule 'r': terms: term 'a ~2 ~3 b' has two gaps with no word between them",
           "test.yaml:15:13: rule 'r': terms: term 'a ~2word' has '~2word': a gap is a word of its own",
       }) {
    EXPECT_NE(problem.find(expected), std::string::npos) << expected << "\n" << problem;
  }
}

TEST(PackLoaderGaps, NoGapsWhereTheyMeanNothing) {
  const std::string problem = test::pack_problem(
      "stopwords: [the, \"of ~1 the\"]\ndetect: [\"the ~1 of\"]\naliases: {\"da ~1 s\": dat is}\n");
  EXPECT_NE(problem.find("test.yaml:2:18: stopwords: term 'of ~1 the' has a gap '~1', but stopwords are"),
            std::string::npos)
      << problem;
  EXPECT_NE(
      problem.find("test.yaml:3:10: detect: term 'the ~1 of' has a gap '~1', but detect lists single words"),
      std::string::npos)
      << problem;
  EXPECT_NE(problem.find("test.yaml:4:11: aliases: term 'da ~1 s' has a gap '~1', but an alias is"),
            std::string::npos)
      << problem;
  // everywhere else a gap is a term like any other
  EXPECT_EQ(test::pack_problem("negation: {cues: [\"no ~1 longer\"], pseudo: [\"not ~1 only\"]}\n"
                               "questions: {open: [\"what ~2 mean\"], closed: [\"is ~1 it\"]}\n"
                               "lexicons: {l: [\"you ~2 listen*\"]}\n"),
            "");
}

}  // namespace
}  // namespace ruptag
