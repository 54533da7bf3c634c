// The UI strings of ui/: every language agrees with English, plural rules, numbers and
// times as each language writes them, the fallback to English, and reports in Dutch.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "ruptag/error.hpp"
#include "ruptag/render.hpp"
#include "ruptag/report.hpp"
#include "ruptag/ui_messages.hpp"
#include "ruptag/ui_text.hpp"
#include "test_support.hpp"

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
  for (const UiMessage& m : en.messages) EXPECT_TRUE(known.count(m.key) > 0) << "no Msg for " << m.key;
}

TEST(UiFiles, TheBinaryHoldsEveryFileAsWritten) {
  const auto files = source_files();
  std::vector<std::string> languages;
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

const std::string english_yaml = R"(language: en
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

// ---- reports in Dutch ----------------------------------------------------------------

const std::string pack_yaml = R"(
questions: {open: [what, how]}
conditions:
  open-question: {question: open}
  collaboration: {words: {min: 6}}
markers:
  - id: minimal-response
    name: Minimal response
    description: d
    repairs: [focus-relationship]
    rules:
      - {id: mr, words: {max: 2}, after: open-question}
  - id: complaint-therapist
    name: Complaint about the therapist
    description: d
    repairs: [focus-relationship]
    rules:
      - {id: ct, cue: ["pause >= 2s", laughter], words: {max: 2}}
interventions:
  - id: focus-relationship
    name: Focus on the relationship
    description: d
    examples: [Something is going on between us.]
    rules:
      - {id: fr, terms: [between us]}
)";

FileReport dutch_session_report() {
  static const Tagger tagger = test::tagger_from(pack_yaml);
  FileReport report =
      build_report(test::transcript("[00:00:05] T: What brings you here?\n"
                                    "[00:00:09] P: Dunno.\n"
                                    "[00:00:15] T: Something between us feels stuck.\n"
                                    "[00:00:21] P: Well, I suppose I have been holding back.\n"
                                    "[00:00:30] T: So.\n"
                                    "[00:00:36] P: Yes. (laughs) (2.5)\n"),
                   tagger);
  report.language = "nl";  // as if a Dutch pack had been used
  return report;
}

std::string render(const FileReport& report, Format format, const std::string& ui_language = {}) {
  RenderOptions options;
  options.format = format;
  options.ui_language = ui_language;
  options.width = 200;
  std::ostringstream out;
  const auto renderer = make_renderer(options, out);
  renderer->begin();
  renderer->file(report);
  renderer->end();
  return out.str();
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(UiReports, TheTextReportIsInThePacksLanguage) {
  const std::string text = render(dutch_session_report(), Format::text);
  EXPECT_TRUE(contains(text, "(nl, 6 beurten)")) << text;
  EXPECT_TRUE(contains(text,
                       "2 barsten: 1 terugtrekbarst, 1 confrontatiebarst (66,7 per 100 patiëntbeurten); "
                       "1 reparatie"))
      << text;
  EXPECT_TRUE(contains(text, "opgepakt: 1 van de 2 (50%), hersteld: 1 (50%)")) << text;
  EXPECT_TRUE(contains(text, "regel 2  0:09  patiënt")) << text;
  EXPECT_TRUE(contains(text, "waarom: regel mr herkende \"Dunno\"\n")) << text;
  EXPECT_TRUE(contains(text, "waarom: regel ct herkende \"(laughs) … (2.5)\"; signalen: lachen, pauze 2,5 s"))
      << text;
  EXPECT_TRUE(
      contains(text,
               "afloop: hersteld met Focus on the relationship (focus-relationship) op regel 3, 1 beurt "
               "later"))
      << text;
  EXPECT_TRUE(contains(text, "afloop: niet opgepakt (geen reparatie in de volgende 3 therapeutbeurten)"))
      << text;
  EXPECT_TRUE(contains(text, "probeer: Focus on the relationship: \"Something is going on between us.\""))
      << text;
  // --ui-lang overrides the pack's language
  const std::string english = render(dutch_session_report(), Format::text, "en");
  EXPECT_TRUE(contains(english, "(nl, 6 turns)")) << english;
  EXPECT_TRUE(contains(english, "(66.7 per 100 patient turns)")) << english;
}

TEST(UiReports, TheHtmlReportIsInThePacksLanguage) {
  const std::string html = render(dutch_session_report(), Format::html);
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">")) << html.substr(0, 60);
  for (const std::string expected :
       {"<title>ruptag-rapport</title>", "<h1>Rapport alliantiebarsten</h1>", "Safran &amp; Muran en het 3RS",
        "<span>Taal <b>nl</b></span>", "<span class=\"num\">66,7</span>",
        "<span class=\"lbl\">per 100 patiëntbeurten", "<h3>Tijdlijn</h3>", "<h3>Transcript</h3>",
        "<a class=\"ln\" href=\"#L2\">regel 2</a>", "<span class=\"spk\">patiënt</span>",
        "<span class=\"badge resolved\">hersteld</span> met <strong>",
        "<a href=\"#L3\">regel 3</a>, 1 beurt later; daarna werkte de patiënt weer mee",
        "<span class=\"badge unaddressed\">niet opgepakt</span> geen reparatie in de volgende 3 "
        "therapeutbeurten",
        "regel <code>ct</code> herkende <q>(laughs) … (2.5)</q> · signalen: lachen, pauze 2,5 s · sterkte 1",
        "Reageert op</span><span class=\"v\">Minimal response op <a href=\"#L2\">regel 2</a> (hersteld)",
        ">Terugtrekking</text>", ">tijd</text>", "Gemaakt met ruptag"}) {
    EXPECT_TRUE(contains(html, expected)) << expected;
  }
  for (const std::string english : {">Timeline<", "Why<", "Outcome<", ">line ", "patient turns"}) {
    EXPECT_FALSE(contains(html, english)) << english;
  }
}

TEST(UiReports, EachFileOfABatchInItsOwnLanguage) {
  FileReport english = dutch_session_report();
  english.language = "en";
  RenderOptions options;
  options.format = Format::html;
  std::ostringstream out;
  const auto renderer = make_renderer(options, out);
  renderer->begin();
  renderer->failed("missing.txt", "cannot open");  // waits for the first file's language
  renderer->file(dutch_session_report());
  renderer->file(english);
  renderer->end();
  const std::string html = out.str();
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
  EXPECT_TRUE(contains(html, "<strong>Kon niet worden gelezen.</strong> cannot open"));
  EXPECT_TRUE(contains(html, "<section class=\"file\" id=\"file-2\" aria-labelledby=\"file-2-title\">\n"));
  EXPECT_TRUE(
      contains(html, "<section class=\"file\" id=\"file-3\" aria-labelledby=\"file-3-title\" lang=\"en\">"));
  EXPECT_TRUE(contains(html, "<h3>Timeline</h3>"));
  EXPECT_TRUE(contains(html, "<h3>Tijdlijn</h3>"));
  EXPECT_TRUE(contains(html, "<h2>3 bestanden</h2>"));
  EXPECT_LT(html.find("id=\"file-1\""), html.find("id=\"file-2\""));
}

TEST(UiReports, CommandLine) {
  auto r = test::run_ruptag("tag --ui-lang nl --rules packs/basic transcripts/basic.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "regel 4  0:09  patiënt")) << r.out;
  r = test::run_ruptag("tag --ui-lang xx --rules packs/basic transcripts/basic.txt");
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
