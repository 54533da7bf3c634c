// ruptag_packc builds the embedded packs, so it has none of its own.
#include "ruptag/embedded_packs.hpp"

namespace ruptag::detail {
const std::vector<EmbeddedFile>& embedded_pack_files() {
  static const std::vector<EmbeddedFile> none;
  return none;
}
}  // namespace ruptag::detail
