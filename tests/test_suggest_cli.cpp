// `ruptag rules suggest` end to end on tests/data/suggest: three short sessions whose five
// complaint-therapist turns all say "talk down to me" (which no other patient turn says
// and no rule knows) and whose five focus-relationship turns all say "between us right
// now" (which the pack's term "between us" finds).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"

namespace ruptag {
namespace {

using nlohmann::json;
using test::quote;
using test::read_text;
using test::run_ruptag;
using test::TempDir;

const char* const suggest = "rules suggest --rules packs/basic --gold suggest/gold.csv ";

const json& code(const json& pack, const std::string& id) {
  for (const auto& c : pack["codes"]) {
    if (c["code"] == id) return c;
  }
  throw std::runtime_error("no code " + id);
}

TEST(SuggestCli, ThePhraseTheCodersTurnsShareComesFirst) {
  const auto r = run_ruptag(std::string(suggest) + "--format json suggest/");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["gold"], "suggest/gold.csv");
  EXPECT_EQ(doc["gold_rows_dropped"], 0);
  ASSERT_EQ(doc["packs"].size(), 1U);
  const json& pack = doc["packs"][0];
  EXPECT_EQ(pack["pack"], "test-basic");
  EXPECT_EQ(pack["sessions"], 3);
  EXPECT_EQ(pack["patient_turns"], 15);
  EXPECT_EQ(pack["therapist_turns"], 15);
  ASSERT_EQ(pack["codes"].size(), 2U);  // minimal-response has only 2 gold turns
  EXPECT_EQ(pack["too_few"], json::parse(R"([{"code": "minimal-response", "gold_turns": 2}])"));

  const json& complaint = code(pack, "complaint-therapist");
  EXPECT_EQ(complaint["speaker"], "patient");
  EXPECT_EQ(complaint["gold_turns"], 5);
  EXPECT_EQ(complaint["other_turns"], 10);
  const json& first = complaint["ngrams"][0];
  EXPECT_EQ(first["ngram"], "talk down to me");
  EXPECT_EQ(first["words"], 4);
  EXPECT_EQ(first["in"], 5);
  EXPECT_EQ(first["out"], 0);
  EXPECT_EQ(first["matched"], false);  // no rule of complaint-therapist knows it
  EXPECT_EQ(first["found"], 2);        // the tool finds the two that also say "you never listen"
  EXPECT_EQ(first["examples"], json::parse(R"(["suggest/s1.txt:4", "suggest/s1.txt:10"])"));
  EXPECT_GT(first["z"].get<double>(), complaint["ngrams"][1]["z"].get<double>());
  // its parts ("talk down", "down to me", "down") are in exactly the same turns: left out
  for (const auto& g : complaint["ngrams"]) {
    EXPECT_NE(g["ngram"], "down to me");
    EXPECT_NE(g["ngram"], "down");
    EXPECT_GT(g["z"].get<double>(), 0.0);
    EXPECT_GE(g["in"].get<int>(), 2);
  }
  EXPECT_LE(complaint["ngrams"].size(), 10U);
  // a term of the code's rule ("you never listen") matches within it
  bool listen = false;
  for (const auto& g : complaint["ngrams"]) {
    if (g["ngram"] != "you never listen") continue;
    listen = true;
    EXPECT_EQ(g["matched"], true);
    EXPECT_EQ(g["in"], 2);
    EXPECT_EQ(g["found"], 2);
  }
  EXPECT_TRUE(listen) << complaint.dump(1);

  const json& focus = code(pack, "focus-relationship");
  EXPECT_EQ(focus["speaker"], "therapist");
  const json& repair = focus["ngrams"][0];
  EXPECT_EQ(repair["ngram"], "between us right now");
  EXPECT_EQ(repair["in"], 5);
  EXPECT_EQ(repair["out"], 0);
  EXPECT_EQ(repair["matched"], true);  // the term "between us"
  EXPECT_EQ(repair["found"], 5);
  EXPECT_EQ(repair["examples"], json::parse(R"(["suggest/s1.txt:5", "suggest/s1.txt:9"])"));
}

TEST(SuggestCli, TextTable) {
  const auto r = run_ruptag(std::string(suggest) + "suggest/s1.txt suggest/s2.txt suggest/s3.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("== pack test-basic (en): 3 sessions, 15 patient turns, 15 therapist turns\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("complaint-therapist: 5 gold patient turns, 10 other patient turns\n"
                       "       z   in   out  matched   found  n-gram              examples\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(
      r.out.find("    5     0  no          2/5  \"talk down to me\"   suggest/s1.txt:4, suggest/s1.txt:10\n"),
      std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Fewer than 5 gold turns, not ranked: minimal-response (2)\n"), std::string::npos)
      << r.out;
}

TEST(SuggestCli, OptionsAndOutput) {
  const TempDir dir;
  const std::string out = (dir / "suggest.json").string();
  auto r = run_ruptag(std::string(suggest) + "--format json --code complaint-therapist --top 1 -o " +
                      quote(out) + " suggest/");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  json doc = json::parse(read_text(out));
  ASSERT_EQ(doc["packs"][0]["codes"].size(), 1U);
  ASSERT_EQ(doc["packs"][0]["codes"][0]["ngrams"].size(), 1U);
  EXPECT_EQ(doc["packs"][0]["codes"][0]["ngrams"][0]["ngram"], "talk down to me");
  EXPECT_TRUE(doc["packs"][0]["too_few"].empty());

  // n-grams in all five gold turns only
  r = run_ruptag(std::string(suggest) + "--format json --min-count 5 --code focus-relationship suggest/");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  doc = json::parse(r.out);
  for (const auto& g : doc["packs"][0]["codes"][0]["ngrams"]) EXPECT_EQ(g["in"], 5) << g.dump();
  EXPECT_EQ(doc["min_count"], 5);

  // the same bytes on one thread and on several
  EXPECT_EQ(run_ruptag(std::string(suggest) + "-j 1 suggest/").out,
            run_ruptag(std::string(suggest) + "-j 3 suggest/").out);

  r = run_ruptag(std::string(suggest) + "--code complaint suggest/");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("'complaint' is not an id of MARKERS.md"), std::string::npos) << r.err;

  r = run_ruptag("rules suggest --rules packs/basic --gold missing.csv suggest/");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing.csv"), std::string::npos) << r.err;

  r = run_ruptag("rules suggest --rules packs/basic suggest/");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--gold"), std::string::npos) << r.err;

  r = run_ruptag("rules suggest --rules packs/invalid --gold suggest/gold.csv suggest/");
  EXPECT_EQ(r.exit_code, 3);

  // an unreadable transcript: the others are ranked, its rows are left out, exit 2
  r = run_ruptag(std::string(suggest) + "--format json suggest/ suggest/missing.txt");
  EXPECT_EQ(r.exit_code, 2);
  doc = json::parse(r.out);
  ASSERT_EQ(doc["errors"].size(), 1U);
  EXPECT_EQ(doc["errors"][0]["path"], "suggest/missing.txt");
  EXPECT_EQ(doc["packs"][0]["sessions"], 3);
}

}  // namespace
}  // namespace ruptag
