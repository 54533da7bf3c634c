// Every kind of bad input, as a user meets it on the command line: a clear message that
// names the file (and line and column where they apply), the documented exit code, no
// crash, no partial output file, and in a batch the other files still processed.
// docs/reliability.md lists these cases and the tests elsewhere that cover the rest.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <sys/mount.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "ruptag/repair.hpp"
#include "test_support.hpp"

namespace ruptag {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test::quote;
using test::run_ruptag;

std::string basic() {
  return "--rules packs/basic ";
}
constexpr const char* dialogue = "T: What was that like for you?\nP: Dunno.\n";

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// This thread's processor time in seconds: unlike wall time, not stretched when other
// processes take the processor (ctest -j, a build alongside).
double thread_seconds() {
  timespec now{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// The fastest of `runs` calls of `work`, in seconds of processor time: the one least
// disturbed by other load.
template <typename Work>
double fastest_seconds(int runs, Work work) {
  double best = std::numeric_limits<double>::max();
  for (int run = 0; run < runs; ++run) {
    const double start = thread_seconds();
    work();
    best = std::min(best, thread_seconds() - start);
  }
  return best;
}

// Times at n and 4n: linear work takes about 4 times as long, quadratic 16 times. The
// bound (8 times, plus 10 ms for timer noise on tiny times) is far from both.
void expect_linear(double at_n, double at_4n) {
  EXPECT_LT(at_4n, 8 * at_n + 0.01) << "n: " << at_n << " s, 4n: " << at_4n << " s";
}

// ---------------------------------------------------------------- transcripts

struct BadTranscript {
  std::string name;
  std::string bytes;
  std::string message;  ///< expected in the error, after "NAME:" or "NAME:LINE:COLUMN:"
};

std::vector<BadTranscript> bad_transcripts() {
  return {
      {"empty.txt", "", "empty.txt: the file is empty"},
      {"blank.txt", "  \n\t\n   \r\n\n", "blank.txt: the file contains only blank lines"},
      {"binary.txt", std::string("T: hi\0there\nP: ok\n", 17),
       "binary.txt:1:6: a NUL byte: this looks like a binary file"},
      {"nolabels.txt", "Just some text\nwith no labels at all\n", "nolabels.txt: no speaker turn found"},
  };
}

class BadTranscripts : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto& bad : bad_transcripts()) write_file(dir_ / bad.name, bad.bytes);
    write_file(dir_ / "good.txt", dialogue);
  }
  [[nodiscard]] std::string path(const std::string& name) const { return quote((dir_ / name).string()); }

  test::TempDir dir_;
};

TEST_F(BadTranscripts, EachIsNamedAndExits2) {
  for (const auto& bad : bad_transcripts()) {
    const auto r = run_ruptag("tag " + basic() + path(bad.name));
    EXPECT_EQ(r.exit_code, 2) << bad.name << ": " << r.err;
    EXPECT_NE(r.err.find(bad.message), std::string::npos) << bad.name << ": " << r.err;
    EXPECT_EQ(count(r.err, "\n"), 2U) << "the error and the count: " << r.err;
  }
}

