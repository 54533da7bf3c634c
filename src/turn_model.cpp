#include "ruptag/turn_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ruptag {

namespace {

constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
constexpr std::size_t max_length_bucket = 6;

// Whether the therapist's turn ends with a question (the feature "t:?").
bool asks(const TokenizedText& therapist) {
  return !therapist.sentences.empty() && therapist.sentences.back().terminator == '?';
}

// The two words of the key of a word pair, "b:" taken off ("i know": "i" and "know").
std::pair<std::string_view, std::string_view> pair_words(std::string_view pair) {
  const std::size_t space = pair.find(' ');
  return {pair.substr(0, space), space == std::string_view::npos ? pair : pair.substr(space + 1)};
}

}  // namespace

std::size_t therapist_words_begin(const TokenizedText& therapist) {
  const auto& sentences = therapist.sentences;
  if (sentences.size() <= therapist_sentences) return 0;
  return sentences[sentences.size() - therapist_sentences].first_token;
}

std::size_t next_words_end(const TokenizedText& next) {
  const auto& sentences = next.sentences;
  if (sentences.size() <= next_sentences) return next.tokens.size();
  return sentences[next_sentences - 1].end_token;
}

void softmax(std::vector<double>& z) {
  const double top = *std::max_element(z.begin(), z.end());
  double sum = 0;
  for (double& v : z) {
    v = std::exp(v - top);
    sum += v;
  }
  for (double& v : z) v /= sum;
}

void for_each_feature(
    const TurnView& view,
    const std::function<void(std::string_view key, std::size_t first, std::size_t last)>& visit) {
  thread_local std::string key;
  const TokenizedText& turn = *view.turn;
  const std::size_t n = turn.tokens.size();
  for (std::size_t i = 0; i < n; ++i) {
    key.assign("w:").append(turn.normalized(i));
    visit(key, i, i);
    if (i + 1 < n && turn.tokens[i + 1].sentence == turn.tokens[i].sentence) {
      key.assign("b:").append(turn.normalized(i)).append(" ").append(turn.normalized(i + 1));
      visit(key, i, i + 1);
    }
  }
  if (view.therapist != nullptr) {
    for (std::size_t i = therapist_words_begin(*view.therapist); i < view.therapist->tokens.size(); ++i) {
      key.assign("t:").append(view.therapist->normalized(i));
      visit(key, none, none);
    }
    if (asks(*view.therapist)) visit("t:?", none, none);
  }
  if (view.next != nullptr) {
    const std::size_t end = next_words_end(*view.next);
    for (std::size_t i = 0; i < end; ++i) {
      key.assign("n:").append(view.next->normalized(i));
      visit(key, none, none);
    }
  }
  key = fmt::format("len:{}", std::min(max_length_bucket, n / 5));
  visit(key, none, none);
  if (view.previous_flagged) visit("prev:1", none, none);
}

void for_each_model_word(const TurnModel& model, const std::function<void(std::string_view)>& f) {
  for (const ModelFeature& feature : model.features) {
    const std::string_view key = feature.key;
    if (key.starts_with("w:") || key.starts_with("t:") || key.starts_with("n:")) {
      if (key != "t:?") f(key.substr(2));
    } else if (key.starts_with("b:")) {
      const auto [first, second] = pair_words(key.substr(2));
      f(first);
      f(second);
    }
  }
}

