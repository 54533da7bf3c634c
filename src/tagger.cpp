#include "ruptag/tagger.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <utility>

#include "ruptag/notation.hpp"

namespace ruptag {

std::string evidence_text(std::string_view text, const std::vector<Span>& spans) {
  std::string out;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (i > 0) out += spans[i - 1].end == spans[i].begin ? "" : " … ";
    out.append(text.substr(spans[i].begin, spans[i].end - spans[i].begin));
  }
  return out;
}

std::vector<Span> merge_spans(std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  std::vector<Span> out;
  for (const Span& s : spans) {
    if (!out.empty() && s.begin <= out.back().end) {
      out.back().end = std::max(out.back().end, s.end);
    } else {
      out.push_back(s);
    }
  }
  return out;
}

namespace {

using Hit = TermIndex::Match;  // payload is the id of a compiled list

// What made a rule fire: words of the turn and cues.
struct Evidence {
  std::vector<Span> spans;
  std::vector<Cue> cues;
};

// Position order: by first token, then end, then which tokens a gap skipped.
bool before(const Hit& a, const Hit& b) {
  return a.first != b.first ? a.first < b.first : (a.end != b.end ? a.end < b.end : a.skipped < b.skipped);
}

// The matches of one text grouped by list, each list's in position order, so the
// matches of a list are found without a search. A fill touches only the lists that
// matched: a bit per list of the pack says which did, and only their ranges are written.
class HitTable {
 public:
  // Fills the table from `found` (TermIndex::find()'s matches, ordered by first token)
  // for a pack of `list_count` lists; `found` is left empty.
  // A match naming no list of the pack (not made by a pack's own index) is dropped.
  void fill(std::vector<Hit>& found, std::size_t list_count) {
    matched_.assign((list_count + 63) / 64, 0);
    if (ranges_.size() < list_count) ranges_.resize(list_count);
    // Each list's count, then its place: lists in the order they first matched, each
    // list's matches in the order found, so the order by first token is kept.
    touched_.clear();
    for (const Hit& h : found) {
      if (h.payload >= list_count) continue;
      Range& r = ranges_[h.payload];
      std::uint64_t& word = matched_[h.payload / 64];
      const std::uint64_t bit = std::uint64_t{1} << (h.payload % 64);
      if ((word & bit) == 0) {
        word |= bit;
        r = {0, 0};
        touched_.push_back(h.payload);
      }
      ++r.end;
    }
    std::uint32_t at = 0;
    for (const std::uint32_t list : touched_) {
      Range& r = ranges_[list];
      r.begin = at;
      at += r.end;
      r.end = r.begin;  // the next free place of the list while placing
    }
    hits_.resize(at);
    for (const Hit& h : found) {
      if (h.payload < list_count) hits_[ranges_[h.payload].end++] = h;
    }
    found.clear();
    // Matches of a list with the same first token are put in order of end and gap.
    for (std::size_t k = 1; k < hits_.size(); ++k) {
      for (std::size_t j = k;
           j > 0 && hits_[j - 1].payload == hits_[j].payload && before(hits_[j], hits_[j - 1]); --j) {
        std::swap(hits_[j - 1], hits_[j]);
      }
    }
  }
  // Empties the table: no list has a match.
  void clear() {
    matched_.clear();
    hits_.clear();
    touched_.clear();
  }
  // The lists that have a match, in the order of their first match.
  [[nodiscard]] std::span<const std::uint32_t> lists() const { return touched_; }
  // Whether list `list` has a match.
  [[nodiscard]] bool has(std::uint32_t list) const {
    return list / 64 < matched_.size() && (matched_[list / 64] >> (list % 64) & 1U) != 0;
  }
  // The matches of list `list`, in position order.
  [[nodiscard]] std::span<const Hit> of(std::uint32_t list) const {
    if (!has(list)) return {};
    const Range& r = ranges_[list];
    return std::span<const Hit>(hits_).subspan(r.begin, r.end - r.begin);
  }

 private:
  // Where a list's matches are in hits_; valid only for a list whose bit is set.
  struct Range {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
  };

