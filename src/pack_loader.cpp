#include "ruptag/pack_loader.hpp"

#include <fmt/format.h>
#include <re2/re2.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <span>
#include <tuple>

#include "ruptag/embedded_packs.hpp"
#include "ruptag/pack_binary.hpp"
#include "ruptag/term_index.hpp"

namespace ruptag {

namespace {

using Keys = std::vector<std::string_view>;

const Keys& top_keys() {
  static const Keys keys{"aliases",       "pack",      "settings", "negation",   "stopwords",
                         "detect",        "questions", "lexicons", "conditions", "markers",
                         "interventions", "disable",   "model"};
  return keys;
}
const Keys& clause_keys() {
  static const Keys keys{"terms",           "regex",      "near",     "count",   "words",
                         "ratio",           "overlap",    "question", "cues",    "cue",
                         "after",           "not_after",  "run",      "speaker", "negation",
                         "negation_window", "exceptions", "unless",   "with",    "start_within",
                         "after_finding"};
  return keys;
}

// Levenshtein distance, for "did you mean" hints on misspelt keys.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// "unknown key 'wieght' in a rule (did you mean 'weight'?)" or the list of allowed keys.
std::string unknown_name_message(std::string_view noun, const std::string& key, const Keys& allowed,
                                 std::string_view what) {
  std::string_view best;
  std::size_t best_distance = 3;
  for (const auto k : allowed) {
    const std::size_t d = edit_distance(key, k);
    if (d < best_distance) {
      best = k;
      best_distance = d;
    }
  }
  if (!best.empty()) return fmt::format("unknown {} '{}' in {} (did you mean '{}'?)", noun, key, what, best);
  std::string list;
  for (const auto k : allowed) list += (list.empty() ? "" : ", ") + std::string(k);
  return fmt::format("unknown {} '{}' in {} (allowed: {})", noun, key, what, list);
}

std::string unknown_key_message(const std::string& key, const Keys& allowed, std::string_view what) {
  return unknown_name_message("key", key, allowed, what);
}

// A pack file as YAML, or the syntax error that stopped it.
struct YamlFile {
  std::string name;
  YAML::Node root;
  std::optional<std::string> syntax_error;
  YAML::Mark error_mark;
};

// Orders locations by file, line and column.
struct LocationOrder {
  bool operator()(const Location& a, const Location& b) const {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  }
};

// The key under which Parser::ref_where_ keeps where `owner` (a rule, a condition or an
// every_rule) names the condition `ref`.
std::string ref_key(std::string_view owner, std::string_view ref) {
  return fmt::format("{}/{}", owner, ref);
}

// Every problem found, reported together in file and line order.
struct Diagnostics {
  std::vector<std::pair<Location, std::string>> problems;
  void add(const Location& where, const std::string& message) { problems.emplace_back(where, message); }

  [[nodiscard]] std::string report() {
    std::stable_sort(problems.begin(), problems.end(),
                     [](const auto& a, const auto& b) { return LocationOrder{}(a.first, b.first); });
    std::string out;
    for (const auto& [where, message] : problems) {
      const std::string at = to_string(where);
      if (!out.empty()) out += '\n';
      if (!at.empty()) out.append(at).append(": ");
      out += message;
    }
    return out;
  }
};

// Reads YAML files into a RulePack, merging files in order and recording every problem.
class Parser {
 public:
  Parser(RulePack& pack, Diagnostics& diag) : pack_(pack), diag_(diag) {}

  void parse_file(const YamlFile& file) {
    file_ = file.name;
    if (file.syntax_error) {
      diag_.add(at(file.error_mark), fmt::format("YAML syntax error: {}", *file.syntax_error));
      return;
    }
    const YAML::Node& root = file.root;
    if (root.IsNull()) return;  // an empty file adds nothing
    if (!expect_map(root, "a pack file")) return;
    std::set<int> seen_nodes;
    check_duplicate_keys(root, seen_nodes);
    check_keys(root, top_keys(), "a pack file");
    if (auto n = root["pack"]) parse_manifest(n);
    if (auto n = root["settings"]) parse_settings(n);
    if (auto n = root["negation"]) parse_negation(n);
    if (auto n = root["stopwords"]) append(pack_.stopwords, n, "stopwords");
    if (auto n = root["detect"]) append(pack_.detect, n, "detect");
    if (auto n = root["aliases"]) parse_aliases(n);
    if (auto n = root["questions"]) parse_questions(n);
    if (auto n = root["lexicons"]) parse_lexicons(n);
    if (auto n = root["conditions"]) parse_conditions(n);
    if (auto n = root["markers"]) parse_codes(n, false);
    if (auto n = root["interventions"]) parse_codes(n, true);
    if (auto n = root["model"]) parse_model(n);
    if (auto n = root["disable"]) {
      TermList ids;
      append(ids, n, "disable");
      for (std::size_t i = 0; i < ids.terms.size(); ++i) {
        pack_.disabled.push_back(ids.terms[i]);
        disabled_where_.push_back(ids.where[i]);
      }
    }
  }

  [[nodiscard]] const std::vector<Location>& disabled_where() const { return disabled_where_; }

 private:
  [[nodiscard]] Location at(const YAML::Mark& mark) const {
    if (mark.is_null()) return {file_, 0, 0};
    return {file_, static_cast<std::size_t>(mark.line) + 1, static_cast<std::size_t>(mark.column) + 1};
  }
  [[nodiscard]] Location at(const YAML::Node& node) const { return at(node.Mark()); }

  bool expect_map(const YAML::Node& node, std::string_view what) {
    if (node.IsMap()) return true;
    diag_.add(at(node), fmt::format("{} must be a mapping (key: value)", what));
    return false;
  }

  bool expect_seq(const YAML::Node& node, std::string_view what) {
    if (node.IsSequence()) return true;
    diag_.add(at(node), fmt::format("{} must be a list", what));
    return false;
  }

  // Reports every key written twice in one mapping, anywhere in the file. yaml-cpp keeps both
  // pairs but a lookup finds only the first, so a second `unless:` in a rule would be dropped
  // without a word. A node reached again through an alias (`*name`) is checked once: walking
  // every alias of aliases would take exponential time. `seen_nodes` holds the source offsets of
  // the lists and mappings checked so far in this file.
  void check_duplicate_keys(const YAML::Node& node, std::set<int>& seen_nodes) {
    if (!node.IsSequence() && !node.IsMap()) return;
    if (!seen_nodes.insert(node.Mark().pos).second) return;
    if (node.IsSequence()) {
      for (const auto& item : node) check_duplicate_keys(item, seen_nodes);
      return;
    }
    std::map<std::string, YAML::Mark, std::less<>> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (it->first.IsScalar()) {
        const auto [first, inserted] = seen.emplace(it->first.Scalar(), it->first.Mark());
        if (!inserted) {
          diag_.add(
              at(it->first),
              fmt::format("key '{}' is given twice in this mapping (first on line {}); YAML keys must be "
                          "unique: merge the two into one",
                          it->first.Scalar(), first->second.line + 1));
        }
      }
      check_duplicate_keys(it->second, seen_nodes);
    }
  }

