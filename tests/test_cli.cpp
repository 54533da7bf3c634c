// The command line as a user meets it: the JSON contract and every exit code.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"

namespace ruptag {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
using test::quote;
using test::run_ruptag;
using test::run_ruptag_command;

const std::string basic = "--rules packs/basic ";

TEST(Cli, JsonContract) {
  const auto r = run_ruptag("tag " + basic + "--format json transcripts/basic.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["schema"], 1);
  ASSERT_EQ(doc["files"].size(), 1U);
  const json& file = doc["files"][0];
  EXPECT_EQ(file["path"], "transcripts/basic.txt");
  EXPECT_EQ(file["language"], "en");
  const json& findings = file["findings"];
  ASSERT_EQ(findings.size(), 3U) << findings.dump(2);

  const json& minimal = findings[0];
  EXPECT_EQ(minimal["marker"], "minimal-response");
  EXPECT_EQ(minimal["category"], "withdrawal");
  EXPECT_EQ(minimal["line"], 4);
  EXPECT_EQ(minimal["turn"], 1);
  EXPECT_EQ(minimal["speaker"], "patient");
  EXPECT_EQ(minimal["time"], 9.0);
  EXPECT_EQ(minimal["rule"], "minimal-response.short");
  EXPECT_EQ(minimal["evidence"], "Dunno");
  EXPECT_EQ(minimal["text"], "Dunno.");

  const json& repair = findings[1];
  EXPECT_EQ(repair["marker"], "focus-relationship");
  EXPECT_EQ(repair["category"], "repair");
  EXPECT_EQ(repair["speaker"], "therapist");
  EXPECT_EQ(repair["line"], 5);
  EXPECT_EQ(repair["evidence"], "we both feel … between us");

  const json& complaint = findings[2];
  EXPECT_EQ(complaint["marker"], "complaint-therapist");
  EXPECT_EQ(complaint["category"], "confrontation");
  EXPECT_EQ(complaint["line"], 6);
  EXPECT_EQ(complaint["text"], "You don't listen.\nI said that before.");
  // "No." after a closed question is not a minimal response
  for (const auto& f : findings) EXPECT_NE(f["line"], 9);
}

TEST(Cli, TimeIsNullWithoutTimestamps) {
  const auto r = run_ruptag("tag " + basic + "--format json -", "T: What now?\nP: Nothing.\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["files"][0]["path"], "<stdin>");
  ASSERT_EQ(doc["files"][0]["findings"].size(), 1U);
  EXPECT_TRUE(doc["files"][0]["findings"][0]["time"].is_null());
}

TEST(Cli, MissingFileExits2AndTheOthersAreStillReported) {
  const auto r = run_ruptag("tag " + basic + "--format json transcripts/missing.txt transcripts/basic.txt");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("transcripts/missing.txt"), std::string::npos) << r.err;
  const json doc = json::parse(r.out);
  ASSERT_EQ(doc["files"].size(), 1U);
  EXPECT_EQ(doc["files"][0]["path"], "transcripts/basic.txt");
  ASSERT_EQ(doc["errors"].size(), 1U);
  EXPECT_EQ(doc["errors"][0]["path"], "transcripts/missing.txt");
}

TEST(Cli, FileWithoutTurnsExits2NamingTheLabels) {
  const auto r = run_ruptag("tag " + basic + "transcripts/no-turns.txt");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("transcripts/no-turns.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Therapist"), std::string::npos) << r.err;
}

TEST(Cli, Windows1252WarnsOrFailsWithStrict) {
  const auto lenient = run_ruptag("tag " + basic + "transcripts/cp1252.txt");
  EXPECT_EQ(lenient.exit_code, 0);
  EXPECT_NE(lenient.err.find("warning: transcripts/cp1252.txt"), std::string::npos) << lenient.err;
  const auto strict = run_ruptag("tag " + basic + "--strict transcripts/cp1252.txt");
  EXPECT_EQ(strict.exit_code, 2);
  EXPECT_NE(strict.err.find("transcripts/cp1252.txt:1"), std::string::npos) << strict.err;
}

TEST(Cli, InvalidPackExits3AndWritesNothing) {
  const test::TempDir dir;
  const auto target = dir / "out.json";
  const auto r = run_ruptag("tag --rules packs/invalid --format json -o " + quote(target.string()) +
                            " transcripts/basic.txt");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(r.out.empty());
  EXPECT_FALSE(std::filesystem::exists(target));
  EXPECT_NE(r.err.find("packs/invalid/pack.yaml:8:16"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("unknown key 'wieght'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("did you mean 'weight'?"), std::string::npos) << r.err;
}

TEST(Cli, RulesCheckReportsEveryProblem) {
  const auto bad = run_ruptag("rules check packs/invalid");
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_NE(bad.err.find("is not valid RE2"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("unknown key 'wieght'"), std::string::npos) << bad.err;
  const auto good = run_ruptag("rules check packs/basic");
  EXPECT_EQ(good.exit_code, 0) << good.err;
  EXPECT_NE(good.out.find("valid pack test-basic"), std::string::npos);
}

TEST(Cli, RulesTestPassesAndFails) {
  const auto pass = run_ruptag("rules test --rules packs/basic");
  EXPECT_EQ(pass.exit_code, 0) << pass.out;
  EXPECT_NE(pass.out.find("3 rules, 16 examples, 0 failed"), std::string::npos) << pass.out;

  const test::TempDir dir;
  std::filesystem::copy(std::filesystem::path(RUPTAG_TEST_DATA) / "packs/basic", dir.path(),
                        std::filesystem::copy_options::recursive);
  std::string yaml = test::read_text(dir / "pack.yaml");
  const std::string from = "no_match: [\"How do you feel?\"";
  ASSERT_NE(yaml.find(from), std::string::npos);
  yaml.replace(yaml.find(from), from.size(), "no_match: [\"It is between us.\"");
  std::ofstream(dir / "pack.yaml") << yaml;
  const auto fail = run_ruptag("rules test --rules " + quote(dir.path().string()));
  EXPECT_EQ(fail.exit_code, 1);
  EXPECT_NE(fail.out.find("FAIL"), std::string::npos);
  EXPECT_NE(fail.out.find("focus-relationship.between-us: \"It is between us.\" should not match"),
            std::string::npos)
      << fail.out;
}

TEST(Cli, UsageErrorsExit2) {
  EXPECT_EQ(run_ruptag("tag --no-such-option transcripts/basic.txt").exit_code, 2);
  EXPECT_EQ(run_ruptag("tag " + basic + "--format yaml transcripts/basic.txt").exit_code, 2);
  EXPECT_EQ(run_ruptag("").exit_code, 2);
  EXPECT_EQ(run_ruptag("tag --lang xx transcripts/basic.txt").exit_code, 2);
  EXPECT_EQ(run_ruptag("--help").exit_code, 0);
}

TEST(Cli, FolderWithoutTranscriptsAddsNothing) {
  const auto r = run_ruptag("tag " + basic + "--format csv-sessions packs transcripts/basic.txt");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("packs: no file matching"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2);
}

// Inputs that name no transcript at all are an error that says what was searched, and no
// output is written; for eval too.
TEST(Cli, InputsWithoutAnyTranscriptExit2) {
  const test::TempDir dir;
  std::filesystem::create_directories(dir / "empty");
  std::ofstream(dir / "list.txt") << "# nothing listed\n\n";
  const auto out = dir / "out.csv";
  const std::string empty = quote((dir / "empty").string());
  const std::string list = quote((dir / "list.txt").string());
  const struct {
    std::string args;
    std::string says;
  } cases[] = {
      {empty, "empty: no file matching *.txt *.vtt *.srt in this folder or below it (see --glob)"},
      {"--glob '*.zzz' transcripts", "transcripts: no file matching *.zzz"},
      {"--files-from " + list, "list.txt: the list names no file"},
      {empty + " --files-from " + list, "--glob); --files-from "},
  };
  for (const auto& c : cases) {
    const auto r = run_ruptag("tag " + basic + "--format csv -o " + quote(out.string()) + " " + c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_NE(r.err.find("ruptag: no transcript to read: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("warning"), std::string::npos) << "said twice: " << r.err;
    EXPECT_FALSE(std::filesystem::exists(out)) << c.args;
  }
  EXPECT_EQ(run_ruptag("tag --files-from -", "\n").exit_code, 2);
  std::ofstream(dir / "gold.csv") << "file,line,code\nbasic.txt,4,minimal-response\n";
  const auto eval =
      run_ruptag("eval " + basic + "--gold " + quote((dir / "gold.csv").string()) + " " + empty);
  EXPECT_EQ(eval.exit_code, 2);
  EXPECT_NE(eval.err.find("no transcript to read: "), std::string::npos) << eval.err;
}

TEST(Cli, OutputFileIsWrittenWhole) {
  const test::TempDir dir;
  const auto target = dir / "report.json";
  const auto r =
      run_ruptag("tag " + basic + "--format json -o " + quote(target.string()) + " transcripts/basic.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  const json doc = json::parse(test::read_text(target));
  EXPECT_EQ(doc["files"].size(), 1U);
  // no temporary file left behind
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1U);
}

TEST(Cli, BuiltInPacksWorkFromAnyFolder) {
  const auto r = run_ruptag("tag --lang en --format json -", "T: Hello, what brings you here?\nP: Well.\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["files"][0]["language"], "en");
}

TEST(Cli, LanguageIsDetected) {
  const auto nl =
      run_ruptag("tag --format json -",
                 "T: Wat brengt je hier vandaag, en hoe gaat het met je?\nP: Ik weet het niet, het is "
                 "een beetje veel.\n");
  ASSERT_EQ(nl.exit_code, 0) << nl.err;
  EXPECT_EQ(json::parse(nl.out)["files"][0]["language"], "nl");
  const auto en =
      run_ruptag("tag --format json -",
                 "T: What brings you here today, and how are you?\nP: I don't know, it is a lot.\n");
  ASSERT_EQ(en.exit_code, 0) << en.err;
  EXPECT_EQ(json::parse(en.out)["files"][0]["language"], "en");
}

TEST(Cli, ExplainAndList) {
  const auto explain = run_ruptag("explain minimal-response --rules packs/basic");
  EXPECT_EQ(explain.exit_code, 0);
  EXPECT_NE(explain.out.find("Minimal response"), std::string::npos);
  EXPECT_NE(explain.out.find("I think we both feel it isn't going well."), std::string::npos) << explain.out;
  EXPECT_EQ(run_ruptag("explain sulking").exit_code, 2);

  const auto list = run_ruptag("rules list --rules packs/basic --format json");
  ASSERT_EQ(list.exit_code, 0);
  const json doc = json::parse(list.out);
  const json& pack = doc["packs"][0];
  EXPECT_EQ(pack["language"], "en");
  ASSERT_EQ(pack["markers"].size(), 2U);
  EXPECT_EQ(pack["markers"][0]["id"], "minimal-response");
  EXPECT_EQ(pack["markers"][0]["rules"], 1);
  EXPECT_EQ(pack["markers"][0]["examples"]["match"], 3);
  EXPECT_EQ(pack["markers"][0]["examples"]["no_match"], 2);
  EXPECT_EQ(pack["interventions"][0]["id"], "focus-relationship");

  const auto terms = run_ruptag("rules list --terms --rules packs/basic");
  EXPECT_EQ(terms.out, "between us\nuh\num\nwe both feel\nyou don't listen\nyou never listen\n");
}

}  // namespace
}  // namespace ruptag

namespace ruptag {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(Cli, RedactLeavesNoTranscriptWordInAnyFormat) {
  // the transcript's words; "between" and "listen" are left out: rule ids use them
  const std::vector<std::string> words{"xylophone", "quagmire", "dunno",       "zebras",
                                       "flummox",   "never",    "gobbledygook"};
  for (const std::string format : {"text", "json", "jsonl", "csv", "csv-segments", "csv-sessions", "html"}) {
    const auto plain = run_ruptag("tag " + basic + "--format " + format + " transcripts/redact.txt");
    ASSERT_EQ(plain.exit_code, 0) << format << ": " << plain.err;
    const auto redacted =
        run_ruptag("tag " + basic + "--redact --format " + format + " transcripts/redact.txt");
    ASSERT_EQ(redacted.exit_code, 0) << format << ": " << redacted.err;
    const std::string out = lower(redacted.out);
    for (const auto& word : words)
      EXPECT_EQ(out.find(word), std::string::npos) << format << " shows '" << word << "'";
    // the same run without --redact does show them where the format quotes text
    if (format == "text" || format == "json" || format == "csv" || format == "html") {
      EXPECT_NE(lower(plain.out).find("gobbledygook"), std::string::npos) << format;
    }
    // and redacted output still has the findings: ids and lines
    if (format != "csv-segments" && format != "csv-sessions") {
      EXPECT_NE(out.find("complaint-therapist"), std::string::npos) << format;
    }
  }
}

TEST(Cli, CsvQuotingFollowsRfc4180) {
  const auto r = run_ruptag("tag " + basic + "--format csv transcripts/basic.txt");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("path,language,line,turn,time,speaker,marker,category,name,rule,strength,status,", 0),
            0U);
  EXPECT_NE(r.out.find("\r\n"), std::string::npos);
  // a field with a comma or a line break is quoted
  EXPECT_NE(r.out.find("\"I think we both feel a bit stuck, between us.\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"You don't listen.\nI said that before.\""), std::string::npos) << r.out;
}

TEST(Cli, CsvSegmentsIsACodingSheet) {
  const auto r = run_ruptag("tag " + basic + "--format csv-segments transcripts/basic.txt");
  ASSERT_EQ(r.exit_code, 0);
  const std::string header = r.out.substr(0, r.out.find("\r\n"));
  EXPECT_NE(header.find(",denial,minimal-response,"), std::string::npos);
  EXPECT_NE(header.find(",pressure-control,withdrawal_salience,confrontation_salience,focus-relationship,"),
            std::string::npos);
  EXPECT_NE(r.out.find("transcripts/basic.txt,en,0,3,9,0,300,0,1,"), std::string::npos) << r.out;
}

TEST(Cli, CsvSessionsHasOneRowPerFile) {
  const auto r =
      run_ruptag("tag " + basic + "--format csv-sessions transcripts/basic.txt transcripts/redact.txt");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 3);
  EXPECT_NE(r.out.find("transcripts/basic.txt,en,6,3,3,1,1,1,2,"), std::string::npos) << r.out;
}

TEST(Cli, JsonlCarriesThePath) {
  const auto r = run_ruptag("tag " + basic + "--format jsonl transcripts/basic.txt transcripts/redact.txt");
  ASSERT_EQ(r.exit_code, 0);
  std::size_t lines = 0;
  std::size_t start = 0;
  while (start < r.out.size()) {
    const std::size_t end = r.out.find('\n', start);
    const json line = json::parse(r.out.substr(start, end - start));
    EXPECT_TRUE(line["path"] == "transcripts/basic.txt" || line["path"] == "transcripts/redact.txt");
    EXPECT_TRUE(line.contains("marker"));
    ++lines;
    start = end + 1;
  }
  EXPECT_EQ(lines, 6U);
}

TEST(Cli, JsonlLinesHoldTheJsonDocumentsFindings) {
  // JSON Lines is written as text, the JSON document as a tree: the fields, their order
  // and their escaping must agree, for quotes, backslashes, tabs, control characters and
  // UTF-8 alike.
  const std::string session =
      "T: What \"brings\" you here\\today?\tSay.\n"
      "P: Dunno.\n"
      "T: Between us, caf\xc3\xa9 \xf0\x9f\x98\x80 we both feel stuck.\n"
      "P: You don't listen, \"you\" \x01 never\x1f listen \\ at all.\n";
  for (const std::string redact : {"", "--redact "}) {
    const auto lines = run_ruptag("tag " + basic + redact + "--format jsonl -", session);
    const auto document = run_ruptag("tag " + basic + redact + "--format json -", session);
    ASSERT_EQ(lines.exit_code, 0) << lines.err;
    ASSERT_EQ(document.exit_code, 0) << document.err;
    const ordered_json findings = ordered_json::parse(document.out)["files"][0]["findings"];
    ASSERT_GE(findings.size(), 2U);
    std::size_t n = 0;
    for (std::size_t start = 0; start < lines.out.size(); ++n) {
      const std::size_t end = lines.out.find('\n', start);
      ordered_json line = ordered_json::parse(lines.out.substr(start, end - start));
      EXPECT_EQ(line["path"], "<stdin>");
      EXPECT_EQ(line["language"], "en");
      line.erase("path");
      line.erase("language");
      ASSERT_LT(n, findings.size());
      EXPECT_EQ(line.dump(), findings[n].dump());  // same fields, same order
      start = end + 1;
    }
    EXPECT_EQ(n, findings.size());
    if (redact.empty())
      EXPECT_NE(lines.out.find("\\\"you\\\" \\u0001 never\\u001f listen \\\\ at all"), std::string::npos);
  }
}

TEST(Cli, FailOn) {
  EXPECT_EQ(run_ruptag("tag " + basic + "--fail-on confrontation transcripts/basic.txt").exit_code, 1);
  EXPECT_EQ(run_ruptag("tag " + basic + "--fail-on any transcripts/basic.txt").exit_code, 1);
  EXPECT_EQ(run_ruptag("tag " + basic + "--fail-on withdrawal -", "T: Do you agree?\nP: Yes.\n").exit_code,
            0);
  EXPECT_EQ(run_ruptag("tag " + basic + "--fail-on sometimes transcripts/basic.txt").exit_code, 2);
  // an unreadable file outranks findings
  EXPECT_EQ(
      run_ruptag("tag " + basic + "--fail-on any transcripts/basic.txt transcripts/missing.txt").exit_code,
      2);
}

TEST(Cli, OutputToSpecialFiles) {
  const auto full = run_ruptag("tag " + basic + "--format json -o /dev/full transcripts/basic.txt");
  EXPECT_EQ(full.exit_code, 2);
  EXPECT_NE(full.err.find("/dev/full: write failed: No space left on device"), std::string::npos) << full.err;
  const auto out = run_ruptag("tag " + basic + "--format json -o /dev/stdout transcripts/basic.txt");
  EXPECT_EQ(out.exit_code, 0) << out.err;
  EXPECT_EQ(json::parse(out.out)["files"].size(), 1U);
  const auto nodir = run_ruptag("tag " + basic + "-o /nonexistent/dir/out.json transcripts/basic.txt");
  EXPECT_EQ(nodir.exit_code, 2);
  EXPECT_NE(nodir.err.find("/nonexistent/dir"), std::string::npos) << nodir.err;
}

TEST(Cli, OutputToANamedPipeIsWrittenStraight) {
  const test::TempDir dir;
  const auto fifo = dir / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto copy = dir / "copy";
  const std::string reader = "cat " + quote(fifo.string()) + " > " + quote(copy.string()) + " &";
  ASSERT_EQ(std::system(reader.c_str()), 0);
  const auto r =
      run_ruptag("tag " + basic + "--format jsonl -o " + quote(fifo.string()) + " transcripts/basic.txt");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::system("wait");
  for (int i = 0; i < 100 && test::read_text(copy).empty(); ++i) ::usleep(20000);
  EXPECT_NE(test::read_text(copy).find("minimal-response"), std::string::npos);
  EXPECT_TRUE(std::filesystem::is_fifo(fifo));  // not renamed over
}

TEST(Cli, ExistingOutputIsKeptWhenThePackIsInvalid) {
  const test::TempDir dir;
  const auto target = dir / "out.json";
  std::ofstream(target) << "previous";
  const auto r =
      run_ruptag("tag --rules packs/invalid -o " + quote(target.string()) + " transcripts/basic.txt");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(test::read_text(target), "previous");
}

}  // namespace
}  // namespace ruptag

namespace ruptag {
namespace {

// A folder of copies of the fixtures, with one unreadable file among them.
class BatchFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::filesystem::path data(RUPTAG_TEST_DATA);
    for (int i = 0; i < 12; ++i) {
      const auto sub = dir_.path() / (i % 2 == 0 ? "even" : "odd");
      std::filesystem::create_directories(sub);
      std::filesystem::copy_file(data / (i % 3 == 0 ? "transcripts/redact.txt" : "transcripts/basic.txt"),
                                 sub / fmt_name(i));
    }
    std::ofstream(dir_.path() / "odd" / "broken.txt") << "no speakers in here\n";
  }
  static std::string fmt_name(int i) { return fmt::format("s{}.txt", 10 + i); }
  [[nodiscard]] std::string folder() const { return quote(dir_.path().string()); }

  test::TempDir dir_;
};

TEST_F(BatchFolder, OutputIsTheSameForEveryJobCount) {
  const auto one = run_ruptag("tag " + basic + "--format jsonl -j 1 " + folder());
  EXPECT_EQ(one.exit_code, 2);  // broken.txt
  EXPECT_NE(one.err.find("broken.txt"), std::string::npos);
  EXPECT_NE(one.err.find("12 files tagged, 1 failed"), std::string::npos) << one.err;
  for (const std::string jobs : {"2", "3", "8"}) {
    const auto many = run_ruptag("tag " + basic + "--format jsonl -j " + jobs + " " + folder());
    EXPECT_EQ(many.exit_code, 2);
    EXPECT_EQ(many.out, one.out) << "-j " << jobs;
  }
  // in input order: the folder's files sorted by path
  const auto first = one.out.find("/even/s10.txt");
  const auto later = one.out.find("/odd/s11.txt");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(later, std::string::npos);
  EXPECT_LT(first, later);
}

TEST_F(BatchFolder, ShardsConcatenateToTheWhole) {
  for (const std::string format : {"jsonl", "csv", "csv-segments", "csv-sessions"}) {
    const auto whole = run_ruptag("tag " + basic + "--format " + format + " " + folder());
    std::string joined;
    for (int k = 1; k <= 3; ++k) {
      const auto part = run_ruptag("tag " + basic + "--format " + format + " --shard " + std::to_string(k) +
                                   "/3 " + folder());
      joined += part.out;
    }
    EXPECT_EQ(joined, whole.out) << format;
  }
}

TEST_F(BatchFolder, FilesFromStdinAndGlob) {
  const auto listed = run_ruptag(
      "tag " + basic + "--format csv-sessions --files-from -",
      (dir_.path() / "even" / "s10.txt").string() + "\n" + (dir_.path() / "odd" / "s11.txt").string() + "\n");
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(std::count(listed.out.begin(), listed.out.end(), '\n'), 3);
  const auto globbed = run_ruptag("tag " + basic + "--format csv-sessions --glob 's1[01].txt' " + folder());
  EXPECT_EQ(globbed.exit_code, 0) << globbed.err;
  EXPECT_EQ(std::count(globbed.out.begin(), globbed.out.end(), '\n'), 3);
  EXPECT_EQ(run_ruptag("tag --files-from - -", "x\n").exit_code, 2);
}

TEST_F(BatchFolder, MissingFolderIsReportedAndTheRestGoesOn) {
  const auto r = run_ruptag("tag " + basic + "--format csv-sessions /nonexistent/folder " + folder());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent/folder"), std::string::npos);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 13);  // header + 12 sessions
}

}  // namespace
}  // namespace ruptag

namespace ruptag {
namespace {

TEST(Cli, AFullDiskLeavesNoFileBehind) {
  // A file size limit makes writes fail as a full disk would (SIGXFSZ ignored: EFBIG).
  const test::TempDir dir;
  const auto target = dir / "report.html";
  std::ofstream(dir / "keep.html") << "previous";
  for (const auto& out : {target, dir / "keep.html"}) {
    const std::string command = "sh -c 'trap \"\" XFSZ; ulimit -f 2; exec \"$0\" \"$@\"' " +
                                quote(RUPTAG_BIN) + " tag --rules packs/basic --format html -o " +
                                quote(out.string()) + " transcripts/basic.txt";
    const auto r = test::run_ruptag_command(command);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(out.filename().string() + ": write failed: File too large"), std::string::npos)
        << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(target));
  EXPECT_EQ(test::read_text(dir / "keep.html"), "previous");  // the old report is kept whole
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1U);  // no temporary file left
}

TEST(Cli, ColourOnlyWhenAskedOrOnATerminal) {
  const std::string args = "tag " + basic + "transcripts/basic.txt";
  EXPECT_EQ(run_ruptag(args, "", "TERM=xterm").out.find("\x1b["), std::string::npos);  // not a terminal
  EXPECT_NE(
      run_ruptag("tag --color always " + basic + "transcripts/basic.txt", "", "TERM=xterm").out.find("\x1b["),
      std::string::npos);
  EXPECT_EQ(
      run_ruptag("tag --color never " + basic + "transcripts/basic.txt", "", "TERM=xterm").out.find("\x1b["),
      std::string::npos);
  // in a pseudo-terminal: colour, unless NO_COLOR or TERM=dumb
  const auto tty = [&](const std::string& env) {
    return test::run_ruptag_command("env " + env + " script -qec " + quote(quote(RUPTAG_BIN) + " " + args) +
                                    " /dev/null");
  };
  if (std::system("command -v script >/dev/null 2>&1") == 0) {
    EXPECT_NE(tty("TERM=xterm").out.find("\x1b[1;4m"), std::string::npos);
    EXPECT_EQ(tty("TERM=xterm NO_COLOR=1").out.find("\x1b[1;4m"), std::string::npos);
    EXPECT_EQ(tty("TERM=dumb").out.find("\x1b[1;4m"), std::string::npos);
  }
}

TEST(Cli, QuietPrintsOnlyTheSummary) {
  const auto r = run_ruptag("tag -q " + basic + "transcripts/basic.txt");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("2 ruptures"), std::string::npos);
  EXPECT_EQ(r.out.find("why:"), std::string::npos);
}

}  // namespace
}  // namespace ruptag

namespace ruptag {
namespace {

const std::string named_session =
    "Dr. Jansen: How are you?\nAnna: Fine, I think, thank you.\nTolk: She says fine.\nDr. Jansen: Really?\n"
    "Anna: Yes, really.\nTolk: Yes.\n";

TEST(Cli, SpeakerRolesFromAConfigFileOrGuessed) {
  const test::TempDir dir;
  {
    std::ofstream config(dir / "roles.yaml");
    config << "speakers:\n  Dr. Jansen: therapist\n  Anna: patient\n  Tolk: other\n";
  }
  const auto given = run_ruptag(
      fmt::format("tag --lang en --format json --config {} -", quote((dir / "roles.yaml").string())),
      named_session);
  ASSERT_EQ(given.exit_code, 0) << given.err;
  const json file = json::parse(given.out)["files"][0];
  EXPECT_EQ(file["roles"], "given");
  ASSERT_EQ(file["speakers"].size(), 3U);
  EXPECT_EQ(file["speakers"][2]["role"], "other");
  EXPECT_EQ(file["summary"]["therapist_turns"], 2);
  EXPECT_EQ(file["summary"]["other_turns"], 2);
  EXPECT_EQ(given.err.find("guessed"), std::string::npos) << given.err;

  const auto guessed = run_ruptag("tag --lang en --format json -", named_session);
  ASSERT_EQ(guessed.exit_code, 0) << guessed.err;
  const json g = json::parse(guessed.out)["files"][0];
  EXPECT_EQ(g["roles"], "guessed");
  EXPECT_EQ(g["speakers"][0]["role"], "therapist");
  EXPECT_EQ(g["speakers"][0]["guessed"], true);
  EXPECT_NE(guessed.err.find("speaker roles guessed"), std::string::npos) << guessed.err;
  EXPECT_NE(guessed.err.find("'Tolk' (2 turns) is neither"), std::string::npos) << guessed.err;

  // --redact leaves the names out
  const auto redacted = run_ruptag("tag --lang en --redact --format json -", named_session);
  EXPECT_EQ(redacted.out.find("Jansen"), std::string::npos) << redacted.out;
}

TEST(Cli, BadConfigFileNamesTheLine) {
  const test::TempDir dir;
  {
    std::ofstream config(dir / "roles.yaml");
    config << "speakers:\n  Anna: doctor\n";
  }
  const auto r =
      run_ruptag(fmt::format("tag --config {} -", quote((dir / "roles.yaml").string())), named_session);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("roles.yaml:2:9: the role of 'Anna' must be therapist, patient or other"),
            std::string::npos)
      << r.err;
}

TEST(Cli, InputFormatOverridesDetection) {
  const std::string srt =
      "1\n00:00:01,000 --> 00:00:02,000\nT: How are you?\n\n2\n00:00:03,000 --> 00:00:04,000\nP: Fine.\n";
  const auto detected = run_ruptag("tag --lang en --format json -", srt);
  ASSERT_EQ(detected.exit_code, 0) << detected.err;
  EXPECT_EQ(json::parse(detected.out)["files"][0]["format"], "srt");
  EXPECT_EQ(json::parse(detected.out)["files"][0]["turns"], 2);
  const auto text = run_ruptag("tag --lang en --format json --input-format text -", srt);
  EXPECT_EQ(json::parse(text.out)["files"][0]["format"], "text");
  const auto bad = run_ruptag("tag --input-format docx -", srt);
  EXPECT_EQ(bad.exit_code, 2);
}

}  // namespace
}  // namespace ruptag

