// The UI strings of ui/: every language agrees with English, plural rules, numbers and
// times as each language writes them, the fallback to English, and reports in Dutch.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "ruptag/error.hpp"
#include "ruptag/render.hpp"
#include "ruptag/ui_messages.hpp"
#include "ruptag/ui_text.hpp"

namespace ruptag {
namespace {

using fmt::arg;

std::vector<UiMessages> source_files() {
  std::vector<std::string> paths;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(RUPTAG_SOURCE_DIR) / "ui")) {
    if (entry.path().extension() == ".yaml") paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<UiMessages> files;
  files.reserve(paths.size());
  for (const auto& path : paths) files.push_back(load_ui_messages(path));
  return files;
}

const UiMessages& english_of(const std::vector<UiMessages>& files) {
  const auto en =
      std::find_if(files.begin(), files.end(), [](const UiMessages& f) { return f.language == "en"; });
  if (en == files.end()) throw std::runtime_error("no ui/en.yaml");
  return *en;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

// ---- the files of ui/ --------------------------------------------------------------

TEST(UiFiles, EveryLanguageHasEveryMessageWithTheSamePlaceholders) {
  const auto files = source_files();
  ASSERT_GE(files.size(), 2U);
  const auto problems = check_ui_messages(english_of(files), files);
  EXPECT_TRUE(problems.empty()) << joined(problems);
}

TEST(UiFiles, EnglishHasExactlyTheMessagesTheCodeUses) {
  const auto files = source_files();
  const UiMessages& en = english_of(files);
  std::set<std::string> known;
  for (std::size_t i = 0; i < msg_count; ++i) {
    const std::string key(key_of(static_cast<Msg>(i)));
    known.insert(key);
    EXPECT_NE(en.find(key), nullptr) << "ui/en.yaml lacks " << key;
  }
  for (const UiMessage& m : en.messages) EXPECT_TRUE(known.contains(m.key)) << "no Msg for " << m.key;
}

TEST(UiFiles, TheBinaryHoldsEveryFileAsWritten) {
  const auto files = source_files();
  std::vector<std::string> languages;
  languages.reserve(files.size());
  for (const auto& f : files) languages.push_back(f.language);
  std::sort(languages.begin(), languages.end());
  EXPECT_EQ(ui_languages(), languages);
  for (const auto& file : files) {
    const auto& embedded = detail::embedded_ui_messages();
    const auto same = std::find_if(embedded.begin(), embedded.end(),
                                   [&](const UiMessages& e) { return e.language == file.language; });
    ASSERT_NE(same, embedded.end()) << file.language;
    EXPECT_EQ(same->decimal_separator, file.decimal_separator);
    EXPECT_EQ(same->group_separator, file.group_separator);
    EXPECT_EQ(same->plural_rules, file.plural_rules);
    ASSERT_EQ(same->messages.size(), file.messages.size()) << file.language;
    for (std::size_t i = 0; i < file.messages.size(); ++i) {
      EXPECT_EQ(same->messages[i].key, file.messages[i].key);
      EXPECT_EQ(same->messages[i].forms, file.messages[i].forms) << file.messages[i].key;
    }
  }
}

// ---- checking a language against English -------------------------------------------

constexpr std::string_view english_yaml = R"(language: en
plural: {one: "n = 1"}
messages:
  hello: "Hello {name}"
  count:
    turns: {one: "{n} turn", other: "{n} turns"}
)";

std::vector<std::string> problems_of(const std::string& other_yaml) {
  const UiMessages en = parse_ui_messages(english_yaml, "en.yaml");
  return check_ui_messages(en, {parse_ui_messages(other_yaml, "xx.yaml")});
}

TEST(UiCheck, AgreeingFilesHaveNoProblem) {
  EXPECT_EQ(joined(problems_of(R"(language: xx
plural: {one: "n = 1"}
messages:
  hello: "Hallo {name}"
  count: {turns: {one: "{n} beurt", other: "{n} beurten"}}
)")),
            "");
}

TEST(UiCheck, AMissingMessageIsAProblem) {
  const auto problems = problems_of(R"(language: xx
plural: {one: "n = 1"}
messages:
  count: {turns: {one: "{n} beurt", other: "{n} beurten"}}
)");
  ASSERT_EQ(problems.size(), 1U) << joined(problems);
  EXPECT_EQ(problems[0], "xx.yaml: message 'hello' is missing (en.yaml:4 has it)");
}

TEST(UiCheck, OtherPlaceholdersAreAProblem) {
  const auto problems = problems_of(R"(language: xx
plural: {one: "n = 1"}
messages:
  hello: "Hallo {naam}"
  count: {turns: {one: "{n} beurt", other: "{n} beurten"}}
)");
  ASSERT_EQ(problems.size(), 1U) << joined(problems);
  EXPECT_EQ(problems[0], "xx.yaml:4: message 'hello' has the placeholders {naam}; en.yaml has {name}");
}

TEST(UiCheck, AFormMayLeaveTheNumberOutButNotAddAPlaceholder) {
  EXPECT_TRUE(problems_of(R"(language: xx
plural: {one: "n = 1"}
messages:
  hello: "Hallo {name}"
  count: {turns: {one: "één beurt", other: "{n} beurten"}}
)")
                  .empty());
  EXPECT_EQ(problems_of(R"(language: xx
plural: {one: "n = 1"}
messages:
  hello: "Hallo {name}"
  count: {turns: {one: "{n} beurt {x}", other: "{n} beurten"}}
)")
                .size(),
            1U);
}

TEST(UiCheck, APluralNeedsAFormForEachCategoryOfItsLanguage) {
  // a language with one, few and many (as Polish) must give all of them
  auto problems = problems_of(R"(language: xx
plural: {one: "i = 1 and v = 0", few: "v = 0 and i % 10 = 2..4 and i % 100 != 12..14"}
messages:
  hello: "Cześć {name}"
  count: {turns: {one: "{n} tura", other: "{n} tury"}}
)");
  ASSERT_EQ(problems.size(), 1U) << joined(problems);
  EXPECT_NE(problems[0].find("message 'count.turns' is a plural: give the forms one, few, other"),
            std::string::npos)
      << problems[0];
  // a plain text where English has forms, and forms where English has one text
  problems = problems_of(R"(language: xx
plural: {one: "n = 1"}
messages:
  hello: {one: "Hallo {name}", other: "Hallo {name}"}
  count: {turns: "{n} beurten"}
)");
  EXPECT_EQ(problems.size(), 2U) << joined(problems);
}

TEST(UiCheck, AMessageEnglishDoesNotHaveIsAProblem) {
  const auto problems = problems_of(R"(language: xx
plural: {one: "n = 1"}
messages:
  hello: "Hallo {name}"
  helo: "Hallo"
  count: {turns: {one: "{n} beurt", other: "{n} beurten"}}
)");
  ASSERT_EQ(problems.size(), 1U) << joined(problems);
  EXPECT_EQ(problems[0], "xx.yaml:5: message 'helo' is not in en.yaml");
}

// ---- reading a file ----------------------------------------------------------------

std::string parse_problem(const std::string& yaml) {
  try {
    parse_ui_messages(yaml, "xx.yaml");
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::input);
    return e.what();
  }
  return {};
}

TEST(UiParse, SaysWhatIsWrongWithFileAndLine) {
  EXPECT_NE(parse_problem("language: xx\nmessages:\n  a: \"{}\"\n")
                .find("xx.yaml:3: message 'a': '{}' is not a named"),
            std::string::npos);
  EXPECT_NE(parse_problem("language: xx\nmessages:\n  a: \"{n:>3}\"\n").find("'{n:>3}' is not a named"),
            std::string::npos);
  EXPECT_NE(parse_problem("language: xx\nmessages:\n  a: \"{n\"\n").find("a '{' without its '}'"),
            std::string::npos);
  EXPECT_NE(parse_problem("language: xx\nmessages:\n  a: \"n}\"\n").find("a '}' without its '{'"),
            std::string::npos);
  EXPECT_NE(
      parse_problem("language: xx\nplural: {one: \"n == 1\"}\n").find("xx.yaml:2: plural rule 'n == 1'"),
      std::string::npos);
  EXPECT_NE(
      parse_problem("language: xx\nplural: {other: \"n = 1\"}\n").find("'other' is not a plural category"),
      std::string::npos);
  EXPECT_NE(parse_problem("language: xx\nmesages: {}\n").find("xx.yaml:2: unknown key 'mesages'"),
            std::string::npos);
  EXPECT_NE(parse_problem("messages: {a: b}\n").find("does not say its language"), std::string::npos);
  EXPECT_NE(parse_problem("language: xx\nmessages: {a: [b]}\n").find("'a' must be a message text"),
            std::string::npos);
  EXPECT_NE(parse_problem("language: [").find("YAML syntax error"), std::string::npos);
  // every problem at once
  const std::string both = parse_problem("language: xx\nmessages:\n  a: \"{}\"\n  b: \"{\"\n");
  EXPECT_NE(both.find("xx.yaml:3:"), std::string::npos) << both;
  EXPECT_NE(both.find("xx.yaml:4:"), std::string::npos) << both;
  // literal braces are fine
  EXPECT_EQ(parse_problem("language: xx\nmessages:\n  a: \"{{literal}} {name}\"\n"), "");
}

TEST(UiParse, Placeholders) {
  EXPECT_EQ(*placeholders("{n} of {total}, {n} again"), (std::vector<std::string>{"n", "total"}));
  EXPECT_EQ(*placeholders("{{not}} one"), std::vector<std::string>{});
  EXPECT_FALSE(placeholders("{0}"));
  EXPECT_FALSE(placeholders("{1x}"));
}

// ---- plural rules --------------------------------------------------------------------

std::string categories_of(const std::vector<std::pair<std::string, std::string>>& rules, std::uint64_t n) {
  for (const auto& [name, text] : rules) {
    if (PluralRule::parse(text)->matches(n)) return name;
  }
  return "other";
}

TEST(PluralRule, CldrRulesForWholeNumbers) {
  const std::vector<std::pair<std::string, std::string>> english{{"one", "i = 1 and v = 0"}};
  EXPECT_EQ(categories_of(english, 0), "other");
  EXPECT_EQ(categories_of(english, 1), "one");
  EXPECT_EQ(categories_of(english, 2), "other");
  const std::vector<std::pair<std::string, std::string>> french{{"one", "i = 0,1"}};
  EXPECT_EQ(categories_of(french, 0), "one");
  EXPECT_EQ(categories_of(french, 2), "other");
  const std::vector<std::pair<std::string, std::string>> polish{
      {"one", "i = 1 and v = 0"},
      {"few", "v = 0 and i % 10 = 2..4 and i % 100 != 12..14 @integer 2~4, 22~24"},
      {"many",
       "v = 0 and i != 1 and i % 10 = 0..1 or v = 0 and i % 10 = 5..9 or v = 0 and i % 100 = 12..14"}};
  EXPECT_EQ(categories_of(polish, 1), "one");
  EXPECT_EQ(categories_of(polish, 3), "few");
  EXPECT_EQ(categories_of(polish, 13), "many");
  EXPECT_EQ(categories_of(polish, 22), "few");
  EXPECT_EQ(categories_of(polish, 25), "many");
  EXPECT_EQ(categories_of(polish, 0), "many");
  std::string why;
  EXPECT_FALSE(PluralRule::parse("", &why));
  EXPECT_FALSE(PluralRule::parse("x = 1", &why));
  EXPECT_NE(why.find("'x' is not an operand"), std::string::npos);
  EXPECT_FALSE(PluralRule::parse("n = 1 but n = 2", &why));
  EXPECT_FALSE(PluralRule::parse("n % 0 = 1", &why));
  EXPECT_FALSE(PluralRule::parse("n = 4..2", &why));
}

// ---- numbers, times and plurals as each language writes them ---------------------------

TEST(UiText, NumbersAndTimes) {
  const UiText& en = ui_text("en");
  const UiText& nl = ui_text("nl");
  EXPECT_EQ(en.fixed(100.0 / 3, 1), "33.3");
  EXPECT_EQ(nl.fixed(100.0 / 3, 1), "33,3");
  EXPECT_EQ(nl.fixed(12345.678, 2), "12.345,68");
  EXPECT_EQ(en.fixed(12345.678, 2), "12,345.68");
  EXPECT_EQ(nl.fixed(0.04, 0), "0");
  EXPECT_EQ(en.integer(1234), "1234");
  EXPECT_EQ(en.integer(12345), "12,345");
  EXPECT_EQ(nl.integer(1234567), "1.234.567");
  EXPECT_EQ(en.percent(0.846), "85%");
  EXPECT_EQ(nl.percent(1.0 / 3), "33%");
  EXPECT_EQ(nl.shortest(2.5), "2,5");
  EXPECT_EQ(en.shortest(2.5), "2.5");
  EXPECT_EQ(nl.shortest(1), "1");
  EXPECT_EQ(nl.time(62.9), "1:02");
  EXPECT_EQ(en.time(3723), "1:02:03");
}

TEST(UiText, DutchPluralsAndWords) {
  const UiText& nl = ui_text("nl");
  EXPECT_EQ(nl.count(Msg::count_turns, 1), "1 beurt");
  EXPECT_EQ(nl.count(Msg::count_turns, 0), "0 beurten");
  EXPECT_EQ(nl.count(Msg::count_turns, 12345), "12.345 beurten");
  EXPECT_EQ(nl.count(Msg::count_patient_turns, 3), "3 patiëntbeurten");
  EXPECT_EQ(nl.count(Msg::text_unaddressed, 1),
            "afloop: niet opgepakt (geen reparatie in de eerstvolgende therapeutbeurt)");
  EXPECT_EQ(nl[Msg::status_resolved], "hersteld");
  EXPECT_EQ(ui_text("en").count(Msg::count_ruptures, 1), "1 rupture");
}

TEST(UiText, AnUnknownLanguageIsEnglish) {
  EXPECT_EQ(ui_text("de").language(), "en");
  EXPECT_EQ(ui_text("").language(), "en");
}

TEST(UiText, WhatALanguageLacksComesFromEnglish) {
  const UiMessages en = parse_ui_messages(R"(language: en
messages:
  line: "line {line}"
  lines: "lines {range}"
  none: none
)",
                                          "en.yaml");
  const UiMessages xx = parse_ui_messages(R"(language: xx
messages:
  line: "Zeile {zeile}"
  none: keine
)",
                                          "xx.yaml");
  const UiText ui(xx, en);
  EXPECT_EQ(ui.format(Msg::line, arg("line", 7)), "line 7");           // a placeholder the code does not give
  EXPECT_EQ(ui.format(Msg::lines, arg("range", "1-2")), "lines 1-2");  // missing
  EXPECT_EQ(ui[Msg::none], "keine");
  const UiText escaped = ui.transformed([](std::string_view t) {
    std::string out = "[";
    out.append(t).append("]");
    return out;
  });
  EXPECT_EQ(escaped[Msg::none], "[keine]");
}

