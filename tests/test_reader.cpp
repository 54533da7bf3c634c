#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "ruptag/error.hpp"
#include "ruptag/line_source.hpp"
#include "ruptag/reader.hpp"

namespace ruptag {
namespace {

Transcript parse(std::string_view text, std::string_view path = "t.txt", const ReaderOptions& options = {}) {
  return parse_transcript(text, path, options);
}

TEST(Reader, TurnsSpeakersAndLines) {
  const auto t = parse("Intake, session 3\n\nT: How are you?\nP: Fine.\nReally fine.\n\nTherapist: Good.\n");
  ASSERT_EQ(t.turns.size(), 3U);
  EXPECT_EQ(t.turns[0].speaker, Speaker::therapist);
  EXPECT_EQ(t.turns[0].line, 3U);
  EXPECT_EQ(t.turns[1].speaker, Speaker::patient);
  EXPECT_EQ(t.turns[1].text, "Fine.\nReally fine.");
  EXPECT_EQ(t.turns[1].line, 4U);
  EXPECT_EQ(t.turns[1].end_line, 5U);
  EXPECT_EQ(t.turns[2].label, "Therapist");
  EXPECT_EQ(t.turns[2].line, 7U);
}

TEST(Reader, DefaultLabelsCaseAndDiacriticsInsensitive) {
  const auto t = parse(
      "THERAPEUT: Hoe gaat het?\nPatiënt: Goed.\npatient: Echt.\nCLIENT: Ja.\nBehandelaar: Mooi.\nCl: "
      "ok\nCounsellor: so\n");
  ASSERT_EQ(t.turns.size(), 7U);
  EXPECT_EQ(t.turns[0].speaker, Speaker::therapist);
  EXPECT_EQ(t.turns[1].speaker, Speaker::patient);
  EXPECT_EQ(t.turns[2].speaker, Speaker::patient);
  EXPECT_EQ(t.turns[3].speaker, Speaker::patient);
  EXPECT_EQ(t.turns[4].speaker, Speaker::therapist);
  EXPECT_EQ(t.turns[5].speaker, Speaker::patient);
  EXPECT_EQ(t.turns[6].speaker, Speaker::therapist);
}

TEST(Reader, DutchAndResearchRoleLabels) {
  const auto t = parse(
      "Hulpverlener: Hoe gaat het?\nCliënte: Goed.\nPSYCHOLOOG: Fijn.\nPatiënte: Ja.\n"
      "Interviewer: And you?\nClient: Fine.\n");
  ASSERT_EQ(t.turns.size(), 6U);
  for (std::size_t i = 0; i < t.turns.size(); ++i) {
    EXPECT_EQ(t.turns[i].speaker, i % 2 == 0 ? Speaker::therapist : Speaker::patient) << i;
  }
  EXPECT_TRUE(t.warnings.empty());
}

TEST(Reader, UnknownLabelContinuesTheTurn) {
  const auto t = parse("T: She said:\nMum: go away\nP: ok\n");
  ASSERT_EQ(t.turns.size(), 2U);
  EXPECT_EQ(t.turns[0].text, "She said:\nMum: go away");
}

TEST(Reader, ConfiguredLabels) {
  ReaderOptions options;
  options.roles.therapist = {"Dr. Jansen"};
  options.roles.patient = {"Anna"};
  options.roles.given = true;
  const auto t = parse("Dr. Jansen: Welkom.\nAnna: Dank je.\nT: not a label now\n", "t.txt", options);
  ASSERT_EQ(t.turns.size(), 2U);
  EXPECT_EQ(t.turns[1].text, "Dank je.\nT: not a label now");
}

TEST(Reader, TimestampsBeforeAndAfterTheLabel) {
  const auto t = parse(
      "[00:12:34] T: one\n"
      "00:12:40 P: two\n"
      "(12:50) T: three\n"
      "P [00:13:01]: four\n"
      "T: [00:13:05] five\n"
      "P: 00:13:09 six\n"
      "T: 10:30 works for me\n");
  ASSERT_EQ(t.turns.size(), 7U);
  EXPECT_DOUBLE_EQ(*t.turns[0].time, 12 * 60 + 34);
  EXPECT_DOUBLE_EQ(*t.turns[1].time, 12 * 60 + 40);
  EXPECT_DOUBLE_EQ(*t.turns[2].time, 12 * 60 + 50);
  EXPECT_DOUBLE_EQ(*t.turns[3].time, 13 * 60 + 1);
  EXPECT_EQ(t.turns[3].text, "four");
  EXPECT_DOUBLE_EQ(*t.turns[4].time, 13 * 60 + 5);
  EXPECT_EQ(t.turns[4].text, "five");
  EXPECT_DOUBLE_EQ(*t.turns[5].time, 13 * 60 + 9);
  EXPECT_EQ(t.turns[5].text, "six");
  EXPECT_FALSE(t.turns[6].time.has_value());  // "10:30" is text, not a timestamp
  EXPECT_EQ(t.turns[6].text, "10:30 works for me");
}

TEST(Reader, ParseTimestampForms) {
  std::size_t used = 0;
  EXPECT_DOUBLE_EQ(*parse_timestamp("1:02:03.5 rest", used), 3723.5);
  EXPECT_EQ(used, 9U);
  EXPECT_DOUBLE_EQ(*parse_timestamp("00:01,250", used), 1.25);
  EXPECT_FALSE(parse_timestamp("12", used));
  EXPECT_FALSE(parse_timestamp("12:75", used));
  EXPECT_FALSE(parse_timestamp("[12:30", used));
}

TEST(Reader, CrlfBomAndBlankLines) {
  const auto t = parse("\xEF\xBB\xBFT: Hello\r\n\r\nP: Hi\r\n  more\r\n");
  ASSERT_EQ(t.turns.size(), 2U);
  EXPECT_EQ(t.turns[0].text, "Hello");
  EXPECT_EQ(t.turns[1].text, "Hi\nmore");
  EXPECT_EQ(t.turns[1].line, 3U);
}

TEST(Reader, CuesAreCollected) {
  const auto t = parse("P: (lacht) Ja, hij sloeg me [Pause] wel eens (00:12)\n");
  ASSERT_EQ(t.turns.size(), 1U);
  ASSERT_EQ(t.turns[0].cues.size(), 2U);
  EXPECT_EQ(t.turns[0].cues[0].kind, CueKind::laughter);
  EXPECT_EQ(t.turns[0].cues[0].text, "lacht");
  EXPECT_EQ(t.turns[0].cues[1].kind, CueKind::pause);
}

TEST(Reader, Windows1252FallbackWarns) {
  const auto t = parse("T: Hoe gaat het met de cli\xEBnt?\nP: Goed\n", "w.txt");
  ASSERT_EQ(t.turns.size(), 2U);
  EXPECT_EQ(t.turns[0].text, "Hoe gaat het met de cliënt?");
  ASSERT_EQ(t.warnings.size(), 1U);
  EXPECT_NE(t.warnings[0].find("w.txt"), std::string::npos);
  EXPECT_NE(t.warnings[0].find("Windows-1252"), std::string::npos);
}

TEST(Reader, StrictRejectsInvalidUtf8WithLine) {
  ReaderOptions strict;
  strict.strict = true;
  try {
    parse("T: ok\nP: cli\xEBnt\n", "w.txt", strict);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::input);
    EXPECT_EQ(e.where().file, "w.txt");
    EXPECT_EQ(e.where().line, 2U);
  }
}

TEST(Reader, NoTurnNamesTheExpectedLabels) {
  try {
    parse("Just some notes\nwithout speakers\n", "notes.txt");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::input);
    const std::string what = e.what();
    EXPECT_NE(what.find("notes.txt"), std::string::npos);
    EXPECT_NE(what.find("Therapeut"), std::string::npos);
    EXPECT_NE(what.find("Cliënt"), std::string::npos);
  }
}

