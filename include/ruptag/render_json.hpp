#pragma once

#include <memory>
#include <ostream>

#include <nlohmann/json.hpp>

#include "ruptag/render.hpp"

namespace ruptag {

/// The JSON schema version written as "schema" (see docs/output.md).
inline constexpr int json_schema_version = 1;

/// One file's report as the JSON object of docs/output.md; with `redact`, "text" and
/// "evidence" are null.
nlohmann::ordered_json file_to_json(const FileReport& report, bool redact = false);

/// One JSON document per run: {"schema", "tool", "files": [...], "errors": [...]}.
std::unique_ptr<Renderer> make_json_renderer(const RenderOptions& options, std::ostream& out);

/// JSON Lines: one finding a line, each with its file's "path" and "language".
std::unique_ptr<Renderer> make_jsonl_renderer(const RenderOptions& options, std::ostream& out);

}  // namespace ruptag
