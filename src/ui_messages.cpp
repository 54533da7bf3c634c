#include "ruptag/ui_messages.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "ruptag/error.hpp"

namespace ruptag {

std::optional<PluralCategory> parse_plural_category(std::string_view name) {
  for (std::size_t i = 0; i < plural_category_names.size(); ++i) {
    if (plural_category_names[i] == name) return static_cast<PluralCategory>(i);
  }
  return std::nullopt;
}

// ---- plural rules ----------------------------------------------------------------

namespace {

// The tokens of a rule: words, numbers and the symbols = != % , ..
class RuleLexer {
 public:
  explicit RuleLexer(std::string_view text) : text_(text.substr(0, text.find('@'))) {}

  [[nodiscard]] std::string_view peek() {
    skip_space();
    if (at_ >= text_.size()) return {};
    const std::size_t start = at_;
    std::size_t end = at_;
    const auto c = static_cast<unsigned char>(text_[end]);
    if (std::isalnum(c) != 0) {
      while (end < text_.size() && std::isalnum(static_cast<unsigned char>(text_[end])) != 0) ++end;
    } else if (text_.substr(end, 2) == "!=" || text_.substr(end, 2) == "..") {
      end += 2;
    } else {
      ++end;
    }
    return text_.substr(start, end - start);
  }
  std::string_view next() {
    const std::string_view token = peek();
    at_ += token.size();
    return token;
  }
  [[nodiscard]] bool done() {
    skip_space();
    return at_ >= text_.size();
  }

 private:
  void skip_space() {
    while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_])) != 0) ++at_;
  }
  std::string_view text_;
  std::size_t at_ = 0;
};

std::optional<std::uint64_t> to_number(std::string_view token) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (ec != std::errc() || end != token.data() + token.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<PluralRule> PluralRule::parse(std::string_view text, std::string* error) {
  const auto fail = [&](const std::string& why) -> std::optional<PluralRule> {
    if (error != nullptr) *error = why;
    return std::nullopt;
  };
  RuleLexer lex(text);
  PluralRule rule;
  rule.any_of_.emplace_back();
  if (lex.done()) return fail("the rule is empty");
  while (true) {
    Relation relation;
    const std::string_view operand = lex.next();
    if (operand == "v" || operand == "w" || operand == "f" || operand == "t" || operand == "c" ||
        operand == "e") {
      relation.zero_operand = true;
    } else if (operand != "n" && operand != "i") {
      return fail(fmt::format("'{}' is not an operand (n, i, v, w, f, t, c, e)", operand));
    }
    if (lex.peek() == "%") {
      lex.next();
      const auto modulo = to_number(lex.next());
      if (!modulo || *modulo == 0) return fail("'%' must be followed by a positive number");
      relation.modulo = *modulo;
    }
    const std::string_view op = lex.next();
    if (op != "=" && op != "!=") return fail(fmt::format("expected '=' or '!=', not '{}'", op));
    relation.negated = op == "!=";
    while (true) {
      const auto low = to_number(lex.next());
      if (!low) return fail("expected a number after '=' or ','");
      std::uint64_t high = *low;
      if (lex.peek() == "..") {
        lex.next();
        const auto upper = to_number(lex.next());
        if (!upper || *upper < *low) return fail("expected a range low..high");
        high = *upper;
      }
      relation.ranges.emplace_back(*low, high);
      if (lex.peek() != ",") break;
      lex.next();
    }
    rule.any_of_.back().push_back(std::move(relation));
    if (lex.done()) break;
    const std::string_view join = lex.next();
    if (join == "or") {
      rule.any_of_.emplace_back();
    } else if (join != "and") {
      return fail(fmt::format("expected 'and' or 'or', not '{}'", join));
    }
  }
  return rule;
}

bool PluralRule::matches(std::uint64_t n) const {
  return std::any_of(any_of_.begin(), any_of_.end(), [n](const std::vector<Relation>& all) {
    return std::all_of(all.begin(), all.end(), [n](const Relation& r) {
      std::uint64_t value = r.zero_operand ? 0 : n;
      if (r.modulo != 0) value %= r.modulo;
      const bool in = std::any_of(r.ranges.begin(), r.ranges.end(), [value](const auto& range) {
        return value >= range.first && value <= range.second;
      });
      return in != r.negated;
    });
  });
}

// ---- placeholders ----------------------------------------------------------------

std::optional<std::vector<std::string>> placeholders(std::string_view text, std::string* error) {
  const auto fail = [&](const std::string& why) -> std::optional<std::vector<std::string>> {
    if (error != nullptr) *error = why;
    return std::nullopt;
  };
  std::set<std::string> names;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '}') {
      if (i + 1 < text.size() && text[i + 1] == '}') {
        ++i;
        continue;
      }
      return fail("a '}' without its '{' (write '}}' for a brace)");
    }
    if (text[i] != '{') continue;
    if (i + 1 < text.size() && text[i + 1] == '{') {
      ++i;
      continue;
    }
    const std::size_t close = text.find('}', i);
    if (close == std::string_view::npos) return fail("a '{' without its '}' (write '{{' for a brace)");
    const std::string_view name = text.substr(i + 1, close - i - 1);
    const bool is_name = !name.empty() && std::isdigit(static_cast<unsigned char>(name.front())) == 0 &&
                         std::all_of(name.begin(), name.end(), [](char c) {
                           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
                         });
    if (!is_name) {
      return fail(fmt::format("'{{{}}}' is not a named placeholder such as {{count}}", name));
    }
    names.emplace(name);
    i = close;
  }
  return std::vector<std::string>(names.begin(), names.end());
}