  std::vector<Hit> hits_;
  std::vector<std::uint64_t> matched_;  ///< bit L: list L matched in this fill
  std::vector<Range> ranges_;           ///< per list of the pack, by list id
  std::vector<std::uint32_t> touched_;  ///< the lists that matched, in order of first match
};

struct TurnData {
  std::string talk;  ///< the text without notation (talk_only())
  TokenizedText text;
  /// Per token of `text`, what the pack's index reported of its word (TermIndex::find()'s
  /// `words`), for the pack's model; empty unless the Evaluator keeps them (keep_words).
  std::vector<std::uint32_t> words;
  HitTable hits;
  TokenizedText notes;  ///< the words of the turn's notes (notes_only()), when it has any
  HitTable note_hits;
  /// Per condition of the pack, whether it holds for this turn: -1 not asked yet, 0 no, 1 yes.
  /// Many rules ask the same condition of the same turn ("after: [advice]"); filled as asked.
  mutable std::vector<std::int8_t> conditions;
};

// Appends the text of the words `h` matched: one span per run of them, so the words in a
// gap are not evidence.
void add_spans(const TokenizedText& text, const Hit& h, std::vector<Span>& out) {
  for (std::uint32_t k = h.first; k < h.end; ++k) {
    if (!h.matched(k)) continue;
    std::uint32_t last = k;
    while (last + 1 < h.end && h.matched(last + 1)) ++last;
    out.push_back({text.tokens[k].begin, text.tokens[last].end});
    k = last;
  }
}

// Whether two matches share a matched word (a word in a gap does not count).
bool share_a_word(const Hit& a, const Hit& b) {
  const std::uint32_t from = std::max(a.first, b.first);
  const std::uint32_t to = std::min(a.end, b.end);
  if (from >= to) return false;
  if (a.skipped == 0 && b.skipped == 0) return true;
  for (std::uint32_t k = from; k < to; ++k) {
    if (a.matched(k) && b.matched(k)) return true;
  }
  return false;
}

// Whether every word of `inner` is a word `outer` matched.
bool words_within(const Hit& inner, const Hit& outer) {
  for (std::uint32_t k = inner.first; k < inner.end; ++k) {
    if (inner.matched(k) && !outer.matched(k)) return false;
  }
  return true;
}

// Whether every word of `inner` stands in a gap of `outer`.
bool inside_gap(const Hit& inner, const Hit& outer) {
  if (outer.skipped == 0 || inner.first <= outer.first || inner.end >= outer.end) return false;
  for (std::uint32_t k = inner.first; k < inner.end; ++k) {
    if (inner.matched(k) && outer.matched(k)) return false;
  }
  return true;
}

// Whether any list of `set` matched.
bool any_in(const HitTable& hits, const TermSet& set) {
  return std::any_of(set.lists.begin(), set.lists.end(), [&](std::uint32_t list) { return hits.has(list); });
}

// Whether `pred` holds for a match of any list of `set`, the matches taken in no set
// order and not copied (for tests where order does not matter).
template <typename Pred>
bool any_hit_in(const HitTable& hits, const TermSet& set, Pred pred) {
  for (const std::uint32_t list : set.lists) {
    for (const Hit& h : hits.of(list)) {
      if (pred(h)) return true;
    }
  }
  return false;
}

// Matches of any list of `set`, ordered by position.
std::vector<Hit> lists_in(const HitTable& hits, const TermSet& set) {
  std::vector<Hit> out;
  std::size_t lists_found = 0;
  for (const std::uint32_t list : set.lists) {
    const auto found = hits.of(list);
    if (found.empty()) continue;
    out.insert(out.end(), found.begin(), found.end());
    ++lists_found;
  }
  if (lists_found > 1) std::sort(out.begin(), out.end(), before);
  return out;
}

bool cue_passes(const Cue& cue, const CueTest& test) {
  if (cue.kind != test.kind) return false;
  if (test.op.empty()) return true;
  if (!cue.seconds) return false;
  const double s = *cue.seconds;
  if (test.op == ">=") return s >= test.seconds;
  if (test.op == ">") return s > test.seconds;
  if (test.op == "<=") return s <= test.seconds;
  return s < test.seconds;
}

}  // namespace

// Evaluates clauses on the turns of one session, holding the last TagStream::reach turns
// in a ring (turn k in ring_[k % reach]). A turn's words and matches are worked out when
// first needed.
class Evaluator {
 public:
  // `keep_words`: keep each turn's word slots (words()), for a turn model that reads them.
  Evaluator(const CompiledPack& pack, bool keep_words) : pack_(pack), keep_words_(keep_words) {}
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;
  ~Evaluator() {
    for (Entry& e : ring_) recycle(std::move(e.data));
  }

