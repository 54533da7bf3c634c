// The n-grams of turns, counted against gold codes and ranked (`ruptag rules suggest`).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "ruptag/suggest.hpp"
#include "test_support.hpp"

namespace ruptag {
namespace {

using test::progress_pack;

// Turns 0 T, 1 P, 2 T, 3 P, 4 T, 5 P on lines 1 to 6.
const char* const progress_session =
    "T: How are things?\n"
    "P: Going round in circles. Getting nowhere.\n"
    "T: Tell me more.\n"
    "P: Still going round in circles.\n"
    "T: Ok.\n"
    "P: Fine thanks.\n";

// The n-grams of one gold turn against a turn that shares none of them, all listed.
std::vector<std::string> all_phrases(const std::string& pack, const std::string& turn) {
  const Tagger tagger = test::tagger_from(pack);
  PhraseCounter counter(tagger.shared_pack());
  counter.add(build_report(test::transcript("P: " + turn + "\nP: Yes.\n"), tagger), {{"denial"}, {}});
  SuggestOptions options;
  options.min_gold_turns = 1;
  options.min_count = 1;
  options.top = 100;
  std::vector<std::string> out;
  const PackPhrases ranked = counter.rank(options);
  for (const PhraseRow& p : ranked.codes.at(0).phrases) out.push_back(p.text);
  return out;
}

TEST(PhraseCounter, ReadsTurnsAsTheMatcherDoes) {
  // Notation is no word, "don't" and "DON'T" are one word, no n-gram crosses the full
  // stop: the 4 words after it are the only n-gram not inside another in the same turns.
  EXPECT_EQ(all_phrases(progress_pack, "(laughs) I don't know. Really, I DON'T know."),
            (std::vector<std::string>{"really i don't know"}));
  EXPECT_EQ(all_phrases(progress_pack, "Cliënt zegt niets."),
            (std::vector<std::string>{"client zegt niets"}));
  EXPECT_EQ(
      all_phrases(std::string("settings: {fold_diacritics: false}\n") + progress_pack, "Cliënt zegt niets."),
      (std::vector<std::string>{"cliënt zegt niets"}));
  // at most 4 words: two n-grams cover five words
  EXPECT_EQ(all_phrases(progress_pack, "one two three four five"),
            (std::vector<std::string>{"one two three four", "two three four five"}));
}

TEST(PhraseCounter, RanksTheCodesPhraseWithItsCounts) {
  const Tagger tagger = test::tagger_from(progress_pack);
  const FileReport report = build_report(test::transcript(progress_session), tagger);
  PhraseCounter counter(tagger.shared_pack());
  counter.add(report, {{}, {"complaint-progress"}, {}, {"complaint-progress"}, {}, {"denial"}});
  SuggestOptions options;
  options.min_gold_turns = 2;
  const PackPhrases ranked = counter.rank(options);
  EXPECT_EQ(ranked.pack, "test");
  EXPECT_EQ(ranked.sessions, 1U);
  EXPECT_EQ(ranked.patient_turns, 3U);
  EXPECT_EQ(ranked.therapist_turns, 3U);
  ASSERT_EQ(ranked.too_few.size(), 1U);
  EXPECT_EQ(ranked.too_few[0], (std::pair<std::string, std::size_t>{"denial", 1}));
  ASSERT_EQ(ranked.codes.size(), 1U);
  const CodePhrases& code = ranked.codes[0];
  EXPECT_EQ(code.code, "complaint-progress");
  EXPECT_EQ(code.speaker, Speaker::patient);
  EXPECT_EQ(code.gold_turns, 2U);
  EXPECT_EQ(code.other_turns, 1U);
  // Every n-gram of "going round in circles" is in both gold turns and nowhere else; the
  // shorter ones add nothing to the longest. n-grams per turn: 10 + 3, 14, 3: n = 27,
  // m = 3. a_w = 2, a0 = 30: delta = log(4 / 53) - log(2 / 31) = log(62 / 53);
  // variance = 1/4 + 1/2.
  ASSERT_EQ(code.phrases.size(), 1U);
  const PhraseRow& top = code.phrases[0];
  EXPECT_EQ(top.text, "going round in circles");
  EXPECT_EQ(top.words, 4U);
  EXPECT_EQ(top.in, 2U);
  EXPECT_EQ(top.out, 0U);
  EXPECT_NEAR(top.stats.delta, std::log(62.0 / 53), 1e-12);
  EXPECT_NEAR(top.stats.z, std::log(62.0 / 53) / std::sqrt(0.75), 1e-12);
  EXPECT_FALSE(top.matched);
  EXPECT_EQ(top.found, 1U);  // the tool finds turn 1 by "getting nowhere"
  EXPECT_EQ(top.examples, (std::vector<std::string>{"t.txt:2", "t.txt:4"}));

  // in one gold turn: "getting nowhere" (a term of the code's rule), after the 4-words
  // n-gram of turn 3 with the same counts
  options.min_count = 1;
  const PackPhrases more = counter.rank(options);
  const auto& all = more.codes.at(0).phrases;
  ASSERT_EQ(all.size(), 3U);
  EXPECT_EQ(all[0].text, "going round in circles");
  EXPECT_EQ(all[1].text, "still going round in");
  EXPECT_EQ(all[2].text, "getting nowhere");
  EXPECT_TRUE(all[2].matched);
  EXPECT_EQ(all[2].found, 1U);
  // delta = log(2 / 55) - log(1 / 32) = log(64 / 55), variance 1/2 + 1
  EXPECT_NEAR(all[2].stats.z, std::log(64.0 / 55) / std::sqrt(1.5), 1e-12);

  options.top = 1;
  EXPECT_EQ(counter.rank(options).codes.at(0).phrases.size(), 1U);
  options.codes = {"denial"};
  EXPECT_TRUE(counter.rank(options).codes.empty());
  options.min_gold_turns = 1;
  EXPECT_EQ(counter.rank(options).codes.at(0).code, "denial");
}

TEST(PhraseCounter, ShowsTheMostFrequentSpellingAndCountsMarkersOnPatientTurnsOnly) {
  const Tagger tagger = test::tagger_from(progress_pack);
  const FileReport report =
      build_report(test::transcript("P: I don't know.\nT: What do you know?\nP: I don't know.\n"
                                    "P: i dont know\nP: Yes.\n"),
                   tagger);
  PhraseCounter counter(tagger.shared_pack());
  // a marker on a therapist turn does not count
  counter.add(report,
              {{"minimal-response"}, {"minimal-response"}, {"minimal-response"}, {"minimal-response"}, {}});
  SuggestOptions options;
  options.min_gold_turns = 3;
  const PackPhrases ranked = counter.rank(options);
  ASSERT_EQ(ranked.codes.size(), 1U);
  EXPECT_EQ(ranked.codes[0].gold_turns, 3U);
  ASSERT_FALSE(ranked.codes[0].phrases.empty());
  EXPECT_EQ(ranked.codes[0].phrases[0].text, "i don't know");  // 2 of 3 spell it so
  EXPECT_EQ(ranked.codes[0].phrases[0].in, 3U);
  EXPECT_EQ(ranked.codes[0].phrases[0].out, 0U);
}

}  // namespace
}  // namespace ruptag
