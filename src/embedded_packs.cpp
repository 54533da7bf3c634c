#include "ruptag/embedded_packs.hpp"

#include <algorithm>

namespace ruptag {

std::vector<std::string> builtin_languages() {
  std::vector<std::string> out;
  for (const auto& file : detail::embedded_pack_files()) out.emplace_back(file.language);
  std::sort(out.begin(), out.end());
  return out;
}

std::string_view builtin_pack_bytes(std::string_view language) {
  for (const auto& file : detail::embedded_pack_files()) {
    if (file.language == language) return file.content;
  }
  return {};
}

}  // namespace ruptag