TEST(Reader, WebVttVoicesAndMerging) {
  const auto t = parse(
      "WEBVTT\n\n"
      "1\n00:00:01.000 --> 00:00:04.000\n<v Therapist>How are you?</v>\n\n"
      "2\n00:00:05.000 --> 00:00:07.000\n<v Client>Fine.\n\n"
      "3\n00:00:07.500 --> 00:00:09.000\n<v Client>Really.\n\n"
      "00:00:10.000 --> 00:00:12.000\nT: Good.\n",
      "s.vtt");
  ASSERT_EQ(t.turns.size(), 3U);
  EXPECT_EQ(t.turns[0].speaker, Speaker::therapist);
  EXPECT_EQ(t.turns[0].text, "How are you?");
  EXPECT_DOUBLE_EQ(*t.turns[0].time, 1.0);
  EXPECT_EQ(t.turns[0].line, 5U);
  EXPECT_EQ(t.turns[1].text, "Fine. Really.");
  EXPECT_DOUBLE_EQ(*t.turns[1].time, 5.0);
  EXPECT_EQ(t.turns[2].text, "Good.");
}

TEST(Reader, SrtWithLabelPrefix) {
  const auto t =
      parse("1\n00:00:01,000 --> 00:00:02,000\nT: Hi there\n\n2\n00:01:03,500 --> 00:01:05,000\nP: Hello\n",
            "s.srt");
  ASSERT_EQ(t.turns.size(), 2U);
  EXPECT_DOUBLE_EQ(*t.turns[1].time, 63.5);
  EXPECT_EQ(t.turns[1].text, "Hello");
  EXPECT_EQ(t.turns[1].line, 7U);
}

