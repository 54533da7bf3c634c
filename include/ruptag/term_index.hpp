#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ruptag/pair_map.hpp"
#include "ruptag/text.hpp"

namespace ruptag {

/// The most words one gap of a term lets stand in the rest of the term ("~9").
constexpr std::uint8_t max_gap = 9;
/// The most tokens a term with gaps may reach over: its words plus the most each gap
/// allows. TermIndex::Match marks gap words in 32 bits.
constexpr std::size_t max_gap_term_reach = 32;

/// One element of a term: a normalised word (`prefix` when it was written with a
/// trailing '*'), or, when `gap` > 0, a gap ("~2"): 0 to `gap` words of any kind may
/// stand after the word before it, between any two of the term's later words; a gap has
/// no text.
struct TermToken {
  std::string text;
  bool prefix = false;
  std::uint8_t gap = 0;
};

/// Splits a term as written in a pack ("you don't listen", "frustrat*", "you ~2 listen*")
/// into normalised tokens. Returns an empty string on success, else a message that
/// continues "term 'X' ..." and says what is wrong: no word in it, a '*' that is not at
/// the end of a word, a '~' that is not a gap of 1 to 9 words written as a word of its
/// own, a gap at the start or end or next to another gap, or more than
/// max_gap_term_reach tokens reached with gaps.
std::string parse_term(std::string_view term, const NormalizeOptions& options, std::vector<TermToken>& out);

/// A read-only array that owns its elements while an index is built, or borrows them
/// from bytes that outlive it (an embedded pack), so loading costs no copy.
template <typename T>
class IndexArray {
 public:
  IndexArray() = default;
  IndexArray(IndexArray&&) noexcept = default;  // a vector keeps its buffer when moved
  IndexArray& operator=(IndexArray&&) noexcept = default;
  IndexArray(const IndexArray&) = delete;
  IndexArray& operator=(const IndexArray&) = delete;

  std::vector<T>& own() { return owned_; }  ///< for building; call seal() after
  void seal() { view_ = owned_; }
  void borrow(std::span<const T> elements) {
    owned_.clear();
    view_ = elements;
  }
  [[nodiscard]] std::span<const T> view() const { return view_; }

 private:
  std::vector<T> owned_;
  std::span<const T> view_;
};

/// Every term of a pack in one token trie, so a text is scanned once for all of them.
/// A term matches a run of consecutive tokens inside one sentence; a gap "~N" of the
/// term lets 0 to N tokens in all stand between the word before it and any later word
/// ("je ~2 luister* niet" matches "je luisterde helemaal niet"); several gaps add up. Apostrophes
/// do not count when words are compared: "i'm" and "im", "don't" and "dont" are one
/// word, as people type them.
class TermIndex {
 public:
  struct Match {
    std::uint32_t payload = 0;  ///< what add() was given for the term
    std::uint32_t first = 0;    ///< first token (a matched word: a term never starts with a gap)
    std::uint32_t end = 0;      ///< one past the last token (a matched word too)
    std::uint32_t skipped = 0;  ///< bit k set: token first + k stood in a gap, unmatched

    /// Whether token `k` is one of the words the term matched, not one of a gap.
    [[nodiscard]] bool matched(std::uint32_t k) const {
      return k >= first && k < end && (k - first >= 32 || ((skipped >> (k - first)) & 1U) == 0);
    }
  };

  TermIndex() = default;
  TermIndex(TermIndex&&) noexcept = default;
  TermIndex& operator=(TermIndex&&) noexcept = default;

  /// Makes two words one word for matching ("m'n" and "mijn"). Call before add(); the
  /// first alias given for a word wins.
  void alias(std::string_view a, std::string_view b);

  /// Adds a term as parse_term() makes it; a term that parse_term() would not make
  /// (empty, or with a gap at an end or wider than max_gap) is ignored. Call build()
  /// after the last add().
  void add(const std::vector<TermToken>& term, std::uint32_t payload);
  /// Makes `word` (one normalised token) a word of the index that starts no term, so that
  /// find() reports its slot (a turn model's words: one lookup serves the terms and the
  /// model). A word with an apostrophe is ignored: find() reports such tokens as
  /// apostrophe_word. Call before build().
  void know(std::string_view word);

  /// Finishes the index; no add() or know() after it.
  void build();

