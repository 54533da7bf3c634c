#include "ruptag/reader.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>

#include "ruptag/encoding.hpp"
#include "ruptag/error.hpp"
#include "ruptag/text.hpp"

namespace ruptag {

std::string_view to_string(Speaker speaker) {
  return speaker == Speaker::patient ? "patient" : "therapist";
}

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
constexpr std::size_t max_label_bytes = 40;
constexpr std::size_t max_cue_bytes = 40;

bool is_space(char c) {
  return c == ' ' || c == '\t';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (is_space(s.front()) || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (is_space(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
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

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += sep;
    out += items[i];
  }
  return out;
}

// Recognises speaker labels, compared after normalisation.
class LabelSet {
 public:
  explicit LabelSet(const ReaderOptions& options) : options_(options) {
    for (const auto& l : options.therapist_labels) therapist_.push_back(normalize(trim(l)));
    for (const auto& l : options.patient_labels) patient_.push_back(normalize(trim(l)));
  }

  [[nodiscard]] std::optional<Speaker> find(std::string_view label) const {
    const std::string key = normalize(label);
    if (std::find(therapist_.begin(), therapist_.end(), key) != therapist_.end()) {
      return Speaker::therapist;
    }
    if (std::find(patient_.begin(), patient_.end(), key) != patient_.end()) {
      return Speaker::patient;
    }
    return std::nullopt;
  }

  [[nodiscard]] std::string describe() const {
    return fmt::format("therapist labels {} and patient labels {}", join(options_.therapist_labels, ", "),
                       join(options_.patient_labels, ", "));
  }

 private:
  const ReaderOptions& options_;
  std::vector<std::string> therapist_;
  std::vector<std::string> patient_;
};

struct TurnStart {
  Speaker speaker;
  std::string label;
  std::optional<double> time;
  std::string_view text;
};

// "[00:12:34] T: text", "T [00:12:34]: text", "T: (12:34) text", "00:12:34 Th: text".
std::optional<TurnStart> parse_turn_start(std::string_view line, const LabelSet& labels) {
  std::size_t pos = skip_spaces(line, 0);
  std::size_t used = 0;
  std::optional<double> time = parse_timestamp(line.substr(pos), used);
  if (time) pos = skip_spaces(line, pos + used);
  const std::size_t label_begin = pos;
  while (pos < line.size() && line[pos] != ':' && line[pos] != '[' && line[pos] != '(' &&
         pos - label_begin <= max_label_bytes) {
    ++pos;
  }
  const std::string_view label = trim(line.substr(label_begin, pos - label_begin));
  if (label.empty() || pos - label_begin > max_label_bytes) return std::nullopt;
  const auto speaker = labels.find(label);
  if (!speaker) return std::nullopt;
  if (!time && pos < line.size() && line[pos] != ':') {
    time = parse_timestamp(line.substr(pos), used);
    if (time) pos = skip_spaces(line, pos + used);
  }
  if (pos >= line.size() || line[pos] != ':') return std::nullopt;
  pos = skip_spaces(line, pos + 1);
  if (!time && pos < line.size()) {
    // After the colon only unambiguous forms count: bracketed, or H:MM:SS.
    const char c = line[pos];
    auto after = parse_timestamp(line.substr(pos), used);
    const bool bracketed = c == '[' || c == '(';
    const bool full = after && std::count(line.begin() + static_cast<std::ptrdiff_t>(pos),
                                          line.begin() + static_cast<std::ptrdiff_t>(pos + used), ':') == 2;
    if (after && (bracketed || full)) {
      time = after;
      pos = skip_spaces(line, pos + used);
    }
  }
  return TurnStart{*speaker, std::string(label), time, line.substr(pos)};
}

// Bracketed non-verbal notes such as "(laughs)" or "[pause]", normalised.
std::vector<std::string> extract_cues(std::string_view text) {
  std::vector<std::string> cues;
  for (const auto& [begin, end] : find_notes(text))
    cues.push_back(normalize(trim(text.substr(begin, end - begin))));
  return cues;
}

void finish_turn(Turn& turn) {
  turn.cues = extract_cues(turn.text);
}

std::size_t line_of_offset(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(
                 std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// "path:line:column" of a byte offset (the column counts bytes from 1).
Location location_of(std::string_view path, std::string_view text, std::size_t offset) {
  const std::size_t line_start = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  const std::size_t column = line_start == std::string_view::npos ? offset + 1 : offset - line_start;
  return {std::string(path), line_of_offset(text, offset), column};
}

void parse_plain(const std::vector<std::string_view>& lines, const LabelSet& labels, Transcript& out) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (auto start = parse_turn_start(line, labels)) {
      if (!out.turns.empty()) finish_turn(out.turns.back());
      Turn turn;
      turn.speaker = start->speaker;
      turn.label = start->label;
      turn.time = start->time;
      turn.text = std::string(trim(start->text));
      turn.line = i + 1;
      turn.end_line = i + 1;
      out.turns.push_back(std::move(turn));
      continue;
    }
    if (out.turns.empty()) continue;  // header before the first turn
    const std::string_view more = trim(line);
    if (more.empty()) continue;
    Turn& turn = out.turns.back();
    if (!turn.text.empty()) turn.text += '\n';
    turn.text += more;
    turn.end_line = i + 1;
  }
  if (!out.turns.empty()) finish_turn(out.turns.back());
}

// Removes WebVTT markup ("<i>", "</v>", "<00:00:01.000>") and returns the voice name of
// a leading "<v Name>" tag, if any.
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

// WebVTT and SRT: blocks separated by blank lines, each with a "start --> end" line.
void parse_cues(const std::vector<std::string_view>& lines, const LabelSet& labels, Transcript& out) {
  std::vector<std::string> unknown;
  std::size_t i = 0;
  while (i < lines.size()) {
    while (i < lines.size() && trim(lines[i]).empty()) ++i;
    std::size_t end = i;
    while (end < lines.size() && !trim(lines[end]).empty()) ++end;
    std::size_t timing = i;
    while (timing < end && lines[timing].find("-->") == std::string_view::npos) ++timing;
    if (timing < end) {
      std::size_t used = 0;
      const std::optional<double> time = parse_timestamp(trim(lines[timing]), used);
      std::string text;
      for (std::size_t k = timing + 1; k < end; ++k) {
        if (!text.empty()) text += ' ';
        text += trim(lines[k]);
      }
      std::string voice;
      std::string plain = strip_vtt_tags(text, voice);
      std::optional<Speaker> speaker;
      std::string label = voice;
      if (!voice.empty()) {
        speaker = labels.find(voice);
        if (!speaker && std::find(unknown.begin(), unknown.end(), voice) == unknown.end()) {
          unknown.push_back(voice);
        }
      } else if (auto start = parse_turn_start(plain, labels)) {
        speaker = start->speaker;
        label = start->label;
        plain = std::string(trim(start->text));
      }
      const std::size_t line = timing + 2;  // 1-based line of the cue's first text line
      const bool same = speaker && !out.turns.empty() && out.turns.back().speaker == *speaker &&
                        out.turns.back().label == label;
      if (speaker && !same) {
        Turn turn;
        turn.speaker = *speaker;
        turn.label = label;
        turn.time = time;
        turn.text = trim(plain);
        turn.line = line;
        turn.end_line = end;
        out.turns.push_back(std::move(turn));
      } else if (!out.turns.empty() && !trim(plain).empty()) {
        Turn& turn = out.turns.back();
        if (!turn.text.empty()) turn.text += ' ';
        turn.text += trim(plain);
        turn.end_line = end;
      }
    }
    i = end;
  }
  for (auto& turn : out.turns) finish_turn(turn);
  for (const auto& voice : unknown) {
    out.warnings.push_back(
        fmt::format("{}: speaker '{}' is neither a therapist nor a patient label; its cues were joined to "
                    "the turn before (use --therapist or --patient to name it)",
                    out.path, voice));
  }
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(
      suffix.begin(), suffix.end(), s.end() - static_cast<std::ptrdiff_t>(suffix.size()),
      [](char want, char have) { return std::tolower(static_cast<unsigned char>(have)) == want; });
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> find_notes(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> notes;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char open = text[i];
    if (open != '(' && open != '[') continue;
    const std::size_t end = text.find(open == '(' ? ')' : ']', i + 1);
    if (end == std::string_view::npos) break;
    const std::string_view inner = trim(text.substr(i + 1, end - i - 1));
    std::size_t used = 0;
    const bool is_time = parse_timestamp(inner, used).has_value();
    const bool has_letter = std::any_of(inner.begin(), inner.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
    });
    if (!inner.empty() && inner.size() <= max_cue_bytes && has_letter && !is_time)
      notes.emplace_back(i + 1, end);
    i = end;
  }
  return notes;
}

TranscriptFormat detect_format(std::string_view path, std::string_view content) {
  if (ends_with_ci(path, ".vtt")) return TranscriptFormat::webvtt;
  if (ends_with_ci(path, ".srt")) return TranscriptFormat::srt;
  if (content.substr(0, utf8_bom.size()) == utf8_bom) content.remove_prefix(utf8_bom.size());
  if (content.substr(0, 6) == "WEBVTT") return TranscriptFormat::webvtt;
  const auto lines = split_lines(content.substr(0, 512));
  std::size_t k = 0;
  while (k < lines.size() && trim(lines[k]).empty()) ++k;
  if (k + 1 < lines.size()) {
    const std::string_view first = trim(lines[k]);
    const bool numeric = !first.empty() && std::all_of(first.begin(), first.end(), is_digit);
    if (numeric && lines[k + 1].find("-->") != std::string_view::npos) return TranscriptFormat::srt;
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
  const LabelSet labels(options);
  const auto lines = split_lines(content);
  if (detect_format(path, content) == TranscriptFormat::text) {
    parse_plain(lines, labels, out);
  } else {
    parse_cues(lines, labels, out);
  }
  if (out.turns.empty()) {
    throw input_error({std::string(path), 0, 0},
                      fmt::format("no labelled turn found: expected lines such as 'T: ...' or "
                                  "'P: ...' ({}, case-insensitive, followed by ':')",
                                  labels.describe()));
  }
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
