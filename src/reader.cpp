#include "ruptag/reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

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

// The first NUL byte and the first byte that is not UTF-8 in a source, and whether it
// holds more than blanks, found line by line: a UTF-8 sequence never spans a '\n' (its
// continuation bytes are not ASCII), so a line finds what the whole file would.
struct ByteCheck {
  struct Spot {
    std::size_t line = 0;
    std::size_t column = 0;  ///< 1-based, in bytes
  };
  bool blank = true;
  std::optional<Spot> nul;
  std::optional<Spot> invalid;
  unsigned char invalid_byte = 0;

  void check(const Line& line) {
    if (blank) blank = line.text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
    if (!nul) {
      if (const std::size_t at = line.text.find('\0'); at != std::string_view::npos)
        nul = Spot{line.number, at + 1};
    }
    if (!invalid) {
      if (const std::size_t at = find_invalid_utf8(line.text); at != std::string_view::npos) {
        invalid = Spot{line.number, at + 1};
        invalid_byte = static_cast<unsigned char>(line.text[at]);
      }
    }
  }
  [[nodiscard]] bool clean() const { return !nul && !invalid; }
};

// The lines of a source as text: decoded when the file is Windows-1252 (byte by byte, so
// a line decodes as it would in the whole file), and on the first read checked.
class TextLines {
 public:
  TextLines(LineSource& source, bool windows1252, ByteCheck* check = nullptr)
      : source_(source), windows1252_(windows1252), check_(check) {}

  std::optional<Line> next() {
    std::optional<Line> line = source_.next();
    if (!line) return line;
    if (check_ != nullptr) check_->check(*line);
    if (windows1252_) {
      decoded_ = windows1252_to_utf8(line->text);
      line->text = decoded_;
    }
    return line;
  }
  /// No NUL or invalid UTF-8 checked so far: the lines can be parsed.
  [[nodiscard]] bool clean() const { return check_ == nullptr || check_->clean(); }

 private:
  LineSource& source_;
  bool windows1252_;
  ByteCheck* check_;
  std::string decoded_;
};

// The cues of a WebVTT or SRT file, in order. A block of non-blank lines is a cue when it
// has a timing line ("-->") and is not a NOTE, STYLE or REGION block; its text is the lines
// after the timing line.
class CueReader {
 public:
  std::optional<RawCue> next(TextLines& lines) {
    while (const auto line = lines.next()) {
      const std::string_view text = trim(line->text);
      if (text.empty()) {
        if (in_block_) {
          if (auto cue = end_block()) return cue;
        }
        continue;
      }
      if (!in_block_) {
        in_block_ = true;
        comment_ = text.starts_with("NOTE") || text.starts_with("STYLE") || text.starts_with("REGION");
        timed_ = false;
        text_.clear();
        cue_ = RawCue{};
      }
      cue_.end_line = line->number;
      if (comment_) continue;
      if (timed_) {
        if (!text_.empty()) text_ += ' ';
        text_ += text;
      } else if (line->text.find("-->") != std::string_view::npos) {
        timed_ = true;
        std::tie(cue_.start, cue_.end) = cue_times(line->text);
        cue_.line = line->number + 1;
      }
    }
    return in_block_ ? end_block() : std::nullopt;
  }

 private:
  std::optional<RawCue> end_block() {
    in_block_ = false;
    if (comment_ || !timed_) return std::nullopt;
    cue_.text = trim(strip_vtt_tags(text_, cue_.voice));
    if (cue_.text.empty() && cue_.voice.empty()) return std::nullopt;
    return std::move(cue_);
  }

  bool in_block_ = false;
  bool comment_ = false;
  bool timed_ = false;
  std::string text_;  ///< the block's lines after its timing line
  RawCue cue_;
};

