// The guarantees of docs/reliability.md that no other test pins down.
#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
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

// Interrupted midway (Ctrl-C, kill, a closed terminal), a run leaves the old report
// whole and removes its temporary file. (SIGKILL cannot be caught: docs/reliability.md.)
TEST(Guarantee, AnInterruptedRunLeavesNoTemporaryFile) {
  const test::TempDir dir;
  const std::string session = test::read_text(RUPTAG_SOURCE_DIR "/examples/en/session.txt");
  {
    std::ofstream long_session(dir / "long.txt");
    for (int i = 0; i < 2000; ++i) long_session << session;  // 18 MB: seconds to tag
  }
  const fs::path report = dir / "report.json";
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) {
    std::ofstream(report) << "previous";
    const std::string bin = RUPTAG_BIN;
    const std::string out = report.string();
    const std::string in = (dir / "long.txt").string();
    std::vector<std::string> args{bin, "tag", "--lang", "en", "--format", "json", "-o", out, in};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t defaults;  // whatever the test runner ignores, the child takes these signals
    sigemptyset(&defaults);
    sigaddset(&defaults, signal);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, bin.c_str(), nullptr, &attr, argv.data(), environ), 0);
    posix_spawnattr_destroy(&attr);
    // Interrupt it once its temporary file exists.
    const auto temporary = [&] {
      return std::any_of(fs::directory_iterator(dir.path()), fs::directory_iterator(), [](const auto& e) {
        return e.path().filename().string().starts_with(".report.json.tmp.");
      });
    };
    for (int wait = 0; wait < 1000 && !temporary(); ++wait)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_TRUE(temporary()) << "signal " << signal;
    ::kill(pid, signal);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == signal)
        << "signal " << signal << ", status " << status;
    EXPECT_EQ(test::read_text(report), "previous") << "signal " << signal;
    EXPECT_EQ(files_under(dir.path()), (std::vector<std::string>{"long.txt", "report.json"}))
        << "signal " << signal;
  }
}

}  // namespace
}  // namespace ruptag
