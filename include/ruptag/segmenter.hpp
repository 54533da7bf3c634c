#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ruptag/tagger.hpp"
#include "ruptag/transcript.hpp"

namespace ruptag {

/// How a session is cut into 3RS-style segments.
struct SegmentSpec {
  enum class Unit { minutes, words, turns };
  Unit unit = Unit::minutes;
  double size = 5;  ///< minutes, words or turns per segment
};

/// Parses "5m", "90s", "1h", "20turns", "650words" (also "5min", "20t", "650w").
/// Returns nullopt for anything else or a size that is not positive.
std::optional<SegmentSpec> parse_segment_spec(std::string_view text);

struct SegmentOptions {
  SegmentSpec spec;               ///< minutes: by timestamps when the session has them
  double words_per_minute = 130;  ///< minutes without timestamps become words at this rate
};

/// One segment of a session with what was found in it.
struct Segment {
  std::size_t index = 0;
  std::optional<std::size_t> first_turn;  ///< nullopt for a time window without a turn
  std::optional<std::size_t> last_turn;
  std::optional<std::size_t> start_line;
  std::optional<std::size_t> end_line;
  std::optional<double> start_time;  ///< seconds
  std::optional<double> end_time;
  std::map<std::string, int> markers;  ///< marker id -> findings
  std::map<std::string, int> repairs;  ///< intervention id -> findings
  int withdrawal_salience = 1;         ///< 1 (none) to 5, see docs/analysis.md
  int confrontation_salience = 1;
};

/// Rates how salient one category's markers are in a segment, 1 to 5 (docs/analysis.md):
/// weight = sum of the findings' strengths + 0.5 per further distinct marker
/// + 2 x the share of the segment's patient turns that carry one;
/// 1 when there is none, else 2 below 1, 3 below 2, 4 below 3.5, 5 from 3.5.
int salience(const std::vector<const Finding*>& findings, std::size_t patient_turns);

/// Cuts a session into segments, fed turn by turn: by time windows (k*size minutes from
/// 0:00) when the spec is in minutes and the first turn has a time (a turn without one
/// takes its predecessor's, a time that goes backwards stays in the current window, and
/// the windows without a turn between two turns' windows are empty segments), else by
/// words (a new segment starts at the turn after the running count reaches the size;
/// minutes are converted at `words_per_minute`) or by turns. Every turn is in exactly one
/// segment. A time segment spans its window; another starts at its first turn's time and,
/// when the first turn of the session has a time (so every turn has one, maybe its
/// predecessor's), ends where the next segment starts, the last at its last turn's time.
/// Holds only the segment being filled (its counts and the few fields of its findings that
/// salience needs) and the segments before it; salience is rated when a segment closes.
class SessionSegmenter {
 public:
  explicit SessionSegmenter(const SegmentOptions& options);

  /// The next turn of the session, in order, with its word count and its findings.
  void add_turn(const Turn& turn, std::size_t words, std::span<const Finding> findings);

  /// The segments, once the session has ended (none for a session without turns). Call once.
  [[nodiscard]] std::vector<Segment> finish();

 private:
  void open_segment();
  void close_segment();

  SegmentOptions options_;
  bool by_time_ = false;             ///< decided by the first turn
  double size_ = 0;                  ///< seconds per window, or words or turns per segment
  std::size_t turns_ = 0;            ///< turns so far
  std::optional<double> time_;       ///< the last turn's time, when the session is placed in time
  std::size_t window_ = 0;           ///< the current time window
  double filled_ = 0;                ///< words or turns in the current segment
  std::size_t patient_turns_ = 0;    ///< in the current segment
  std::vector<Finding> withdrawal_;  ///< the current segment's markers (marker, turn, strength)
  std::vector<Finding> confrontation_;
  std::vector<Segment> segments_;  ///< the closed ones, then the current one
};

/// Cuts a session into segments as SessionSegmenter does, from its turns, its findings
/// (in turn order) and `words`, each turn's word count (TagResult::words).
std::vector<Segment> segment_session(const Transcript& transcript, const std::vector<Finding>& findings,
                                     const std::vector<std::size_t>& words, const SegmentOptions& options);

}  // namespace ruptag
