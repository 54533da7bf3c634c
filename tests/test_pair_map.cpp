// PairMap: the flat hash map from pairs of numbers that the term index builds its trie
// with and the turn model finds its word pairs in.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <random>

#include "ruptag/pair_map.hpp"

namespace ruptag {
namespace {

TEST(PairMap, FindsWhatWasInsertedAndNothingElse) {
  PairMap map;
  EXPECT_EQ(map.find(PairMap::key(1, 2)), PairMap::none);  // empty
  map.insert(PairMap::key(1, 2), 7);
  map.insert(PairMap::key(2, 1), 8);
  map.insert(PairMap::key(0, 0), 9);
  EXPECT_EQ(map.find(PairMap::key(1, 2)), 7U);
  EXPECT_EQ(map.find(PairMap::key(2, 1)), 8U);  // the order of the pair counts
  EXPECT_EQ(map.find(PairMap::key(0, 0)), 9U);
  EXPECT_EQ(map.find(PairMap::key(1, 1)), PairMap::none);
  EXPECT_EQ(map.size(), 3U);
}

TEST(PairMap, AKeyInsertedTwiceKeepsItsFirstValue) {
  PairMap map;
  map.insert(PairMap::key(3, 4), 1);
  map.insert(PairMap::key(3, 4), 2);
  EXPECT_EQ(map.find(PairMap::key(3, 4)), 1U);
  EXPECT_EQ(map.size(), 1U);
}

TEST(PairMap, KeepsEveryKeyAsItGrowsAndVisitsEachOnce) {
  // far past the first table of 256 slots, with keys that share their high or low half
  PairMap map;
  std::map<std::uint64_t, std::uint32_t> want;
  std::mt19937 random(42);
  const auto draw = [&] { return static_cast<std::uint32_t>(random()); };
  for (std::uint32_t i = 0; i < 5000; ++i) {
    const std::uint64_t key = PairMap::key(draw() % 300, i % 2 == 0 ? draw() : 17U);
    map.insert(key, i);
    want.emplace(key, i);
  }
  EXPECT_EQ(map.size(), want.size());
  for (const auto& [key, value] : want) EXPECT_EQ(map.find(key), value);
  std::map<std::uint64_t, std::uint32_t> seen;
  map.for_each([&](std::uint64_t key, std::uint32_t value) { EXPECT_TRUE(seen.emplace(key, value).second); });
  EXPECT_EQ(seen, want);
  map.clear();
  EXPECT_TRUE(map.empty());
  EXPECT_EQ(map.size(), 0U);
  EXPECT_EQ(map.find(want.begin()->first), PairMap::none);
}

}  // namespace
}  // namespace ruptag
