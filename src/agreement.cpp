#include "ruptag/agreement.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>

namespace ruptag {

void Confusion::add(bool reference, bool other) {
  if (reference && other) {
    ++tp;
  } else if (other) {
    ++fp;
  } else if (reference) {
    ++fn;
  } else {
    ++tn;
  }
}

Confusion& Confusion::operator+=(const Confusion& other) {
  tp += other.tp;
  fp += other.fp;
  fn += other.fn;
  tn += other.tn;
  return *this;
}

double precision(const Confusion& table) {
  if (table.tp + table.fp == 0) return table.fn == 0 ? 1.0 : 0.0;
  return static_cast<double>(table.tp) / static_cast<double>(table.tp + table.fp);
}

double recall(const Confusion& table) {
  if (table.tp + table.fn == 0) return table.fp == 0 ? 1.0 : 0.0;
  return static_cast<double>(table.tp) / static_cast<double>(table.tp + table.fn);
}

double f1(const Confusion& table) {
  const std::size_t denominator = 2 * table.tp + table.fp + table.fn;
  if (denominator == 0) return 1.0;
  return static_cast<double>(2 * table.tp) / static_cast<double>(denominator);
}

double cohen_kappa(const Confusion& table) {
  // In counts: po = agree / n, pe = chance / n^2, kappa = (n agree - chance) / (n^2 - chance),
  // exact in integers up to about 4 billion units.
  const std::uint64_t n = table.units();
  const std::uint64_t agree = table.tp + table.tn;
  const std::uint64_t chance = (std::uint64_t{table.tp} + table.fp) * (std::uint64_t{table.tp} + table.fn) +
                               (std::uint64_t{table.fn} + table.tn) * (std::uint64_t{table.fp} + table.tn);
  if (n == 0 || chance == n * n) return 1.0;
  return (static_cast<double>(n * agree) - static_cast<double>(chance)) / static_cast<double>(n * n - chance);
}

double gwet_ac1(const Confusion& table) {
  const std::size_t n = table.units();
  if (n == 0) return 1.0;
  const double po = static_cast<double>(table.tp + table.tn) / static_cast<double>(n);
  const double pi = static_cast<double>(2 * table.tp + table.fp + table.fn) / static_cast<double>(2 * n);
  const double pe = 2 * pi * (1 - pi);
  return (po - pe) / (1 - pe);
}

BinaryAgreement binary_agreement(const Confusion& table) {
  return {precision(table), recall(table), f1(table), cohen_kappa(table), gwet_ac1(table)};
}

std::vector<double> average_ranks(std::span<const double> values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  for (std::size_t first = 0; first < order.size();) {
    std::size_t last = first + 1;
    while (last < order.size() && values[order[last]] == values[order[first]]) ++last;
    // positions first..last-1 hold ranks first+1..last; their mean:
    const double rank = (static_cast<double>(first + 1) + static_cast<double>(last)) / 2;
    for (std::size_t i = first; i < last; ++i) ranks[order[i]] = rank;
    first = last;
  }
  return ranks;
}

namespace {

bool constant(std::span<const double> values) {
  return std::adjacent_find(values.begin(), values.end(), std::not_equal_to<>()) == values.end();
}

bool same(std::span<const double> x, std::span<const double> y) {
  return std::equal(x.begin(), x.end(), y.begin(), y.end());
}

double mean(std::span<const double> values) {
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

}  // namespace

double spearman(std::span<const double> x, std::span<const double> y) {
  if (constant(x) || constant(y)) return same(x, y) ? 1.0 : 0.0;
  const std::vector<double> rx = average_ranks(x);
  const std::vector<double> ry = average_ranks(y);
  const double mx = mean(rx);
  const double my = mean(ry);
  double sxy = 0;
  double sxx = 0;
  double syy = 0;
  for (std::size_t i = 0; i < rx.size(); ++i) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) * (rx[i] - mx);
    syy += (ry[i] - my) * (ry[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

double icc_2_1(std::span<const double> x, std::span<const double> y) {
  if (same(x, y)) return 1.0;
  const std::size_t n = x.size();
  if (n < 2) return 0.0;
  const double k = 2;
  const auto nn = static_cast<double>(n);
  const double mx = mean(x);
  const double my = mean(y);
  const double grand = (mx + my) / 2;
  double ss_rows = 0;
  double ss_error = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double row = (x[i] + y[i]) / 2;
    ss_rows += k * (row - grand) * (row - grand);
    // residuals after the row and column effects, summed directly (not SST - SSR - SSC,
    // which leaves rounding noise where the true value is 0)
    const double ex = x[i] - row - mx + grand;
    const double ey = y[i] - row - my + grand;
    ss_error += ex * ex + ey * ey;
  }
  const double ss_columns = nn * ((mx - grand) * (mx - grand) + (my - grand) * (my - grand));
  const double ms_rows = ss_rows / (nn - 1);
  const double ms_columns = ss_columns / (k - 1);
  const double ms_error = ss_error / ((nn - 1) * (k - 1));
  const double denominator = ms_rows + (k - 1) * ms_error + k * (ms_columns - ms_error) / nn;
  // Zero only with two pairs that mirror each other ({0, 1} against {1, 0}); allow rounding.
  if (denominator <= 1e-12 * std::max(1.0, ss_rows + ss_columns + ss_error)) return 0.0;
  return (ms_rows - ms_error) / denominator;
}

}  // namespace ruptag