  /// What find() reports in `words` of a token that is no word of the index.
  static constexpr std::uint32_t unknown_word = 0xFFFFFFFFU;
  /// What find() reports in `words` of a token with an apostrophe, which the index looks up
  /// without it ("don't" as "dont"): a caller that tells the two apart looks it up itself.
  static constexpr std::uint32_t apostrophe_word = 0xFFFFFFFEU;

  /// Appends every match of every term in `text` to `out`, ordered by first token. A
  /// term with gaps yields at most one match per first token, the one with the fewest
  /// words in its gaps (of equals, the one whose words come earliest). When `words` is
  /// given, it is set to one entry per token: the slot of its word (word_slot()), or
  /// unknown_word, or apostrophe_word.
  void find(const TokenizedText& text, std::vector<Match>& out,
            std::vector<std::uint32_t>* words = nullptr) const;

  /// The slot of `word` (normalised, without apostrophes) among the index's words: a term's
  /// word, an alias or a word made known with know(); below word_slot_count(), or
  /// unknown_word. Slots are fixed once the index is built.
  [[nodiscard]] std::uint32_t word_slot(std::string_view word) const;
  [[nodiscard]] std::size_t word_slot_count() const { return words_.slot_count(); }

  [[nodiscard]] std::size_t term_count() const { return term_count_; }

  /// The built index as bytes, to embed a compiled pack; decode() reads them back.
  [[nodiscard]] std::string encode() const;
  /// Reads what encode() wrote. When `bytes` start at an 8-byte boundary and outlive
  /// the index, its tables are used in place, without a copy. Throws
  /// std::runtime_error when the bytes are not an encoded index; bytes that pass make
  /// an index that find() can use safely, whatever they hold.
  static TermIndex decode(std::string_view bytes);

  /// Open-addressing hash map from words to numbers (the index's symbols; a turn model's
  /// words), its keys in one array: cheap to search, and loaded in place from an embedded
  /// pack.
  class WordMap {
   public:
    [[nodiscard]] const std::uint32_t* find(std::string_view word) const;
    /// find() with the word's hash (hash_word) already computed.
    [[nodiscard]] const std::uint32_t* find(std::string_view word, std::uint64_t hash) const;
    static constexpr std::size_t no_slot = ~std::size_t{0};
    /// Where the word is (below slot_count()), or no_slot; `hash` is hash_word(word).
    [[nodiscard]] std::size_t find_slot(std::string_view word, std::uint64_t hash) const;
    [[nodiscard]] std::size_t slot_count() const { return slots_.view().size(); }
    /// The key in `slot` (empty for an empty slot) and its value.
    [[nodiscard]] std::string_view key_at(std::size_t slot) const {
      const Slot& s = slots_.view()[slot];
      if (s.length == 0) return {};
      return std::string_view(keys_.view().data(), keys_.view().size()).substr(s.offset, s.length);
    }
    [[nodiscard]] std::uint32_t value_at(std::size_t slot) const { return slots_.view()[slot].value; }
    /// Calls `f(key)` for every key.
    template <typename F>
    void for_each_key(F f) const {
      for (std::size_t slot = 0; slot < slot_count(); ++slot) {
        if (const std::string_view key = key_at(slot); !key.empty()) f(key);
      }
    }
    /// The word's value, inserting `value` when the word is new.
    std::uint32_t insert(std::string_view word, std::uint32_t value);
    void seal();
    void encode(std::string& out) const;
    void decode(std::string_view all, std::size_t& pos);

   private:
    struct Slot {
      std::uint32_t offset = 0;  ///< of the key in keys_
      std::uint32_t length = 0;  ///< 0: empty slot (keys are never empty)
      std::uint32_t value = 0;
    };
    void grow();

    IndexArray<char> keys_;
    IndexArray<Slot> slots_;
    std::size_t size_ = 0;
  };

 private:
  /// An edge of the trie: from its parent (the node whose range of children_ holds it)
  /// by `symbol` to `node`.
  struct Child {
    std::uint32_t symbol = 0;
    std::uint32_t node = 0;
  };
  /// What a walk needs of a node, in one record: a walk that reaches a node reads one
  /// cache line for its payloads, its edges and its gaps. Node N's runs end where node
  /// N + 1's start (the last record only closes them).
  struct Node {
    std::uint32_t child_begin = 0;    ///< its edges: children_[child_begin] on, in order of symbol
    std::uint32_t payload_begin = 0;  ///< its terms' payloads: payloads_[payload_begin] on
    std::uint32_t child_bits = 0;     ///< bit symbol_bit(S) set for the symbol S of each edge
    std::uint16_t gaps = 0;           ///< bit N set when a gap "~N" leaves it
    std::uint16_t unused = 0;
  };