  // Adds the next turn, in place of the oldest when the ring is full.
  void append(Turn turn) {
    Entry entry{std::move(turn), nullptr, {}};
    if (ring_.size() < TagStream::reach) {
      ring_.push_back(std::move(entry));
    } else {
      Entry& oldest = ring_[size_ % TagStream::reach];
      recycle(std::move(oldest.data));
      oldest = std::move(entry);
    }
    ++size_;
  }

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] const Turn& turn(std::size_t turn) const { return entry(turn).turn; }

  // Whether every clause holds for `turn`; appends the words and cues that fired to
  // `evidence`.
  bool eval(const CompiledClauses& c, std::size_t turn, Evidence* evidence) const {
    const Clauses& src = *c.source;
    const Turn& t = entry(turn).turn;
    const TurnData& data = turn_data(turn);
    if (src.speaker && *src.speaker != t.speaker) return false;
    // Most rules fail on most turns for want of a word: check that first, without copying.
    if ((c.terms && !any_in(data.hits, *c.terms)) || (c.near_a && !any_in(data.hits, *c.near_a)) ||
        (c.with && !any_in(data.hits, *c.with)) || (c.cues && !any_in(data.note_hits, *c.cues))) {
      return false;
    }
    // the words that fired, for `evidence` only: a condition (no evidence) skips them
    const bool keep = evidence != nullptr;
    std::vector<Span> found;
    if (c.terms) {
      auto hits = usable(turn, hits_of(turn, *c.terms), c);
      if (hits.empty()) return false;
      if (keep) add_tokens(turn, hits, found);
    }
    if (c.near_a) {
      const auto a = usable(turn, hits_of(turn, *c.near_a), c);
      const auto b = hits_of(turn, *c.near_b);
      bool any = false;
      for (const Hit& x : a) {
        for (const Hit& y : b) {
          const std::uint32_t gap =
              y.first >= x.end ? y.first - x.end : (x.first >= y.end ? x.first - y.end : 0);
          if (gap <= static_cast<std::uint32_t>(src.near->within)) {
            if (keep) add_tokens(turn, {x, y}, found);
            any = true;
          }
        }
      }
      if (!any) return false;
    }
    if (c.unless && any_in(data.hits, *c.unless)) return false;
    if (c.with && keep) add_tokens(turn, hits_of(turn, *c.with), found);  // any_in() found some
    if (c.cues && keep) {
      for (const Hit& h : lists_in(data.note_hits, *c.cues)) add_spans(data.notes, h, found);
    }
    std::vector<Cue> cues;
    if (!src.cue.empty()) {
      for (const Cue& cue : t.cues) {
        if (std::any_of(src.cue.begin(), src.cue.end(),
                        [&](const CueTest& test) { return cue_passes(cue, test); })) {
          cues.push_back(cue);
          if (cue.end > cue.begin) found.push_back({cue.begin, cue.end});
        }
      }
      if (cues.empty()) return false;
    }
    if (c.count_terms) {
      std::vector<Hit> hits = hits_of(turn, *c.count_terms);
      if (c.exceptions) std::erase_if(hits, [&](const Hit& h) { return excepted(turn, h, *c.exceptions); });
      const auto n = static_cast<int>(hits.size());
      if ((src.count->min && n < *src.count->min) || (src.count->max && n > *src.count->max)) return false;
      if (keep) add_tokens(turn, hits, found);
    }
    if (c.source->words) {
      const int n = counted_words(turn, c.words_ignore);
      if ((src.words->min && n < *src.words->min) || (src.words->max && n > *src.words->max)) return false;
    }
    if (c.ratio_terms) {
      const auto total = data.text.tokens.size();
      if (total == 0) return false;
      const double share = static_cast<double>(covered(turn, *c.ratio_terms)) / static_cast<double>(total);
      if ((src.ratio->min && share < *src.ratio->min) || (src.ratio->max && share > *src.ratio->max))
        return false;
    }
    if (src.question && !question_is(turn, *src.question)) return false;
    if (!src.after_finding.empty()) {
      const auto prev = previous_other(turn);
      if (!prev || !found_in(*prev, src.after_finding)) return false;
    }
    if (!c.after.empty() || !c.not_after.empty() || src.overlap) {
      const auto prev = previous_other(turn);
      if (!c.after.empty()) {
        if (!prev) return false;
        const bool any =
            std::any_of(c.after.begin(), c.after.end(), [&](std::uint32_t k) { return holds(k, *prev); });
        if (!any) return false;
      }
      if (prev && std::any_of(c.not_after.begin(), c.not_after.end(),
                              [&](std::uint32_t k) { return holds(k, *prev); })) {
        return false;
      }
      if (src.overlap) {
        if (!prev) return false;
        const double share = overlap(turn, *prev);
        if ((src.overlap->min && share < *src.overlap->min) ||
            (src.overlap->max && share > *src.overlap->max))
          return false;
      }
    }
    if (c.run) {
      int n = 0;
      for (std::optional<std::size_t> k = turn; n < src.run->min && k && holds(*c.run, *k);
           k = previous_same(*k)) {
        ++n;
      }
      if (n < src.run->min) return false;
    }
    for (const std::uint32_t r : c.regex) {
      const re2::StringPiece input(data.talk);
      re2::StringPiece match;
      if (!pack_.regex(r).Match(input, 0, input.size(), RE2::UNANCHORED, &match, 1)) return false;
      if (!match.empty()) {
        const auto begin = static_cast<std::uint32_t>(match.data() - input.data());
        found.push_back({begin, begin + static_cast<std::uint32_t>(match.size())});
      }
    }
    if (evidence != nullptr) {
      if (found.empty() && cues.empty() && !data.text.tokens.empty()) {
        found.push_back({data.text.tokens.front().begin, data.text.tokens.back().end});
      }
      evidence->spans.insert(evidence->spans.end(), found.begin(), found.end());
      evidence->cues.insert(evidence->cues.end(), cues.begin(), cues.end());
    }
    return true;
  }

  [[nodiscard]] std::size_t word_count(std::size_t turn) const { return turn_data(turn).text.tokens.size(); }

  // A turn's talk, tokenised and normalised.
  [[nodiscard]] const TokenizedText& tokens(std::size_t turn) const { return turn_data(turn).text; }

  // Per token of tokens(turn), what the pack's index reported of its word (TurnView's words).
  [[nodiscard]] std::span<const std::uint32_t> words(std::size_t turn) const { return turn_data(turn).words; }

  // The ids of the lists with a match in a turn's talk.
  [[nodiscard]] std::span<const std::uint32_t> matched_lists(std::size_t turn) const {
    return turn_data(turn).hits.lists();
  }

  // Remembers what was found in `turn`.
  void record(std::size_t turn, const std::vector<Finding>& findings) {
    auto& found = entry(turn).found;
    found.clear();
    for (const Finding& f : findings) found.emplace_back(f.marker, f.category);
  }

 private:
  // Matches of any list of `set` in a turn's talk, ordered by position.
  [[nodiscard]] std::vector<Hit> hits_of(std::size_t turn, const TermSet& set) const {
    return lists_in(turn_data(turn).hits, set);
  }

  // Drops matches cancelled by an exception or by the negation setting.
  [[nodiscard]] std::vector<Hit> usable(std::size_t turn, std::vector<Hit> hits,
                                        const CompiledClauses& c) const {
    if (c.exceptions) std::erase_if(hits, [&](const Hit& h) { return excepted(turn, h, *c.exceptions); });
    if (c.source->start_within) {
      const auto limit = static_cast<std::uint32_t>(*c.source->start_within);
      std::erase_if(hits, [&](const Hit& h) { return h.first >= limit; });
    }
    const Negation mode = c.source->negation;
    if (mode != Negation::ignore) {
      std::erase_if(hits, [&](const Hit& h) { return negated(turn, h, c) == (mode == Negation::block); });
    }
    return hits;
  }

  [[nodiscard]] bool excepted(std::size_t turn, const Hit& h, const TermSet& exceptions) const {
    return any_hit_in(turn_data(turn).hits, exceptions, [&](const Hit& e) { return share_a_word(e, h); });
  }

  [[nodiscard]] bool negated(std::size_t turn, const Hit& h, const CompiledClauses& c) const {
    const TokenizedText& text = turn_data(turn).text;
    const Sentence& sentence = text.sentences[text.tokens[h.first].sentence];
    const std::uint32_t from = h.first >= sentence.first_token + static_cast<std::uint32_t>(c.negation_before)
                                   ? h.first - static_cast<std::uint32_t>(c.negation_before)
                                   : sentence.first_token;
    const std::uint32_t to =
        std::min(sentence.end_token, h.end + static_cast<std::uint32_t>(c.negation_after));
    const HitTable& hits = turn_data(turn).hits;
    return any_hit_in(hits, pack_.negation_cues(), [&](const Hit& cue) {
      const bool before = cue.first >= from && cue.end <= h.first;
      const bool after = cue.first >= h.end && cue.end <= to;
      if (!before && !after && !inside_gap(cue, h)) return false;
      const bool is_pseudo = any_hit_in(hits, pack_.pseudo_negations(), [&](const Hit& p) {
        return p.first <= cue.first && cue.end <= p.end && words_within(cue, p);
      });
      return !is_pseudo;
    });
  }

  // Tokens matched by matches of `set` (not those in their gaps).
  [[nodiscard]] std::size_t covered(std::size_t turn, const TermSet& set) const {
    const auto mark = matched_words(turn, set);
    return static_cast<std::size_t>(std::count(mark.begin(), mark.end(), true));
  }

  // Per token of the turn, whether a match of `set` matched it (a word in a gap is not).
  [[nodiscard]] std::vector<bool> matched_words(std::size_t turn, const TermSet& set) const {
    const TurnData& data = turn_data(turn);
    std::vector<bool> mark(data.text.tokens.size(), false);
    any_hit_in(data.hits, set, [&](const Hit& h) {
      for (std::uint32_t k = h.first; k < h.end; ++k) mark[k] = mark[k] || h.matched(k);
      return false;  // every match
    });
    return mark;
  }

  [[nodiscard]] int counted_words(std::size_t turn, const std::optional<TermSet>& ignore) const {
    const auto total = turn_data(turn).text.tokens.size();
    return static_cast<int>(total - (ignore ? covered(turn, *ignore) : 0));
  }

  [[nodiscard]] bool question_is(std::size_t turn, QuestionKind kind) const {
    const TokenizedText& text = turn_data(turn).text;
    const auto last = std::find_if(text.sentences.rbegin(), text.sentences.rend(),
                                   [](const Sentence& s) { return s.terminator == '?'; });
    if (last == text.sentences.rend()) return kind == QuestionKind::none;
    if (kind == QuestionKind::any) return true;
    if (kind == QuestionKind::none) return false;
    // The question's kind is set by the earliest question phrase in it, the longest
    // at that position, open before closed on a tie; with none it is a yes/no question.
    std::optional<Hit> best;
    bool best_open = false;
    auto consider = [&](const TermSet& set, bool open) {
      for (const Hit& h : hits_of(turn, set)) {
        if (h.first < last->first_token || h.end > last->end_token) continue;
        const bool better = !best || h.first < best->first ||
                            (h.first == best->first && (h.end > best->end || (h.end == best->end && open)));
        if (better) {
          best = h;
          best_open = open;
        }
      }
    };
    consider(pack_.open_questions(), true);
    consider(pack_.closed_questions(), false);
    return (best && best_open) == (kind == QuestionKind::open);
  }

  [[nodiscard]] std::vector<std::string_view> content_stems(std::size_t turn) const {
    const TokenizedText& text = turn_data(turn).text;
    const std::vector<bool> stop = matched_words(turn, pack_.stopwords());
    const auto length = static_cast<std::size_t>(pack_.pack().settings.stem_length);
    std::vector<std::string_view> stems;
    for (std::size_t k = 0; k < text.tokens.size(); ++k) {
      if (stop[k]) continue;
      std::string_view word = text.normalized(k);
      if (length > 0 && word.size() > length) word = word.substr(0, length);
      stems.push_back(word);
    }
    std::sort(stems.begin(), stems.end());
    stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
    return stems;
  }

  // Share of this turn's distinct content words that the other turn also uses.
  [[nodiscard]] double overlap(std::size_t turn, std::size_t other) const {
    const auto mine = content_stems(turn);
    if (mine.empty()) return 1.0;
    const auto theirs = content_stems(other);
    std::size_t shared = 0;
    for (const auto& s : mine) shared += std::binary_search(theirs.begin(), theirs.end(), s) ? 1U : 0U;
    return static_cast<double>(shared) / static_cast<double>(mine.size());
  }

  // Whether `turn` has a finding of one of these ids or categories.
  [[nodiscard]] bool found_in(std::size_t turn, const std::vector<std::string>& wanted) const {
    const auto& found = entry(turn).found;
    return std::any_of(found.begin(), found.end(), [&](const auto& f) {
      return std::any_of(wanted.begin(), wanted.end(),
                         [&](const std::string& w) { return w == f.first || w == to_string(f.second); });
    });
  }

  // The turn before `turn` of the other party: for a patient the therapist, for a
  // therapist the patient (an `other` speaker in between is skipped); nullopt when there
  // is none within reach.
  [[nodiscard]] std::optional<std::size_t> previous_other(std::size_t turn) const {
    const Speaker me = entry(turn).turn.speaker;
    for (std::size_t k = turn; k-- > base();) {
      const Speaker them = entry(k).turn.speaker;
      if (them != me && (them != Speaker::other || me == Speaker::other)) return k;
    }
    return std::nullopt;
  }

  [[nodiscard]] std::optional<std::size_t> previous_same(std::size_t turn) const {
    const Speaker me = entry(turn).turn.speaker;
    for (std::size_t k = turn; k-- > base();) {
      if (entry(k).turn.speaker == me) return k;
    }
    return std::nullopt;
  }

  void add_tokens(std::size_t turn, const std::vector<Hit>& hits, std::vector<Span>& out) const {
    const TokenizedText& text = turn_data(turn).text;
    for (const Hit& h : hits) add_spans(text, h, out);
  }

  // One turn in the window.
  struct Entry {
    Turn turn;
    mutable std::unique_ptr<TurnData> data;               ///< worked out on first use
    std::vector<std::pair<std::string, Category>> found;  ///< its findings, for after_finding
  };

  [[nodiscard]] const Entry& entry(std::size_t turn) const { return ring_[turn % TagStream::reach]; }
  [[nodiscard]] Entry& entry(std::size_t turn) { return ring_[turn % TagStream::reach]; }
  // The first turn still held.
  [[nodiscard]] std::size_t base() const { return size_ > TagStream::reach ? size_ - TagStream::reach : 0; }

  // The TurnData of turns that left a ring on this thread, for the next turns: their
  // buffers are allocated once per thread, not once per turn.
  static std::vector<std::unique_ptr<TurnData>>& spare() {
    thread_local std::vector<std::unique_ptr<TurnData>> kept;
    return kept;
  }
  static void recycle(std::unique_ptr<TurnData> data) {
    if (data && spare().size() < TagStream::reach) spare().push_back(std::move(data));
  }

  // The words and matches of `turn`, worked out on first use.
  [[nodiscard]] const TurnData& turn_data(std::size_t turn) const {
    const Entry& e = entry(turn);
    if (e.data) return *e.data;
    if (spare().empty()) {
      e.data = std::make_unique<TurnData>();
    } else {
      e.data = std::move(spare().back());
      spare().pop_back();
    }
    TurnData& data = *e.data;
    const Turn& source = e.turn;
    data.talk = source.cues.empty() ? source.text : talk_only(source.text, source.cues);
    tokenize(data.talk, pack_.normalize_options(), data.text);
    thread_local std::vector<Hit> found;
    found.clear();
    pack_.index().find(data.text, found, keep_words_ ? &data.words : nullptr);
    if (!keep_words_) data.words.clear();
    data.hits.fill(found, pack_.list_count());
    const bool has_notes =
        std::any_of(source.cues.begin(), source.cues.end(), [](const Cue& cue) { return !cue.text.empty(); });
    if (has_notes) {
      tokenize(notes_only(source.text, source.cues), pack_.normalize_options(), data.notes);
      pack_.index().find(data.notes, found);
      data.note_hits.fill(found, pack_.list_count());
    } else {
      data.notes.clear();
      data.note_hits.clear();
    }
    data.conditions.clear();
    return data;
  }

  // Whether condition `k` holds for `turn`, worked out once per turn and condition: a
  // condition looks only at its turn and the turns before it, which do not change.
  [[nodiscard]] bool holds(std::uint32_t k, std::size_t turn) const {
    const TurnData& data = turn_data(turn);
    if (data.conditions.empty()) data.conditions.assign(pack_.condition_count(), -1);
    std::int8_t& known = data.conditions[k];
    if (known < 0) known = eval(pack_.condition(k), turn, nullptr) ? 1 : 0;
    return known == 1;
  }

  static_assert((TagStream::reach & (TagStream::reach - 1)) == 0, "a power of two: % is a mask");

  const CompiledPack& pack_;
  bool keep_words_;
  std::vector<Entry> ring_;
  std::size_t size_ = 0;  ///< turns appended
};

