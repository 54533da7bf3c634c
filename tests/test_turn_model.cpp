// The turn model: its features, its training (`ruptag rules train`), how a pack holds it,
// and the findings it adds where no rule finds a marker.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "ruptag/embedded_packs.hpp"
#include "ruptag/evaluation.hpp"
#include "ruptag/model_training.hpp"
#include "ruptag/pack_binary.hpp"
#include "ruptag/pack_provider.hpp"
#include "ruptag/term_index.hpp"
#include "ruptag/turn_model.hpp"
#include "test_support.hpp"

namespace ruptag {
namespace {

using test::progress_pack;

std::vector<std::string> keys_of(const std::string& therapist, const std::string& patient, bool previous,
                                 const std::string& next = "") {
  const TokenizedText t = tokenize(therapist);
  const TokenizedText p = tokenize(patient);
  const TokenizedText n = tokenize(next);
  TurnView view;
  view.turn = &p;
  view.therapist = therapist.empty() ? nullptr : &t;
  view.next = next.empty() ? nullptr : &n;
  view.previous_flagged = previous;
  std::vector<std::string> keys;
  for_each_feature(view, [&](std::string_view key, std::size_t, std::size_t) { keys.emplace_back(key); });
  return keys;
}

TEST(TurnModel, FeaturesAreWordsPairsInASentenceTheTherapistsWordsLengthAndThePreviousTurn) {
  EXPECT_EQ(keys_of("Why?", "Don't know. Really", true),
            (std::vector<std::string>{"w:don't", "b:don't know", "w:know", "w:really", "t:why", "t:?",
                                      "len:0", "prev:1"}));
  // no pair across the full stop; no therapist turn, no t: features; 10 words: len:2
  const auto keys = keys_of("", "one two three four five six seven eight nine ten", false);
  EXPECT_EQ(keys.back(), "len:2");
  EXPECT_EQ(std::count_if(keys.begin(), keys.end(), [](const std::string& k) { return k.starts_with("t:"); }),
            0);
  EXPECT_EQ(std::count_if(keys.begin(), keys.end(), [](const std::string& k) { return k.starts_with("b:"); }),
            9);
}

TEST(TurnModel, TheTherapistsAnswerGivesTheWordsOfItsFirstTwoSentences) {
  EXPECT_EQ(
      keys_of("", "No.", false, "I hear you. That was hard? Let us go on."),
      (std::vector<std::string>{"w:no", "n:i", "n:hear", "n:you", "n:that", "n:was", "n:hard", "len:0"}));
  EXPECT_EQ(keys_of("", "No.", false, "Sorry"), (std::vector<std::string>{"w:no", "n:sorry", "len:0"}));
}

// A hand-made model of one marker at threshold 0.7: `features` weigh for "none" (class 0)
// or the marker (class 1) against a bias of 0 and -3.
TurnModel hand_made_model(const std::string& marker, std::vector<ModelFeature> features, double veto = 0) {
  TurnModel model;
  model.threshold = 0.7;
  model.veto = veto;
  model.classes = {marker};
  model.bias = {0.0, -3.0};
  model.features = std::move(features);
  return model;
}

// A hand-made model: "sorry" in the therapist's answer, or "fine" in the turn, make a
// complaint about the therapist; nothing else does.
RulePack pack_with_answer_model() {
  RulePack pack = test::pack_from(progress_pack);
  pack.model = hand_made_model("complaint-therapist", {{"n:sorry", {1}, {6.0}}, {"w:fine", {1}, {6.0}}});
  return pack;
}

// What a stream gave for a whole session: per push (and the finish), the turns whose tags
// it gave, and their findings in that order.
struct Pushed {
  std::vector<std::vector<std::size_t>> done;
  std::vector<Finding> found;
};

Pushed push_all(TagStream& stream, const Transcript& session) {
  Pushed out;
  const auto take = [&](const std::vector<TurnTags>& tags) {
    out.done.emplace_back();
    for (const TurnTags& t : tags) {
      out.done.back().push_back(t.turn);
      out.found.insert(out.found.end(), t.findings.begin(), t.findings.end());
    }
  };
  for (const Turn& turn : session.turns) take(stream.push(turn));
  take(stream.finish());
  return out;
}

TEST(TurnModel, APatientTurnWaitsForTheTherapistsAnswerAndTheLastOneForTheEnd) {
  const Tagger tagger(CompiledPack::compile(pack_with_answer_model()));
  const Transcript session = test::transcript(
      "T: How was it?\n"
      "P: It was okay.\n"
      "T: Sorry, I rushed you. Go on.\n"
      "P: Okay.\n"
      "T: Good.\n"
      "P: I am fine.\n");
  TagStream stream(tagger.shared_pack());
  const auto [done, found] = push_all(stream, session);
  EXPECT_EQ(done, (std::vector<std::vector<std::size_t>>{{0}, {}, {1, 2}, {}, {3, 4}, {}, {5}}));
  // turn 1 by the apology after it, turn 5 by its own word with no answer; not turn 3
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[0].turn, 1U);
  EXPECT_EQ(found[0].marker, "complaint-therapist");
  EXPECT_TRUE(found[0].spans.empty());                            // no word of the turn weighed: no evidence
  EXPECT_EQ(found[0].weighed, (std::array<double, 3>{0, 0, 1}));  // all from the answer
  EXPECT_EQ(found[1].weighed, (std::array<double, 3>{1, 0, 0}));  // all from the turn
  EXPECT_EQ(found[1].turn, 5U);
  EXPECT_EQ(evidence_text(session.turns[5].text, found[1].spans), "fine");
  const std::vector<Finding> tagged = tagger.tag(session);
  ASSERT_EQ(tagged.size(), 2U);
  EXPECT_EQ(tagged[0].turn, 1U);
  EXPECT_EQ(tagged[1].turn, 5U);
  EXPECT_TRUE(stream.finish().empty());  // nothing waits any more

