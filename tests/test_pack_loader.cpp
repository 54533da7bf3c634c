#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "ruptag/embedded_packs.hpp"
#include "test_support.hpp"

namespace ruptag {
namespace {

using test::pack_from;
using test::pack_problem;

const std::string one_marker = R"(
markers:
  - id: complaint-therapist
    name: Complaint
    description: About the therapist.
    rules:
      - id: ct.listen
        terms: ["you don't listen"]
)";

TEST(PackLoader, LoadsManifestMarkersAndRules) {
  const RulePack pack = pack_from(one_marker);
  EXPECT_EQ(pack.manifest.id, "test");
  EXPECT_EQ(pack.manifest.language, "en");
  ASSERT_EQ(pack.codes.size(), 1U);
  EXPECT_EQ(pack.codes[0].category, Category::confrontation);
  ASSERT_EQ(pack.codes[0].rules.size(), 1U);
  EXPECT_EQ(pack.codes[0].rules[0].id, "ct.listen");
  EXPECT_EQ(pack.codes[0].rules[0].clauses.terms->terms[0], "you don't listen");
}

TEST(PackLoader, UnknownKeyGivesFileLineAndColumn) {
  const std::string problem = pack_problem(R"(
markers:
  - id: denial
    name: Denial
    description: d
    rules:
      - id: d.one
        terms: [fine]
        wieght: 0.5
)");
  EXPECT_NE(problem.find("test.yaml:10:9: unknown key 'wieght'"), std::string::npos) << problem;
}

TEST(PackLoader, KeyOrEntryGivenTwiceIsRejected) {
  // yaml-cpp keeps both pairs of a repeated key and a lookup finds the first: without this
  // check the second `unless` list would be dropped without a word.
  const std::string problem = pack_problem(R"(
lexicons:
  calm: [fine]
  calm: [okay]
markers:
  - id: denial
    name: Denial
    description: d
    rules:
      - id: d.one
        terms: [fine, "all good", fine]
        unless: [really]
        with: [am]
        unless: [honestly]
)");
  for (const std::string_view expected :
       {"test.yaml:5:3: key 'calm' is given twice in this mapping (first on line 4)",
        "test.yaml:12:35: 'fine' is listed twice in terms (first on line 12)",
        "test.yaml:15:9: key 'unless' is given twice in this mapping (first on line 13)"}) {
    EXPECT_NE(problem.find(expected), std::string::npos) << expected << "\n" << problem;
  }
}

TEST(PackLoader, LexiconOrConditionDefinedInTwoFilesIsRejected) {
  // Two files of one pack naming a lexicon alike would merge two word lists into one.
  const std::string first =
      test::manifest + "lexicons:\n  calm: [fine]\nconditions:\n  asks: {question: any}\n";
  const std::string second =
      "lexicons:\n  calm: [okay]\n  quiet: [hush]\nconditions:\n  asks: {terms: [why]}\n";
  std::string problem;
  try {
    parse_pack({{"a.yaml", first}, {"b.yaml", second}});
  } catch (const Error& e) {
    problem = e.what();
  }
  for (const std::string_view expected :
       {"b.yaml:2:3: lexicon 'calm' is defined twice (first at a.yaml:3:3): give one of them another name",
        "b.yaml:5:3: condition 'asks' is defined twice (first at a.yaml:5:3)"}) {
    EXPECT_NE(problem.find(expected), std::string::npos) << expected << "\n" << problem;
  }
  EXPECT_EQ(problem.find("quiet"), std::string::npos) << problem;
  // A pack that extends a built-in one adds terms to a base lexicon by naming it again.
  const RulePack base = load_builtin_pack("en");
  ASSERT_FALSE(base.lexicons.empty());
  const auto& [name, list] = *base.lexicons.begin();
  const RulePack extended = parse_pack(
      {{"mine.yaml", "pack: {id: mine, language: en, version: '2', name: Mine, extends: en}\nlexicons:\n  " +
                         name + ": [zyzzyva]\n"}});
  EXPECT_EQ(extended.lexicons.at(name).terms.size(), list.terms.size() + 1);
}

TEST(PackLoader, SameKeyInSeparateMappingsIsFine) {
  const RulePack pack = pack_from(R"(
markers:
  - id: denial
    name: Denial
    description: d
    rules:
      - {id: d.one, terms: [fine], unless: [really]}
      - {id: d.two, terms: [okay], unless: [honestly]}
)");
  ASSERT_EQ(pack.codes.size(), 1U);
  EXPECT_EQ(pack.codes[0].rules.size(), 2U);
}

const std::string every_rule_pack = R"(
lexicons:
  confirms: ["exactly", "spot on"]
conditions:
  greeting: {terms: [hello]}
markers:
  - id: defends-self
    name: Defends
    description: d
    every_rule:
      unless: ["@confirms"]
      not_after: [greeting]
      words: {max: 8}
    rules:
      - id: ds.lazy
        terms: ["i'm not lazy"]
        unless: [anymore]
      - id: ds.never
        terms: ["i never said"]
        words: {min: 2}
)";