namespace {

// Whether a rule (not the turn model) found a marker among `findings`.
bool rule_found_marker(const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
    return f.category != Category::repair && f.rule != model_rule_id;
  });
}

// Whether `model`'s veto may drop one of `findings` (a patient turn's: all markers).
bool may_veto_any(const ModelScorer& model, const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const Finding& f) { return model.may_veto(f.rule); });
}

// What the turn model reads of the patient turn `turn`. `therapist`: the therapist's last turn
// before it; `next`: the turn right after it, when the therapist speaks it; `previous_flagged`: a
// rule found a marker in the patient's turn before it.
TurnView model_view(const Evaluator& evaluator, std::size_t turn, std::optional<std::size_t> therapist,
                    std::optional<std::size_t> next, bool previous_flagged) {
  TurnView view;
  view.turn = &evaluator.tokens(turn);
  view.turn_words = evaluator.words(turn);
  if (therapist && turn - *therapist < TagStream::reach) {
    view.therapist = &evaluator.tokens(*therapist);
    view.therapist_words = evaluator.words(*therapist);
  }
  if (next) {
    view.next = &evaluator.tokens(*next);
    view.next_words = evaluator.words(*next);
  }
  view.previous_flagged = previous_flagged;
  return view;
}

// The turn model's finding for the patient turn `turn`, which it reads as `view`, if its
// probability of a rupture reaches `threshold`.
std::optional<Finding> model_finding(const ModelScorer& model, double threshold, const TurnView& view,
                                     std::size_t turn) {
  const ModelVerdict verdict = model.score(view, threshold);
  if (verdict.rupture < threshold) return std::nullopt;
  const std::string& id = model.model().classes[verdict.marker];
  Finding finding{
      id, find_catalogue_entry(id)->category, turn, std::string(model_rule_id), {}, verdict.rupture, {}};
  for (const auto& [begin, end] : verdict.evidence) finding.spans.push_back({begin, end});
  finding.weighed = verdict.weighed;
  finding.spans = merge_spans(std::move(finding.spans));
  return finding;
}

