#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ruptag {

/// Byte offset of the first byte that is not part of well-formed UTF-8 (overlong forms,
/// surrogates and code points above U+10FFFF count as malformed), or npos when `text`
/// is valid UTF-8.
std::size_t find_invalid_utf8(std::string_view text);

/// Decodes Windows-1252 bytes (the usual encoding of Dutch Word exports) to UTF-8.
/// The five bytes that code page leaves undefined map to U+FFFD.
std::string windows1252_to_utf8(std::string_view bytes);

}  // namespace ruptag