TEST(Reader, FormatDetection) {
  // The content decides; the extension only tells WebVTT from SRT without a header.
  EXPECT_EQ(detect_format("a.VTT", "00:00:01.000 --> 00:00:02.000\nT: hi\n"), TranscriptFormat::webvtt);
  EXPECT_EQ(detect_format("a.txt", "00:00:01,000 --> 00:00:02,000\nT: hi\n"), TranscriptFormat::srt);
  EXPECT_EQ(detect_format("a.srt", "T: hi\n"), TranscriptFormat::text);
  EXPECT_EQ(detect_format("-", "WEBVTT\n"), TranscriptFormat::webvtt);
  EXPECT_EQ(detect_format("-", "1\n00:00:01,000 --> 00:00:02,000\n"), TranscriptFormat::srt);
  EXPECT_EQ(detect_format("a.txt", "T: hi\n"), TranscriptFormat::text);
}

TEST(Reader, MissingFileIsAnInputError) {
  try {
    read_transcript("/nonexistent/file.txt", {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::input);
    EXPECT_NE(std::string(e.what()).find("/nonexistent/file.txt"), std::string::npos);
  }
}

TEST(Reader, NamedSpeakersWithTimestamps) {
  const auto t = parse(
      "Intake\n"
      "[00:12:34] Dr. Jansen: Hoe gaat het?\n"
      "Anna (12:40): Goed.\n"
      "Dr. Jansen [00:12:50]: Echt?\n"
      "Anna: Ja.\nMum: go away\n");
  ASSERT_EQ(t.turns.size(), 4U);
  EXPECT_EQ(t.turns[0].label, "Dr. Jansen");
  EXPECT_DOUBLE_EQ(*t.turns[1].time, 760);
  EXPECT_EQ(t.turns[3].text, "Ja.\nMum: go away");  // a name heading one line only is talk
  EXPECT_EQ(t.roles, RoleSource::guessed);
  EXPECT_EQ(t.turns[0].speaker, Speaker::therapist);  // asks the questions
  EXPECT_EQ(t.turns[1].speaker, Speaker::patient);
  ASSERT_EQ(t.speakers.size(), 2U);
  EXPECT_TRUE(t.speakers[0].guessed);
  EXPECT_EQ(t.speakers[1].turns, 2U);
  ASSERT_FALSE(t.warnings.empty());
  EXPECT_NE(t.warnings.front().find("guessed"), std::string::npos);
}

TEST(Reader, GuessFillsOnlyTheMissingRole) {
  const auto t = parse("Therapist: How are you?\nAnna: Fine.\nTherapist: Sure?\nAnna: Yes, sure?\n");
  EXPECT_EQ(t.speakers[1].role, Speaker::patient);  // asks a question too, but T is labelled
  EXPECT_TRUE(t.speakers[1].guessed);
  EXPECT_FALSE(t.speakers[0].guessed);
  // naming only the patient: the therapist is still found
  ReaderOptions options;
  options.roles.therapist.clear();
  options.roles.patient = {"Anna"};
  options.roles.given = true;
  const auto named = parse("Dr. X: How are you?\nAnna: Fine.\nDr. X: Sure?\nAnna: Yes.\n", "t.txt", options);
  EXPECT_EQ(named.turns[0].speaker, Speaker::therapist);
  EXPECT_EQ(named.roles, RoleSource::guessed);
  EXPECT_FALSE(named.speakers[1].guessed);
}

TEST(Reader, GivenRolesAndOtherSpeakers) {
  ReaderOptions options;
  options.roles.therapist = {"Dr. Jansen"};
  options.roles.patient = {"Anna"};
  options.roles.given = true;
  const auto t =
      parse("Dr. Jansen: Welkom.\nAnna: Dank je.\nTolk: She says thank you.\nAnna: Ja.\nTolk: Yes.\n",
            "t.txt", options);
  ASSERT_EQ(t.turns.size(), 5U);
  EXPECT_EQ(t.roles, RoleSource::given);
  EXPECT_EQ(t.turns[2].speaker, Speaker::other);  // kept, reported, never tagged
  ASSERT_EQ(t.warnings.size(), 1U);
  EXPECT_NE(t.warnings[0].find("'Tolk' (2 turns) is neither"), std::string::npos);
}

TEST(Reader, DiarisationLabelsAndOwnLineNames) {
  const auto srt = parse(
      "1\n00:00:01,000 --> 00:00:02,000\n[SPEAKER_00]: How are you?\n\n"
      "2\n00:00:05,000 --> 00:00:06,000\n[SPEAKER_01] Fine.\n\n"
      "3\n00:00:06,500 --> 00:00:07,000\n[SPEAKER_01] Really.\n\n"
      "4\n00:00:08,000 --> 00:00:09,000\nSPEAKER_00: Good?\n",
      "x.srt");
  ASSERT_EQ(srt.turns.size(), 3U);
  EXPECT_EQ(srt.turns[1].text, "Fine. Really.");
  EXPECT_EQ(srt.turns[0].speaker, Speaker::therapist);
  // a 3-second gap before SPEAKER_01 answers is a pause cue at the start of the turn
  ASSERT_FALSE(srt.turns[1].cues.empty());
  EXPECT_EQ(srt.turns[1].cues[0].kind, CueKind::pause);
  EXPECT_DOUBLE_EQ(*srt.turns[1].cues[0].seconds, 3.0);
  // Otter-style: the name and the time on their own line, the words below
  const auto otter = parse(
      "Speaker 1  0:05\nHow are you?\n\nSpeaker 2  0:09\nOkay.\n\nSpeaker 1  0:12\nGood?\n\nSpeaker 2  "
      "0:14\nYes.\n");
  ASSERT_EQ(otter.turns.size(), 4U);
  EXPECT_EQ(otter.turns[1].label, "Speaker 2");
  EXPECT_DOUBLE_EQ(*otter.turns[1].time, 9);
  EXPECT_EQ(otter.turns[1].text, "Okay.");
}

TEST(Reader, VttNoteBlocksAndVoiceClasses) {
  const auto t = parse(
      "WEBVTT\n\nNOTE written by hand\n00:00:00.000 --> 00:00:01.000 is not a cue here\n\n"
      "00:00:01.000 --> 00:00:02.000\n<v.loud Anna Bakker>Hello?</v>\n\n"
      "00:00:02.000 --> 00:00:03.000\n<v Bert>Hi.</v>\n",
      "x.vtt");
  ASSERT_EQ(t.turns.size(), 2U);
  EXPECT_EQ(t.turns[0].label, "Anna Bakker");
  EXPECT_EQ(t.format, "vtt");
}

TEST(Reader, InputFormatOverridesDetection) {
  ReaderOptions options;
  options.format = TranscriptFormat::text;
  const auto t = parse("1\n00:00:01,000 --> 00:00:02,000\nT: hi\nP: ho\n", "x.srt", options);
  EXPECT_EQ(t.format, "text");
  EXPECT_EQ(t.turns.size(), 2U);
}

TEST(Reader, NamesLookLikeNames) {
  for (const char* name : {"Anna", "Dr. Jansen", "Mevr. de Vries", "Speaker 2", "SPEAKER_01", "Özlem"}) {
    EXPECT_TRUE(looks_like_name(name)) << name;
  }
  for (const char* not_name :
       {"so I said", "Note", "Datum", "Laughter", "he", "A very long name with words"}) {
    EXPECT_FALSE(looks_like_name(not_name)) << not_name;
  }
}

// ------------------------------------------------------------ streaming

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void expect_same_turns(const std::vector<Turn>& a, const std::vector<Turn>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE("turn " + std::to_string(i));
    EXPECT_EQ(a[i].speaker, b[i].speaker);
    EXPECT_EQ(a[i].label, b[i].label);
    EXPECT_EQ(a[i].text, b[i].text);
    EXPECT_EQ(a[i].line, b[i].line);
    EXPECT_EQ(a[i].end_line, b[i].end_line);
    EXPECT_EQ(a[i].time, b[i].time);
    EXPECT_EQ(a[i].cues, b[i].cues);
  }
}

