#include "ruptag/embedded_packs.hpp"

#include <algorithm>

namespace ruptag {

std::vector<std::string> builtin_languages() {
  std::vector<std::string> out;
  for (const auto& file : detail::embedded_pack_files()) {
    const auto slash = file.path.find('/');
    if (slash == std::string_view::npos) continue;
    std::string language(file.path.substr(0, slash));
    if (std::find(out.begin(), out.end(), language) == out.end()) out.push_back(language);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<EmbeddedFile> builtin_pack_files(std::string_view language) {
  std::vector<EmbeddedFile> out;
  for (const auto& file : detail::embedded_pack_files()) {
    const auto slash = file.path.find('/');
    if (slash != std::string_view::npos && file.path.substr(0, slash) == language) out.push_back(file);
  }
  std::sort(out.begin(), out.end(),
            [](const EmbeddedFile& a, const EmbeddedFile& b) { return a.path < b.path; });
  return out;
}

}  // namespace ruptag
