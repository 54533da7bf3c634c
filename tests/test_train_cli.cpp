// `ruptag rules train` end to end on tests/data/suggest (three short sessions whose five
// complaint-therapist turns say "talk down to me", which no rule of packs/basic knows),
// and the trained model used by `tag` and `eval` through a pack folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "cli_support.hpp"

namespace ruptag {
namespace {

using nlohmann::json;
using test::quote;
using test::read_text;
using test::run_ruptag;
using test::TempDir;

// The value of `key` in each line of the JSON Lines `out`, in order.
template <typename T>
std::vector<T> each_line(const std::string& out, const char* key) {
  std::vector<T> values;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) values.push_back(json::parse(line)[key].get<T>());
  return values;
}

const char* const train =
    "rules train --rules packs/basic --gold suggest/gold.csv --min-count 2 --prune 0.01 ";

// A pack folder: packs/basic and the model trained on tests/data/suggest.
void make_pack(const TempDir& dir) {
  const auto r = run_ruptag(std::string(train) + "-o " + quote((dir / "model.yaml").string()) + " suggest/");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::filesystem::copy_file(std::filesystem::path(RUPTAG_TEST_DATA) / "packs/basic/pack.yaml",
                             dir / "pack.yaml");
}

TEST(TrainCli, WritesAModelThePackLoadsAndTheTaggerUses) {
  const TempDir dir;
  make_pack(dir);
  const std::string model = read_text(dir / "model.yaml");
  EXPECT_NE(model.find("# Turn model of the pack 'test-basic', written by `ruptag rules train`"),
            std::string::npos);
  EXPECT_NE(model.find("Trained on 3 sessions, 15 patient turns"), std::string::npos) << model;
  EXPECT_NE(model.find("\n  classes: [minimal-response, complaint-therapist]\n"), std::string::npos) << model;
  EXPECT_NE(model.find("\"b:talk down\": {"), std::string::npos) << model;
  // the same sessions, the same file
  const auto again = run_ruptag(std::string(train) + "suggest/");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, model);

  const auto check = run_ruptag("rules check " + quote(dir.path().string()));
  EXPECT_EQ(check.exit_code, 0) << check.err;
  const std::string session = "T: How are you?\nP: You talk down to me, like always.\nT: Ok.\nP: Sure.\n";
  const auto tagged = run_ruptag("tag --format jsonl --rules " + quote(dir.path().string()) + " -", session);
  ASSERT_EQ(tagged.exit_code, 0) << tagged.err;
  const json finding = json::parse(tagged.out.substr(0, tagged.out.find('\n')));
  EXPECT_EQ(finding["marker"], "complaint-therapist");
  EXPECT_EQ(finding["rule"], "model");
  EXPECT_EQ(finding["line"], 2);
  EXPECT_NE(finding["evidence"].get<std::string>().find("talk down"), std::string::npos) << tagged.out;
  const auto text = run_ruptag("tag --rules " + quote(dir.path().string()) + " -", session);
  EXPECT_NE(text.out.find("why: the turn model gives a rupture"), std::string::npos) << text.out;
  const auto rules_only =
      run_ruptag("tag --no-model --format jsonl --rules " + quote(dir.path().string()) + " -", session);
  EXPECT_EQ(rules_only.out.find("\"rule\":\"model\""), std::string::npos) << rules_only.out;
  // another threshold than the model's own (0.7; the finding above has about 0.93)
  const auto lines_of = [&](const std::string& threshold) {
    const auto r = run_ruptag(
        "tag --model-threshold " + threshold + " --format jsonl --rules " + quote(dir.path().string()) + " -",
        session);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return each_line<int>(r.out, "line");
  };
  EXPECT_EQ(lines_of("0.99"), std::vector<int>{});
  EXPECT_EQ(lines_of("0.05"), (std::vector<int>{2, 4}));  // "Sure." too, at about 0.4
  const auto both = run_ruptag(
      "tag --no-model --model-threshold 0.5 --rules " + quote(dir.path().string()) + " -", session);
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("--no-model excludes --model-threshold"), std::string::npos) << both.err;
  // a veto: a rule's finding goes where the model gives a rupture below it
  const std::string rule_found = "T: How are you?\nP: You don't listen.\nT: Ok.\n";
  const auto rules_of = [&](const std::string& options) {
    const auto r = run_ruptag(
        "tag " + options + " --format jsonl --rules " + quote(dir.path().string()) + " -", rule_found);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return each_line<std::string>(r.out, "rule");
  };
  const std::vector<std::string> listen{"complaint-therapist.listen"};
  EXPECT_EQ(rules_of(""), listen);  // the model has no veto of its own
  EXPECT_EQ(rules_of("--model-veto 0"), listen);
  EXPECT_EQ(rules_of("--model-veto 0.98"), std::vector<std::string>{});
  EXPECT_EQ(rules_of("--no-model"), listen);
  const auto veto_and_no_model =
      run_ruptag("tag --no-model --model-veto 0.5 --rules " + quote(dir.path().string()) + " -", rule_found);
  EXPECT_EQ(veto_and_no_model.exit_code, 2);
  EXPECT_EQ(
      run_ruptag("tag --model-veto 1.5 --rules " + quote(dir.path().string()) + " -", rule_found).exit_code,
      2);
}

TEST(TrainCli, CrossValidationIsReportedAndKeptInTheHeader) {
  const auto r = run_ruptag(std::string(train) + "--cross-validate 3 suggest/");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("Cross-validated, 3 folds by session"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("rules and model at 0.7"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("# Cross-validated, 3 folds by session"), std::string::npos) << r.out;
}

TEST(TrainCli, AVetoIsWrittenIntoTheModelAndCrossValidated) {
  const auto r = run_ruptag(std::string(train) + "--veto 0.05 --cross-validate 3 suggest/");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\n  veto: 0.05\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("threshold 0.7, veto 0.05 over 0 rules (fired on 5 turns or more, right on less than "
                       "0.9), min-count 2"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\n  veto_rules: []\n"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("with the veto, at 0.7"), std::string::npos) << r.err;
  const auto above = run_ruptag(std::string(train) + "--veto 0.8 suggest/");
  EXPECT_EQ(above.exit_code, 2);
  EXPECT_NE(above.err.find("--veto 0.8 is not below --threshold 0.7"), std::string::npos) << above.err;
}

TEST(TrainCli, ThePacksExamplesAreLearntFromWithWithExamples) {
  const auto r = run_ruptag(std::string(train) + "--with-examples suggest/");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("# Trained on 3 sessions and "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" examples of the pack, "), std::string::npos) << r.out;
  const auto without = run_ruptag(std::string(train) + "suggest/");
  EXPECT_NE(r.out, without.out);
}

TEST(TrainCli, NoGoldMarkerNoModel) {
  const TempDir dir;
  { std::ofstream(dir / "gold.csv") << "file,line,code\ns1.txt,5,focus-relationship\n"; }
  const auto r = run_ruptag("rules train --rules packs/basic --gold " + quote((dir / "gold.csv").string()) +
                            " -o " + quote((dir / "model.yaml").string()) + " suggest/s1.txt");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no patient turn of the sessions has a gold marker"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "model.yaml"));
}

}  // namespace
}  // namespace ruptag
