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
#include "ruptag/transcript.hpp"

namespace ruptag {

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

/// Counts, session by session, which turns of each speaker contain which n-grams, and
/// which of those turns the gold codes with which id; then ranks, per id, the n-grams of
/// its gold turns against the speaker's other turns by informative_log_odds(), counting
/// the turns that contain an n-gram (not its occurrences).
///
/// An n-gram is 1 to max_words consecutive words of one sentence of a turn, the turn's
/// text read as the matcher reads it: notation blanked (talk_only(): "(laughs)" is no
/// word), tokenized and normalised with the pack's options (tokenize()), and words
/// compared without their apostrophes (as TermIndex compares them: "don't" and "dont" are
/// one word, shown as it is most often written).
class PhraseCounter {
 public:
  static constexpr std::size_t max_words = 4;

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
  /// begins or ends with it is left out: it adds nothing.
  [[nodiscard]] PackPhrases rank(const SuggestOptions& options) const;

 private:
  using Words = std::array<std::uint32_t, max_words>;  ///< word ids (from 1), 0 after the last
  struct WordsHash {
    std::size_t operator()(const Words& words) const;
  };
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
  struct Word {
    std::string key;  ///< normalised, without apostrophes
    std::size_t uses = 0;
    std::map<std::string, std::size_t> spellings;  ///< those other than the key, and their uses
  };

  std::uint32_t word_id(std::string_view normalized);
  std::uint32_t gram_id(const Words& words);
  [[nodiscard]] std::string text(const Words& words, bool spelled) const;
  [[nodiscard]] bool matched(const std::string& code, const std::string& text) const;

  std::shared_ptr<const CompiledPack> pack_;
  std::vector<std::string> sessions_;
  std::unordered_map<std::string, std::uint32_t> word_ids_;
  std::vector<Word> words_;  ///< by id - 1
  std::unordered_map<Words, std::uint32_t, WordsHash> gram_ids_;
  std::vector<Words> grams_;  ///< by id
  std::array<std::vector<std::size_t>, 2>
      turns_with_;                          ///< patient, therapist: by n-gram id, the turns with it
  std::array<std::size_t, 2> turns_{};      ///< patient, therapist
  std::array<std::size_t, 2> totals_{};     ///< the sums of turns_with_
  std::map<std::string, CodeTally> codes_;  ///< by id
};

}  // namespace ruptag
