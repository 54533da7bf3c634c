#include "ruptag/render_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace ruptag {
namespace {

using fmt::arg;

constexpr std::string_view reset = "\x1b[0m";
constexpr std::string_view bold = "\x1b[1m";
constexpr std::string_view dim = "\x1b[2m";
constexpr std::string_view highlight = "\x1b[1;4m";

std::string_view category_colour(Category c) {
  switch (c) {
    case Category::withdrawal: return "\x1b[33m";
    case Category::confrontation: return "\x1b[31m";
    case Category::repair: return "\x1b[32m";
  }
  return "";
}

std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1U : 0U;
  return n;
}

// A run of text with one style, to be wrapped without counting escape codes.
struct Piece {
  std::string text;
  bool marked = false;
};

class TextRenderer final : public Renderer {
 public:
  TextRenderer(RenderOptions options, std::ostream& out) : options_(std::move(options)), out_(out) {}

  void file(const FileReport& report) override {
    const UiText& ui = report_ui(options_, report);
    const RulePack& pack = report.pack->pack();
    const SessionSummary& s = report.summary;
    out_ << style(bold) << "== " << report.path << style(reset) << "  "
         << ui.format(Msg::text_file_head, arg("language", report.language),
                      arg("turns", ui.count(Msg::count_turns, s.turns)))
         << '\n';
    const auto& warnings = report.transcript.warnings;
    if (options_.redact && !warnings.empty()) {
      out_ << "   "
           << ui.format(Msg::text_warning,
                        arg("warning", ui.count(Msg::count_redacted_warnings, warnings.size())))
           << '\n';
    } else {
      for (const auto& warning : warnings)
        out_ << "   " << ui.format(Msg::text_warning, arg("warning", warning)) << '\n';
    }
    out_ << "   "
         << ui.format(Msg::text_summary, arg("ruptures", ui.count(Msg::count_ruptures, s.ruptures)),
                      arg("withdrawal", ui.count(Msg::count_withdrawal, s.withdrawal)),
                      arg("confrontation", ui.count(Msg::count_confrontation, s.confrontation)),
                      arg("rate", ui.fixed(s.ruptures_per_100_patient_turns, 1)),
                      arg("repairs", ui.count(Msg::count_repairs, s.repairs)))
         << '\n';
    if (s.ruptures > 0) {
      out_ << "   "
           << ui.format(Msg::text_addressed, arg("addressed", ui.integer(s.addressed)),
                        arg("ruptures", ui.integer(s.ruptures)),
                        arg("addressed_share", ui.percent(s.share_addressed)),
                        arg("resolved", ui.integer(s.resolved)),
                        arg("resolved_share", ui.percent(s.share_resolved)))
           << '\n';
      std::string line =
          "   " + ui.format(Msg::text_most_frequent, arg("marker", name_of(pack, *s.most_frequent_marker)));
      if (s.longest_unaddressed) {
        const auto& u = *s.longest_unaddressed;
        line += "; " + ui.format(Msg::text_longest_stretch, arg("turns", ui.count(Msg::count_turns, u.turns)),
                                 arg("lines", lines(ui, u.start_line, u.end_line)));
      }
      out_ << line << '\n';
    }
    if (options_.quiet) return;
    for (std::size_t i = 0; i < report.findings.size();) {
      std::size_t j = i + 1;
      while (j < report.findings.size() && report.findings[j].turn == report.findings[i].turn) ++j;
      moment(ui, report, pack, i, j);
      i = j;
    }
    out_ << '\n';
  }

  void failed(const std::string& path, const std::string& message) override {
    (void)path;
    (void)message;  // reported on stderr by the caller
  }

 private:
  [[nodiscard]] std::string style(std::string_view code) const {
    return options_.color ? std::string(code) : std::string();
  }

  static std::string name_of(const RulePack& pack, const std::string& id) {
    const CodeDef* code = pack.find_code(id);
    return code != nullptr ? fmt::format("{} ({})", code->name, id) : id;
  }

  // "line 7" or "lines 7-9".
  static std::string lines(const UiText& ui, std::size_t first, std::size_t last) {
    return first == last ? ui.format(Msg::line, arg("line", first))
                         : ui.format(Msg::lines, arg("range", fmt::format("{}-{}", first, last)));
  }

  // One turn with its findings [first, last): where it is, the words quoted once with
  // everything that fired marked, then each finding: why, what followed, what to try.
  void moment(const UiText& ui, const FileReport& report, const RulePack& pack, std::size_t first,
              std::size_t last) {
    const Turn& turn = report.transcript.turn(report.findings[first].turn);
    out_ << '\n'
         << style(dim) << ui.format(Msg::line, arg("line", turn.line))
         << (turn.time ? "  " + ui.time(*turn.time) : std::string()) << "  "
         << speaker_text(ui, report.transcript, turn, options_.redact) << style(reset) << '\n';
    if (!options_.redact) {
      std::vector<Span> spans;
      for (std::size_t k = first; k < last; ++k) {
        spans.insert(spans.end(), report.findings[k].spans.begin(), report.findings[k].spans.end());
      }
      wrap(quote(turn.text, merge_spans(std::move(spans))), "    ");
    }
    for (std::size_t k = first; k < last; ++k) finding(ui, report, pack, k);
  }

