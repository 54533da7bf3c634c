#include "ruptag/line_source.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include "ruptag/error.hpp"

namespace ruptag {

namespace {

constexpr std::size_t chunk_size = std::size_t{64} * 1024;
constexpr std::size_t min_chunk_size = 4096;

}  // namespace

LineSource::File::File(File&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), close_(std::exchange(other.close_, false)) {}

LineSource::File& LineSource::File::operator=(File&& other) noexcept {
  if (this != &other) {
    if (close_) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    close_ = std::exchange(other.close_, false);
  }
  return *this;
}

LineSource::File::~File() {
  if (close_) ::close(fd_);
}

LineSource::LineSource(LineSource&&) noexcept = default;
LineSource& LineSource::operator=(LineSource&&) noexcept = default;
LineSource::~LineSource() = default;

LineSource LineSource::open(const std::string& path) {
  LineSource source;
  struct stat st {};
  if (path == "-") {
    source.name_ = "<stdin>";
    source.read_error_ = "cannot read standard input";
    const bool known = ::fstat(STDIN_FILENO, &st) == 0;
    if (known && S_ISDIR(st.st_mode)) {
      throw input_error({source.name_, 0, 0}, "standard input is a directory, not a transcript file");
    }
    source.file_ = File(STDIN_FILENO, false);
    // `< file`: read from where standard input stands, and back there to rewind.
    source.origin_ = known && S_ISREG(st.st_mode) ? ::lseek(STDIN_FILENO, 0, SEEK_CUR) : -1;
  } else {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      throw input_error({path, 0, 0}, "is a directory, not a transcript file");
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw input_error({path, 0, 0}, fmt::format("cannot open: {}", std::strerror(errno)));
    source.file_ = File(fd, true);
    source.name_ = path;
    source.read_error_ = "read failed";
    source.origin_ = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? 0 : -1;
  }
  source.chunk_ = chunk_size;
  if (source.origin_ >= 0) {
    const auto left = static_cast<std::size_t>(std::max<off_t>(st.st_size - source.origin_, 0));
    source.chunk_ = std::clamp<std::size_t>(left + 1, min_chunk_size, chunk_size);
  }
  if (source.origin_ < 0) {
    // A pipe or a device: what is read is gone, so all of it is kept.
    source.at_end_ = false;
    return own(source.drain());
  }
  source.rewind();
  return source;
}

LineSource LineSource::borrow(std::string_view content) {
  LineSource source;
  source.data_ = content;
  return source;
}

LineSource LineSource::own(std::string content) {
  LineSource source;
  source.owned_ = std::make_unique<const std::string>(std::move(content));
  source.data_ = *source.owned_;
  return source;
}

std::string_view LineSource::window() const {
  return file_.fd() < 0 ? data_ : std::string_view(buffer_.data(), end_);
}

// Reads the next chunk into the window, after moving the unread bytes to its front.
// False at the end of the file.
bool LineSource::fill() {
  if (at_end_) return false;
  if (pos_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  // The buffer grows only while a line is longer than it: to the longest line and a chunk.
  if (buffer_.size() - end_ < chunk_) buffer_.resize(end_ + chunk_);
  ssize_t got = 0;
  do {
    got = ::read(file_.fd(), buffer_.data() + end_, buffer_.size() - end_);
  } while (got < 0 && errno == EINTR);
  if (got < 0) fail_read();
  if (got == 0) {
    at_end_ = true;
    return false;
  }
  end_ += static_cast<std::size_t>(got);
  return true;
}

// Reads to the end of the file and returns what the window holds from the current line on.
std::string LineSource::drain() {
  while (fill()) {
  }
  buffer_.resize(end_);
  std::string all = std::move(buffer_);
  all.erase(0, pos_);
  buffer_ = std::string();
  end_ = pos_ = scanned_ = 0;
  return all;
}

void LineSource::fail_read() const {
  throw input_error({name_, 0, 0}, read_error_);
}

std::optional<Line> LineSource::next() {
  std::size_t newline = std::string_view::npos;
  for (;;) {
    const std::string_view window = this->window();
    newline = window.find('\n', pos_ + scanned_);
    if (newline != std::string_view::npos) break;
    scanned_ = window.size() - pos_;
    if (!fill()) break;
  }
  const std::string_view window = this->window();
  const bool last = newline == std::string_view::npos;
  std::string_view text = last ? window.substr(pos_) : window.substr(pos_, newline - pos_);
  pos_ = last ? window.size() : newline + 1;
  scanned_ = 0;
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  if (last && text.empty()) return std::nullopt;  // the end, or an empty last line
  return Line{text, ++number_};
}

void LineSource::rewind() {
  pos_ = scanned_ = number_ = 0;
  if (file_.fd() < 0) return;
  if (::lseek(file_.fd(), origin_, SEEK_SET) < 0) fail_read();
  end_ = 0;
  at_end_ = false;
}

std::string_view LineSource::head(std::size_t size) {
  while (window().size() - pos_ < size && fill()) {
  }
  return window().substr(pos_, size);
}

void LineSource::drop_prefix(std::size_t size) {
  if (file_.fd() < 0) {
    data_.remove_prefix(std::min(size, data_.size()));
  } else {
    origin_ += static_cast<off_t>(size);
  }
  rewind();
}

std::string LineSource::read_all() {
  if (file_.fd() < 0) return std::string(data_);
  rewind();
  std::string all = drain();
  rewind();
  return all;
}

}  // namespace ruptag
