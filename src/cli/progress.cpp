#include "progress.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace ruptag::cli {

Progress::Progress(bool enabled, std::size_t total)
    : enabled_(enabled), total_(total), start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

void Progress::step(bool failed) {
  ++done_;
  failed_ += failed ? 1U : 0U;
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100) && done_ < total_) return;
  last_draw_ = now;
  draw();
}

void Progress::draw() {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done_) / seconds : 0.0;
  const int width = static_cast<int>(fmt::format("{}", total_).size());
  std::fputs(
      fmt::format("\r[{:>{}}/{}] {:.1f} files/s, {} failed ", done_, width, total_, rate, failed_).c_str(),
      stderr);
  std::fflush(stderr);
}

void Progress::finish() const {
  if (!enabled_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
}

}  // namespace ruptag::cli