  void check_keys(const YAML::Node& map, const Keys& allowed, std::string_view what) {
    for (auto it = map.begin(); it != map.end(); ++it) {
      const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        diag_.add(at(it->first), unknown_key_message(key, allowed, what));
      }
    }
  }

  std::optional<std::string> scalar(const YAML::Node& node, std::string_view what) {
    if (node.IsScalar()) return node.Scalar();
    diag_.add(at(node), fmt::format("{} must be a single value", what));
    return std::nullopt;
  }

  std::optional<std::string> text(const YAML::Node& node, std::string_view what) {
    auto value = scalar(node, what);
    if (value && value->empty()) {
      diag_.add(at(node), fmt::format("{} must not be empty", what));
      return std::nullopt;
    }
    return value;
  }

  template <typename T>
  std::optional<T> number(const YAML::Node& node, std::string_view what, T min, T max) {
    if (!scalar(node, what)) return std::nullopt;
    T value{};
    try {
      value = node.as<T>();
    } catch (const YAML::BadConversion&) {
      diag_.add(at(node), fmt::format("{} must be a number, not '{}'", what, node.Scalar()));
      return std::nullopt;
    }
    if (value < min || value > max) {
      diag_.add(at(node), fmt::format("{} must be between {} and {}", what, min, max));
      return std::nullopt;
    }
    return value;
  }

  std::optional<bool> boolean(const YAML::Node& node, std::string_view what) {
    if (!scalar(node, what)) return std::nullopt;
    try {
      return node.as<bool>();
    } catch (const YAML::BadConversion&) {
      diag_.add(at(node), fmt::format("{} must be true or false", what));
      return std::nullopt;
    }
  }

  // Appends the strings of the list `node` to `list`; reports an empty list, a non-text item, and
  // an entry written twice in the same list (a slip, usually, that hides which of two edits was
  // meant).
  void append(TermList& list, const YAML::Node& node, std::string_view what) {
    if (list.list_where.line == 0) list.list_where = at(node);
    if (!expect_seq(node, what)) return;
    if (node.size() == 0) diag_.add(at(node), fmt::format("{} is an empty list", what));
    std::map<std::string, std::size_t, std::less<>> first_line;
    for (const auto& item : node) {
      if (auto value = text(item, fmt::format("an entry of {}", what))) {
        const Location where = at(item);
        const auto [first, inserted] = first_line.emplace(*value, where.line);
        if (!inserted) {
          diag_.add(where, fmt::format("'{}' is listed twice in {} (first on line {})", *value, what,
                                       first->second));
        }
        list.terms.push_back(*value);
        list.where.push_back(where);
      }
    }
  }

  // "laughter", "pause >= 2s", "silence > 1.5 s": one test, or a list of them (any holds).
  std::vector<CueTest> cue_tests(const YAML::Node& node) {
    std::vector<CueTest> tests;
    if (node.IsScalar()) {
      if (auto t = cue_test(node)) tests.push_back(*t);
      return tests;
    }
    if (!expect_seq(node, "cue")) return tests;
    if (node.size() == 0) diag_.add(at(node), "cue is an empty list");
    for (const auto& item : node) {
      if (auto t = cue_test(item)) tests.push_back(*t);
    }
    return tests;
  }

