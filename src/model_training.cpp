#include "ruptag/model_training.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <random>
#include <unordered_map>

#include "ruptag/agreement.hpp"
#include "ruptag/catalogue.hpp"
#include "ruptag/error.hpp"
#include "ruptag/pack_test.hpp"
#include "ruptag/turn_model.hpp"

namespace ruptag {

namespace {

constexpr std::uint32_t not_kept = std::numeric_limits<std::uint32_t>::max();

// A YAML double-quoted scalar of `s`.
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

}  // namespace

void ModelTrainer::add(const FileReport& report, const TurnCodes& gold) {
  add_turns(report, gold, 0, false);
}

void ModelTrainer::add_turns(const FileReport& report, const TurnCodes& gold, std::size_t from,
                             bool example) {
  const auto& turns = report.transcript.turns;
  std::vector<bool> flagged(turns.size(), false);
  std::vector<std::vector<std::uint32_t>> rules(turns.size());
  for (const Finding& f : report.findings) {
    if (f.category == Category::repair) continue;
    flagged.at(f.turn) = true;
    const auto [it, fresh] = rule_numbers_.try_emplace(f.rule, static_cast<std::uint32_t>(rule_ids_.size()));
    if (fresh) rule_ids_.push_back(f.rule);
    rules.at(f.turn).push_back(it->second);
  }
  // the talk as the tagger reads it, of the turns a model reads (the patient's and the therapist's)
  std::vector<TokenizedText> tokens(turns.size());
  for (std::size_t t = 0; t < turns.size(); ++t) {
    const Turn& turn = turns[t];
    if (turn.speaker == Speaker::other) continue;
    tokenize_talk(turn, normalize_, tokens[t]);
  }
  std::optional<std::size_t> therapist;
  bool previous_flagged = false;
  for (std::size_t t = 0; t < turns.size(); ++t) {
    const Turn& turn = turns[t];
    if (turn.speaker == Speaker::therapist) therapist = t;
    if (turn.speaker != Speaker::patient) continue;
    if (t < from) {
      previous_flagged = flagged[t];
      continue;
    }
    TurnView view;
    view.turn = &tokens[t];
    if (therapist) view.therapist = &tokens[*therapist];
    if (t + 1 < turns.size() && turns[t + 1].speaker == Speaker::therapist) view.next = &tokens[t + 1];
    view.previous_flagged = previous_flagged;
    std::vector<std::uint32_t> ids;
    for_each_feature(view, [&](std::string_view key, std::size_t /*first*/, std::size_t /*last*/) {
      const auto [it, fresh] = keys_.try_emplace(std::string(key), static_cast<std::uint32_t>(names_.size()));
      if (fresh) names_.emplace_back(key);
      ids.push_back(it->second);
    });
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    turns_.push_back(std::move(ids));
    std::string label;  // the first marker in catalogue order
    for (const std::string& code : gold.at(t)) {
      const CatalogueEntry* entry = find_catalogue_entry(code);
      if (entry == nullptr || entry->category == Category::repair) continue;
      if (label.empty() || catalogue_rank(code) < catalogue_rank(label)) label = code;
    }
    labels_.push_back(label);
    sessions_.push_back(session_count_);
    example_.push_back(example);
    rules_.push_back(std::move(rules[t]));
    previous_flagged = flagged[t];
  }
  ++session_count_;
}

std::size_t ModelTrainer::add_examples(const Tagger& rules) {
  std::size_t added = 0;
  ReportOptions rules_only;
  rules_only.model = ModelUse::off();
  rules_only.cut_segments = false;
  const auto add_example = [&](const std::string& text, const std::string& code) {
    const Transcript transcript = example_transcript(text, Speaker::patient);
    if (transcript.turns.empty() || transcript.turns.back().speaker != Speaker::patient) return;
    TurnCodes gold(transcript.turns.size());
    if (!code.empty()) gold.back().push_back(code);
    // only the example's last turn is one to learn from: the turns before it set the scene
    add_turns(build_report(transcript, rules, rules_only), gold, transcript.turns.size() - 1, true);
    ++added;
  };
  for (const CodeDef& code : rules.pack().pack().codes) {
    if (code.category == Category::repair) continue;
    for (const std::string& text : code.examples) add_example(text, code.id);
    for (const Rule& rule : code.rules) {
      for (const std::string& text : rule.examples.match) add_example(text, code.id);
      for (const std::string& text : rule.examples.no_match) add_example(text, {});
    }
  }
  example_count_ += added;
  return added;
}

std::size_t ModelTrainer::coded_turns() const {
  return static_cast<std::size_t>(
      std::count_if(labels_.begin(), labels_.end(), [](const std::string& l) { return !l.empty(); }));
}

TurnModel ModelTrainer::train(const TrainOptions& options) const {
  std::vector<std::size_t> all(turns_.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  return fit(all, options);
}

CrossValidation ModelTrainer::cross_validate(const TrainOptions& options, std::size_t folds) const {
  CrossValidation out;
  out.folds = std::min(folds, session_count_ - example_count_);
  if (out.folds < 2) throw Error(ExitCode::input, {}, "cross-validation needs at least 2 sessions");
  for (int k = 5; k <= 9; ++k) out.thresholds.push_back(k / 10.0);
  out.with_model.resize(out.thresholds.size());
  if (options.veto > 0) out.with_veto.resize(out.thresholds.size());
  out.model_alone.resize(out.thresholds.size());
  for (std::size_t fold = 0; fold < out.folds; ++fold) {
    std::vector<std::size_t> fit_on;
    std::vector<std::size_t> held_out;
    // the examples are always fitted on, never scored
    for (std::size_t i = 0; i < turns_.size(); ++i)
      (!example_[i] && sessions_[i] % out.folds == fold ? held_out : fit_on).push_back(i);
    const bool coded =
        std::any_of(fit_on.begin(), fit_on.end(), [&](std::size_t i) { return !labels_[i].empty(); });
    std::optional<TurnModel> model;
    if (coded) model = fit(fit_on, options);
    std::unordered_map<std::string_view, std::uint32_t> index;
    if (model) {
      for (std::uint32_t f = 0; f < model->features.size(); ++f) index.emplace(model->features[f].key, f);
    }
    std::vector<bool> overruled;  // per rule, whether this fold's veto may drop its findings
    if (!out.with_veto.empty()) overruled = vetoable(fit_on, options);
    for (const std::size_t i : held_out) {
      const bool gold = !labels_[i].empty();
      const bool flagged = !rules_[i].empty();
      out.rules.add(gold, flagged);
      double rupture = 0;
      if (model) {
        std::vector<double> z = model->bias;
        for (const std::uint32_t id : turns_[i]) {
          const auto it = index.find(names_[id]);
          if (it == index.end()) continue;
          const ModelFeature& f = model->features[it->second];
          for (std::size_t c = 0; c < f.classes.size(); ++c) z[f.classes[c]] += f.weights[c];
        }
        softmax(z);
        rupture = 1.0 - z[0];
      }
      for (std::size_t t = 0; t < out.thresholds.size(); ++t) {
        out.with_model[t].add(gold, flagged || rupture >= out.thresholds[t]);
        if (!out.with_veto.empty()) {
          const bool kept = std::any_of(rules_[i].begin(), rules_[i].end(), [&](std::uint32_t r) {
            return rupture >= options.veto || !overruled[r];
          });
          out.with_veto[t].add(gold, kept || rupture >= out.thresholds[t]);
        }
        out.model_alone[t].add(gold, rupture >= out.thresholds[t]);
      }
    }
  }
  return out;
}

std::vector<bool> ModelTrainer::vetoable(const std::vector<std::size_t>& subset,
                                         const TrainOptions& options) const {
  std::vector<std::size_t> fired(rule_ids_.size(), 0);
  std::vector<std::size_t> right(rule_ids_.size(), 0);  // on a turn with a gold marker
  for (const std::size_t i : subset) {
    if (example_[i]) continue;  // a rule's own examples say nothing of how often it is right
    for (const std::uint32_t r : rules_[i]) {
      ++fired[r];
      if (!labels_[i].empty()) ++right[r];
    }
  }
  std::vector<bool> out(rule_ids_.size(), false);
  for (std::size_t r = 0; r < out.size(); ++r) {
    out[r] = fired[r] >= options.veto_min_fired &&
             static_cast<double>(right[r]) < options.veto_max_precision * static_cast<double>(fired[r]);
  }
  return out;
}

TurnModel ModelTrainer::fit(const std::vector<std::size_t>& subset, const TrainOptions& options) const {
  TurnModel model;
  model.threshold = options.threshold;
  model.veto = options.veto;
  if (options.veto > 0) {
    const std::vector<bool> overruled = vetoable(subset, options);
    model.veto_rules.emplace();
    for (std::size_t r = 0; r < overruled.size(); ++r) {
      if (overruled[r]) model.veto_rules->push_back(rule_ids_[r]);
    }
    std::sort(model.veto_rules->begin(), model.veto_rules->end());
  }
  for (const CatalogueEntry& entry : catalogue()) {
    if (std::any_of(subset.begin(), subset.end(), [&](std::size_t i) { return labels_[i] == entry.id; })) {
      model.classes.emplace_back(entry.id);
    }
  }
  if (model.classes.empty())
    throw Error(ExitCode::input, {}, "no patient turn of the sessions has a gold marker");
  const std::size_t classes = model.classes.size() + 1;
  std::vector<std::uint32_t> label(subset.size(), 0);
  for (std::size_t r = 0; r < subset.size(); ++r) {
    const std::string& l = labels_[subset[r]];
    if (l.empty()) continue;
    label[r] = static_cast<std::uint32_t>(std::find(model.classes.begin(), model.classes.end(), l) -
                                          model.classes.begin() + 1);
  }
  // features in at least min_count turns, numbered in key order so the model reads the same
  // whatever order the turns came in
  std::vector<std::size_t> uses(names_.size(), 0);
  for (const std::size_t i : subset) {
    for (const std::uint32_t id : turns_[i]) ++uses[id];
  }
  std::vector<std::uint32_t> kept;
  for (std::uint32_t id = 0; id < names_.size(); ++id) {
    if (uses[id] >= options.min_count) kept.push_back(id);
  }
  std::sort(kept.begin(), kept.end(),
            [&](std::uint32_t a, std::uint32_t b) { return names_[a] < names_[b]; });
  std::vector<std::uint32_t> column(names_.size(), not_kept);
  for (std::uint32_t k = 0; k < kept.size(); ++k) column[kept[k]] = k;
  std::vector<std::vector<std::uint32_t>> rows(subset.size());
  for (std::size_t r = 0; r < subset.size(); ++r) {
    for (const std::uint32_t id : turns_[subset[r]]) {
      if (column[id] != not_kept) rows[r].push_back(column[id]);
    }
  }

  std::vector<double> w(kept.size() * classes, 0.0);
  std::vector<double> bias(classes, 0.0);
  std::vector<std::size_t> order(rows.size());
  std::vector<double> z(classes);
  const double l2 = options.l2 / static_cast<double>(rows.size());
  for (std::size_t epoch = 0; epoch < options.epochs; ++epoch) {
    // the same shuffle on every machine: Fisher-Yates on the generator's own numbers
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937 random(static_cast<std::uint32_t>(epoch + 1));
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random() % i]);
    for (const std::size_t i : order) {
      z = bias;
      for (const std::uint32_t f : rows[i]) {
        for (std::size_t c = 0; c < classes; ++c) z[c] += w[f * classes + c];
      }
      softmax(z);
      for (std::size_t c = 0; c < classes; ++c) {
        const double g = z[c] - (c == label[i] ? 1.0 : 0.0);
        bias[c] -= options.learning_rate * g;
        for (const std::uint32_t f : rows[i]) {
          double& wf = w[f * classes + c];
          wf -= options.learning_rate * (g + l2 * wf);
        }
      }
    }
  }
  const auto round4 = [](double v) { return std::round(v * 10000.0) / 10000.0; };
  for (const double b : bias) model.bias.push_back(round4(b));
  for (std::uint32_t k = 0; k < kept.size(); ++k) {
    ModelFeature feature;
    feature.key = names_[kept[k]];
    for (std::uint32_t c = 0; c < classes; ++c) {
      const double v = round4(w[k * classes + c]);
      if (std::abs(v) < options.prune || v == 0) continue;
      feature.classes.push_back(c);
      feature.weights.push_back(v);
    }
    if (!feature.classes.empty()) model.features.push_back(std::move(feature));
  }
  return model;
}