// The rules' findings of the last turn appended to `evaluator`, recorded in it
// (after_finding looks back at them). `fired`, when given, gets the index of every rule
// that fired.
std::vector<Finding> tag_last(const CompiledPack& pack, Evaluator& evaluator,
                              std::vector<std::uint32_t>* fired) {
  const std::size_t turn = evaluator.size() - 1;
  const Speaker speaker = evaluator.turn(turn).speaker;
  std::vector<Finding> out;
  Evidence evidence;
  thread_local std::vector<std::uint32_t> candidates;
  pack.candidates(speaker, evaluator.matched_lists(turn), candidates);
  for (const std::uint32_t r : candidates) {
    const CompiledRule& rule = pack.rules()[r];
    evidence.spans.clear();
    evidence.cues.clear();
    if (!evaluator.eval(rule.clauses, turn, &evidence)) continue;
    if (fired != nullptr) fired->push_back(r);
    const auto same =
        std::find_if(out.begin(), out.end(), [&](const Finding& f) { return f.marker == rule.code->id; });
    if (same != out.end()) {
      if (rule.rule->weight > same->strength) {
        same->rule = rule.rule->id;
        same->spans = merge_spans(evidence.spans);
        same->cues = evidence.cues;
        same->strength = rule.rule->weight;
      }
      continue;
    }
    out.push_back({rule.code->id, rule.code->category, turn, rule.rule->id, merge_spans(evidence.spans),
                   rule.rule->weight, evidence.cues});
  }
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return catalogue_rank(a.marker) < catalogue_rank(b.marker);
  });
  evaluator.record(turn, out);
  return out;
}

}  // namespace

