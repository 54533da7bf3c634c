#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ruptag/compiled_pack.hpp"
#include "ruptag/gold.hpp"
#include "ruptag/log_odds.hpp"
#include "ruptag/report.hpp"
#include "ruptag/text.hpp"
#include "ruptag/transcript.hpp"

namespace ruptag {

/// One n-gram of a turn: consecutive words of one sentence.
struct Ngram {
  std::string key;   ///< the words as the matcher compares them: normalised, without apostrophes
  std::string text;  ///< the words normalised as tokenize() leaves them ("don't see")
  std::size_t words = 0;
};

/// The distinct n-grams of 1 to `max_words` words of one turn, as the matcher sees its
/// text: notation blanked (talk_only(): "(laughs)" is no word), tokenized and normalised
/// with `options` (tokenize()), words compared without their apostrophes (as TermIndex
/// compares them: "don't" and "dont" are one word). An n-gram never crosses the end of a
/// sentence. Each key once, with its first spelling in the turn; ordered by key.
std::vector<Ngram> turn_ngrams(const Turn& turn, const NormalizeOptions& options, std::size_t max_words = 4);

/// What PhraseCounter::rank() ranks, and how.
struct SuggestOptions {
  std::size_t top = 10;            ///< n-grams per code
  std::size_t min_count = 2;       ///< an n-gram must be in at least this many of the code's gold turns
  std::size_t min_gold_turns = 5;  ///< codes with fewer gold turns are not ranked
  double prior_scale = 1;          ///< LogOddsCorpus::prior_scale
  std::vector<std::string> codes;  ///< only these ids; empty: every id
};

/// One n-gram over-represented in the gold turns of a code.
struct PhraseRow {
  std::string text;  ///< the n-gram, words normalised, separated by one space
  std::size_t words = 0;
  LogOdds stats;                      ///< the code's gold turns against the speaker's other turns
  std::size_t in = 0;                 ///< the code's gold turns that contain it
  std::size_t out = 0;                ///< the speaker's other turns that contain it
  std::size_t found = 0;              ///< of the `in` turns, those the tool tags with the code
  bool matched = false;               ///< a term of a rule of the code matches within the n-gram
  std::vector<std::string> examples;  ///< "path:line" of the first (at most 2) `in` turns
};

/// The ranking of one code.
struct CodePhrases {
  std::string code;
  Speaker speaker = Speaker::patient;  ///< patient for a marker, therapist for a repair
  std::size_t gold_turns = 0;          ///< the speaker's turns the gold codes with it
  std::size_t other_turns = 0;         ///< the speaker's other turns
  std::vector<PhraseRow> phrases;      ///< highest z first
};

/// The rankings of the sessions tagged with one pack.
struct PackPhrases {
  std::string pack;  ///< the pack's id
  std::string language;
  std::size_t sessions = 0;
  std::size_t patient_turns = 0;
  std::size_t therapist_turns = 0;
  std::vector<CodePhrases> codes;  ///< codes with at least min_gold_turns gold turns, in MARKERS.md order
  /// Codes with gold turns, but fewer than min_gold_turns: id and count, in MARKERS.md order.
  std::vector<std::pair<std::string, std::size_t>> too_few;
};

/// Counts, session by session, which turns of each speaker contain which n-grams
/// (turn_ngrams()), and which of those turns the gold codes with which id; then ranks,
/// per id, the n-grams of its gold turns against the speaker's other turns by
/// informative_log_odds(), counting turns that contain an n-gram (not occurrences).
class PhraseCounter {
 public:
  /// Counts the sessions tagged with `pack`.
  explicit PhraseCounter(std::shared_ptr<const CompiledPack> pack);

  /// Adds one session: `report` must hold every turn (ReportOptions::all_turns) and the
  /// findings; `gold` gives per turn the ids the gold codes (assign_to_turns()). Markers
  /// count on patient turns and repairs on therapist turns only. The examples of a
  /// ranking are the first turns added, so add sessions in a fixed order.
  void add(const FileReport& report, const TurnCodes& gold);

  /// For each id with at least `options.min_gold_turns` gold turns (and among
  /// `options.codes` when given), the n-grams in at least `options.min_count` of its gold
  /// turns with z > 0, highest z first (then longer n-grams first, then by text), at most
  /// `options.top`. An n-gram found in exactly the same turns as a longer n-gram that
  /// contains it is left out: it adds nothing.
  [[nodiscard]] PackPhrases rank(const SuggestOptions& options) const;

 private:
  struct InCode {
    std::size_t in = 0;
    std::size_t found = 0;
    std::vector<std::pair<std::uint32_t, std::size_t>> examples;  ///< session, line
  };
  struct CodeTally {
    std::size_t gold_turns = 0;
    std::size_t total = 0;  ///< the sum of `in` over the n-grams
    std::unordered_map<std::uint32_t, InCode> ngrams;
  };
  struct Side {
    std::unordered_map<std::string, std::uint32_t> ids;  ///< n-gram key -> id
    std::vector<std::string> keys;                       ///< by id
    std::vector<std::size_t> turns_with;                 ///< by id: the turns that contain it
    std::vector<std::size_t> words;                      ///< by id
    std::map<std::uint32_t, std::map<std::string, std::size_t>> spellings;  ///< other than the key, per id
    std::size_t turns = 0;
    std::size_t total = 0;  ///< the sum of turns_with
  };

  [[nodiscard]] static std::string spelling(const Side& side, std::uint32_t id);
  [[nodiscard]] bool matched(const std::string& code, const std::string& text) const;

  std::shared_ptr<const CompiledPack> pack_;
  std::vector<std::string> sessions_;
  std::array<Side, 2> sides_;               ///< patient, therapist
  std::map<std::string, CodeTally> codes_;  ///< by id
};

}  // namespace ruptag