void expect_same(const Transcript& a, const Transcript& b) {
  EXPECT_EQ(a.path, b.path);
  EXPECT_EQ(a.format, b.format);
  EXPECT_EQ(a.speakers, b.speakers);
  EXPECT_EQ(a.roles, b.roles);
  EXPECT_EQ(a.warnings, b.warnings);
  expect_same_turns(a.turns, b.turns);
}

std::vector<Turn> drain(TurnReader& reader) {
  std::vector<Turn> turns;
  while (auto turn = reader.next()) turns.push_back(std::move(*turn));
  return turns;
}

// The lines as split_lines() has always cut a whole file.
std::vector<std::string> reference_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (;;) {
    const std::size_t nl = text.find('\n', start);
    std::string line(text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  if (lines.back().empty()) lines.pop_back();
  return lines;
}

std::vector<std::string> all_lines(LineSource& source) {
  std::vector<std::string> lines;
  std::size_t number = 0;
  while (const auto line = source.next()) {
    EXPECT_EQ(line->number, ++number);
    lines.emplace_back(line->text);
  }
  return lines;
}

// Runs `work` with standard input read from `fd`.
void with_stdin(int fd, const std::function<void()>& work) {
  const int saved = ::dup(STDIN_FILENO);
  ASSERT_GE(saved, 0);
  ASSERT_EQ(::dup2(fd, STDIN_FILENO), STDIN_FILENO);
  try {
    work();
  } catch (...) {
    ::dup2(saved, STDIN_FILENO);
    ::close(saved);
    throw;
  }
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
}

// A text of `lines` lines of growing length: from empty to several times the 64 KiB chunk,
// so that lines, and "\r\n" pairs, straddle every chunk boundary somewhere.
std::string long_lines(std::size_t lines, std::string_view end) {
  std::string text;
  for (std::size_t i = 0; i < lines; ++i) {
    text += i % 2 == 0 ? "T: " : "P: ";
    text.append(i * 4099 % 200'000, i % 3 == 0 ? 'a' : 'b');
    text += end;
  }
  return text;
}

TEST(LineSource, CutsLinesAsAWholeFileWouldBeCut) {
  const test::TempDir dir;
  const std::string chunk_edge = std::string(65'535, 'x') + "\r\n" + std::string(65'534, 'y') + "\r\r\nz";
  for (const std::string& text :
       {std::string(), std::string("\n"), std::string("a"), std::string("a\n"), std::string("a\n\n"),
        std::string("a\r\n\r"), std::string("a\r\r\n"), std::string("\r"), std::string("a\nb\r\n\r\nc"),
        chunk_edge, long_lines(40, "\n"), long_lines(40, "\r\n")}) {
    SCOPED_TRACE(text.substr(0, 20));
    const auto want = reference_lines(text);
    LineSource memory = LineSource::borrow(text);
    EXPECT_EQ(all_lines(memory), want);
    write_file(dir / "f.txt", text);
    LineSource file = LineSource::open((dir / "f.txt").string());
    EXPECT_EQ(file.head(5), std::string_view(text).substr(0, 5));
    EXPECT_EQ(all_lines(file), want);
    EXPECT_FALSE(file.next());  // and stays at the end
    file.rewind();
    EXPECT_EQ(all_lines(file), want);
  }
}

TEST(LineSource, DropPrefixLastsAcrossRewinds) {
  const test::TempDir dir;
  write_file(dir / "f.txt", "\xEF\xBB\xBFT: hi\nP: ho\n");
  LineSource file = LineSource::open((dir / "f.txt").string());
  file.drop_prefix(3);
  EXPECT_EQ(file.head(2), "T:");
  file.rewind();
  EXPECT_EQ(all_lines(file), (std::vector<std::string>{"T: hi", "P: ho"}));
  EXPECT_EQ(file.read_all(), "T: hi\nP: ho\n");
}

TEST(LineSource, DirectoriesAndMissingFilesAreInputErrors) {
  const test::TempDir dir;
  for (const std::string& path : {dir.path().string(), (dir / "missing.txt").string()}) {
    try {
      LineSource::open(path);
      ADD_FAILURE() << path;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ExitCode::input);
      EXPECT_EQ(e.where().file, path);
    }
  }
}

// The transcripts of every shape the reader knows, with the encodings and line ends it
// accepts.
std::vector<std::pair<std::string, std::string>> transcripts() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* example :
       {"examples/en/session.txt", "examples/nl/sessie.txt", "examples/formats/session.vtt",
        "examples/formats/session.srt", "examples/formats/jefferson-nl.txt"}) {
    const std::string text = read_bytes(std::string(RUPTAG_SOURCE_DIR) + "/" + example);
    const std::string name = std::filesystem::path(example).filename().string();
    out.emplace_back(name, text);
    std::string crlf;
    for (const char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    out.emplace_back(name, crlf);
    out.emplace_back(name, text.substr(0, text.find_last_not_of('\n') + 1));  // no final newline
    out.emplace_back(name, "\xEF\xBB\xBF" + text);
  }
  out.emplace_back("w.txt", "T: Hoe gaat het met de cli\xEBnt?\r\nP: Goed \x93zeker\x94\r\nT: Echt?");
  static constexpr char utf16[] = "\xFF\xFET\0:\0 \0h\0i\0?\0\n\0P\0:\0 \0h\0o\0";
  out.emplace_back("u.txt", std::string(utf16, sizeof utf16 - 1));
  out.emplace_back("long.txt", long_lines(30, "\r\n"));
  out.emplace_back("names.txt",
                   "Intake\nAnna: Hoe gaat het?\nBert: Goed.\nMum: go away\nAnna: Echt?\nBert: Ja.\n");
  return out;
}

