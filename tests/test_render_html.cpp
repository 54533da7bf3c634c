// The HTML report: escaping, highlighting, self-containment, redaction, determinism.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "ruptag/render_html.hpp"
#include "ruptag/report.hpp"
#include "ruptag/ui_text.hpp"
#include "test_support.hpp"

namespace ruptag {
namespace {

const std::string pack_yaml = R"(
questions: {open: [what, how], closed: [do you]}
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
      - {id: ct, terms: [you never listen], weight: 0.8}
interventions:
  - id: focus-relationship
    name: Focus on the relationship
    description: d
    examples: [Something is going on between us.]
    rules:
      - {id: fr, terms: [between us]}
)";

// Every word of the transcripts below is absent from the report's own wording.
const std::string distinct_pack_yaml = R"(
conditions:
  collaboration: {words: {min: 3}}
markers:
  - id: denial
    name: Denial
    description: d
    repairs: [invite-feelings]
    rules:
      - {id: dn, terms: [zanzibar]}
  - id: complaint-progress
    name: Progress complaint
    description: d
    repairs: [adjust-goals-tasks]
    rules:
      - {id: cp, terms: [kumquat]}
interventions:
  - id: invite-feelings
    name: Invite
    description: d
    examples: [Marmalade orchestras everywhere.]
    rules:
      - {id: inv, terms: [marmalade]}
  - id: adjust-goals-tasks
    name: Adjust
    description: d
    examples: [Quagmire cartography again.]
    rules:
      - {id: adj, terms: [quagmire]}
)";

const std::string session =
    "[00:00:05] T: What brings you here?\n"                                       // 1
    "[00:00:09] P: Dunno.\n"                                                      // 2 minimal response
    "[00:00:15] T: Something between us feels stuck.\n"                           // 3 repair
    "[00:00:21] P: Well, I suppose I have been holding back a lot lately.\n"      // 4
    "[00:00:30] T: How is that for you?\n"                                        // 5
    "[00:00:36] P: You never listen. <script>alert(\"x\")</script> & 'quoted'\n"  // 6 complaint
    "[00:00:44] T: Ok.\n";                                                        // 7

const std::string distinct_session =
    "[00:00:04] T: Marmalade orchestras hum beneath Aberdeen lighthouses.\n"  // 1 repair
    "[00:00:10] P: Zanzibar! Pelicans juggle turquoise umbrellas.\n"          // 2 denial
    "[00:00:19] T: Marmalade, perhaps quagmire.\n"                            // 3 two repairs
    "[00:00:31] P: Kumquat velociraptors, honestly.\n"                        // 4 complaint
    "[00:00:40] T: Quagmire cartography.\n"                                   // 5 repair
    "[00:00:52] P: Gondolas waltz dreamily beside xylophones.\n";             // 6

FileReport report_of(const std::string& yaml, const std::string& text) {
  static const Tagger plain = test::tagger_from(pack_yaml);
  static const Tagger distinct = test::tagger_from(distinct_pack_yaml);
  return build_report(test::transcript(text), yaml == pack_yaml ? plain : distinct);
}

std::string render(const std::vector<FileReport>& reports, bool redact = false,
                   const std::vector<std::string>& failures = {}, const std::string& ui_language = {}) {
  RenderOptions options;
  options.format = Format::html;
  options.redact = redact;
  options.ui_language = ui_language;
  std::ostringstream out;
  const auto renderer = make_renderer(options, out);
  renderer->begin();
  for (const auto& r : reports) renderer->file(r);
  for (const auto& f : failures) renderer->failed(f, "cannot open: No such file or directory");
  renderer->end();
  return out.str();
}

std::string render_one(const std::string& text = session, bool redact = false,
                       const std::string& ui_language = {}) {
  return render({report_of(pack_yaml, text)}, redact, {}, ui_language);
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : text + " ") {
    if (std::isalpha(static_cast<unsigned char>(c)) != 0) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  return words;
}

