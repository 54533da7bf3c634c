#include "ruptag/render_text.hpp"

#include <fmt/format.h>

#include <map>
#include <string>
#include <vector>

namespace ruptag {
namespace {

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
  TextRenderer(const RenderOptions& options, std::ostream& out) : options_(options), out_(out) {}

  void file(const FileReport& report) override {
    const RulePack& pack = report.pack->pack();
    std::map<Category, int> counts;
    for (const auto& f : report.findings) ++counts[f.category];
    out_ << style(bold) << "== " << report.path << style(reset)
         << fmt::format("  ({}, {} turns)\n", report.language, report.transcript.turns.size());
    out_ << fmt::format("   withdrawal {}, confrontation {}, repairs {}\n", counts[Category::withdrawal],
                        counts[Category::confrontation], counts[Category::repair]);
    for (const auto& warning : report.transcript.warnings) out_ << "   warning: " << warning << '\n';
    if (options_.quiet) return;
    for (const auto& f : report.findings) moment(report, pack, f);
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

  void moment(const FileReport& report, const RulePack& pack, const Finding& f) {
    const Turn& turn = report.transcript.turns[f.turn];
    const CodeDef* code = pack.find_code(f.marker);
    const std::string name = code != nullptr ? code->name : f.marker;
    out_ << '\n'
         << style(dim) << fmt::format("line {}", turn.line)
         << (turn.time ? "  " + format_time(*turn.time) : std::string()) << "  " << to_string(turn.speaker)
         << style(reset) << "  " << style(category_colour(f.category)) << style(bold) << name << style(reset)
         << fmt::format(" ({})\n", f.marker);
    wrap(quote(turn.text, f.spans), "    ");
    wrap({{fmt::format("why: rule {} matched \"{}\"", f.rule, evidence_text(turn.text, f.spans)), false}},
         "    ");
    if (code == nullptr) return;
    for (const auto& id : code->repairs) {
      const CodeDef* repair = pack.find_code(id);
      if (repair == nullptr) continue;
      std::string line = "try: " + repair->name;
      if (!repair->examples.empty()) line += ": \"" + repair->examples.front() + "\"";
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
