// The agreement statistics on small tables worked out by hand (docs/eval.md gives the
// formulas and the conventions for the degenerate cases).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "ruptag/agreement.hpp"

namespace ruptag {
namespace {

Confusion table(std::size_t tp, std::size_t fp, std::size_t fn, std::size_t tn) {
  return {tp, fp, fn, tn};
}

TEST(Agreement, AddCountsEachCell) {
  Confusion t;
  t.add(true, true);
  t.add(false, true);
  t.add(false, true);
  t.add(true, false);
  t.add(false, false);
  EXPECT_EQ(t, table(1, 2, 1, 1));
  t += table(1, 1, 1, 1);
  EXPECT_EQ(t, table(2, 3, 2, 2));
  EXPECT_EQ(t.units(), 9U);
}

// The five statistics of the table tp, fp, fn, tn, each to 1e-12.
void expect_agreement(const Confusion& t, const BinaryAgreement& expected) {
  SCOPED_TRACE(::testing::Message() << "tp " << t.tp << " fp " << t.fp << " fn " << t.fn << " tn " << t.tn);
  const BinaryAgreement a = binary_agreement(t);
  EXPECT_NEAR(a.precision, expected.precision, 1e-12);
  EXPECT_NEAR(a.recall, expected.recall, 1e-12);
  EXPECT_NEAR(a.f1, expected.f1, 1e-12);
  EXPECT_NEAR(a.kappa, expected.kappa, 1e-12);
  EXPECT_NEAR(a.ac1, expected.ac1, 1e-12);
  EXPECT_DOUBLE_EQ(a.precision, precision(t));
  EXPECT_DOUBLE_EQ(a.kappa, cohen_kappa(t));
  EXPECT_DOUBLE_EQ(a.ac1, gwet_ac1(t));
}

TEST(Agreement, TypicalTable) {
  // tp 20, fp 5, fn 10, tn 15; n = 50.
  // precision 20/25 = .8; recall 20/30 = .6667; F1 = 40/55 = .7273.
  // po = 35/50 = .7; the other coder says yes in 25/50 = .5, the reference in 30/50 = .6;
  // kappa: pe = .5 x .6 + .5 x .4 = .5, (.7 - .5) / (1 - .5) = .4.
  // AC1: pi = (.5 + .6) / 2 = .55, pe = 2 x .55 x .45 = .495, (.7 - .495) / .505 = .40594.
  expect_agreement(table(20, 5, 10, 15), {0.8, 2.0 / 3, 40.0 / 55, 0.4, 0.205 / 0.505});
}

TEST(Agreement, RareCodeKappaParadox) {
  // tp 1, fp 2, fn 2, tn 95; n = 100: both coders say yes 3 times, agree on 96 units.
  // precision = recall = 1/3, F1 = 2/6.
  // kappa: pe = .03 x .03 + .97 x .97 = .9418, (.96 - .9418) / .0582 = .31271.
  // AC1: pi = .03, pe = 2 x .03 x .97 = .0582, (.96 - .0582) / .9418 = .95753.
  expect_agreement(table(1, 2, 2, 95), {1.0 / 3, 1.0 / 3, 2.0 / 6, 0.0182 / 0.0582, 0.9018 / 0.9418});
}

TEST(Agreement, WorseThanChanceIsNegative) {
  // tp 0, fp 5, fn 5, tn 0: they never agree. po = 0; both say yes half the time:
  // pe = .5, kappa = (0 - .5) / .5 = -1; AC1: pi = .5, pe = .5, also -1.
  // No true positive: precision, recall and F1 are 0.
  expect_agreement(table(0, 5, 5, 0), {0, 0, 0, -1, -1});
}

TEST(Agreement, PerfectAgreement) {
  // tp 7, tn 3: po = 1; pe = .7 x .7 + .3 x .3 = .58 < 1, kappa = (1 - .58) / .42 = 1;
  // AC1: pi = .7, pe = .42, (1 - .42) / .58 = 1.
  expect_agreement(table(7, 0, 0, 3), {1, 1, 1, 1, 1});
}

TEST(Agreement, NoPositivesAtAllIsPerfectAgreement) {
  // Neither coder used the code on 40 units: pe = 0 x 0 + 1 x 1 = 1, kappa is 0/0 and
  // taken as 1; precision and recall are 0/0 and taken as 1 (nothing found, nothing
  // missed), so F1 is 1; AC1: pi = 0, pe = 0, po = 1, so 1 by the formula.
  expect_agreement(table(0, 0, 0, 40), {1, 1, 1, 1, 1});
}

TEST(Agreement, OneClassOnlyBothYes) {
  // Both coders say yes on all 6 units: pe = 1 x 1 + 0 x 0 = 1, kappa taken as 1;
  // AC1: pi = 1, pe = 0, po = 1: 1. Precision and recall 6/6.
  expect_agreement(table(6, 0, 0, 0), {1, 1, 1, 1, 1});
}

TEST(Agreement, OneCoderNeverSaysYes) {
  // The tool finds nothing, the reference codes 4 of 20: precision has no predicted
  // positive but something was missed, so 0; recall 0/4 = 0; F1 0.
  // kappa: po = 16/20 = .8, pe = 0 x .2 + 1 x .8 = .8: (.8 - .8) / .2 = 0.
  // AC1: pi = .1, pe = .18, (.8 - .18) / .82 = .7561.
  expect_agreement(table(0, 0, 4, 16), {0, 0, 0, 0, 0.62 / 0.82});
  // The mirror image: the reference codes nothing, the tool 4 of 20: recall has no
  // reference positive but there are false alarms, so 0; precision 0/4.
  expect_agreement(table(0, 4, 0, 16), {0, 0, 0, 0, 0.62 / 0.82});
}

TEST(Agreement, EmptyTable) {
  // No unit at all: every ratio is 0/0; by the same conventions, 1.
  expect_agreement({}, {1, 1, 1, 1, 1});
}

TEST(Ranks, TiesTakeTheMeanRank) {
  const std::vector<double> v{30, 10, 20, 20, 10, 10};
  // sorted: 10 10 10 (ranks 1-3, mean 2), 20 20 (4-5, mean 4.5), 30 (6)
  EXPECT_EQ(average_ranks(v), (std::vector<double>{6, 2, 4.5, 4.5, 2, 2}));
  EXPECT_TRUE(average_ranks(std::vector<double>{}).empty());
}

TEST(Spearman, WithTies) {
  // x = 1 2 2 3 -> ranks 1 2.5 2.5 4; y = 1 3 2 4 -> ranks 1 3 2 4 (mean 2.5 each).
  // deviations x: -1.5 0 0 1.5, y: -1.5 .5 -.5 1.5;
  // r = 4.5 / sqrt(4.5 x 5) = sqrt(.9) = .948683.
  const std::vector<double> x{1, 2, 2, 3};
  const std::vector<double> y{1, 3, 2, 4};
  EXPECT_NEAR(spearman(x, y), std::sqrt(0.9), 1e-12);
}

TEST(Spearman, MonotoneIsOneReversedIsMinusOne) {
  const std::vector<double> x{0, 1, 4, 9};
  const std::vector<double> y{1, 2, 3, 10};
  const std::vector<double> z{5, 3, 2, 0};
  EXPECT_NEAR(spearman(x, y), 1.0, 1e-12);
  EXPECT_NEAR(spearman(x, z), -1.0, 1e-12);
}

TEST(Spearman, ConstantSeries) {
  const std::vector<double> zeros{0, 0, 0};
  const std::vector<double> ones{1, 1, 1};
  const std::vector<double> varied{0, 1, 2};
  EXPECT_DOUBLE_EQ(spearman(zeros, zeros), 1.0);   // a code neither coder used
  EXPECT_DOUBLE_EQ(spearman(zeros, ones), 0.0);    // both constant, but not the same
  EXPECT_DOUBLE_EQ(spearman(zeros, varied), 0.0);  // one constant: no association shown
  EXPECT_DOUBLE_EQ(spearman(std::vector<double>{}, std::vector<double>{}), 1.0);
  EXPECT_DOUBLE_EQ(spearman(std::vector<double>{2}, std::vector<double>{3}), 0.0);
}

TEST(Icc, ConstantOffsetIsPenalised) {
  // x = 1 2 3 4, y = x + 1; n = 4, k = 2, grand mean 3.
  // row means 1.5 2.5 3.5 4.5: SSR = 2 x (2.25 + .25 + .25 + 2.25) = 10, MSR = 10/3;
  // column means 2.5 3.5: SSC = 4 x (.25 + .25) = 2, MSC = 2;
  // SST = (4 + 1 + 0 + 1) + (1 + 0 + 1 + 4) = 12, SSE = 12 - 10 - 2 = 0, MSE = 0;
  // ICC = (10/3) / (10/3 + 0 + 2 x 2 / 4) = 10/13 (consistency would be 1).
  const std::vector<double> x{1, 2, 3, 4};
  const std::vector<double> y{2, 3, 4, 5};
  EXPECT_NEAR(icc_2_1(x, y), 10.0 / 13, 1e-12);
}

TEST(Icc, WithError) {
  // x = 0 1 2, y = 0 2 1; grand mean 1. row means 0 1.5 1.5: SSR = 2 x (1 + .25 + .25) = 3,
  // MSR = 1.5; column means 1 1: MSC = 0; SST = 2 + 2 = 4, SSE = 1, MSE = 1 / 2 = .5;
  // ICC = (1.5 - .5) / (1.5 + .5 + 2 x (0 - .5) / 3) = 1 / (2 - 1/3) = .6.
  const std::vector<double> x{0, 1, 2};
  const std::vector<double> y{0, 2, 1};
  EXPECT_NEAR(icc_2_1(x, y), 0.6, 1e-12);
}

TEST(Icc, DegenerateCases) {
  const std::vector<double> zeros{0, 0, 0};
  const std::vector<double> ones{1, 1, 1};
  const std::vector<double> same{3, 1, 2};
  EXPECT_DOUBLE_EQ(icc_2_1(zeros, zeros), 1.0);  // 0/0: identical, so perfect agreement
  EXPECT_DOUBLE_EQ(icc_2_1(same, same), 1.0);
  // Both constant, 1 apart: MSR = 0, MSE = 0, MSC = 1.5: (0 - 0) / (2 x 1.5 / 3) = 0.
  EXPECT_DOUBLE_EQ(icc_2_1(zeros, ones), 0.0);
  // Two pairs mirroring each other: MSR = MSC = 0 and the MSE term vanishes for n = 2:
  // 0 denominator, the coders differ: 0.
  EXPECT_DOUBLE_EQ(icc_2_1(std::vector<double>{0, 1}, std::vector<double>{1, 0}), 0.0);
  EXPECT_DOUBLE_EQ(icc_2_1(std::vector<double>{2}, std::vector<double>{3}), 0.0);
  EXPECT_DOUBLE_EQ(icc_2_1(std::vector<double>{}, std::vector<double>{}), 1.0);
}

TEST(Icc, DisagreementBelowChanceIsNegative) {
  // x = 0 1 2 3, y = 3 2 1 0: row means all 1.5, SSR = 0; column means equal, SSC = 0;
  // SST = (2.25 + .25 + .25 + 2.25) x 2 = 10 = SSE, MSE = 10 / 3;
  // ICC = (0 - 10/3) / (0 + 10/3 + 2 x (0 - 10/3) / 4) = (-10/3) / (5/3) = -2.
  const std::vector<double> x{0, 1, 2, 3};
  const std::vector<double> y{3, 2, 1, 0};
  EXPECT_NEAR(icc_2_1(x, y), -2.0, 1e-12);
}

}  // namespace
}  // namespace ruptag
