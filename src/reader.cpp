#include "ruptag/reader.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <tuple>

#include "ruptag/encoding.hpp"
#include "ruptag/error.hpp"
#include "ruptag/notation.hpp"
#include "ruptag/text.hpp"

namespace ruptag {

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
constexpr std::size_t max_label_bytes = 40;
constexpr std::size_t max_timestamp_bytes = 16;  // " 01:02:03.456" and spaces
constexpr double min_timed_pause = 1.0;          // seconds between cues that make a pause cue

bool is_space(char c) {
  return c == ' ' || c == '\t';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::size_t skip_spaces(std::string_view s, std::size_t pos) {
  while (pos < s.size() && is_space(s[pos])) ++pos;
  return pos;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t nl = text.find('\n', start);
    std::string_view line =
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

std::size_t line_of_offset(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(
                 std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

struct TurnStart {
  std::string label;
  std::string key;  ///< the label normalised, as labels are compared
  std::optional<double> time;
  std::string_view text;
  bool known = false;  ///< a role label or a name the user gave
};

// A timestamp that ends the label part of a line: "Anna  0:05", "Speaker 1 00:01:23".
std::optional<std::size_t> trailing_timestamp(std::string_view line, std::size_t begin, std::size_t end,
                                              std::optional<double>& time) {
  for (std::size_t p = begin + 1; p < end; ++p) {
    if (!is_digit(line[p]) || !is_space(line[p - 1])) continue;
    std::size_t used = 0;
    auto t = parse_timestamp(line.substr(p), used);
    if (t && trim(line.substr(p + used)).empty()) {
      time = t;
      return p;
    }
  }
  return std::nullopt;
}

// A candidate turn start: "[00:12:34] Anna: text", "Anna [00:12:34]: text", "T: (12:34)
// text", "[SPEAKER_01] text", "Anna  0:05" (text on the next lines). Whether the label
// counts is for the caller to decide (see accepted()).
std::optional<TurnStart> parse_turn_start(std::string_view line, const RoleTable& roles) {
  std::size_t pos = skip_spaces(line, 0);
  std::size_t used = 0;
  std::optional<double> time = parse_timestamp(line.substr(pos), used);
  if (time) pos = skip_spaces(line, pos + used);
  std::string_view label;
  bool bracketed = false;
  if (pos < line.size() && line[pos] == '[') {  // "[SPEAKER_01]" as diarisation tools write it
    const std::size_t close = line.find(']', pos);
    if (close == std::string_view::npos || close - pos > max_label_bytes + 1) return std::nullopt;
    label = trim(line.substr(pos + 1, close - pos - 1));
    pos = skip_spaces(line, close + 1);
    bracketed = true;
  } else {
    const std::size_t label_begin = pos;
    while (pos < line.size() && line[pos] != ':' && line[pos] != '[' && line[pos] != '(' &&
           pos - label_begin <= max_label_bytes) {
      ++pos;
    }
    if (pos - label_begin > max_label_bytes) return std::nullopt;
    if (!time && line.size() - label_begin <= max_label_bytes + max_timestamp_bytes) {
      if (auto stamp = trailing_timestamp(line, label_begin, line.size(), time)) {
        label = trim(line.substr(label_begin, *stamp - label_begin));
        pos = line.size();
      }
    }
    if (label.empty()) label = trim(line.substr(label_begin, pos - label_begin));
  }
  if (label.empty()) return std::nullopt;
  std::string key = normalize(label);
  const bool known = roles.find_normalized(key).has_value();
  if (!known && !looks_like_name(label)) return std::nullopt;
  if (!time && pos < line.size() && line[pos] != ':') {
    time = parse_timestamp(line.substr(pos), used);
    if (time) pos = skip_spaces(line, pos + used);
  }
  if (pos < line.size() && line[pos] == ':') {
    pos = skip_spaces(line, pos + 1);
  } else if (!bracketed && !(time && pos >= line.size())) {
    return std::nullopt;  // "Label:" needs its colon; only "[Label]" and "Label 12:34" go without
  }
  if (!time && pos < line.size()) {
    // After the colon only unambiguous forms count: bracketed, or H:MM:SS.
    const char c = line[pos];
    auto after = parse_timestamp(line.substr(pos), used);
    const bool in_brackets = c == '[' || c == '(';
    const bool full = after && std::count(line.begin() + static_cast<std::ptrdiff_t>(pos),
                                          line.begin() + static_cast<std::ptrdiff_t>(pos + used), ':') == 2;
    if (after && (in_brackets || full)) {
      time = after;
      pos = skip_spaces(line, pos + used);
    }
  }
  return TurnStart{std::string(label), std::move(key), time, line.substr(std::min(pos, line.size())), known};
}

// Names that start turns: role labels and given names always; other names when they
// start at least two lines, so that "Mum: go away" quoted once stays talk.
class LabelCounts {
 public:
  void add(const TurnStart& start) {
    if (start.known) return;
    if (const auto it = counts_.find(start.key); it != counts_.end()) {
      ++it->second;
    } else if (counts_.size() < max_names) {
      counts_.emplace(start.key, 1);
    }
  }
  [[nodiscard]] bool accepted(const TurnStart& start) const {
    if (start.known) return true;
    const auto it = counts_.find(start.key);
    return it != counts_.end() && it->second >= min_name_turns;
  }

 private:
  static constexpr std::size_t min_name_turns = 2;
  // Every line can hold a new candidate name, so a file (a word list, a hostile input)
  // could grow the map with the file, where the reader holds only a line and a turn.
  // Sessions have a handful of speakers: beyond this many distinct candidates a new name
  // is not counted, so it never starts a turn (a few megabytes of names at most).
  static constexpr std::size_t max_names = 65'536;
  std::map<std::string, std::size_t> counts_;
};

// Finds each turn's notation cues and merges in the pauses that cue timings gave (`timed`, per turn).
void finish_turns(Transcript& out, const std::vector<std::vector<Cue>>& timed = {}) {
  for (std::size_t i = 0; i < out.turns.size(); ++i) {
    Turn& turn = out.turns[i];
    turn.cues = find_cues(turn.text);
    if (i < timed.size() && !timed[i].empty()) {
      turn.cues.insert(turn.cues.end(), timed[i].begin(), timed[i].end());
      std::stable_sort(turn.cues.begin(), turn.cues.end(),
                       [](const Cue& a, const Cue& b) { return a.begin < b.begin; });
    }
  }
}

// "path:line:column" of a byte offset (the column counts bytes from 1).
Location location_of(std::string_view path, std::string_view text, std::size_t offset) {
  const std::size_t line_start = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  const std::size_t column = line_start == std::string_view::npos ? offset + 1 : offset - line_start;
  return {std::string(path), line_of_offset(text, offset), column};
}

void parse_plain(const std::vector<std::string_view>& lines, const RoleTable& roles, Transcript& out) {
  std::vector<std::optional<TurnStart>> starts(lines.size());
  LabelCounts counts;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    starts[i] = parse_turn_start(lines[i], roles);
    if (starts[i]) counts.add(*starts[i]);
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (const auto& start = starts[i]; start && counts.accepted(*start)) {
      Turn turn;
      turn.label = start->label;
      turn.time = start->time;
      turn.text = std::string(trim(start->text));
      turn.line = i + 1;
      turn.end_line = i + 1;
      out.turns.push_back(std::move(turn));
      continue;
    }
    if (out.turns.empty()) continue;  // header before the first turn
    const std::string_view more = trim(lines[i]);
    if (more.empty()) continue;
    Turn& turn = out.turns.back();
    if (!turn.text.empty()) turn.text += '\n';
    turn.text += more;
    turn.end_line = i + 1;
  }
  finish_turns(out);
}

// Removes WebVTT markup ("<i>", "</v>", "<00:00:01.000>") and returns the voice name of
// a leading "<v Name>" or "<v.class Name>" tag, if any.
std::string strip_vtt_tags(std::string_view text, std::string& voice) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '<') {
      const std::size_t end = text.find('>', i);
      if (end == std::string_view::npos) break;
      const std::string_view tag = text.substr(i + 1, end - i - 1);
      if (voice.empty() && tag.size() > 2 && tag[0] == 'v' && (tag[1] == ' ' || tag[1] == '.')) {
        const std::size_t space = tag.find(' ');
        if (space != std::string_view::npos) voice = std::string(trim(tag.substr(space + 1)));
      }
      i = end + 1;
      continue;
    }
    out += text[i++];
  }
  return out;
}

// One WebVTT or SRT cue.
struct RawCue {
  std::optional<double> start;
  std::optional<double> end;
  std::size_t line = 0;      ///< 1-based line of its first text line
  std::size_t end_line = 0;  ///< 1-based line of its last text line
  std::string voice;         ///< from "<v Name>"
  std::string text;          ///< without markup
};

// "00:00:01.000 --> 00:00:04.000 align:start": the start and end times.
std::pair<std::optional<double>, std::optional<double>> cue_times(std::string_view timing) {
  std::size_t used = 0;
  auto start = parse_timestamp(trim(timing), used);
  std::optional<double> end;
  if (const std::size_t arrow = timing.find("-->"); arrow != std::string_view::npos) {
    end = parse_timestamp(trim(timing.substr(arrow + 3)), used);
  }
  return {start, end};
}

std::vector<RawCue> read_cues(const std::vector<std::string_view>& lines) {
  std::vector<RawCue> cues;
  std::size_t i = 0;
  while (i < lines.size()) {
    while (i < lines.size() && trim(lines[i]).empty()) ++i;
    std::size_t end = i;
    while (end < lines.size() && !trim(lines[end]).empty()) ++end;
    const std::string_view first = trim(lines[i < lines.size() ? i : 0]);
    const bool comment =
        first.starts_with("NOTE") || first.starts_with("STYLE") || first.starts_with("REGION");
    std::size_t timing = i;
    while (timing < end && lines[timing].find("-->") == std::string_view::npos) ++timing;
    if (!comment && timing < end) {
      RawCue cue;
      std::tie(cue.start, cue.end) = cue_times(lines[timing]);
      cue.line = timing + 2;
      cue.end_line = end;
      std::string text;
      for (std::size_t k = timing + 1; k < end; ++k) {
        if (!text.empty()) text += ' ';
        text += trim(lines[k]);
      }
      cue.text = trim(strip_vtt_tags(text, cue.voice));
      if (!cue.text.empty() || !cue.voice.empty()) cues.push_back(std::move(cue));
    }
    i = std::max(end, i + 1);
  }
  return cues;
}

// WebVTT and SRT: consecutive cues of one speaker form one turn; a cue without a speaker
// continues the turn before.
void parse_cues(const std::vector<std::string_view>& lines, const RoleTable& roles, Transcript& out) {
  const std::vector<RawCue> cues = read_cues(lines);
  // A label prefix: "SPEAKER_00: text", "[Anna] text" (only without a voice tag).
  std::vector<std::optional<TurnStart>> prefixes(cues.size());
  LabelCounts counts;
  for (std::size_t i = 0; i < cues.size(); ++i) {
    if (cues[i].voice.empty()) prefixes[i] = parse_turn_start(cues[i].text, roles);
    if (prefixes[i]) counts.add(*prefixes[i]);
  }
  std::vector<std::vector<Cue>> timed;
  std::optional<double> previous_end;
  std::string turn_key;  // the normalised label of the last turn
  for (std::size_t i = 0; i < cues.size(); ++i) {
    const RawCue& cue = cues[i];
    std::string label = cue.voice;
    std::string text = cue.text;
    std::string key;
    if (const auto& prefix = prefixes[i]; prefix && counts.accepted(*prefix)) {
      label = prefix->label;
      key = prefix->key;
      text = std::string(trim(prefix->text));
    } else if (!label.empty()) {
      key = normalize(label);
    }
    const bool continues = !out.turns.empty() && (label.empty() || key == turn_key);
    if (label.empty() && out.turns.empty()) continue;  // no speaker yet
    Cue pause;
    pause.kind = CueKind::pause;
    const bool gap = cue.start && previous_end && *cue.start - *previous_end >= min_timed_pause;
    if (gap) pause.seconds = std::round((*cue.start - *previous_end) * 10) / 10;
    if (cue.end) previous_end = cue.end;
    if (continues) {
      Turn& turn = out.turns.back();
      if (!turn.text.empty() && !text.empty()) turn.text += ' ';
      pause.begin = pause.end = static_cast<std::uint32_t>(turn.text.size());
      turn.text += text;
      turn.end_line = cue.end_line;
      if (gap) timed.back().push_back(pause);
      continue;
    }
    turn_key = std::move(key);
    Turn turn;
    turn.label = label;
    turn.time = cue.start;
    turn.text = text;
    turn.line = cue.line;
    turn.end_line = cue.end_line;
    out.turns.push_back(std::move(turn));
    timed.emplace_back();
    if (gap) timed.back().push_back(pause);
  }
  finish_turns(out, timed);
}
bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(
      suffix.begin(), suffix.end(), s.end() - static_cast<std::ptrdiff_t>(suffix.size()),
      [](char want, char have) { return std::tolower(static_cast<unsigned char>(have)) == want; });
}

}  // namespace