  // the rules alone: no turn waits
  TagStream rules(tagger.shared_pack(), {}, false, ModelUse::off());
  for (const Turn& turn : session.turns) EXPECT_EQ(rules.push(turn).size(), 1U);
}

// progress_pack with a repair rule "owns" that finds "sorry" after a finding of `marker`.
std::string pack_owning_after(const std::string& marker) {
  return std::string(progress_pack) +
         "interventions:\n  - id: acknowledge-responsibility\n    name: A\n    description: d\n    rules:\n"
         "      - {id: owns, terms: [sorry], after_finding: [" +
         marker + "]}\n";
}

TEST(TurnModel, ARepairRuleSeesTheFindingTheAnswerItselfGaveTheModel) {
  // the apology makes turn 1 a complaint about the therapist; the repair rule, which needs
  // that finding before it, fires on the apology because the finding is recorded first
  RulePack pack = test::pack_from(pack_owning_after("complaint-therapist"));
  pack.model = pack_with_answer_model().model;
  const Tagger tagger(CompiledPack::compile(pack));
  const std::vector<Finding> found =
      tagger.tag(test::transcript("T: How was it?\nP: It was okay.\nT: Sorry, I rushed you.\n"));
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[0].turn, 1U);
  EXPECT_EQ(found[0].rule, model_rule_id);
  EXPECT_EQ(found[1].turn, 2U);
  EXPECT_EQ(found[1].rule, "owns");
  // without the model, neither
  TagStream rules(tagger.shared_pack(), {}, false, ModelUse::off());
  std::size_t findings = 0;
  for (const Turn& turn :
       test::transcript("T: How was it?\nP: It was okay.\nT: Sorry, I rushed you.\n").turns) {
    for (const TurnTags& tags : rules.push(turn)) findings += tags.findings.size();
  }
  EXPECT_EQ(findings, 0U);
}

// progress_pack with a hand-made model and a veto of 0.02: a turn the therapist answers
// with "good" is no rupture (a probability of about 0.0001), any other about 0.05.
RulePack pack_with_veto() {
  RulePack pack = test::pack_from(pack_owning_after("complaint-progress"));
  pack.model = hand_made_model("complaint-progress", {{"n:good", {0}, {6.0}}}, 0.02);
  return pack;
}

