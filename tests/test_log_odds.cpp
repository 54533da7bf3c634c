// The weighted log-odds ratio with an informative Dirichlet prior, on values worked out by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "ruptag/log_odds.hpp"

namespace ruptag {
namespace {

TEST(LogOdds, WeightedByHand) {
  // y_i 3 of n 20, y_j 1 of m 60, a_w 2, a0 40:
  // delta = log(5 / (20 + 40 - 5)) - log(3 / (60 + 40 - 3)) = log(1/11) - log(3/97) = log(97/33)
  // variance = 1/5 + 1/3 = 8/15
  const LogOdds r = weighted_log_odds(3, 20, 1, 60, 2, 40);
  EXPECT_NEAR(r.delta, std::log(97.0 / 33), 1e-12);
  EXPECT_NEAR(r.variance, 8.0 / 15, 1e-12);
  EXPECT_NEAR(r.z, std::log(97.0 / 33) / std::sqrt(8.0 / 15), 1e-12);
  EXPECT_NEAR(r.z, 1.4763908327, 1e-9);
}

TEST(LogOdds, SwappingTheGroupsTurnsTheSign) {
  const LogOdds a = weighted_log_odds(3, 20, 1, 60, 2, 40);
  const LogOdds b = weighted_log_odds(1, 60, 3, 20, 2, 40);
  EXPECT_NEAR(a.delta, -b.delta, 1e-12);
  EXPECT_NEAR(a.variance, b.variance, 1e-12);
  EXPECT_NEAR(a.z, -b.z, 1e-12);
}

TEST(LogOdds, EqualCountsInEqualGroupsAreZero) {
  const LogOdds r = weighted_log_odds(4, 30, 4, 30, 1, 5);
  EXPECT_DOUBLE_EQ(r.delta, 0.0);
  EXPECT_NEAR(r.variance, 2.0 / 5, 1e-12);
  EXPECT_DOUBLE_EQ(r.z, 0.0);
}

TEST(LogOdds, InformativePriorFromTheCorpus) {
  // in 5, out 0, n 200, m 8000, scale 1: a_w = 5, a0 = 8200;
  // delta = log(10 / 8390) - log(5 / 16195) = log(32390 / 8390) = log(3239 / 839);
  // variance = 1/10 + 1/5 = 3/10
  const LogOdds r = informative_log_odds(5, 0, {200, 8000, 1});
  EXPECT_NEAR(r.delta, std::log(3239.0 / 839), 1e-12);
  EXPECT_NEAR(r.variance, 0.3, 1e-12);
  EXPECT_NEAR(r.z, 2.4662289223, 1e-9);
  // scale 0.5: a_w = 2.5, a0 = 4100; delta = log(7.5 / 4292.5) - log(2.5 / 12097.5)
  // = log(36292.5 / 4292.5) = log(14517 / 1717); variance = 1/7.5 + 1/2.5 = 8/15
  const LogOdds half = informative_log_odds(5, 0, {200, 8000, 0.5});
  EXPECT_NEAR(half.delta, std::log(14517.0 / 1717), 1e-12);
  EXPECT_NEAR(half.variance, 8.0 / 15, 1e-12);
  // a smaller prior shrinks less: the ratio grows, and so does its variance
  EXPECT_GT(half.delta, r.delta);
}

TEST(LogOdds, RankingPrefersConsistentOverRare) {
  const LogOddsCorpus corpus{200, 8000, 1};
  const double all_five = informative_log_odds(5, 0, corpus).z;  // in every one of 5 turns, nowhere else
  const double three = informative_log_odds(3, 0, corpus).z;
  const double also_outside = informative_log_odds(5, 5, corpus).z;
  const double once = informative_log_odds(1, 0, corpus).z;
  const double everywhere = informative_log_odds(4, 150, corpus).z;
  EXPECT_GT(all_five, three);
  EXPECT_GT(three, also_outside);
  EXPECT_GT(also_outside, once);
  EXPECT_GT(once, everywhere);
  EXPECT_NEAR(everywhere, 0, 0.1);
}

TEST(LogOdds, NothingToSay) {
  for (const LogOdds& r : {informative_log_odds(0, 0, {10, 10, 1}), weighted_log_odds(0, 10, 1, 10, 0, 5),
                           weighted_log_odds(30, 10, 1, 10, 1, 5)}) {
    EXPECT_EQ(r.delta, 0.0);
    EXPECT_EQ(r.variance, 0.0);
    EXPECT_EQ(r.z, 0.0);
  }
}

}  // namespace
}  // namespace ruptag