// Counts the candidate names of the lines (text) or of the cues' label prefixes (WebVTT,
// SRT). Stops counting at a NUL or invalid UTF-8: those lines are an error or are read
// again as Windows-1252.
LabelCounts count_labels(TextLines& lines, TranscriptFormat format, const RoleTable& roles) {
  LabelCounts counts;
  const auto add = [&](std::string_view text) {
    if (!lines.clean()) return;
    if (const auto start = parse_turn_start(text, roles)) counts.add(*start);
  };
  if (format == TranscriptFormat::text) {
    while (const auto line = lines.next()) add(line->text);
  } else {
    CueReader cues;
    while (const auto cue = cues.next(lines)) {
      if (cue->voice.empty()) add(cue->text);  // a label prefix only without a voice tag
    }
  }
  return counts;
}

// Assembles the turns of the lines one at a time: a turn is complete when the next one
// starts, or at the end.
//  Text: a turn starts at an accepted turn start (see LabelCounts); other lines continue
//  it; lines before the first turn are a header.
//  WebVTT and SRT: consecutive cues of one speaker form one turn; a cue without a speaker
//  continues the turn before; a gap between cues becomes a pause cue.
// Finds a turn's notation cues and merges in the pauses its cue timings gave (all that
// TurnAssembler leaves in `cues`). Only for the turns yielded: tallying needs no cues.
void add_notation_cues(Turn& turn) {
  std::vector<Cue> timed = std::move(turn.cues);
  turn.cues = find_cues(turn.text);
  if (timed.empty()) return;
  turn.cues.insert(turn.cues.end(), timed.begin(), timed.end());
  std::stable_sort(turn.cues.begin(), turn.cues.end(),
                   [](const Cue& a, const Cue& b) { return a.begin < b.begin; });
}

class TurnAssembler {
 public:
  TurnAssembler(TranscriptFormat format, const RoleTable& roles, const LabelCounts& counts)
      : format_(format), roles_(roles), counts_(counts) {}

  /// The next turn, with only the pauses its cue timings gave in `cues` (see
  /// add_notation_cues()); nullopt after the last.
  std::optional<Turn> next(TextLines& lines) {
    return format_ == TranscriptFormat::text ? next_text(lines) : next_cued(lines);
  }

 private:
  std::optional<Turn> next_text(TextLines& lines) {
    while (const auto line = lines.next()) {
      if (auto start = parse_turn_start(line->text, roles_); start && counts_.accepted(*start)) {
        Turn turn;
        turn.label = std::move(start->label);
        turn.time = start->time;
        turn.text = std::string(trim(start->text));
        turn.line = line->number;
        turn.end_line = line->number;
        if (auto done = replace(std::move(turn))) return done;
        continue;
      }
      if (!turn_) continue;  // header before the first turn
      const std::string_view more = trim(line->text);
      if (more.empty()) continue;
      if (!turn_->text.empty()) turn_->text += '\n';
      turn_->text += more;
      turn_->end_line = line->number;
    }
    return replace(std::nullopt);
  }

  std::optional<Turn> next_cued(TextLines& lines) {
    while (auto cue = cues_.next(lines)) {
      std::string label = cue->voice;
      std::string text = std::move(cue->text);
      std::string key;
      // A label prefix: "SPEAKER_00: text", "[Anna] text" (only without a voice tag).
      if (auto prefix = label.empty() ? parse_turn_start(text, roles_) : std::nullopt;
          prefix && counts_.accepted(*prefix)) {
        label = std::move(prefix->label);
        key = std::move(prefix->key);
        text = std::string(trim(prefix->text));
      } else if (!label.empty()) {
        key = normalize(label);
      }
      if (label.empty() && !turn_) continue;  // no speaker yet
      const bool continues = turn_ && (label.empty() || key == turn_key_);
      Cue pause;
      pause.kind = CueKind::pause;
      const bool gap = cue->start && previous_end_ && *cue->start - *previous_end_ >= min_timed_pause;
      if (gap) pause.seconds = std::round((*cue->start - *previous_end_) * 10) / 10;
      if (cue->end) previous_end_ = cue->end;
      if (continues) {
        Turn& turn = *turn_;
        if (!turn.text.empty() && !text.empty()) turn.text += ' ';
        pause.begin = pause.end = static_cast<std::uint32_t>(turn.text.size());
        turn.text += text;
        turn.end_line = cue->end_line;
        if (gap) timed_.push_back(pause);
        continue;
      }
      turn_key_ = std::move(key);
      Turn turn;
      turn.label = std::move(label);
      turn.time = cue->start;
      turn.text = std::move(text);
      turn.line = cue->line;
      turn.end_line = cue->end_line;
      std::vector<Cue> timed;
      if (gap) timed.push_back(pause);
      if (auto done = replace(std::move(turn), std::move(timed))) return done;
    }
    return replace(std::nullopt);
  }

