#include "ruptag/notation.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "ruptag/text.hpp"

namespace ruptag {
namespace {

constexpr std::array<std::string_view, 10> kind_names{"pause",   "silence",  "laughter", "sigh",    "crying",
                                                      "overlap", "latching", "unclear",  "gesture", "note"};

constexpr std::size_t max_round_note = 60;    // "(looks out of the window for a while)"
constexpr std::size_t max_double_note = 200;  // "((phone rings, she does not answer))"
constexpr std::size_t max_star_note = 40;     // "*sighs*"
constexpr double micro_pause = 0.1;           // Jefferson "(.)": shorter than 0.2 s
constexpr double long_pause = 3.0;            // "(long pause)" without a length

// The words that name a cue, English and Dutch, normalised. An entry with a space is a
// phrase; an entry ending in '*' matches the start of a word ("laugh*": "laughing");
// any other entry matches a whole word.
struct KindWords {
  CueKind kind;
  std::vector<std::string_view> words;
};

const std::vector<KindWords>& vocabulary() {
  static const std::vector<KindWords> table{
      {CueKind::laughter,
       {"laugh*", "chuckl*", "giggl*", "snicker*", "lach*", "gelach", "grinnik*", "giechel*", "proest*",
        "haha*", "hehe*", "hihi*"}},
      {CueKind::sigh, {"sigh*", "zucht*"}},
      {CueKind::crying,
       {"cry", "cries", "cried", "crying", "sob", "sobs", "sobbing", "tears", "tearful", "teary", "weep*",
        "huil*", "snik*", "traan", "tranen", "betraand"}},
      {CueKind::silence,
       {"silence", "silent", "stilte", "zwijg*", "blijft stil", "valt stil", "is stil", "says nothing",
        "zegt niets", "zegt niks", "no answer", "no response", "geen antwoord", "geen reactie"}},
      {CueKind::pause, {"pause*", "pauze*"}},
      {CueKind::unclear,
       {"inaudible", "unclear", "unintelligible", "indistinct", "incomprehensible", "onverstaanbaar",
        "onduidelijk", "niet te verstaan", "xxx"}},
      {CueKind::overlap, {"crosstalk", "cross-talk", "overlap*", "talking over", "door elkaar", "tegelijk"}},
      {CueKind::gesture,
       {"nod",       "nods",           "nodding",     "nodded",          "knik*",           "shrug*",
        "schouder*", "schokschouder*", "shakes head", "shakes her head", "shakes his head", "schudt*",
        "looks",     "looking",        "kijkt",       "smile*",          "smiling",         "glimlach*",
        "frown*",    "fronst",         "rolls eyes",  "rolls her eyes",  "rolls his eyes",  "rolt met",
        "staart",    "stares",         "staring"}},
  };
  return table;
}

bool is_letter_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::vector<std::string_view> words_of(std::string_view s) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !is_letter_byte(s[i])) ++i;
    const std::size_t start = i;
    while (i < s.size() && (is_letter_byte(s[i]) || s[i] == '-')) ++i;
    if (i > start) words.push_back(s.substr(start, i - start));
  }
  return words;
}

}  // namespace

std::vector<CueKind> cue_kinds_named(std::string_view note) {
  const std::string norm = normalize(note);
  const auto words = words_of(norm);
  std::string padded = " ";
  for (const auto word : words) padded.append(word).push_back(' ');
  std::vector<CueKind> kinds;
  for (const auto& entry : vocabulary()) {
    const bool named = std::any_of(entry.words.begin(), entry.words.end(), [&](std::string_view w) {
      if (w.find(' ') != std::string_view::npos) {
        std::string needle(1, ' ');
        needle.append(w).push_back(' ');
        return padded.find(needle) != std::string::npos;
      }
      if (w.back() == '*') {
        w.remove_suffix(1);
        return std::any_of(words.begin(), words.end(),
                           [&](std::string_view word) { return word.starts_with(w); });
      }
      return std::find(words.begin(), words.end(), w) != words.end();
    });
    if (named && std::find(kinds.begin(), kinds.end(), entry.kind) == kinds.end())
      kinds.push_back(entry.kind);
  }
  return kinds;
}

