#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ruptag/catalogue.hpp"
#include "ruptag/compiled_pack.hpp"
#include "ruptag/transcript.hpp"

namespace ruptag {

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
};

/// Spans sorted by position, overlapping ones joined.
std::vector<Span> merge_spans(std::vector<Span> spans);

/// The words of `spans` as one string, " … " between parts that are not adjacent.
std::string evidence_text(std::string_view text, const std::vector<Span>& spans);

/// What tagging a transcript yields.
struct TagResult {
  std::vector<Finding> findings;
  /// Per requested condition, whether it holds on each turn (all false when the pack
  /// has no condition of that name).
  std::vector<std::vector<bool>> conditions;
  /// Words (tokens) in each turn.
  std::vector<std::size_t> words;
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

  /// tag(), and in the same pass the named pack conditions evaluated on every turn.
  [[nodiscard]] TagResult tag(const Transcript& transcript, const std::vector<std::string>& conditions) const;

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
