#pragma once

#include <sys/types.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ruptag {

/// One line of a LineSource.
struct Line {
  std::string_view text;   ///< without its line end; valid until the source's next call
  std::size_t number = 0;  ///< 1-based
};

/// The lines of a file or of a string, one at a time, as often as asked (rewind()). A
/// regular file is read in fixed chunks, so only the current line and one chunk are held.
/// Lines end at '\n'; one '\r' before it is dropped; a last line that is empty (after its
/// '\r') is no line, so "a\n" is one line and "a\n\n" two.
class LineSource {
 public:
  /// The lines of `path`; "-" is standard input. A regular file is read in chunks and
  /// rewound by seeking (standard input too, from where it stood); anything else (a pipe,
  /// a terminal, a process substitution) cannot be read twice and is read whole into
  /// memory. Throws Error (exit 2) when `path` is a directory or cannot be opened.
  static LineSource open(const std::string& path);
  /// The lines of `content`, which must outlive the source.
  static LineSource borrow(std::string_view content);
  /// The lines of `content`, kept by the source.
  static LineSource own(std::string content);

  LineSource(LineSource&&) noexcept;
  LineSource& operator=(LineSource&&) noexcept;
  LineSource(const LineSource&) = delete;
  LineSource& operator=(const LineSource&) = delete;
  ~LineSource();

  /// The next line, or nullopt after the last. Throws Error (exit 2) when a read fails.
  std::optional<Line> next();
  /// Starts again at the first line.
  void rewind();
  /// The first `size` bytes (all of them when there are fewer). Only at the start: before
  /// next() after construction or rewind(); valid until the next call.
  std::string_view head(std::size_t size);
  /// Leaves out the first `size` bytes (a byte-order mark) from now on, rewinding too.
  void drop_prefix(std::size_t size);
  /// All the bytes, in memory (for a whole-file decoding); rewinds.
  std::string read_all();

 private:
  LineSource() = default;
  [[nodiscard]] std::string_view window() const;
  bool fill();
  std::string drain();
  [[noreturn]] void fail_read() const;

  // In memory: the bytes, and their owner when the source keeps them.
  std::unique_ptr<const std::string> owned_;
  std::string_view data_;
  // A file descriptor, closed with its owner unless it is standard input.
  class File {
   public:
    File() = default;
    File(int fd, bool close) : fd_(fd), close_(close) {}
    File(File&& other) noexcept;
    File& operator=(File&& other) noexcept;
    File(const File&) = delete;
    File& operator=(const File&) = delete;
    ~File();
    [[nodiscard]] int fd() const { return fd_; }

   private:
    int fd_ = -1;
    bool close_ = false;
  };

  // From a file: the descriptor, where the content starts, and the bytes read so far of
  // the current line and the chunk after it (buffer_[0, end_)).
  File file_;
  off_t origin_ = 0;
  std::string buffer_;
  std::size_t chunk_ = 0;  ///< bytes read at a time (a small file's size: no 64 KiB to zero for it)
  std::size_t end_ = 0;
  bool at_end_ = true;  ///< nothing more to read into the window
  std::string name_;    ///< for messages: the path, or "<stdin>"
  std::string read_error_;

  std::size_t pos_ = 0;      ///< where the next line starts in the window
  std::size_t scanned_ = 0;  ///< bytes from pos_ known to hold no '\n'
  std::size_t number_ = 0;   ///< lines returned since the start
};

}  // namespace ruptag
