#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ruptag {

/// How words are folded before matching. Case folding and NFKC are always on.
struct NormalizeOptions {
  bool fold_diacritics = true;  ///< "cliënt" and "client" compare equal
};

/// One word of a text: where it stands in the source and its normalised form.
struct Token {
  std::uint32_t begin = 0;       ///< byte offset of the word in the source text
  std::uint32_t end = 0;         ///< one past its last byte
  std::uint32_t norm_begin = 0;  ///< offset of the normalised form in TokenizedText::norm
  std::uint32_t norm_size = 0;
  std::uint32_t sentence = 0;  ///< index into TokenizedText::sentences
};

/// A run of tokens up to a sentence-final mark.
struct Sentence {
  std::uint32_t first_token = 0;
  std::uint32_t end_token = 0;  ///< one past the last token
  char terminator = 0;          ///< '.', '!' or '?' ('.' also for an ellipsis); 0 at the text's end
};

/// The tokens of a text, their normalised forms stored side by side in one buffer.
struct TokenizedText {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::string norm;

  [[nodiscard]] std::string_view normalized(const Token& t) const {
    return std::string_view(norm).substr(t.norm_begin, t.norm_size);
  }
  [[nodiscard]] std::string_view normalized(std::size_t i) const { return normalized(tokens[i]); }
  void clear() {
    tokens.clear();
    sentences.clear();
    norm.clear();
  }
};

/// Splits valid UTF-8 `text` into words and sentences and normalises each word: NFKC,
/// case folding, diacritics removed when asked, curly apostrophes and Unicode hyphens
/// made ASCII. A word is a run of letters, marks and digits; an apostrophe or hyphen
/// between two such characters stays inside it ("don't", "m'n", "ex-partner"), as does
/// a leading apostrophe before one or two letters ("'t", "'s"); colons between letters
/// (Jefferson's stretched sound, "ne::e") stay inside and are dropped from the normalised
/// form ("nee"). Reuses `out`'s buffers.
void tokenize(std::string_view text, const NormalizeOptions& options, TokenizedText& out);

/// Convenience form of tokenize() returning a fresh result.
TokenizedText tokenize(std::string_view text, const NormalizeOptions& options = {});

/// FNV-1a offset basis and prime: hash_word() of "" is fnv_basis; each byte is xored in,
/// then multiplied by fnv_prime, so a word's prefixes are hashed on the way.
inline constexpr std::uint64_t fnv_basis = 14695981039346656037ULL;
inline constexpr std::uint64_t fnv_prime = 1099511628211ULL;

/// The FNV-1a hash of a (normalised) word: stable across builds and machines.
constexpr std::uint64_t hash_word(std::string_view word) {
  std::uint64_t h = fnv_basis;
  for (const char c : word) {
    h ^= static_cast<unsigned char>(c);
    h *= fnv_prime;
  }
  return h;
}

/// `text` without the spaces, tabs and line ends around it.
std::string_view trim(std::string_view text);

/// Normalises one string as tokenize() normalises a word (whitespace and punctuation
/// are kept). Used for speaker labels and for lexicon entries.
std::string normalize(std::string_view text, const NormalizeOptions& options = {});

}  // namespace ruptag