TagStream::TagStream(std::shared_ptr<const CompiledPack> pack, const std::vector<std::string>& conditions,
                     bool every_rule, ModelUse model)
    : pack_(std::move(pack)),
      // the model's word slots only when the model reads turns and takes words by their slot
      evaluator_(std::make_unique<Evaluator>(
          *pack_, model.on && pack_->model() != nullptr && pack_->model()->reads_slots())),
      every_rule_(every_rule),
      model_(model.on ? pack_->model() : nullptr),
      threshold_(model_ == nullptr ? 1.0 : model.threshold.value_or(model_->model().threshold)),
      veto_(model_ == nullptr ? 0.0 : model.veto.value_or(model_->model().veto)) {
  for (const auto& name : conditions) conditions_.push_back(pack_->find_condition(name));
}

TagStream::TagStream(TagStream&&) noexcept = default;
TagStream& TagStream::operator=(TagStream&&) noexcept = default;
TagStream::~TagStream() = default;

std::vector<TurnTags> TagStream::push(Turn turn) {
  evaluator_->append(std::move(turn));
  const std::size_t index = evaluator_->size() - 1;
  const Speaker speaker = evaluator_->turn(index).speaker;
  std::vector<TurnTags> out;
  // the waiting turn first: its finding, if any, is recorded before this turn's rules look back
  if (waiting_) out.push_back(complete(speaker == Speaker::therapist ? std::optional(index) : std::nullopt));
  TurnTags tags;
  tags.turn = index;
  tags.findings = tag_last(*pack_, *evaluator_, every_rule_ ? &tags.fired : nullptr);
  tags.words = evaluator_->word_count(index);
  if (speaker == Speaker::therapist) last_therapist_ = index;
  if (speaker == Speaker::patient) {
    const bool flagged = rule_found_marker(tags.findings);
    const bool previous_flagged = std::exchange(previous_flagged_, flagged);  // `prev:1`
    if (model_ != nullptr && (!flagged || (veto_ > 0 && may_veto_any(*model_, tags.findings)))) {
      waiting_ = Waiting{std::move(tags), flagged, last_therapist_, previous_flagged};
      return out;
    }
  }
  evaluate_conditions(tags);
  out.push_back(std::move(tags));
  return out;
}

