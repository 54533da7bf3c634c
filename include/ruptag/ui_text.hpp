#pragma once

#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ruptag/ui_messages.hpp"

namespace ruptag {

/// Every message of the text and HTML reports and of `ruptag explain`: the keys of
/// ui/en.yaml with '.' written '_' ("text.summary" is Msg::text_summary).
enum class Msg : std::uint16_t {
  count_turns,
  count_patient_turns,
  count_therapist_turns,
  count_ruptures,
  count_repairs,
  count_withdrawal,
  count_confrontation,
  count_withdrawal_markers,
  count_confrontation_markers,
  count_files,
  count_redacted_warnings,
  number_percent,
  time_minutes,
  time_hours,
  line,
  lines,
  none,
  speaker_patient,
  speaker_therapist,
  speaker_other,
  status_unaddressed,
  status_addressed,
  status_resolved,
  category_withdrawal,
  category_confrontation,
  category_repair,
  kind_withdrawal,
  kind_confrontation,
  kind_repair,
  cue_list,
  cue_seconds,
  cue_pause,
  cue_silence,
  cue_laughter,
  cue_sigh,
  cue_crying,
  cue_overlap,
  cue_latching,
  cue_unclear,
  cue_gesture,
  cue_note,
  text_file_head,
  text_warning,
  text_summary,
  text_addressed,
  text_most_frequent,
  text_longest_stretch,
  text_why,
  text_why_matched,
  text_why_model,
  text_why_model_plain,
  text_outcome,
  text_unaddressed,
  text_try,
  text_try_example,
  html_title,
  html_heading,
  html_subtitle,
  html_language,
  html_pack,
  html_turns,
  html_turns_other,
  html_redacted_title,
  html_redacted_text,
  html_ruptures,
  html_ruptures_by_kind,
  html_rate,
  html_rate_of,
  html_addressed,
  html_resolved,
  html_share_of,
  html_repairs,
  html_repairs_by,
  html_most_frequent,
  html_longest_stretch,
  html_stretch,
  html_all_addressed,
  html_profile_repairs,
  html_timeline,
  html_timeline_of,
  html_legend_resolved,
  html_legend_addressed,
  html_legend_stretch,
  html_legend_salience,
  html_axis_time,
  html_axis_turn,
  html_salience,
  html_per_segment,
  html_segment,
  html_segment_salience,
  html_why,
  html_rule,
  html_rule_matched,
  html_model_weighed,
  html_model_plain,
  model_turn,
  model_before,
  model_answer,
  html_strength,
  html_outcome,
  html_no_repair,
  html_repaired_by,
  html_reengaged,
  html_try,
  html_answers,
  html_answer,
  html_flagged_moments,
  html_no_findings,
  html_transcript,
  html_files,
  html_unreadable,
  html_unreadable_title,
  html_footer,
  explain_pack,
  explain_examples,
  explain_repairs,
  explain_after,
  explain_rules,
};

/// The number of messages.
inline constexpr std::size_t msg_count = static_cast<std::size_t>(Msg::explain_rules) + 1;

/// The key of a message in the UI files: "text.summary".
std::string_view key_of(Msg message);

/// The user-facing strings of one language, resolved once so that reports look them up
/// by index, and the language's way of writing numbers and times.
class UiText {
 public:
  /// The messages of `messages`; a message it lacks (or whose text has no placeholder it
  /// would need) comes from `fallback`, the English file. Throws Error (exit 2) for an
  /// invalid plural rule.
  UiText(const UiMessages& messages, const UiMessages& fallback);

  /// "en", "nl".
  [[nodiscard]] const std::string& language() const { return language_; }

  /// The text of a message without placeholders.
  [[nodiscard]] const std::string& operator[](Msg message) const { return texts_[index(message)].back(); }

  /// The message with its placeholders filled from `args` (fmt::arg("name", value)).
  /// When the language's text names a placeholder that `args` lack, the English text is
  /// used; throws fmt::format_error only when that fails too (a bug).
  template <typename... Args>
  [[nodiscard]] std::string format(Msg message, const Args&... args) const {
    return vformat(message, plural_count, fmt::make_format_args(args...));
  }

  /// A plural message in the form the language's plural rules choose for `n`, with
  /// `{n}` the number as integer() writes it and the other placeholders from `args`.
  template <typename... Args>
  [[nodiscard]] std::string count(Msg message, std::uint64_t n, const Args&... args) const {
    const std::string number = integer(n);
    return vformat(message, category(n), fmt::make_format_args(fmt::arg("n", number), args...));
  }

  /// A whole number, its digits grouped by three from 10,000 on: "12,345", "12.345".
  [[nodiscard]] std::string integer(std::uint64_t n) const;
  /// A number with `decimals` digits after the decimal separator: "33.3", "33,3".
  [[nodiscard]] std::string fixed(double value, int decimals) const;
  /// A number in its shortest form ("2.5", "2,5", "1").
  [[nodiscard]] std::string shortest(double value) const;
  /// A share (0.85) as a whole percentage: "85%".
  [[nodiscard]] std::string percent(double share) const;
  /// A time in a session, in seconds, as M:SS or H:MM:SS (`time.minutes`, `time.hours`).
  [[nodiscard]] std::string time(double seconds) const;

  /// A copy whose every text, and the number separators, went through `transform`: the
  /// HTML report escapes them once per language instead of once per use.
  [[nodiscard]] UiText transformed(const std::function<std::string(std::string_view)>& transform) const;

 private:
  static constexpr std::size_t plural_count = 6;        ///< the index of `other`, also for plain messages
  using Forms = std::array<std::string, plural_count>;  ///< per PluralCategory; `other` last

  static std::size_t index(Msg message) { return static_cast<std::size_t>(message); }
  [[nodiscard]] std::size_t category(std::uint64_t n) const;
  [[nodiscard]] std::string vformat(Msg message, std::size_t form, fmt::format_args args) const;

  std::string language_;
  std::string decimal_;
  std::string group_;
  std::vector<std::pair<PluralCategory, PluralRule>> rules_;
  std::vector<Forms> texts_;     ///< per Msg
  std::vector<Forms> fallback_;  ///< per Msg, English
};

/// The UI of a built-in language; English when there is none for `language`.
const UiText& ui_text(std::string_view language);

/// The languages of the built-in UI files ("en", "nl"), sorted.
std::vector<std::string> ui_languages();

namespace detail {
/// Every built-in UI file, read and checked at build time (defined in the generated
/// embedded_ui_data.cpp; see cmake/EmbedUi.cmake).
const std::vector<UiMessages>& embedded_ui_messages();
}  // namespace detail

}  // namespace ruptag