  std::optional<CueTest> cue_test(const YAML::Node& node) {
    const auto value = text(node, "cue");
    if (!value) return std::nullopt;
    const std::string_view s = *value;
    std::size_t i = 0;
    while (i < s.size() && s[i] >= 'a' && s[i] <= 'z') ++i;
    const std::string kind_name(s.substr(0, i));
    CueTest test;
    if (auto kind = parse_cue_kind(kind_name)) {
      test.kind = *kind;
    } else {
      Keys kinds(cue_kind_names().begin(), cue_kind_names().end());
      diag_.add(at(node), unknown_name_message("cue kind", kind_name, kinds, "cue"));
      return std::nullopt;
    }
    std::string_view rest = s.substr(i);
    const auto skip = [&] {
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    };
    skip();
    if (rest.empty()) return test;
    for (const std::string_view op : {">=", "<=", ">", "<"}) {
      if (rest.starts_with(op)) {
        test.op = std::string(op);
        rest.remove_prefix(op.size());
        break;
      }
    }
    skip();
    double seconds = -1;
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), seconds);
    std::string_view unit(end, static_cast<std::size_t>(rest.data() + rest.size() - end));
    while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
    if (test.op.empty() || ec != std::errc() || seconds < 0 ||
        (unit != "s" && unit != "sec" && !unit.empty())) {
      diag_.add(at(node), fmt::format("cue '{}' is not a cue kind with an optional length test such as "
                                      "'pause >= 2s'",
                                      s));
      return std::nullopt;
    }
    if (test.kind != CueKind::pause && test.kind != CueKind::silence) {
      diag_.add(at(node), fmt::format("cue '{}': only pause and silence have a length", s));
      return std::nullopt;
    }
    test.seconds = seconds;
    return test;
  }

  TermList term_list(const YAML::Node& node, std::string_view what) {
    TermList list;
    append(list, node, what);
    return list;
  }

  void parse_manifest(const YAML::Node& node) {
    if (!expect_map(node, "pack")) return;
    check_keys(node, {"id", "language", "version", "name", "description", "extends"}, "pack");
    auto& m = pack_.manifest;
    manifest_where_ = at(node);
    if (auto n = node["id"]) m.id = text(n, "pack.id").value_or(m.id);
    if (auto n = node["language"]) m.language = text(n, "pack.language").value_or(m.language);
    if (auto n = node["version"]) m.version = text(n, "pack.version").value_or(m.version);
    if (auto n = node["name"]) m.name = text(n, "pack.name").value_or(m.name);
    if (auto n = node["description"]) m.description = text(n, "pack.description").value_or("");
    if (auto n = node["extends"]) m.extends = text(n, "pack.extends").value_or("");
  }

  void parse_settings(const YAML::Node& node) {
    if (!expect_map(node, "settings")) return;
    check_keys(node,
               {"fold_diacritics", "negation_window", "negation_window_after", "stem_length", "repair_window",
                "resolution_window"},
               "settings");
    auto& s = pack_.settings;
    if (auto n = node["fold_diacritics"]) s.fold_diacritics = boolean(n, "fold_diacritics").value_or(true);
    if (auto n = node["negation_window"])
      s.negation_window = number(n, "negation_window", 0, 20).value_or(s.negation_window);
    if (auto n = node["negation_window_after"])
      s.negation_window_after = number(n, "negation_window_after", 0, 20).value_or(s.negation_window_after);
    if (auto n = node["stem_length"]) s.stem_length = number(n, "stem_length", 0, 64).value_or(s.stem_length);
    if (auto n = node["repair_window"])
      s.repair_window = number(n, "repair_window", 1, 50).value_or(s.repair_window);
    if (auto n = node["resolution_window"])
      s.resolution_window = number(n, "resolution_window", 1, 50).value_or(s.resolution_window);
  }

  // `model:` (docs/model.md): written by `ruptag rules train`, one per pack; a pack that
  // extends a built-in one replaces its model with its own.
  void parse_model(const YAML::Node& node) {
    if (model_where_) {
      diag_.add(at(node),
                fmt::format("model: a pack has one model (the first is at {})", to_string(*model_where_)));
      return;
    }
    model_where_ = at(node);
    if (!expect_map(node, "model")) return;
    check_keys(node, {"threshold", "veto", "veto_rules", "classes", "bias", "weights"}, "model");
    TurnModel model;
    model.where = at(node);
    if (auto n = node["threshold"]) model.threshold = number(n, "model.threshold", 0.01, 0.99).value_or(0.7);
    if (auto n = node["veto"]) {
      model.veto = number(n, "model.veto", 0.0, 0.98).value_or(0.0);
      if (model.veto >= model.threshold) {
        diag_.add(at(n), fmt::format("model.veto: {} is not below the threshold {} (a turn the model "
                                     "flags would lose the rules' findings)",
                                     model.veto, model.threshold));
        model.veto = 0;
      }
    }
    if (auto n = node["veto_rules"]; n && expect_seq(n, "model.veto_rules")) {
      std::vector<std::string> ids;
      for (const auto& item : n) {
        if (const auto id = text(item, "a rule id of model.veto_rules")) {
          ids.push_back(*id);
          veto_rules_where_.push_back(at(item));
        }
      }
      model.veto_rules = std::move(ids);
    }
    std::map<std::string, std::uint32_t, std::less<>> class_of{{"none", 0}};
    if (auto n = node["classes"]; n && expect_seq(n, "model.classes")) {
      for (const auto& item : n) {
        const auto id = text(item, "a class of model.classes");
        if (!id) continue;
        const CatalogueEntry* entry = find_catalogue_entry(*id);
        if (entry == nullptr || entry->category == Category::repair) {
          diag_.add(at(item), fmt::format("model.classes: '{}' is not a marker id of MARKERS.md", *id));
        } else if (!class_of.emplace(*id, static_cast<std::uint32_t>(model.classes.size() + 1)).second) {
          diag_.add(at(item), fmt::format("model.classes: '{}' is listed twice", *id));
        } else {
          model.classes.push_back(*id);
        }
      }
    } else if (!n) {
      diag_.add(at(node), "model: no classes (the marker ids it tells apart)");
    }
    // class name -> weight, for the bias and each feature
    const auto weights = [&](const YAML::Node& map, std::string_view what,
                             std::vector<std::uint32_t>& classes, std::vector<double>& values) {
      if (!expect_map(map, what)) return;
      for (auto it = map.begin(); it != map.end(); ++it) {
        const std::string name = it->first.IsScalar() ? it->first.Scalar() : std::string();
        const auto c = class_of.find(name);
        if (c == class_of.end()) {
          diag_.add(at(it->first), fmt::format("{}: '{}' is not one of the model's classes", what, name));
          continue;
        }
        if (const auto v = number(it->second, what, -1000.0, 1000.0)) {
          classes.push_back(c->second);
          values.push_back(*v);
        }
      }
    };
    model.bias.assign(model.classes.size() + 1, 0.0);
    if (auto n = node["bias"]) {
      std::vector<std::uint32_t> classes;
      std::vector<double> values;
      weights(n, "model.bias", classes, values);
      for (std::size_t k = 0; k < classes.size(); ++k) model.bias[classes[k]] = values[k];
    }
    if (auto n = node["weights"]; n && expect_map(n, "model.weights")) {
      for (auto it = n.begin(); it != n.end(); ++it) {
        ModelFeature feature;
        feature.key = it->first.IsScalar() ? it->first.Scalar() : std::string();
        if (!valid_feature_key(feature.key)) {
          diag_.add(at(it->first),
                    fmt::format("model.weights: '{}' is not a feature (w:WORD, b:WORD WORD, t:WORD, "
                                "t:?, len:N or prev:1)",
                                feature.key));
          continue;
        }
        weights(it->second, "model.weights", feature.classes, feature.weights);
        model.features.push_back(std::move(feature));
      }
    }
    pack_.model = std::move(model);
  }

  static bool valid_feature_key(std::string_view key) {
    const auto word = [](std::string_view w) { return !w.empty() && w.find(' ') == std::string_view::npos; };
    if (key.starts_with("w:") || key.starts_with("t:") || key.starts_with("n:")) return word(key.substr(2));
    if (key.starts_with("b:")) {
      const std::string_view rest = key.substr(2);
      const std::size_t space = rest.find(' ');
      return space != std::string_view::npos && word(rest.substr(0, space)) && word(rest.substr(space + 1));
    }
    if (key.starts_with("len:")) return key.size() == 5 && key[4] >= '0' && key[4] <= '6';
    return key == "prev:1";
  }

  void parse_negation(const YAML::Node& node) {
    if (!expect_map(node, "negation")) return;
    check_keys(node, {"cues", "pseudo"}, "negation");
    if (auto n = node["cues"]) append(pack_.negation_cues, n, "negation.cues");
    if (auto n = node["pseudo"]) append(pack_.pseudo_negations, n, "negation.pseudo");
  }

  void parse_aliases(const YAML::Node& node) {
    if (!expect_map(node, "aliases")) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const auto spoken = text(it->first, "an alias");
      const auto written = text(it->second, "an alias");
      if (spoken && written) {
        pack_.aliases.emplace_back(*spoken, *written);
        pack_.aliases_where.push_back(at(it->first));
      }
    }
  }

  void parse_questions(const YAML::Node& node) {
    if (!expect_map(node, "questions")) return;
    check_keys(node, {"open", "closed"}, "questions");
    if (auto n = node["open"]) append(pack_.questions.open, n, "questions.open");
    if (auto n = node["closed"]) append(pack_.questions.closed, n, "questions.closed");
  }

  // Whether `name` (a lexicon's or a condition's, written at `key`) was already defined in
  // this pack's files, which is an error: two files of one pack naming a lexicon alike
  // would merge two lists silently. A pack that extends a built-in one may name a base
  // lexicon or condition again (the base's were not read by this parser).
  bool defined_twice(std::map<std::string, Location>& where, std::string_view what, const std::string& name,
                     const YAML::Node& key) {
    const auto [first, fresh] = where.try_emplace(name, at(key));
    if (fresh || extending_) return false;
    diag_.add(at(key), fmt::format("{} '{}' is defined twice (first at {}): give one of them another name",
                                   what, name, to_string(first->second)));
    return true;
  }

  void parse_lexicons(const YAML::Node& node) {
    if (!expect_map(node, "lexicons")) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string name = it->first.Scalar();
      if (defined_twice(lexicon_where_, "lexicon", name, it->first)) continue;
      append(pack_.lexicons[name], it->second, fmt::format("lexicon '{}'", name));
    }
  }

  void parse_conditions(const YAML::Node& node) {
    if (!expect_map(node, "conditions")) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string name = it->first.Scalar();
      if (name.find('#') != std::string::npos) {
        diag_.add(at(it->first), fmt::format("condition name '{}' must not contain '#'", name));
        continue;
      }
      if (defined_twice(condition_where_, "condition", name, it->first)) continue;
      if (!expect_map(it->second, fmt::format("condition '{}'", name))) continue;
      check_keys(it->second, clause_keys(), fmt::format("condition '{}'", name));
      pack_.conditions[name] = parse_clauses(it->second, name);
    }
  }

  std::vector<ConditionRef> condition_refs(const YAML::Node& node, const std::string& owner,
                                           std::string_view key) {
    std::vector<ConditionRef> refs;
    auto one = [&](const YAML::Node& item) {
      if (item.IsScalar()) {
        refs.push_back(item.Scalar());
        ref_where_[ref_key(owner, item.Scalar())] = at(item);
      } else if (item.IsMap()) {
        const std::string name = fmt::format("{}#{}{}", owner, key, refs.size() + 1);
        check_keys(item, clause_keys(), fmt::format("an inline condition of {}", owner));
        pack_.conditions[name] = parse_clauses(item, name);
        refs.push_back(name);
      } else {
        diag_.add(at(item),
                  fmt::format("'{}' takes a condition name, an inline condition or a list of them", key));
      }
    };
    if (node.IsSequence()) {
      if (node.size() == 0) diag_.add(at(node), fmt::format("'{}' is an empty list", key));
      for (const auto& item : node) one(item);
    } else {
      one(node);
    }
    return refs;
  }

  template <typename Clause>
  void min_max(const YAML::Node& node, Clause& clause, std::string_view what, double limit) {
    using T = typename decltype(clause.min)::value_type;
    if (auto n = node["min"])
      clause.min = number<T>(n, fmt::format("{}.min", what), T{0}, static_cast<T>(limit));
    if (auto n = node["max"])
      clause.max = number<T>(n, fmt::format("{}.max", what), T{0}, static_cast<T>(limit));
    if (!clause.min && !clause.max) diag_.add(at(node), fmt::format("{} needs min, max or both", what));
    if (clause.min && clause.max && *clause.min > *clause.max) {
      diag_.add(at(node), fmt::format("{}: min is larger than max", what));
    }
  }

  Clauses parse_clauses(const YAML::Node& node, const std::string& owner) {
    Clauses c;
    c.where = at(node);
    if (auto n = node["terms"]) c.terms = term_list(n, "terms");
    if (auto n = node["regex"]) {
      if (n.IsSequence()) {
        if (n.size() == 0) diag_.add(at(n), "regex is an empty list");
        for (const auto& item : n) {
          if (auto r = text(item, "regex")) {
            c.regex.push_back(*r);
            c.regex_where.push_back(at(item));
          }
        }
      } else if (auto r = text(n, "regex")) {
        c.regex.push_back(*r);
        c.regex_where.push_back(at(n));
      }
    }
    if (auto n = node["near"]; n && expect_map(n, "near")) {
      check_keys(n, {"a", "b", "within"}, "near");
      NearClause near;
      if (n["a"])
        near.a = term_list(n["a"], "near.a");
      else
        diag_.add(at(n), "near needs a term list 'a'");
      if (n["b"])
        near.b = term_list(n["b"], "near.b");
      else
        diag_.add(at(n), "near needs a term list 'b'");
      if (auto w = n["within"]) near.within = number(w, "near.within", 0, 50).value_or(near.within);
      c.near = near;
    }
    if (auto n = node["count"]; n && expect_map(n, "count")) {
      check_keys(n, {"terms", "min", "max"}, "count");
      CountClause count;
      if (n["terms"])
        count.terms = term_list(n["terms"], "count.terms");
      else
        diag_.add(at(n), "count needs 'terms'");
      min_max(n, count, "count", 10000);
      c.count = count;
    }
    if (auto n = node["words"]; n && expect_map(n, "words")) {
      check_keys(n, {"min", "max", "ignore"}, "words");
      WordsClause words;
      if (n["ignore"]) words.ignore = term_list(n["ignore"], "words.ignore");
      min_max(n, words, "words", 1000000);
      c.words = words;
    }
    if (auto n = node["ratio"]; n && expect_map(n, "ratio")) {
      check_keys(n, {"terms", "min", "max"}, "ratio");
      RatioClause ratio;
      if (n["terms"])
        ratio.terms = term_list(n["terms"], "ratio.terms");
      else
        diag_.add(at(n), "ratio needs 'terms'");
      min_max(n, ratio, "ratio", 1.0);
      c.ratio = ratio;
    }
    if (auto n = node["overlap"]; n && expect_map(n, "overlap")) {
      check_keys(n, {"min", "max"}, "overlap");
      OverlapClause overlap;
      min_max(n, overlap, "overlap", 1.0);
      c.overlap = overlap;
    }
    if (auto n = node["question"]) {
      if (auto v = scalar(n, "question")) {
        if (*v == "open")
          c.question = QuestionKind::open;
        else if (*v == "closed")
          c.question = QuestionKind::closed;
        else if (*v == "any")
          c.question = QuestionKind::any;
        else if (*v == "none")
          c.question = QuestionKind::none;
        else
          diag_.add(at(n), fmt::format("question must be open, closed, any or none, not '{}'", *v));
      }
    }
    if (auto n = node["cues"]) c.cues = term_list(n, "cues");
    if (auto n = node["cue"]) c.cue = cue_tests(n);
    if (auto n = node["after"]) c.after = condition_refs(n, owner, "after");
    if (auto n = node["not_after"]) c.not_after = condition_refs(n, owner, "not_after");
    if (auto n = node["run"]; n && expect_map(n, "run")) {
      check_keys(n, {"condition", "min"}, "run");
      RunClause run;
      if (auto cond = n["condition"]) {
        auto refs = condition_refs(cond, owner, "run");
        if (refs.size() == 1)
          run.condition = refs.front();
        else
          diag_.add(at(cond), "run.condition takes exactly one condition");
      } else {
        diag_.add(at(n), "run needs a 'condition'");
      }
      if (auto m = n["min"]) run.min = number(m, "run.min", 1, 100).value_or(run.min);
      c.run = run;
    }
    if (auto n = node["speaker"]) {
      if (auto v = scalar(n, "speaker")) {
        if (*v == "patient")
          c.speaker = Speaker::patient;
        else if (*v == "therapist")
          c.speaker = Speaker::therapist;
        else
          diag_.add(at(n), fmt::format("speaker must be patient or therapist, not '{}'", *v));
      }
    }
    if (auto n = node["negation"]) {
      if (auto v = scalar(n, "negation")) {
        if (*v == "ignore")
          c.negation = Negation::ignore;
        else if (*v == "block")
          c.negation = Negation::block;
        else if (*v == "require")
          c.negation = Negation::require;
        else
          diag_.add(at(n), fmt::format("negation must be block, require or ignore, not '{}'", *v));
      }
    }
    if (auto n = node["negation_window"]) c.negation_window = number(n, "negation_window", 0, 20);
    if (auto n = node["exceptions"]) c.exceptions = term_list(n, "exceptions");
    if (auto n = node["unless"]) c.unless = term_list(n, "unless");
    if (auto n = node["with"]) c.with = term_list(n, "with");
    if (auto n = node["start_within"]) c.start_within = number(n, "start_within", 1, 1000);
    if (auto n = node["after_finding"]) {
      TermList ids = term_list(n, "after_finding");
      c.after_finding = std::move(ids.terms);
      c.after_finding_where = std::move(ids.where);
    }
    return c;
  }

  void parse_examples(const YAML::Node& node, Examples& ex, const std::string& rule) {
    if (!expect_map(node, fmt::format("examples of rule '{}'", rule))) return;
    check_keys(node, {"match", "no_match"}, fmt::format("examples of rule '{}'", rule));
    auto take = [&](const char* key, std::vector<std::string>& into, std::vector<Location>& where) {
      const YAML::Node list = node[key];
      if (!list) return;
      TermList items = term_list(list, fmt::format("examples.{}", key));
      into = std::move(items.terms);
      where = std::move(items.where);
    };
    take("match", ex.match, ex.match_where);
    take("no_match", ex.no_match, ex.no_match_where);
  }

  Rule parse_rule(const YAML::Node& node, const std::string& code_id) {
    Rule rule;
    rule.where = at(node);
    Keys keys{"id", "weight", "examples"};
    keys.insert(keys.end(), clause_keys().begin(), clause_keys().end());
    check_keys(node, keys, fmt::format("a rule of '{}'", code_id));
    if (auto n = node["id"])
      rule.id = text(n, "rule id").value_or("");
    else
      diag_.add(at(node), fmt::format("a rule of '{}' has no id", code_id));
    if (auto n = node["weight"]) rule.weight = number(n, "weight", 0.01, 1.0).value_or(1.0);
    rule.clauses = parse_clauses(node, rule.id.empty() ? code_id : rule.id);
    if (auto n = node["examples"]) parse_examples(n, rule.examples, rule.id);
    return rule;
  }

  void parse_codes(const YAML::Node& node, bool interventions) {
    const char* what = interventions ? "interventions" : "markers";
    if (!expect_seq(node, what)) return;
    for (const auto& item : node) {
      if (!expect_map(item, fmt::format("an entry of {}", what))) continue;
      if (interventions) {
        check_keys(item, {"id", "name", "description", "examples", "rules", "every_rule"}, "an intervention");
      } else {
        check_keys(item,
                   {"id", "category", "name", "description", "examples", "repairs", "rules", "every_rule"},
                   "a marker");
      }
      const auto id_node = item["id"];
      if (!id_node) {
        diag_.add(at(item), fmt::format("an entry of {} has no id", what));
        continue;
      }
      const auto id = text(id_node, "id");
      if (!id) continue;
      const CatalogueEntry* entry = find_catalogue_entry(*id);
      if (entry == nullptr) {
        diag_.add(at(id_node), fmt::format("unknown id '{}': ids are those of MARKERS.md", *id));
        continue;
      }
      if (interventions != (entry->category == Category::repair)) {
        diag_.add(at(id_node), fmt::format("'{}' is {}, so it belongs under '{}'", *id,
                                           interventions ? "a marker" : "an intervention",
                                           interventions ? "markers" : "interventions"));
        continue;
      }
      auto found =
          std::find_if(pack_.codes.begin(), pack_.codes.end(), [&](const CodeDef& c) { return c.id == *id; });
      if (found == pack_.codes.end()) {
        CodeDef fresh;
        fresh.id = *id;
        fresh.category = entry->category;
        fresh.where = at(item);
        pack_.codes.push_back(std::move(fresh));
        found = std::prev(pack_.codes.end());
      } else if (!extending_) {
        diag_.add(at(id_node),
                  fmt::format("'{}' is defined twice (first at {})", *id, to_string(found->where)));
        continue;
      }
      CodeDef& code = *found;
      if (auto n = item["category"]) {
        if (auto v = scalar(n, "category")) {
          const auto cat = parse_category(*v);
          if (!cat)
            diag_.add(at(n), fmt::format("unknown category '{}'", *v));
          else if (*cat != entry->category) {
            diag_.add(at(n), fmt::format("'{}' is a {} marker in MARKERS.md, not {}", *id,
                                         to_string(entry->category), *v));
          }
        }
      }
      if (auto n = item["name"]) code.name = text(n, "name").value_or(code.name);
      if (auto n = item["description"]) code.description = text(n, "description").value_or(code.description);
      if (auto n = item["examples"]) code.examples = term_list(n, "examples").terms;
      if (auto n = item["repairs"]) {
        TermList repairs = term_list(n, "repairs");
        code.repairs = repairs.terms;
        repairs_where_[code.id] = repairs.where;
      }
      const std::size_t first_new_rule = code.rules.size();
      if (auto n = item["rules"]; n && expect_seq(n, "rules")) {
        for (const auto& r : n) {
          if (expect_map(r, "a rule")) code.rules.push_back(parse_rule(r, code.id));
        }
      }
      if (auto n = item["every_rule"]) {
        apply_every_rule(n, code.id, std::span(code.rules).subspan(first_new_rule));
      }
    }
  }

  // The keys `every_rule` takes: the clauses that narrow a rule, and so can be shared by all
  // rules of a code without changing what each of them looks for.
  static const Keys& every_rule_keys() {
    static const Keys keys{"unless", "exceptions", "not_after", "words"};
    return keys;
  }

  // Reports, at `where` in a rule, an entry of `key` that every_rule (at `first`) already gives it.
  void report_repeated(const Location& where, std::string_view entry, std::string_view key,
                       const std::string& code_id, const Location& first) {
    diag_.add(where, fmt::format("'{}' in {} is already given to every rule of '{}' by every_rule (line {}): "
                                 "drop it here",
                                 entry, key, code_id, first.line));
  }

  // Puts the shared list `shared` in front of a rule's own list `own`; an entry in both is
  // reported at the rule's copy, since the rule already has it.
  void merge_shared(std::optional<TermList>& own, const std::optional<TermList>& shared, std::string_view key,
                    const std::string& code_id) {
    if (!shared) return;
    if (!own) {
      own = shared;
      return;
    }
    TermList merged = *shared;
    merged.list_where = own->list_where;
    for (std::size_t i = 0; i < own->terms.size(); ++i) {
      const auto found = std::find(shared->terms.begin(), shared->terms.end(), own->terms[i]);
      if (found != shared->terms.end()) {
        const Location& first = shared->where[static_cast<std::size_t>(found - shared->terms.begin())];
        report_repeated(own->where[i], own->terms[i], key, code_id, first);
        continue;
      }
      merged.terms.push_back(own->terms[i]);
      merged.where.push_back(own->where[i]);
    }
    own = std::move(merged);
  }

  // Gives every rule in `rules` (those listed in the same entry as `node`) the clauses of
  // `every_rule`: its lists go in front of each rule's own, and its `words` holds for a rule
  // that has no `words` of its own.
  void apply_every_rule(const YAML::Node& node, const std::string& code_id, std::span<Rule> rules) {
    if (!expect_map(node, fmt::format("every_rule of '{}'", code_id))) return;
    check_keys(node, every_rule_keys(), fmt::format("every_rule of '{}'", code_id));
    if (node.size() == 0) {
      diag_.add(at(node), "every_rule is empty: give unless, exceptions, not_after or words");
      return;
    }
    if (rules.empty()) {
      diag_.add(
          at(node),
          fmt::format("every_rule of '{}' applies to the rules listed with it, and there are none", code_id));
      return;
    }
    const std::string owner = code_id + ".every_rule";
    const Clauses shared = parse_clauses(node, owner);
    for (const auto* list : {&shared.unless, &shared.exceptions}) {
      if (*list) shared_where_.insert((*list)->where.begin(), (*list)->where.end());
    }
    if (shared.words)
      shared_where_.insert(shared.words->ignore.where.begin(), shared.words->ignore.where.end());
    for (const ConditionRef& ref : shared.not_after) shared_where_.insert(ref_where_[ref_key(owner, ref)]);
    for (Rule& rule : rules) {
      Clauses& own = rule.clauses;
      merge_shared(own.unless, shared.unless, "unless", code_id);
      merge_shared(own.exceptions, shared.exceptions, "exceptions", code_id);
      std::vector<ConditionRef> not_after = shared.not_after;
      for (const ConditionRef& ref : own.not_after) {
        if (std::find(shared.not_after.begin(), shared.not_after.end(), ref) != shared.not_after.end()) {
          report_repeated(ref_where_[ref_key(rule.id, ref)], ref, "not_after", code_id,
                          ref_where_[ref_key(owner, ref)]);
          continue;
        }
        not_after.push_back(ref);
      }
      for (const ConditionRef& ref : shared.not_after)
        ref_where_.emplace(ref_key(rule.id, ref), ref_where_[ref_key(owner, ref)]);
      own.not_after = std::move(not_after);
      if (!own.words) own.words = shared.words;
    }
  }

 public:
  bool extending_ = false;
  Location manifest_where_;
  std::optional<Location> model_where_;  ///< where this pack's own model starts
  std::map<std::string, Location> ref_where_;
  /// Where the entries of every `every_rule` are: each rule holds a copy, checked once.
  std::set<Location, LocationOrder> shared_where_;
  std::map<std::string, std::vector<Location>> repairs_where_;
  std::vector<Location> veto_rules_where_;  ///< of each id of this pack's model's veto_rules

 private:
  RulePack& pack_;
  Diagnostics& diag_;
  std::string file_;
  std::vector<Location> disabled_where_;
  std::map<std::string, Location> lexicon_where_;    ///< where each lexicon was first defined
  std::map<std::string, Location> condition_where_;  ///< where each named condition was
};