std::vector<TurnTags> TagStream::finish() {
  std::vector<TurnTags> out;
  if (waiting_) out.push_back(complete(std::nullopt));
  return out;
}

TurnTags TagStream::complete(std::optional<std::size_t> next) {
  Waiting waiting = std::move(*waiting_);
  waiting_.reset();
  TurnTags& tags = waiting.tags;
  const TurnView view = model_view(*evaluator_, tags.turn, waiting.therapist, next, waiting.previous_flagged);
  if (waiting.flagged) {
    if (model_->rupture(view) < veto_) {
      std::erase_if(tags.findings, [&](const Finding& f) { return model_->may_veto(f.rule); });
      evaluator_->record(tags.turn, tags.findings);
    }
  } else if (auto found = model_finding(*model_, threshold_, view, tags.turn)) {
    tags.findings.push_back(std::move(*found));  // a patient turn: no other marker, no repair
    evaluator_->record(tags.turn, tags.findings);
  }
  evaluate_conditions(tags);
  return std::move(tags);
}

void TagStream::evaluate_conditions(TurnTags& tags) const {
  // Conditions look back only, like rules: each turn's are evaluated once its findings are known.
  for (const auto& c : conditions_) {
    tags.conditions.push_back(c && evaluator_->eval(pack_->condition(*c), tags.turn, nullptr));
  }
}

