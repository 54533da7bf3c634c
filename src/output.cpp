#include "ruptag/output.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <vector>

#include "ruptag/error.hpp"

namespace ruptag {
namespace {

// The permission bits a newly created file gets under the current umask.
mode_t new_file_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return static_cast<mode_t>(0666 & ~mask);
}

}  // namespace

Output::Output(const std::string& path) : path_(path) {
  if (path.empty() || path == "-") {
    stream_ = &std::cout;
    terminal_ = ::isatty(STDOUT_FILENO) != 0;
    return;
  }
  // lstat: a symbolic link (such as /dev/stdout) is written through, never replaced.
  struct stat st {};
  const bool exists = ::lstat(path.c_str(), &st) == 0;
  if (exists && !S_ISREG(st.st_mode)) {
    file_.open(path, std::ios::binary | std::ios::out);
    if (!file_) throw input_error({path, 0, 0}, fmt::format("cannot write: {}", std::strerror(errno)));
    stream_ = &file_;
    return;
  }
  const std::filesystem::path target(path);
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  std::string pattern = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) {
    throw input_error({path, 0, 0},
                      fmt::format("cannot create a file in {}: {}", dir.string(), std::strerror(errno)));
  }
  ::fchmod(fd, exists ? (st.st_mode & 07777) : new_file_mode());
  ::close(fd);
  temp_ = name.data();
  file_.open(temp_, std::ios::binary | std::ios::out | std::ios::trunc);
  if (!file_) {
    std::remove(temp_.c_str());
    throw input_error({path, 0, 0}, fmt::format("cannot write: {}", std::strerror(errno)));
  }
  stream_ = &file_;
}

Output::~Output() {
  if (!committed_ && !temp_.empty()) {
    file_.close();
    std::remove(temp_.c_str());
  }
}

void Output::commit() {
  stream_->flush();
  const std::string shown = path_.empty() || path_ == "-" ? "standard output" : path_;
  if (!*stream_) throw input_error({shown, 0, 0}, "write failed (disk full or closed pipe?)");
  if (file_.is_open()) {
    file_.close();
    if (file_.fail()) throw input_error({shown, 0, 0}, "write failed (disk full?)");
  }
  if (!temp_.empty()) {
    if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
      throw input_error({path_, 0, 0}, fmt::format("cannot replace the file: {}", std::strerror(errno)));
    }
  }
  committed_ = true;
}

}  // namespace ruptag
