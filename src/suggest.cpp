#include "ruptag/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "ruptag/catalogue.hpp"
#include "ruptag/notation.hpp"

namespace ruptag {

namespace {

void append_without_apostrophes(std::string& out, std::string_view word) {
  for (const char c : word) {
    if (c != '\'') out += c;
  }
}

bool is_repair(std::string_view id) {
  const CatalogueEntry* entry = find_catalogue_entry(id);
  return entry != nullptr && entry->category == Category::repair;
}

// The side a code is found on: 0 patient (markers), 1 therapist (repairs).
std::size_t side_of(Speaker speaker) {
  return speaker == Speaker::therapist ? 1 : 0;
}

}  // namespace

std::vector<Ngram> turn_ngrams(const Turn& turn, const NormalizeOptions& options, std::size_t max_words) {
  const std::string talk = turn.cues.empty() ? turn.text : talk_only(turn.text, turn.cues);
  thread_local TokenizedText tokens;
  tokenize(talk, options, tokens);
  std::vector<Ngram> out;
  const std::size_t n = tokens.tokens.size();
  for (std::size_t first = 0; first < n; ++first) {
    Ngram gram;
    for (std::size_t last = first; last < n && last - first < max_words; ++last) {
      if (tokens.tokens[last].sentence != tokens.tokens[first].sentence) break;
      if (last > first) {
        gram.key += ' ';
        gram.text += ' ';
      }
      append_without_apostrophes(gram.key, tokens.normalized(last));
      gram.text += tokens.normalized(last);
      ++gram.words;
      out.push_back(gram);
    }
  }
  // stable: the first spelling of a key stays
  std::stable_sort(out.begin(), out.end(), [](const Ngram& a, const Ngram& b) { return a.key < b.key; });
  out.erase(
      std::unique(out.begin(), out.end(), [](const Ngram& a, const Ngram& b) { return a.key == b.key; }),
      out.end());
  return out;
}

PhraseCounter::PhraseCounter(std::shared_ptr<const CompiledPack> pack) : pack_(std::move(pack)) {}

void PhraseCounter::add(const FileReport& report, const TurnCodes& gold) {
  const auto session = static_cast<std::uint32_t>(sessions_.size());
  sessions_.push_back(report.path);
  const auto& turns = report.transcript.turns;
  std::vector<std::vector<std::string_view>> tagged(turns.size());
  for (const Finding& f : report.findings) tagged.at(f.turn).push_back(f.marker);
  std::vector<std::string_view> codes;
  for (std::size_t t = 0; t < turns.size(); ++t) {
    const Turn& turn = turns[t];
    if (turn.speaker == Speaker::other) continue;
    const bool therapist = turn.speaker == Speaker::therapist;
    Side& side = sides_[side_of(turn.speaker)];
    ++side.turns;
    codes.clear();
    for (const std::string& code : gold.at(t)) {
      if (is_repair(code) == therapist) codes.push_back(code);
    }
    std::vector<CodeTally*> tallies;
    for (const std::string_view code : codes) {
      CodeTally& tally = codes_[std::string(code)];
      ++tally.gold_turns;
      tallies.push_back(&tally);
    }
    for (Ngram& gram : turn_ngrams(turn, pack_->normalize_options())) {
      const auto [it, fresh] = side.ids.try_emplace(gram.key, static_cast<std::uint32_t>(side.keys.size()));
      const std::uint32_t id = it->second;
      if (fresh) {
        side.keys.push_back(gram.key);
        side.turns_with.push_back(0);
        side.words.push_back(gram.words);
      }
      ++side.turns_with[id];
      ++side.total;
      if (gram.text != gram.key) ++side.spellings[id][gram.text];
      for (std::size_t c = 0; c < tallies.size(); ++c) {
        InCode& in = tallies[c]->ngrams[id];
        ++in.in;
        ++tallies[c]->total;
        const auto& tool = tagged[t];
        if (std::find(tool.begin(), tool.end(), codes[c]) != tool.end()) ++in.found;
        if (in.examples.size() < 2) in.examples.emplace_back(session, turn.line);
      }
    }
  }
}

// The most frequent spelling of an n-gram; the key itself on a tie.
std::string PhraseCounter::spelling(const Side& side, std::uint32_t id) {
  const auto it = side.spellings.find(id);
  if (it == side.spellings.end()) return side.keys[id];
  std::size_t others = 0;
  const std::string* best = &side.keys[id];
  std::size_t best_count = 0;
  for (const auto& [text, count] : it->second) {
    others += count;
    if (count > best_count) {
      best = &text;
      best_count = count;
    }
  }
  return side.turns_with[id] - others >= best_count ? side.keys[id] : *best;
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
  out.patient_turns = sides_[0].turns;
  out.therapist_turns = sides_[1].turns;
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
    const Side& side = sides_[side_of(speaker)];
    const LogOddsCorpus corpus{static_cast<double>(tally.total),
                               static_cast<double>(side.total - tally.total), options.prior_scale};
    struct Candidate {
      std::uint32_t id;
      const InCode* in;
      std::size_t out;
      LogOdds stats;
    };
    std::vector<Candidate> candidates;
    std::unordered_map<std::uint32_t, std::size_t> index;  // id -> candidate
    for (const auto& [gram, in] : tally.ngrams) {
      if (in.in < options.min_count) continue;
      const std::size_t others = side.turns_with[gram] - in.in;
      const LogOdds stats =
          informative_log_odds(static_cast<double>(in.in), static_cast<double>(others), corpus);
      if (stats.z <= 0) continue;
      index.emplace(gram, candidates.size());
      candidates.push_back({gram, &in, others, stats});
    }
    // An n-gram in the same turns as a longer one that begins or ends with it adds nothing.
    std::vector<bool> redundant(candidates.size(), false);
    for (const Candidate& c : candidates) {
      const std::string& key = side.keys[c.id];
      if (side.words[c.id] < 2) continue;
      for (const std::string& shorter : {key.substr(0, key.rfind(' ')), key.substr(key.find(' ') + 1)}) {
        const auto shorter_id = side.ids.find(shorter);
        if (shorter_id == side.ids.end()) continue;
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
    std::sort(kept.begin(), kept.end(), [&](const Candidate* a, const Candidate* b) {
      return std::make_tuple(b->stats.z, side.words[b->id], std::string_view(side.keys[a->id])) <
             std::make_tuple(a->stats.z, side.words[a->id], std::string_view(side.keys[b->id]));
    });
    if (kept.size() > options.top) kept.resize(options.top);
    CodePhrases code{id, speaker, tally.gold_turns, side.turns - tally.gold_turns, {}};
    for (const Candidate* c : kept) {
      PhraseRow row;
      row.text = spelling(side, c->id);
      row.words = side.words[c->id];
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
