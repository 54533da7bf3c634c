#include "ruptag/ui_text.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "ruptag/error.hpp"

namespace ruptag {
namespace {

constexpr std::array<std::pair<Msg, std::string_view>, msg_count> keys{{
    {Msg::count_turns, "count.turns"},
    {Msg::count_patient_turns, "count.patient_turns"},
    {Msg::count_therapist_turns, "count.therapist_turns"},
    {Msg::count_ruptures, "count.ruptures"},
    {Msg::count_repairs, "count.repairs"},
    {Msg::count_withdrawal, "count.withdrawal"},
    {Msg::count_confrontation, "count.confrontation"},
    {Msg::count_withdrawal_markers, "count.withdrawal_markers"},
    {Msg::count_confrontation_markers, "count.confrontation_markers"},
    {Msg::count_files, "count.files"},
    {Msg::count_redacted_warnings, "count.redacted_warnings"},
    {Msg::number_percent, "number.percent"},
    {Msg::time_minutes, "time.minutes"},
    {Msg::time_hours, "time.hours"},
    {Msg::line, "line"},
    {Msg::lines, "lines"},
    {Msg::none, "none"},
    {Msg::speaker_patient, "speaker.patient"},
    {Msg::speaker_therapist, "speaker.therapist"},
    {Msg::speaker_other, "speaker.other"},
    {Msg::status_unaddressed, "status.unaddressed"},
    {Msg::status_addressed, "status.addressed"},
    {Msg::status_resolved, "status.resolved"},
    {Msg::category_withdrawal, "category.withdrawal"},
    {Msg::category_confrontation, "category.confrontation"},
    {Msg::category_repair, "category.repair"},
    {Msg::kind_withdrawal, "kind.withdrawal"},
    {Msg::kind_confrontation, "kind.confrontation"},
    {Msg::kind_repair, "kind.repair"},
    {Msg::cue_list, "cue.list"},
    {Msg::cue_seconds, "cue.seconds"},
    {Msg::cue_pause, "cue.pause"},
    {Msg::cue_silence, "cue.silence"},
    {Msg::cue_laughter, "cue.laughter"},
    {Msg::cue_sigh, "cue.sigh"},
    {Msg::cue_crying, "cue.crying"},
    {Msg::cue_overlap, "cue.overlap"},
    {Msg::cue_latching, "cue.latching"},
    {Msg::cue_unclear, "cue.unclear"},
    {Msg::cue_gesture, "cue.gesture"},
    {Msg::cue_note, "cue.note"},
    {Msg::text_file_head, "text.file_head"},
    {Msg::text_warning, "text.warning"},
    {Msg::text_summary, "text.summary"},
    {Msg::text_addressed, "text.addressed"},
    {Msg::text_most_frequent, "text.most_frequent"},
    {Msg::text_longest_stretch, "text.longest_stretch"},
    {Msg::text_why, "text.why"},
    {Msg::text_why_matched, "text.why_matched"},
    {Msg::text_why_model, "text.why_model"},
    {Msg::text_why_model_plain, "text.why_model_plain"},
    {Msg::text_outcome, "text.outcome"},
    {Msg::text_unaddressed, "text.unaddressed"},
    {Msg::text_try, "text.try"},
    {Msg::text_try_example, "text.try_example"},
    {Msg::html_title, "html.title"},
    {Msg::html_heading, "html.heading"},
    {Msg::html_subtitle, "html.subtitle"},
    {Msg::html_language, "html.language"},
    {Msg::html_pack, "html.pack"},
    {Msg::html_turns, "html.turns"},
    {Msg::html_turns_other, "html.turns_other"},
    {Msg::html_redacted_title, "html.redacted_title"},
    {Msg::html_redacted_text, "html.redacted_text"},
    {Msg::html_ruptures, "html.ruptures"},
    {Msg::html_ruptures_by_kind, "html.ruptures_by_kind"},
    {Msg::html_rate, "html.rate"},
    {Msg::html_rate_of, "html.rate_of"},
    {Msg::html_addressed, "html.addressed"},
    {Msg::html_resolved, "html.resolved"},
    {Msg::html_share_of, "html.share_of"},
    {Msg::html_repairs, "html.repairs"},
    {Msg::html_repairs_by, "html.repairs_by"},
    {Msg::html_most_frequent, "html.most_frequent"},
    {Msg::html_longest_stretch, "html.longest_stretch"},
    {Msg::html_stretch, "html.stretch"},
    {Msg::html_all_addressed, "html.all_addressed"},
    {Msg::html_profile_repairs, "html.profile_repairs"},
    {Msg::html_timeline, "html.timeline"},
    {Msg::html_timeline_of, "html.timeline_of"},
    {Msg::html_legend_resolved, "html.legend_resolved"},
    {Msg::html_legend_addressed, "html.legend_addressed"},
    {Msg::html_legend_stretch, "html.legend_stretch"},
    {Msg::html_legend_salience, "html.legend_salience"},
    {Msg::html_axis_time, "html.axis_time"},
    {Msg::html_axis_turn, "html.axis_turn"},
    {Msg::html_salience, "html.salience"},
    {Msg::html_per_segment, "html.per_segment"},
    {Msg::html_segment, "html.segment"},
    {Msg::html_segment_salience, "html.segment_salience"},
    {Msg::html_why, "html.why"},
    {Msg::html_rule, "html.rule"},
    {Msg::html_rule_matched, "html.rule_matched"},
    {Msg::html_model_weighed, "html.model_weighed"},
    {Msg::html_model_plain, "html.model_plain"},
    {Msg::model_turn, "model.turn"},
    {Msg::model_before, "model.before"},
    {Msg::model_answer, "model.answer"},
    {Msg::html_strength, "html.strength"},
    {Msg::html_outcome, "html.outcome"},
    {Msg::html_no_repair, "html.no_repair"},
    {Msg::html_repaired_by, "html.repaired_by"},
    {Msg::html_reengaged, "html.reengaged"},
    {Msg::html_try, "html.try"},
    {Msg::html_answers, "html.answers"},
    {Msg::html_answer, "html.answer"},
    {Msg::html_flagged_moments, "html.flagged_moments"},
    {Msg::html_no_findings, "html.no_findings"},
    {Msg::html_transcript, "html.transcript"},
    {Msg::html_files, "html.files"},
    {Msg::html_unreadable, "html.unreadable"},
    {Msg::html_unreadable_title, "html.unreadable_title"},
    {Msg::html_footer, "html.footer"},
    {Msg::explain_pack, "explain.pack"},
    {Msg::explain_examples, "explain.examples"},
    {Msg::explain_repairs, "explain.repairs"},
    {Msg::explain_after, "explain.after"},
    {Msg::explain_rules, "explain.rules"},
}};

constexpr bool keys_in_order() {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (static_cast<std::size_t>(keys[i].first) != i) return false;
  }
  return true;
}
static_assert(keys_in_order(), "keys must list every Msg in declaration order");

// The digits of `digits` grouped by three with `group`, when there are five or more.
std::string grouped(const std::string& digits, const std::string& group) {
  if (digits.size() < 5) return digits;
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += group;
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string_view key_of(Msg message) {
  return keys[static_cast<std::size_t>(message)].second;
}

UiText::UiText(const UiMessages& messages, const UiMessages& fallback)
    : language_(messages.language),
      decimal_(messages.decimal_separator),
      group_(messages.group_separator),
      texts_(msg_count),
      fallback_(msg_count) {
  for (const auto& [category, text] : messages.plural_rules) {
    std::string why;
    auto rule = PluralRule::parse(text, &why);
    if (!rule) throw input_error({messages.file, 0, 0}, fmt::format("plural rule '{}': {}", text, why));
    rules_.emplace_back(category, std::move(*rule));
  }
  const auto fill = [](Forms& forms, const UiMessage& message) {
    for (const auto& [category, text] : message.forms) forms[static_cast<std::size_t>(category)] = text;
  };
  for (const auto& [msg, key] : keys) {
    const UiMessage* english = fallback.find(key);
    if (english != nullptr) fill(fallback_[index(msg)], *english);
    const UiMessage* own = messages.find(key);
    fill(texts_[index(msg)], own != nullptr ? *own : english != nullptr ? *english : UiMessage{});
  }
}

std::size_t UiText::category(std::uint64_t n) const {
  for (const auto& [category, rule] : rules_) {
    if (rule.matches(n)) return static_cast<std::size_t>(category);
  }
  return plural_count - 1;
}

std::string UiText::vformat(Msg message, std::size_t form, fmt::format_args args) const {
  const auto pick = [form](const Forms& forms) -> const std::string& {
    return form < plural_count - 1 && !forms[form].empty() ? forms[form] : forms.back();
  };
  try {
    return fmt::vformat(pick(texts_[index(message)]), args);
  } catch (const fmt::format_error&) {
    return fmt::vformat(pick(fallback_[index(message)]), args);
  }
}

std::string UiText::integer(std::uint64_t n) const {
  return grouped(std::to_string(n), group_);
}

std::string UiText::fixed(double value, int decimals) const {
  const std::string text = fmt::format("{:.{}f}", std::abs(value), decimals);
  const std::size_t point = std::min(text.find('.'), text.size());
  std::string out = value < 0 && text.find_first_not_of("0.") != std::string::npos ? "-" : "";
  out += grouped(text.substr(0, point), group_);
  if (point < text.size()) out.append(decimal_).append(text, point + 1);
  return out;
}

std::string UiText::shortest(double value) const {
  std::string text = fmt::format("{:g}", value);
  if (const std::size_t point = text.find('.'); point != std::string::npos) text.replace(point, 1, decimal_);
  return text;
}

std::string UiText::percent(double share) const {
  return format(Msg::number_percent, fmt::arg("n", fixed(100 * share, 0)));
}

std::string UiText::time(double seconds) const {
  const auto total = static_cast<long long>(std::floor(seconds));
  const long long h = total / 3600;
  const long long m = (total / 60) % 60;
  const std::string ss = fmt::format("{:02}", total % 60);
  if (h > 0) {
    return format(Msg::time_hours, fmt::arg("h", h), fmt::arg("mm", fmt::format("{:02}", m)),
                  fmt::arg("ss", ss));
  }
  return format(Msg::time_minutes, fmt::arg("m", m), fmt::arg("ss", ss));
}

UiText UiText::transformed(const std::function<std::string(std::string_view)>& transform) const {
  UiText out = *this;
  for (auto* table : {&out.texts_, &out.fallback_}) {
    for (Forms& forms : *table) {
      for (std::string& text : forms) text = transform(text);
    }
  }
  out.decimal_ = transform(decimal_);
  out.group_ = transform(group_);
  return out;
}

const UiText& ui_text(std::string_view language) {
  static const std::vector<UiText> all = [] {
    const auto& files = detail::embedded_ui_messages();
    const auto english =
        std::find_if(files.begin(), files.end(), [](const UiMessages& m) { return m.language == "en"; });
    std::vector<UiText> out;
    out.reserve(files.size());
    for (const UiMessages& file : files) out.emplace_back(file, english != files.end() ? *english : file);
    return out;
  }();
  const UiText* english = nullptr;
  for (const UiText& ui : all) {
    if (ui.language() == language) return ui;
    if (ui.language() == "en") english = &ui;
  }
  if (english == nullptr) throw std::logic_error("ruptag was built without ui/en.yaml");
  return *english;
}

std::vector<std::string> ui_languages() {
  std::vector<std::string> out;
  for (const UiMessages& file : detail::embedded_ui_messages()) out.push_back(file.language);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace ruptag
