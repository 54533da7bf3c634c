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
  double threshold = 0.7;     ///< written into the model
  double veto = 0;            ///< written into the model when above 0 (TurnModel::veto)
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
  Confusion rules;                     ///< the rules alone
  std::vector<double> thresholds;      ///< 0.5, 0.6 ... 0.9
  std::vector<Confusion> with_model;   ///< rules and model, at each threshold
  /// Rules and model at each threshold, the rules' findings dropped where the model's
  /// probability is below TrainOptions::veto; empty when the veto is 0.
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

  /// Patient turns added so far, and those of them with a gold marker.
  [[nodiscard]] std::size_t turns() const { return labels_.size(); }
  [[nodiscard]] std::size_t coded_turns() const;

  /// Fits the model: deterministic for the same turns added in the same order. Throws
  /// Error when no turn has a gold marker.
  [[nodiscard]] TurnModel train(const TrainOptions& options) const;

  /// Fits `folds` models, session k left out of model k % folds, and scores each on the
  /// sessions it was not fitted on. Throws Error with fewer than 2 sessions.
  [[nodiscard]] CrossValidation cross_validate(const TrainOptions& options, std::size_t folds) const;

 private:
  NormalizeOptions normalize_;
  std::unordered_map<std::string, std::uint32_t> keys_;  ///< feature key -> id
  std::vector<std::string> names_;                       ///< id -> key
  std::vector<std::vector<std::uint32_t>> turns_;        ///< feature ids of each turn
  std::vector<std::string> labels_;                      ///< marker id or "" for none
  std::vector<std::size_t> sessions_;                    ///< the session of each turn, from 0
  std::vector<bool> flagged_;                            ///< a rule found a marker in the turn
  std::size_t session_count_ = 0;

  // Fits a model to the turns `subset` (indexes into turns_).
  [[nodiscard]] TurnModel fit(const std::vector<std::size_t>& subset, const TrainOptions& options) const;
};

/// `model` as a pack file: a YAML document with the one top-level key `model`, keys in
/// order, weights with 4 decimals. `header` is written first as comment lines.
std::string model_yaml(const TurnModel& model, std::string_view header);

}  // namespace ruptag