std::string_view to_string(TranscriptFormat format) {
  switch (format) {
    case TranscriptFormat::text: return "text";
    case TranscriptFormat::webvtt: return "vtt";
    case TranscriptFormat::srt: break;
  }
  return "srt";
}

std::optional<TranscriptFormat> parse_transcript_format(std::string_view name) {
  for (const auto f : {TranscriptFormat::text, TranscriptFormat::webvtt, TranscriptFormat::srt}) {
    if (to_string(f) == name) return f;
  }
  return std::nullopt;
}

TranscriptFormat detect_format(std::string_view path, std::string_view content) {
  if (content.substr(0, utf8_bom.size()) == utf8_bom) content.remove_prefix(utf8_bom.size());
  if (content.substr(0, 6) == "WEBVTT") return TranscriptFormat::webvtt;
  const auto lines = split_lines(content.substr(0, 512));
  std::size_t k = 0;
  while (k < lines.size() && trim(lines[k]).empty()) ++k;
  if (k >= lines.size()) return TranscriptFormat::text;
  const std::string_view first = trim(lines[k]);
  const bool numeric = !first.empty() && std::all_of(first.begin(), first.end(), is_digit);
  if (numeric && k + 1 < lines.size() && lines[k + 1].find("-->") != std::string_view::npos) {
    return TranscriptFormat::srt;
  }
  std::size_t used = 0;
  if (first.find("-->") != std::string_view::npos && parse_timestamp(first, used)) {
    return ends_with_ci(path, ".vtt") ? TranscriptFormat::webvtt : TranscriptFormat::srt;
  }
  return TranscriptFormat::text;
}

