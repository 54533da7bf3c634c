#include "ruptag/render_html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ruptag {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\t':
      case '\n':
      case '\r': out += static_cast<char>(c); break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\xEF\xBF\xBD";
        } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
          out += "\xEF\xBF\xBD";  // a C1 control character (U+0080 to U+009F)
          ++i;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

namespace {

using fmt::arg;

// Okabe-Ito colours: orange, vermillion and bluish green; shapes and rows tell the
// categories apart in greyscale too (triangle, diamond, circle).
constexpr std::string_view stylesheet = R"css(
:root{--w:#E69F00;--c:#D55E00;--r:#009E73;--w-bg:#FCEBC4;--c-bg:#F9D9C6;--r-bg:#D3EFE5;
--ink:#1B2430;--muted:#5A6472;--line:#DDE2E8;--soft:#F5F7F9}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1240px;padding:28px 36px 40px;display:flex;flex-direction:column;
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","Noto Sans","DejaVu Sans",Arial,sans-serif;
color:var(--ink);background:#fff}
.doc-head{order:-2;border-bottom:2px solid var(--ink);padding-bottom:10px;margin-bottom:8px}
.doc-head h1{font-size:1.6rem;margin:0;letter-spacing:-.01em}
.doc-head p{margin:2px 0 0;color:var(--muted)}
.toc{order:-1;margin:12px 0 4px;padding:10px 16px;background:var(--soft);border-radius:8px}
.toc h2{font-size:1rem;margin:0 0 4px}
.toc ol{margin:0;padding-left:1.4em}
.toc .count{color:var(--muted);margin-left:.5em}
.toc .failed a{color:var(--c)}
footer{order:1;margin-top:32px;padding-top:10px;border-top:1px solid var(--line);color:var(--muted);font-size:.85rem}
a{color:#0B5CAD}
code{font:.85em/1.2 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;background:var(--soft);
padding:1px 4px;border-radius:4px;color:#3A4350}
section.file{margin-top:28px}
.file-head h2{font-size:1.3rem;margin:0;word-break:break-all}
.meta{display:flex;flex-wrap:wrap;gap:4px 18px;margin:4px 0 0;color:var(--muted);font-size:.9rem}
.meta b{color:var(--ink);font-weight:600}
.banner{margin:10px 0 0;padding:6px 12px;border:1px solid var(--line);border-left:4px solid var(--muted);
border-radius:6px;background:var(--soft);font-size:.9rem}
.warnings{margin:8px 0 0;padding:6px 12px 6px 30px;border:1px solid #E8C872;border-radius:6px;background:#FFF9E8;
font-size:.9rem}
.error{margin:10px 0 0;padding:10px 14px;border:1px solid var(--c);border-left:6px solid var(--c);
border-radius:6px;background:#FDF1EA}
.error strong{color:#9A3C00}
h3{font-size:1.05rem;margin:26px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
.stats{display:grid;grid-template-columns:1.3fr repeat(4,minmax(0,1fr));gap:10px;margin:14px 0 0}
.stat{border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:var(--soft)}
.stat .num{display:block;font-size:1.7rem;font-weight:700;line-height:1.1;font-variant-numeric:tabular-nums}
.stat .lbl{display:block;font-weight:600;font-size:.9rem}
.stat .sub{display:block;color:var(--muted);font-size:.82rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:12px 0 0}
.facts dt{color:var(--muted)}
.facts dd{margin:0}
.profile{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:10px;margin:14px 0 0}
.profile .col{border-top:3px solid var(--w);padding-top:4px}
.profile .col.confrontation{border-top-color:var(--c)}.profile .col.repair{border-top-color:var(--r)}
.profile .ph{margin:0 0 2px;font-size:.9rem;font-weight:700;display:flex;align-items:center;gap:6px}
.profile ul{margin:0;padding:0;list-style:none;font-size:.85rem}
.profile li{display:flex;gap:8px;padding:1px 0}
.profile .n{min-width:1.6em;text-align:right;font-weight:700;font-variant-numeric:tabular-nums}
figure.timeline{margin:0}
.tl{display:block;width:100%;height:auto}
.tl text{font-size:12px;fill:var(--ink)}
.tl .small{font-size:10.5px;fill:var(--muted)}
.tl .lane{fill:var(--soft)}
.tl .axis{stroke:#8A939E;stroke-width:1}
.tl .seg-line{stroke:#B8C0C9;stroke-width:1;stroke-dasharray:3 3}
.tl .stretch{stroke:#9AA3AD;stroke-width:.8}
.tl .link{fill:none;stroke:#6B7480;stroke-width:1.2}
.tl .link.addressed{stroke-dasharray:4 3}
.mk{stroke:#1B2430;stroke-width:.8}
.mk.withdrawal{fill:var(--w)}.mk.confrontation{fill:var(--c)}.mk.repair{fill:var(--r)}
.tl a:hover .mk,.tl a:focus .mk{stroke-width:2.2}
.sal{stroke:#fff;stroke-width:1}
.sal.withdrawal{fill:var(--w)}.sal.confrontation{fill:var(--c)}
.sal.s1{fill-opacity:.07}.sal.s2{fill-opacity:.3}.sal.s3{fill-opacity:.52}.sal.s4{fill-opacity:.78}.sal.s5{fill-opacity:1}
.tl .sal-n{font-size:10.5px;text-anchor:middle}
.tl .sal-n.on{fill:#fff;font-weight:700}
.legend{display:flex;flex-wrap:wrap;gap:4px 20px;margin:6px 0 0;padding:0;list-style:none;font-size:.85rem;
color:var(--muted)}
.legend li{display:flex;align-items:center;gap:6px}
.legend svg{flex:none}
.transcript{margin:0}
.turn{display:grid;grid-template-columns:minmax(0,11fr) minmax(0,9fr);gap:0 22px;padding:7px 10px;
border-top:1px solid #EDF0F3;scroll-margin-top:12px}
.turn:target{outline:2px solid #0B5CAD;outline-offset:-2px}
.utt{grid-column:1;min-width:0}
.notes{grid-column:2;display:flex;flex-direction:column;gap:8px;min-width:0}
.who{display:flex;gap:10px;align-items:baseline;font-size:.8rem;color:var(--muted)}
.who .ln{min-width:2.6em;color:var(--muted);text-decoration:none;font-variant-numeric:tabular-nums}
.who .ln:hover{text-decoration:underline}
.who .spk{font-weight:600;text-transform:uppercase;letter-spacing:.05em}
.therapist .who .spk{color:#1F5F8B}
.patient .who .spk{color:#6A3D7A}
.text{margin:1px 0 0;white-space:pre-wrap;overflow-wrap:anywhere}
.turn.flagged{background:#FBFCFD;border-left:4px solid var(--line)}
.turn.cat-withdrawal{border-left-color:var(--w)}.turn.cat-confrontation{border-left-color:var(--c)}
.turn.cat-repair{border-left-color:var(--r)}
.turn.plain{border-left:4px solid transparent}
mark{color:inherit;padding:0 1px;border-radius:2px;text-decoration:underline;text-decoration-thickness:2px;
text-underline-offset:3px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
mark.withdrawal{background:var(--w-bg);text-decoration-color:var(--w);text-decoration-style:dotted}
mark.confrontation{background:var(--c-bg);text-decoration-color:var(--c);text-decoration-style:solid}
mark.repair{background:var(--r-bg);text-decoration-color:var(--r);text-decoration-style:dashed}
.note{border:1px solid var(--line);border-left:4px solid var(--w);border-radius:6px;padding:7px 12px 8px;
background:#fff;font-size:.88rem;break-inside:avoid}
.note.confrontation{border-left-color:var(--c)}.note.repair{border-left-color:var(--r)}
.note h4{margin:0 0 3px;font-size:.95rem;display:flex;flex-wrap:wrap;align-items:center;gap:2px 8px}
.note h4 .cat{font-size:.72rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);font-weight:600}
.note p{margin:3px 0 0}
.note code{white-space:nowrap}
.note .why,.note .outcome,.note .answers,.note .try{display:grid;grid-template-columns:6.4em minmax(0,1fr);
gap:0 6px;align-items:baseline}
.note .k{color:var(--muted);font-size:.8em;font-weight:600;text-transform:uppercase;letter-spacing:.05em}
.note ul{margin:0;padding-left:1.1em}
.note li{margin:2px 0}
.note q{font-style:italic}
.note .try q{display:block;color:#3A4350}
.badge{display:inline-block;padding:0 7px;border-radius:10px;font-size:.88em;font-weight:700;border:1px solid}
.badge::first-letter{text-transform:uppercase}
.badge.resolved{color:#00573F;background:#DDF3EB;border-color:#7CC7AE}
.badge.addressed{color:#1F4E8C;background:#E6EEF9;border-color:#9DB7DD}
.badge.unaddressed{color:#8A3300;background:#FDEDE3;border-color:#E9A57E}
.empty{color:var(--muted);font-style:italic}
.redacted .turn{grid-template-columns:minmax(0,3fr) minmax(0,9fr)}
@media (max-width:820px){
body{padding:16px}
.stats{grid-template-columns:repeat(2,minmax(0,1fr))}
.profile{grid-template-columns:minmax(0,1fr)}
.turn,.redacted .turn{grid-template-columns:minmax(0,1fr)}
.notes{grid-column:1;margin:6px 0 0 2.6em}
}
@media print{
@page{margin:14mm 12mm}
body{max-width:none;padding:0;font-size:10pt;color:#000;background:#fff}
a{color:inherit;text-decoration:none}
.toc,.stat,.banner,.turn.flagged,code{background:none}
section.file+section.file{break-before:page}
figure.timeline,.stats,.file-head,.error{break-inside:avoid}
.turn,.redacted .turn{grid-template-columns:minmax(0,1fr);break-inside:avoid;padding:4px 6px}
.notes{grid-column:1;margin:4px 0 2px 2.6em}
.note{padding:4px 8px;font-size:8.5pt}
.turn:target{outline:none}
}
)css";

// ---- names and small pieces ------------------------------------------------------

std::string name_of(const RulePack& pack, const std::string& id) {
  const CodeDef* code = pack.find_code(id);
  return code != nullptr ? code->name : id;
}

// The SVG outline of a category's mark centred on (x, y), `r` its half size.
std::string shape(Category category, double x, double y, double r, std::string_view inner = {}) {
  const std::string cls(to_string(category));
  switch (category) {
    case Category::withdrawal:
      return fmt::format(R"(<path class="mk {}" d="M{:.1f} {:.1f}H{:.1f}L{:.1f} {:.1f}Z">{}</path>)", cls,
                         x - r, y - 0.8 * r, x + r, x, y + r, inner);
    case Category::confrontation:
      return fmt::format(
          R"(<path class="mk {}" d="M{:.1f} {:.1f}L{:.1f} {:.1f}L{:.1f} {:.1f}L{:.1f} {:.1f}Z">{}</path>)",
          cls, x, y - r, x + r, y, x, y + r, x - r, y, inner);
    case Category::repair:
      return fmt::format(R"(<circle class="mk {}" cx="{:.1f}" cy="{:.1f}" r="{:.1f}">{}</circle>)", cls, x, y,
                         0.85 * r, inner);
  }
  return {};
}

// A small inline SVG holding `body`, for legends and note headings.
std::string icon(std::string_view body) {
  return fmt::format(
      R"(<svg class="icon" width="14" height="14" viewBox="-8 -8 16 16" aria-hidden="true">{}</svg>)", body);
}

// ---- one file: lookups shared by the parts --------------------------------------

struct FileView {
  const FileReport& report;
  const RulePack& pack;
  const UiText& ui;     ///< the report's language, its texts escaped for HTML
  const UiText& plain;  ///< the same, unescaped, for texts that are escaped whole
  bool redact = false;
  std::string id;                                  ///< the section's id: "file-<n>"
  std::string prefix;                              ///< of turn anchors: "" for the first file, "f<n>-" after
  std::vector<std::vector<std::size_t>> by_turn;   ///< finding indexes per turn
  std::vector<std::vector<std::size_t>> answered;  ///< per repair finding: the ruptures it addressed

  FileView(const FileReport& r, const UiText& html_ui, const UiText& plain_ui, std::size_t number,
           bool redact_text)
      : report(r),
        pack(r.pack->pack()),
        ui(html_ui),
        plain(plain_ui),
        redact(redact_text),
        id(fmt::format("file-{}", number)),
        prefix(number == 1 ? std::string() : fmt::format("f{}-", number)),
        by_turn(r.transcript.turns.size()),
        answered(r.findings.size()) {
    for (std::size_t i = 0; i < r.findings.size(); ++i) {
      if (r.findings[i].turn < by_turn.size()) by_turn[r.findings[i].turn].push_back(i);
      if (i < r.outcomes.size() && r.outcomes[i] && r.outcomes[i]->addressed_by) {
        answered[r.outcomes[i]->addressed_by->finding].push_back(i);
      }
    }
  }

  [[nodiscard]] std::string anchor(std::size_t line) const { return fmt::format("{}L{}", prefix, line); }
  [[nodiscard]] std::string line_link(std::size_t line) const {
    return fmt::format("<a href=\"#{}\">{}</a>", anchor(line), ui.format(Msg::line, arg("line", line)));
  }
  // "lines 7–9", linked to the first
  [[nodiscard]] std::string lines_link(std::size_t first, std::size_t last) const {
    return fmt::format("<a href=\"#{}\">{}</a>", anchor(first),
                       ui.format(Msg::lines, arg("range", fmt::format("{}–{}", first, last))));
  }
  [[nodiscard]] const Turn& turn_of(const Finding& f) const { return report.transcript.turns[f.turn]; }
  [[nodiscard]] const std::optional<RuptureOutcome>& outcome(std::size_t i) const {
    return report.outcomes[i];
  }
  [[nodiscard]] std::string name(const std::string& id_) const { return html_escape(name_of(pack, id_)); }
};

// ---- header and summary ----------------------------------------------------------

std::string time_range(const UiText& ui, const Transcript& transcript) {
  std::optional<double> first;
  std::optional<double> last;
  for (const Turn& t : transcript.turns) {
    if (!t.time) continue;
    if (!first) first = t.time;
    last = t.time;
  }
  return first ? fmt::format("<span>{}–{}</span>", ui.time(*first), ui.time(*last)) : std::string();
}

void write_file_head(const FileView& v, std::ostream& out) {
  const SessionSummary& s = v.report.summary;
  const UiText& ui = v.ui;
  out << fmt::format("<header class=\"file-head\">\n<h2 id=\"{}-title\">{}</h2>\n", v.id,
                     html_escape(v.report.path));
  const std::string turns = ui.count(Msg::count_turns, s.turns);
  out << fmt::format(
      "<p class=\"meta\"><span>{}</span><span>{}</span><span>{}</span>{}</p>\n",
      ui.format(Msg::html_language, arg("language", "<b>" + html_escape(v.report.language) + "</b>")),
      ui.format(Msg::html_pack, arg("pack", "<b>" + html_escape(v.pack.manifest.id) + "</b>"),
                arg("version", html_escape(v.pack.manifest.version))),
      s.other_turns > 0
          ? ui.format(Msg::html_turns_other, arg("turns", turns), arg("patient", ui.integer(s.patient_turns)),
                      arg("therapist", ui.integer(s.therapist_turns)),
                      arg("other", ui.integer(s.other_turns)))
          : ui.format(Msg::html_turns, arg("turns", turns), arg("patient", ui.integer(s.patient_turns)),
                      arg("therapist", ui.integer(s.therapist_turns))),
      time_range(ui, v.report.transcript));
  if (v.redact) {
    out << "<p class=\"banner\"><strong>" << ui[Msg::html_redacted_title] << "</strong> "
        << ui[Msg::html_redacted_text] << "</p>\n";
  }
  const auto& warnings = v.report.transcript.warnings;
  if (!warnings.empty() && v.redact) {
    out << "<p class=\"warnings\">" << ui.count(Msg::count_redacted_warnings, warnings.size()) << ".</p>\n";
  } else if (!warnings.empty()) {
    out << "<ul class=\"warnings\">";
    for (const auto& w : warnings) out << "<li>" << html_escape(w) << "</li>";
    out << "</ul>\n";
  }
  out << "</header>\n";
}

std::string stat(const std::string& number, std::string_view label, const std::string& sub) {
  return fmt::format(
      "<div class=\"stat\"><span class=\"num\">{}</span><span class=\"lbl\">{}</span>"
      "<span class=\"sub\">{}</span></div>\n",
      number, label, sub);
}

// Per category, the codes found with their counts, in the pack's (catalogue) order.
void write_profile(const FileView& v, std::ostream& out) {
  const SessionSummary& s = v.report.summary;
  out << "<div class=\"profile\">\n";
  for (const Category c : {Category::withdrawal, Category::confrontation, Category::repair}) {
    const auto& counts = c == Category::repair ? s.repair_counts : s.markers;
    const int total = c == Category::withdrawal      ? s.withdrawal
                      : c == Category::confrontation ? s.confrontation
                                                     : s.repairs;
    out << fmt::format(R"(<div class="col {}"><p class="ph">{}{} <span class="n">{}</span></p><ul>)",
                       to_string(c), icon(shape(c, 0, 0, 6)),
                       c == Category::repair ? v.ui[Msg::html_profile_repairs] : category_text(v.ui, c),
                       v.ui.integer(total));
    for (const CodeDef& code : v.pack.codes) {
      const auto found = counts.find(code.id);
      if (code.category != c || found == counts.end()) continue;
      out << fmt::format("<li><span class=\"n\">{}</span>{}</li>", v.ui.integer(found->second),
                         html_escape(code.name));
    }
    if (total == 0) out << "<li class=\"empty\">" << v.ui[Msg::none] << "</li>";
    out << "</ul></div>\n";
  }
  out << "</div>\n";
}

void write_summary(const FileView& v, std::ostream& out) {
  const SessionSummary& s = v.report.summary;
  const UiText& ui = v.ui;
  const bool any = s.ruptures > 0;
  const std::string ruptures = ui.count(Msg::count_ruptures, s.ruptures);
  out << "<div class=\"stats\">\n"
      << stat(ui.integer(s.ruptures), ui[Msg::html_ruptures],
              ui.format(Msg::html_ruptures_by_kind, arg("withdrawal", ui.integer(s.withdrawal)),
                        arg("confrontation", ui.integer(s.confrontation))))
      << stat(ui.fixed(s.ruptures_per_100_patient_turns, 1), ui[Msg::html_rate],
              ui.format(Msg::html_rate_of,
                        arg("patient_turns", ui.count(Msg::count_patient_turns, s.patient_turns))))
      << stat(any ? ui.percent(s.share_addressed) : "–", ui[Msg::html_addressed],
              ui.format(Msg::html_share_of, arg("count", ui.integer(s.addressed)), arg("ruptures", ruptures)))
      << stat(any ? ui.percent(s.share_resolved) : "–", ui[Msg::html_resolved],
              ui.format(Msg::html_share_of, arg("count", ui.integer(s.resolved)), arg("ruptures", ruptures)))
      << stat(ui.integer(s.repairs), ui[Msg::html_repairs], ui[Msg::html_repairs_by]) << "</div>\n";
  out << "<dl class=\"facts\">\n<dt>" << ui[Msg::html_most_frequent] << "</dt><dd>";
  if (s.most_frequent_marker) {
    const auto found = s.markers.find(*s.most_frequent_marker);
    out << fmt::format("<strong>{}</strong> <code>{}</code> ({}×)", v.name(*s.most_frequent_marker),
                       html_escape(*s.most_frequent_marker),
                       ui.integer(found != s.markers.end() ? found->second : 0));
  } else {
    out << "<span class=\"empty\">" << ui[Msg::none] << "</span>";
  }
  out << "</dd>\n<dt>" << ui[Msg::html_longest_stretch] << "</dt><dd>";
  if (s.longest_unaddressed) {
    const UnaddressedStretch& u = *s.longest_unaddressed;
    out << ui.format(Msg::html_stretch, arg("turns", ui.count(Msg::count_turns, u.turns)),
                     arg("lines", u.start_line == u.end_line ? v.line_link(u.start_line)
                                                             : v.lines_link(u.start_line, u.end_line)));
  } else {
    out << "<span class=\"empty\">" << (any ? ui[Msg::html_all_addressed] : ui[Msg::none]) << "</span>";
  }
  out << "</dd>\n</dl>\n";
  write_profile(v, out);
}

// ---- timeline --------------------------------------------------------------------

constexpr double svg_width = 1000;
constexpr double plot_left = 122;
constexpr double plot_right = 986;
constexpr double lane_top = 6;
constexpr double lane_height = 30;
constexpr double band_top = lane_top + 3 * lane_height + 8;
constexpr double band_height = 15;
constexpr double axis_y = band_top + 2 * band_height + 6;
constexpr double svg_height = axis_y + 26;
constexpr double mark_size = 6.5;

// Where each turn sits along the x axis: seconds when the session has timestamps (a turn
// without one takes the time of the turn before), else the turn's index.
struct Axis {
  bool by_time = false;
  double end = 1;                 ///< the value at the right edge
  std::vector<double> positions;  ///< per turn

  [[nodiscard]] double x(double value) const {
    return plot_left + (plot_right - plot_left) * std::clamp(value / end, 0.0, 1.0);
  }
  [[nodiscard]] double turn_x(std::size_t turn) const { return x(positions[turn]); }
};

Axis make_axis(const Transcript& transcript) {
  Axis axis;
  const auto& turns = transcript.turns;
  axis.by_time = !turns.empty() && turns.front().time.has_value();
  if (!axis.by_time) {
    for (std::size_t i = 0; i < turns.size(); ++i) axis.positions.push_back(static_cast<double>(i) + 0.5);
    axis.end = std::max<double>(1, static_cast<double>(turns.size()));
    return axis;
  }
  double time = 0;
  for (const Turn& t : turns) {
    time = t.time ? std::max(0.0, *t.time) : time;
    axis.positions.push_back(time);
  }
  const double first = axis.positions.front();
  const double last = axis.positions.back();
  // leave room after the last turn for about one turn's length
  const double tail = turns.size() > 1 ? (last - first) / static_cast<double>(turns.size() - 1) : 10.0;
  axis.end = std::max(1.0, last + std::max(tail, 1.0));
  return axis;
}

double tick_step(const Axis& axis) {
  static constexpr std::array<double, 12> time_steps{5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200};
  static constexpr std::array<double, 10> turn_steps{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};
  const auto pick = [&](const auto& steps) {
    for (const double s : steps) {
      if (axis.end / s <= 10) return s;
    }
    return steps.back() * std::ceil(axis.end / steps.back() / 10);
  };
  return axis.by_time ? pick(time_steps) : pick(turn_steps);
}

void write_axis(const UiText& ui, const Axis& axis, std::ostream& out) {
  out << fmt::format("<line class=\"axis\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\"/>\n",
                     plot_left, axis_y, plot_right, axis_y);
  const double step = tick_step(axis);
  // by time: ticks at 0, step, 2 step...; by turn: at turn 1, step, 2 step... (centred)
  const double first = axis.by_time ? 0 : step;
  for (int k = 0; first + k * step <= axis.end + 1e-9; ++k) {
    const double v = first + k * step;
    const double value = axis.by_time ? v : v - 0.5;
    const double x = axis.x(value);
    const std::string label = axis.by_time ? ui.time(v) : fmt::format("{:.0f}", v);
    out << fmt::format(
        "<line class=\"axis\" x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\"/>"
        "<text class=\"small\" x=\"{0:.1f}\" y=\"{3:.1f}\" text-anchor=\"middle\">{4}</text>\n",
        x, axis_y, axis_y + 4, axis_y + 16, label);
  }
  if (!axis.by_time && step > 1) {
    out << fmt::format("<text class=\"small\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">1</text>\n",
                       axis.x(0.5), axis_y + 16);
  }
  out << fmt::format("<text class=\"small\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                     plot_left - 22, axis_y + 16,
                     ui[axis.by_time ? Msg::html_axis_time : Msg::html_axis_turn]);
}

double lane_y(Category category) {
  return lane_top + lane_height * (static_cast<double>(category) + 0.5);
}

void write_lanes(const UiText& ui, std::ostream& out) {
  for (const Category c : {Category::withdrawal, Category::confrontation, Category::repair}) {
    const double y = lane_y(c);
    out << fmt::format(R"(<rect class="lane" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"/>)",
                       plot_left, y - lane_height / 2 + 1, plot_right - plot_left, lane_height - 2)
        << shape(c, 10, y, 5.5)
        << fmt::format("<text x=\"22\" y=\"{:.1f}\">{}</text>\n", y + 4, category_text(ui, c));
  }
  out << fmt::format(R"(<text class="small" x="22" y="{:.1f}">{}</text>)", band_top + band_height - 3,
                     ui[Msg::html_salience])
      << fmt::format("<text class=\"small\" x=\"22\" y=\"{:.1f}\">{}</text>\n",
                     band_top + 2 * band_height - 4, ui[Msg::html_per_segment])
      << shape(Category::withdrawal, plot_left - 9, band_top + band_height / 2, 4)
      << shape(Category::confrontation, plot_left - 9, band_top + 1.5 * band_height, 4) << '\n';
}

// The x range a segment covers, or nullopt when it cannot be placed.
std::optional<std::pair<double, double>> segment_range(const Segment& s, const Axis& axis) {
  if (axis.by_time && s.start_time) {
    const double end = s.end_time ? *s.end_time : axis.end;
    return std::pair{axis.x(*s.start_time), axis.x(end)};
  }
  if (!s.first_turn || !s.last_turn || *s.last_turn >= axis.positions.size()) return std::nullopt;
  if (axis.by_time) {
    const double end = *s.last_turn + 1 < axis.positions.size() ? axis.positions[*s.last_turn + 1] : axis.end;
    return std::pair{axis.turn_x(*s.first_turn), axis.x(end)};
  }
  return std::pair{axis.x(static_cast<double>(*s.first_turn)), axis.x(static_cast<double>(*s.last_turn + 1))};
}

std::string segment_title(const FileView& v, const Segment& s) {
  const UiText& ui = v.ui;
  std::string title = ui.format(Msg::html_segment, arg("n", s.index + 1));
  if (s.start_time && s.end_time)
    title += fmt::format(", {}–{}", ui.time(*s.start_time), ui.time(*s.end_time));
  if (s.start_line && s.end_line) {
    title += ", " + ui.format(Msg::lines, arg("range", fmt::format("{}–{}", *s.start_line, *s.end_line)));
  }
  title += ": " + ui.format(Msg::html_segment_salience, arg("withdrawal", s.withdrawal_salience),
                            arg("confrontation", s.confrontation_salience));
  for (const auto& [id, n] : s.markers)
    title += fmt::format("; {} ×{}", html_escape(name_of(v.pack, id)), ui.integer(n));
  return title;
}

void write_salience_cell(Category c, int level, double x1, double x2, double y, const std::string& title,
                         std::ostream& out) {
  out << fmt::format(
      "<rect class=\"sal {} s{}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" "
      "height=\"{:.1f}\"><title>{}</title></rect>",
      to_string(c), level, x1, y, std::max(1.0, x2 - x1), band_height, title);
  if (x2 - x1 >= 14) {
    out << fmt::format(R"(<text class="sal-n{}" x="{:.1f}" y="{:.1f}">{}</text>)", level >= 4 ? " on" : "",
                       (x1 + x2) / 2, y + band_height - 4, level);
  }
  out << '\n';
}

void write_segments(const FileView& v, const Axis& axis, std::ostream& out) {
  for (const Segment& s : v.report.segments) {
    const auto range = segment_range(s, axis);
    if (!range) continue;
    const auto [x1, x2] = *range;
    if (s.index > 0) {
      out << fmt::format(
          "<line class=\"seg-line\" x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\"/>\n", x1,
          lane_top, band_top + 2 * band_height);
    }
    const std::string title = segment_title(v, s);
    write_salience_cell(Category::withdrawal, s.withdrawal_salience, x1, x2, band_top, title, out);
    write_salience_cell(Category::confrontation, s.confrontation_salience, x1, x2, band_top + band_height,
                        title, out);
  }
}

std::optional<std::size_t> turn_at_line(const Transcript& transcript, std::size_t line) {
  for (std::size_t i = 0; i < transcript.turns.size(); ++i) {
    if (transcript.turns[i].line == line) return i;
  }
  return std::nullopt;
}

void write_stretch(const FileView& v, const Axis& axis, std::ostream& out) {
  const auto& stretch = v.report.summary.longest_unaddressed;
  if (!stretch) return;
  const auto first = turn_at_line(v.report.transcript, stretch->start_line);
  const auto last = turn_at_line(v.report.transcript, stretch->end_line);
  if (!first || !last) return;
  double x1 = axis.turn_x(*first);
  double x2 = axis.turn_x(*last);
  if (x2 - x1 < 2 * mark_size + 4) {
    const double mid = (x1 + x2) / 2;
    x1 = mid - mark_size - 2;
    x2 = mid + mark_size + 2;
  } else {
    x1 -= mark_size;
    x2 += mark_size;
  }
  out << fmt::format(
      "<rect class=\"stretch\" fill=\"url(#{}-hatch)\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" "
      "height=\"{:.1f}\" rx=\"3\"><title>{}: {}</title></rect>\n",
      v.id, x1, lane_top + 2, x2 - x1, 2 * lane_height - 4, v.ui[Msg::html_longest_stretch],
      v.ui.format(Msg::html_stretch, arg("turns", v.ui.count(Msg::count_turns, stretch->turns)),
                  arg("lines", v.ui.format(Msg::lines, arg("range", fmt::format("{}–{}", stretch->start_line,
                                                                                stretch->end_line))))));
}

// Each mark's position; marks of one category in one turn are set side by side.
std::vector<std::pair<double, double>> mark_positions(const FileView& v, const Axis& axis) {
  std::vector<std::pair<double, double>> out;
  auto previous_turn = static_cast<std::size_t>(-1);
  std::array<int, 3> in_turn{};
  for (const Finding& f : v.report.findings) {
    if (f.turn != previous_turn) in_turn = {};
    previous_turn = f.turn;
    const int k = in_turn[static_cast<std::size_t>(f.category)]++;
    out.emplace_back(axis.turn_x(f.turn) + 2 * mark_size * k, lane_y(f.category));
  }
  return out;
}

std::string mark_title(const FileView& v, std::size_t index) {
  const Finding& f = v.report.findings[index];
  const Turn& turn = v.turn_of(f);
  std::string title = fmt::format("{} ({}), {}", v.name(f.marker), html_escape(f.marker),
                                  v.ui.format(Msg::line, arg("line", turn.line)));
  if (turn.time) title += ", " + v.ui.time(*turn.time);
  if (const auto& outcome = v.outcome(index)) title += ": " + status_text(v.ui, outcome->status);
  return title;
}

void write_marks(const FileView& v, const Axis& axis, std::ostream& out) {
  const auto positions = mark_positions(v, axis);
  const auto& findings = v.report.findings;
  for (std::size_t i = 0; i < findings.size(); ++i) {  // links first, under the marks
    const auto& outcome = v.outcome(i);
    if (!outcome || !outcome->addressed_by) continue;
    const auto [x1, y1] = positions[i];
    const auto [x2, y2] = positions[outcome->addressed_by->finding];
    out << fmt::format(
        "<path class=\"link {}\" d=\"M{:.1f} {:.1f}C{:.1f} {:.1f} {:.1f} {:.1f} {:.1f} {:.1f}\"/>\n",
        to_string(outcome->status), x1, y1, x1, y2, x2, y1, x2, y2);
  }
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const auto [x, y] = positions[i];
    out << fmt::format(
        "<a href=\"#{}\">{}</a>\n", v.anchor(v.turn_of(findings[i]).line),
        shape(findings[i].category, x, y, mark_size, "<title>" + mark_title(v, i) + "</title>"));
  }
}

void write_legend(const FileView& v, std::ostream& out) {
  const UiText& ui = v.ui;
  out << "<ul class=\"legend\">\n";
  for (const Category c : {Category::withdrawal, Category::confrontation, Category::repair}) {
    out << "<li>" << icon(shape(c, 0, 0, 6)) << kind_text(ui, c) << "</li>\n";
  }
  out << "<li>" << icon(R"(<path class="link" d="M-7 0H7" stroke="#6B7480" stroke-width="1.5"/>)")
      << ui[Msg::html_legend_resolved] << "</li>\n";
  out << "<li>"
      << icon(
             "<path class=\"link\" d=\"M-7 0H7\" stroke=\"#6B7480\" stroke-width=\"1.5\" "
             "stroke-dasharray=\"4 3\"/>")
      << ui[Msg::html_legend_addressed] << "</li>\n";
  if (v.report.summary.longest_unaddressed) {
    out << "<li>"
        << icon(fmt::format("<rect x=\"-7\" y=\"-6\" width=\"14\" height=\"12\" fill=\"url(#{}-hatch)\" "
                            "stroke=\"#9AA3AD\"/>",
                            v.id))
        << ui[Msg::html_legend_stretch] << "</li>\n";
  }
  out << "<li>"
      << icon(
             "<rect class=\"sal withdrawal s2\" x=\"-7\" y=\"-6\" width=\"7\" height=\"12\"/>"
             "<rect class=\"sal withdrawal s5\" x=\"0\" y=\"-6\" width=\"7\" height=\"12\"/>")
      << ui[Msg::html_legend_salience] << "</li>\n";
  out << "</ul>\n";
}

void write_timeline(const FileView& v, std::ostream& out) {
  const Axis axis = make_axis(v.report.transcript);
  const UiText& ui = v.ui;
  const SessionSummary& s = v.report.summary;
  out << "<h3>" << ui[Msg::html_timeline] << "</h3>\n<figure class=\"timeline\">\n";
  out << fmt::format(
      "<svg class=\"tl\" viewBox=\"0 0 {:.0f} {:.0f}\" role=\"group\" aria-labelledby=\"{}-tl-title\">\n"
      "<title id=\"{}-tl-title\">{}</title>\n",
      svg_width, svg_height, v.id, v.id,
      ui.format(Msg::html_timeline_of, arg("path", html_escape(v.report.path)),
                arg("withdrawal", ui.count(Msg::count_withdrawal_markers, s.withdrawal)),
                arg("confrontation", ui.count(Msg::count_confrontation_markers, s.confrontation)),
                arg("repairs", ui.count(Msg::count_repairs, s.repairs))));
  out << fmt::format(
      "<defs><pattern id=\"{}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
      "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#FFFFFF\"/>"
      "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#C3CAD2\" "
      "stroke-width=\"2.5\"/></pattern></defs>\n",
      v.id);
  write_lanes(ui, out);
  write_segments(v, axis, out);
  write_stretch(v, axis, out);
  write_marks(v, axis, out);
  write_axis(ui, axis, out);
  out << "</svg>\n<figcaption>\n";
  write_legend(v, out);
  out << "</figcaption>\n</figure>\n";
}

// ---- transcript and notes --------------------------------------------------------

// `piece` of a turn's text, in a <mark> when findings (`covering`) fired on it: one
// class per category, their names as its title.
std::string marked(const FileView& v, const std::vector<std::size_t>& covering, std::string_view piece) {
  if (covering.empty()) return html_escape(piece);
  std::array<bool, 3> categories{};
  std::string names;
  for (const std::size_t i : covering) {
    const Finding& f = v.report.findings[i];
    categories[static_cast<std::size_t>(f.category)] = true;
    if (!names.empty()) names += ", ";
    names += name_of(v.pack, f.marker);
  }
  std::string classes;
  for (const Category c : {Category::withdrawal, Category::confrontation, Category::repair}) {
    if (!categories[static_cast<std::size_t>(c)]) continue;
    if (!classes.empty()) classes += ' ';
    classes += to_string(c);
  }
  return fmt::format(R"(<mark class="{}" title="{}">{}</mark>)", classes, html_escape(names),
                     html_escape(piece));
}

// The turn's text with the spans of its findings marked; overlapping spans are cut into
// pieces, and neighbouring pieces with the same findings are joined again.
std::string highlighted(const FileView& v, const Turn& turn, const std::vector<std::size_t>& indexes) {
  const std::string_view text = turn.text;
  std::vector<std::size_t> cuts{0, text.size()};
  for (const std::size_t i : indexes) {
    for (const Span& s : v.report.findings[i].spans) {
      cuts.push_back(std::min<std::size_t>(s.begin, text.size()));
      cuts.push_back(std::min<std::size_t>(s.end, text.size()));
    }
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::string out;
  std::vector<std::size_t> run;  // the findings of the current run of pieces
  std::size_t run_start = 0;
  for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
    std::vector<std::size_t> covering;
    for (const std::size_t i : indexes) {
      const auto& spans = v.report.findings[i].spans;
      if (std::any_of(spans.begin(), spans.end(),
                      [&](const Span& s) { return s.begin <= cuts[k] && s.end >= cuts[k + 1]; })) {
        covering.push_back(i);
      }
    }
    if (covering == run) continue;
    out += marked(v, run, text.substr(run_start, cuts[k] - run_start));
    run = std::move(covering);
    run_start = cuts[k];
  }
  return out + marked(v, run, text.substr(run_start));
}

std::string note_heading(const FileView& v, const Finding& f) {
  return fmt::format("<h4>{}<span class=\"cat\">{}</span><span class=\"nm\">{}</span><code>{}</code></h4>\n",
                     icon(shape(f.category, 0, 0, 6)), category_text(v.ui, f.category), v.name(f.marker),
                     html_escape(f.marker));
}

std::string note_why(const FileView& v, const Finding& f) {
  const UiText& ui = v.ui;
  const std::string rule = "<code>" + html_escape(f.rule) + "</code>";
  std::string out = R"(<p class="why"><span class="k">)" + ui[Msg::html_why] + R"(</span><span class="v">)";
  const std::string sources = f.rule == model_rule_id ? describe_weighed(ui, f) : std::string();
  if (!sources.empty() && !v.redact && !f.spans.empty()) {
    out += ui.format(
        Msg::html_model_weighed, arg("probability", ui.percent(f.strength)), arg("sources", sources),
        arg("evidence", "<q>" + html_escape(evidence_text(v.turn_of(f).text, f.spans)) + "</q>"));
  } else if (!sources.empty()) {
    out +=
        ui.format(Msg::html_model_plain, arg("probability", ui.percent(f.strength)), arg("sources", sources));
  } else if (!v.redact && !f.spans.empty()) {
    out +=
        ui.format(Msg::html_rule_matched, arg("rule", rule),
                  arg("evidence", "<q>" + html_escape(evidence_text(v.turn_of(f).text, f.spans)) + "</q>"));
  } else {
    out += ui.format(Msg::html_rule, arg("rule", rule));
  }
  if (!f.cues.empty()) out += " · " + describe_cues(ui, f.cues);
  return out + " · " + ui.format(Msg::html_strength, arg("strength", ui.shortest(f.strength))) +
         "</span></p>\n";
}

std::string note_outcome(const FileView& v, const RuptureOutcome& outcome) {
  const UiText& ui = v.ui;
  std::string out = fmt::format(
      "<p class=\"outcome\"><span class=\"k\">{}</span><span class=\"v\"><span class=\"badge "
      "{}\">{}</span> ",
      ui[Msg::html_outcome], to_string(outcome.status), status_text(ui, outcome.status));
  if (!outcome.addressed_by)
    return out + ui.count(Msg::html_no_repair, v.pack.settings.repair_window) + "</span></p>\n";
  const RepairLink& link = *outcome.addressed_by;
  const Finding& repair = v.report.findings[link.finding];
  out += ui.format(Msg::html_repaired_by, arg("repair", "<strong>" + v.name(repair.marker) + "</strong>"),
                   arg("line", v.line_link(v.report.transcript.turns[link.turn].line)),
                   arg("later", ui.count(Msg::count_turns, link.turns_later)));
  if (outcome.status == RuptureStatus::resolved) out += "; " + ui[Msg::html_reengaged];
  return out + "</span></p>\n";
}

std::string note_suggestions(const FileView& v, const Finding& f) {
  const CodeDef* code = v.pack.find_code(f.marker);
  if (code == nullptr) return {};
  const auto repairs = v.pack.suggested_repairs(*code);
  if (repairs.empty()) return {};
  std::string out = R"(<div class="try"><span class="k">)" + v.ui[Msg::html_try] + "</span><ul>";
  for (const CodeDef* repair : repairs) {
    out += fmt::format("<li><strong>{}</strong> <code>{}</code>", html_escape(repair->name),
                       html_escape(repair->id));
    if (!v.redact && !repair->examples.empty()) out += "<q>" + html_escape(repair->examples.front()) + "</q>";
    out += "</li>";
  }
  return out + "</ul></div>\n";
}

// For a repair: the ruptures it addressed.
std::string note_answers(const FileView& v, std::size_t index) {
  const auto& ruptures = v.answered[index];
  if (ruptures.empty()) return {};
  std::string out =
      R"(<p class="answers"><span class="k">)" + v.ui[Msg::html_answers] + R"(</span><span class="v">)";
  for (std::size_t k = 0; k < ruptures.size(); ++k) {
    const Finding& f = v.report.findings[ruptures[k]];
    if (k > 0) out += "; ";
    out += v.ui.format(Msg::html_answer, arg("marker", v.name(f.marker)),
                       arg("line", v.line_link(v.turn_of(f).line)),
                       arg("status", status_text(v.ui, v.outcome(ruptures[k])->status)));
  }
  return out + "</span></p>\n";
}

std::string note(const FileView& v, std::size_t index) {
  const Finding& f = v.report.findings[index];
  std::string out = fmt::format("<article class=\"note {}\">\n", to_string(f.category));
  out += note_heading(v, f) + note_why(v, f);
  if (const auto& outcome = v.outcome(index)) {
    out += note_outcome(v, *outcome) + note_suggestions(v, f);
  } else {
    out += note_answers(v, index);
  }
  return out + "</article>\n";
}

std::string turn_classes(const FileView& v, const Turn& turn, const std::vector<std::size_t>& indexes) {
  std::string classes = fmt::format("turn {}", to_string(turn.speaker));
  if (indexes.empty()) return classes + " plain";
  return classes + fmt::format(" flagged cat-{}", to_string(v.report.findings[indexes.front()].category));
}

void write_turn(const FileView& v, std::size_t turn_index, std::ostream& out) {
  const Turn& turn = v.report.transcript.turns[turn_index];
  const auto& indexes = v.by_turn[turn_index];
  const std::string anchor = v.anchor(turn.line);
  out << fmt::format(
      "<div class=\"{}\" id=\"{}\">\n<div class=\"utt\"><div class=\"who\">"
      "<a class=\"ln\" href=\"#{}\">{}</a>",
      turn_classes(v, turn, indexes), anchor, anchor, v.ui.format(Msg::line, arg("line", turn.line)));
  if (turn.time) out << "<span class=\"time\">" << v.ui.time(*turn.time) << "</span>";
  out << "<span class=\"spk\">" << html_escape(speaker_text(v.plain, v.report.transcript, turn, v.redact))
      << "</span></div>";
  if (!v.redact) out << "\n<p class=\"text\">" << highlighted(v, turn, indexes) << "</p>";
  out << "</div>\n";
  if (!indexes.empty()) {
    out << "<div class=\"notes\">\n";
    for (const std::size_t i : indexes) out << note(v, i);
    out << "</div>\n";
  }
  out << "</div>\n";
}

void write_transcript(const FileView& v, std::ostream& out) {
  const auto& turns = v.report.transcript.turns;
  if (v.redact) {
    out << "<h3>" << v.ui[Msg::html_flagged_moments] << "</h3>\n<div class=\"transcript redacted\">\n";
    bool any = false;
    for (std::size_t t = 0; t < turns.size(); ++t) {
      if (v.by_turn[t].empty()) continue;
      write_turn(v, t, out);
      any = true;
    }
    if (!any) out << "<p class=\"empty\">" << v.ui[Msg::html_no_findings] << "</p>\n";
  } else {
    out << fmt::format("<h3>{}</h3>\n<div class=\"transcript\"{}>\n", v.ui[Msg::html_transcript],
                       v.report.language.empty()
                           ? std::string()
                           : fmt::format(" lang=\"{}\"", html_escape(v.report.language)));
    for (std::size_t t = 0; t < turns.size(); ++t) write_turn(v, t, out);
  }
  out << "</div>\n";
}

// ---- the document ----------------------------------------------------------------

struct TocEntry {
  std::string id;
  std::string path;
  int ruptures = 0;
  int repairs = 0;
  bool failed = false;
};

// The document's own words (title, contents, footer) are in the language of --ui-lang,
// else of the first file read; so the head waits for that file, and an unreadable file
// before it waits with it.
class HtmlRenderer final : public Renderer {
 public:
  HtmlRenderer(RenderOptions options, std::ostream& out) : options_(std::move(options)), out_(out) {}

  void file(const FileReport& report) override {
    // The HTML report shows every turn: the pipeline keeps them all for it.
    if (report.transcript.kept) throw std::logic_error("the HTML report needs every turn of " + report.path);
    const UiText& plain = report_ui(options_, report);
    const UiText& ui = escaped(plain);
    start(ui);
    const FileView v(report, ui, plain, toc_.size() + 1, options_.redact);
    toc_.push_back({v.id, report.path, report.summary.ruptures, report.summary.repairs, false});
    out_ << fmt::format("<section class=\"file\" id=\"{0}\" aria-labelledby=\"{0}-title\"{1}>\n", v.id,
                        ui.language() == frame_->language()
                            ? std::string()
                            : fmt::format(" lang=\"{}\"", html_escape(ui.language())));
    write_file_head(v, out_);
    write_summary(v, out_);
    write_timeline(v, out_);
    write_transcript(v, out_);
    out_ << "</section>\n";
  }

  void failed(const std::string& path, const std::string& message) override {
    toc_.push_back({fmt::format("file-{}", toc_.size() + 1), path, 0, 0, true});
    if (frame_ == nullptr) {
      waiting_.emplace_back(toc_.size() - 1, message);
    } else {
      write_failed(toc_.back(), message);
    }
  }

  void end() override {
    start(escaped(ui_text(options_.ui_language)));
    const UiText& ui = *frame_;
    out_ << "</main>\n";
    if (toc_.size() > 1) {
      out_ << fmt::format("<nav class=\"toc\" aria-label=\"{}\">\n<h2>{}</h2>\n<ol>\n", ui[Msg::html_files],
                          ui.count(Msg::count_files, toc_.size()));
      for (const auto& e : toc_) {
        out_ << fmt::format("<li{}><a href=\"#{}\">{}</a><span class=\"count\">{}</span></li>\n",
                            e.failed ? " class=\"failed\"" : "", e.id, html_escape(e.path),
                            e.failed ? ui[Msg::html_unreadable]
                                     : ui.count(Msg::count_ruptures, e.ruptures) + ", " +
                                           ui.count(Msg::count_repairs, e.repairs));
      }
      out_ << "</ol>\n</nav>\n";
    }
    out_ << "<footer>" << ui.format(Msg::html_footer, arg("version", RUPTAG_VERSION))
         << "</footer>\n</body>\n</html>\n";
  }

 private:
  // The UI of a language with its texts escaped for HTML, made once per language.
  const UiText& escaped(const UiText& plain) {
    auto found = escaped_.find(plain.language());
    if (found == escaped_.end())
      found = escaped_.emplace(plain.language(), plain.transformed(html_escape)).first;
    return found->second;
  }

  // Writes the head in `ui`'s language, then the unreadable files that came before, once.
  void start(const UiText& ui) {
    if (frame_ != nullptr) return;
    frame_ = &ui;
    out_ << "<!DOCTYPE html>\n<html lang=\"" << html_escape(ui.language())
         << "\">\n<head>\n<meta charset=\"utf-8\"/>\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
            "<meta name=\"generator\" content=\"ruptag " RUPTAG_VERSION "\"/>\n<title>"
         << ui[Msg::html_title] << "</title>\n<style>" << stylesheet
         << "</style>\n</head>\n<body>\n<header class=\"doc-head\">\n<h1>" << ui[Msg::html_heading]
         << "</h1>\n<p>" << ui[Msg::html_subtitle] << "</p>\n</header>\n<main>\n";
    for (const auto& [entry, message] : waiting_) write_failed(toc_[entry], message);
    waiting_.clear();
  }

  void write_failed(const TocEntry& entry, const std::string& message) {
    out_ << fmt::format(
        "<section class=\"file failed\" id=\"{0}\" aria-labelledby=\"{0}-title\">\n"
        "<header class=\"file-head\"><h2 id=\"{0}-title\">{1}</h2></header>\n"
        "<div class=\"error\" role=\"alert\"><strong>{2}</strong> {3}</div>\n</section>\n",
        entry.id, html_escape(entry.path), (*frame_)[Msg::html_unreadable_title], html_escape(message));
  }

  RenderOptions options_;
  std::ostream& out_;
  std::vector<TocEntry> toc_;
  std::map<std::string, UiText, std::less<>> escaped_;
  const UiText* frame_ = nullptr;  ///< the document's language, once known
  std::vector<std::pair<std::size_t, std::string>>
      waiting_;  ///< unreadable files before the head: toc entry, why
};

}  // namespace

std::unique_ptr<Renderer> make_html_renderer(const RenderOptions& options, std::ostream& out) {
  return std::make_unique<HtmlRenderer>(options, out);
}

}  // namespace ruptag
