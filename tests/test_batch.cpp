// Batch inputs, shards and ordered parallel delivery.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include "cli_support.hpp"
#include "ruptag/batch.hpp"
#include "ruptag/error.hpp"

namespace ruptag {
namespace {

namespace fs = std::filesystem;

void touch(const fs::path& p) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << "T: hi\nP: hello\n";
}

TEST(Batch, FoldersAreSearchedRecursivelyInPathOrder) {
  const test::TempDir dir;
  touch(dir / "b/2.txt");
  touch(dir / "b/1.vtt");
  touch(dir / "a.txt");
  touch(dir / "notes.md");
  touch(dir / ".hidden/x.txt");
  touch(dir / "c/.y.txt");
  const std::string root = dir.path().string();
  const InputList list = expand_inputs({root}, {"*.txt", "*.vtt", "*.srt"}, "");
  ASSERT_EQ(list.paths.size(), 3U);
  EXPECT_EQ(list.paths[0], root + "/a.txt");
  EXPECT_EQ(list.paths[1], root + "/b/1.vtt");
  EXPECT_EQ(list.paths[2], root + "/b/2.txt");
  EXPECT_TRUE(list.problems.empty());
}

TEST(Batch, GlobChoosesFilesAndExplicitFilesAlwaysCount) {
  const test::TempDir dir;
  touch(dir / "s1.txt");
  touch(dir / "s2.md");
  const std::string root = dir.path().string();
  const InputList list = expand_inputs({root, root + "/s1.txt", "-"}, {"*.md"}, "");
  EXPECT_EQ(list.paths, (std::vector<std::string>{root + "/s2.md", root + "/s1.txt", "-"}));
}

TEST(Batch, FilesFromAList) {
  const test::TempDir dir;
  touch(dir / "x.txt");
  std::ofstream(dir / "list") << "# sessions\n" << (dir / "x.txt").string() << "\r\n\nmissing.txt\n";
  const InputList list = expand_inputs({"first.txt"}, {"*.txt"}, (dir / "list").string());
  EXPECT_EQ(list.paths, (std::vector<std::string>{"first.txt", (dir / "x.txt").string(), "missing.txt"}));
  EXPECT_THROW(expand_inputs({}, {"*.txt"}, (dir / "nope").string()), Error);
}

TEST(Batch, ParseShard) {
  EXPECT_EQ(parse_shard("2/5")->index, 2U);
  EXPECT_EQ(parse_shard("2/5")->count, 5U);
  EXPECT_FALSE(parse_shard("0/5"));
  EXPECT_FALSE(parse_shard("6/5"));
  EXPECT_FALSE(parse_shard("1/0"));
  EXPECT_FALSE(parse_shard("1-5"));
  EXPECT_FALSE(parse_shard("1/5x"));
}

TEST(Batch, ShardsCoverTheListOnceInOrder) {
  for (std::size_t total : {0U, 1U, 7U, 100U}) {
    for (std::size_t n : {1U, 3U, 8U}) {
      std::size_t expected_begin = 0;
      for (std::size_t k = 1; k <= n; ++k) {
        const auto [begin, end] = shard_range(total, {k, n});
        EXPECT_EQ(begin, expected_begin);
        EXPECT_LE(begin, end);
        expected_begin = end;
      }
      EXPECT_EQ(expected_begin, total);
    }
  }
}

TEST(Batch, ResultsArriveInOrderWhateverTheThreads) {
  for (unsigned jobs : {1U, 2U, 4U}) {
    std::vector<std::size_t> seen;
    std::atomic<int> waiting{0};
    std::atomic<int> most_waiting{0};
    const std::function<std::size_t(std::size_t)> work = [&](std::size_t i) {
      // later items finish first, to force reordering
      std::this_thread::sleep_for(std::chrono::microseconds(200 * ((37 - i) % 5)));
      const int now = ++waiting;
      int before = most_waiting.load();
      while (now > before && !most_waiting.compare_exchange_weak(before, now)) {
      }
      return i * i;
    };
    const std::function<void(std::size_t, std::size_t&)> deliver = [&](std::size_t i, std::size_t& r) {
      --waiting;
      EXPECT_EQ(r, i * i);
      seen.push_back(i);
    };
    run_ordered<std::size_t>(37, jobs, 3 * std::size_t{jobs}, work, deliver);
    ASSERT_EQ(seen.size(), 37U);
    for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], i);
    EXPECT_LE(most_waiting.load(), static_cast<int>(3 * jobs + jobs));  // the window bounds memory
  }
}

}  // namespace
}  // namespace ruptag