ModelScorer::ModelScorer(const TurnModel& model, const TermIndex* index) : model_(&model) {
  if (model.veto_rules) {
    veto_rules_ = *model.veto_rules;
    std::sort(veto_rules_.begin(), veto_rules_.end());
  }
  // the keys taken apart, so that scoring a turn builds no string: a word's unigram and
  // therapist features hang off the word, a bigram is a pair of word numbers
  const auto number = [&](std::string_view w) {
    const std::uint32_t n = numbers_.insert(w, static_cast<std::uint32_t>(words_.size()));
    if (n == words_.size()) words_.emplace_back();
    return n;
  };
  row_width_ = std::max(short_row, model.classes.size() + 1);
  weights_.assign(model.features.size() * row_width_, 0.0);
  for (std::size_t f = 0; f < model.features.size(); ++f) {
    const ModelFeature& feature = model.features[f];
    for (std::size_t k = 0; k < feature.classes.size(); ++k) {
      weights_[f * row_width_ + feature.classes[k]] += feature.weights[k];
    }
    const std::string_view key = feature.key;
    const auto id = static_cast<std::uint32_t>(f);
    if (key == "t:?") {
      asks_ = id;
    } else if (key == "prev:1") {
      previous_ = id;
    } else if (key.starts_with("len:")) {
      length_.at(static_cast<std::size_t>(key[4] - '0')) = id;
    } else if (key.starts_with("w:")) {
      words_[number(key.substr(2))].unigram = id;
    } else if (key.starts_with("t:")) {
      words_[number(key.substr(2))].therapist = id;
    } else if (key.starts_with("n:")) {
      words_[number(key.substr(2))].next = id;
    } else if (key.starts_with("b:")) {
      const auto [first, second] = pair_words(key.substr(2));
      const std::uint32_t a = number(first);
      bigrams_.insert(PairMap::key(a, number(second)), id);
    }
  }
  if (index != nullptr) {
    // the words by the index's slots, if it knows every word the scorer looks up by slot
    slot_words_.assign(index->word_slot_count(), no_feature);
    bool all_known = true;
    for (std::size_t slot = 0; slot < numbers_.slot_count() && all_known; ++slot) {
      const std::string_view word = numbers_.key_at(slot);
      if (word.empty() || word.find('\'') != std::string_view::npos) continue;
      const std::uint32_t at = index->word_slot(word);
      all_known = at != TermIndex::unknown_word;
      if (all_known) slot_words_[at] = numbers_.value_at(slot);
    }
    if (!all_known || slot_words_.empty()) slot_words_ = {};
  }
}

inline std::uint32_t ModelScorer::number_of(const TokenizedText& text, std::span<const std::uint32_t> slots,
                                            std::size_t i) const {
  if (!slots.empty() && !slot_words_.empty()) {
    const std::uint32_t slot = slots[i];
    if (slot == TermIndex::unknown_word) return no_feature;
    if (slot != TermIndex::apostrophe_word) return slot_words_[slot];
  }
  const std::uint32_t* known = numbers_.find(text.normalized(i));
  return known == nullptr ? no_feature : *known;
}

bool ModelScorer::may_veto(std::string_view rule_id) const {
  if (!model_->veto_rules) return true;
  return std::binary_search(veto_rules_.begin(), veto_rules_.end(), rule_id, std::less<>());
}