  std::uint32_t symbol_for(const TermToken& token);
  /// While terms are added: the child of `node` by the edge for `symbol`, or no_node.
  [[nodiscard]] std::uint32_t edge(std::uint32_t node, std::uint32_t symbol) const;
  /// After build() or decode(): the child of `node` by the edge for `symbol`, or no_node.
  [[nodiscard]] std::uint32_t child(std::uint32_t node, std::uint32_t symbol) const;
  /// child()'s search of the edges of a node other than the root, whose bits let `symbol` by.
  [[nodiscard]] std::uint32_t child_among(std::uint32_t node, std::uint32_t symbol) const;
  /// Appends to `out` the symbols `word` (a normalised token) stands for: its own and
  /// those of the prefixes it starts with.
  /// Returns what find() reports of the word in `words`.
  std::uint32_t symbols_of(std::string_view word, std::vector<std::uint32_t>& out) const;
  /// Appends the symbols of the prefixes non-empty `word` starts with.
  void prefix_symbols_of(std::string_view word, std::vector<std::uint32_t>& out) const;
  /// Fills prefix_starts_ from the prefixes (after build() and decode()).
  void index_prefix_starts();
  /// The edges of the hash table (before build() ends) grouped by parent, each parent's
  /// in order of symbol: node N's are edges[first[N]] to edges[first[N + 1]].
  void edges_by_parent(std::vector<std::uint32_t>& first, std::vector<Child>& edges) const;
  /// Fills root_children_ from the root's edges (after build() and decode()).
  void index_root_children();
  /// Fills known_prefix_begin_ and known_prefixes_ (in build(); decode() reads them).
  void list_known_prefixes();
  class GapWalk;  ///< find()'s walk through gaps from one start token
  /// find() once each token's symbols are known: symbols[offsets[i]] to
  /// symbols[offsets[i + 1]] are token i's. `WithGaps` false skips the work of gaps.
  template <bool WithGaps>
  void find_from_symbols(const TokenizedText& text, std::span<const std::uint32_t> offsets,
                         std::span<const std::uint32_t> symbols, std::vector<Match>& out) const;

  WordMap words_;
  WordMap prefixes_;
  IndexArray<std::uint32_t> prefix_lengths_;  ///< sorted, distinct byte lengths
  /// Per first byte, bit L set when a prefix of L bytes (L < 64) starts with it, so a word
  /// is looked up only at the lengths that can match; derived, not encoded.
  std::array<std::uint64_t, 256> prefix_starts_{};
  bool long_prefixes_ = false;  ///< a prefix of 64 bytes or more exists
  /// Per slot of words_, the symbols of the prefixes its word starts with:
  /// known_prefixes_[known_prefix_begin_[slot]] up to known_prefix_begin_[slot + 1].
  IndexArray<std::uint32_t> known_prefix_begin_;
  IndexArray<std::uint32_t> known_prefixes_;
  std::uint32_t next_symbol_ = 0;
  std::uint32_t node_count_ = 1;  ///< node 0 is the root
  /// Per symbol, the root's child for it or no_node: every match starts at the root,
  /// which has thousands of edges; derived from them, not encoded.
  std::vector<std::uint32_t> root_children_;
  /// While terms are added, the edges: key PairMap::key(node, symbol), value the child;
  /// build() moves them to child_begin_ and children_.
  PairMap build_edges_;
  std::vector<std::uint16_t> build_gaps_;  ///< per node, Node::gaps (before build())
  /// Per node and one more, its record (after build()).
  IndexArray<Node> nodes_;
  /// The edges, each node's in one run in order of symbol: a node's edges share a cache
  /// line or two, where a hash table would spread them over the whole table.
  IndexArray<Child> children_;
  bool has_gaps_ = false;               ///< whether any node has gaps; derived, not encoded
  IndexArray<std::uint32_t> payloads_;  ///< the nodes' runs of payloads (after build())
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pending_;  ///< node, payload (before build())
  std::size_t term_count_ = 0;
};

}  // namespace ruptag
