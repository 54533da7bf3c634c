// Reading gold codes: CSV as spreadsheets write it, and rows matched to transcripts and turns.
#include <gtest/gtest.h>

#include "ruptag/error.hpp"
#include "ruptag/gold.hpp"
#include "test_support.hpp"

namespace ruptag {
namespace {

std::vector<std::string> messages(const std::vector<GoldProblem>& problems) {
  std::vector<std::string> out;
  out.reserve(problems.size());
  for (const auto& p : problems) out.push_back(to_string(p.where) + ": " + p.message);
  return out;
}

TEST(Csv, QuotingLineEndsAndBom) {
  const auto records = parse_csv(
      "\xEF\xBB\xBF"
      "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n\r\n\"two\nlines\",z\nlast,");
  ASSERT_EQ(records.size(), 4U);
  EXPECT_EQ(records[0].fields, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(records[1].fields, (std::vector<std::string>{"x,y", "say \"hi\""}));
  EXPECT_EQ(records[1].line, 2U);
  EXPECT_EQ(records[2].fields, (std::vector<std::string>{"two\nlines", "z"}));
  EXPECT_EQ(records[2].line, 4U);  // line 3 is blank
  EXPECT_EQ(records[3].fields, (std::vector<std::string>{"last", ""}));
  EXPECT_EQ(records[3].line, 6U);  // the quoted line break moved it down
  for (const auto& r : records) EXPECT_TRUE(r.error.empty()) << r.error;
}

TEST(Csv, MalformedRecordsCarryAnError) {
  const auto records = parse_csv("\"ab\"c,d\n\"open");
  ASSERT_EQ(records.size(), 2U);
  EXPECT_EQ(records[0].error, "text after the closing quote of a field");
  EXPECT_EQ(records[1].error, "a quoted field is not closed");
}

TEST(Gold, RowsAndProblemsWithTheirLines) {
  const GoldFile gold = parse_gold(
      "File, Line ,code,note\n"
      "a.txt,4,minimal-response,\"curt, after an open question\"\n"
      "a.txt,x,denial,\n"
      "a.txt,5,not-an-id,\n"
      "a.txt,0,denial,\n"
      ",5,denial,\n"
      "b.txt,7\n"
      "dir/b.txt, 9 , focus-relationship ,\n",
      "gold.csv");
  ASSERT_EQ(gold.rows.size(), 2U);
  EXPECT_EQ(gold.rows[0].row, 2U);
  EXPECT_EQ(gold.rows[0].file, "a.txt");
  EXPECT_EQ(gold.rows[0].turn_line, 4U);
  EXPECT_EQ(gold.rows[0].code, "minimal-response");
  EXPECT_EQ(gold.rows[1].file, "dir/b.txt");
  EXPECT_EQ(gold.rows[1].turn_line, 9U);
  EXPECT_EQ(gold.rows[1].code, "focus-relationship");
  EXPECT_EQ(
      messages(gold.problems),
      (std::vector<std::string>{
          "gold.csv:3: line 'x' is not a line number (a whole number from 1)",
          "gold.csv:4: unknown code 'not-an-id': not an id of MARKERS.md (`ruptag rules list` shows them)",
          "gold.csv:5: line '0' is not a line number (a whole number from 1)",
          "gold.csv:6: the file is empty",
          "gold.csv:7: 2 fields, but the header has 4",
      }));
}

TEST(Gold, HeaderIsRequired) {
  try {
    parse_gold("a.txt,4,denial\n", "g.csv");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::input);
    EXPECT_STREQ(e.what(),
                 "g.csv:1: the header row must name the columns file, line and code; it has: a.txt,4,denial");
  }
  EXPECT_THROW(parse_gold("", "g.csv"), Error);
  EXPECT_THROW(parse_gold("\xEF\xBB\xBF\r\n", "g.csv"), Error);
  EXPECT_NO_THROW(
      parse_gold("\xEF\xBB\xBF"
                 "file,line,code\r\n",
                 "g.csv"));
}

TEST(Gold, MatchesInputsByPathOrBaseName) {
  const GoldFile gold = parse_gold(
      "file,line,code\n"
      "x/a.txt,1,denial\n"      // exact path
      "a.txt,2,denial\n"        // base name of x/a.txt
      "other/a.txt,3,denial\n"  // not given: matched by its base name
      "c.txt,4,denial\n"        // two inputs are called c.txt
      "y/c.txt,5,denial\n"      // but this path is exact
      "missing.txt,6,denial\n",
      "g.csv");
  const GoldByInput matched = match_inputs(gold, {"x/a.txt", "y/c.txt", "z/c.txt"});
  ASSERT_EQ(matched.rows.size(), 3U);
  ASSERT_EQ(matched.rows[0].size(), 3U);
  EXPECT_EQ(matched.rows[0][2].turn_line, 3U);
  ASSERT_EQ(matched.rows[1].size(), 1U);
  EXPECT_EQ(matched.rows[1][0].turn_line, 5U);
  EXPECT_TRUE(matched.rows[2].empty());
  EXPECT_EQ(messages(matched.problems),
            (std::vector<std::string>{
                std::string("g.csv:5: 'c.txt' is ambiguous: y/c.txt and z/c.txt have that name; ") +
                    "give the path as on the command line",
            }));
  ASSERT_EQ(matched.elsewhere.size(), 1U);  // codes a session that was not given
  EXPECT_EQ(matched.elsewhere[0].file, "missing.txt");
  EXPECT_EQ(matched.elsewhere[0].row, 7U);
}

TEST(Gold, AssignsRowsToTurns) {
  const Transcript t = test::transcript(
      "Header line\n"                     // 1
      "T: How was the week?\n"            // 2
      "P: Fine.\n"                        // 3
      "It was fine, really.\n"            // 4
      "T: It sounds like it was hard.\n"  // 5
      "P: Whatever.\n");                  // 6
  const GoldFile gold = parse_gold(
      "file,line,code\n"
      "t.txt,3,minimal-response\n"
      "t.txt,3,denial\n"
      "t.txt,4,denial\n"  // inside the turn of line 3
      "t.txt,1,denial\n"  // the header
      "t.txt,9,denial\n"  // past the end
      "t.txt,5,invite-feelings\n"
      "t.txt,5,denial\n"              // a marker on a therapist turn
      "t.txt,6,focus-relationship\n"  // a repair on a patient turn
      "t.txt,3,denial\n",             // again
      "g.csv");
  std::vector<GoldProblem> problems;
  const TurnCodes codes = assign_to_turns(gold.rows, t, "g.csv", problems);
  ASSERT_EQ(codes.size(), 4U);
  EXPECT_TRUE(codes[0].empty());
  EXPECT_EQ(codes[1], (std::vector<std::string>{"denial", "minimal-response"}));
  EXPECT_EQ(codes[2], (std::vector<std::string>{"invite-feelings"}));
  EXPECT_TRUE(codes[3].empty());
  EXPECT_EQ(
      messages(problems),
      (std::vector<std::string>{
          "g.csv:4: line 4 of t.txt is inside the turn that starts on line 3, not the start of a turn",
          "g.csv:5: no turn of t.txt starts on line 1",
          "g.csv:6: no turn of t.txt starts on line 9",
          "g.csv:8: 'denial' is a marker (patient) but line 5 of t.txt is a therapist turn",
          std::string("g.csv:9: 'focus-relationship' is a repair intervention (therapist) but line 6 of ") +
              "t.txt is a patient turn",
          "g.csv:10: repeats 'denial' on line 3 of t.txt (already on row 3)",
      }));
}

}  // namespace
}  // namespace ruptag