  void finding(const UiText& ui, const FileReport& report, const RulePack& pack, std::size_t index) {
    const Finding& f = report.findings[index];
    const Turn& turn = report.transcript.turn(f.turn);
    const CodeDef* code = pack.find_code(f.marker);
    out_ << "  " << style(category_colour(f.category)) << style(bold)
         << (code != nullptr ? code->name : f.marker) << style(reset) << fmt::format(" ({})\n", f.marker);
    const bool shown = !options_.redact && !f.spans.empty();
    const std::string sources = f.rule == model_rule_id ? describe_weighed(ui, f) : std::string();
    std::string why;
    if (!sources.empty() && shown) {
      why = ui.format(Msg::text_why_model, arg("probability", ui.percent(f.strength)),
                      arg("sources", sources), arg("evidence", evidence_text(turn.text, f.spans)));
    } else if (!sources.empty()) {
      why = ui.format(Msg::text_why_model_plain, arg("probability", ui.percent(f.strength)),
                      arg("sources", sources));
    } else if (shown) {
      why = ui.format(Msg::text_why_matched, arg("rule", f.rule),
                      arg("evidence", evidence_text(turn.text, f.spans)));
    } else {
      why = ui.format(Msg::text_why, arg("rule", f.rule));
    }
    if (!f.cues.empty()) why += "; " + describe_cues(ui, f.cues);
    wrap({{why, false}}, "    ");
    const auto& outcome = report.outcomes[index];
    if (!outcome || code == nullptr) return;
    if (outcome->addressed_by) {
      const RepairLink& link = *outcome->addressed_by;
      const Finding& repair = report.findings[link.finding];
      wrap({{ui.format(Msg::text_outcome, arg("status", status_text(ui, outcome->status)),
                       arg("repair", name_of(pack, repair.marker)),
                       arg("line", report.transcript.turn(link.turn).line),
                       arg("later", ui.count(Msg::count_turns, link.turns_later))),
             false}},
           "    ");
    } else {
      wrap({{ui.count(Msg::text_unaddressed, pack.settings.repair_window), false}}, "    ");
    }
    for (const CodeDef* repair : pack.suggested_repairs(*code)) {
      const std::string line = repair->examples.empty()
                                   ? ui.format(Msg::text_try, arg("repair", repair->name))
                                   : ui.format(Msg::text_try_example, arg("repair", repair->name),
                                               arg("example", repair->examples.front()));
      wrap({{line, false}}, "    ");
    }
  }

  [[nodiscard]] static std::vector<Piece> quote(const std::string& text, const std::vector<Span>& spans) {
    std::vector<Piece> pieces{{"\"", false}};
    std::size_t at = 0;
    for (const Span& s : spans) {
      if (s.begin > at) pieces.push_back({text.substr(at, s.begin - at), false});
      pieces.push_back({text.substr(s.begin, s.end - s.begin), true});
      at = s.end;
    }
    if (at < text.size()) pieces.push_back({text.substr(at), false});
    pieces.push_back({"\"", false});
    return pieces;
  }

  // Writes pieces word-wrapped to the width, each line starting with `indent`; marked
  // pieces are shown in colour, or between « » without colour.
  void wrap(const std::vector<Piece>& pieces, std::string_view indent) {
    const std::size_t width = options_.width > indent.size() + 20 ? options_.width : indent.size() + 60;
    std::string line(indent);
    std::size_t col = indent.size();
    bool line_has_word = false;
    std::vector<Piece> word;
    std::size_t word_width = 0;
    auto flush_word = [&] {
      if (word.empty()) return;
      if (line_has_word && col + 1 + word_width > width) {
        out_ << line << '\n';
        line = std::string(indent);
        col = indent.size();
        line_has_word = false;
      } else if (line_has_word) {
        line += ' ';
        ++col;
      }
      for (const auto& part : word) {
        line += part.marked && options_.color ? style(highlight) + part.text + style(reset) : part.text;
      }
      col += word_width;
      line_has_word = true;
      word.clear();
      word_width = 0;
    };
    for (const auto& piece : pieces) {
      const std::string text = piece.marked && !options_.color ? "«" + piece.text + "»" : piece.text;
      std::size_t start = 0;
      for (std::size_t i = 0; i <= text.size(); ++i) {
        const bool space = i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t');
        if (i < text.size() && !space) continue;
        if (i > start) {
          word.push_back({text.substr(start, i - start), piece.marked});
          word_width += display_width(word.back().text);
        }
        if (space) flush_word();
        start = i + 1;
      }
    }
    flush_word();
    out_ << line << '\n';
  }

  RenderOptions options_;
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<Renderer> make_text_renderer(const RenderOptions& options, std::ostream& out) {
  return std::make_unique<TextRenderer>(options, out);
}

}  // namespace ruptag
