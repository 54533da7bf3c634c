#include "ruptag/term_index.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace ruptag {
namespace {

constexpr std::uint32_t no_node = 0xFFFFFFFFU;
constexpr std::uint64_t empty_edge = ~std::uint64_t{0};

std::string strip_apostrophes(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (const char c : word) {
    if (c != '\'') out += c;
  }
  return out;
}

// FNV-1a: stable across builds, so an encoded index is read back as it was written.
std::uint64_t hash_word(std::string_view word) {
  std::uint64_t h = 14695981039346656037ULL;
  for (const char c : word) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

std::uint64_t hash_edge(std::uint64_t key) {
  key ^= key >> 33;
  key *= 0xff51afd7ed558ccdULL;
  key ^= key >> 33;
  return key;
}

// Arrays are written as a count and the elements, padded so that the elements start at
// an 8-byte boundary: decode() can then use them where they lie.
void pad(std::string& out) {
  while (out.size() % 8 != 0) out += '\0';
}

void put(std::string& out, std::uint64_t v) {
  pad(out);
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

template <typename T>
void put(std::string& out, std::span<const T> v) {
  put(out, static_cast<std::uint64_t>(v.size()));
  out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

std::uint64_t take(std::string_view all, std::size_t& pos) {
  pos = (pos + 7) / 8 * 8;
  std::uint64_t v = 0;
  if (pos > all.size() || all.size() - pos < sizeof v) throw std::runtime_error("truncated term index");
  std::memcpy(&v, all.data() + pos, sizeof v);
  pos += sizeof v;
  return v;
}

template <typename T>
void take(std::string_view all, std::size_t& pos, IndexArray<T>& v) {
  const std::uint64_t n = take(all, pos);
  if (n > (all.size() - pos) / sizeof(T)) throw std::runtime_error("truncated term index");
  const char* data = all.data() + pos;
  if (reinterpret_cast<std::uintptr_t>(data) % alignof(T) == 0) {
    v.borrow({reinterpret_cast<const T*>(data), static_cast<std::size_t>(n)});
  } else {  // not where it can be used in place: copy
    v.own().resize(static_cast<std::size_t>(n));
    std::memcpy(v.own().data(), data, v.own().size() * sizeof(T));
    v.seal();
  }
  pos += static_cast<std::size_t>(n) * sizeof(T);
}

}  // namespace

std::string parse_term(std::string_view term, const NormalizeOptions& options, std::vector<TermToken>& out) {
  out.clear();
  thread_local TokenizedText tokens;
  tokenize(term, options, tokens);
  for (std::size_t star = term.find('*'); star != std::string_view::npos; star = term.find('*', star + 1)) {
    const bool ends_word = star + 1 == term.size() || term[star + 1] == ' ' || term[star + 1] == '\t';
    if (!ends_word) return "'*' may only end a word (\"frustrat*\")";
    const bool after_word = std::any_of(tokens.tokens.begin(), tokens.tokens.end(),
                                        [&](const Token& t) { return t.end == star; });
    if (!after_word) return "'*' must follow a letter or digit";
  }
  for (std::size_t k = 0; k < tokens.tokens.size(); ++k) {
    const Token& t = tokens.tokens[k];
    out.push_back({std::string(tokens.normalized(k)), t.end < term.size() && term[t.end] == '*'});
  }
  if (out.empty()) return "has no word in it";
  return {};
}

// --- WordMap -------------------------------------------------------------------------

const std::uint32_t* TermIndex::WordMap::find(std::string_view word) const {
  const auto slots = slots_.view();
  if (slots.empty() || word.empty()) return nullptr;
  const char* keys = keys_.view().data();
  const std::size_t mask = slots.size() - 1;
  for (std::size_t i = hash_word(word) & mask;; i = (i + 1) & mask) {
    const Slot& s = slots[i];
    if (s.length == 0) return nullptr;
    if (s.length == word.size() && std::memcmp(keys + s.offset, word.data(), word.size()) == 0)
      return &s.value;
  }
}

std::uint32_t TermIndex::WordMap::insert(std::string_view word, std::uint32_t value) {
  if (const std::uint32_t* found = find(word)) return *found;
  if ((size_ + 1) * 2 > slots_.view().size()) grow();
  auto& slots = slots_.own();
  auto& keys = keys_.own();
  const std::size_t mask = slots.size() - 1;
  std::size_t i = hash_word(word) & mask;
  while (slots[i].length != 0) i = (i + 1) & mask;
  slots[i] = {static_cast<std::uint32_t>(keys.size()), static_cast<std::uint32_t>(word.size()), value};
  keys.insert(keys.end(), word.begin(), word.end());
  ++size_;
  seal();
  return value;
}

void TermIndex::WordMap::seal() {
  keys_.seal();
  slots_.seal();
}

void TermIndex::WordMap::grow() {
  std::vector<Slot> old(slots_.view().begin(), slots_.view().end());
  auto& slots = slots_.own();
  slots.assign(old.empty() ? 64 : old.size() * 2, Slot{});
  const std::size_t mask = slots.size() - 1;
  const std::string_view keys(keys_.own().data(), keys_.own().size());
  for (const Slot& s : old) {
    if (s.length == 0) continue;
    std::size_t i = hash_word(keys.substr(s.offset, s.length)) & mask;
    while (slots[i].length != 0) i = (i + 1) & mask;
    slots[i] = s;
  }
  seal();
}

void TermIndex::WordMap::encode(std::string& out) const {
  put(out, keys_.view());
  put(out, slots_.view());
  put(out, static_cast<std::uint64_t>(size_));
}

void TermIndex::WordMap::decode(std::string_view all, std::size_t& pos) {
  take(all, pos, keys_);
  take(all, pos, slots_);
  size_ = static_cast<std::size_t>(take(all, pos));
  const auto slots = slots_.view();
  const bool power_of_two = slots.empty() || (slots.size() & (slots.size() - 1)) == 0;
  if (!power_of_two || size_ > slots.size()) throw std::runtime_error("damaged term index");
  for (const Slot& s : slots) {
    if (s.length != 0 && std::size_t{s.offset} + s.length > keys_.view().size()) {
      throw std::runtime_error("damaged term index");
    }
  }
}

// --- TermIndex -----------------------------------------------------------------------

std::uint32_t TermIndex::symbol_for(const TermToken& token) {
  WordMap& map = token.prefix ? prefixes_ : words_;
  const bool bare = token.text.find('\'') == std::string::npos;
  const std::string stripped = bare ? std::string() : strip_apostrophes(token.text);
  const std::string_view key = bare ? std::string_view(token.text) : std::string_view(stripped);
  if (const std::uint32_t* found = map.find(key)) return *found;
  const std::uint32_t symbol = map.insert(key, next_symbol_++);
  if (token.prefix) {
    auto& lengths = prefix_lengths_.own();
    const auto len = static_cast<std::uint32_t>(key.size());
    if (std::find(lengths.begin(), lengths.end(), len) == lengths.end()) {
      lengths.push_back(len);
      std::sort(lengths.begin(), lengths.end());
      prefix_lengths_.seal();
    }
  }
  return symbol;
}

void TermIndex::alias(std::string_view a, std::string_view b) {
  const std::uint32_t symbol = symbol_for({std::string(a), false});
  words_.insert(strip_apostrophes(b), symbol);
}

std::uint32_t TermIndex::child(std::uint32_t node, std::uint32_t symbol) const {
  const auto keys = edge_keys_.view();
  if (keys.empty()) return no_node;
  const std::uint64_t key = (static_cast<std::uint64_t>(node) << 32) | symbol;
  const std::size_t mask = keys.size() - 1;
  for (std::size_t i = hash_edge(key) & mask;; i = (i + 1) & mask) {
    if (keys[i] == key) return edge_nodes_.view()[i];
    if (keys[i] == empty_edge) return no_node;
  }
}

void TermIndex::add_edge(std::uint64_t key, std::uint32_t node) {
  auto& keys = edge_keys_.own();
  auto& nodes = edge_nodes_.own();
  if ((edge_count_ + 1) * 2 > keys.size()) {
    std::vector<std::uint64_t> old_keys = std::move(keys);
    std::vector<std::uint32_t> old_nodes = std::move(nodes);
    keys.assign(old_keys.empty() ? 256 : old_keys.size() * 2, empty_edge);
    nodes.assign(keys.size(), 0);
    edge_count_ = 0;
    edge_keys_.seal();
    edge_nodes_.seal();
    for (std::size_t i = 0; i < old_keys.size(); ++i) {
      if (old_keys[i] != empty_edge) add_edge(old_keys[i], old_nodes[i]);
    }
  }
  const std::size_t mask = keys.size() - 1;
  std::size_t i = hash_edge(key) & mask;
  while (keys[i] != empty_edge) i = (i + 1) & mask;
  keys[i] = key;
  nodes[i] = node;
  ++edge_count_;
  edge_keys_.seal();
  edge_nodes_.seal();
}

void TermIndex::add(const std::vector<TermToken>& term, std::uint32_t payload) {
  if (term.empty()) return;
  std::uint32_t node = 0;
  for (const auto& token : term) {
    const std::uint32_t symbol = symbol_for(token);
    const std::uint32_t next = child(node, symbol);
    if (next != no_node) {
      node = next;
    } else {
      const std::uint32_t fresh = node_count_++;
      add_edge((static_cast<std::uint64_t>(node) << 32) | symbol, fresh);
      node = fresh;
    }
  }
  pending_.emplace_back(node, payload);
  ++term_count_;
}

void TermIndex::build() {
  std::sort(pending_.begin(), pending_.end());
  pending_.erase(std::unique(pending_.begin(), pending_.end()), pending_.end());
  auto& begin = payload_begin_.own();
  begin.assign(node_count_ + 1, 0);
  for (const auto& [node, payload] : pending_) ++begin[node + 1];
  for (std::size_t n = 0; n < node_count_; ++n) begin[n + 1] += begin[n];
  auto& payloads = payloads_.own();
  payloads.clear();
  for (const auto& [node, payload] : pending_) payloads.push_back(payload);
  payload_begin_.seal();
  payloads_.seal();
  pending_.clear();
  pending_.shrink_to_fit();
}

void TermIndex::symbols_of(std::string_view word, std::vector<std::uint32_t>& out) const {
  out.clear();
  std::string bare;
  if (word.find('\'') != std::string_view::npos) {
    bare = strip_apostrophes(word);
    word = bare;
  }
  if (const std::uint32_t* symbol = words_.find(word)) out.push_back(*symbol);
  for (const std::uint32_t len : prefix_lengths_.view()) {
    if (len > word.size()) break;
    if (const std::uint32_t* symbol = prefixes_.find(word.substr(0, len))) out.push_back(*symbol);
  }
}

void TermIndex::find(const TokenizedText& text, std::vector<Match>& out) const {
  const std::size_t n = text.tokens.size();
  if (n == 0 || edge_count_ == 0) return;
  const auto begin = payload_begin_.view();
  const auto payloads = payloads_.view();
  thread_local std::vector<std::uint32_t> offsets;
  thread_local std::vector<std::uint32_t> symbols;
  thread_local std::vector<std::uint32_t> scratch;
  thread_local std::vector<std::uint32_t> frontier;
  thread_local std::vector<std::uint32_t> next;
  // Symbols of every token, computed once.
  offsets.assign(n + 1, 0);
  symbols.clear();
  for (std::size_t i = 0; i < n; ++i) {
    symbols_of(text.normalized(i), scratch);
    symbols.insert(symbols.end(), scratch.begin(), scratch.end());
    offsets[i + 1] = static_cast<std::uint32_t>(symbols.size());
  }
  for (std::size_t start = 0; start < n; ++start) {
    if (offsets[start] == offsets[start + 1]) continue;
    frontier.assign(1, 0);
    for (std::size_t j = start; j < n && !frontier.empty(); ++j) {
      if (text.tokens[j].sentence != text.tokens[start].sentence) break;
      next.clear();
      for (const std::uint32_t node : frontier) {
        for (std::uint32_t s = offsets[j]; s < offsets[j + 1]; ++s) {
          const std::uint32_t c = child(node, symbols[s]);
          if (c == no_node) continue;
          next.push_back(c);
          for (std::uint32_t p = begin[c]; p < begin[c + 1]; ++p) {
            out.push_back(
                {payloads[p], static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(j + 1)});
          }
        }
      }
      frontier.swap(next);
    }
  }
}

std::string TermIndex::encode() const {
  std::string out;
  words_.encode(out);
  prefixes_.encode(out);
  put(out, prefix_lengths_.view());
  put(out, next_symbol_);
  put(out, node_count_);
  put(out, edge_keys_.view());
  put(out, edge_nodes_.view());
  put(out, static_cast<std::uint64_t>(edge_count_));
  put(out, payload_begin_.view());
  put(out, payloads_.view());
  put(out, static_cast<std::uint64_t>(term_count_));
  return out;
}

TermIndex TermIndex::decode(std::string_view bytes) {
  TermIndex index;
  std::size_t pos = 0;
  index.words_.decode(bytes, pos);
  index.prefixes_.decode(bytes, pos);
  take(bytes, pos, index.prefix_lengths_);
  index.next_symbol_ = static_cast<std::uint32_t>(take(bytes, pos));
  index.node_count_ = static_cast<std::uint32_t>(take(bytes, pos));
  take(bytes, pos, index.edge_keys_);
  take(bytes, pos, index.edge_nodes_);
  index.edge_count_ = static_cast<std::size_t>(take(bytes, pos));
  take(bytes, pos, index.payload_begin_);
  take(bytes, pos, index.payloads_);
  index.term_count_ = static_cast<std::size_t>(take(bytes, pos));
  const auto keys = index.edge_keys_.view();
  const auto begin = index.payload_begin_.view();
  const bool consistent = pos == bytes.size() && (keys.size() & (keys.size() - 1)) == 0 &&
                          index.edge_nodes_.view().size() == keys.size() &&
                          begin.size() == std::size_t{index.node_count_} + 1 &&
                          begin.back() == index.payloads_.view().size();
  if (!consistent) throw std::runtime_error("damaged term index");
  for (const std::uint32_t node : index.edge_nodes_.view()) {
    if (node >= index.node_count_) throw std::runtime_error("damaged term index");
  }
  return index;
}

}  // namespace ruptag