TEST(PackLoader, EveryRuleGivesItsClausesToEachRuleOfTheEntry) {
  const RulePack pack = pack_from(every_rule_pack);
  ASSERT_EQ(pack.codes.size(), 1U);
  ASSERT_EQ(pack.codes[0].rules.size(), 2U);
  const Clauses& lazy = pack.codes[0].rules[0].clauses;
  const Clauses& never = pack.codes[0].rules[1].clauses;
  // Lists: the shared entries first, then the rule's own.
  ASSERT_TRUE(lazy.unless && never.unless);
  EXPECT_EQ(lazy.unless->terms, (std::vector<std::string>{"@confirms", "anymore"}));
  EXPECT_EQ(never.unless->terms, (std::vector<std::string>{"@confirms"}));
  EXPECT_EQ(lazy.unless->where[0].line, 12U);  // the shared entry keeps its own place
  EXPECT_EQ(lazy.not_after, (std::vector<ConditionRef>{"greeting"}));
  EXPECT_EQ(never.not_after, (std::vector<ConditionRef>{"greeting"}));
  // words: the shared limit for a rule without its own, the rule's own otherwise.
  ASSERT_TRUE(lazy.words && never.words);
  EXPECT_EQ(lazy.words->max, 8);
  EXPECT_FALSE(never.words->max);
  EXPECT_EQ(never.words->min, 2);
}

TEST(PackLoader, EveryRuleClausesHoldForEachRuleWhenTagging) {
  const Tagger t = test::tagger_from(every_rule_pack);
  const auto fires = [&](const std::string& text, const std::string& rule) {
    const Transcript tr = test::transcript(text);
    return t.rule_fires(tr, tr.turns.size() - 1, rule);
  };
  for (const std::string rule : {"ds.lazy", "ds.never"}) {
    const std::string said = rule == "ds.lazy" ? "I'm not lazy" : "I never said";
    EXPECT_TRUE(fires("T: The diary is empty.\nP: " + said + " that, okay?", rule)) << rule;
    // the shared unless and not_after hold for both rules
    EXPECT_FALSE(fires("T: The diary is empty.\nP: Exactly, " + said + " that.", rule)) << rule;
    EXPECT_FALSE(fires("T: Hello there.\nP: " + said + " that, okay?", rule)) << rule;
  }
  // the rule's own unless is added to the shared one
  EXPECT_FALSE(fires("T: The diary is empty.\nP: I'm not lazy anymore.", "ds.lazy"));
  // the shared word limit holds for a rule without its own, and a rule's own replaces it
  const std::string long_turn = " that, and I have told you so many times before, okay?";
  EXPECT_FALSE(fires("T: The diary is empty.\nP: I'm not lazy" + long_turn, "ds.lazy"));
  EXPECT_TRUE(fires("T: The diary is empty.\nP: I never said" + long_turn, "ds.never"));
}

TEST(PackLoader, EveryRuleMistakesAreReportedOnceWithTheirPlace) {
  const std::string problem = pack_problem(R"(
markers:
  - id: denial
    name: Denial
    description: d
    every_rule:
      unless: [really, "@no-such-lexicon"]
      not_after: [no-such-condition]
      terms: [fine]
    rules:
      - {id: d.one, terms: [fine], unless: [really]}
      - {id: d.two, terms: [okay]}
      - {id: d.three, terms: [good]}
  - id: topic-shift
    name: Shift
    description: d
    every_rule: {unless: [anyway]}
)");
  for (const std::string_view expected :
       {"test.yaml:10:7: unknown key 'terms' in every_rule of 'denial'",
        "test.yaml:8:24: rule 'd.one': unless: no lexicon named 'no-such-lexicon'",
        "test.yaml:9:19: no condition named 'no-such-condition'",
        "test.yaml:12:45: 'really' in unless is already given to every rule of 'denial' by every_rule (line "
        "8)",
        "test.yaml:18:17: every_rule of 'topic-shift' applies to the rules listed with it, and there are "
        "none"}) {
    EXPECT_NE(problem.find(expected), std::string::npos) << expected << "\n" << problem;
  }
  // A problem in a shared entry is the same problem for every rule: it is reported once.
  EXPECT_EQ(problem.find("no-such-lexicon"), problem.rfind("no-such-lexicon")) << problem;
  EXPECT_EQ(problem.find("no-such-condition"), problem.rfind("no-such-condition")) << problem;
}

