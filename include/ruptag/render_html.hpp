#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "ruptag/render.hpp"

namespace ruptag {

/// One self-contained HTML5 document per run (inline CSS and SVG, no script, no URL):
/// per file a summary, an SVG timeline and the annotated transcript; with
/// `options.redact`, only the flagged moments by line, without a word of the transcript.
/// Turn anchors are "L<line>" in the first file and "f<n>-L<line>" in the n-th.
std::unique_ptr<Renderer> make_html_renderer(const RenderOptions& options, std::ostream& out);

/// `text` with & < > " ' escaped for HTML text and attribute values, and control
/// characters other than tab, line feed and carriage return replaced by U+FFFD.
std::string html_escape(std::string_view text);

}  // namespace ruptag