TEST(TurnModel, TheVetoDropsTheRulesFindingsWhereTheModelSeesNoRupture) {
  const Tagger tagger(CompiledPack::compile(pack_with_veto()));
  const std::string nowhere = "P: We are getting nowhere.\n";
  const Transcript session = test::transcript("T: Well?\n" + nowhere + "T: Good. Sorry about that.\n" +
                                              nowhere + "T: Sorry about that.\n");
  // the rule fires on both turns; the first loses its finding, and the repair rule, which
  // needs that finding before it, does not fire on the answer
  const auto found_with = [&](ModelUse use) {
    TagStream stream(tagger.shared_pack(), {}, false, use);
    const Pushed pushed = push_all(stream, session);
    std::vector<std::pair<std::size_t, std::string>> found;  // turn and rule of each finding
    for (const Finding& f : pushed.found) found.emplace_back(f.turn, f.rule);
    return std::make_pair(pushed.done, found);
  };
  using Found = std::vector<std::pair<std::size_t, std::string>>;
  const auto [done, found] = found_with({});
  // a flagged turn waits for the answer too, as the model reads it
  EXPECT_EQ(done, (std::vector<std::vector<std::size_t>>{{0}, {}, {1, 2}, {}, {3, 4}, {}}));
  EXPECT_EQ(found, (Found{{3, "complaint-progress.nowhere"}, {4, "owns"}}));
  // a veto of 0 keeps every finding, and no flagged turn waits
  const auto [kept_done, kept] = found_with({.on = true, .threshold = std::nullopt, .veto = 0.0});
  EXPECT_EQ(kept_done, (std::vector<std::vector<std::size_t>>{{0}, {1}, {2}, {3}, {4}, {}}));
  EXPECT_EQ(
      kept,
      (Found{
          {1, "complaint-progress.nowhere"}, {2, "owns"}, {3, "complaint-progress.nowhere"}, {4, "owns"}}));
  // so do the rules alone; a higher veto drops both
  EXPECT_EQ(found_with(ModelUse::off()).second, kept);
  EXPECT_EQ(found_with({.on = true, .threshold = std::nullopt, .veto = 0.5}).second, Found{});
}

// Sessions where every coded turn says "waste of time" (complaint-activities) and no
// uncoded one does; "getting nowhere" is found by the rule.
Transcript coded_session(int n) {
  return test::transcript(
      "T: Shall we look at the diary?\n"
      "P: This is a waste of time, honestly number " +
      std::to_string(n) +
      ".\n"
      "T: Say more.\n"
      "P: I had a quiet week at home.\n"
      "T: And work?\n"
      "P: Work was fine, the usual.\n"
      "T: Shall we try the exercise?\n"
      "P: Such a waste of time.\n");
}

ModelTrainer trainer_of(const Tagger& tagger, int sessions) {
  ModelTrainer trainer(tagger.pack().normalize_options());
  for (int i = 0; i < sessions; ++i) {
    const Transcript t = coded_session(i);
    const TurnCodes gold{{}, {"complaint-activities"}, {}, {}, {}, {}, {}, {"complaint-activities"}};
    trainer.add(build_report(t, tagger), gold);
  }
  return trainer;
}

// progress_pack with the model trained on six coded sessions, weights down to 0.01 kept.
RulePack pack_with_model() {
  const Tagger rules = test::tagger_from(progress_pack);
  TrainOptions options;
  options.prune = 0.01;
  RulePack pack = test::pack_from(progress_pack);
  pack.model = trainer_of(rules, 6).train(options);
  return pack;
}

TEST(TurnModel, TrainsOnGoldMarkersAndFlagsAnUnseenTurnWithTheirWords) {
  const Tagger rules = test::tagger_from(progress_pack);
  const ModelTrainer trainer = trainer_of(rules, 6);
  EXPECT_EQ(trainer.turns(), 24U);
  EXPECT_EQ(trainer.coded_turns(), 12U);
  TrainOptions options;
  options.prune = 0.01;
  const TurnModel model = trainer.train(options);
  EXPECT_EQ(model.classes, (std::vector<std::string>{"complaint-activities"}));
  EXPECT_EQ(model.bias.size(), 2U);
  // the same turns give the same model
  EXPECT_EQ(trainer.train(options), model);

  const RulePack pack = pack_with_model();
  ASSERT_EQ(pack.model, model);
  const Tagger tagger(CompiledPack::compile(pack));
  const Transcript session = test::transcript(
      "T: Shall we start?\n"
      "P: What a waste of time this is.\n"
      "T: How was work?\n"
      "P: Work was fine.\n"
      "T: Hm.\n"
      "P: We are getting nowhere.\n");
  const std::vector<Finding> found = tagger.tag(session);
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[0].turn, 1U);
  EXPECT_EQ(found[0].marker, "complaint-activities");
  EXPECT_EQ(found[0].rule, model_rule_id);
  EXPECT_GE(found[0].strength, model.threshold);
  EXPECT_LE(found[0].strength, 1.0);
  EXPECT_NE(evidence_text(session.turns[1].text, found[0].spans).find("waste"), std::string::npos);
  // the rule's finding stands; the model speaks only where no rule found a marker
  EXPECT_EQ(found[1].turn, 5U);
  EXPECT_EQ(found[1].rule, "complaint-progress.nowhere");

  // without the model, only the rule
  TagStream stream(tagger.shared_pack(), {}, false, ModelUse::off());
  std::size_t findings = 0;
  for (const Turn& turn : session.turns) {
    for (const TurnTags& tags : stream.push(turn)) findings += tags.findings.size();
  }
  EXPECT_TRUE(stream.finish().empty());
  EXPECT_EQ(findings, 1U);
}

