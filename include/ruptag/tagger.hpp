#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ruptag/catalogue.hpp"
#include "ruptag/compiled_pack.hpp"
#include "ruptag/transcript.hpp"

namespace ruptag {

/// The rule id of the findings of a pack's turn model (docs/model.md).
inline constexpr std::string_view model_rule_id = "model";

/// A byte range of a turn's text.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

/// One marker (patient turn) or repair intervention (therapist turn) found in one turn.
struct Finding {
  std::string marker;  ///< a MARKERS.md id, markers and interventions alike
  Category category = Category::withdrawal;
  std::size_t turn = 0;     ///< index into Transcript::turns
  std::string rule;         ///< id of the rule that fired
  std::vector<Span> spans;  ///< the words that fired, in the turn's text, in order
  double strength = 1.0;    ///< the rule's weight
  std::vector<Cue> cues;    ///< the cues a `cue:` clause of the rule matched
  /// For a finding of the turn model (rule model_rule_id), where what weighed for its
  /// marker came from: shares of the turn itself, the therapist's turn before it and the
  /// therapist's answer, summing to 1 (ModelVerdict::weighed). All 0 for a rule's finding.
  std::array<double, 3> weighed{};
};

/// Spans sorted by position, overlapping ones joined.
std::vector<Span> merge_spans(std::vector<Span> spans);

/// The words of `spans` as one string, " … " between parts that are not adjacent.
std::string evidence_text(std::string_view text, const std::vector<Span>& spans);

/// One rule that fired on one turn, whether or not its finding was kept.
struct RuleFiring {
  std::size_t turn = 0;    ///< index into Transcript::turns
  std::uint32_t rule = 0;  ///< index into CompiledPack::rules()
  friend bool operator==(const RuleFiring&, const RuleFiring&) = default;
};

/// What tagging one turn yields.
struct TurnTags {
  std::size_t turn = 0;           ///< index into Transcript::turns
  std::vector<Finding> findings;  ///< ordered by catalogue order of the id
  std::vector<bool> conditions;   ///< per requested condition, whether it holds
  std::size_t words = 0;          ///< words (tokens) in the turn's talk
  /// Every rule that fired on the turn, in pack order, when the stream was asked for them
  /// (TagStream's `every_rule`); empty otherwise.
  std::vector<std::uint32_t> fired;
};

class Evaluator;

/// How a TagStream uses its pack's turn model, if the pack has one.
struct ModelUse {
  /// Whether the model reads the patient turns at all; off, the findings are the rules' alone.
  bool on = true;
  /// The probability of a rupture from which the model flags a turn no rule flags, instead
  /// of the model's own TurnModel::threshold.
  std::optional<double> threshold;
  /// The probability below which the model drops the findings of the rules it may
  /// overrule (TurnModel::veto_rules) in a patient turn, instead of the model's own
  /// TurnModel::veto; 0 keeps them all.
  std::optional<double> veto;

  /// The rules alone: the model reads nothing.
  static ModelUse off() { return {false, std::nullopt, std::nullopt}; }
};

/// Tags a session turn by turn, as a reader yields them. It holds only the last `reach`
/// turns, which is as far back as rules look (`after`, `run`, `overlap`, `after_finding`):
/// memory follows the longest turns, not the length of the session. A look back that
/// would go further finds nothing (docs/reliability.md).
class TagStream {
 public:
  static constexpr std::size_t reach = 1024;

  /// `conditions`: names of pack conditions to evaluate on every turn (false on every
  /// turn for a name the pack does not have). `every_rule`: list in TurnTags::fired every
  /// rule that fires, also those whose finding gives way to a stronger rule of the same
  /// id (rules are evaluated either way; off, nothing is collected). `model`: whether and
  /// how the pack's turn model reads the patient turns.
  explicit TagStream(std::shared_ptr<const CompiledPack> pack,
                     const std::vector<std::string>& conditions = {}, bool every_rule = false,
                     ModelUse model = {});
  TagStream(TagStream&&) noexcept;
  TagStream& operator=(TagStream&&) noexcept;
  ~TagStream();