TEST(UiText, CuesInTheLanguageOfTheReport) {
  const auto cue = [](CueKind kind, std::optional<double> seconds = std::nullopt) {
    Cue c;
    c.kind = kind;
    c.seconds = seconds;
    return c;
  };
  const UiText& nl = ui_text("nl");
  EXPECT_EQ(describe_cues(nl, {cue(CueKind::laughter), cue(CueKind::pause, 2.5), cue(CueKind::laughter)}),
            "signalen: lachen, pauze 2,5 s");
  EXPECT_EQ(describe_cues(nl, {cue(CueKind::sigh)}), "signaal: zucht");
  EXPECT_EQ(describe_cues(ui_text("en"), {cue(CueKind::pause, 2.0)}), "cue: pause 2 s");
  EXPECT_EQ(describe_cues(ui_text("en"), {cue(CueKind::laughter), cue(CueKind::pause, 2.5)}),
            "cue: laughter, pause 2.5 s");
  EXPECT_EQ(describe_cues(nl, {}), "");
}

// ---- reports in Dutch ----------------------------------------------------------------

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(UiReports, TheTextReportInDutch) {
  auto r = test::run_ruptag("tag --ui-lang nl --rules packs/basic transcripts/basic.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const std::string expected :
       {"== transcripts/basic.txt  (en, 6 beurten)\n",
        "   2 barsten: 1 terugtrekbarst, 1 confrontatiebarst (66,7 per 100 patiëntbeurten); 1 reparatie\n",
        "   opgepakt: 1 van de 2 (50%), hersteld: 1 (50%)\n",
        "; langste reeks barsten zonder reparatie: 1 beurt, regel 6\n", "regel 4  0:09  patiënt\n",
        "    waarom: regel minimal-response.short herkende \"Dunno\"\n",
        "    afloop: hersteld met Focus on the relationship (focus-relationship) op regel",
        "    afloop: niet opgepakt (geen reparatie in de volgende 3 therapeutbeurten)\n",
        "    probeer: Focus on the relationship: \"I think"}) {
    EXPECT_TRUE(contains(r.out, expected)) << expected << "\n" << r.out;
  }
  // the English pack's report is English without --ui-lang
  r = test::run_ruptag("tag --rules packs/basic transcripts/basic.txt");
  EXPECT_TRUE(contains(r.out, "(66.7 per 100 patient turns)")) << r.out;
}

TEST(UiReports, CommandLine) {
  auto r = test::run_ruptag("tag --ui-lang xx --rules packs/basic transcripts/basic.txt");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "--ui-lang")) << r.err;
  r = test::run_ruptag("explain --lang nl denial");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "terugtrekmarker (nl ")) << r.out;
  EXPECT_TRUE(contains(r.out, "Voorbeelden:")) << r.out;
  r = test::run_ruptag("explain --lang nl --ui-lang en denial");
  EXPECT_TRUE(contains(r.out, "withdrawal marker (nl ")) << r.out;
  EXPECT_TRUE(contains(r.out, "Examples:")) << r.out;
  // machine formats do not change with the language of the words around them
  const auto plain = test::run_ruptag("tag --format json --rules packs/basic transcripts/basic.txt");
  const auto dutch =
      test::run_ruptag("tag --format json --ui-lang nl --rules packs/basic transcripts/basic.txt");
  EXPECT_EQ(plain.out, dutch.out);
}

}  // namespace
}  // namespace ruptag
