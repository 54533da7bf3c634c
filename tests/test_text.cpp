#include <gtest/gtest.h>

#include "ruptag/encoding.hpp"
#include "ruptag/text.hpp"

namespace ruptag {
namespace {

std::vector<std::string> words(std::string_view text, NormalizeOptions options = {}) {
  const TokenizedText t = tokenize(text, options);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < t.tokens.size(); ++i) out.emplace_back(t.normalized(i));
  return out;
}

TEST(Normalize, CaseAndDiacriticsFoldAlike) {
  const std::string composed = "clie\xCC\x88nt";  // e + combining diaeresis
  EXPECT_EQ(words("cliënt"), std::vector<std::string>{"client"});
  EXPECT_EQ(words(composed), std::vector<std::string>{"client"});
  EXPECT_EQ(words("CLIËNT"), std::vector<std::string>{"client"});
}

TEST(Normalize, DiacriticsKeptWhenPackAsks) {
  NormalizeOptions keep;
  keep.fold_diacritics = false;
  EXPECT_EQ(words("CLIËNT", keep), std::vector<std::string>{"cliënt"});
  EXPECT_EQ(words("clie\xCC\x88nt", keep), std::vector<std::string>{"cliënt"});
}

TEST(Normalize, CurlyAndStraightApostrophesAlike) {
  EXPECT_EQ(words("I’m fine"), (std::vector<std::string>{"i'm", "fine"}));
  EXPECT_EQ(words("I'm fine"), (std::vector<std::string>{"i'm", "fine"}));
  EXPECT_EQ(words("don`t"), std::vector<std::string>{"don't"});
}

TEST(Tokenize, DutchContractionsAreSingleTokens) {
  EXPECT_EQ(words("Ik heb 't gedaan, m'n moeder en z'n vader"),
            (std::vector<std::string>{"ik", "heb", "'t", "gedaan", "m'n", "moeder", "en", "z'n", "vader"}));
  EXPECT_EQ(words("'s ochtends"), (std::vector<std::string>{"'s", "ochtends"}));
}

TEST(Tokenize, QuotedWordIsNotAContraction) {
  EXPECT_EQ(words("he said 'ok' then"), (std::vector<std::string>{"he", "said", "ok", "then"}));
}

TEST(Tokenize, HyphenatedWordsAndNumbers) {
  EXPECT_EQ(words("my ex-partner paid 1.50 euro"),
            (std::vector<std::string>{"my", "ex-partner", "paid", "1.50", "euro"}));
  EXPECT_EQ(words("well - no"), (std::vector<std::string>{"well", "no"}));
}

TEST(Tokenize, OffsetsPointIntoTheSource) {
  const std::string text = "Ja, CLIËNT zei: nee.";
  const TokenizedText t = tokenize(text);
  ASSERT_EQ(t.tokens.size(), 4U);
  EXPECT_EQ(text.substr(t.tokens[1].begin, t.tokens[1].end - t.tokens[1].begin), "CLIËNT");
  EXPECT_EQ(t.normalized(1), "client");
}

TEST(Tokenize, SentencesAndTheirTerminators) {
  const TokenizedText t = tokenize("Fine. Really?! Well... ok");
  ASSERT_EQ(t.sentences.size(), 4U);
  EXPECT_EQ(t.sentences[0].terminator, '.');
  EXPECT_EQ(t.sentences[1].terminator, '?');
  EXPECT_EQ(t.sentences[2].terminator, '.');
  EXPECT_EQ(t.sentences[3].terminator, 0);
  EXPECT_EQ(t.tokens[3].sentence, 3U);
}

TEST(Tokenize, CompatibilityFormsFold) {
  EXPECT_EQ(words("ﬁne"), std::vector<std::string>{"fine"});  // ligature
}

TEST(Encoding, FindsInvalidUtf8) {
  EXPECT_EQ(find_invalid_utf8("plain ascii"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("cli\xC3\xABnt"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("cli\xEBnt"), 3U);
  EXPECT_EQ(find_invalid_utf8("\xC0\xAF"), 0U);      // overlong
  EXPECT_EQ(find_invalid_utf8("\xED\xA0\x80"), 0U);  // surrogate
  EXPECT_EQ(find_invalid_utf8("ok\xE2\x82"), 2U);    // truncated
}

TEST(Encoding, Windows1252Decodes) {
  EXPECT_EQ(windows1252_to_utf8("cli\xEBnt \x93quote\x94 \x80"), "cliënt “quote” €");
  EXPECT_EQ(windows1252_to_utf8("\x81"), "\xEF\xBF\xBD");
}

}  // namespace
}  // namespace ruptag