// Checks what can only be checked once every file is read.
class Validator {
 public:
  Validator(RulePack& pack, Diagnostics& diag, const Parser& parser)
      : pack_(pack), diag_(diag), parser_(parser) {
    norm_.fold_diacritics = pack.settings.fold_diacritics;
  }

  void run(const std::vector<Location>& disabled_where) {
    const auto& m = pack_.manifest;
    const Location mw = parser_.manifest_where_;
    if (m.id.empty() && m.language.empty()) {
      diag_.add({}, "no 'pack:' manifest (id, language, version, name) in any file");
    } else {
      if (m.id.empty()) diag_.add(mw, "pack.id is missing");
      if (m.language.empty()) diag_.add(mw, "pack.language is missing");
      if (m.version.empty()) diag_.add(mw, "pack.version is missing");
      if (m.name.empty()) diag_.add(mw, "pack.name is missing");
    }
    for (const auto& [name, list] : pack_.lexicons) terms(list, fmt::format("lexicon '{}'", name), true);
    check_lexicon_cycles();
    terms(pack_.negation_cues, "negation.cues", false);
    terms(pack_.pseudo_negations, "negation.pseudo", false);
    terms(pack_.stopwords, "stopwords", false,
          "stopwords are words that overlap leaves out, not phrases with gaps");
    terms(pack_.detect, "detect", false, "detect lists single words");
    for (std::size_t i = 0; i < pack_.aliases.size(); ++i) {
      const auto& [spoken, written] = pack_.aliases[i];
      terms({{spoken, written}, {pack_.aliases_where[i], pack_.aliases_where[i]}, {}}, "aliases", false,
            "an alias is two spellings of the same words, with nothing between them");
      if (spoken.find('*') != std::string::npos || written.find('*') != std::string::npos) {
        diag_.add(pack_.aliases_where[i], "aliases: '*' has no meaning in an alias");
      }
    }
    terms(pack_.questions.open, "questions.open", true);
    terms(pack_.questions.closed, "questions.closed", true);
    for (const auto& [name, clauses] : pack_.conditions) {
      check_clauses(clauses, fmt::format("condition '{}'", name), name);
      if (!has_test(clauses)) diag_.add(clauses.where, fmt::format("condition '{}' tests nothing", name));
    }
    check_cycles();
    std::map<std::string, Location> rule_ids;
    for (auto& code : pack_.codes) {
      if (code.name.empty()) diag_.add(code.where, fmt::format("'{}' has no name", code.id));
      if (code.description.empty()) diag_.add(code.where, fmt::format("'{}' has no description", code.id));
      const auto rw = parser_.repairs_where_.find(code.id);
      for (std::size_t i = 0; i < code.repairs.size(); ++i) {
        const CatalogueEntry* e = find_catalogue_entry(code.repairs[i]);
        const Location where =
            rw != parser_.repairs_where_.end() && i < rw->second.size() ? rw->second[i] : code.where;
        if (e == nullptr || e->category != Category::repair) {
          diag_.add(where, fmt::format("'{}' is not a repair intervention id", code.repairs[i]));
        } else if (pack_.find_code(code.repairs[i]) == nullptr) {
          diag_.add(where,
                    fmt::format("repair '{}' is not defined in this pack's interventions", code.repairs[i]));
        }
      }
      for (auto& rule : code.rules) {
        if (rule.id.empty()) continue;
        if (auto [it, fresh] = rule_ids.emplace(rule.id, rule.where); !fresh) {
          diag_.add(rule.where,
                    fmt::format("rule id '{}' is used twice (first at {})", rule.id, to_string(it->second)));
        }
        check_rule(code, rule);
      }
    }
    for (std::size_t i = 0; i < pack_.disabled.size(); ++i) {
      bool found = false;
      for (auto& code : pack_.codes) {
        for (auto& rule : code.rules) {
          if (rule.id == pack_.disabled[i]) {
            rule.enabled = false;
            found = true;
          }
        }
      }
      if (!found)
        diag_.add(disabled_where[i], fmt::format("disable: no rule with id '{}'", pack_.disabled[i]));
    }
    if (pack_.model && pack_.model->veto_rules) {
      const auto& ids = *pack_.model->veto_rules;
      for (std::size_t i = 0; i < ids.size() && i < parser_.veto_rules_where_.size(); ++i) {
        if (!rule_ids.contains(ids[i]))
          diag_.add(parser_.veto_rules_where_[i],
                    fmt::format("model.veto_rules: no rule with id '{}'", ids[i]));
      }
    }
  }