  // Starts assembling `turn` (nullopt: none, at the end) with the pauses `timed`, and
  // returns the turn assembled so far with its pauses.
  std::optional<Turn> replace(std::optional<Turn> turn, std::vector<Cue> timed = {}) {
    std::optional<Turn> done = std::exchange(turn_, std::move(turn));
    std::vector<Cue> done_timed = std::exchange(timed_, std::move(timed));
    if (done) done->cues = std::move(done_timed);
    return done;
  }

  TranscriptFormat format_;
  const RoleTable& roles_;
  const LabelCounts& counts_;
  std::optional<Turn> turn_;  ///< the turn being assembled
  std::vector<Cue> timed_;    ///< its pauses from cue timings
  // WebVTT and SRT
  CueReader cues_;
  std::optional<double> previous_end_;  ///< when the last cue ended
  std::string turn_key_;                ///< the normalised label of turn_
};

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

struct TurnReader::Impl {
  Impl(LineSource input, std::string_view path, ReaderOptions reader_options);

  ReaderOptions options;
  RoleTable roles{options.roles};  // refers to options.roles
  LineSource source;
  Transcript header;
  TranscriptFormat format = TranscriptFormat::text;
  bool windows1252 = false;
  LabelCounts counts;
  SpeakerTally tally;
  // The last read, turn by turn (next()).
  std::optional<TextLines> lines;
  std::optional<TurnAssembler> turns;

 private:
  void decode_utf16();
  void scan();
  void tally_speakers();
};

// The reads of the source: (1) scan() checks its bytes, detects the format and counts the
// candidate names (a Windows-1252 file is counted again, decoded); (2) tally_speakers()
// assembles the turns to tally the speakers; (3) next() assembles them again and yields them.
TurnReader::Impl::Impl(LineSource input, std::string_view path, ReaderOptions reader_options)
    : options(std::move(reader_options)), source(std::move(input)) {
  header.path = std::string(path);
  if (source.head(utf8_bom.size()) == utf8_bom) source.drop_prefix(utf8_bom.size());
  decode_utf16();
  scan();
  tally_speakers();
  source.rewind();
  lines.emplace(source, windows1252);
  turns.emplace(format, roles, counts);
}

// UTF-16 (with a byte-order mark) is decoded whole, into memory.
void TurnReader::Impl::decode_utf16() {
  const auto order = utf16_byte_order_mark(source.head(2));
  if (!order) return;
  const std::string bytes = source.read_all();
  Utf16Decoded utf16 = utf16_to_utf8(std::string_view(bytes).substr(2), *order);
  if (utf16.bad != std::string_view::npos) {
    throw input_error({header.path, line_of_offset(utf16.text, utf16.text.size()), 0},
                      fmt::format("not valid UTF-16 (byte offset {}: an unpaired surrogate or a "
                                  "missing last byte); save the file as UTF-8",
                                  utf16.bad + 2));
  }
  source = LineSource::own(std::move(utf16.text));
}

