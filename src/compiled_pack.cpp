#include "ruptag/compiled_pack.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <functional>
#include <iterator>
#include <map>
#include <mutex>
#include <set>

namespace ruptag {

// A regex of the pack, compiled on first use (most runs need only a few).
struct CompiledPack::LazyRegex {
  explicit LazyRegex(std::string_view p) : pattern(p) {}
  std::string_view pattern;  ///< in pack_
  std::once_flag once;
  std::unique_ptr<RE2> compiled;
};

// Turns the pack's lists and clauses into index form.
class CompiledPack::Builder {
 public:
  Builder(CompiledPack& out, bool prebuilt) : out_(out), prebuilt_(prebuilt) {}

  void build() {
    const RulePack& pack = out_.pack_;
    compile_aliases();
    for (const auto& [name, list] : pack.lexicons) lexicon_ids_[name] = {add_list(list)};
    include_lexicons();
    out_.negation_cues_ = set_of(pack.negation_cues);
    out_.pseudo_negations_ = set_of(pack.pseudo_negations);
    out_.stopwords_ = set_of(pack.stopwords);
    out_.open_questions_ = set_of(pack.questions.open);
    out_.closed_questions_ = set_of(pack.questions.closed);
    std::uint32_t next = 0;
    for (const auto& [name, clauses] : pack.conditions) out_.condition_ids_[name] = next++;
    out_.conditions_.resize(pack.conditions.size());
    for (const auto& [name, clauses] : pack.conditions) {
      out_.conditions_[out_.condition_ids_.at(name)] = compile(clauses);
    }
    for (const auto& code : pack.codes) {
      for (const auto& rule : code.rules) {
        if (!rule.enabled) continue;
        CompiledRule compiled;
        compiled.code = &code;
        compiled.rule = &rule;
        compiled.speaker = code.category == Category::repair ? Speaker::therapist : Speaker::patient;
        compiled.clauses = compile(rule.clauses);
        out_.rules_.push_back(std::move(compiled));
      }
    }
    if (!prebuilt_) {
      // the model's words too, so that one lookup of a token serves the rules and the model
      if (pack.model)
        for_each_model_word(*pack.model, [&](std::string_view word) { out_.index_.know(word); });
      out_.index_.build();
    }
    out_.list_count_ = next_list_;
    index_rules();
  }

 private:
  std::uint32_t add_list(const TermList& list) {
    const std::uint32_t id = next_list_++;
    if (prebuilt_) return id;  // the index already holds the list's terms under this id
    std::vector<TermToken> tokens;
    for (const auto& term : list.terms) {
      if (!term.empty() && term.front() == '@') continue;
      if (!parse_term(term, out_.norm_, tokens).empty()) continue;
      for (const auto& variant : with_aliases(tokens)) out_.index_.add(variant, id);
    }
    return id;
  }

  // The term and its spellings with each alias swapped for its other form (where the
  // alias's words stand together in the term, not across a gap).
  [[nodiscard]] std::vector<std::vector<TermToken>> with_aliases(const std::vector<TermToken>& term) const {
    if (alias_pairs_.empty()) return {term};
    std::vector<std::vector<TermToken>> out{{}};
    std::size_t pos = 0;
    // Walk the term; where an alias form starts, every variant so far forks into one
    // that keeps it and one that takes the other form.
    while (pos < term.size()) {
      std::size_t used = 0;
      for (const auto& [from, to] : alias_pairs_) {
        if (!starts_with(term, pos, from)) continue;
        const std::size_t count = out.size();
        for (std::size_t v = 0; v < count && out.size() < max_variants; ++v) {
          auto fork = out[v];
          fork.insert(fork.end(), to.begin(), to.end());
          out.push_back(std::move(fork));
        }
        for (std::size_t v = 0; v < count; ++v) out[v].insert(out[v].end(), from.begin(), from.end());
        used = from.size();
        break;
      }
      if (used == 0) {
        for (auto& v : out) v.push_back(term[pos]);
        used = 1;
      }
      pos += used;
    }
    return out;
  }