  /// Tags the next turn of the session; its index is the number of turns before it.
  /// Returns the turns whose tags are complete, in order: the turn before it if that one
  /// waited for it, and this one unless it waits for the next.
  /// Markers come only from patient turns and repairs only from therapist turns; when
  /// several rules find the same id in a turn, the strongest one (the first of equals)
  /// is kept. A patient turn where no rule finds a marker gets the turn model's finding,
  /// when the model is used and its probability of a rupture reaches its threshold; one
  /// where rules find markers loses those of the rules the veto may drop
  /// (ModelScorer::may_veto) when that probability is below the model's veto.
  /// A turn the model reads waits for the next one, since the model reads the therapist's
  /// answer.
  std::vector<TurnTags> push(Turn turn);

  /// The tags of the last turn, if it waited for a next one; call once, after the last push.
  std::vector<TurnTags> finish();

  /// Whether the enabled rule `rule_id` fires on `turn` as the next turn, judged on its
  /// own; the turn is not tagged and nothing may be pushed after it. False for an unknown
  /// rule id.
  bool fires_next(Turn turn, std::string_view rule_id);

  /// A turn pushed at most `reach` turns ago.
  [[nodiscard]] const Turn& turn(std::size_t index) const;

 private:
  std::shared_ptr<const CompiledPack> pack_;
  std::unique_ptr<Evaluator> evaluator_;
  std::vector<std::optional<std::uint32_t>> conditions_;  ///< the requested ones, by index in the pack
  bool every_rule_ = false;
  const ModelScorer* model_ = nullptr;         ///< the pack's turn model, when used
  double threshold_ = 1.0;                     ///< the probability from which the model flags a turn
  double veto_ = 0;                            ///< the probability below which it drops the rules' findings
  std::optional<std::size_t> last_therapist_;  ///< the therapist's last turn so far
  bool previous_flagged_ = false;              ///< a rule found a marker in the patient's last turn
  /// A patient turn waiting for the turn after it before the turn model scores it (one no
  /// rule flagged, or, with a veto, one a rule flagged), with what the model reads of the
  /// turns before it.
  struct Waiting {
    TurnTags tags;                         ///< the rules' tags; conditions not yet evaluated
    bool flagged = false;                  ///< a rule found a marker in it, one the veto may drop
    std::optional<std::size_t> therapist;  ///< the therapist's last turn before it
    bool previous_flagged = false;         ///< a rule found a marker in the patient's turn before it
  };
  std::optional<Waiting> waiting_;

  /// The waiting turn's tags, scored by the model with `next` (the therapist's answer) and
  /// its conditions evaluated; nothing waits afterwards.
  TurnTags complete(std::optional<std::size_t> next);
  /// Evaluates the requested conditions on the turn `tags.turn`, into `tags.conditions`.
  void evaluate_conditions(TurnTags& tags) const;
};

/// Runs a compiled pack over transcripts. Holds no state between calls; one Tagger may
/// be used from several threads at once.
class Tagger {
 public:
  explicit Tagger(std::shared_ptr<const CompiledPack> pack);

  /// Every finding of the pack in `transcript`, ordered by turn, then by catalogue order
  /// of the id. Markers come only from patient turns and repairs only from therapist
  /// turns; when several rules find the same id in a turn, the strongest one (the first
  /// of equals) is kept.
  [[nodiscard]] std::vector<Finding> tag(const Transcript& transcript) const;

  /// Whether the enabled rule `rule_id` fires on turn `turn` of `transcript`, judged on
  /// its own (used to check a rule's examples). False for an unknown rule id.
  [[nodiscard]] bool rule_fires(const Transcript& transcript, std::size_t turn,
                                std::string_view rule_id) const;

  [[nodiscard]] const CompiledPack& pack() const { return *pack_; }
  [[nodiscard]] const std::shared_ptr<const CompiledPack>& shared_pack() const { return pack_; }

 private:
  std::shared_ptr<const CompiledPack> pack_;
};

}  // namespace ruptag