TEST(PackLoader, UnknownIdIsRejected) {
  const std::string problem = pack_problem("markers:\n  - {id: sulking, name: s, description: d}\n");
  EXPECT_NE(problem.find("test.yaml:3:10: unknown id 'sulking'"), std::string::npos) << problem;
}

TEST(PackLoader, MarkerUnderInterventionsIsRejected) {
  const std::string problem = pack_problem("interventions:\n  - {id: denial, name: s, description: d}\n");
  EXPECT_NE(problem.find("belongs under 'markers'"), std::string::npos) << problem;
}

TEST(PackLoader, WrongTypesAndEmptyLists) {
  const std::string problem = pack_problem(R"(
settings: {negation_window: lots}
markers:
  - id: denial
    name: Denial
    description: d
    rules:
      - id: d.one
        terms: []
      - id: d.two
        terms: fine
)");
  EXPECT_NE(problem.find("test.yaml:3:29: negation_window must be a number"), std::string::npos) << problem;
  EXPECT_NE(problem.find("test.yaml:10:16: terms is an empty list"), std::string::npos) << problem;
  EXPECT_NE(problem.find("test.yaml:12:16: terms must be a list"), std::string::npos) << problem;
}

TEST(PackLoader, InvalidAndUnsupportedRegex) {
  const std::string problem = pack_problem(R"y(
markers:
  - id: denial
    name: Denial
    description: d
    rules:
      - id: d.one
        regex: "(unclosed"
      - id: d.two
        regex: "fine(?=ly)"
)y");
  EXPECT_NE(problem.find("test.yaml:9:16: rule 'd.one': regex '(unclosed' is not valid RE2"),
            std::string::npos)
      << problem;
  EXPECT_NE(problem.find("test.yaml:11:16: rule 'd.two': regex 'fine(?=ly)' is not valid RE2"),
            std::string::npos)
      << problem;
}

TEST(PackLoader, ReportsEveryProblemAtOnce) {
  const std::string problem = pack_problem(R"(
lexicons:
  feelings: [sad]
markers:
  - id: denial
    name: Denial
    description: d
    repairs: [invite-feelings, denial]
    rules:
      - id: d.one
        terms: ["@feelngs", "fr*ed"]
        after: reflects
      - id: d.one
        words: {min: 5, max: 2}
)");
  EXPECT_NE(problem.find("no lexicon named 'feelngs'"), std::string::npos) << problem;
  EXPECT_NE(problem.find("'*' may only end a word"), std::string::npos) << problem;
  EXPECT_NE(problem.find("no condition named 'reflects'"), std::string::npos) << problem;
  EXPECT_NE(problem.find("rule id 'd.one' is used twice"), std::string::npos) << problem;
  EXPECT_NE(problem.find("min is larger than max"), std::string::npos) << problem;
  EXPECT_NE(problem.find("repair 'invite-feelings' is not defined"), std::string::npos) << problem;
  EXPECT_NE(problem.find("'denial' is not a repair intervention id"), std::string::npos) << problem;
}

TEST(PackLoader, ConditionCycleIsRejected) {
  const std::string problem = pack_problem(R"(
conditions:
  a: {after: b}
  b: {after: a}
)");
  EXPECT_NE(problem.find("refers back to itself"), std::string::npos) << problem;
}

TEST(PackLoader, LexiconCircleIsRejectedWhereItCloses) {
  const std::string problem = pack_problem(R"(
lexicons:
  a: [one, "@b"]
  b: ["@c", two]
  c: ["@a"]
  d: ["@nowhere"]
)");
  EXPECT_NE(
      problem.find("test.yaml:6:7: lexicon 'a' includes itself ('a' includes 'b' includes 'c' includes 'a')"),
      std::string::npos)
      << problem;
  EXPECT_NE(problem.find("lexicon 'd': no lexicon named 'nowhere'"), std::string::npos) << problem;
}

TEST(PackLoader, MissingManifest) {
  EXPECT_NE(pack_problem("markers: []\n", false).find("no 'pack:' manifest"), std::string::npos);
}

TEST(PackLoader, YamlSyntaxErrorHasLocation) {
  const std::string problem = pack_problem("markers:\n  - id: [denial\n");
  EXPECT_NE(problem.find("test.yaml:"), std::string::npos) << problem;
  EXPECT_NE(problem.find("YAML syntax error"), std::string::npos) << problem;
}

TEST(PackLoader, SpeakerMustFitTheKind) {
  const std::string problem = pack_problem(R"(
markers:
  - id: denial
    name: Denial
    description: d
    rules:
      - {id: d.one, terms: [fine], speaker: therapist}
)");
  EXPECT_NE(problem.find("markers are found in patient turns only"), std::string::npos) << problem;
}

