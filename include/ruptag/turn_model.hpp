#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ruptag/pair_map.hpp"
#include "ruptag/rule_pack.hpp"
#include "ruptag/term_index.hpp"
#include "ruptag/text.hpp"

namespace ruptag {

// A turn model reads a patient turn as a bag of features, each named by a key:
//   w:WORD        a word of the turn (normalised as the matcher sees it)
//   b:WORD WORD   two words next to each other in one sentence of the turn
//   t:WORD        a word of the last two sentences of the therapist's last turn before it
//   t:?           that therapist turn ends with a question
//   n:WORD        a word of the first two sentences of the therapist's turn right after it
//   len:N         the turn has 5N to 5N+4 words (N at most 6)
//   prev:1        a rule found a marker in the patient's previous turn
// and adds each feature's weights to every class; a softmax turns the sums into
// probabilities. See docs/model.md.

/// How many of the therapist turn's last sentences give `t:` features: the move the
/// patient answers ("You could cut down. Would that work?"), not the whole turn.
inline constexpr std::size_t therapist_sentences = 2;

/// The first token of the last therapist_sentences sentences of `therapist`.
std::size_t therapist_words_begin(const TokenizedText& therapist);

/// How many of the first sentences of the therapist's answer give `n:` features: how the
/// therapist took the turn ("I hear that this feels pointless."), not what they go on to.
inline constexpr std::size_t next_sentences = 2;

/// The token after the first next_sentences sentences of `next`.
std::size_t next_words_end(const TokenizedText& next);

/// The probabilities of the class sums `z`, in place (softmax).
void softmax(std::vector<double>& z);

/// What a turn model sees of a patient turn and the turns before it.
struct TurnView {
  const TokenizedText* turn = nullptr;       ///< the turn's talk, tokenised
  const TokenizedText* therapist = nullptr;  ///< the therapist's last turn before it, or nullptr
                                             ///< (only its last therapist_sentences sentences count)
  const TokenizedText* next = nullptr;       ///< the therapist's turn right after it, or nullptr
                                             ///< (only its first next_sentences sentences count)
  bool previous_flagged = false;             ///< a rule found a marker in the patient's previous turn
  /// Per token of `turn`, `therapist` and `next`, what TermIndex::find() reported of its
  /// word in `words` for the index the scorer was built with; or empty, and the scorer
  /// looks the words up by their text. The verdict is the same either way: the slots
  /// spare the lookups.
  std::span<const std::uint32_t> turn_words;
  std::span<const std::uint32_t> therapist_words;
  std::span<const std::uint32_t> next_words;
};

/// Calls `visit(key, first, last)` for each feature of `view`, `first` and `last` being the
/// turn's tokens it covers (both npos for a feature of the context). A key may come more
/// than once; the string_view is valid only during the call.
void for_each_feature(
    const TurnView& view,
    const std::function<void(std::string_view key, std::size_t first, std::size_t last)>& visit);

/// Where a feature comes from: the patient's turn (its words, length, the previous turn's
/// flag), the therapist's turn before it (`t:`) or the therapist's answer (`n:`).
enum class FeatureSource : std::uint8_t { turn = 0, before = 1, answer = 2 };

/// A model's verdict on one turn.
struct ModelVerdict {
  double rupture = 0;      ///< probability of any class but "none"
  std::size_t marker = 0;  ///< index into TurnModel::classes of the likeliest marker
  /// Byte ranges [begin, end) of the turn's words that weigh most for that marker (at most
  /// 3), in text order; only when `rupture` reaches the model's threshold.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> evidence;
  /// Per FeatureSource, its share of what weighed for that marker against "none": its
  /// features' net pull (weight for the marker minus weight for "none"; a source that pulls
  /// away counts 0) over the sources' sum. Summing to 1, or all 0 when nothing pulled
  /// towards it. Only when `rupture` reaches the threshold.
  std::array<double, 3> weighed{};
};

/// Calls `f(word)` for each word of `model`'s features (`w:`, `b:`, `t:`, `n:`; a word
/// may come more than once): the words a term index is to know (TermIndex::know) for a
/// scorer built with it to take words by their slot.
void for_each_model_word(const TurnModel& model, const std::function<void(std::string_view)>& f);

/// A TurnModel ready to score turns: feature keys in a hash map. Immutable; one scorer may
/// be used from several threads at once.
class ModelScorer {
 public:
  /// A scorer of `model`, which must outlive it. With `index` (which must outlive it too),
  /// it also takes the words of a TurnView by the slots that index reported, when the
  /// index knows every word of the model without an apostrophe; otherwise by their text.
  explicit ModelScorer(const TurnModel& model, const TermIndex* index = nullptr);

  /// Whether the scorer takes words by the slots of the index it was built with.
  [[nodiscard]] bool reads_slots() const { return !slot_words_.empty(); }

  /// The model's verdict on the patient turn `view`; its evidence and shares are worked
  /// out when the probability of a rupture reaches `threshold` (the model's own, or one a
  /// user chose).
  [[nodiscard]] ModelVerdict score(const TurnView& view, double threshold) const;

  /// The model's probability of a rupture in the patient turn `view`, without the work of
  /// its evidence: score(view, threshold).rupture for a threshold no probability reaches.
  [[nodiscard]] double rupture(const TurnView& view) const { return score(view, 2.0).rupture; }

  [[nodiscard]] const TurnModel& model() const { return *model_; }

  /// Whether the veto may drop the findings of the rule `rule_id` (TurnModel::veto_rules).
  [[nodiscard]] bool may_veto(std::string_view rule_id) const;

 private:
  static constexpr std::uint32_t no_feature = 0xFFFFFFFFU;
  /// The features of a word the model knows, if any.
  struct Word {
    std::uint32_t unigram = no_feature;    ///< "w:WORD"
    std::uint32_t therapist = no_feature;  ///< "t:WORD"
    std::uint32_t next = no_feature;       ///< "n:WORD"
  };
  const TurnModel* model_;
  std::vector<std::string> veto_rules_;  ///< TurnModel::veto_rules, sorted; empty when none are given
  /// Rows of at most this many classes are added in registers (`row_width_` is this then):
  /// every marker and "none" fit.
  static constexpr std::size_t short_row = 16;
  /// The weights, one row of row_width_ per feature (feature f's weight for class c at
  /// weights_[f * row_width_ + c], 0 for a class it has none for and past the last class;
  /// class 0 is "none", k + 1 is TurnModel::classes[k]): a turn's sums are added row by
  /// row, which the compiler vectorises, and a row is a cache line or two.
  std::size_t row_width_ = 0;
  std::vector<double> weights_;
  TermIndex::WordMap numbers_;  ///< word -> its number: an index into words_
  std::vector<Word> words_;
  /// Per slot of the index's words (TermIndex::word_slot()), its number here or no_feature;
  /// empty when the scorer reads no slots.
  std::vector<std::uint32_t> slot_words_;
  /// The number of token `i` of `text` (no_feature when the model does not know it), from
  /// `slots` when the scorer reads them and they are given, else from the text.
  [[nodiscard]] std::uint32_t number_of(const TokenizedText& text, std::span<const std::uint32_t> slots,
                                        std::size_t i) const;
  PairMap bigrams_;                      ///< PairMap::key(word number, word number) -> feature "b:WORD WORD"
  std::uint32_t asks_ = no_feature;      ///< "t:?"
  std::uint32_t previous_ = no_feature;  ///< "prev:1"
  std::array<std::uint32_t, 7> length_{no_feature, no_feature, no_feature, no_feature,
                                       no_feature, no_feature, no_feature};  ///< "len:N"
};

}  // namespace ruptag
