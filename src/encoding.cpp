#include "ruptag/encoding.hpp"

#include <array>
#include <cstdint>

namespace ruptag {

std::size_t find_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t min = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min = 0x10000, cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

namespace {

// Code points of bytes 0x80..0x9F in Windows-1252; 0 marks the undefined ones.
constexpr std::array<std::uint16_t, 32> cp1252_high{
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::uint32_t utf16_unit(std::string_view bytes, std::size_t at, ByteOrder order) {
  const auto first = static_cast<unsigned char>(bytes[at]);
  const auto second = static_cast<unsigned char>(bytes[at + 1]);
  return order == ByteOrder::little_endian ? (std::uint32_t{second} << 8) | first
                                           : (std::uint32_t{first} << 8) | second;
}

}  // namespace

std::string windows1252_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (const char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) {
      out += ch;
    } else if (b < 0xA0) {
      const std::uint16_t cp = cp1252_high[b - 0x80];
      append_utf8(out, cp == 0 ? 0xFFFD : cp);
    } else {
      append_utf8(out, b);
    }
  }
  return out;
}

std::optional<ByteOrder> utf16_byte_order_mark(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xFE")) return ByteOrder::little_endian;
  if (bytes.starts_with("\xFE\xFF")) return ByteOrder::big_endian;
  return std::nullopt;
}

Utf16Decoded utf16_to_utf8(std::string_view bytes, ByteOrder order) {
  Utf16Decoded out;
  out.text.reserve(bytes.size() / 2 + bytes.size() / 8);
  std::size_t i = 0;
  while (i + 1 < bytes.size()) {
    const std::uint32_t unit = utf16_unit(bytes, i, order);
    if (unit < 0xD800 || unit > 0xDFFF) {
      append_utf8(out.text, unit);
      i += 2;
      continue;
    }
    const bool paired = unit < 0xDC00 && i + 3 < bytes.size();
    const std::uint32_t low = paired ? utf16_unit(bytes, i + 2, order) : 0;
    if (low < 0xDC00 || low > 0xDFFF) {
      out.bad = i;
      return out;
    }
    append_utf8(out.text, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
    i += 4;
  }
  if (i < bytes.size()) out.bad = i;
  return out;
}

}  // namespace ruptag