namespace {

// A length written in a note: "2.0", "3 sec", "4 seconden", "1 min"; a bare number needs
// a decimal mark ("(2.0)"), so that "(3)" in a list is not a pause.
std::optional<double> written_seconds(std::string_view norm, bool& bare) {
  bare = false;
  for (std::size_t i = 0; i < norm.size(); ++i) {
    if (!is_digit(norm[i]) || (i > 0 && (is_letter_byte(norm[i - 1]) || is_digit(norm[i - 1])))) continue;
    std::size_t j = i;
    while (j < norm.size() && is_digit(norm[j])) ++j;
    bool decimal = false;
    if (j + 1 < norm.size() && (norm[j] == '.' || norm[j] == ',') && is_digit(norm[j + 1])) {
      decimal = true;
      ++j;
      while (j < norm.size() && is_digit(norm[j])) ++j;
    }
    std::string number(norm.substr(i, j - i));
    std::replace(number.begin(), number.end(), ',', '.');
    double value = 0;
    std::from_chars(number.data(), number.data() + number.size(), value);
    std::size_t k = j;
    while (k < norm.size() && is_space(norm[k])) ++k;
    std::size_t unit_end = k;
    while (unit_end < norm.size() && is_letter_byte(norm[unit_end])) ++unit_end;
    const std::string_view unit = norm.substr(k, unit_end - k);
    if (unit == "s" || unit == "sec" || unit == "secs" || unit == "sek" || unit.starts_with("second") ||
        unit.starts_with("seconde")) {
      return value;
    }
    if (unit == "m" || unit == "min" || unit == "mins" || unit.starts_with("minute") || unit == "minuut" ||
        unit == "minuten") {
      return value * 60;
    }
    if (unit.empty() && decimal && trim(norm).size() == j - i) {
      bare = true;
      return value;
    }
  }
  return std::nullopt;
}

bool says_long(std::string_view norm) {
  const auto words = words_of(norm);
  return std::any_of(words.begin(), words.end(), [](std::string_view w) {
    return w == "long" || w == "longer" || w == "lengthy" || w == "lang" || w == "lange" || w == "langere";
  });
}

bool only_chars(std::string_view s, std::string_view allowed) {
  return !s.empty() && s.find_first_not_of(allowed) == std::string_view::npos;
}

bool is_timestamp_only(std::string_view s) {
  return only_chars(s, "0123456789:.,");
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  std::vector<Cue> run() {
    // Most of a turn is plain talk: jump from one character that may open notation to the next.
    static const auto opens = [] {
      std::array<bool, 256> table{};
      for (const char c : std::string_view("([]*=.hH\xE2")) table[static_cast<unsigned char>(c)] = true;
      return table;
    }();
    std::size_t i = 0;
    while (i < text_.size()) {
      if (!opens[static_cast<unsigned char>(text_[i])]) {
        ++i;
        continue;
      }
      const char c = text_[i];
      std::size_t next = i + 1;
      if (c == '(' && i + 1 < text_.size() && text_[i + 1] == '(') {
        next = double_round(i);
      } else if (c == '(') {
        next = round(i);
      } else if (c == '[') {
        next = square(i);
      } else if (c == ']') {
        add(CueKind::overlap, i, i + 1, {}, std::nullopt, true);
      } else if (c == '*') {
        next = star(i);
      } else if (c == '=') {
        add(CueKind::latching, i, i + 1, {}, std::nullopt, false);
      } else if (c == '.' && text_.substr(i, 3) == "...") {
        next = i;
        while (next < text_.size() && text_[next] == '.') ++next;
        add(CueKind::pause, i, next, {}, std::nullopt, true);
      } else if (text_.substr(i, 3) == "\xE2\x80\xA6") {  // U+2026 HORIZONTAL ELLIPSIS
        next = i + 3;
        add(CueKind::pause, i, next, {}, std::nullopt, true);
      } else if ((c == 'h' || c == 'H') && (i == 0 || !is_letter_byte(text_[i - 1]))) {
        next = laughter_word(i);
      }
      i = std::max(next, i + 1);
    }
    return std::move(cues_);  // in text order: the scan only moves forward
  }

 private:
  void add(CueKind kind, std::size_t begin, std::size_t end, std::string text, std::optional<double> seconds,
           bool talk) {
    Cue cue;
    cue.talk = talk;
    cue.kind = kind;
    cue.begin = static_cast<std::uint32_t>(begin);
    cue.end = static_cast<std::uint32_t>(end);
    cue.text = std::move(text);
    cue.seconds = seconds;
    cues_.push_back(std::move(cue));
  }

  // A note's cues: one per kind its words name, or one of kind `fallback`.
  // Returns false when the note names nothing and there is no fallback.
  bool note(std::size_t begin, std::size_t end, std::string_view inside, std::optional<CueKind> fallback,
            bool talk_if_unnamed) {
    const std::string norm = normalize(trim(inside));
    auto kinds = cue_kinds_named(norm);
    bool bare = false;
    std::optional<double> seconds = written_seconds(norm, bare);
    if (kinds.empty() && seconds) kinds.push_back(CueKind::pause);
    if (kinds.empty()) {
      if (!fallback) return false;
      add(*fallback, begin, end, norm, std::nullopt, talk_if_unnamed);
      return true;
    }
    for (const CueKind kind : kinds) {
      std::optional<double> length;
      if (kind == CueKind::pause || kind == CueKind::silence) {
        length = seconds;
        if (!length && says_long(norm)) length = long_pause;
      }
      add(kind, begin, end, norm, length, false);
    }
    return true;
  }

  std::size_t double_round(std::size_t i) {
    const std::size_t close = text_.find("))", i + 2);
    if (close == std::string_view::npos || close - i > max_double_note) return i + 1;
    note(i, close + 2, text_.substr(i + 2, close - i - 2), CueKind::note, false);
    return close + 2;
  }

  std::size_t round(std::size_t i) {
    const std::size_t close = text_.find(')', i + 1);
    if (close == std::string_view::npos || close - i > max_round_note) return i + 1;
    const std::string_view inside = text_.substr(i + 1, close - i - 1);
    const std::string_view bare = trim(inside);
    if (bare.empty() || only_chars(bare, "xX")) {  // "( )", "(xxx)": talk nobody could make out
      add(CueKind::unclear, i, close + 1, {}, std::nullopt, false);
    } else if (bare == ".") {
      add(CueKind::pause, i, close + 1, {}, micro_pause, false);
    } else if (only_chars(bare, "hH")) {
      add(CueKind::laughter, i, close + 1, "h", std::nullopt, false);
    } else if (is_timestamp_only(bare)) {
      bool is_bare_number = false;
      const std::string norm(bare);
      if (auto seconds = written_seconds(norm, is_bare_number); seconds && is_bare_number) {
        add(CueKind::pause, i, close + 1, {}, seconds, false);
      }
    } else if (std::any_of(bare.begin(), bare.end(), is_letter_byte)) {
      // A note the vocabulary does not know may be talk the transcriber was unsure of
      // ("(with my mother)"): it stays a note and its words are still matched.
      note(i, close + 1, inside, CueKind::note, true);
    }
    return close + 1;
  }

  std::size_t square(std::size_t i) {
    const std::size_t close = text_.find(']', i + 1);
    const std::size_t open = text_.find('[', i + 1);
    if (close == std::string_view::npos || (open != std::string_view::npos && open < close)) {
      add(CueKind::overlap, i, i + 1, {}, std::nullopt, true);  // Jefferson onset, closed later or never
      return i + 1;
    }
    const std::string_view inside = text_.substr(i + 1, close - i - 1);
    if (is_timestamp_only(trim(inside))) return close + 1;
    if (close - i <= max_round_note && note(i, close + 1, inside, std::nullopt, false)) return close + 1;
    add(CueKind::overlap, i, close + 1, {}, std::nullopt, true);
    return close + 1;
  }

  std::size_t star(std::size_t i) {
    const std::size_t close = text_.find('*', i + 1);
    if (close == std::string_view::npos || close - i > max_star_note) return i + 1;
    const std::string_view inside = text_.substr(i + 1, close - i - 1);
    if (inside.empty() || is_space(inside.front())) return i + 1;
    return note(i, close + 1, inside, std::nullopt, false) ? close + 1 : i + 1;
  }

  // "haha", "hahaha", "hehe", "hihi" (a syllable said at least twice), not "hah" or "hehee".
  std::size_t laughter_word(std::size_t i) {
    std::size_t j = i;
    while (j < text_.size() && is_letter_byte(text_[j])) ++j;
    if (j - i < 4) return j;
    const auto lower = [&](std::size_t k) { return static_cast<char>(text_[k] | 0x20); };  // ASCII letters
    const char vowel = lower(i + 1);
    bool ok = vowel == 'a' || vowel == 'e' || vowel == 'i';
    for (std::size_t k = i; ok && k < j; ++k) ok = lower(k) == ((k - i) % 2 == 0 ? 'h' : vowel);
    if (ok) {
      std::string word(text_.substr(i, j - i));
      for (char& ch : word) ch = static_cast<char>(ch | 0x20);
      add(CueKind::laughter, i, j, std::move(word), std::nullopt, false);
    }
    return j;
  }

  std::string_view text_;
  std::vector<Cue> cues_;
};

}  // namespace

