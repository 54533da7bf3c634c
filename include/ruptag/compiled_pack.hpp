#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ruptag/rule_pack.hpp"
#include "ruptag/term_index.hpp"
#include "ruptag/text.hpp"
#include "ruptag/turn_model.hpp"

namespace re2 {
class RE2;
}

namespace ruptag {

/// A term list with its "@lexicon" references resolved: ids of compiled lists whose
/// matches all count as matches of this set.
struct TermSet {
  std::vector<std::uint32_t> lists;
};

/// Clauses with term lists, regexes and condition names replaced by indexes.
/// Numbers and flags are read from `source`.
struct CompiledClauses {
  const Clauses* source = nullptr;
  std::optional<TermSet> terms;
  std::optional<TermSet> near_a;
  std::optional<TermSet> near_b;
  std::optional<TermSet> count_terms;
  std::optional<TermSet> words_ignore;
  std::optional<TermSet> ratio_terms;
  std::optional<TermSet> cues;
  std::optional<TermSet> exceptions;
  std::optional<TermSet> unless;
  std::optional<TermSet> with;
  std::vector<std::uint32_t> regex;      ///< indexes into CompiledPack::regex()
  std::vector<std::uint32_t> after;      ///< condition indexes
  std::vector<std::uint32_t> not_after;  ///< condition indexes
  std::optional<std::uint32_t> run;      ///< condition index
  int negation_before = 0;               ///< tokens searched before a match
  int negation_after = 0;                ///< tokens searched after a match
};

struct CompiledRule {
  const CodeDef* code = nullptr;
  const Rule* rule = nullptr;
  Speaker speaker = Speaker::patient;
  CompiledClauses clauses;
};

/// A validated pack made ready for matching: every term of every list in one TermIndex,
/// every regex compiled once, when first needed. Safe to share between threads.
class CompiledPack {
 public:
  /// Compiles a validated pack (see parse_pack()). `prebuilt` is the pack's term index
  /// as compiling the same pack built it before (an embedded pack carries one).
  static std::shared_ptr<const CompiledPack> compile(RulePack pack, std::optional<TermIndex> prebuilt = {});

  ~CompiledPack();
  CompiledPack(const CompiledPack&) = delete;
  CompiledPack& operator=(const CompiledPack&) = delete;

  [[nodiscard]] const RulePack& pack() const { return pack_; }
  [[nodiscard]] const NormalizeOptions& normalize_options() const { return norm_; }
  [[nodiscard]] const TermIndex& index() const { return index_; }
  /// Enabled rules, markers' and interventions' alike, in pack order.
  [[nodiscard]] const std::vector<CompiledRule>& rules() const { return rules_; }
  [[nodiscard]] const CompiledClauses& condition(std::uint32_t i) const { return conditions_[i]; }
  /// How many conditions condition() holds: named ones and those written inline in a rule.
  [[nodiscard]] std::size_t condition_count() const { return conditions_.size(); }
  /// The index of the named condition, or nullopt when the pack has none of that name.
  [[nodiscard]] std::optional<std::uint32_t> find_condition(std::string_view name) const;
  /// A rule's regex, compiled the first time it is needed.
  [[nodiscard]] const re2::RE2& regex(std::uint32_t i) const;
  [[nodiscard]] std::size_t list_count() const { return list_count_; }
  /// The rules worth testing on a turn of `speaker` in whose words the lists `matched` (ids
  /// of compiled lists, in any order) have matches: each rule of that speaker whose words
  /// clause (`terms`; without it `near`; without both `with`) names one of those lists,
  /// and each rule of that speaker without such a clause. Any other rule of that speaker
  /// cannot fire on the turn. Replaces `out` with their indexes into rules(), ascending.
  void candidates(Speaker speaker, std::span<const std::uint32_t> matched,
                  std::vector<std::uint32_t>& out) const;

  [[nodiscard]] const TermSet& negation_cues() const { return negation_cues_; }
  [[nodiscard]] const TermSet& pseudo_negations() const { return pseudo_negations_; }
  [[nodiscard]] const TermSet& stopwords() const { return stopwords_; }
  [[nodiscard]] const TermSet& open_questions() const { return open_questions_; }
  [[nodiscard]] const TermSet& closed_questions() const { return closed_questions_; }
  /// The pack's turn model ready to score turns, or nullptr when the pack has none.
  [[nodiscard]] const ModelScorer* model() const { return model_ ? &*model_ : nullptr; }

 private:
  class Builder;
  explicit CompiledPack(RulePack pack);

  RulePack pack_;
  NormalizeOptions norm_;
  TermIndex index_;
  std::size_t list_count_ = 0;
  std::vector<CompiledRule> rules_;
  /// Per list id L, the rules whose words clause names L: keyed_rules_[keyed_begin_[L]]
  /// up to keyed_rules_[keyed_begin_[L + 1]].
  std::vector<std::uint32_t> keyed_begin_;
  std::vector<std::uint32_t> keyed_rules_;
  std::vector<std::uint32_t> unkeyed_rules_;  ///< rules without a words clause
  std::vector<CompiledClauses> conditions_;
  std::map<std::string, std::uint32_t, std::less<>> condition_ids_;
  struct LazyRegex;
  std::vector<std::unique_ptr<LazyRegex>> regex_;
  TermSet negation_cues_;
  TermSet pseudo_negations_;
  TermSet stopwords_;
  TermSet open_questions_;
  TermSet closed_questions_;
  std::optional<ModelScorer> model_;
};

}  // namespace ruptag
