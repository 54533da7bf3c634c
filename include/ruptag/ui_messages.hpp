#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ruptag {

/// The plural categories of Unicode CLDR, in the order their rules are tried.
enum class PluralCategory { zero, one, two, few, many, other };

inline constexpr std::array<std::string_view, 6> plural_category_names{"zero", "one",  "two",
                                                                       "few",  "many", "other"};

/// Parses "zero" ... "other"; nullopt for anything else.
std::optional<PluralCategory> parse_plural_category(std::string_view name);

/// A CLDR plural rule for whole numbers: relations on the operand `n` (or `i`; the
/// fraction operands `v w f t c e` are 0) such as "n = 1", "n % 10 = 2..4 and n % 100 !=
/// 12..14", joined by `and` and `or`. Samples after '@' are ignored.
class PluralRule {
 public:
  /// The rule in `text`; nullopt with `*error` saying what is wrong when it is not one.
  static std::optional<PluralRule> parse(std::string_view text, std::string* error = nullptr);

  /// Whether the rule holds for `n`.
  [[nodiscard]] bool matches(std::uint64_t n) const;

 private:
  struct Relation {
    std::uint64_t modulo = 0;  ///< 0: none
    bool negated = false;
    bool zero_operand = false;  ///< a fraction operand, always 0 for whole numbers
    std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
  };
  std::vector<std::vector<Relation>> any_of_;  ///< or-ed groups of and-ed relations
};

/// One message: its text, or for a plural message one text per plural category.
struct UiMessage {
  std::string key;  ///< "text.summary": the nested keys of the file joined by '.'
  std::vector<std::pair<PluralCategory, std::string>> forms;  ///< a plain message: `other` only
  bool plural = false;                                        ///< written as a map of plural categories
  std::size_t line = 0;

  /// The text for `category`, or the `other` text when the message has no such form.
  [[nodiscard]] const std::string& form(PluralCategory category) const;
};

/// The user-facing strings of one language, as a file of ui/ holds them (docs/i18n.md).
struct UiMessages {
  std::string file;      ///< where it was read from, for messages
  std::string language;  ///< "en", "nl"
  std::string decimal_separator = ".";
  std::string group_separator = ",";  ///< between groups of three digits, in numbers of 5 digits or more
  std::vector<std::pair<PluralCategory, std::string>> plural_rules;  ///< CLDR rules, without `other`
  std::vector<UiMessage> messages;                                   ///< sorted by key

  /// The message with `key`, or nullptr.
  [[nodiscard]] const UiMessage* find(std::string_view key) const;
};

/// Reads the YAML text of a UI file (`file` names it in errors). Throws Error (exit 2)
/// naming file and line when it is not valid YAML, lacks `language`, has a key that is
/// neither a section nor a message, an invalid plural rule, or a message whose
/// placeholders are not `{name}` (docs/i18n.md).
UiMessages parse_ui_messages(std::string_view text, const std::string& file);

/// Reads a UI file. Throws Error (exit 2) when it cannot be read, or as parse_ui_messages().
UiMessages load_ui_messages(const std::string& path);

/// The placeholder names of a message text ("{n} of {total}": n, total), sorted and
/// unique; `{{` and `}}` are literal braces. Nullopt, with `*error` saying why, when a
/// brace is unmatched or a placeholder is not a name (positional "{}" or "{0}", a format
/// spec "{n:>3}").
std::optional<std::vector<std::string>> placeholders(std::string_view text, std::string* error = nullptr);

/// Compares every language with `reference` (English): each problem as "file:line:
/// sentence", empty when all agree. A language must have every key of the reference and
/// no other, the same placeholders in each message (over all its forms), one text where
/// the reference has one, and where the reference has plural forms, one form per plural
/// category of its own rules and `other` (the reference too).
std::vector<std::string> check_ui_messages(const UiMessages& reference,
                                           const std::vector<UiMessages>& others);

}  // namespace ruptag