 private:
  static bool has_test(const Clauses& c) {
    return c.terms || !c.regex.empty() || c.near || c.count || c.words || c.ratio || c.overlap ||
           c.question || c.cues || !c.cue.empty() || c.with || !c.after.empty() || !c.not_after.empty() ||
           c.run || !c.after_finding.empty();
  }

  // Checks the terms of a list; `no_gaps`, when given, says why a gap ("~2") has no
  // meaning in it.
  void terms(const TermList& list, const std::string& what, bool allow_refs, std::string_view no_gaps = {}) {
    std::vector<TermToken> tokens;
    for (std::size_t i = 0; i < list.terms.size(); ++i) {
      const std::string& term = list.terms[i];
      const Location where = i < list.where.size() ? list.where[i] : list.list_where;
      if (!first_check(where)) continue;
      if (term.front() == '@') {
        if (!allow_refs) {
          diag_.add(where, fmt::format("{} cannot refer to a lexicon ('{}')", what, term));
        } else if (pack_.lexicons.find(term.substr(1)) == pack_.lexicons.end()) {
          diag_.add(where, fmt::format("{}: no lexicon named '{}'", what, term.substr(1)));
        }
        continue;
      }
      if (const std::string problem = parse_term(term, norm_, tokens); !problem.empty()) {
        diag_.add(where, fmt::format("{}: term '{}' {}", what, term, problem));
        continue;
      }
      const auto gap =
          std::find_if(tokens.begin(), tokens.end(), [](const TermToken& t) { return t.gap != 0; });
      if (!no_gaps.empty() && gap != tokens.end()) {
        diag_.add(where, fmt::format("{}: term '{}' has a gap '~{}', but {}", what, term, gap->gap, no_gaps));
      }
    }
  }

