#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ruptag/text.hpp"

namespace ruptag {

/// One normalised word of a term; `prefix` when it was written with a trailing '*'.
struct TermToken {
  std::string text;
  bool prefix = false;
};

/// Splits a term as written in a pack ("you don't listen", "frustrat*") into normalised
/// tokens. Returns an empty string on success, else a message saying what is wrong
/// (no word in it, or a '*' that is not at the end of a word).
std::string parse_term(std::string_view term, const NormalizeOptions& options, std::vector<TermToken>& out);

/// Every term of a pack in one token trie, so a text is scanned once for all of them.
/// A term matches a run of consecutive tokens inside one sentence. Apostrophes do not
/// count when words are compared: "i'm" and "im", "don't" and "dont" are one word, as
/// people type them.
class TermIndex {
 public:
  struct Match {
    std::uint32_t payload = 0;  ///< what add() was given for the term
    std::uint32_t first = 0;    ///< first token
    std::uint32_t end = 0;      ///< one past the last token
  };

  /// Adds a term (non-empty). Call build() after the last add().
  void add(const std::vector<TermToken>& term, std::uint32_t payload);
  /// Finishes the index; no add() after it.
  void build();

  /// Appends every match of every term in `text` to `out`, ordered by first token.
  void find(const TokenizedText& text, std::vector<Match>& out) const;

  [[nodiscard]] std::size_t term_count() const { return term_count_; }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  using WordMap = std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>>;

  std::uint32_t symbol_for(const TermToken& token);
  std::uint32_t child(std::uint32_t node, std::uint32_t symbol) const;
  void symbols_of(std::string_view word, std::vector<std::uint32_t>& out) const;

  WordMap words_;
  WordMap prefixes_;
  std::vector<std::uint32_t> prefix_lengths_;  ///< sorted, distinct byte lengths
  std::uint32_t next_symbol_ = 0;
  std::unordered_map<std::uint64_t, std::uint32_t> edges_;  ///< node<<32 | symbol -> node
  std::vector<std::vector<std::uint32_t>> payloads_;        ///< per node
  std::size_t term_count_ = 0;
};

}  // namespace ruptag
