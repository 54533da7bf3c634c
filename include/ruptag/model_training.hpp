#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ruptag/agreement.hpp"
#include "ruptag/gold.hpp"
#include "ruptag/report.hpp"
#include "ruptag/rule_pack.hpp"
#include "ruptag/text.hpp"

namespace ruptag {

/// How `ruptag rules train` fits a model.
struct TrainOptions {
  double threshold = 0.7;  ///< written into the model
  double veto = 0;         ///< written into the model when above 0 (TurnModel::veto)
  /// With a veto, the rules it may overrule (TurnModel::veto_rules) are those that fired on
  /// at least `veto_min_fired` patient turns of the sessions, fewer than
  /// `veto_max_precision` of them with a gold marker: a rule the sessions show to be right
  /// nearly always, or rarely see, keeps its findings.
  std::size_t veto_min_fired = 5;
  double veto_max_precision = 0.9;
  std::size_t min_count = 3;  ///< a feature must occur in this many training turns
  std::size_t epochs = 20;    ///< passes of stochastic gradient descent
  double learning_rate = 0.1;
  double l2 = 1.0;     ///< ridge penalty, divided by the number of turns
  double prune = 0.1;  ///< weights smaller than this (absolute) are dropped after training
};

/// What models fitted without some sessions do on those sessions (any rupture, patient
/// turns), summed over the folds: each session is left out once.
struct CrossValidation {
  std::size_t folds = 0;
  Confusion rules;                    ///< the rules alone
  std::vector<double> thresholds;     ///< 0.5, 0.6 ... 0.9
  std::vector<Confusion> with_model;  ///< rules and model, at each threshold
  /// Rules and model at each threshold, the findings of the rules the veto may overrule
  /// dropped where the model's probability is below TrainOptions::veto; empty when the veto
  /// is 0.
  std::vector<Confusion> with_veto;
  std::vector<Confusion> model_alone;  ///< the model on every patient turn, at each threshold
};

/// Collects the patient turns of coded sessions and fits a TurnModel to their gold markers.
/// A turn's class is its first gold marker in catalogue order, or "none".
class ModelTrainer {
 public:
  explicit ModelTrainer(NormalizeOptions normalize) : normalize_(normalize) {}

  /// Adds the patient turns of `report` (tagged by rules only: the model's `prev:1` reads
  /// its findings) with their gold codes.
  void add(const FileReport& report, const TurnCodes& gold);

  /// Adds the examples of the markers of `rules`' pack as short sessions to learn from:
  /// a marker's examples and its rules' `match` examples coded with that marker, its rules'
  /// `no_match` examples with none (only their last turn, a patient's, counts), tagged by
  /// the rules alone. They are fitted on, but never scored by
  /// cross_validate() nor counted by the veto's choice of rules. Returns how many were added.
  std::size_t add_examples(const Tagger& rules);

  /// Examples added by add_examples().
  [[nodiscard]] std::size_t examples() const { return example_count_; }

  /// Patient turns added so far (examples too), and those of them with a gold marker.
  [[nodiscard]] std::size_t turns() const { return labels_.size(); }
  [[nodiscard]] std::size_t coded_turns() const;

  /// Fits the model: deterministic for the same turns added in the same order. Throws
  /// Error when no turn has a gold marker.
  [[nodiscard]] TurnModel train(const TrainOptions& options) const;

  /// Fits `folds` models, session k left out of model k % folds, and scores each on the
  /// sessions it was not fitted on (the examples are fitted on by every model). Throws
  /// Error with fewer than 2 sessions.
  [[nodiscard]] CrossValidation cross_validate(const TrainOptions& options, std::size_t folds) const;

 private:
  NormalizeOptions normalize_;
  std::unordered_map<std::string, std::uint32_t> keys_;  ///< feature key -> id
  std::vector<std::string> names_;                       ///< id -> key
  std::vector<std::vector<std::uint32_t>> turns_;        ///< feature ids of each turn
  std::vector<std::string> labels_;                      ///< marker id or "" for none
  std::vector<std::size_t> sessions_;                    ///< the session of each turn, from 0
  std::vector<bool> example_;                            ///< the turn is a pack's example (add_examples)
  std::size_t example_count_ = 0;
  std::vector<std::vector<std::uint32_t>>
      rules_;  ///< the rules that found its markers (into rule_ids_); none: no rule flagged it
  std::vector<std::string> rule_ids_;  ///< the rules that found a marker, in order seen
  std::unordered_map<std::string, std::uint32_t> rule_numbers_;  ///< rule id -> index into rule_ids_
  std::size_t session_count_ = 0;

  // Adds the patient turns of `report` from its turn `from` on (the turns before it are
  // read only as what comes before), as add() does; `example`: they come from a pack's examples.
  void add_turns(const FileReport& report, const TurnCodes& gold, std::size_t from, bool example);
  // Fits a model to the turns `subset` (indexes into turns_).
  [[nodiscard]] TurnModel fit(const std::vector<std::size_t>& subset, const TrainOptions& options) const;
  // Per rule (index into rule_ids_), whether the veto may overrule it, judged on the turns `subset`.
  [[nodiscard]] std::vector<bool> vetoable(const std::vector<std::size_t>& subset,
                                           const TrainOptions& options) const;
};

/// `model` as a pack file: a YAML document with the one top-level key `model`, keys in
/// order, weights with 4 decimals. `header` is written first as comment lines.
std::string model_yaml(const TurnModel& model, std::string_view header);

}  // namespace ruptag
