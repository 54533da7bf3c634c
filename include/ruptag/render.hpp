#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "ruptag/report.hpp"

namespace ruptag {

enum class Format { text, json, jsonl, csv, csv_segments, csv_sessions, html, gold };

/// Parses a --format value; nullopt for an unknown one.
std::optional<Format> parse_format(std::string_view name);
/// The names parse_format() accepts, comma-separated.
std::string format_names();

struct RenderOptions {
  Format format = Format::text;
  bool color = false;      ///< ANSI colour (text format only)
  std::size_t width = 80;  ///< wrap width (text format only)
  bool quiet = false;      ///< text: summary lines only
  bool redact = false;     ///< leave out every word of the transcript (text, evidence, quotes)
  bool header = true;      ///< CSV: write the header row (off for shards after the first)
};

/// Writes reports as they arrive, so a batch never holds more than one in memory.
/// Call begin(), then file() or failed() per input in input order, then end().
class Renderer {
 public:
  virtual ~Renderer() = default;
  virtual void begin() {}
  virtual void file(const FileReport& report) = 0;
  /// An input that could not be read or parsed.
  virtual void failed(const std::string& path, const std::string& message) = 0;
  virtual void end() {}
};

/// The renderer for `options.format`, writing to `out` (which must outlive it).
std::unique_ptr<Renderer> make_renderer(const RenderOptions& options, std::ostream& out);

/// Formats seconds as H:MM:SS (or M:SS under an hour).
std::string format_time(double seconds);

}  // namespace ruptag