// ---- messages --------------------------------------------------------------------

const std::string& UiMessage::form(PluralCategory category) const {
  const std::pair<PluralCategory, std::string>* other = nullptr;
  for (const auto& f : forms) {
    if (f.first == category) return f.second;
    if (f.first == PluralCategory::other) other = &f;
  }
  static const std::string empty;
  return other != nullptr ? other->second : empty;
}

const UiMessage* UiMessages::find(std::string_view key) const {
  const auto it = std::lower_bound(messages.begin(), messages.end(), key,
                                   [](const UiMessage& m, std::string_view k) { return m.key < k; });
  return it != messages.end() && it->key == key ? &*it : nullptr;
}

namespace {

class UiParser {
 public:
  explicit UiParser(const std::string& file) { out_.file = file; }

  UiMessages parse(std::string_view text) {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
      add(e.mark, fmt::format("YAML syntax error: {}", e.msg));
      finish();
    }
    if (!root.IsMap()) {
      add(root.Mark(), "a UI file must be a mapping with language, numbers, plural and messages");
      finish();
    }
    for (auto it = root.begin(); it != root.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (key == "language") {
        out_.language = scalar(it->second, "language");
      } else if (key == "numbers") {
        numbers(it->second);
      } else if (key == "plural") {
        plural(it->second);
      } else if (key == "messages") {
        messages(it->second, "");
      } else {
        add(it->first.Mark(),
            fmt::format("unknown key '{}' (allowed: language, numbers, plural, messages)", key));
      }
    }
    if (out_.language.empty()) add(root.Mark(), "the file does not say its language (language: nl)");
    std::sort(out_.messages.begin(), out_.messages.end(),
              [](const UiMessage& a, const UiMessage& b) { return a.key < b.key; });
    for (std::size_t i = 1; i < out_.messages.size(); ++i) {
      if (out_.messages[i].key == out_.messages[i - 1].key) {
        add_line(out_.messages[i].line, fmt::format("message '{}' is given twice", out_.messages[i].key));
      }
    }
    finish();
    return std::move(out_);
  }

 private:
  void add(const YAML::Mark& mark, const std::string& message) {
    add_line(mark.is_null() ? 0 : static_cast<std::size_t>(mark.line) + 1, message);
  }
  void add_line(std::size_t line, const std::string& message) {
    problems_.push_back(line > 0 ? fmt::format("{}:{}: {}", out_.file, line, message)
                                 : fmt::format("{}: {}", out_.file, message));
  }
  void finish() {
    if (problems_.empty()) return;
    std::string all;
    for (const auto& p : problems_) all += (all.empty() ? "" : "\n") + p;
    throw input_error({}, "invalid UI file:\n" + all);
  }

  std::string scalar(const YAML::Node& node, std::string_view what) {
    if (node.IsScalar() && !node.Scalar().empty()) return node.Scalar();
    add(node.Mark(), fmt::format("{} must be a non-empty text", what));
    return {};
  }

  void numbers(const YAML::Node& node) {
    if (!node.IsMap()) {
      add(node.Mark(), "numbers must be a mapping with decimal and group");
      return;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (key == "decimal") {
        out_.decimal_separator = scalar(it->second, "numbers.decimal");
      } else if (key == "group") {
        out_.group_separator = scalar(it->second, "numbers.group");
      } else {
        add(it->first.Mark(), fmt::format("unknown key '{}' in numbers (allowed: decimal, group)", key));
      }
    }
  }

  void plural(const YAML::Node& node) {
    if (!node.IsMap()) {
      add(node.Mark(), "plural must be a mapping of plural categories to rules (one: \"n = 1\")");
      return;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string key = it->first.Scalar();
      const auto category = parse_plural_category(key);
      if (!category || *category == PluralCategory::other) {
        add(it->first.Mark(),
            fmt::format("'{}' is not a plural category with a rule (zero, one, two, few, many)", key));
        continue;
      }
      const std::string rule = scalar(it->second, "a plural rule");
      std::string why;
      if (!rule.empty() && !PluralRule::parse(rule, &why)) {
        add(it->second.Mark(), fmt::format("plural rule '{}' for {}: {}", rule, key, why));
        continue;
      }
      out_.plural_rules.emplace_back(*category, rule);
    }
    std::sort(out_.plural_rules.begin(), out_.plural_rules.end());
  }