TEST(PackLoader, ExtendsABuiltInPack) {
  const auto languages = builtin_languages();
  ASSERT_FALSE(languages.empty());
  const RulePack base = load_builtin_pack("en");
  ASSERT_FALSE(base.codes.empty());
  const CodeDef& first = base.codes.front();
  ASSERT_FALSE(first.rules.empty());
  const std::string extension =
      "pack: {id: mine, language: en, version: '2', name: Mine, extends: en}\n"
      "markers:\n  - id: " +
      first.id +
      "\n    rules:\n"
      "      - {id: mine.extra, terms: [zyzzyva]}\n"
      "disable: [" +
      first.rules.front().id + "]\n";
  const RulePack pack = parse_pack({{"mine.yaml", extension}});
  EXPECT_EQ(pack.manifest.id, "mine");
  EXPECT_EQ(pack.manifest.extends, "en");
  const CodeDef* code = pack.find_code(first.id);
  ASSERT_NE(code, nullptr);
  EXPECT_EQ(code->rules.size(), first.rules.size() + 1);
  EXPECT_FALSE(code->rules.front().enabled);
  EXPECT_EQ(code->rules.back().id, "mine.extra");
  EXPECT_EQ(pack.codes.size(), base.codes.size());
}

TEST(PackLoader, EveryRuleOfAnExtensionReachesOnlyItsOwnRules) {
  // The built-in English defends-self gives @confirms-reading to its rules through every_rule; a
  // pack extending it lists its own every_rule for the rules it adds, and the built-in rules keep
  // theirs.
  const RulePack base = load_builtin_pack("en");
  const CodeDef* built_in = base.find_code("defends-self");
  ASSERT_NE(built_in, nullptr);
  const std::string extension = R"(
pack: {id: mine, language: en, version: '2', name: Mine, extends: en}
markers:
  - id: defends-self
    every_rule: {unless: [zyzzyva]}
    rules:
      - {id: mine.extra, terms: ["not my doing"]}
      - {id: mine.more, terms: ["not my call"], unless: ["@confirms-reading"]}
)";
  const RulePack pack = parse_pack({{"mine.yaml", extension}});
  const CodeDef* code = pack.find_code("defends-self");
  ASSERT_NE(code, nullptr);
  ASSERT_EQ(code->rules.size(), built_in->rules.size() + 2);
  for (std::size_t i = 0; i < built_in->rules.size(); ++i) {
    EXPECT_EQ(code->rules[i].clauses.unless, built_in->rules[i].clauses.unless) << code->rules[i].id;
  }
  EXPECT_EQ(code->rules[built_in->rules.size()].clauses.unless->terms, (std::vector<std::string>{"zyzzyva"}));
  EXPECT_EQ(code->rules.back().clauses.unless->terms,
            (std::vector<std::string>{"zyzzyva", "@confirms-reading"}));
  const auto& first_unless = built_in->rules.front().clauses.unless->terms;
  EXPECT_NE(std::find(first_unless.begin(), first_unless.end(), "@confirms-reading"), first_unless.end());
}

TEST(PackLoader, DisableUnknownRule) {
  EXPECT_NE(pack_problem("disable: [nope]\n").find("disable: no rule with id 'nope'"), std::string::npos);
}

TEST(PackLoader, LoadsAFolderInPathOrder) {
  const auto dir = std::filesystem::temp_directory_path() / "ruptag-loader-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "markers");
  std::ofstream(dir / "pack.yaml") << test::manifest << "lexicons:\n  words: [alpha]\n";
  std::ofstream(dir / "markers" / "denial.yml")
      << "markers:\n  - id: denial\n    name: D\n    description: d\n"
         "    rules:\n      - {id: d.a, terms: ['@words']}\n";
  std::ofstream(dir / "notes.txt") << "not yaml: [";
  const RulePack pack = load_pack_dir(dir);
  EXPECT_EQ(pack.codes.size(), 1U);
  std::filesystem::remove_all(dir);
}

TEST(PackLoader, MissingFolderIsAPackError) {
  try {
    load_pack_dir("/nonexistent/pack");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::invalid_pack);
  }
}

TEST(PackLoader, LiteralTermsSkipReferences) {
  const RulePack pack = pack_from(R"(
lexicons:
  l: [beta, alpha]
markers:
  - id: denial
    name: D
    description: d
    rules:
      - {id: d.a, terms: ['@l', gamma], near: {a: [delta], b: [alpha]}}
)");
  EXPECT_EQ(literal_terms(pack), (std::vector<std::string>{"alpha", "beta", "delta", "gamma"}));
}

}  // namespace
}  // namespace ruptag