std::string model_yaml(const TurnModel& model, std::string_view header) {
  std::string out;
  std::size_t start = 0;
  while (start < header.size()) {
    const std::size_t end = std::min(header.find('\n', start), header.size());
    out += fmt::format("# {}\n", header.substr(start, end - start));
    start = end + 1;
  }
  const auto class_name = [&](std::uint32_t c) -> std::string_view {
    return c == 0 ? std::string_view("none") : std::string_view(model.classes[c - 1]);
  };
  out += "model:\n";
  out += fmt::format("  threshold: {}\n", model.threshold);
  if (model.veto > 0) out += fmt::format("  veto: {}\n", model.veto);
  if (model.veto_rules) out += fmt::format("  veto_rules: [{}]\n", fmt::join(*model.veto_rules, ", "));
  out += fmt::format("  classes: [{}]\n", fmt::join(model.classes, ", "));
  out += "  bias: {";
  for (std::uint32_t c = 0; c < model.bias.size(); ++c) {
    out += fmt::format("{}{}: {}", c == 0 ? "" : ", ", class_name(c), model.bias[c]);
  }
  out += "}\n  weights:\n";
  for (const ModelFeature& f : model.features) {
    out += fmt::format("    {}: {{", quoted(f.key));
    for (std::size_t k = 0; k < f.classes.size(); ++k) {
      out += fmt::format("{}{}: {}", k == 0 ? "" : ", ", class_name(f.classes[k]), f.weights[k]);
    }
    out += "}\n";
  }
  return out;
}

}  // namespace ruptag
