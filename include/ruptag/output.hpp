#pragma once

#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

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
  /// Writes to a file descriptor and remembers why a write failed (errno), which an
  /// std::ofstream forgets.
  class FileBuffer : public std::streambuf {
   public:
    explicit FileBuffer(int fd);
    [[nodiscard]] int error() const { return error_; }
    /// Writes what is buffered and closes the descriptor; false when either fails.
    bool close();

   protected:
    int_type overflow(int_type ch) override;
    int sync() override;

   private:
    bool write_out();

    int fd_;
    int error_ = 0;  ///< errno of the first failed write or close
    std::vector<char> buffer_;
  };

  void open_file(int fd);

  std::string path_;
  std::string temp_;
  std::unique_ptr<FileBuffer> buffer_;
  std::unique_ptr<std::ostream> file_;
  std::ostream* stream_ = nullptr;
  bool terminal_ = false;
  bool committed_ = false;
};

}  // namespace ruptag
