#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ruptag {

/// A default pack compiled into the binary, in the form encode_pack() writes.
struct EmbeddedFile {
  std::string_view language;  ///< "en", "nl"
  std::string_view content;
};

/// The languages that have a default pack ("en", "nl"), sorted.
std::vector<std::string> builtin_languages();

/// The encoded default pack of a language; empty when there is none.
std::string_view builtin_pack_bytes(std::string_view language);

namespace detail {
/// Every embedded pack (defined in the generated embedded_packs_data.cpp).
const std::vector<EmbeddedFile>& embedded_pack_files();
}  // namespace detail

}  // namespace ruptag
