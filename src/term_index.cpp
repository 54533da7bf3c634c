#include "ruptag/term_index.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <stdexcept>
#include <variant>

namespace ruptag {
namespace {

constexpr std::uint32_t no_node = 0xFFFFFFFFU;
// Edges of gaps use symbols no word gets: gap_symbol + N for "~N".
constexpr std::uint32_t gap_symbol = 0xFFFFFFF0U;
constexpr std::uint16_t gap_bits = ((1U << (max_gap + 1)) - 1) & ~1U;  // bits 1 to max_gap

std::string strip_apostrophes(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (const char c : word) {
    if (c != '\'') out += c;
  }
  return out;
}

// hash_word (text.hpp) is FNV-1a: stable across builds, so an encoded index is read back
// as it was written. It hashes byte by byte, so the hashes of a word's prefixes come on
// the way.

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
    if (n > 0)
      std::memcpy(v.own().data(), data, v.own().size() * sizeof(T));  // an empty vector's data() may be null
    v.seal();
  }
  pos += static_cast<std::size_t>(n) * sizeof(T);
}

}  // namespace

namespace {

// Appends the words of `part`, a piece of a term without gaps; the problem with a '*'
// in it, or an empty string.
std::string append_words(std::string_view part, const NormalizeOptions& options,
                         std::vector<TermToken>& out) {
  thread_local TokenizedText tokens;
  tokenize(part, options, tokens);
  for (std::size_t star = part.find('*'); star != std::string_view::npos; star = part.find('*', star + 1)) {
    const bool ends_word = star + 1 == part.size() || part[star + 1] == ' ' || part[star + 1] == '\t';
    if (!ends_word) return "'*' may only end a word (\"frustrat*\")";
    const bool after_word = std::any_of(tokens.tokens.begin(), tokens.tokens.end(),
                                        [&](const Token& t) { return t.end == star; });
    if (!after_word) return "'*' must follow a letter or digit";
  }
  for (std::size_t k = 0; k < tokens.tokens.size(); ++k) {
    const Token& t = tokens.tokens[k];
    out.push_back({std::string(tokens.normalized(k)), t.end < part.size() && part[t.end] == '*', 0});
  }
  return {};
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The words a gap written as `piece` ("~2") allows, or the problem with it.
std::variant<std::uint8_t, std::string> gap_of(std::string_view piece) {
  const std::size_t tilde = piece.find('~');
  std::size_t digits_end = tilde + 1;
  while (digits_end < piece.size() && piece[digits_end] >= '0' && piece[digits_end] <= '9') ++digits_end;
  const std::string_view digits = piece.substr(tilde + 1, digits_end - tilde - 1);
  if (digits.empty()) {
    return "has '" + std::string(piece) +
           "', which is not a gap: a gap is '~' and the number of words it allows, 1 to " +
           std::to_string(max_gap) + " (\"you ~2 listen*\")";
  }
  if (tilde != 0 || digits_end != piece.size()) {
    const std::string_view before = piece.substr(0, tilde);
    const std::string_view after = piece.substr(digits_end);
    return "has '" + std::string(piece) + "': a gap is a word of its own, with spaces around it ('" +
           std::string(before) + (before.empty() ? "" : " ") + "~" + std::string(digits) +
           (after.empty() ? "" : " ") + std::string(after) + "')";
  }
  if (digits.size() > 1 || digits.front() == '0') {
    return "has a gap '" + std::string(piece) + "': a gap allows 1 to " + std::to_string(max_gap) + " words";
  }
  return static_cast<std::uint8_t>(digits.front() - '0');
}

}  // namespace

std::string parse_term(std::string_view term, const NormalizeOptions& options, std::vector<TermToken>& out) {
  out.clear();
  // Gaps are the space-separated pieces with a '~'; the words between them are tokenized.
  std::size_t words_begin = 0;
  std::size_t pos = 0;
  while (pos < term.size()) {
    while (pos < term.size() && is_space(term[pos])) ++pos;
    const std::size_t piece_begin = pos;
    while (pos < term.size() && !is_space(term[pos])) ++pos;
    const std::string_view piece = term.substr(piece_begin, pos - piece_begin);
    if (piece.find('~') == std::string_view::npos) continue;
    const auto gap = gap_of(piece);
    if (const auto* problem = std::get_if<std::string>(&gap)) return *problem;
    if (std::string problem = append_words(term.substr(words_begin, piece_begin - words_begin), options, out);
        !problem.empty()) {
      return problem;
    }
    if (out.empty()) return "starts with a gap '" + std::string(piece) + "': a gap stands between two words";
    if (out.back().gap != 0) {
      return "has two gaps with no word between them ('~" + std::to_string(out.back().gap) + " " +
             std::string(piece) + "'): write one gap";
    }
    out.push_back({{}, false, std::get<std::uint8_t>(gap)});
    words_begin = pos;
  }
  if (std::string problem = append_words(term.substr(words_begin), options, out); !problem.empty()) {
    return problem;
  }
  if (out.empty()) return "has no word in it";
  if (out.back().gap != 0) {
    return "ends with a gap '~" + std::to_string(out.back().gap) + "': a gap stands between two words";
  }
  std::size_t reach = 0;
  bool gaps = false;
  for (const TermToken& t : out) {
    reach += t.gap != 0 ? t.gap : 1;
    gaps = gaps || t.gap != 0;
  }
  if (gaps && reach > max_gap_term_reach) {
    return "reaches over " + std::to_string(reach) +
           " words counting its gaps at their widest; a term with gaps may reach over at most " +
           std::to_string(max_gap_term_reach);
  }
  return {};
}

// --- WordMap -------------------------------------------------------------------------

const std::uint32_t* TermIndex::WordMap::find(std::string_view word) const {
  return find(word, hash_word(word));
}

const std::uint32_t* TermIndex::WordMap::find(std::string_view word, std::uint64_t hash) const {
  const std::size_t slot = find_slot(word, hash);
  return slot == no_slot ? nullptr : &slots_.view()[slot].value;
}

std::size_t TermIndex::WordMap::find_slot(std::string_view word, std::uint64_t hash) const {
  const auto slots = slots_.view();
  if (slots.empty() || word.empty()) return no_slot;
  const char* keys = keys_.view().data();
  const std::size_t mask = slots.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots[i];
    if (s.length == 0) return no_slot;
    if (s.length == word.size() && std::memcmp(keys + s.offset, word.data(), word.size()) == 0) return i;
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
  bool empty_slot = slots.empty();  // find() stops at an empty slot: there must be one
  for (const Slot& s : slots) {
    if (s.length != 0 && std::size_t{s.offset} + s.length > keys_.view().size()) {
      throw std::runtime_error("damaged term index");
    }
    empty_slot = empty_slot || s.length == 0;
  }
  if (!empty_slot) throw std::runtime_error("damaged term index");
}

// --- TermIndex -----------------------------------------------------------------------

std::uint32_t TermIndex::symbol_for(const TermToken& token) {
  if (token.gap != 0) return gap_symbol + token.gap;
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

void TermIndex::know(std::string_view word) {
  if (word.empty() || word.find('\'') != std::string_view::npos) return;
  symbol_for({std::string(word), false});
}

void TermIndex::alias(std::string_view a, std::string_view b) {
  const std::uint32_t symbol = symbol_for({std::string(a), false});
  words_.insert(strip_apostrophes(b), symbol);
}

std::uint32_t TermIndex::edge(std::uint32_t node, std::uint32_t symbol) const {
  return build_edges_.find(PairMap::key(node, symbol));  // PairMap::none is no_node
}

namespace {
// The bit of TermIndex::Node::child_bits that stands for `symbol`.
std::uint32_t symbol_bit(std::uint32_t symbol) {
  return 1U << ((symbol * 0x9E3779B1U) >> 27);
}

// std::popcount of a node's gap bits, without the library call it compiles to on CPUs
// without a popcount instruction (the build targets every x86-64).
constexpr unsigned gap_count(unsigned gaps) {
  gaps = gaps - ((gaps >> 1U) & 0x5555U);
  gaps = (gaps & 0x3333U) + ((gaps >> 2U) & 0x3333U);
  gaps = (gaps + (gaps >> 4U)) & 0x0F0FU;
  return (gaps + (gaps >> 8U)) & 0x1FU;
}
static_assert(gap_count(0) == 0 && gap_count(0xFFFFU) == 16 && gap_count(0x8421U) == 4);
}  // namespace

// Inline: most calls end at the root's table or at the node's bits, without a search.
inline std::uint32_t TermIndex::child(std::uint32_t node, std::uint32_t symbol) const {
  if (node == 0) return symbol < root_children_.size() ? root_children_[symbol] : no_node;
  const auto nodes = nodes_.view();
  if (node + 1 >= nodes.size() || (nodes[node].child_bits & symbol_bit(symbol)) == 0) return no_node;
  return child_among(node, symbol);
}

std::uint32_t TermIndex::child_among(std::uint32_t node, std::uint32_t symbol) const {
  const auto nodes = nodes_.view();
  const auto all = children_.view();
  const Child* first = all.data() + nodes[node].child_begin;
  const Child* last = all.data() + nodes[node + 1].child_begin;
  if (last - first > 8) {
    first =
        std::lower_bound(first, last, symbol, [](const Child& c, std::uint32_t s) { return c.symbol < s; });
    return first != last && first->symbol == symbol ? first->node : no_node;
  }
  for (; first != last; ++first) {
    if (first->symbol == symbol) return first->node;
  }
  return no_node;
}

void TermIndex::index_root_children() {
  root_children_.assign(next_symbol_, no_node);
  const auto nodes = nodes_.view();
  if (nodes.size() < 2) return;
  const auto all = children_.view();
  for (std::uint32_t k = nodes[0].child_begin; k < nodes[1].child_begin; ++k) {
    if (all[k].symbol < root_children_.size()) root_children_[all[k].symbol] = all[k].node;
  }
}

void TermIndex::add(const std::vector<TermToken>& term, std::uint32_t payload) {
  const bool well_formed =
      !term.empty() && term.front().gap == 0 && term.back().gap == 0 &&
      std::all_of(term.begin(), term.end(), [](const TermToken& t) { return t.gap <= max_gap; });
  if (!well_formed) return;
  std::uint32_t node = 0;
  for (const auto& token : term) {
    if (token.gap != 0) {
      build_gaps_.resize(node_count_, 0);
      build_gaps_[node] = static_cast<std::uint16_t>(build_gaps_[node] | (1U << token.gap));
      has_gaps_ = true;
    }
    const std::uint32_t symbol = symbol_for(token);
    const std::uint32_t next = edge(node, symbol);
    if (next != no_node) {
      node = next;
    } else {
      const std::uint32_t fresh = node_count_++;
      build_edges_.insert(PairMap::key(node, symbol), fresh);
      node = fresh;
    }
  }
  pending_.emplace_back(node, payload);
  ++term_count_;
}

void TermIndex::edges_by_parent(std::vector<std::uint32_t>& first, std::vector<Child>& edges) const {
  first.assign(node_count_ + 1, 0);
  build_edges_.for_each([&](std::uint64_t key, std::uint32_t) { ++first[(key >> 32U) + 1]; });
  for (std::size_t n = 0; n < node_count_; ++n) first[n + 1] += first[n];
  edges.assign(build_edges_.size(), {});
  std::vector<std::uint32_t> place(first.begin(), first.end() - 1);
  build_edges_.for_each([&](std::uint64_t key, std::uint32_t child) {
    edges[place[key >> 32U]++] = {static_cast<std::uint32_t>(key), child};
  });
  for (std::size_t n = 0; n < node_count_; ++n) {
    std::sort(edges.begin() + first[n], edges.begin() + first[n + 1],
              [](const Child& a, const Child& b) { return a.symbol < b.symbol; });
  }
}

void TermIndex::build() {
  // The edges by parent, then each node's number in breadth-first order: the nodes near
  // the root are met most, and numbered first their records share cache lines.
  std::vector<std::uint32_t> first;
  std::vector<Child> edges;
  edges_by_parent(first, edges);
  std::vector<std::uint32_t> renamed(node_count_, 0);
  std::vector<std::uint32_t> order{0};
  for (std::size_t k = 0; k < order.size(); ++k) {
    for (std::uint32_t e = first[order[k]]; e < first[order[k] + 1]; ++e) {
      renamed[edges[e].node] = static_cast<std::uint32_t>(order.size());
      order.push_back(edges[e].node);
    }
  }
  for (auto& [node, payload] : pending_) node = renamed[node];
  std::sort(pending_.begin(), pending_.end());
  pending_.erase(std::unique(pending_.begin(), pending_.end()), pending_.end());
  // Per node, its payloads and its edges (in order of symbol), each in one run.
  auto& nodes = nodes_.own();
  nodes.assign(node_count_ + 1, {});
  for (const auto& [node, payload] : pending_) ++nodes[node + 1].payload_begin;
  for (std::size_t n = 0; n < node_count_; ++n) nodes[renamed[n] + 1].child_begin = first[n + 1] - first[n];
  for (std::size_t n = 0; n < node_count_; ++n) {
    nodes[n + 1].payload_begin += nodes[n].payload_begin;
    nodes[n + 1].child_begin += nodes[n].child_begin;
  }
  auto& payloads = payloads_.own();
  payloads.clear();
  for (const auto& [node, payload] : pending_) payloads.push_back(payload);
  payloads_.seal();
  pending_.clear();
  pending_.shrink_to_fit();
  auto& children = children_.own();
  children.assign(build_edges_.size(), {});
  for (std::size_t n = 0; n < node_count_; ++n) {
    Node& node = nodes[renamed[n]];
    for (std::uint32_t e = first[n], at = node.child_begin; e < first[n + 1]; ++e, ++at) {
      children[at] = {edges[e].symbol, renamed[edges[e].node]};
      node.child_bits |= symbol_bit(edges[e].symbol);
    }
    if (n < build_gaps_.size()) node.gaps = build_gaps_[n];
  }
  nodes_.seal();
  children_.seal();
  build_edges_.clear();
  build_gaps_ = {};
  index_prefix_starts();
  list_known_prefixes();
  index_root_children();
}

std::uint32_t TermIndex::symbols_of(std::string_view word, std::vector<std::uint32_t>& out) const {
  std::string bare;
  std::uint32_t reported = unknown_word;
  if (word.find('\'') != std::string_view::npos) {
    bare = strip_apostrophes(word);
    word = bare;
    reported = apostrophe_word;
  }
  if (word.empty()) return reported;
  // A word of the pack's terms has its prefixes listed already.
  const std::size_t slot = words_.find_slot(word, hash_word(word));
  if (slot != WordMap::no_slot) {
    out.push_back(words_.value_at(slot));
    const auto known = known_prefixes_.view();
    const auto begin = known_prefix_begin_.view();
    out.insert(out.end(), known.begin() + begin[slot], known.begin() + begin[slot + 1]);
    return reported == unknown_word ? static_cast<std::uint32_t>(slot) : reported;
  }
  prefix_symbols_of(word, out);
  return reported;
}

std::uint32_t TermIndex::word_slot(std::string_view word) const {
  if (word.empty()) return unknown_word;
  const std::size_t slot = words_.find_slot(word, hash_word(word));
  return slot == WordMap::no_slot ? unknown_word : static_cast<std::uint32_t>(slot);
}

void TermIndex::prefix_symbols_of(std::string_view word, std::vector<std::uint32_t>& out) const {
  // Only the lengths at which a prefix starting with this byte exists, shortest first,
  // hashing each byte once.
  std::uint64_t lengths = prefix_starts_[static_cast<unsigned char>(word[0])];
  if (word.size() < 63) lengths &= (std::uint64_t{2} << word.size()) - 1;
  std::uint64_t hash = fnv_basis;
  std::size_t hashed = 0;
  for (; lengths != 0; lengths &= lengths - 1) {
    const auto len = static_cast<std::size_t>(std::countr_zero(lengths));
    for (; hashed < len; ++hashed) {
      hash ^= static_cast<unsigned char>(word[hashed]);
      hash *= fnv_prime;
    }
    if (const std::uint32_t* symbol = prefixes_.find(word.substr(0, len), hash)) out.push_back(*symbol);
  }
  if (!long_prefixes_) return;
  for (const std::uint32_t len : prefix_lengths_.view()) {
    if (len > word.size()) break;
    if (len < 64) continue;
    if (const std::uint32_t* symbol = prefixes_.find(word.substr(0, len))) out.push_back(*symbol);
  }
}

void TermIndex::index_prefix_starts() {
  prefix_starts_.fill(0);
  long_prefixes_ = false;
  prefixes_.for_each_key([&](std::string_view key) {
    if (key.size() < 64) {
      prefix_starts_[static_cast<unsigned char>(key[0])] |= std::uint64_t{1} << key.size();
    } else {
      long_prefixes_ = true;
    }
  });
}

void TermIndex::list_known_prefixes() {
  auto& begin = known_prefix_begin_.own();
  auto& known = known_prefixes_.own();
  begin.assign(words_.slot_count() + 1, 0);
  known.clear();
  for (std::size_t slot = 0; slot < words_.slot_count(); ++slot) {
    begin[slot] = static_cast<std::uint32_t>(known.size());
    const std::string_view key = words_.key_at(slot);
    if (!key.empty()) prefix_symbols_of(key, known);
  }
  begin.back() = static_cast<std::uint32_t>(known.size());
  known_prefix_begin_.seal();
  known_prefixes_.seal();
}

namespace {

// A walk through a gap: at `node`, which lies below a gap edge, with `budget` more
// tokens that may be skipped from there to the end of the term, having skipped the
// tokens marked in `skipped`.
struct GapState {
  std::uint32_t node = 0;
  std::uint32_t budget = 0;
  std::uint32_t skipped = 0;
};

}  // namespace

// The part of find() for terms with gaps, from one start token. Nodes below a gap edge
// are reached only here, each walk carrying the tokens it skipped; nodes above are
// reached only by find()'s plain walk, so the two never meet.
class TermIndex::GapWalk {
 public:
  // `states`, `next` and `reached` are scratch buffers, reused from call to call.
  GapWalk(const TermIndex& index, std::span<const std::uint32_t> offsets,
          std::span<const std::uint32_t> symbols, std::vector<Match>& out, std::vector<GapState>& states,
          std::vector<GapState>& next, std::vector<std::uint32_t>& reached)
      : index_(index),
        offsets_(offsets),
        symbols_(symbols),
        out_(out),
        states_(states),
        next_(next),
        reached_(reached) {}

  // Starts over from token `start`, with no walk.
  void restart(std::uint32_t start) {
    start_ = start;
    states_.clear();
    next_.clear();
    reached_.clear();
  }

  // Whether no walk goes on to the next token.
  [[nodiscard]] bool done() const { return next_.empty(); }

  // Starts a token: the walks at it are those the last token left.
  void begin_token() {
    states_.swap(next_);
    next_.clear();
  }

  // The walks that enter a gap leaving `node` (reached without a gap, or in a walk that
  // skipped `skipped` and may still skip `budget` tokens) at token j. The room a gap
  // gives lasts for the rest of the term, so it adds to what is left.
  void enter_gaps(std::uint32_t j, std::uint32_t node, std::uint32_t budget, std::uint32_t skipped) {
    const auto nodes = index_.nodes_.view();
    const unsigned gaps = node + 1 < nodes.size() ? nodes[node].gaps : 0U;
    if (gaps == 0) return;
    // The node's gap edges end its run of edges, one per bit of `gaps`, in order.
    const Child* edge = index_.children_.view().data() + nodes[node + 1].child_begin - gap_count(gaps);
    for (unsigned bits = gaps; bits != 0; bits &= bits - 1, ++edge) {
      step(j, edge->node, budget + static_cast<std::uint32_t>(std::countr_zero(bits)), skipped);
    }
  }

  // Moves every walk at token j on.
  void advance(std::uint32_t j) {
    for (const GapState state : states_) {  // step() adds to next_ only
      step(j, state.node, state.budget, state.skipped);
      enter_gaps(j, state.node, state.budget, state.skipped);
    }
  }

 private:
  // Token j is the next word after `node`, or, while `budget` allows, skipped; a walk
  // keeps what is left of its budget for the words after.
  void step(std::uint32_t j, std::uint32_t node, std::uint32_t budget, std::uint32_t skipped) {
    const auto nodes = index_.nodes_.view();
    const auto payloads = index_.payloads_.view();
    for (std::uint32_t s = offsets_[j]; s < offsets_[j + 1]; ++s) {
      const std::uint32_t c = index_.child(node, symbols_[s]);
      if (c == no_node) continue;
      add({c, budget, skipped});
      // A term matches once from a start: the first time, with the fewest tokens skipped.
      const std::uint32_t from = nodes[c].payload_begin;
      const std::uint32_t to = nodes[c + 1].payload_begin;
      if (from == to || std::find(reached_.begin(), reached_.end(), c) != reached_.end()) continue;
      reached_.push_back(c);
      for (std::uint32_t p = from; p < to; ++p) out_.push_back({payloads[p], start_, j + 1, skipped});
    }
    const std::uint32_t bit = j - start_ < 32 ? 1U << (j - start_) : 0;
    if (budget > 0 && bit != 0) add({node, budget - 1, skipped | bit});
  }

  // A walk already at the same node with the same budget has the same future: the first
  // is kept, so the work per token stays bounded.
  void add(const GapState& state) {
    const bool seen = std::any_of(next_.begin(), next_.end(), [&](const GapState& s) {
      return s.node == state.node && s.budget == state.budget;
    });
    if (!seen) next_.push_back(state);
  }

  const TermIndex& index_;
  std::span<const std::uint32_t> offsets_;
  std::span<const std::uint32_t> symbols_;
  std::vector<Match>& out_;
  std::vector<GapState>& states_;        ///< the walks at the current token
  std::vector<GapState>& next_;          ///< at the next token
  std::vector<std::uint32_t>& reached_;  ///< nodes whose terms matched from start_
  std::uint32_t start_ = 0;
};

void TermIndex::find(const TokenizedText& text, std::vector<Match>& out,
                     std::vector<std::uint32_t>* words) const {
  const std::size_t n = text.tokens.size();
  if (words != nullptr) words->clear();
  if (n == 0 || (children_.view().empty() && words == nullptr)) return;
  thread_local std::vector<std::uint32_t> offsets;
  thread_local std::vector<std::uint32_t> symbols;
  // Symbols of every token, computed once.
  offsets.assign(n + 1, 0);
  symbols.clear();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t word = symbols_of(text.normalized(i), symbols);
    if (words != nullptr) words->push_back(word);
    offsets[i + 1] = static_cast<std::uint32_t>(symbols.size());
  }
  if (children_.view().empty()) return;
  if (!has_gaps_) {
    find_from_symbols<false>(text, offsets, symbols, out);
  } else {
    find_from_symbols<true>(text, offsets, symbols, out);
  }
}

template <bool WithGaps>
void TermIndex::find_from_symbols(const TokenizedText& text, std::span<const std::uint32_t> offsets,
                                  std::span<const std::uint32_t> symbols, std::vector<Match>& out) const {
  const std::size_t n = text.tokens.size();
  const auto nodes = nodes_.view();
  const auto payloads = payloads_.view();
  thread_local std::vector<std::uint32_t> frontier;
  thread_local std::vector<std::uint32_t> next;
  thread_local std::vector<GapState> gap_states;
  thread_local std::vector<GapState> gap_next;
  thread_local std::vector<std::uint32_t> reached;
  GapWalk walk(*this, offsets, symbols, out, gap_states, gap_next, reached);
  const auto root_children = std::span<const std::uint32_t>(root_children_);
  // Node `c`, reached from token `start` to token `last`, goes into `into`; its terms match.
  const auto reach = [&](std::uint32_t c, std::size_t start, std::size_t last,
                         std::vector<std::uint32_t>& into) {
    into.push_back(c);
    for (std::uint32_t p = nodes[c].payload_begin; p < nodes[c + 1].payload_begin; ++p) {
      out.push_back(
          {payloads[p], static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(last + 1), 0});
    }
  };
  for (std::size_t start = 0; start < n; ++start) {
    // The root's edges first: most tokens start no term, and the root has no gaps.
    frontier.clear();
    for (std::uint32_t s = offsets[start]; s < offsets[start + 1]; ++s) {
      const std::uint32_t c = symbols[s] < root_children.size() ? root_children[symbols[s]] : no_node;
      if (c != no_node) reach(c, start, start, frontier);
    }
    bool walking = false;  // whether a walk through a gap goes on from this start
    for (std::size_t j = start + 1; j < n && (!frontier.empty() || walking); ++j) {
      if (text.tokens[j].sentence != text.tokens[start].sentence) break;
      next.clear();
      if constexpr (WithGaps) {
        if (walking) walk.begin_token();
      }
      for (const std::uint32_t node : frontier) {
        for (std::uint32_t s = offsets[j]; s < offsets[j + 1]; ++s) {
          const std::uint32_t c = child(node, symbols[s]);
          if (c != no_node) reach(c, start, j, next);
        }
        if constexpr (WithGaps) {
          if (nodes[node].gaps != 0) {
            if (!walking) walk.restart(static_cast<std::uint32_t>(start));
            walking = true;
            walk.enter_gaps(static_cast<std::uint32_t>(j), node, 0, 0);
          }
        }
      }
      if constexpr (WithGaps) {
        if (walking) {
          walk.advance(static_cast<std::uint32_t>(j));
          walking = !walk.done();
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
  put(out, nodes_.view());
  put(out, children_.view());
  put(out, payloads_.view());
  put(out, static_cast<std::uint64_t>(term_count_));
  put(out, known_prefix_begin_.view());
  put(out, known_prefixes_.view());
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
  take(bytes, pos, index.nodes_);
  take(bytes, pos, index.children_);
  take(bytes, pos, index.payloads_);
  index.term_count_ = static_cast<std::size_t>(take(bytes, pos));
  take(bytes, pos, index.known_prefix_begin_);
  take(bytes, pos, index.known_prefixes_);
  const auto nodes = index.nodes_.view();
  const auto children = index.children_.view();
  const auto known = index.known_prefix_begin_.view();
  // Each node's runs of edges and payloads start where the last node's ended.
  const auto in_runs = [&] {
    for (std::size_t n = 0; n + 1 < nodes.size(); ++n) {
      if (nodes[n + 1].child_begin < nodes[n].child_begin ||
          nodes[n + 1].payload_begin < nodes[n].payload_begin || (nodes[n].gaps & ~gap_bits) != 0)
        return false;
    }
    return true;
  };
  const bool consistent = pos == bytes.size() && nodes.size() == std::size_t{index.node_count_} + 1 &&
                          nodes.front().child_begin == 0 && nodes.front().payload_begin == 0 &&
                          nodes.back().child_begin == children.size() &&
                          nodes.back().payload_begin == index.payloads_.view().size() && in_runs() &&
                          known.size() == index.words_.slot_count() + 1 && known.front() == 0 &&
                          known.back() == index.known_prefixes_.view().size() &&
                          std::is_sorted(known.begin(), known.end()) &&
                          // a symbol stands for a word or a prefix (an alias shares its word's)
                          index.next_symbol_ <= index.words_.slot_count() + index.prefixes_.slot_count();
  if (!consistent) throw std::runtime_error("damaged term index");
  // A node's gap edges end its run of edges, one per bit of its gaps, in order (GapWalk
  // finds them there).
  for (std::size_t n = 0; n + 1 < nodes.size(); ++n) {
    const unsigned gaps = nodes[n].gaps;
    const auto count = static_cast<std::uint32_t>(std::popcount(gaps));
    if (nodes[n + 1].child_begin - nodes[n].child_begin < count)
      throw std::runtime_error("damaged term index");
    const Child* edge = children.data() + nodes[n + 1].child_begin - count;
    for (unsigned bits = gaps; bits != 0; bits &= bits - 1, ++edge) {
      if (edge->symbol != gap_symbol + static_cast<std::uint32_t>(std::countr_zero(bits))) {
        throw std::runtime_error("damaged term index");
      }
    }
  }
  for (const Child& c : children) {
    if (c.node >= index.node_count_) throw std::runtime_error("damaged term index");
  }
  index.has_gaps_ = std::any_of(nodes.begin(), nodes.end(), [](const Node& n) { return n.gaps != 0; });
  index.index_prefix_starts();
  index.index_root_children();
  return index;
}

}  // namespace ruptag