// Whether `word` occurs in `text` as a whole word, ignoring case.
bool has_word(const std::string& text, const std::string& word) {
  const std::string t = lower(text);
  const std::string w = lower(word);
  for (auto at = t.find(w); at != std::string::npos; at = t.find(w, at + 1)) {
    const bool starts = at == 0 || std::isalpha(static_cast<unsigned char>(t[at - 1])) == 0;
    const bool ends =
        at + w.size() == t.size() || std::isalpha(static_cast<unsigned char>(t[at + w.size()])) == 0;
    if (starts && ends) return true;
  }
  return false;
}

// Every element closed in order (void and self-closed elements aside); an empty string
// when so, else what went wrong.
std::string unbalanced_tag(const std::string& html) {
  static const std::set<std::string> void_elements{"meta", "br", "hr", "img", "input", "link", "wbr"};
  std::vector<std::string> open;
  std::size_t at = 0;
  while ((at = html.find('<', at)) != std::string::npos) {
    const std::size_t close = html.find('>', at);
    if (close == std::string::npos) return "unterminated tag";
    const std::string tag = html.substr(at + 1, close - at - 1);
    at = close + 1;
    if (tag.starts_with("!")) continue;
    const bool closing = tag.starts_with("/");
    std::string name = tag.substr(closing ? 1 : 0);
    name = name.substr(0, name.find_first_of(" /\n"));
    if (closing) {
      if (open.empty() || open.back() != name)
        return "</" + name + "> closes <" + (open.empty() ? "" : open.back()) + ">";
      open.pop_back();
    } else if (!tag.ends_with("/") && void_elements.count(name) == 0) {
      open.push_back(name);
      if (name == "style") at = html.find("</style>", at);
    }
  }
  return open.empty() ? std::string() : "<" + open.back() + "> is not closed";
}

TEST(Html, IsOneWellFormedDocument) {
  const std::string html = render_one();
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">")) << html.substr(0, 80);
  EXPECT_TRUE(contains(html, "<meta charset=\"utf-8\"/>"));
  EXPECT_TRUE(html.ends_with("</html>\n"));
  EXPECT_EQ(unbalanced_tag(html), "");
  EXPECT_EQ(unbalanced_tag(render_one(session, true)), "");
}

TEST(Html, IsOneWellFormedDocumentInEveryLanguage) {
  for (const std::string& language : ui_languages()) {
    const std::string html = render_one(session, false, language);
    EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"" + language + "\">")) << html.substr(0, 80);
    EXPECT_EQ(unbalanced_tag(html), "") << language;
    EXPECT_EQ(unbalanced_tag(render_one(session, true, language)), "") << language;
    EXPECT_EQ(unbalanced_tag(render({report_of(pack_yaml, session)}, false, {"missing.txt"}, language)), "");
  }
  EXPECT_TRUE(contains(render_one(session, false, "nl"), "<h3>Tijdlijn</h3>"));
}