TEST_F(BadTranscripts, InABatchTheGoodFileIsStillTagged) {
  std::string args = "tag " + basic() + "--format json -j 2";
  for (const auto& bad : bad_transcripts()) args.append(" ").append(path(bad.name));
  args.append(" ").append(path("good.txt"));
  const auto r = run_ruptag(args);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  const json doc = json::parse(r.out);
  ASSERT_EQ(doc["files"].size(), 1U) << r.out;
  EXPECT_EQ(doc["files"][0]["findings"][0]["marker"], "minimal-response");
  ASSERT_EQ(doc["errors"].size(), bad_transcripts().size()) << r.out;
  for (const auto& bad : bad_transcripts()) EXPECT_NE(r.err.find(bad.name), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 file tagged, 4 failed"), std::string::npos) << r.err;
}

// UTF-16 bytes of `text`, with a byte-order mark.
std::string utf16(std::u16string_view text, bool big_endian) {
  std::string out = big_endian ? std::string("\xFE\xFF") : std::string("\xFF\xFE");
  for (const char16_t unit : text) {
    const auto high = static_cast<char>(unit >> 8);
    const auto low = static_cast<char>(unit & 0xFF);
    out += big_endian ? high : low;
    out += big_endian ? low : high;
  }
  return out;
}

TEST(BadTranscript, Utf16WithAByteOrderMarkIsDecoded) {
  const std::u16string text = u"T: Hoe gaat het?\r\nP: Cli\u00EBnt \U0001F642 (zucht) Geen idee.\r\n";
  for (const bool big : {false, true}) {
    const Transcript t = parse_transcript(utf16(text, big), "utf16.txt", {});
    ASSERT_EQ(t.turns.size(), 2U);
    EXPECT_EQ(t.turns[1].text, "Cli\u00EBnt \U0001F642 (zucht) Geen idee.");
    EXPECT_EQ(t.turns[1].line, 2U);
    EXPECT_TRUE(t.warnings.empty());
  }
  // and on the command line, with the built-in Dutch pack
  const test::TempDir dir;
  write_file(dir / "utf16.txt", utf16(u"T: Wat ging er door je heen?\nP: Weet ik niet.\n", false));
  const auto r = run_ruptag("tag --format csv-sessions " + quote((dir / "utf16.txt").string()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("utf16.txt,nl,2,"), std::string::npos) << r.out;
}

TEST(BadTranscript, BrokenUtf16IsAnErrorWithItsLine) {
  for (const std::string& bytes : {utf16(u"T: Hi\nP: \xD800 lone\n", false),     // unpaired surrogate
                                   utf16(u"T: Hi\nP: Dunno.\n", true) + "x"}) {  // odd last byte
    try {
      parse_transcript(bytes, "bad16.txt", {});
      ADD_FAILURE() << "broken UTF-16 was accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ExitCode::input);
      EXPECT_EQ(e.where().file, "bad16.txt");
      EXPECT_EQ(e.where().line, bytes.back() == 'x' ? 3U : 2U);
      EXPECT_NE(e.message().find("not valid UTF-16"), std::string::npos) << e.what();
    }
  }
}

TEST(BadTranscript, ASingleTenMegabyteLine) {
  const test::TempDir dir;
  std::string line = "P: ";
  while (line.size() < 10'000'000) line += "I don't see the point of this, honestly. ";
  write_file(dir / "long.txt", "T: What was that like?\n" + line + "\n");
  const auto r = run_ruptag("tag " + basic() + "--format csv-sessions " + quote((dir / "long.txt").string()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("long.txt,en,2,1,1,"), std::string::npos) << r.out.substr(0, 2000);
}

TEST(BadTranscript, AnUnknownSpeakerContinuesTheTurnAndIsNotLost) {
  // Reader.UnknownLabelContinuesTheTurn covers the reader; here the tool's output.
  const test::TempDir dir;
  write_file(dir / "s.txt", "T: What was that like for you?\nNurse: Is he ok?\nP: Dunno.\n");
  const auto r = run_ruptag("tag " + basic() + "--format json " + quote((dir / "s.txt").string()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["files"][0]["turns"], 2);
}

TEST(BadTranscript, DirectoriesWhereAFileIsExpected) {
  const test::TempDir dir;
  // standard input that is a directory
  const auto in = test::run_ruptag_command("(" + quote(RUPTAG_BIN) + " tag " + basic() + "- < " +
                                           quote(dir.path().string()) + ")");
  EXPECT_EQ(in.exit_code, 2);
  EXPECT_NE(in.err.find("<stdin>: standard input is a directory"), std::string::npos) << in.err;
  // output to a directory
  write_file(dir / "good.txt", dialogue);
  const auto out = run_ruptag("tag " + basic() + "-o " + quote(dir.path().string()) + " " +
                              quote((dir / "good.txt").string()));
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_NE(out.err.find(dir.path().string() + ": cannot write: Is a directory"), std::string::npos)
      << out.err;
  // a folder whose name matches the glob, inside a searched folder, is searched, not read
  fs::create_directory(dir / "folder.txt");
  write_file(dir / "folder.txt" / "inner.txt", dialogue);
  const auto r = run_ruptag("tag " + basic() + "--format csv-sessions " + quote(dir.path().string()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count(r.out, "\n"), 3U) << r.out;  // header, folder.txt/inner.txt, good.txt
}

TEST(BadTranscript, NoReadPermission) {
  const test::TempDir dir;
  write_file(dir / "secret.txt", dialogue);
  fs::permissions(dir / "secret.txt", fs::perms::none);
  if (std::ifstream(dir / "secret.txt").good()) {
    GTEST_SKIP() << "running as root (or with CAP_DAC_OVERRIDE): chmod 000 does not stop reading";
  }
  write_file(dir / "good.txt", dialogue);
  const auto r = run_ruptag("tag " + basic() + "--format csv-sessions " +
                            quote((dir / "secret.txt").string()) + " " + quote((dir / "good.txt").string()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("secret.txt: cannot open: Permission denied"), std::string::npos) << r.err;
  EXPECT_EQ(count(r.out, "\n"), 2U) << r.out;  // header and good.txt
}

TEST(BadTranscript, ASymlinkLoop) {
  const test::TempDir dir;
  fs::create_symlink("loop.txt", dir / "loop.txt");
  write_file(dir / "good.txt", dialogue);
  const auto named =
      run_ruptag("tag " + basic() + "--format csv-sessions " + quote((dir / "loop.txt").string()) + " " +
                 quote((dir / "good.txt").string()));
  EXPECT_EQ(named.exit_code, 2);
  EXPECT_NE(named.err.find("loop.txt: cannot open: Too many levels of symbolic links"), std::string::npos)
      << named.err;
  EXPECT_EQ(count(named.out, "\n"), 2U) << named.out;
  // found in a folder: reported, and the folder's other files are still read
  write_file(dir / "zz.txt", dialogue);
  const auto folder = run_ruptag("tag " + basic() + "--format csv-sessions " + quote(dir.path().string()));
  EXPECT_EQ(folder.exit_code, 2) << folder.err;
  EXPECT_NE(folder.err.find("loop.txt"), std::string::npos) << folder.err;
  EXPECT_EQ(count(folder.out, "\n"), 3U) << folder.out;  // header, good.txt, zz.txt
}

// A very long session (a whole day's recordings in one file) is analysed in time linear
// in its length: repair analysis looked through every finding for each turn after each
// marker, so 100 MB took hours.
TEST(BadTranscript, ALongSessionIsAnalysedInLinearTime) {
  const RulePack pack = test::pack_from("");
  const auto time_at = [&](std::size_t markers) {
    Transcript t;
    std::vector<Finding> findings;
    for (std::size_t i = 0; i < 2 * markers; ++i) {
      Turn turn;
      turn.speaker = i % 2 == 0 ? Speaker::patient : Speaker::therapist;
      turn.text = "Dunno.";
      t.turns.push_back(turn);
      if (i % 2 == 0) findings.push_back({"minimal-response", Category::withdrawal, i, "r", {}, 1.0, {}});
    }
    const std::vector<bool> collaboration(t.turns.size(), false);
    return fastest_seconds(
        3, [&] { EXPECT_EQ(analyse_repairs(t, findings, collaboration, pack, {}).size(), markers); });
  };
  expect_linear(time_at(5'000), time_at(20'000));
}

// ---------------------------------------------------------------- rule packs
// Syntax errors, unknown keys, wrong types, unknown ids and invalid regexes: see
// PackLoader.* in test_pack_loader.cpp; here the cases it does not cover.

std::string one_rule() {
  return R"(
markers:
  - id: denial
    name: Denial
    description: d
    rules:
)";
}

TEST(BadPack, DuplicateRuleIdNamesBothPlaces) {
  const std::string problem = test::pack_problem(
      one_rule() + "      - {id: d.one, terms: [fine]}\n      - {id: d.one, terms: [okay]}\n");
  EXPECT_NE(problem.find("test.yaml:9:9: rule id 'd.one' is used twice (first at test.yaml:8:9)"),
            std::string::npos)
      << problem;
}

TEST(BadPack, BackreferenceIsNotRe2) {
  const std::string problem =
      test::pack_problem(one_rule() + "      - {id: d.one, regex: '(fine) and \\1'}\n");
  EXPECT_NE(problem.find("test.yaml:8:28: rule 'd.one': regex '(fine) and \\1' is not valid RE2: invalid "
                         "escape sequence"),
            std::string::npos)
      << problem;
}

TEST(BadPack, DeepNestingIsASyntaxErrorNotAStackOverflow) {
  for (const auto& [open, close] : {std::pair{"[", "]"}, std::pair{"{a: ", "}"}}) {
    std::string yaml = "markers: ";
    std::string tail;
    for (int i = 0; i < 100'000; ++i) {
      yaml += open;
      tail += close;
    }
    yaml += "1";
    yaml += tail;
    yaml += "\n";
    const std::string problem = test::pack_problem(yaml);
    EXPECT_NE(problem.find("YAML syntax error: nested more than"), std::string::npos)
        << problem.substr(0, 300);
    EXPECT_EQ(problem.find("manifest"), std::string::npos) << "no cascade of problems: " << problem;
  }
}

TEST(BadPack, AliasesThatMultiplyAreCheckedOnceNotExponentially) {
  // "Billion laughs": each anchor names a list of two copies of the one before, so walking every
  // alias would visit 2^40 nodes and never end (ctest's timeout fails the test then). Every
  // node is checked once; the pack is rejected at once.
  std::string yaml = "lexicons:\n  l0: &a0 [{k: 1}, {k: 2}]\n";
  for (int i = 1; i <= 40; ++i) yaml += fmt::format("  l{}: &a{} [*a{}, *a{}]\n", i, i, i - 1, i - 1);
  const std::string problem = test::pack_problem(yaml);
  EXPECT_NE(problem.find("must be a single value"), std::string::npos) << problem.substr(0, 300);
}

TEST(BadPack, AHugeTermListLoadsAndMatches) {
  std::string yaml = one_rule() + "      - id: d.many\n        terms:\n";
  for (int i = 0; i < 100'000; ++i) yaml += "          - \"term" + std::to_string(i) + " word\"\n";
  const Tagger tagger = test::tagger_from(yaml);
  const auto findings = tagger.tag(test::transcript("T: And?\nP: It was term99999 word, really.\n"));
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].rule, "d.many");
}

// RE2 matches in time linear in the text: a pattern that backtracks exponentially in
// other engines takes about 4 times as long on 4 times the text.
TEST(BadPack, CatastrophicBacktrackingPatternRunsInLinearTime) {
  const Tagger tagger = test::tagger_from(one_rule() + "      - {id: d.evil, regex: '^(a+)+$'}\n");
  const auto time_at = [&](std::size_t n) {
    const Transcript t = test::transcript("T: And?\nP: " + std::string(n, 'a') + "!\n");
    return fastest_seconds(5, [&] { EXPECT_TRUE(tagger.tag(t).empty()); });  // the '!' keeps it from matching
  };
  expect_linear(time_at(250'000), time_at(1'000'000));
}

TEST(BadPack, ExtendingAnUnknownPackNamesThePlace) {
  const std::string problem =
      test::pack_problem("pack: {id: mine, language: fr, version: '1', name: Mine, extends: fr}\n", false);
  EXPECT_NE(problem.find("test.yaml:1:67: pack.extends: no built-in pack 'fr' (available: en, nl)"),
            std::string::npos)
      << problem;
}

TEST(BadPack, ASymlinkLoopInTheRulesFolderIsNamed) {
  const test::TempDir dir;
  fs::copy(fs::path(RUPTAG_TEST_DATA) / "packs/basic/pack.yaml", dir / "pack.yaml");
  fs::create_symlink("loop.yaml", dir / "loop.yaml");
  const auto r = run_ruptag("rules check " + quote(dir.path().string()));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("loop.yaml: cannot read: Too many levels of symbolic links"), std::string::npos)
      << r.err;
}

TEST(BadPack, AnInvalidPackOnTheCommandLineExits3BeforeReadingAnything) {
  const test::TempDir dir;
  write_file(dir / "pack.yaml", test::manifest + "markers:\n  - id: denial\n    name: [unclosed\n");
  const auto r = run_ruptag("tag --rules " + quote(dir.path().string()) + " transcripts/basic.txt");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("invalid rule pack (1 problem)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("pack.yaml:5:1: YAML syntax error"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

// ---------------------------------------------------------------- output
// /dev/full, a missing folder and a file size limit: Cli.OutputToSpecialFiles and
// Cli.AFullDiskLeavesNoFileBehind in test_cli.cpp.

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

// A small tmpfs mounted on a scratch folder, when this process may mount one (root).
class SmallDisk {
 public:
  explicit SmallDisk(const std::string& options) {
    mounted_ = ::mount("tmpfs", dir_.path().c_str(), "tmpfs", 0, options.c_str()) == 0;
  }
  ~SmallDisk() {
    if (mounted_) ::umount(dir_.path().c_str());
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;
  [[nodiscard]] bool mounted() const { return mounted_; }
  [[nodiscard]] const fs::path& path() const { return dir_.path(); }

 private:
  test::TempDir dir_;
  bool mounted_ = false;
};

TEST(BadOutput, AFullDiskLeavesNoFileBehind) {
  const SmallDisk disk("size=16k");
  if (!disk.mounted()) GTEST_SKIP() << "cannot mount a tmpfs here (not root?): the ulimit -f test covers it";
  const auto r = run_ruptag("tag --format html -o " + quote((disk.path() / "report.html").string()) + " " +
                            quote(RUPTAG_SOURCE_DIR "/examples/en/session.txt"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("report.html: write failed: No space left on device"), std::string::npos) << r.err;
  EXPECT_EQ(entries(disk.path()), 0U);
}

TEST(BadOutput, AnUnwritableFolder) {
  const SmallDisk disk("ro,size=16k");  // read-only even for root
  const test::TempDir plain;
  fs::permissions(plain.path(), fs::perms::owner_read | fs::perms::owner_exec);
  const bool root_writes = ::access(plain.path().c_str(), W_OK) == 0;
  if (!disk.mounted() && root_writes) {
    GTEST_SKIP() << "running as root without mount: no folder here is unwritable";
  }
  const fs::path folder = disk.mounted() ? disk.path() : plain.path();
  const auto r =
      run_ruptag("tag " + basic() + "-o " + quote((folder / "out.json").string()) + " transcripts/basic.txt");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("out.json: cannot create a file in " + folder.string()), std::string::npos) << r.err;
  EXPECT_EQ(entries(folder), 0U);
  fs::permissions(plain.path(), fs::perms::owner_all);
}

TEST(BadOutput, StandardOutputClosedEarlyEndsQuietly) {
  const test::TempDir dir;
  std::string session = test::read_text(fs::path(RUPTAG_SOURCE_DIR) / "examples/en/session.txt");
  std::string big;
  while (big.size() < 4'000'000) big += session;
  write_file(dir / "big.txt", big);
  // with SIGPIPE ignored by the parent too (as some shells and runners leave it)
  for (const std::string trap : {"", "trap '' PIPE; "}) {
    const auto r = test::run_ruptag_command(trap + quote(RUPTAG_BIN) + " tag --format jsonl " +
                                            quote((dir / "big.txt").string()) + " | head -c 100 >/dev/null");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.err, "") << trap;
  }
  // standard output closed altogether: one line that says so
  const auto closed =
      test::run_ruptag_command("(" + quote(RUPTAG_BIN) + " tag " + basic() + "transcripts/basic.txt >&-)");
  EXPECT_EQ(closed.exit_code, 2);
  EXPECT_EQ(closed.err, "ruptag: standard output: write failed (disk full or closed pipe?)\n");
}

}  // namespace
}  // namespace ruptag