namespace ruptag {
namespace {

using test::run_ruptag;

// Gaps in terms ("you ~2 never ~3 listen*"), from a pack folder to every output.
TEST(Cli, GapsInTerms) {
  const auto check = run_ruptag("rules check packs/gaps");
  EXPECT_EQ(check.exit_code, 0) << check.err;
  const auto examples = run_ruptag("rules test --rules packs/gaps");
  EXPECT_EQ(examples.exit_code, 0) << examples.out;
  EXPECT_NE(examples.out.find("7 rules, 39 examples, 0 failed"), std::string::npos) << examples.out;

  const auto bad = run_ruptag("rules check packs/gaps-invalid");
  EXPECT_EQ(bad.exit_code, 3);
  for (const std::string expected : {
           "packs/gaps-invalid/pack.yaml:3:18: stopwords: term 'of ~1 the' has a gap '~1', but stopwords",
           "packs/gaps-invalid/pack.yaml:11:13: rule 'complaint-therapist.listen': terms: term 'you ~0 "
           "listen' "
           "has a gap '~0': a gap allows 1 to 9 words",
           "packs/gaps-invalid/pack.yaml:12:13: rule 'complaint-therapist.listen': terms: term '~2 you "
           "listen' "
           "starts with a gap '~2': a gap stands between two words",
           "packs/gaps-invalid/pack.yaml:13:13: rule 'complaint-therapist.listen': terms: term 'you ~2 ~1 "
           "listen' "
           "has two gaps with no word between them ('~2 ~1'): write one gap",
           "packs/gaps-invalid/pack.yaml:14:13: rule 'complaint-therapist.listen': terms: term 'you "
           "~2listen' "
           "has '~2listen': a gap is a word of its own, with spaces around it ('~2 listen')",
       }) {
    EXPECT_NE(bad.err.find(expected), std::string::npos) << expected << "\n" << bad.err;
  }

  const auto terms = run_ruptag("rules list --terms --rules packs/gaps");
  EXPECT_NE(terms.out.find("\nyou ~2 never ~3 listen*\n"), std::string::npos) << terms.out;
  EXPECT_NE(terms.out.find("\nyou don't ~2 listen*\n"), std::string::npos) << terms.out;

  // evidence and highlights show the matched words, not the words in the gaps
  const auto lines = run_ruptag("tag --rules packs/gaps --format jsonl transcripts/gaps.txt");
  ASSERT_EQ(lines.exit_code, 0) << lines.err;
  EXPECT_NE(lines.out.find(R"("evidence":"You … never … listen")"), std::string::npos) << lines.out;
  const auto text = run_ruptag("tag --rules packs/gaps transcripts/gaps.txt");
  EXPECT_NE(text.out.find("\"«You» just «never» really «listen» to me.\""), std::string::npos) << text.out;
  const auto html = run_ruptag("tag --rules packs/gaps --format html transcripts/gaps.txt");
  EXPECT_NE(html.out.find(">You</mark> just <mark"), std::string::npos);
  EXPECT_NE(html.out.find(">never</mark> really <mark"), std::string::npos);
  EXPECT_NE(html.out.find(">listen</mark> to me."), std::string::npos);
}

}  // namespace
}  // namespace ruptag
