// `ruptag eval` and `ruptag tag --format gold` as a researcher meets them.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"

namespace ruptag {
namespace {

using nlohmann::json;
using test::quote;
using test::read_text;
using test::run_ruptag;
using test::TempDir;

// transcripts/basic.txt: turns on lines 3 T, 4 P "Dunno.", 5 T, 6-7 P "You don't listen.",
// 8 T, 9 P "No."; the basic pack finds minimal-response (4), focus-relationship (5) and
// complaint-therapist (6).
const char* const basic = "--rules packs/basic ";

std::string write(const TempDir& dir, const std::string& name, const std::string& content) {
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

const json& row(const json& rows, const std::string& code) {
  for (const auto& r : rows) {
    if (r["code"] == code) return r;
  }
  throw std::runtime_error("no row " + code);
}

TEST(EvalCli, TablesAgainstTheTool) {
  const TempDir dir;
  const std::string gold = write(dir, "gold.csv",
                                 "file,line,code\r\n"
                                 "basic.txt,4,minimal-response\r\n"
                                 "transcripts/basic.txt,6,complaint-therapist\r\n"
                                 "basic.txt,9,minimal-response\r\n"  // the tool misses it
                                 "basic.txt,7,denial\r\n"            // inside the turn of line 6
                                 "basic.txt,5,denial\r\n");          // a therapist turn
  const auto r = run_ruptag(std::string("eval ") + basic + "--format json --gold " + quote(gold) +
                            " transcripts/basic.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(
      r.err.find("gold.csv:5: line 7 of transcripts/basic.txt is inside the turn that starts on line 6"),
      std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("gold.csv:6: 'denial' is a marker (patient) but line 5"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("gold.csv: 2 of 5 rows dropped"), std::string::npos) << r.err;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["compared"], "ruptag");
  EXPECT_EQ(doc["gold_rows_dropped"], 2);
  EXPECT_EQ(doc["sessions"], 1);
  EXPECT_EQ(doc["patient_turns"], 3);
  // patient turns 4, 6, 9: both code 4 and 6, only the gold 9.
  // kappa: po = 2/3, pe = 2/3 x 1 + 1/3 x 0 = 2/3, so 0;
  // AC1: pi = (2/3 + 1) / 2 = 5/6, pe = 2 x 5/6 x 1/6 = 5/18, (2/3 - 5/18) / (13/18) = 7/13.
  const json& any = doc["turn_level"][0];
  EXPECT_EQ(any["code"], "any");
  EXPECT_EQ(any["tp"], 2);
  EXPECT_EQ(any["fp"], 0);
  EXPECT_EQ(any["fn"], 1);
  EXPECT_EQ(any["tn"], 0);
  EXPECT_DOUBLE_EQ(any["precision"].get<double>(), 1.0);
  EXPECT_NEAR(any["recall"].get<double>(), 2.0 / 3, 1e-12);
  EXPECT_NEAR(any["f1"].get<double>(), 0.8, 1e-12);
  EXPECT_NEAR(any["kappa"].get<double>(), 0.0, 1e-12);
  EXPECT_NEAR(any["ac1"].get<double>(), 7.0 / 13, 1e-12);
  // therapist turns 3, 5, 8: only the tool codes a repair (5)
  const json& repair = row(doc["turn_level"], "repair");
  EXPECT_EQ(repair["fp"], 1);
  EXPECT_EQ(repair["tn"], 2);
  EXPECT_EQ(doc["turn_level"].size(), 26U);
  EXPECT_EQ(doc["segment_level"].size(), 26U);
  ASSERT_EQ(doc["session_level"].size(), 26U);
  const json& session = row(doc["session_level"], "minimal-response");
  EXPECT_EQ(session["gold"], 2);
  EXPECT_EQ(session["compared"], 1);
  EXPECT_TRUE(session.contains("spearman"));
  EXPECT_TRUE(session.contains("icc"));
  EXPECT_FALSE(doc.contains("by_file"));
}

TEST(EvalCli, TheToolsOwnGoldCodesAgreeFully) {
  const TempDir dir;
  const auto tagged = run_ruptag(std::string("tag ") + basic + "--format gold transcripts/basic.txt");
  ASSERT_EQ(tagged.exit_code, 0) << tagged.err;
  EXPECT_EQ(tagged.out,
            "file,line,code\r\n"
            "transcripts/basic.txt,4,minimal-response\r\n"
            "transcripts/basic.txt,5,focus-relationship\r\n"
            "transcripts/basic.txt,6,complaint-therapist\r\n");
  const std::string gold = write(dir, "tool.csv", tagged.out);
  const auto r = run_ruptag(std::string("eval ") + basic + "--format json --gold " + quote(gold) +
                            " transcripts/basic.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  const json doc = json::parse(r.out);
  for (const char* level : {"turn_level", "segment_level"}) {
    for (const auto& x : doc[level]) {
      EXPECT_EQ(x["fp"], 0) << x.dump();
      EXPECT_EQ(x["fn"], 0) << x.dump();
      EXPECT_EQ(x["kappa"], 1.0) << x.dump();
    }
  }
}

TEST(EvalCli, GoldFormatKeepsTheHeaderToTheFirstShard) {
  const auto r = run_ruptag(std::string("tag ") + basic +
                            "--format gold --shard 2/2 transcripts/redact.txt transcripts/basic.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("file,line,code"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.rfind("transcripts/basic.txt,4,minimal-response\r\n", 0), 0U) << r.out;
}

TEST(EvalCli, TwoCodersWithoutTagging) {
  const TempDir dir;
  const std::string a = write(dir, "a.csv",
                              "file,line,code\n"
                              "basic.txt,4,minimal-response\n"
                              "basic.txt,6,complaint-therapist\n");
  const std::string b = write(dir, "b.csv",
                              "\xEF\xBB\xBF"
                              "code,file,line\n"
                              "complaint-therapist,basic.txt,6\n"
                              "pressure-control,basic.txt,6\n"
                              "focus-relationship,basic.txt,5\n"
                              "give-rationale,basic.txt,5\n");
  // an invalid --rules pack is never loaded: --vs does not tag
  const auto r = run_ruptag("eval --rules packs/invalid --format json --gold " + quote(a) + " --vs " +
                            quote(b) + " transcripts/basic.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["compared"], b);
  EXPECT_EQ(doc["compared_rows_dropped"], 0);
  EXPECT_EQ(row(doc["turn_level"], "any")["tp"], 1);  // line 6
  EXPECT_EQ(row(doc["turn_level"], "any")["fn"], 1);  // line 4
  EXPECT_EQ(row(doc["turn_level"], "pressure-control")["fp"], 1);
  EXPECT_EQ(row(doc["turn_level"], "repair")["fp"], 1);  // one therapist turn, two codes
  EXPECT_EQ(row(doc["session_level"], "repair")["compared"], 2);
}

TEST(EvalCli, CsvAndByFile) {
  const TempDir dir;
  const std::string gold = write(dir, "gold.csv", "file,line,code\nbasic.txt,4,minimal-response\n");
  const auto r = run_ruptag(std::string("eval ") + basic + "--format csv --by-file --gold " + quote(gold) +
                            " transcripts/basic.txt transcripts/redact.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(
      r.out.rfind("level,file,code,units,tp,fp,fn,tn,precision,recall,f1,kappa,ac1,gold,compared,spearman,"
                  "icc\r\nturn,,any,",
                  0),
      0U)
      << r.out;
  EXPECT_NE(r.out.find("\r\nsession,,any,2,"), std::string::npos);
  EXPECT_NE(r.out.find("\r\nturn,transcripts/basic.txt,any,3,1,1,0,1,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\r\nsegment,transcripts/redact.txt,any,"), std::string::npos);
  EXPECT_NE(r.out.find("\r\nsession,transcripts/basic.txt,minimal-response,1,,,,,,,,,,1,1,,\r\n"),
            std::string::npos);
  // 3 levels x 26 rows in total, and again per file
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1 + 3 * 26 * 3);
}

TEST(EvalCli, TextTablesToAFile) {
  const TempDir dir;
  const std::string gold = write(dir, "gold.csv", "file,line,code\nbasic.txt,4,minimal-response\n");
  const std::string out = (dir / "agreement.txt").string();
  const auto r = run_ruptag(std::string("eval ") + basic + "-o " + quote(out) + " --gold " + quote(gold) +
                            " transcripts/basic.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  const std::string text = read_text(out);
  EXPECT_NE(text.find("Agreement of ruptag with the gold codes of " + gold), std::string::npos) << text;
  EXPECT_NE(text.find("1 session, 3 patient turns, 3 therapist turns"), std::string::npos) << text;
  EXPECT_NE(text.find("Turn level"), std::string::npos);
  EXPECT_NE(text.find("Segment level"), std::string::npos);
  EXPECT_NE(text.find("Session level"), std::string::npos);
}

// One gold file for a whole study, evaluated part by part: the rows of sessions not given
// are said once, with a count and the first of them, and are not dropped rows.
TEST(EvalCli, RowsOfSessionsNotGivenAreSaidOnce) {
  const TempDir dir;
  std::string rows = "file,line,code\nbasic.txt,4,minimal-response\n";
  for (int i = 0; i < 40; ++i) rows += fmt::format("other{}.txt,{},denial\n", i % 7, 2 + i);
  rows += "basic.txt,4,no-such-code\n";
  const std::string gold = write(dir, "gold.csv", rows);
  const auto r = run_ruptag(std::string("eval ") + basic + "--format json --gold " + quote(gold) +
                            " transcripts/basic.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("gold.csv: 40 rows code 7 sessions not among the transcripts (the first, line 3: "
                       "'other0.txt'); they are not used"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("gold.csv:4:"), std::string::npos) << "one line per row: " << r.err;
  EXPECT_NE(r.err.find("gold.csv:43: unknown code 'no-such-code'"), std::string::npos) << r.err;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["gold_rows_dropped"], 1);  // only the row that is wrong in itself
}

TEST(EvalCli, AmbiguousBaseNameIsABadRow) {
  const TempDir dir;
  std::filesystem::create_directories(dir / "one");
  std::filesystem::create_directories(dir / "two");
  const std::string session = read_text(std::string(RUPTAG_TEST_DATA) + "/transcripts/basic.txt");
  const std::string one = write(dir, "one/s.txt", session);
  const std::string two = write(dir, "two/s.txt", session);
  const std::string gold =
      write(dir, "gold.csv", "file,line,code\ns.txt,4,minimal-response\n" + one + ",4,denial\n");
  const auto r = run_ruptag(std::string("eval ") + basic + "--format json --gold " + quote(gold) + " " +
                            quote(one) + " " + quote(two));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("gold.csv:2: 's.txt' is ambiguous: " + one + " and " + two), std::string::npos)
      << r.err;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["gold_rows_dropped"], 1);
  EXPECT_EQ(row(doc["turn_level"], "denial")["fn"], 1);  // the exact path still counts
}

// The basic pack with a weaker second rule of minimal-response ("dunno", behind the short
// answer rule) and a rule that never fires.
const char* const by_rule_pack = R"(pack: {id: test-by-rule, language: en, version: "1", name: By rule}
questions: {open: [what, how], closed: [do you]}
conditions:
  open-question: {question: open}
  collaboration: {words: {min: 6}}
markers:
  - id: minimal-response
    name: Minimal response
    description: m
    rules:
      - {id: minimal-response.short, words: {max: 2}, after: open-question}
      - {id: minimal-response.dunno, terms: [dunno], weight: 0.5}
  - id: complaint-therapist
    name: Complaint
    description: c
    rules:
      - {id: complaint-therapist.listen, terms: ["you don't listen", "you never listen"]}
      - {id: complaint-therapist.unused, terms: [xyzzy]}
interventions:
  - id: focus-relationship
    name: Focus
    description: f
    rules:
      - {id: focus-relationship.between-us, terms: [between us]}
)";

TEST(EvalCli, ByRule) {
  const TempDir dir;
  std::filesystem::create_directories(dir / "pack");
  write(dir, "pack/pack.yaml", by_rule_pack);
  // basic.txt: line 4 "Dunno." (both minimal-response rules), 5 "between us", 6 "You
  // don't listen"; redact.txt: line 2 "Dunno.", 3 "between us", 4 "You never listen".
  const std::string gold = write(dir, "gold.csv",
                                 "file,line,code\n"
                                 "basic.txt,4,minimal-response\n"
                                 "basic.txt,6,pressure-control\n"  // the right moment, the wrong code
                                 "redact.txt,2,denial\n"
                                 "redact.txt,3,focus-relationship\n"
                                 "redact.txt,4,complaint-therapist\n");
  const std::string args = "eval --by-rule --rules " + quote((dir / "pack").string()) + " --gold " +
                           quote(gold) + " transcripts/basic.txt transcripts/redact.txt";
  auto r = run_ruptag(args + " --format json --by-file");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(r.out);
  const json& rules = doc["by_rule"];
  ASSERT_EQ(rules.size(), 5U);  // every rule of the pack, also the one that never fired
  std::vector<std::string> order;
  for (const auto& x : rules) order.push_back(x["rule"]);
  // fp 1 each (by id), then fp 0 (by id)
  EXPECT_EQ(order, (std::vector<std::string>{"complaint-therapist.listen", "focus-relationship.between-us",
                                             "minimal-response.dunno", "minimal-response.short",
                                             "complaint-therapist.unused"}));
  EXPECT_EQ(rules[0], json::parse(R"({"pack": "test-by-rule", "rule": "complaint-therapist.listen",
      "code": "complaint-therapist", "fired": 2, "tp": 1, "fp": 1, "other_code": 1, "uncoded": 0,
      "precision": 0.5, "alone_tp": 1, "alone_fp": 1})"));
  // focus-relationship: line 5 of basic.txt is not coded
  EXPECT_EQ(rules[1]["uncoded"], 1);
  // the weaker rule is judged too: it fired with the short-answer rule on both "Dunno."
  EXPECT_EQ(rules[2]["fired"], 2);
  EXPECT_EQ(rules[2]["tp"], 1);
  EXPECT_EQ(rules[2]["other_code"], 1);  // redact.txt:2 is coded denial
  EXPECT_EQ(rules[2]["alone_tp"], 0);
  EXPECT_EQ(rules[2]["alone_fp"], 0);
  EXPECT_EQ(rules[4]["fired"], 0);
  EXPECT_TRUE(rules[4]["precision"].is_null());
  // per session, only the rules that fired in it
  EXPECT_EQ(doc["by_file"][0]["by_rule"].size(), 4U);
  EXPECT_EQ(doc["by_file"][0]["by_rule"][0]["rule"], "complaint-therapist.listen");
  EXPECT_EQ(doc["by_file"][0]["by_rule"][0]["other_code"], 1);
  // the agreement tables are the same as without --by-rule
  const json plain =
      json::parse(run_ruptag("eval --rules " + quote((dir / "pack").string()) + " --format json --gold " +
                             quote(gold) + " transcripts/basic.txt transcripts/redact.txt")
                      .out);
  EXPECT_EQ(plain["turn_level"], doc["turn_level"]);
  EXPECT_FALSE(plain.contains("by_rule"));

  r = run_ruptag(args + " --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(
      r.out.rfind("level,file,code,units,tp,fp,fn,tn,precision,recall,f1,kappa,ac1,gold,compared,spearman,"
                  "icc,pack,rule,fired,other_code,uncoded,alone_tp,alone_fp\r\nturn,,any,",
                  0),
      0U)
      << r.out;
  EXPECT_NE(r.out.find("\r\nrule,,complaint-therapist,,1,1,,,0.5,,,,,,2,,,test-by-rule,complaint-therapist."
                       "listen,2,1,0,1,1\r\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\r\nrule,,complaint-therapist,,0,0,,,,,,,,,0,,,test-by-rule,complaint-therapist."
                       "unused,0,0,0,0,0\r\n"),
            std::string::npos)
      << r.out;
  // 1 header, 3 levels x 26 rows, 5 rules; every row as wide as the header
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1 + 3 * 26 + 5);
  EXPECT_NE(r.out.find("\r\nturn,,any,5,4,0,0,1,1,1,1,1,1,4,4,,,,,,,,,\r\n"), std::string::npos) << r.out;

  r = run_ruptag(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(
      r.out.find("rule                           fired    tp    fp  other  uncoded  precision  alone tp  "
                 "alone fp\n"
                 "complaint-therapist.listen         2     1     1      1        0      0.500         1  "
                 "       1\n"),
      std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\nNever fired (1 of 5 rules): complaint-therapist.unused\n"), std::string::npos)
      << r.out;

  r = run_ruptag("eval --by-rule --gold " + quote(gold) + " --vs " + quote(gold) + " transcripts/basic.txt");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--by-rule judges the tool's rules; it cannot be used with --vs"), std::string::npos)
      << r.err;
}

TEST(EvalCli, Exit2) {
  const TempDir dir;
  const std::string gold = write(dir, "gold.csv", "file,line,code\nbasic.txt,4,minimal-response\n");
  const std::string headless = write(dir, "headless.csv", "basic.txt,4,minimal-response\n");

  auto r = run_ruptag(std::string("eval ") + basic + "--gold missing.csv transcripts/basic.txt");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing.csv"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());

  r = run_ruptag(std::string("eval ") + basic + "--gold " + quote(headless) + " transcripts/basic.txt");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("headless.csv:1: the header row must name the columns file, line and code"),
            std::string::npos)
      << r.err;

  r = run_ruptag(std::string("eval ") + basic + "--gold " + quote(gold));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no input"), std::string::npos) << r.err;

  r = run_ruptag(std::string("eval ") + basic + "transcripts/basic.txt");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--gold"), std::string::npos) << r.err;

  // an unreadable transcript: the others are evaluated, its rows are left out, exit 2
  r = run_ruptag(std::string("eval ") + basic + "--format json --gold " + quote(gold) +
                 " transcripts/missing.txt transcripts/basic.txt");
  EXPECT_EQ(r.exit_code, 2);
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["sessions"], 1);
  ASSERT_EQ(doc["errors"].size(), 1U);
  EXPECT_EQ(doc["errors"][0]["path"], "transcripts/missing.txt");
  EXPECT_NE(doc["errors"][0]["error"].get<std::string>().find("cannot open"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace ruptag
