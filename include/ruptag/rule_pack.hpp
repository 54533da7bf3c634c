#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ruptag/catalogue.hpp"
#include "ruptag/error.hpp"
#include "ruptag/transcript.hpp"

namespace ruptag {

/// A list of words and phrases as written in a pack. An entry "@name" stands for the
/// whole lexicon `name`; a '*' at the end of a word matches any ending ("frustrat*");
/// a gap "~N" between two words lets 0 to N words stand there ("you ~2 listen*").
struct TermList {
  std::vector<std::string> terms;
  std::vector<Location> where;  ///< one location per term
  Location list_where;          ///< where the list itself starts

  friend bool operator==(const TermList&, const TermList&) = default;
};

/// How a negation cue shortly before a term match changes it.
enum class Negation { ignore, block, require };

/// The kind of question a turn ends with; `none` holds for a turn without any sentence
/// ending in "?" (a statement: "You're drinking most nights.").
enum class QuestionKind { open, closed, any, none };

/// A condition on another turn, referred to by name (named conditions live in the pack;
/// inline ones get a generated name when the pack is loaded).
using ConditionRef = std::string;

struct NearClause {
  TermList a;
  TermList b;
  int within = 5;  ///< at most this many tokens between the two matches

  friend bool operator==(const NearClause&, const NearClause&) = default;
};

struct WordsClause {
  std::optional<int> min;
  std::optional<int> max;
  TermList ignore;  ///< words not counted (fillers)

  friend bool operator==(const WordsClause&, const WordsClause&) = default;
};

struct CountClause {
  TermList terms;
  std::optional<int> min;
  std::optional<int> max;

  friend bool operator==(const CountClause&, const CountClause&) = default;
};

struct RatioClause {
  TermList terms;
  std::optional<double> min;
  std::optional<double> max;

  friend bool operator==(const RatioClause&, const RatioClause&) = default;
};

struct OverlapClause {
  std::optional<double> min;
  std::optional<double> max;

  friend bool operator==(const OverlapClause&, const OverlapClause&) = default;
};

struct RunClause {
  ConditionRef condition;
  int min = 2;

  friend bool operator==(const RunClause&, const RunClause&) = default;
};

/// "pause >= 2s": a cue of this kind, when `op` is set with a length compared to `seconds`.
struct CueTest {
  CueKind kind = CueKind::pause;
  std::string op;  ///< "", ">=", ">", "<=" or "<"
  double seconds = 0;

  friend bool operator==(const CueTest&, const CueTest&) = default;
};

/// The tests of a rule or condition. Every clause that is present must hold.
struct Clauses {
  std::optional<TermList> terms;
  std::vector<std::string> regex;
  std::vector<Location> regex_where;
  std::optional<NearClause> near;
  std::optional<CountClause> count;
  std::optional<WordsClause> words;
  std::optional<RatioClause> ratio;
  std::optional<OverlapClause> overlap;
  std::optional<QuestionKind> question;
  std::optional<TermList> cues;         ///< words inside the turn's notes ("(looks away)")
  std::vector<CueTest> cue;             ///< the turn has a cue passing any of these tests
  std::vector<ConditionRef> after;      ///< the other speaker's preceding turn meets any
  std::vector<ConditionRef> not_after;  ///< ... and meets none of these
  std::optional<RunClause> run;
  std::optional<Speaker> speaker;
  Negation negation = Negation::ignore;
  std::optional<int> negation_window;
  std::optional<TermList> exceptions;  ///< a match sharing a matched word with one of these is cancelled
  std::optional<TermList> unless;      ///< any of these anywhere in the turn cancels the rule
  std::optional<TermList> with;        ///< one of these must also occur somewhere in the turn
  std::optional<int> start_within;     ///< term matches count only when starting in the turn's first N tokens
  /// The other speaker's preceding turn has a finding of one of these marker or
  /// intervention ids, or of these categories ("withdrawal", "confrontation", "repair").
  std::vector<std::string> after_finding;
  std::vector<Location> after_finding_where;
  Location where;

  friend bool operator==(const Clauses&, const Clauses&) = default;
};

struct Examples {
  std::vector<std::string> match;
  std::vector<Location> match_where;
  std::vector<std::string> no_match;
  std::vector<Location> no_match_where;

  friend bool operator==(const Examples&, const Examples&) = default;
};

struct Rule {
  std::string id;
  Clauses clauses;
  double weight = 1.0;  ///< strength of a finding, in (0, 1]
  Examples examples;
  bool enabled = true;
  Location where;