ModelVerdict ModelScorer::score(const TurnView& view, double threshold) const {
  struct Use {
    std::uint32_t feature;
    std::uint32_t first;  ///< the turn's tokens it covers; `none32` for the context
    std::uint32_t last;
    FeatureSource source;
  };
  constexpr std::uint32_t none32 = no_feature;
  thread_local std::vector<Use> used;
  thread_local std::vector<std::uint32_t> numbers;
  // each feature counts once, at its first place in the turn: `seen` holds, per feature,
  // the number of the last turn that used it
  thread_local std::vector<std::uint32_t> seen;
  thread_local std::uint32_t turn_number = 0;
  if (seen.size() < model_->features.size() || ++turn_number == 0) {
    seen.assign(std::max(seen.size(), model_->features.size()), 0);
    turn_number = 1;
  }
  const auto use = [&](std::uint32_t feature, std::uint32_t first, std::uint32_t last,
                       FeatureSource source = FeatureSource::turn) {
    if (seen[feature] == turn_number) return;
    seen[feature] = turn_number;
    used.push_back({feature, first, last, source});
  };
  used.clear();
  numbers.clear();
  const TokenizedText& turn = *view.turn;
  const std::size_t n = turn.tokens.size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t known = number_of(turn, view.turn_words, i);
    numbers.push_back(known);
    if (known != none32 && words_[known].unigram != no_feature) {
      use(words_[known].unigram, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i));
    }
  }
  if (!bigrams_.empty()) {
    for (std::size_t i = 0; i + 1 < n; ++i) {
      if (numbers[i] == none32 || numbers[i + 1] == none32) continue;
      if (turn.tokens[i + 1].sentence != turn.tokens[i].sentence) continue;
      const std::uint32_t bigram = bigrams_.find(PairMap::key(numbers[i], numbers[i + 1]));
      if (bigram != PairMap::none)
        use(bigram, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + 1));
    }
  }
  if (view.therapist != nullptr) {
    for (std::size_t i = therapist_words_begin(*view.therapist); i < view.therapist->tokens.size(); ++i) {
      const std::uint32_t known = number_of(*view.therapist, view.therapist_words, i);
      if (known != none32 && words_[known].therapist != no_feature)
        use(words_[known].therapist, none32, none32, FeatureSource::before);
    }
    if (asks_ != no_feature && asks(*view.therapist)) use(asks_, none32, none32, FeatureSource::before);
  }
  if (view.next != nullptr) {
    const std::size_t end = next_words_end(*view.next);
    for (std::size_t i = 0; i < end; ++i) {
      const std::uint32_t known = number_of(*view.next, view.next_words, i);
      if (known != none32 && words_[known].next != no_feature) {
        use(words_[known].next, none32, none32, FeatureSource::answer);
      }
    }
  }
  const std::uint32_t length = length_[std::min(length_.size() - 1, n / 5)];
  if (length != no_feature) use(length, none32, none32);
  if (view.previous_flagged && previous_ != no_feature) use(previous_, none32, none32);
  const TurnModel& m = *model_;
  thread_local std::vector<double> z;
  z = m.bias;
  const std::size_t width = row_width_;
  if (width == short_row) {
    // in registers, a row at a time
    std::array<double, short_row> sums{};
    std::copy(z.begin(), z.end(), sums.begin());
    for (const Use& u : used) {
      const double* const row = weights_.data() + (u.feature * short_row);
      for (std::size_t c = 0; c < short_row; ++c) sums[c] += row[c];
    }
    std::copy_n(sums.begin(), z.size(), z.begin());
  } else {
    for (const Use& u : used) {
      const double* const row = weights_.data() + (u.feature * width);
      for (std::size_t c = 0; c < z.size(); ++c) z[c] += row[c];
    }
  }
  softmax(z);
  ModelVerdict verdict;
  verdict.rupture = 1.0 - z[0];
  const auto best = std::max_element(z.begin() + 1, z.end());
  verdict.marker = static_cast<std::size_t>(best - z.begin() - 1);
  if (verdict.rupture < threshold) return verdict;
  // what pushes towards that marker, against "none": per source, and the turn's words
  const auto cls = static_cast<std::uint32_t>(verdict.marker + 1);
  std::vector<std::pair<double, std::pair<std::uint32_t, std::uint32_t>>> weighed;
  std::array<double, 3> pull{};
  for (const Use& u : used) {
    const double* const row = weights_.data() + (u.feature * width);
    const double w = row[cls] - row[0];
    pull.at(static_cast<std::size_t>(u.source)) += w;
    if (u.first != none32 && w > 0)
      weighed.push_back({w, {turn.tokens[u.first].begin, turn.tokens[u.last].end}});
  }
  double total = 0;
  for (double& p : pull) total += (p = std::max(p, 0.0));
  if (total > 0) {
    for (std::size_t s = 0; s < pull.size(); ++s) verdict.weighed.at(s) = pull.at(s) / total;
  }
  std::stable_sort(weighed.begin(), weighed.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = 0; i < weighed.size() && i < 3; ++i) verdict.evidence.push_back(weighed[i].second);
  std::sort(verdict.evidence.begin(), verdict.evidence.end());
  return verdict;
}

}  // namespace ruptag