TEST(TurnReader, AFileReadsAsTheSameBytesInMemory) {
  const test::TempDir dir;
  for (const auto& [name, text] : transcripts()) {
    SCOPED_TRACE(name + ": " + text.substr(0, 40));
    const std::string path = (dir / name).string();
    write_file(path, text);
    const Transcript memory = parse_transcript(text, path, {});
    expect_same(read_transcript(path, {}), memory);
    ASSERT_FALSE(memory.turns.empty());
    // and turn by turn
    TurnReader reader(path, {});
    Transcript header = memory;
    header.turns.clear();
    expect_same(reader.header(), header);
    expect_same_turns(drain(reader), memory.turns);
    EXPECT_FALSE(reader.next());
    TurnReader owned(std::string(text), path, {});
    expect_same_turns(drain(owned), memory.turns);
  }
}

TEST(TurnReader, HeaderHasTheSpeakersBeforeAnyTurn) {
  TurnReader reader(std::string("T: How are you?\nAnna: Fine.\nT: Sure?\nAnna: Yes.\nAnna: Really.\n"),
                    "t.txt", {});
  const Transcript& header = reader.header();
  EXPECT_TRUE(header.turns.empty());
  ASSERT_EQ(header.speakers.size(), 2U);
  EXPECT_EQ(header.speakers[1].name, "Anna");
  EXPECT_EQ(header.speakers[1].turns, 3U);
  EXPECT_EQ(header.roles, RoleSource::guessed);
  TurnReader moved = std::move(reader);
  const auto first = moved.next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->speaker, Speaker::therapist);
  const auto second = moved.next();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->speaker, Speaker::patient);
  EXPECT_EQ(second->line, 2U);
}

