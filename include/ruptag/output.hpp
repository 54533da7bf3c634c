#pragma once

#include <fstream>
#include <memory>
#include <ostream>
#include <string>

namespace ruptag {

/// Where a command writes its result. A regular file (existing or new) is written to a
/// temporary file in the same folder and renamed over the target by commit(), so a
/// failure never leaves a partial file; standard output ("-" or empty) and targets that
/// are not regular files (a symbolic link such as /dev/stdout, a named pipe, /dev/full)
/// are written directly.
class Output {
 public:
  /// Opens the target. Throws Error (exit 2) when the temporary file cannot be created.
  explicit Output(const std::string& path);
  /// Removes the temporary file when commit() was not reached.
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  std::ostream& stream() { return *stream_; }
  /// Whether the output goes to a terminal (for colour and width decisions).
  [[nodiscard]] bool is_terminal() const { return terminal_; }

  /// Flushes, checks every write succeeded and moves the temporary file into place.
  /// Throws Error (exit 2) naming the target on failure; the target is left untouched.
  void commit();

 private:
  std::string path_;
  std::string temp_;
  std::ofstream file_;
  std::ostream* stream_ = nullptr;
  bool terminal_ = false;
  bool committed_ = false;
};

}  // namespace ruptag