void TurnReader::Impl::scan() {
  if (source.head(1).empty()) throw input_error({header.path, 0, 0}, "the file is empty");
  // detect_format() looks at the first 512 bytes after a byte-order mark.
  constexpr std::size_t format_bytes = utf8_bom.size() + 512;
  format = options.format.value_or(detect_format(header.path, source.head(format_bytes)));
  ByteCheck check;
  {
    TextLines checked(source, false, &check);
    counts = count_labels(checked, format, roles);
  }
  if (check.blank) throw input_error({header.path, 0, 0}, "the file contains only blank lines");
  if (check.nul) {
    throw input_error({header.path, check.nul->line, check.nul->column},
                      "a NUL byte: this looks like a binary file, not a transcript (UTF-16 text "
                      "needs a byte-order mark)");
  }
  if (check.invalid) {
    if (options.strict) {
      throw input_error({header.path, check.invalid->line, check.invalid->column},
                        fmt::format("not valid UTF-8 (byte 0x{:02X}); save the file as UTF-8, "
                                    "or leave out --strict to read it as Windows-1252",
                                    check.invalid_byte));
    }
    windows1252 = true;
    header.warnings.push_back(fmt::format("{}: not valid UTF-8 (first at line {}); read as Windows-1252",
                                          header.path, check.invalid->line));
    source.rewind();
    format =
        options.format.value_or(detect_format(header.path, windows1252_to_utf8(source.head(format_bytes))));
    TextLines decoded(source, true);
    counts = count_labels(decoded, format, roles);
  }
  header.format = std::string(to_string(format));
}

void TurnReader::Impl::tally_speakers() {
  source.rewind();
  TextLines text(source, windows1252);
  TurnAssembler assembler(format, roles, counts);
  while (const auto turn = assembler.next(text)) tally.add(*turn);
  if (tally.empty()) {
    throw input_error(
        {header.path, 0, 0},
        fmt::format("no speaker turn found (read as {}): expected lines such as 'T: ...', 'P: ...' or "
                    "'Anna: ...' ({}, case-insensitive, followed by ':'; or names that start two or more "
                    "lines)",
                    header.format, roles.describe()));
  }
  tally.assign(header, roles);
}

TurnReader::TurnReader(LineSource source, std::string_view path, const ReaderOptions& options)
    : impl_(std::make_unique<Impl>(std::move(source), path, options)) {}

TurnReader::TurnReader(std::string content, std::string_view path, const ReaderOptions& options)
    : TurnReader(LineSource::own(std::move(content)), path, options) {}

TurnReader::TurnReader(const std::string& path, const ReaderOptions& options)
    : TurnReader(LineSource::open(path), path == "-" ? std::string_view("<stdin>") : std::string_view(path),
                 options) {}

TurnReader::TurnReader(TurnReader&&) noexcept = default;
TurnReader& TurnReader::operator=(TurnReader&&) noexcept = default;
TurnReader::~TurnReader() = default;

const Transcript& TurnReader::header() const {
  return impl_->header;
}

std::optional<Turn> TurnReader::next() {
  std::optional<Turn> turn = impl_->turns->next(*impl_->lines);
  if (!turn) return turn;
  const auto speaker = impl_->tally.find(turn->label);
  if (!speaker) throw input_error({impl_->header.path, 0, 0}, "the file changed while it was read");
  turn->speaker = impl_->header.speakers[*speaker].role;
  add_notation_cues(*turn);
  return turn;
}

namespace {

Transcript read_whole(TurnReader reader) {
  Transcript out = reader.header();
  while (auto turn = reader.next()) out.turns.push_back(std::move(*turn));
  return out;
}

}  // namespace

Transcript parse_transcript(std::string_view content, std::string_view path, const ReaderOptions& options) {
  return read_whole(TurnReader(LineSource::borrow(content), path, options));
}

std::string read_file(const std::string& path) {
  return LineSource::open(path).read_all();
}

Transcript read_transcript(const std::string& path, const ReaderOptions& options) {
  return read_whole(TurnReader(path, options));
}

}  // namespace ruptag