  static bool starts_with(const std::vector<TermToken>& term, std::size_t pos,
                          const std::vector<TermToken>& part) {
    if (pos + part.size() > term.size()) return false;
    for (std::size_t k = 0; k < part.size(); ++k) {
      if (term[pos + k].prefix || term[pos + k].gap != 0 || bare(term[pos + k].text) != bare(part[k].text)) {
        return false;
      }
    }
    return true;
  }

  static std::string bare(const std::string& word) {
    std::string out;
    for (const char c : word) {
      if (c != '\'') out += c;
    }
    return out;
  }

  void compile_aliases() {
    std::vector<TermToken> spoken;
    std::vector<TermToken> written;
    for (const auto& [a, b] : out_.pack_.aliases) {
      if (!parse_term(a, out_.norm_, spoken).empty() || !parse_term(b, out_.norm_, written).empty()) continue;
      if (spoken.size() == 1 && written.size() == 1) {
        if (!prebuilt_) out_.index_.alias(written.front().text, spoken.front().text);  // one word: one symbol
        continue;
      }
      alias_pairs_.emplace_back(spoken, written);  // phrases: terms get both spellings
      alias_pairs_.emplace_back(written, spoken);
    }
    // longer forms first, so "dat is" is tried before "dat"
    std::stable_sort(alias_pairs_.begin(), alias_pairs_.end(),
                     [](const auto& x, const auto& y) { return x.first.size() > y.first.size(); });
  }

  // Gives each lexicon the lists of the lexicons it includes, directly or through others,
  // after its own. The loader refuses a circle; were there one, it would be cut.
  void include_lexicons() {
    const RulePack& pack = out_.pack_;
    std::map<std::string, std::vector<std::uint32_t>> all;
    std::set<std::string> open;  // being resolved
    std::function<std::vector<std::uint32_t>(const std::string&)> lists_of = [&](const std::string& name) {
      if (const auto done = all.find(name); done != all.end()) return done->second;
      const auto own = lexicon_ids_.find(name);
      if (own == lexicon_ids_.end() || !open.insert(name).second) return std::vector<std::uint32_t>{};
      std::vector<std::uint32_t> lists = own->second;
      for (const auto& term : pack.lexicons.at(name).terms) {
        if (term.empty() || term.front() != '@') continue;
        for (const std::uint32_t id : lists_of(term.substr(1))) {
          if (std::find(lists.begin(), lists.end(), id) == lists.end()) lists.push_back(id);
        }
      }
      open.erase(name);
      return all[name] = std::move(lists);
    };
    for (const auto& [name, list] : pack.lexicons) lists_of(name);
    lexicon_ids_ = std::move(all);
  }

  TermSet set_of(const TermList& list) {
    TermSet set;
    bool own = false;
    for (const auto& term : list.terms) {
      if (!term.empty() && term.front() == '@') {
        for (const std::uint32_t id : lexicon_ids_.at(term.substr(1))) {
          if (std::find(set.lists.begin(), set.lists.end(), id) == set.lists.end()) set.lists.push_back(id);
        }
      } else {
        own = true;
      }
    }
    if (own) set.lists.push_back(add_list(list));
    return set;
  }

  std::optional<TermSet> set_of(const std::optional<TermList>& list) {
    if (!list) return std::nullopt;
    return set_of(*list);
  }

  std::vector<std::uint32_t> conditions(const std::vector<ConditionRef>& refs) const {
    std::vector<std::uint32_t> ids;
    ids.reserve(refs.size());
    for (const auto& r : refs) ids.push_back(out_.condition_ids_.at(r));
    return ids;
  }

  CompiledClauses compile(const Clauses& c) {
    CompiledClauses out;
    out.source = &c;
    out.terms = set_of(c.terms);
    if (c.near) {
      out.near_a = set_of(c.near->a);
      out.near_b = set_of(c.near->b);
    }
    if (c.count) out.count_terms = set_of(c.count->terms);
    if (c.words && !c.words->ignore.terms.empty()) out.words_ignore = set_of(c.words->ignore);
    if (c.ratio) out.ratio_terms = set_of(c.ratio->terms);
    out.cues = set_of(c.cues);
    out.exceptions = set_of(c.exceptions);
    out.unless = set_of(c.unless);
    out.with = set_of(c.with);
    for (const auto& pattern : c.regex) {
      out.regex.push_back(static_cast<std::uint32_t>(out_.regex_.size()));
      out_.regex_.push_back(std::make_unique<LazyRegex>(pattern));
    }
    out.after = conditions(c.after);
    out.not_after = conditions(c.not_after);
    if (c.run) out.run = out_.condition_ids_.at(c.run->condition);
    const PackSettings& s = out_.pack_.settings;
    out.negation_before = c.negation_window.value_or(s.negation_window);
    out.negation_after = s.negation_window_after;
    return out;
  }

