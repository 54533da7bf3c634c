#pragma once

#include <chrono>
#include <cstddef>

namespace ruptag::cli {

/// A one-line progress report on standard error ("[ 120/1000] 35.2 files/s, 2 failed"),
/// redrawn at most ten times a second; silent when disabled.
class Progress {
 public:
  Progress(bool enabled, std::size_t total);
  /// Records one more finished file.
  void step(bool failed);
  /// Clears the line.
  void finish() const;

 private:
  void draw();

  bool enabled_;
  std::size_t total_;
  std::size_t done_ = 0;
  std::size_t failed_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace ruptag::cli
