#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ruptag {

/// The three kinds of finding: patient markers of two kinds, therapist repairs.
enum class Category { withdrawal, confrontation, repair };

std::string_view to_string(Category category);
/// Parses "withdrawal", "confrontation" or "repair"; nullopt for anything else.
std::optional<Category> parse_category(std::string_view text);

/// One entry of the MARKERS.md contract: the id every output and pack uses.
struct CatalogueEntry {
  std::string_view id;
  Category category;
  std::string_view english_name;
};

/// All 14 markers (withdrawal first) and 8 repair interventions, in MARKERS.md order.
std::span<const CatalogueEntry> catalogue();

/// The entry for an id, or nullptr when the id is not in MARKERS.md.
const CatalogueEntry* find_catalogue_entry(std::string_view id);

/// The id's place in MARKERS.md order (an index into catalogue()); catalogue().size() for
/// an id that is not in MARKERS.md, so unknown ids sort last.
std::size_t catalogue_rank(std::string_view id);

}  // namespace ruptag