  // Files each rule under the lists of the clause without whose words it cannot fire.
  void index_rules() {
    auto& begin = out_.keyed_begin_;
    begin.assign(out_.list_count_ + 1, 0);
    std::vector<const TermSet*> key(out_.rules_.size(), nullptr);
    for (std::size_t r = 0; r < out_.rules_.size(); ++r) {
      const CompiledClauses& c = out_.rules_[r].clauses;
      key[r] = c.terms ? &*c.terms : c.near_a ? &*c.near_a : c.with ? &*c.with : nullptr;
      if (key[r] == nullptr) {
        out_.unkeyed_rules_.push_back(static_cast<std::uint32_t>(r));
        continue;
      }
      for (const std::uint32_t list : key[r]->lists) ++begin[list + 1];
    }
    for (std::size_t l = 0; l < out_.list_count_; ++l) begin[l + 1] += begin[l];
    out_.keyed_rules_.assign(begin.back(), 0);
    std::vector<std::uint32_t> place(begin.begin(), begin.end() - 1);
    for (std::size_t r = 0; r < key.size(); ++r) {
      if (key[r] == nullptr) continue;
      for (const std::uint32_t list : key[r]->lists)
        out_.keyed_rules_[place[list]++] = static_cast<std::uint32_t>(r);
    }
  }

  static constexpr std::size_t max_variants = 64;

  CompiledPack& out_;
  bool prebuilt_;
  std::vector<std::pair<std::vector<TermToken>, std::vector<TermToken>>> alias_pairs_;
  std::map<std::string, std::vector<std::uint32_t>> lexicon_ids_;  ///< its own list, then those it includes
  std::uint32_t next_list_ = 0;
};

CompiledPack::CompiledPack(RulePack pack) : pack_(std::move(pack)) {
  norm_.fold_diacritics = pack_.settings.fold_diacritics;
}

CompiledPack::~CompiledPack() = default;

const re2::RE2& CompiledPack::regex(std::uint32_t i) const {
  LazyRegex& lazy = *regex_[i];
  std::call_once(lazy.once, [&] {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_case_sensitive(false);
    lazy.compiled = std::make_unique<RE2>(lazy.pattern, options);  // valid: the loader checked it
  });
  return *lazy.compiled;
}

void CompiledPack::candidates(Speaker speaker, std::span<const std::uint32_t> matched,
                              std::vector<std::uint32_t>& out) const {
  out.clear();
  const auto of_speaker = [&](std::uint32_t r) { return rules_[r].speaker == speaker; };
  std::copy_if(unkeyed_rules_.begin(), unkeyed_rules_.end(), std::back_inserter(out), of_speaker);
  for (const std::uint32_t list : matched) {
    if (list + 1 >= keyed_begin_.size()) continue;
    std::copy_if(keyed_rules_.begin() + keyed_begin_[list], keyed_rules_.begin() + keyed_begin_[list + 1],
                 std::back_inserter(out), of_speaker);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

std::optional<std::uint32_t> CompiledPack::find_condition(std::string_view name) const {
  const auto it = condition_ids_.find(name);
  if (it == condition_ids_.end()) return std::nullopt;
  return it->second;
}

std::shared_ptr<const CompiledPack> CompiledPack::compile(RulePack pack, std::optional<TermIndex> prebuilt) {
  std::shared_ptr<CompiledPack> out(new CompiledPack(std::move(pack)));
  const bool has_index = prebuilt.has_value();
  if (prebuilt) out->index_ = std::move(*prebuilt);
  Builder(*out, has_index).build();
  if (out->pack_.model) out->model_.emplace(*out->pack_.model, &out->index_);
  return out;
}

}  // namespace ruptag