TEST(TurnModel, ThresholdDecides) {
  RulePack pack = pack_with_model();
  pack.model->threshold = 0.99;
  const Tagger strict(CompiledPack::compile(pack));
  EXPECT_TRUE(strict.tag(test::transcript("T: Well?\nP: What a waste of time this is.\n")).empty());
}

TEST(TurnModel, CrossValidationLeavesEachSessionOutOnce) {
  const Tagger rules = test::tagger_from(progress_pack);
  const CrossValidation cv = trainer_of(rules, 6).cross_validate({}, 3);
  EXPECT_EQ(cv.folds, 3U);
  EXPECT_EQ(cv.rules.units(), 24U);  // every patient turn once
  EXPECT_EQ(cv.rules.tp + cv.rules.fn, 12U);
  EXPECT_EQ(cv.rules.tp, 0U);  // the rule knows nothing of "waste of time"
  ASSERT_EQ(cv.thresholds.size(), cv.with_model.size());
  // fitted on the other sessions, the model finds the turns of the ones left out
  EXPECT_EQ(cv.with_model.front().tp, 12U);
  EXPECT_EQ(cv.with_model.front().fp, 0U);
  // the model alone, on every turn: the same here, since the rule flags nothing coded
  ASSERT_EQ(cv.thresholds.size(), cv.model_alone.size());
  EXPECT_EQ(cv.model_alone.front().tp, 12U);
  EXPECT_EQ(cv.model_alone.front().units(), 24U);
  EXPECT_TRUE(cv.with_veto.empty());  // no veto asked for
  EXPECT_THROW((void)trainer_of(rules, 1).cross_validate({}, 3), Error);
  ModelTrainer none(NormalizeOptions{});
  EXPECT_THROW((void)none.train({}), Error);
}

TEST(TurnModel, CrossValidationWithAVetoDropsTheRulesFindingsTheModelsDoNotBack) {
  // the rule finds "getting nowhere", which no gold codes: every model, fitted on turns
  // where it is no rupture, vetoes it
  const Tagger rules = test::tagger_from(progress_pack);
  ModelTrainer trainer(rules.pack().normalize_options());
  for (int i = 0; i < 6; ++i) {
    const Transcript t =
        test::transcript("T: Shall we look at the diary?\nP: A waste of time, number " + std::to_string(i) +
                         ".\nT: And now?\nP: We are getting nowhere, I know.\n");
    trainer.add(build_report(t, rules), {{}, {"complaint-activities"}, {}, {}});
  }
  TrainOptions options;
  options.veto = 0.3;
  options.veto_min_fired = 4;  // each fold's model is fitted on 4 sessions
  const CrossValidation cv = trainer.cross_validate(options, 3);
  EXPECT_EQ(cv.rules.fp, 6U);
  ASSERT_EQ(cv.with_veto.size(), cv.thresholds.size());
  EXPECT_EQ(cv.with_model.front().fp, 6U);
  EXPECT_EQ(cv.with_veto.front().fp, 0U);
  EXPECT_EQ(cv.with_veto.front().tp, cv.with_model.front().tp);
  const TurnModel model = trainer.train(options);
  EXPECT_EQ(model.veto, 0.3);
  EXPECT_EQ(model.veto_rules, std::vector<std::string>{"complaint-progress.nowhere"});
  // a rule that fired on fewer turns than veto_min_fired, or was right on at least
  // veto_max_precision of them, may not be overruled
  options.veto_min_fired = 7;
  EXPECT_EQ(trainer.train(options).veto_rules, std::vector<std::string>{});
  options.veto_min_fired = 6;
  options.veto_max_precision = 0.0;
  EXPECT_EQ(trainer.train(options).veto_rules, std::vector<std::string>{});
  // nor do folds with too few firings overrule it
  options.veto_max_precision = 0.9;
  EXPECT_EQ(trainer.cross_validate(options, 3).with_veto.front().fp, 6U);
}

