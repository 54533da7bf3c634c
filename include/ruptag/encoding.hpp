#pragma once

#include <cstddef>
#include <optional>
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

enum class ByteOrder { little_endian, big_endian };

/// The byte order of a UTF-16 byte-order mark (FF FE or FE FF) at the start of `bytes`.
std::optional<ByteOrder> utf16_byte_order_mark(std::string_view bytes);

/// UTF-16 decoded to UTF-8, up to the first code unit that cannot be decoded.
struct Utf16Decoded {
  std::string text;
  std::size_t bad = std::string_view::npos;  ///< byte offset of that unit in the input, or npos
};

/// Decodes UTF-16 `bytes` (without the byte-order mark). Stops at an unpaired surrogate
/// or an odd last byte, and says where (`bad`).
Utf16Decoded utf16_to_utf8(std::string_view bytes, ByteOrder order);

}  // namespace ruptag
