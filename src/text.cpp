#include "ruptag/text.hpp"

#include <utf8proc.h>

#include <array>
#include <cstdlib>
#include <memory>

namespace ruptag {
namespace {

enum class CharClass : std::uint8_t { word, apostrophe, hyphen, terminator, other };

struct Char {
  std::int32_t cp = 0;
  std::uint32_t size = 1;
  CharClass cls = CharClass::other;
};

constexpr bool is_ascii_word(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

constexpr CharClass classify_ascii(unsigned char c) {
  if (is_ascii_word(c)) return CharClass::word;
  if (c == '\'' || c == '`') return CharClass::apostrophe;
  if (c == '-') return CharClass::hyphen;
  if (c == '.' || c == '!' || c == '?') return CharClass::terminator;
  return CharClass::other;
}

// The class of each ASCII character, looked up rather than worked out: most text is ASCII.
constexpr auto ascii_classes = [] {
  std::array<CharClass, 0x80> table{};
  for (unsigned c = 0; c < 0x80; ++c) table[c] = classify_ascii(static_cast<unsigned char>(c));
  return table;
}();

// The class of a character that is not ASCII (ASCII ones are in ascii_classes).
CharClass classify(std::int32_t cp) {
  switch (cp) {
    case 0x2019:
    case 0x2018:
    case 0x02BC:
    case 0x00B4:
    case 0x2032: return CharClass::apostrophe;
    case 0x2010:
    case 0x2011: return CharClass::hyphen;
    case 0x2026:
    case 0xFF1F:
    case 0xFF01:
    case 0x203D: return CharClass::terminator;
    default: break;
  }
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: return CharClass::word;
    default: return CharClass::other;
  }
}

// char_at() for a character that is not ASCII.
[[gnu::noinline]] Char decode_at(std::string_view text, std::size_t i) {
  utf8proc_int32_t cp = 0;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                  static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
  if (n <= 0) return {0xFFFD, 1, CharClass::other};
  return {cp, static_cast<std::uint32_t>(n), classify(cp)};
}

// Decodes the character at `i` (text is valid UTF-8; a stray byte is read as one
// character of class `other`).
inline Char char_at(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return {c, 1, ascii_classes[c]};
  return decode_at(text, i);
}

bool is_word_at(std::string_view text, std::size_t i) {
  return i < text.size() && char_at(text, i).cls == CharClass::word;
}

// A leading apostrophe belongs to the word in Dutch contractions: "'t", "'s", "'n".
bool leading_apostrophe_word(std::string_view text, std::size_t i, const Char& apostrophe) {
  std::size_t j = i + apostrophe.size;
  int letters = 0;
  while (j < text.size() && letters < 3) {
    const Char c = char_at(text, j);
    if (c.cls != CharClass::word) break;
    ++letters;
    j += c.size;
  }
  if (letters < 1 || letters > 2) return false;
  return j >= text.size() || char_at(text, j).cls == CharClass::other ||
         char_at(text, j).cls == CharClass::terminator;
}

// Each ASCII character as a normalised word has it: lower case, '`' as '\''.
constexpr auto ascii_folded = [] {
  std::array<char, 0x80> table{};
  for (unsigned c = 0; c < 0x80; ++c) {
    table[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : (c == '`' ? '\'' : c));
  }
  return table;
}();

// Appends the normalised form of `word` to `out`.
void append_normalized(std::string_view word, bool ascii, const NormalizeOptions& options, std::string& out) {
  if (ascii) {
    const std::size_t at = out.size();
    out.resize(at + word.size());
    char* next = out.data() + at;
    for (const char ch : word) {
      if (ch != ':') *next++ = ascii_folded[static_cast<unsigned char>(ch)];
    }
    out.resize(static_cast<std::size_t>(next - out.data()));
    return;
  }
  std::string mapped;
  mapped.reserve(word.size());
  for (std::size_t i = 0; i < word.size();) {
    const Char c = char_at(word, i);
    if (c.cls == CharClass::apostrophe) {
      mapped += '\'';
    } else if (c.cls == CharClass::hyphen) {
      mapped += '-';
    } else if (c.cp != ':') {
      mapped.append(word.substr(i, c.size));
    }
    i += c.size;
  }
  int flags = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD;
  if (options.fold_diacritics) flags |= UTF8PROC_STRIPMARK;
  utf8proc_uint8_t* result = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(mapped.data()),
                              static_cast<utf8proc_ssize_t>(mapped.size()), &result,
                              static_cast<utf8proc_option_t>(flags));
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(result, &std::free);
  if (n < 0) {
    out += mapped;  // not reachable for valid UTF-8; keep the word rather than drop it
  } else {
    out.append(reinterpret_cast<const char*>(result), static_cast<std::size_t>(n));
  }
}

}  // namespace

