// The guarantees of docs/reliability.md that no other test pins down.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli_support.hpp"

namespace ruptag {
namespace {

namespace fs = std::filesystem;
using test::quote;

std::vector<std::string> files_under(const fs::path& dir) {
  std::vector<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    found.push_back(fs::relative(entry.path(), dir).string());
  }
  std::sort(found.begin(), found.end());
  return found;
}

// A run writes its output file and nothing else: no cache, no temporary file left, no
// dot-file in the home or working folder, whatever the format.
TEST(Guarantee, WritesNothingButTheOutput) {
  const test::TempDir dir;
  fs::create_directories(dir / "home");
  fs::create_directories(dir / "tmp");
  fs::create_directories(dir / "work");
  std::ofstream(dir / "work" / "s.txt") << "T: What was that like for you?\nP: Dunno.\n";
  const std::string env =
      "cd " + quote((dir / "work").string()) + " && env HOME=" + quote((dir / "home").string()) +
      " TMPDIR=" + quote((dir / "tmp").string()) +
      " XDG_CACHE_HOME=" + quote((dir / "home" / ".cache").string()) + " " + quote(RUPTAG_BIN);
  for (const std::string format : {"text", "json", "html", "csv-segments"}) {
    std::string command = env;
    command += " tag --format " + format + " -o out s.txt";
    const auto r = test::run_ruptag_command(command);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(files_under(dir.path()),
              (std::vector<std::string>{"home", "tmp", "work", "work/out", "work/s.txt"}))
        << format;
    fs::remove(dir / "work" / "out");
  }
  // without -o: standard output only
  const auto r = test::run_ruptag_command(env + " tag s.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(files_under(dir.path()), (std::vector<std::string>{"home", "tmp", "work", "work/s.txt"}));
}

}  // namespace
}  // namespace ruptag