  static bool is_plural_map(const YAML::Node& node) {
    bool other = false;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const auto category = parse_plural_category(it->first.Scalar());
      if (!category) return false;
      other = other || *category == PluralCategory::other;
    }
    return other;
  }

  void check_text(const YAML::Node& node, const std::string& key, const std::string& text) {
    std::string why;
    if (!placeholders(text, &why)) add(node.Mark(), fmt::format("message '{}': {}", key, why));
  }

  void messages(const YAML::Node& node, const std::string& prefix) {
    if (!node.IsMap()) {
      add(node.Mark(),
          fmt::format("'{}' must be a mapping of keys to messages", prefix.empty() ? "messages" : prefix));
      return;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string key = (prefix.empty() ? "" : prefix + ".") + it->first.Scalar();
      const YAML::Node value = it->second;  // a copy: the iterator hands out a temporary
      UiMessage message{key, {}, false, static_cast<std::size_t>(it->first.Mark().line) + 1};
      if (value.IsScalar()) {
        message.forms.emplace_back(PluralCategory::other, value.Scalar());
        check_text(value, key, value.Scalar());
      } else if (value.IsMap() && is_plural_map(value)) {
        message.plural = true;
        for (auto form = value.begin(); form != value.end(); ++form) {
          const std::string text =
              scalar(form->second, fmt::format("form {} of '{}'", form->first.Scalar(), key));
          check_text(form->second, key, text);
          message.forms.emplace_back(*parse_plural_category(form->first.Scalar()), text);
        }
        std::sort(message.forms.begin(), message.forms.end());
      } else if (value.IsMap()) {
        messages(value, key);
        continue;
      } else {
        add(value.Mark(), fmt::format("'{}' must be a message text, plural forms or a section", key));
        continue;
      }
      out_.messages.push_back(std::move(message));
    }
  }

  UiMessages out_;
  std::vector<std::string> problems_;
};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out.empty() ? "none" : out;
}

// The union of the placeholders of every form of a message (forms are checked on reading).
std::vector<std::string> placeholder_set(const UiMessage& message) {
  std::set<std::string> all;
  for (const auto& [category, text] : message.forms) {
    if (const auto names = placeholders(text)) all.insert(names->begin(), names->end());
  }
  return {all.begin(), all.end()};
}

}  // namespace

UiMessages parse_ui_messages(std::string_view text, const std::string& file) {
  return UiParser(file).parse(text);
}

UiMessages load_ui_messages(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw input_error({path, 0, 0}, "cannot open the UI file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_ui_messages(text.str(), path);
}

std::vector<std::string> check_ui_messages(const UiMessages& reference,
                                           const std::vector<UiMessages>& others) {
  std::vector<std::string> problems;
  std::vector<const UiMessages*> files{&reference};  // the reference's own plural forms are checked too
  for (const UiMessages& other : others) {
    if (&other != &reference) files.push_back(&other);
  }
  for (const UiMessages* file : files) {
    const UiMessages& other = *file;
    const auto at = [&](std::size_t line) { return fmt::format("{}:{}: ", other.file, line); };
    std::set<PluralCategory> categories{PluralCategory::other};
    for (const auto& rule : other.plural_rules) categories.insert(rule.first);
    for (const UiMessage& ref : reference.messages) {
      const UiMessage* message = other.find(ref.key);
      if (message == nullptr) {
        problems.push_back(fmt::format("{}: message '{}' is missing ({}:{} has it)", other.file, ref.key,
                                       reference.file, ref.line));
        continue;
      }
      const auto want = placeholder_set(ref);
      const auto have = placeholder_set(*message);
      if (want != have) {
        problems.push_back(at(message->line) +
                           fmt::format("message '{}' has the placeholders {{{}}}; {} has {{{}}}", ref.key,
                                       join(have), reference.file, join(want)));
      }
      std::set<PluralCategory> forms;
      for (const auto& form : message->forms) forms.insert(form.first);
      if (!ref.plural && message->plural) {
        problems.push_back(at(message->line) + fmt::format("message '{}' has plural forms; {} has one text",
                                                           ref.key, reference.file));
      } else if (ref.plural && forms != categories) {
        std::vector<std::string> names;
        names.reserve(categories.size());
        for (const PluralCategory c : categories)
          names.emplace_back(plural_category_names[static_cast<std::size_t>(c)]);
        problems.push_back(at(message->line) + fmt::format("message '{}' is a plural: give the forms {} (the "
                                                           "categories of the file's plural rules)",
                                                           ref.key, join(names)));
      }
    }
    for (const UiMessage& message : other.messages) {
      if (reference.find(message.key) == nullptr) {
        problems.push_back(at(message.line) +
                           fmt::format("message '{}' is not in {}", message.key, reference.file));
      }
    }
  }
  return problems;
}

}  // namespace ruptag