bool TagStream::fires_next(Turn turn, std::string_view rule_id) {
  for (const auto& rule : pack_->rules()) {
    if (rule.rule->id != rule_id) continue;
    if (turn.speaker != rule.speaker) return false;
    evaluator_->append(std::move(turn));
    return evaluator_->eval(rule.clauses, evaluator_->size() - 1, nullptr);
  }
  return false;
}

const Turn& TagStream::turn(std::size_t index) const {
  return evaluator_->turn(index);
}

Tagger::Tagger(std::shared_ptr<const CompiledPack> pack) : pack_(std::move(pack)) {}

std::vector<Finding> Tagger::tag(const Transcript& transcript) const {
  TagStream stream(pack_);
  std::vector<Finding> findings;
  const auto take = [&](std::vector<TurnTags> done) {
    for (TurnTags& tags : done)
      std::move(tags.findings.begin(), tags.findings.end(), std::back_inserter(findings));
  };
  for (const Turn& turn : transcript.turns) take(stream.push(turn));
  take(stream.finish());
  return findings;
}

bool Tagger::rule_fires(const Transcript& transcript, std::size_t turn, std::string_view rule_id) const {
  if (turn >= transcript.turns.size()) return false;
  TagStream stream(pack_, {}, false, ModelUse::off());  // a rule is judged with the rules alone
  for (std::size_t k = 0; k < turn; ++k) stream.push(transcript.turns[k]);  // tagged as usual
  return stream.fires_next(transcript.turns[turn], rule_id);
}

}  // namespace ruptag