TEST(TurnModel, TheVetoSparesTheRulesItMayNotOverrule) {
  RulePack pack = pack_with_veto();
  pack.model->veto_rules = std::vector<std::string>{"some-other.rule"};
  const Tagger spared(CompiledPack::compile(pack));
  const Transcript session = test::transcript("T: Well?\nP: We are getting nowhere.\nT: Good.\n");
  EXPECT_EQ(spared.tag(session).size(), 1U);
  pack.model->veto_rules = std::vector<std::string>{"complaint-progress.nowhere"};
  EXPECT_TRUE(Tagger(CompiledPack::compile(pack)).tag(session).empty());
  // the list comes back from YAML sorted and checked against the pack's rules
  const RulePack loaded = test::pack_from(std::string(progress_pack) +
                                          "model:\n  classes: [denial]\n  veto: 0.1\n"
                                          "  veto_rules: [complaint-progress.nowhere]\n");
  EXPECT_EQ(loaded.model->veto_rules, std::vector<std::string>{"complaint-progress.nowhere"});
  EXPECT_EQ(test::pack_problem("model:\n  classes: [denial]\n  veto: 0.1\n  veto_rules: [no.such-rule]\n"),
            "test.yaml:5:16: model.veto_rules: no rule with id 'no.such-rule'");
}

TEST(TurnModel, ThePacksExamplesAreLearntFromButNeverScored) {
  // the rule's examples say "stuck": the sessions never do
  const Tagger rules = test::tagger_from(R"(
markers:
  - id: complaint-progress
    name: Progress
    description: p
    examples: ["T: How is it going?\nP: We are stuck, totally stuck."]
    rules:
      - id: complaint-progress.nowhere
        terms: [getting nowhere]
        examples:
          match: ["We are getting nowhere.", "T: And?\nP: Getting nowhere, as usual.", "P: Fine.\nP: Getting nowhere."]
          no_match: ["We are getting somewhere.", "T: Repair?\nT: Only the therapist speaks."]
)");
  ModelTrainer trainer = trainer_of(rules, 6);
  const CrossValidation before = trainer.cross_validate({}, 3);
  // four coded examples and one uncoded; the example that ends with the therapist is left out
  EXPECT_EQ(trainer.add_examples(rules), 5U);
  EXPECT_EQ(trainer.examples(), 5U);
  EXPECT_EQ(trainer.turns(), 24U + 5U);  // only the last turn of each example
  EXPECT_EQ(trainer.coded_turns(), 12U + 4U);
  const CrossValidation after = trainer.cross_validate({}, 3);
  EXPECT_EQ(after.folds, before.folds);
  EXPECT_EQ(after.rules.units(), before.rules.units());  // the examples are not scored
  TrainOptions options;
  options.prune = 0.01;
  options.min_count = 1;
  const auto knows_stuck = [](const TurnModel& m) {
    return std::any_of(m.features.begin(), m.features.end(),
                       [](const ModelFeature& f) { return f.key == "w:stuck"; });
  };
  const TurnModel model = trainer.train(options);
  EXPECT_NE(std::find(model.classes.begin(), model.classes.end(), "complaint-progress"), model.classes.end());
  EXPECT_TRUE(knows_stuck(model));
  EXPECT_FALSE(knows_stuck(trainer_of(rules, 6).train(options)));
}

TEST(TurnModel, WrittenAsYamlItLoadsBackAndSurvivesTheBinaryPack) {
  TurnModel model = *pack_with_model().model;
  model.veto = 0.05;
  const std::string yaml = model_yaml(model, "a model\nof tests");
  EXPECT_TRUE(yaml.starts_with("# a model\n# of tests\nmodel:\n")) << yaml;
  const RulePack pack = test::pack_from(std::string(progress_pack) + yaml.substr(yaml.find("model:")));
  ASSERT_TRUE(pack.model.has_value());
  EXPECT_EQ(pack.model->classes, model.classes);
  EXPECT_EQ(pack.model->bias, model.bias);
  EXPECT_EQ(pack.model->veto, 0.05);
  EXPECT_NE(yaml.find("\n  veto: 0.05\n"), std::string::npos) << yaml;
  EXPECT_EQ(model_yaml(*pack_with_model().model, "").find("veto"), std::string::npos);  // none, none written
  ASSERT_EQ(pack.model->features.size(), model.features.size());
  for (std::size_t f = 0; f < model.features.size(); ++f) {
    EXPECT_EQ(pack.model->features[f].key, model.features[f].key);
    EXPECT_EQ(pack.model->features[f].weights, model.features[f].weights);
  }
  const auto decoded = decode_pack(encode_pack(pack, nullptr));
  EXPECT_EQ(decoded.pack.model, pack.model);
}