void tokenize(std::string_view text, const NormalizeOptions& options, TokenizedText& out) {
  out.clear();
  std::uint32_t sentence_first = 0;
  auto close_sentence = [&](char terminator) {
    const auto end = static_cast<std::uint32_t>(out.tokens.size());
    if (end == sentence_first) return;
    out.sentences.push_back({sentence_first, end, terminator});
    sentence_first = end;
  };
  std::size_t i = 0;
  bool prev_word = false;
  while (i < text.size()) {
    const Char c = char_at(text, i);
    const bool starts_word = c.cls == CharClass::word || (c.cls == CharClass::apostrophe && !prev_word &&
                                                          leading_apostrophe_word(text, i, c));
    if (starts_word) {
      const std::size_t start = i;
      bool ascii = c.cp < 0x80;
      bool last_digit = c.cp >= '0' && c.cp <= '9';
      std::size_t j = i + c.size;
      while (j < text.size()) {
        const Char d = char_at(text, j);
        if (d.cls == CharClass::word) {
          ascii = ascii && d.cp < 0x80;
          last_digit = d.cp >= '0' && d.cp <= '9';
          j += d.size;
          continue;
        }
        if (d.cp == ':' && !last_digit) {  // Jefferson's stretched sound inside a word: "ne::e", "so:rry"
          std::size_t k = j;
          while (k < text.size() && text[k] == ':') ++k;
          if (k < text.size() && is_word_at(text, k) && !(text[k] >= '0' && text[k] <= '9')) {
            j = k;
            continue;
          }
        }
        const bool joiner = d.cls == CharClass::apostrophe || d.cls == CharClass::hyphen;
        const bool decimal = (d.cp == '.' || d.cp == ',') && last_digit;
        if ((joiner || decimal) && is_word_at(text, j + d.size)) {
          if (decimal && !(text[j + d.size] >= '0' && text[j + d.size] <= '9')) break;
          ascii = ascii && d.cp < 0x80;
          j += d.size;
          continue;
        }
        break;
      }
      Token t;
      t.begin = static_cast<std::uint32_t>(start);
      t.end = static_cast<std::uint32_t>(j);
      t.norm_begin = static_cast<std::uint32_t>(out.norm.size());
      append_normalized(text.substr(start, j - start), ascii, options, out.norm);
      t.norm_size = static_cast<std::uint32_t>(out.norm.size() - t.norm_begin);
      t.sentence = static_cast<std::uint32_t>(out.sentences.size());
      out.tokens.push_back(t);
      i = j;
      prev_word = true;
      continue;
    }
    if (c.cls == CharClass::terminator) {
      char terminator = '.';
      std::size_t j = i;
      while (j < text.size()) {
        const Char d = char_at(text, j);
        if (d.cls != CharClass::terminator) break;
        if (d.cp == '?' || d.cp == 0xFF1F || d.cp == 0x203D) {
          terminator = '?';
        } else if (terminator != '?' && (d.cp == '!' || d.cp == 0xFF01)) {
          terminator = '!';
        }
        j += d.size;
      }
      close_sentence(terminator);
      i = j;
      prev_word = false;
      continue;
    }
    prev_word = false;
    i += c.size;
  }
  close_sentence(0);
}

TokenizedText tokenize(std::string_view text, const NormalizeOptions& options) {
  TokenizedText out;
  tokenize(text, options, out);
  return out;
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view blanks = " \t\r\n";
  const auto first = text.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(blanks) - first + 1);
}

std::string normalize(std::string_view text, const NormalizeOptions& options) {
  std::string out;
  bool ascii = true;
  for (const char ch : text) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
  append_normalized(text, ascii, options, out);
  return out;
}

}  // namespace ruptag
