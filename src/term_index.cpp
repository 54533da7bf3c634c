#include "ruptag/term_index.hpp"

#include <algorithm>

namespace ruptag {
namespace {

constexpr std::uint32_t no_node = 0xFFFFFFFFU;

std::string strip_apostrophes(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (const char c : word) {
    if (c != '\'') out += c;
  }
  return out;
}

}  // namespace

std::string parse_term(std::string_view term, const NormalizeOptions& options, std::vector<TermToken>& out) {
  out.clear();
  std::size_t i = 0;
  while (i < term.size()) {
    while (i < term.size() && (term[i] == ' ' || term[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < term.size() && term[j] != ' ' && term[j] != '\t') ++j;
    std::string_view word = term.substr(i, j - i);
    i = j;
    if (word.empty()) continue;
    const bool wildcard = word.back() == '*';
    if (wildcard) word.remove_suffix(1);
    if (word.find('*') != std::string_view::npos) {
      return "'*' may only end a word (\"frustrat*\")";
    }
    const TokenizedText tokens = tokenize(word, options);
    if (tokens.tokens.empty()) {
      if (wildcard) return "'*' needs letters before it";
      continue;  // punctuation only, e.g. "-" or "..."
    }
    for (std::size_t k = 0; k < tokens.tokens.size(); ++k) {
      out.push_back({std::string(tokens.normalized(k)), false});
    }
    if (wildcard) {
      const Token& last = tokens.tokens.back();
      if (last.end != word.size()) return "'*' must follow a letter or digit";
      out.back().prefix = true;
    }
  }
  if (out.empty()) return "has no word in it";
  return {};
}

std::uint32_t TermIndex::symbol_for(const TermToken& token) {
  WordMap& map = token.prefix ? prefixes_ : words_;
  const auto [it, inserted] = map.try_emplace(strip_apostrophes(token.text), next_symbol_);
  if (inserted) {
    ++next_symbol_;
    if (token.prefix) {
      const auto len = static_cast<std::uint32_t>(it->first.size());
      if (std::find(prefix_lengths_.begin(), prefix_lengths_.end(), len) == prefix_lengths_.end()) {
        prefix_lengths_.push_back(len);
        std::sort(prefix_lengths_.begin(), prefix_lengths_.end());
      }
    }
  }
  return it->second;
}

std::uint32_t TermIndex::child(std::uint32_t node, std::uint32_t symbol) const {
  const auto it = edges_.find((static_cast<std::uint64_t>(node) << 32) | symbol);
  return it == edges_.end() ? no_node : it->second;
}

void TermIndex::add(const std::vector<TermToken>& term, std::uint32_t payload) {
  if (term.empty()) return;
  if (payloads_.empty()) payloads_.emplace_back();  // the root
  std::uint32_t node = 0;
  for (const auto& token : term) {
    const std::uint32_t symbol = symbol_for(token);
    const std::uint64_t key = (static_cast<std::uint64_t>(node) << 32) | symbol;
    const auto it = edges_.find(key);
    if (it != edges_.end()) {
      node = it->second;
    } else {
      const auto fresh = static_cast<std::uint32_t>(payloads_.size());
      payloads_.emplace_back();
      edges_.emplace(key, fresh);
      node = fresh;
    }
  }
  auto& here = payloads_[node];
  if (std::find(here.begin(), here.end(), payload) == here.end()) here.push_back(payload);
  ++term_count_;
}

void TermIndex::build() {
  if (payloads_.empty()) payloads_.emplace_back();
}

void TermIndex::symbols_of(std::string_view word, std::vector<std::uint32_t>& out) const {
  out.clear();
  std::string bare;
  if (word.find('\'') != std::string_view::npos) {
    bare = strip_apostrophes(word);
    word = bare;
  }
  const auto it = words_.find(word);
  if (it != words_.end()) out.push_back(it->second);
  for (const std::uint32_t len : prefix_lengths_) {
    if (len > word.size()) break;
    const auto p = prefixes_.find(word.substr(0, len));
    if (p != prefixes_.end()) out.push_back(p->second);
  }
}

void TermIndex::find(const TokenizedText& text, std::vector<Match>& out) const {
  const std::size_t n = text.tokens.size();
  if (n == 0 || edges_.empty()) return;
  // Symbols of every token, computed once.
  std::vector<std::uint32_t> offsets(n + 1, 0);
  std::vector<std::uint32_t> symbols;
  std::vector<std::uint32_t> scratch;
  for (std::size_t i = 0; i < n; ++i) {
    symbols_of(text.normalized(i), scratch);
    symbols.insert(symbols.end(), scratch.begin(), scratch.end());
    offsets[i + 1] = static_cast<std::uint32_t>(symbols.size());
  }
  std::vector<std::uint32_t> frontier;
  std::vector<std::uint32_t> next;
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
          for (const std::uint32_t payload : payloads_[c]) {
            out.push_back({payload, static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(j + 1)});
          }
        }
      }
      frontier.swap(next);
    }
  }
}

}  // namespace ruptag
