#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace ruptag {

/// Two coders' yes/no decisions on the same units, the first coder (the gold codes) taken
/// as the reference: tp both said yes, fp only the other coder, fn only the reference,
/// tn neither.
struct Confusion {
  std::size_t tp = 0;
  std::size_t fp = 0;
  std::size_t fn = 0;
  std::size_t tn = 0;

  [[nodiscard]] std::size_t units() const { return tp + fp + fn + tn; }
  /// Counts one unit.
  void add(bool reference, bool other);
  Confusion& operator+=(const Confusion& other);
  friend bool operator==(const Confusion&, const Confusion&) = default;
};

/// The statistics of a 2x2 table. None is ever NaN: where a formula divides by zero, the
/// conventions below (and in docs/eval.md) give a number.
struct BinaryAgreement {
  double precision = 1;
  double recall = 1;
  double f1 = 1;
  double kappa = 1;
  double ac1 = 1;
};

/// tp / (tp + fp). When the other coder said yes nowhere: 1 if the reference did not
/// either (fn = 0: nothing found, nothing missed), else 0.
double precision(const Confusion& table);
/// tp / (tp + fn). When the reference said yes nowhere: 1 if the other coder did not
/// either (fp = 0), else 0.
double recall(const Confusion& table);
/// 2 tp / (2 tp + fp + fn), the harmonic mean of precision and recall; 1 when neither
/// coder said yes anywhere (tp = fp = fn = 0), 0 when tp = 0 otherwise.
double f1(const Confusion& table);
/// Cohen's kappa, (po - pe) / (1 - pe), pe from each coder's own marginals. When pe = 1
/// (both coders put every unit in the same one class, so po = 1 too) and for a table
/// without units: 1. Negative when the coders agree less than chance.
double cohen_kappa(const Confusion& table);
/// Gwet's AC1 for two coders and two classes (Gwet 2008): (po - pe) / (1 - pe) with
/// pe = 2 pi (1 - pi), pi the mean share of yes over both coders. pe <= 0.5, so it is
/// always defined; 1 for a table without units. Unlike kappa it stays high when both
/// coders agree that a code is rare (the kappa paradox).
double gwet_ac1(const Confusion& table);
/// All five statistics of `table`.
BinaryAgreement binary_agreement(const Confusion& table);

/// 1-based ranks of `values`, tied values taking the mean of the ranks they span
/// ({10, 20, 20, 30} -> {1, 2.5, 2.5, 4}).
std::vector<double> average_ranks(std::span<const double> values);

/// Spearman's rank correlation: Pearson's r of the average ranks (so ties are handled
/// exactly). Precondition: x and y have the same size. When a series is constant the
/// correlation is undefined; then it is 1 if x and y are the same (both constant and
/// equal, e.g. a code neither coder used, or fewer than two pairs that agree), else 0.
double spearman(std::span<const double> x, std::span<const double> y);

/// ICC(2,1) of Shrout & Fleiss (1979): two-way random effects, absolute agreement, one
/// rater, with the n pairs (x[i], y[i]) as subjects and the two series as raters:
///   (MSR - MSE) / (MSR + MSE + 2 (MSC - MSE) / n).
/// Precondition: x and y have the same size. 1 when x and y are the same (also when
/// that makes the formula 0/0, e.g. all values equal); 0 when x and y differ but the
/// formula is undefined (fewer than two pairs, or a zero denominator with two pairs).
/// Can be negative.
double icc_2_1(std::span<const double> x, std::span<const double> y);

}  // namespace ruptag
