#include "ruptag/output.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
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

constexpr std::size_t buffer_size = std::size_t{64} * 1024;

// The temporary file being written, removed when the run is interrupted (Ctrl-C, kill,
// a closed terminal) so that it leaves nothing behind. A signal handler may only make
// async-signal-safe calls, hence a fixed buffer and unlink(). SIGKILL cannot be caught.
std::array<char, 4096> interrupted_temp{};
volatile std::sig_atomic_t temp_pending = 0;
constexpr std::array<int, 3> interrupting_signals{SIGINT, SIGTERM, SIGHUP};

extern "C" void remove_temp_and_stop(int signal) {
  if (temp_pending != 0) ::unlink(interrupted_temp.data());
  std::signal(signal, SIG_DFL);
  std::raise(signal);  // ends the process as the signal would have
}

void remove_when_interrupted(const std::string& path) {
  if (path.size() >= interrupted_temp.size()) return;  // too long to keep: left behind if interrupted
  std::copy(path.begin(), path.end(), interrupted_temp.begin());
  interrupted_temp[path.size()] = '\0';
  temp_pending = 1;
  for (const int signal : interrupting_signals) {
    struct sigaction old {};
    ::sigaction(signal, nullptr, &old);
    if (old.sa_handler == SIG_IGN) continue;  // ignored on purpose (nohup, a background job): stays so
    struct sigaction action {};
    action.sa_handler = remove_temp_and_stop;
    ::sigemptyset(&action.sa_mask);
    ::sigaction(signal, &action, nullptr);
  }
}

// Holds back the interrupting signals while it lives: a signal that comes while the
// temporary file is created and registered is delivered afterwards, when the handler
// knows the file, so an interruption at that moment cannot leave it behind.
class SignalsHeld {
 public:
  SignalsHeld() {
    sigset_t set;
    ::sigemptyset(&set);
    for (const int signal : interrupting_signals) ::sigaddset(&set, signal);
    ::pthread_sigmask(SIG_BLOCK, &set, &old_);
  }
  ~SignalsHeld() { ::pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
  SignalsHeld(const SignalsHeld&) = delete;
  SignalsHeld& operator=(const SignalsHeld&) = delete;
  SignalsHeld(SignalsHeld&&) = delete;
  SignalsHeld& operator=(SignalsHeld&&) = delete;

 private:
  sigset_t old_{};
};

}  // namespace

Output::FileBuffer::FileBuffer(int fd) : fd_(fd), buffer_(buffer_size) {
  setp(buffer_.data(), buffer_.data() + buffer_.size());
}

bool Output::FileBuffer::write_out() {
  const char* from = pbase();
  while (from < pptr()) {
    const ssize_t n = ::write(fd_, from, static_cast<std::size_t>(pptr() - from));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      if (error_ == 0) error_ = errno;
      setp(buffer_.data(), buffer_.data() + buffer_.size());
      return false;
    }
    from += n;
  }
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  return true;
}

Output::FileBuffer::int_type Output::FileBuffer::overflow(int_type ch) {
  if (error_ != 0 || !write_out()) return traits_type::eof();
  if (!traits_type::eq_int_type(ch, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(ch);
    pbump(1);
  }
  return traits_type::not_eof(ch);
}

int Output::FileBuffer::sync() {
  return error_ == 0 && write_out() ? 0 : -1;
}

bool Output::FileBuffer::close() {
  if (fd_ < 0) return error_ == 0;
  const bool written = error_ == 0 && write_out();
  if (::close(fd_) != 0 && error_ == 0) error_ = errno;
  fd_ = -1;
  return written && error_ == 0;
}

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
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) throw input_error({path, 0, 0}, fmt::format("cannot write: {}", std::strerror(errno)));
    open_file(fd);
    return;
  }
  const std::filesystem::path target(path);
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  std::string pattern = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const SignalsHeld held;  // until the file is registered for removal
  const int fd = ::mkstemp(name.data());
  if (fd < 0) {
    throw input_error({path, 0, 0},
                      fmt::format("cannot create a file in {}: {}", dir.string(), std::strerror(errno)));
  }
  ::fchmod(fd, exists ? (st.st_mode & 07777) : new_file_mode());
  temp_ = name.data();
  remove_when_interrupted(temp_);
  open_file(fd);
}

void Output::open_file(int fd) {
  buffer_ = std::make_unique<FileBuffer>(fd);
  file_ = std::make_unique<std::ostream>(buffer_.get());
  stream_ = file_.get();
}

Output::~Output() {
  if (!committed_ && buffer_) buffer_->close();
  if (!committed_ && !temp_.empty()) std::remove(temp_.c_str());
  temp_pending = 0;
}

void Output::commit() {
  if (!buffer_) {
    stream_->flush();
    if (!*stream_) throw input_error({"standard output", 0, 0}, "write failed (disk full or closed pipe?)");
    committed_ = true;
    return;
  }
  if (!buffer_->close() || !*stream_) {
    const int error = buffer_->error();
    throw input_error({path_, 0, 0}, error != 0 ? fmt::format("write failed: {}", std::strerror(error))
                                                : std::string("write failed"));
  }
  if (!temp_.empty()) {
    temp_pending = 0;  // from here on the file is the target (or the error below removes it)
    if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
      throw input_error({path_, 0, 0}, fmt::format("cannot replace the file: {}", std::strerror(errno)));
    }
  }
  committed_ = true;
}

}  // namespace ruptag