  void refs(const std::vector<ConditionRef>& list, const std::string& owner) {
    for (const auto& ref : list) {
      if (pack_.conditions.find(ref) == pack_.conditions.end()) {
        const auto w = parser_.ref_where_.find(ref_key(owner, ref));
        const Location where = w == parser_.ref_where_.end() ? Location{} : w->second;
        if (!first_check(where)) continue;
        diag_.add(where, fmt::format("no condition named '{}' (define it under 'conditions:')", ref));
      }
    }
  }

  void check_clauses(const Clauses& c, const std::string& what, const std::string& owner) {
    if (c.terms) terms(*c.terms, what + ": terms", true);
    if (c.near) {
      terms(c.near->a, what + ": near.a", true);
      terms(c.near->b, what + ": near.b", true);
    }
    if (c.count) terms(c.count->terms, what + ": count.terms", true);
    if (c.words) terms(c.words->ignore, what + ": words.ignore", true);
    if (c.ratio) terms(c.ratio->terms, what + ": ratio.terms", true);
    if (c.cues) terms(*c.cues, what + ": cues", true);
    if (c.exceptions) terms(*c.exceptions, what + ": exceptions", true);
    if (c.unless) terms(*c.unless, what + ": unless", true);
    if (c.with) terms(*c.with, what + ": with", true);
    for (std::size_t i = 0; i < c.after_finding.size(); ++i) {
      if (find_catalogue_entry(c.after_finding[i]) == nullptr && !parse_category(c.after_finding[i])) {
        diag_.add(c.after_finding_where[i],
                  fmt::format("{}: after_finding: '{}' is neither an id of MARKERS.md nor "
                              "withdrawal, confrontation or repair",
                              what, c.after_finding[i]));
      }
    }
    if (c.start_within && !c.terms && !c.near) {
      diag_.add(c.where, fmt::format("{}: start_within needs 'terms' or 'near' to apply to", what));
    }
    refs(c.after, owner);
    refs(c.not_after, owner);
    if (c.run && !c.run->condition.empty()) refs({c.run->condition}, owner);
    for (std::size_t i = 0; i < c.regex.size(); ++i) {
      RE2::Options options;
      options.set_log_errors(false);
      options.set_case_sensitive(false);
      const RE2 re(c.regex[i], options);
      if (!re.ok()) {
        diag_.add(c.regex_where[i],
                  fmt::format("{}: regex '{}' is not valid RE2: {}", what, c.regex[i], re.error()));
      }
    }
    if (c.negation != Negation::ignore && !c.terms && !c.near) {
      diag_.add(c.where, fmt::format("{}: negation needs 'terms' or 'near' to apply to", what));
    }
    if (c.negation_window && c.negation == Negation::ignore) {
      diag_.add(c.where, fmt::format("{}: negation_window without negation: block or require", what));
    }
    if (c.exceptions && !c.terms && !c.near && !c.count) {
      diag_.add(c.where, fmt::format("{}: exceptions need 'terms', 'near' or 'count' to apply to", what));
    }
  }

