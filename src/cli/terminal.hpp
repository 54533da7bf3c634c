#pragma once

#include <cstddef>
#include <string>

namespace ruptag::cli {

/// Decides colour for --color=auto|always|never: auto means a terminal, TERM not
/// "dumb" and NO_COLOR unset.
bool use_color(const std::string& mode, bool is_terminal);

/// The terminal's width in columns (COLUMNS, then the tty), 80 when unknown.
std::size_t terminal_width(bool is_terminal);

}  // namespace ruptag::cli