TEST(Html, EscapesTranscriptText) {
  const std::string html = render_one();
  EXPECT_FALSE(contains(html, "<script"));
  EXPECT_FALSE(contains(html, "alert(\"x\")"));
  EXPECT_TRUE(contains(html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;"))
      << html;
}

TEST(Html, EscapeFunction) {
  EXPECT_EQ(html_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
  EXPECT_EQ(html_escape("tab\tline\n"), "tab\tline\n");
  EXPECT_EQ(html_escape(std::string("x\x01y\x7F", 4)), "x\xEF\xBF\xBDy\xEF\xBF\xBD");
  EXPECT_EQ(html_escape("\xC2\x85 \xC3\xAB"), "\xEF\xBF\xBD \xC3\xAB");  // C1 control; ë is kept
}

TEST(Html, HighlightsTheSpansOfEachCategory) {
  const std::string html = render_one();
  EXPECT_TRUE(contains(html, "<mark class=\"withdrawal\" title=\"Minimal response\">Dunno</mark>.")) << html;
  EXPECT_TRUE(contains(html, "<mark class=\"repair\" title=\"Focus on the relationship\">between us</mark>"));
  EXPECT_TRUE(contains(html,
                       "<mark class=\"confrontation\" title=\"Complaint about the therapist\">"
                       "You never listen</mark>. &lt;script&gt;"));
}

TEST(Html, NotesSayWhyTheOutcomeAndWhatToTry) {
  const std::string html = render_one();
  EXPECT_TRUE(contains(html, "rule <code>mr</code> matched <q>Dunno</q>")) << html;
  EXPECT_TRUE(contains(html,
                       "<span class=\"badge resolved\">resolved</span> by <strong>Focus on the "
                       "relationship</strong> at <a href=\"#L3\">line 3</a>, 1 turn later"));
  EXPECT_TRUE(contains(html,
                       "<span class=\"badge unaddressed\">unaddressed</span> no repair in the next 3 "
                       "therapist turns"));
  EXPECT_TRUE(contains(html,
                       "<strong>Focus on the relationship</strong> <code>focus-relationship</code>"
                       "<q>Something is going on between us.</q>"));
  EXPECT_TRUE(contains(
      html, "Answers</span><span class=\"v\">Minimal response at <a href=\"#L2\">line 2</a> (resolved)"));
  EXPECT_TRUE(contains(html, "<span class=\"time\">0:36</span>"));
}

TEST(Html, TimelineMarksLinkToTheirTurns) {
  const std::string html = render_one();
  EXPECT_TRUE(contains(html, "<svg class=\"tl\""));
  for (const std::string line : {"2", "3", "6"}) {
    EXPECT_TRUE(contains(html, "<a href=\"#L" + line + "\"><")) << line;
    EXPECT_TRUE(contains(html, "id=\"L" + line + "\"")) << line;
  }
  EXPECT_TRUE(contains(html, "<title>Minimal response (minimal-response), line 2, 0:09: resolved</title>"));
  EXPECT_TRUE(contains(html, ">time</text>"));
  // three categories, three shapes
  EXPECT_TRUE(contains(html, "class=\"mk withdrawal\" d="));
  EXPECT_TRUE(contains(html, "class=\"mk confrontation\" d="));
  EXPECT_TRUE(contains(html, "<circle class=\"mk repair\""));
}

TEST(Html, TimelineByTurnWithoutTimestamps) {
  const std::string html = render_one("T: What now?\nP: Nothing.\nT: Between us, then.\n");
  EXPECT_TRUE(contains(html, ">turn</text>"));
  EXPECT_FALSE(contains(html, ">time</text>"));
}

TEST(Html, SelfContained) {
  for (const std::string& language : ui_languages()) {
    for (const bool redact : {false, true}) {
      const std::string html = render_one(session, redact, language);
      for (const std::string bad : {"http://", "https://", "src=", "<script", "@import", "<link", "//"}) {
        EXPECT_FALSE(contains(html, bad)) << bad;
      }
      for (std::size_t at = html.find("url("); at != std::string::npos; at = html.find("url(", at + 1)) {
        EXPECT_EQ(html.substr(at, 5), "url(#");
      }
      for (std::size_t at = html.find("href=\""); at != std::string::npos;
           at = html.find("href=\"", at + 1)) {
        EXPECT_EQ(html[at + 6], '#') << html.substr(at, 40);
      }
    }
  }
}

TEST(Html, RedactLeavesNoWordOfTheTranscript) {
  const FileReport r = report_of(distinct_pack_yaml, distinct_session);
  ASSERT_EQ(r.findings.size(), 6U);  // the pack fired on every patient and therapist turn it should
  for (const std::string& language : ui_languages()) {
    SCOPED_TRACE(language);
    const std::string plain = render({r}, false, {}, language);
    const std::string redacted = render({r}, true, {}, language);
    std::size_t words = 0;
    for (const Turn& turn : r.transcript.turns) {
      for (const std::string& word : words_of(turn.text)) {
        EXPECT_TRUE(has_word(plain, word)) << word;  // the check can see the words
        EXPECT_FALSE(has_word(redacted, word)) << word;
        ++words;
      }
    }
    EXPECT_GT(words, 20U);
    EXPECT_FALSE(contains(redacted, "<mark"));
    EXPECT_FALSE(contains(redacted, "<q>"));
    // what remains: the moments by line, names, ids, outcomes, times, the timeline
    EXPECT_TRUE(contains(redacted, "id=\"L2\""));
    EXPECT_TRUE(contains(redacted, "<span class=\"nm\">Denial</span><code>denial</code>"));
    EXPECT_TRUE(contains(redacted, "<span class=\"time\">0:10</span>"));
    EXPECT_TRUE(contains(redacted, "<svg class=\"tl\""));
    EXPECT_FALSE(contains(redacted, "id=\"L6\""));  // an unflagged turn is left out
  }
  const std::string redacted = render({r}, true);
  EXPECT_TRUE(contains(redacted, "<h3>Flagged moments</h3>"));
  EXPECT_TRUE(contains(redacted, "rule <code>dn</code> · strength 1"));
  const std::string dutch = render({r}, true, {}, "nl");
  EXPECT_TRUE(contains(dutch, "<h3>Gemarkeerde momenten</h3>"));
  EXPECT_TRUE(contains(dutch, "regel <code>dn</code> · sterkte 1"));
  EXPECT_TRUE(contains(dutch, "<strong>Afgeschermd.</strong>"));
}

TEST(Html, Deterministic) {
  const std::vector<FileReport> reports{report_of(pack_yaml, session),
                                        report_of(distinct_pack_yaml, distinct_session)};
  EXPECT_EQ(render(reports, false, {"missing.txt"}), render(reports, false, {"missing.txt"}));
  EXPECT_EQ(render({report_of(pack_yaml, session)}), render({report_of(pack_yaml, session)}));
}

TEST(Html, SeveralFilesGetSectionsUniqueAnchorsAndAContentsList) {
  const std::string html =
      render({report_of(pack_yaml, session), report_of(pack_yaml, session)}, false, {"missing <1>.txt"});
  EXPECT_TRUE(contains(html, "<section class=\"file\" id=\"file-1\""));
  EXPECT_TRUE(contains(html, "<section class=\"file\" id=\"file-2\""));
  EXPECT_TRUE(contains(html, "id=\"L2\""));
  EXPECT_TRUE(contains(html, "id=\"f2-L2\""));
  EXPECT_TRUE(contains(html, "<a href=\"#f2-L2\">"));
  EXPECT_TRUE(contains(html, "<nav class=\"toc\""));
  EXPECT_TRUE(contains(html, "<a href=\"#file-3\">missing &lt;1&gt;.txt</a>"));
  EXPECT_TRUE(
      contains(html, "<div class=\"error\" role=\"alert\"><strong>Could not be read.</strong> cannot open"));
  EXPECT_EQ(unbalanced_tag(html), "");
  // one file: no contents list
  EXPECT_FALSE(contains(render_one(), "<nav class=\"toc\""));
}

// A report of a Dutch pack is in Dutch (the pack here is English; the report follows the
// language it says it has).
FileReport dutch_report() {
  FileReport r = report_of(pack_yaml, session);
  r.language = "nl";
  return r;
}

TEST(Html, TheWordsOfADutchReportAreDutch) {
  const std::string html = render({dutch_report()});
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">")) << html.substr(0, 60);
  for (
      const std::string expected :
      {"<title>ruptag-rapport</title>",
       "<h1>Rapport alliantiebarsten</h1>",
       "Safran &amp; Muran en het 3RS",
       "<span>Taal <b>nl</b></span>",
       "<span>7 beurten (3 van de patiënt, 4 van de therapeut)</span>",
       "<span class=\"num\">66,7</span><span class=\"lbl\">per 100 patiëntbeurten</span>",
       "<span class=\"sub\">1 van 2 barsten</span>",
       "<h3>Tijdlijn</h3>",
       "<h3>Transcript</h3>",
       R"(<a class="ln" href="#L2">regel 2</a>)",
       "<span class=\"spk\">patiënt</span>",
       "regel <code>mr</code> herkende <q>Dunno</q> · sterkte 1</span>",
       "regel <code>ct</code>",
       "· sterkte 0,8</span>",
       R"(<span class="badge resolved">hersteld</span> met <strong>Focus on the relationship</strong> op <a href="#L3">regel 3</a>, 1 beurt later; daarna werkte de patiënt weer mee)",
       R"(<span class="badge unaddressed">niet opgepakt</span> geen reparatie in de volgende 3 therapeutbeurten)",
       R"(Pakt op</span><span class="v">Minimal response op <a href="#L2">regel 2</a> (hersteld))",
       "<title>Minimal response (minimal-response), regel 2, 0:09: hersteld</title>",
       ">Terugtrekking</text>",
       ">tijd</text>",
       "terugtrekmarker</li>",
       "Gemaakt met ruptag"}) {
    EXPECT_TRUE(contains(html, expected)) << expected;
  }
  for (const std::string english : {">Timeline<", "Why<", "Outcome<", ">line ", "patient turns", ">time<"}) {
    EXPECT_FALSE(contains(html, english)) << english;
  }
  // --ui-lang puts it in English
  const std::string english = render({dutch_report()}, false, {}, "en");
  EXPECT_TRUE(english.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
  EXPECT_TRUE(contains(english, "<h3>Timeline</h3>"));
}

TEST(Html, EachFileOfABatchInItsOwnLanguage) {
  // an unreadable file first: the document waits for the language of the first report
  RenderOptions options;
  options.format = Format::html;
  std::ostringstream out;
  const auto renderer = make_renderer(options, out);
  renderer->begin();
  renderer->failed("missing.txt", "cannot open");
  renderer->file(dutch_report());
  renderer->file(report_of(pack_yaml, session));
  renderer->end();
  const std::string batch = out.str();
  EXPECT_TRUE(batch.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
  EXPECT_TRUE(contains(batch, "<strong>Kon niet worden gelezen.</strong> cannot open"));
  EXPECT_TRUE(contains(batch, "<section class=\"file\" id=\"file-2\" aria-labelledby=\"file-2-title\">\n"));
  EXPECT_TRUE(
      contains(batch, "<section class=\"file\" id=\"file-3\" aria-labelledby=\"file-3-title\" lang=\"en\">"));
  EXPECT_TRUE(contains(batch, "<h3>Tijdlijn</h3>"));
  EXPECT_TRUE(contains(batch, "<h3>Timeline</h3>"));
  EXPECT_TRUE(contains(batch, "<h2>3 bestanden</h2>"));
  EXPECT_TRUE(contains(batch, "<span class=\"count\">kon niet worden gelezen</span>"));
  EXPECT_LT(batch.find("id=\"file-1\""), batch.find("id=\"file-2\""));
  EXPECT_EQ(unbalanced_tag(batch), "");
}

TEST(Html, CommandLine) {
  const auto r = test::run_ruptag("tag --rules packs/basic --format html transcripts/basic.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("<!DOCTYPE html>"));
  EXPECT_TRUE(contains(r.out, "<mark class=\"withdrawal\" title=\"Minimal response\">Dunno</mark>"));
  EXPECT_TRUE(contains(r.out, "Pack <b>test-basic</b> 1.0"));
  EXPECT_EQ(unbalanced_tag(r.out), "");
}

}  // namespace
}  // namespace ruptag