  friend bool operator==(const Rule&, const Rule&) = default;
};

/// A marker or a repair intervention, as a pack defines it.
struct CodeDef {
  std::string id;  ///< an id of MARKERS.md
  Category category = Category::withdrawal;
  std::string name;                   ///< in the pack's language
  std::string description;            ///< in the pack's language
  std::vector<std::string> examples;  ///< example utterances (shown by `explain`)
  std::vector<std::string> repairs;   ///< markers: intervention ids, best first
  std::vector<Rule> rules;
  Location where;

  friend bool operator==(const CodeDef&, const CodeDef&) = default;
};

struct PackManifest {
  std::string id;
  std::string language;  ///< "nl", "en", ...
  std::string version;
  std::string name;
  std::string description;
  std::string extends;  ///< a built-in language whose pack this one extends, or empty

  friend bool operator==(const PackManifest&, const PackManifest&) = default;
};

struct PackSettings {
  bool fold_diacritics = true;
  int negation_window = 3;        ///< tokens before a match searched for a negation cue
  int negation_window_after = 0;  ///< tokens after a match (Dutch puts "niet" late)
  int stem_length = 5;            ///< overlap compares words by this many leading bytes
  int repair_window = 3;          ///< therapist turns searched for a repair after a marker
  int resolution_window = 3;      ///< patient turns checked after a repair

  friend bool operator==(const PackSettings&, const PackSettings&) = default;
};

struct QuestionWords {
  TermList open;    ///< phrases that open an open question ("what", "tell me")
  TermList closed;  ///< phrases that open a yes/no question ("do you", "is it")

  friend bool operator==(const QuestionWords&, const QuestionWords&) = default;
};

/// One feature of a turn model and its weights: `classes[k]` (0 is "none", k >= 1 is
/// `TurnModel::classes[k - 1]`) gets `weights[k]`; a class not listed gets 0.
struct ModelFeature {
  std::string key;  ///< "w:word", "b:word word", "t:word", "t:?", "n:word", "len:N" or "prev:1"
  std::vector<std::uint32_t> classes;
  std::vector<double> weights;

  friend bool operator==(const ModelFeature&, const ModelFeature&) = default;
};

/// A multinomial logistic model of patient turns, written by `ruptag rules train`: the
/// features of a turn (turn_model.hpp) add their weights to each class; when no rule finds
/// a marker in a patient turn and the probability of a class other than "none" reaches
/// `threshold`, the likeliest marker is reported as found by the rule "model". When rules
/// do find markers in a patient turn and that probability is below `veto`, the findings of
/// the rules in `veto_rules` are dropped.
struct TurnModel {
  double threshold = 0.7;  ///< in (0, 1)
  double veto = 0;         ///< in [0, threshold); 0: the model never drops a rule's finding
  /// The ids of the rules whose findings the veto may drop, in any order (`rules train`
  /// writes them sorted); none given: every rule's.
  std::optional<std::vector<std::string>> veto_rules;
  std::vector<std::string> classes;  ///< marker ids; the class "none" comes before them
  std::vector<double> bias;          ///< one per class, "none" first
  std::vector<ModelFeature> features;
  Location where;

  friend bool operator==(const TurnModel&, const TurnModel&) = default;
};

/// A whole rule pack: what a YAML directory says, validated, before compilation.
struct RulePack {
  PackManifest manifest;
  PackSettings settings;
  TermList negation_cues;
  TermList pseudo_negations;  ///< "not only": cues that do not negate
  TermList stopwords;         ///< ignored by `overlap`
  TermList detect;            ///< frequent words that identify the language
  /// Spoken and written forms of the same words ("m'n" -> "mijn", "da's" -> "dat is"):
  /// a term written with either form also matches the other.
  std::vector<std::pair<std::string, std::string>> aliases;
  std::vector<Location> aliases_where;
  QuestionWords questions;
  std::map<std::string, TermList> lexicons;
  std::map<std::string, Clauses> conditions;
  std::vector<CodeDef> codes;  ///< markers and interventions, in catalogue order
  std::vector<std::string> disabled;
  std::optional<TurnModel> model;  ///< the pack's turn model, when it has one

  /// The marker or intervention with this id, or nullptr.
  [[nodiscard]] const CodeDef* find_code(std::string_view id) const;
  /// The interventions this pack suggests for a marker, best first (none for a repair).
  [[nodiscard]] std::vector<const CodeDef*> suggested_repairs(const CodeDef& marker) const;

  friend bool operator==(const RulePack&, const RulePack&) = default;
};

/// Every literal term of the pack's lexicons and rules (not the "@name" references),
/// sorted and without repeats, as written.
std::vector<std::string> literal_terms(const RulePack& pack);

}  // namespace ruptag