  void check_rule(const CodeDef& code, const Rule& rule) {
    const std::string what = fmt::format("rule '{}'", rule.id);
    check_clauses(rule.clauses, what, rule.id);
    if (!has_test(rule.clauses)) diag_.add(rule.where, fmt::format("{} tests nothing", what));
    if (rule.clauses.speaker) {
      const bool repair = code.category == Category::repair;
      if ((*rule.clauses.speaker == Speaker::therapist) != repair) {
        diag_.add(rule.where, fmt::format("{}: {} are found in {} turns only", what,
                                          repair ? "repairs" : "markers", repair ? "therapist" : "patient"));
      }
    }
  }

  // A lexicon that includes itself, directly or through others, is reported at the
  // reference that closes the circle.
  void check_lexicon_cycles() {
    std::map<std::string, int> state;  // 1 visiting, 2 done
    std::vector<std::string> path;
    std::function<void(const std::string&)> visit = [&](const std::string& name) {
      const auto it = pack_.lexicons.find(name);
      if (it == pack_.lexicons.end() || state[name] == 2) return;
      state[name] = 1;
      path.push_back(name);
      const TermList& list = it->second;
      for (std::size_t i = 0; i < list.terms.size(); ++i) {
        const std::string& term = list.terms[i];
        if (term.empty() || term.front() != '@') continue;
        const std::string other = term.substr(1);
        if (state[other] == 1) {
          std::string circle;
          for (auto at = std::find(path.begin(), path.end(), other); at != path.end(); ++at) {
            circle += "'" + *at + "' includes ";
          }
          const Location where = i < list.where.size() ? list.where[i] : list.list_where;
          diag_.add(where, fmt::format("lexicon '{}' includes itself ({}'{}')", other, circle, other));
          continue;
        }
        visit(other);
      }
      path.pop_back();
      state[name] = 2;
    };
    for (const auto& [name, list] : pack_.lexicons) visit(name);
  }

