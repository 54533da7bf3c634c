#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ruptag/agreement.hpp"
#include "ruptag/gold.hpp"
#include "ruptag/segmenter.hpp"
#include "ruptag/tagger.hpp"
#include "ruptag/transcript.hpp"

namespace ruptag {

/// What two coders said about one session: the gold codes (the reference) and the
/// tool's findings or a second coder's codes, turn by turn.
struct SessionCodes {
  std::string path;
  std::vector<Speaker> speakers;  ///< per turn
  std::vector<std::pair<std::size_t, std::size_t>>
      segments;     ///< first and last turn of each segment with a turn
  TurnCodes gold;   ///< per turn
  TurnCodes other;  ///< per turn
};

/// The session of `transcript` cut into `segments` (as the report has them), with both codings.
SessionCodes session_codes(const Transcript& transcript, const std::vector<Segment>& segments, TurnCodes gold,
                           TurnCodes other);

/// The ids of `findings` per turn of a transcript with `turns` turns.
TurnCodes codes_of(const std::vector<Finding>& findings, std::size_t turns);

/// The rows of every table: the four categories `any` (withdrawal and confrontation),
/// `withdrawal`, `confrontation`, `repair`, then the 22 ids in MARKERS.md order.
std::vector<std::string> evaluation_keys();

/// A turn- or segment-level row.
struct AgreementRow {
  std::string code;  ///< an id or a category key
  Confusion table;
  BinaryAgreement stats;
};

/// How often each coder used a code in one session.
struct CountRow {
  std::string code;
  std::size_t gold = 0;
  std::size_t other = 0;
};

/// A session-level row: the per-session counts of the two coders compared.
struct CorrelationRow {
  std::string code;
  std::size_t gold = 0;  ///< the counts summed over the sessions
  std::size_t other = 0;
  double spearman = 1;
  double icc = 1;
};

/// How the turns one rule fired on compare with the gold codes (`eval --by-rule`). Every
/// turn the rule fired on counts, also where a stronger rule of the same id was kept in
/// the finding.
struct RuleRow {
  std::string pack;            ///< the id of the pack the rule belongs to
  std::string rule;            ///< the rule's id
  std::string code;            ///< the id the rule finds
  std::size_t fired = 0;       ///< turns it fired on
  std::size_t tp = 0;          ///< of those, the turns the gold codes with `code`
  std::size_t other_code = 0;  ///< fp turns the gold codes with another id of the same side (marker, repair)
  std::size_t uncoded = 0;     ///< fp turns the gold gives no code at all
  std::size_t alone_tp = 0;    ///< tp turns on which no other rule of `code` fired
  std::size_t alone_fp = 0;    ///< fp turns on which no other rule of `code` fired

  /// The turns it fired on that the gold does not code with `code`.
  [[nodiscard]] std::size_t fp() const { return fired - tp; }
  /// tp / fired; nullopt when the rule never fired.
  [[nodiscard]] std::optional<double> precision() const;
  RuleRow& operator+=(const RuleRow& other);  ///< adds the counts; the ids stay
  friend bool operator==(const RuleRow&, const RuleRow&) = default;
};

/// The rows of the rules of `pack` that fired in one session (`fired`: every rule that
/// fired, FileReport::fired), against `gold` (per turn, the ids the gold codes), and one
/// row per id the pack's turn model found (`findings` whose rule is model_rule_id). Ordered
/// as rule tables are: most fp first, then by rule id, then by pack id.
std::vector<RuleRow> evaluate_rules(const CompiledPack& pack, const std::vector<RuleFiring>& fired,
                                    const std::vector<Finding>& findings, const TurnCodes& gold);

/// The units compared and the turn- and segment-level tables, of a session or of all.
struct UnitTables {
  std::size_t patient_turns = 0;
  std::size_t therapist_turns = 0;
  std::size_t segments = 0;
  std::vector<AgreementRow> turn_level;
  std::vector<AgreementRow> segment_level;
};

/// The tables of one session.
struct FileEvaluation : UnitTables {
  std::string path;
  std::vector<CountRow> counts;
  std::vector<RuleRow> rules;  ///< the rules that fired (evaluate_rules()); empty unless judged
};

/// The tables of a whole evaluation.
struct Evaluation : UnitTables {
  std::vector<CorrelationRow> session_level;
  /// The sessions' rule rows summed per rule, and a row of zeros for every other enabled
  /// rule of the packs judged; empty unless rules were judged.
  std::vector<RuleRow> rules;
  std::vector<FileEvaluation> files;  ///< in the order they were added
};

/// Compares one session's codings, row by row of evaluation_keys():
/// - turn level: a marker or marker category over the patient turns, a repair (or
///   `repair`) over the therapist turns; a category is present on a turn when any of its
///   ids is;
/// - segment level: the same presence per segment, over the segments that have at least
///   one turn of that speaker;
/// - counts: the turns carrying the id; for a category, the sum of its ids' counts.
FileEvaluation evaluate_session(const SessionCodes& session);

/// Sums the sessions' tables (turn and segment level) and correlates their counts
/// (session level: Spearman and ICC(2,1) over the sessions, see agreement.hpp). The rule
/// rows of the sessions are summed per pack and rule, with a row for every enabled rule
/// of `judged` (the packs whose rules were judged) that never fired, ordered as
/// evaluate_rules() orders them.
Evaluation combine(std::vector<FileEvaluation> files, const std::vector<const CompiledPack*>& judged = {});

}  // namespace ruptag