std::string_view to_string(CueKind kind) {
  return kind_names[static_cast<std::size_t>(kind)];
}

std::optional<CueKind> parse_cue_kind(std::string_view name) {
  for (std::size_t i = 0; i < kind_names.size(); ++i) {
    if (kind_names[i] == name) return static_cast<CueKind>(i);
  }
  return std::nullopt;
}

const std::vector<std::string_view>& cue_kind_names() {
  static const std::vector<std::string_view> names(kind_names.begin(), kind_names.end());
  return names;
}

std::vector<Cue> find_cues(std::string_view text) {
  return Scanner(text).run();
}

std::string talk_only(std::string_view text, const std::vector<Cue>& cues) {
  std::string out(text);
  const auto is_bracket = [](char c) { return c == '(' || c == ')' || c == '[' || c == ']'; };
  for (const Cue& cue : cues) {
    if (cue.end > out.size() || cue.begin >= cue.end) continue;
    if (!cue.talk) {
      std::fill(out.begin() + cue.begin, out.begin() + cue.end, ' ');
      continue;
    }
    if (is_bracket(out[cue.begin])) out[cue.begin] = ' ';
    if (is_bracket(out[cue.end - 1])) out[cue.end - 1] = ' ';
  }
  return out;
}

std::string notes_only(std::string_view text, const std::vector<Cue>& cues) {
  std::string out(text.size(), ' ');
  for (const Cue& cue : cues) {
    if (cue.text.empty() || cue.end > text.size() || cue.kind == CueKind::overlap) continue;
    std::copy(text.begin() + cue.begin, text.begin() + cue.end, out.begin() + cue.begin);
  }
  return out;
}

}  // namespace ruptag
