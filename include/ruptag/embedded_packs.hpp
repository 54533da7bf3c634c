#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ruptag {

/// A file of a default pack, compiled into the binary from rules/.
struct EmbeddedFile {
  std::string_view path;  ///< relative to rules/, e.g. "en/pack.yaml"
  std::string_view content;
};

/// The languages that have a default pack ("en", "nl"), sorted.
std::vector<std::string> builtin_languages();

/// The embedded files of one language's default pack, sorted by path; empty when there
/// is no such pack.
std::vector<EmbeddedFile> builtin_pack_files(std::string_view language);

namespace detail {
/// Every embedded file (defined in the generated embedded_packs_data.cpp).
const std::vector<EmbeddedFile>& embedded_pack_files();
}  // namespace detail

}  // namespace ruptag
