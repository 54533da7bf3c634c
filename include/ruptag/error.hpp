#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace ruptag {

/// Process exit codes, as documented in the README.
enum class ExitCode : int {
  ok = 0,
  findings = 1,      ///< findings at or above the --fail-on level
  input = 2,         ///< usage error, unreadable or invalid input
  invalid_pack = 3,  ///< a rule pack failed validation
};

/// Where an error happened. Empty file or zero line/column means "not known".
struct Location {
  std::string file;
  std::size_t line = 0;    ///< 1-based
  std::size_t column = 0;  ///< 1-based

  friend bool operator==(const Location&, const Location&) = default;
};

/// Formats a location as "file:line:column" (omitting what is unknown).
std::string to_string(const Location& where);

/// An error a user can act on: what went wrong, where, and the exit code it maps to.
class Error : public std::runtime_error {
 public:
  Error(ExitCode code, Location where, const std::string& message);

  [[nodiscard]] ExitCode code() const noexcept { return code_; }
  [[nodiscard]] const Location& where() const noexcept { return where_; }
  /// The message without the location prefix.
  [[nodiscard]] const std::string& message() const noexcept { return message_; }

 private:
  ExitCode code_;
  Location where_;
  std::string message_;
};

/// An invalid transcript or unreadable input file (exit code 2).
Error input_error(Location where, const std::string& message);
/// An invalid rule pack (exit code 3).
Error pack_error(Location where, const std::string& message);

}  // namespace ruptag
