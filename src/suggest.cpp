#include "ruptag/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "ruptag/catalogue.hpp"
#include "ruptag/text.hpp"

namespace ruptag {

namespace {

bool is_repair(std::string_view id) {
  const CatalogueEntry* entry = find_catalogue_entry(id);
  return entry != nullptr && entry->category == Category::repair;
}

// The side a code is found on: 0 patient (markers), 1 therapist (repairs).
std::size_t side_of(Speaker speaker) {
  return speaker == Speaker::therapist ? 1 : 0;
}

std::size_t word_count(const std::array<std::uint32_t, PhraseCounter::max_words>& words) {
  return static_cast<std::size_t>(
      std::count_if(words.begin(), words.end(), [](std::uint32_t w) { return w != 0; }));
}

}  // namespace

std::size_t PhraseCounter::WordsHash::operator()(const Words& words) const {
  std::size_t h = 0;
  for (const std::uint32_t w : words) h = h * 1000003U ^ w;
  return h;
}

PhraseCounter::PhraseCounter(std::shared_ptr<const CompiledPack> pack) : pack_(std::move(pack)) {}

std::uint32_t PhraseCounter::word_id(std::string_view normalized) {
  thread_local std::string key;
  key.clear();
  for (const char c : normalized) {
    if (c != '\'') key += c;
  }
  const auto [it, fresh] = word_ids_.try_emplace(key, static_cast<std::uint32_t>(words_.size() + 1));
  if (fresh) words_.push_back({key, 0, {}});
  Word& word = words_[it->second - 1];
  ++word.uses;
  if (normalized.size() != key.size()) ++word.spellings[std::string(normalized)];
  return it->second;
}

std::uint32_t PhraseCounter::gram_id(const Words& words) {
  const auto [it, fresh] = gram_ids_.try_emplace(words, static_cast<std::uint32_t>(grams_.size()));
  if (fresh) {
    grams_.push_back(words);
    for (auto& turns : turns_with_) turns.push_back(0);
  }
  return it->second;
}

void PhraseCounter::add(const FileReport& report, const TurnCodes& gold) {
  const auto session = static_cast<std::uint32_t>(sessions_.size());
  sessions_.push_back(report.path);
  const auto& turns = report.transcript.turns;
  std::vector<std::vector<std::string_view>> tagged(turns.size());
  for (const Finding& f : report.findings) tagged.at(f.turn).push_back(f.marker);
  TokenizedText tokens;
  std::vector<std::uint32_t> ids;
  std::vector<std::uint32_t> grams;
  std::vector<std::string_view> codes;
  std::vector<CodeTally*> tallies;
  for (std::size_t t = 0; t < turns.size(); ++t) {
    const Turn& turn = turns[t];
    if (turn.speaker == Speaker::other) continue;
    const std::size_t side = side_of(turn.speaker);
    ++turns_[side];
    codes.clear();
    tallies.clear();
    for (const std::string& code : gold.at(t)) {
      if (is_repair(code) != (turn.speaker == Speaker::therapist)) continue;
      codes.push_back(code);
      CodeTally& tally = codes_[code];
      ++tally.gold_turns;
      tallies.push_back(&tally);
    }
    // the talk as the matcher reads it; each n-gram once per turn
    tokenize_talk(turn, pack_->normalize_options(), tokens);
    ids.clear();
    for (std::size_t k = 0; k < tokens.tokens.size(); ++k) ids.push_back(word_id(tokens.normalized(k)));
    grams.clear();
    for (std::size_t first = 0; first < ids.size(); ++first) {
      Words words{};
      for (std::size_t last = first; last < ids.size() && last - first < max_words; ++last) {
        if (tokens.tokens[last].sentence != tokens.tokens[first].sentence) break;
        words[last - first] = ids[last];
        grams.push_back(gram_id(words));
      }
    }
    std::sort(grams.begin(), grams.end());
    grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
    for (const std::uint32_t gram : grams) {
      ++turns_with_[side][gram];
      ++totals_[side];
      for (std::size_t c = 0; c < tallies.size(); ++c) {
        InCode& in = tallies[c]->ngrams[gram];
        ++in.in;
        ++tallies[c]->total;
        const auto& tool = tagged[t];
        if (std::find(tool.begin(), tool.end(), codes[c]) != tool.end()) ++in.found;
        if (in.examples.size() < 2) in.examples.emplace_back(session, turn.line);
      }
    }
  }
}

// The n-gram's words separated by spaces: as compared, or each as most often written
// (the key on a tie).
std::string PhraseCounter::text(const Words& words, bool spelled) const {
  std::string out;
  for (const std::uint32_t id : words) {
    if (id == 0) break;
    const Word& word = words_[id - 1];
    const std::string* best = &word.key;
    if (spelled) {
      std::size_t others = 0;
      std::size_t best_count = 0;
      for (const auto& [spelling, count] : word.spellings) {
        others += count;
        if (count > best_count) {
          best = &spelling;
          best_count = count;
        }
      }
      if (word.uses - others >= best_count) best = &word.key;
    }
    if (!out.empty()) out += ' ';
    out += *best;
  }
  return out;
}

// Whether a term of one of the code's rules (its terms, near, with) matches within `text`.
bool PhraseCounter::matched(const std::string& code, const std::string& text) const {
  std::set<std::uint32_t> lists;
  for (const CompiledRule& rule : pack_->rules()) {
    if (rule.code->id != code) continue;
    for (const auto* set :
         {&rule.clauses.terms, &rule.clauses.near_a, &rule.clauses.near_b, &rule.clauses.with}) {
      if (*set) lists.insert((*set)->lists.begin(), (*set)->lists.end());
    }
  }
  if (lists.empty()) return false;
  const TokenizedText tokens = tokenize(text, pack_->normalize_options());
  std::vector<TermIndex::Match> hits;
  pack_->index().find(tokens, hits);
  return std::any_of(hits.begin(), hits.end(),
                     [&](const TermIndex::Match& h) { return lists.contains(h.payload); });
}

PackPhrases PhraseCounter::rank(const SuggestOptions& options) const {
  PackPhrases out;
  out.pack = pack_->pack().manifest.id;
  out.language = pack_->pack().manifest.language;
  out.sessions = sessions_.size();
  out.patient_turns = turns_[0];
  out.therapist_turns = turns_[1];
  for (const CatalogueEntry& entry : catalogue()) {
    const std::string id(entry.id);
    const auto found = codes_.find(id);
    if (found == codes_.end()) continue;
    if (!options.codes.empty() &&
        std::find(options.codes.begin(), options.codes.end(), id) == options.codes.end())
      continue;
    const CodeTally& tally = found->second;
    if (tally.gold_turns < options.min_gold_turns) {
      out.too_few.emplace_back(id, tally.gold_turns);
      continue;
    }
    const Speaker speaker = entry.category == Category::repair ? Speaker::therapist : Speaker::patient;
    const std::size_t side = side_of(speaker);
    const LogOddsCorpus corpus{static_cast<double>(tally.total),
                               static_cast<double>(totals_[side] - tally.total), options.prior_scale};
    struct Candidate {
      std::uint32_t gram;
      const InCode* in;
      std::size_t out;
      LogOdds stats;
      std::size_t words;
      std::string key;
    };
    std::vector<Candidate> candidates;
    std::unordered_map<std::uint32_t, std::size_t> index;  // n-gram id -> candidate
    for (const auto& [gram, in] : tally.ngrams) {
      if (in.in < options.min_count) continue;
      const std::size_t others = turns_with_[side][gram] - in.in;
      const LogOdds stats =
          informative_log_odds(static_cast<double>(in.in), static_cast<double>(others), corpus);
      if (stats.z <= 0) continue;
      index.emplace(gram, candidates.size());
      candidates.push_back({gram, &in, others, stats, word_count(grams_[gram]), text(grams_[gram], false)});
    }
    // An n-gram in the same turns as a longer one that begins or ends with it adds nothing.
    std::vector<bool> redundant(candidates.size(), false);
    for (const Candidate& c : candidates) {
      if (c.words < 2) continue;
      const Words& words = grams_[c.gram];
      Words prefix = words;
      prefix[c.words - 1] = 0;
      Words suffix{};
      std::copy(words.begin() + 1, words.end(), suffix.begin());
      for (const Words& shorter : {prefix, suffix}) {
        const auto shorter_id = gram_ids_.find(shorter);
        if (shorter_id == gram_ids_.end()) continue;
        const auto k = index.find(shorter_id->second);
        if (k == index.end()) continue;
        const Candidate& s = candidates[k->second];
        if (s.in->in == c.in->in && s.out == c.out) redundant[k->second] = true;
      }
    }
    std::vector<const Candidate*> kept;
    for (std::size_t k = 0; k < candidates.size(); ++k) {
      if (!redundant[k]) kept.push_back(&candidates[k]);
    }
    std::sort(kept.begin(), kept.end(), [](const Candidate* a, const Candidate* b) {
      return std::make_tuple(b->stats.z, b->words, std::string_view(a->key)) <
             std::make_tuple(a->stats.z, a->words, std::string_view(b->key));
    });
    if (kept.size() > options.top) kept.resize(options.top);
    CodePhrases code{id, speaker, tally.gold_turns, turns_[side] - tally.gold_turns, {}};
    for (const Candidate* c : kept) {
      PhraseRow row;
      row.text = text(grams_[c->gram], true);
      row.words = c->words;
      row.stats = c->stats;
      row.in = c->in->in;
      row.out = c->out;
      row.found = c->in->found;
      row.matched = matched(id, row.text);
      for (const auto& [session, line] : c->in->examples)
        row.examples.push_back(fmt::format("{}:{}", sessions_[session], line));
      code.phrases.push_back(std::move(row));
    }
    out.codes.push_back(std::move(code));
  }
  return out;
}

}  // namespace ruptag