  void check_cycles() {
    std::map<std::string, int> state;  // 1 visiting, 2 done
    std::function<void(const std::string&)> visit = [&](const std::string& name) {
      const auto it = pack_.conditions.find(name);
      if (it == pack_.conditions.end() || state[name] == 2) return;
      if (state[name] == 1) {
        diag_.add(it->second.where, fmt::format("condition '{}' refers back to itself", name));
        return;
      }
      state[name] = 1;
      const Clauses& c = it->second;
      for (const auto& r : c.after) visit(r);
      for (const auto& r : c.not_after) visit(r);
      if (c.run) visit(c.run->condition);
      state[name] = 2;
    };
    for (const auto& [name, clauses] : pack_.conditions) visit(name);
  }

  // False when `where` is an entry of an every_rule that an earlier rule's copy already had
  // checked, so that a problem there is reported once and not once per rule.
  bool first_check(const Location& where) {
    return !parser_.shared_where_.contains(where) || checked_shared_.insert(where).second;
  }

  RulePack& pack_;
  Diagnostics& diag_;
  const Parser& parser_;
  NormalizeOptions norm_;
  std::set<Location, LocationOrder> checked_shared_;
};

// The built-in pack the manifest extends (empty when none), and where it says so.
struct Extends {
  std::string language;
  Location where;
};

Extends manifest_extends(const std::vector<YamlFile>& files) {
  for (const auto& file : files) {
    const YAML::Node& root = file.root;
    if (root.IsMap() && root["pack"] && root["pack"].IsMap() && root["pack"]["extends"] &&
        root["pack"]["extends"].IsScalar()) {
      const YAML::Node node = root["pack"]["extends"];
      const YAML::Mark mark = node.Mark();
      return {
          node.Scalar(),
          {file.name, static_cast<std::size_t>(mark.line) + 1, static_cast<std::size_t>(mark.column) + 1}};
    }
  }
  return {};
}

void sort_codes(RulePack& pack) {
  std::stable_sort(pack.codes.begin(), pack.codes.end(), [](const CodeDef& a, const CodeDef& b) {
    return catalogue_rank(a.id) < catalogue_rank(b.id);
  });
}

}  // namespace

RulePack parse_pack(const std::vector<PackSource>& sources) {
  std::vector<YamlFile> files;  // each file parsed once, a syntax error kept for the report
  for (const auto& source : sources) {
    YamlFile& file = files.emplace_back();
    file.name = source.name;
    try {
      file.root = YAML::Load(source.content);
    } catch (const YAML::DeepRecursion& e) {  // yaml-cpp's guard against a stack overflow
      file.syntax_error = fmt::format("nested more than {} levels deep", e.depth());
      file.error_mark = e.mark;
    } catch (const YAML::ParserException& e) {
      file.syntax_error = e.msg;
      file.error_mark = e.mark;
    }
  }
  RulePack pack;
  const auto [base, extends_where] = manifest_extends(files);
  if (!base.empty()) {
    const auto languages = builtin_languages();
    if (std::find(languages.begin(), languages.end(), base) == languages.end()) {
      throw pack_error(extends_where, fmt::format("pack.extends: no built-in pack '{}' (available: {})", base,
                                                  fmt::join(languages, ", ")));
    }
    pack = load_builtin_pack(base);
    pack.manifest.extends = base;
  }
  Diagnostics diag;
  Parser parser(pack, diag);
  parser.extending_ = !base.empty();
  for (const auto& file : files) parser.parse_file(file);
  // A file that is not YAML adds nothing, so checks across files (a manifest, the
  // lexicons and conditions rules refer to) would only report what it may define.
  const bool unreadable =
      std::any_of(files.begin(), files.end(), [](const YamlFile& f) { return f.syntax_error.has_value(); });
  if (!unreadable) Validator(pack, diag, parser).run(parser.disabled_where());
  if (!diag.problems.empty()) throw pack_error({}, diag.report());
  sort_codes(pack);
  return pack;
}

RulePack load_pack_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw pack_error({dir.string(), 0, 0}, "not a folder of rule files (*.yaml)");
  }
  std::vector<std::filesystem::path> files;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    const auto ext = it->path().extension();
    if (ext != ".yaml" && ext != ".yml") continue;
    std::error_code entry;  // a symbolic link loop: name it (is_regular_file() would throw)
    if (it->is_regular_file(entry)) files.push_back(it->path());
    if (entry) throw pack_error({it->path().string(), 0, 0}, fmt::format("cannot read: {}", entry.message()));
  }
  if (ec) throw pack_error({dir.string(), 0, 0}, fmt::format("cannot read folder: {}", ec.message()));
  if (files.empty()) throw pack_error({dir.string(), 0, 0}, "no *.yaml file in this folder");
  std::sort(files.begin(), files.end());
  std::vector<PackSource> sources;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw pack_error({file.string(), 0, 0}, fmt::format("cannot open: {}", std::strerror(errno)));
    sources.push_back({file.string(), std::string(std::istreambuf_iterator<char>(in), {})});
  }
  return parse_pack(sources);
}

RulePack load_builtin_pack(std::string_view language) {
  const std::string_view bytes = builtin_pack_bytes(language);
  if (bytes.empty()) {
    std::string known;
    for (const auto& l : builtin_languages()) known += (known.empty() ? "" : ", ") + l;
    throw input_error(
        {}, fmt::format("no built-in rule pack for language '{}' (available: {})", language, known));
  }
  return decode_pack(bytes).pack;
}

}  // namespace ruptag