TEST(TermIndex, AKnownWordIsReportedByItsSlotAndStartsNoTerm) {
  TermIndex index;
  std::vector<TermToken> term;
  ASSERT_EQ(parse_term("not listening", {}, term), "");
  index.add(term, 7);
  index.know("fine");
  index.know("don't");  // ignored: tokens with an apostrophe are reported as such
  index.build();
  EXPECT_NE(index.word_slot("fine"), TermIndex::unknown_word);
  EXPECT_NE(index.word_slot("not"), TermIndex::unknown_word);
  EXPECT_EQ(index.word_slot("dont"), TermIndex::unknown_word);
  std::vector<TermIndex::Match> found;
  std::vector<std::uint32_t> words;
  index.find(tokenize("Fine, you're not listening. Whatever."), found, &words);
  EXPECT_EQ(words, (std::vector<std::uint32_t>{index.word_slot("fine"), TermIndex::apostrophe_word,
                                               index.word_slot("not"), index.word_slot("listening"),
                                               TermIndex::unknown_word}));
  ASSERT_EQ(found.size(), 1U);  // "fine" is known, yet matches nothing
  EXPECT_EQ(found[0].payload, 7U);
  // slots survive the index's bytes; an index with no terms still reports its words
  const std::string bytes = index.encode();  // the decoded index may read them in place
  const TermIndex decoded = TermIndex::decode(bytes);
  EXPECT_EQ(decoded.word_slot("fine"), index.word_slot("fine"));
  TermIndex words_only;
  words_only.know("fine");
  words_only.build();
  words_only.find(tokenize("fine then"), found, &words);
  EXPECT_EQ(words, (std::vector<std::uint32_t>{words_only.word_slot("fine"), TermIndex::unknown_word}));
}

// The model's verdict on the patient turn `patient` between `therapist` and `next`, its words
// taken by the slots `index` reports when given, else by their text.
ModelVerdict verdict_of(const ModelScorer& scorer, const TermIndex* index, const std::string& therapist,
                        const std::string& patient, const std::string& next) {
  const TokenizedText t = tokenize(therapist);
  const TokenizedText p = tokenize(patient);
  const TokenizedText n = tokenize(next);
  std::vector<std::uint32_t> t_words;
  std::vector<std::uint32_t> p_words;
  std::vector<std::uint32_t> n_words;
  TurnView view;
  view.turn = &p;
  view.therapist = &t;
  view.next = &n;
  if (index != nullptr) {
    std::vector<TermIndex::Match> found;
    index->find(t, found, &t_words);
    index->find(p, found, &p_words);
    index->find(n, found, &n_words);
    view.turn_words = p_words;
    view.therapist_words = t_words;
    view.next_words = n_words;
  }
  return scorer.score(view, 0.5);
}