std::optional<double> parse_timestamp(std::string_view text, std::size_t& consumed) {
  std::size_t pos = 0;
  char close = 0;
  if (!text.empty() && (text[0] == '[' || text[0] == '(')) {
    close = text[0] == '[' ? ']' : ')';
    pos = 1;
  }
  double parts[3] = {0, 0, 0};
  int count = 0;
  while (count < 3) {
    const std::size_t start = pos;
    double value = 0;
    while (pos < text.size() && is_digit(text[pos]) && pos - start < 3) {
      value = value * 10 + (text[pos] - '0');
      ++pos;
    }
    if (pos == start) return std::nullopt;
    if (count > 0 && pos - start != 2) return std::nullopt;
    parts[count++] = value;
    if (pos < text.size() && text[pos] == ':' && count < 3) {
      ++pos;
      continue;
    }
    break;
  }
  if (count < 2) return std::nullopt;
  if (parts[count - 1] >= 60 || (count == 3 && parts[1] >= 60)) return std::nullopt;
  double seconds = count == 3 ? parts[0] * 3600 + parts[1] * 60 + parts[2] : parts[0] * 60 + parts[1];
  if (pos + 1 < text.size() && (text[pos] == '.' || text[pos] == ',') && is_digit(text[pos + 1])) {
    ++pos;
    double scale = 0.1;
    while (pos < text.size() && is_digit(text[pos])) {
      seconds += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
  }
  if (close != 0) {
    if (pos >= text.size() || text[pos] != close) return std::nullopt;
    ++pos;
  } else if (pos < text.size() && (is_digit(text[pos]) || text[pos] == ':')) {
    return std::nullopt;
  }
  consumed = pos;
  return seconds;
}

Transcript parse_transcript(std::string_view content, std::string_view path, const ReaderOptions& options) {
  Transcript out;
  out.path = std::string(path);
  if (content.substr(0, utf8_bom.size()) == utf8_bom) content.remove_prefix(utf8_bom.size());
  std::string decoded;
  if (const auto order = utf16_byte_order_mark(content)) {
    Utf16Decoded utf16 = utf16_to_utf8(content.substr(2), *order);
    if (utf16.bad != std::string_view::npos) {
      throw input_error({std::string(path), line_of_offset(utf16.text, utf16.text.size()), 0},
                        fmt::format("not valid UTF-16 (byte offset {}: an unpaired surrogate or a "
                                    "missing last byte); save the file as UTF-8",
                                    utf16.bad + 2));
    }
    decoded = std::move(utf16.text);
    content = decoded;
  }
  if (content.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos) {
    throw input_error({std::string(path), 0, 0},
                      content.empty() ? "the file is empty" : "the file contains only blank lines");
  }
  if (const std::size_t nul = content.find('\0'); nul != std::string_view::npos) {
    throw input_error(location_of(path, content, nul),
                      "a NUL byte: this looks like a binary file, not a transcript (UTF-16 text "
                      "needs a byte-order mark)");
  }
  if (const std::size_t bad = find_invalid_utf8(content); bad != std::string_view::npos) {
    const std::size_t line = line_of_offset(content, bad);
    if (options.strict) {
      throw input_error(location_of(path, content, bad),
                        fmt::format("not valid UTF-8 (byte 0x{:02X}); save the file as UTF-8, "
                                    "or leave out --strict to read it as Windows-1252",
                                    static_cast<unsigned char>(content[bad])));
    }
    decoded = windows1252_to_utf8(content);
    content = decoded;
    out.warnings.push_back(
        fmt::format("{}: not valid UTF-8 (first at line {}); read as Windows-1252", path, line));
  }
  const RoleTable roles(options.roles);
  const auto lines = split_lines(content);
  const TranscriptFormat format = options.format.value_or(detect_format(path, content));
  out.format = std::string(to_string(format));
  if (format == TranscriptFormat::text) {
    parse_plain(lines, roles, out);
  } else {
    parse_cues(lines, roles, out);
  }
  if (out.turns.empty()) {
    throw input_error(
        {std::string(path), 0, 0},
        fmt::format("no speaker turn found (read as {}): expected lines such as 'T: ...', 'P: ...' or "
                    "'Anna: ...' ({}, case-insensitive, followed by ':'; or names that start two or more "
                    "lines)",
                    out.format, roles.describe()));
  }
  assign_roles(out, roles);
  return out;
}

std::string read_file(const std::string& path) {
  if (path == "-") {
    struct stat st {};
    if (::fstat(STDIN_FILENO, &st) == 0 && S_ISDIR(st.st_mode)) {
      throw input_error({"<stdin>", 0, 0}, "standard input is a directory, not a transcript file");
    }
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    if (std::cin.bad()) throw input_error({"<stdin>", 0, 0}, "cannot read standard input");
    return buffer.str();
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw input_error({path, 0, 0}, "is a directory, not a transcript file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw input_error({path, 0, 0}, fmt::format("cannot open: {}", std::strerror(errno)));
  }
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw input_error({path, 0, 0}, "read failed");
  return content;
}

Transcript read_transcript(const std::string& path, const ReaderOptions& options) {
  return parse_transcript(read_file(path), path == "-" ? "<stdin>" : path, options);
}

}  // namespace ruptag