TEST(TurnReader, StandardInputFromAFileOrAPipe) {
  const test::TempDir dir;
  const std::string text = "ignored line\nT: How are you?\r\nP: Fine.\r\n";
  const Transcript want = parse_transcript(text.substr(13), "<stdin>", {});
  write_file(dir / "in.txt", text);
  // `< file`, read from where standard input stands (here past a line another program read)
  const int fd = ::open((dir / "in.txt").c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::lseek(fd, 13, SEEK_SET), 13);
  with_stdin(fd, [&] { expect_same(read_transcript("-", {}), want); });
  ::close(fd);
  // a pipe is read whole
  int ends[2];
  ASSERT_EQ(::pipe(ends), 0);
  ASSERT_EQ(::write(ends[1], text.data() + 13, text.size() - 13), static_cast<ssize_t>(text.size() - 13));
  ::close(ends[1]);
  with_stdin(ends[0], [&] { expect_same(read_transcript("-", {}), want); });
  ::close(ends[0]);
}

TEST(TurnReader, ScanErrorsKeepFileLineAndColumn) {
  const test::TempDir dir;
  ReaderOptions strict;
  strict.strict = true;
  const std::string long_line = "P: " + std::string(100'000, 'a');
  struct Case {
    std::string bytes;
    bool strict;
    std::size_t line;
    std::size_t column;
    std::string message;
  };
  const std::vector<Case> cases{
      {std::string("T: ok\r\nP: a\0b\r\n", 15), false, 2, 5, "a NUL byte"},
      {std::string("\xEF\xBB\xBFT: \0", 7), false, 1, 4, "a NUL byte"},  // columns after the BOM
      {"T: ok\n" + long_line + "\n" + long_line + std::string(1, '\0'), false, 3, 100'004, "a NUL byte"},
      {"T: ok\r\nP: cli\xEBnt\r\n", true, 2, 7, "not valid UTF-8 (byte 0xEB)"},
      {"T: \xE9\nP: a" + std::string(1, '\0'), false, 2, 5, "a NUL byte"},  // a NUL before bad UTF-8
      {"", false, 0, 0, "the file is empty"},
      {" \r\n\t\n", false, 0, 0, "the file contains only blank lines"},
      {"just text\n", false, 0, 0, "no speaker turn found (read as text)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.message);
    const std::string path = (dir / "bad.txt").string();
    write_file(path, c.bytes);
    for (const bool from_file : {true, false}) {
      try {
        if (from_file) {
          TurnReader reader(path, c.strict ? strict : ReaderOptions{});
        } else {
          parse_transcript(c.bytes, path, c.strict ? strict : ReaderOptions{});
        }
        ADD_FAILURE() << "no error";
      } catch (const Error& e) {
        EXPECT_EQ(e.code(), ExitCode::input);
        EXPECT_EQ(e.where(), (Location{path, c.line, c.column}));
        EXPECT_EQ(e.message().rfind(c.message, 0), 0U) << e.message();
      }
    }
  }
}

TEST(TurnReader, Windows1252IsNamedAtItsFirstLineAndDecodedThroughout) {
  const test::TempDir dir;
  // a valid UTF-8 "é" before the first Windows-1252 byte is read as Windows-1252 too
  const std::string text =
      "Ren\xC3\xA9: Hoe gaat het?\nAnna: Goed.\nRen\xC3\xA9: En met de cli\xEBnt?\nAnna: Ja.\n";
  write_file(dir / "w.txt", text);
  const Transcript t = read_transcript((dir / "w.txt").string(), {});
  ASSERT_EQ(t.turns.size(), 4U);
  EXPECT_EQ(t.turns[0].label, "Ren\xC3\x83\xC2\xA9");
  EXPECT_EQ(t.turns[2].text, "En met de cli\xC3\xABnt?");
  ASSERT_FALSE(t.warnings.empty());
  EXPECT_EQ(t.warnings[0],
            (dir / "w.txt").string() + ": not valid UTF-8 (first at line 3); read as Windows-1252");
}

TEST(Reader, CountsAtMostSoManyCandidateNames) {
  // 65,536 names are counted; a name first seen after them never starts a turn.
  std::string text;
  for (int i = 0; i < 65'540; ++i) {
    const std::string line = "Speaker " + std::to_string(i) + ": hi\n";
    text += line + line;
  }
  const Transcript t = parse_transcript(text, "many.txt", {});
  ASSERT_EQ(t.turns.size(), 2U * 65'536);
  EXPECT_EQ(t.turns.back().label, "Speaker 65535");
  EXPECT_EQ(t.turns.back().text,
            "hi\nSpeaker 65536: hi\nSpeaker 65536: hi\nSpeaker 65537: hi\nSpeaker 65537: hi\n"
            "Speaker 65538: hi\nSpeaker 65538: hi\nSpeaker 65539: hi\nSpeaker 65539: hi");
}

}  // namespace
}  // namespace ruptag
