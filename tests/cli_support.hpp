#pragma once

#include <sys/wait.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace ruptag::test {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string quote(const std::string& arg) {
  std::string out = "'";
  for (const char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// A scratch folder, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ruptag-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

/// Runs a shell command in the test data folder and captures its output.
inline RunResult run_ruptag_command(const std::string& command_line) {
  const TempDir dir;
  const std::string command = "cd " + quote(RUPTAG_TEST_DATA) + " && " + command_line + " </dev/null >" +
                              quote((dir / "out").string()) + " 2>" + quote((dir / "err").string());
  const int status = std::system(command.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_text(dir / "out");
  r.err = read_text(dir / "err");
  return r;
}

/// Runs the ruptag binary with `args` (already shell-quoted where needed) through
/// /bin/sh, optionally feeding `input` on stdin, and captures its output.
inline RunResult run_ruptag(const std::string& args, const std::string& input = "",
                            const std::string& env = "NO_COLOR=1 COLUMNS=100") {
  const TempDir dir;
  const auto in = dir / "stdin";
  std::ofstream(in, std::ios::binary) << input;
  const std::string command = "cd " + quote(RUPTAG_TEST_DATA) + " && env " + env + " " + quote(RUPTAG_BIN) +
                              " " + args + " <" + quote(in.string()) + " >" + quote((dir / "out").string()) +
                              " 2>" + quote((dir / "err").string());
  const int status = std::system(command.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_text(dir / "out");
  r.err = read_text(dir / "err");
  return r;
}

}  // namespace ruptag::test