TEST(TurnModel, WordsTakenByTheIndexsSlotsGiveTheVerdictTheirTextGives) {
  RulePack pack = test::pack_from(progress_pack);
  pack.model = hand_made_model("complaint-therapist", {{"w:fine", {1}, {2.0}},
                                                       {"w:don't", {1}, {4.0}},
                                                       {"w:dont", {0}, {4.0}},
                                                       {"b:not fine", {1}, {1.0}},
                                                       {"t:why", {1}, {0.5}},
                                                       {"n:sorry", {1}, {1.0}}});
  const auto compiled = CompiledPack::compile(pack);
  const ModelScorer& scorer = *compiled->model();
  ASSERT_TRUE(scorer.reads_slots());  // the pack's index knows the model's words
  const TermIndex& index = compiled->index();
  for (const auto& [therapist, patient, next] :
       std::vector<std::array<std::string, 3>>{{"Why?", "I don't know, not fine.", "Sorry."},
                                               {"Why?", "Dont know.", "Go on."},
                                               {"", "Fine, fine.", ""}}) {
    const ModelVerdict by_text = verdict_of(scorer, nullptr, therapist, patient, next);
    const ModelVerdict by_slot = verdict_of(scorer, &index, therapist, patient, next);
    EXPECT_EQ(by_slot.rupture, by_text.rupture) << patient;
    EXPECT_EQ(by_slot.evidence, by_text.evidence) << patient;
    EXPECT_EQ(by_slot.weighed, by_text.weighed) << patient;
  }
  // "don't" and "dont" stay two words though the index compares them without apostrophes
  EXPECT_GT(verdict_of(scorer, &index, "", "don't", "").rupture, 0.5);
  EXPECT_LT(verdict_of(scorer, &index, "", "dont", "").rupture, 0.1);
  // an index that lacks a word of the model is not read: the words are taken by their text
  TermIndex other;
  other.know("fine");
  other.build();
  const ModelScorer by_text(*pack.model, &other);
  EXPECT_FALSE(by_text.reads_slots());
  EXPECT_EQ(verdict_of(by_text, &other, "", "not fine", "").rupture,
            verdict_of(scorer, nullptr, "", "not fine", "").rupture);
}

TEST(TurnModel, TheBuiltInModelsTakeWordsByTheirSlots) {
  for (const std::string& language : builtin_languages()) {
    const PackProvider packs({"", language});
    const Tagger& tagger = packs.tagger_for(test::transcript("P: Hello.\n"));
    ASSERT_NE(tagger.pack().model(), nullptr) << language;
    EXPECT_TRUE(tagger.pack().model()->reads_slots()) << language;
  }
}

TEST(TurnModel, EvalByRuleGivesTheModelARowPerId) {
  const Tagger tagger(CompiledPack::compile(pack_with_model()));
  ReportOptions options;
  options.every_rule = true;
  const FileReport report = build_report(
      test::transcript("T: Well?\nP: What a waste of time this is.\nT: Ok?\nP: Such a waste of time.\n"),
      tagger, options);
  const auto rows =
      evaluate_rules(tagger.pack(), report.fired, report.findings, {{}, {"complaint-activities"}, {}, {}});
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].rule, "model");
  EXPECT_EQ(rows[0].code, "complaint-activities");
  EXPECT_EQ(rows[0].fired, 2U);
  EXPECT_EQ(rows[0].tp, 1U);
  EXPECT_EQ(rows[0].uncoded, 1U);
}

TEST(PackLoader, ModelProblemsAreReportedWhereTheyAre) {
  EXPECT_EQ(test::pack_problem("model:\n  classes: [focus-relationship, denial, denial]\n"),
            "test.yaml:3:13: model.classes: 'focus-relationship' is not a marker id of MARKERS.md\n"
            "test.yaml:3:41: model.classes: 'denial' is listed twice");
  EXPECT_EQ(test::pack_problem("model:\n  classes: [denial]\n  threshold: 1.5\n"),
            "test.yaml:4:14: model.threshold must be between 0.01 and 0.99");
  EXPECT_EQ(
      test::pack_problem("model:\n  classes: [denial]\n  weights:\n    \"x:y\": {denial: 1}\n"),
      "test.yaml:5:5: model.weights: 'x:y' is not a feature (w:WORD, b:WORD WORD, t:WORD, t:?, len:N or "
      "prev:1)");
  EXPECT_EQ(test::pack_problem(
                "model:\n  classes: [denial]\n  weights:\n    \"w:x\": {topic-shift: 1, denial: a}\n"),
            "test.yaml:5:13: model.weights: 'topic-shift' is not one of the model's classes\n"
            "test.yaml:5:37: model.weights must be a number, not 'a'");
  EXPECT_EQ(
      test::pack_problem("model:\n  classes: [denial]\n  threshold: 0.5\n  veto: 0.5\n"),
      "test.yaml:5:9: model.veto: 0.5 is not below the threshold 0.5 (a turn the model flags would lose "
      "the rules' findings)");
  EXPECT_EQ(test::pack_problem("model:\n  classes: [denial]\n  veto: -0.1\n"),
            "test.yaml:4:9: model.veto must be between 0 and 0.98");
  EXPECT_EQ(test::pack_problem("model:\n  threshold: 0.5\n"),
            "test.yaml:3:3: model: no classes (the marker ids it tells apart)");
}

}  // namespace
}  // namespace ruptag
