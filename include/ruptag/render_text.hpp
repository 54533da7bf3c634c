#pragma once

#include <memory>
#include <ostream>

#include "ruptag/render.hpp"

namespace ruptag {

/// The human-readable report: a header and summary per file, then each moment.
std::unique_ptr<Renderer> make_text_renderer(const RenderOptions& options, std::ostream& out);

}  // namespace ruptag
