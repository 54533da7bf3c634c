#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "ruptag/render.hpp"

namespace ruptag {

/// One CSV field, quoted as RFC 4180 asks when it holds a comma, quote or line break.
std::string csv_field(std::string_view value);

/// Writes one CSV row: the fields quoted by csv_field(), commas between, CRLF at the end.
void write_csv_row(std::ostream& out, const std::vector<std::string>& fields);

/// One row per finding (a header row unless options.header is off; CRLF line ends; UTF-8).
std::unique_ptr<Renderer> make_csv_renderer(const RenderOptions& options, std::ostream& out);

/// One row per segment: a 3RS coding sheet, one column per marker and repair id.
std::unique_ptr<Renderer> make_csv_segments_renderer(const RenderOptions& options, std::ostream& out);

/// One row per file with the session summary.
std::unique_ptr<Renderer> make_csv_sessions_renderer(const RenderOptions& options, std::ostream& out);

/// The findings as gold codes (file,line,code; one row per finding), the format `ruptag
/// eval --gold` reads, so that a coder can start from the tool's suggestions.
std::unique_ptr<Renderer> make_gold_renderer(const RenderOptions& options, std::ostream& out);

}  // namespace ruptag
