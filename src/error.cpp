#include "ruptag/error.hpp"

#include <fmt/format.h>

namespace ruptag {

std::string to_string(const Location& where) {
  std::string out = where.file;
  if (where.line > 0) {
    out += fmt::format("{}{}", out.empty() ? "line " : ":", where.line);
    if (where.column > 0) out += fmt::format(":{}", where.column);
  }
  return out;
}

Error::Error(ExitCode code, Location where, const std::string& message)
    : std::runtime_error(to_string(where).empty() ? message : to_string(where) + ": " + message),
      code_(code),
      where_(std::move(where)),
      message_(message) {}

Error input_error(Location where, const std::string& message) {
  return {ExitCode::input, std::move(where), message};
}

Error pack_error(Location where, const std::string& message) {
  return {ExitCode::invalid_pack, std::move(where), message};
}

}  // namespace ruptag
