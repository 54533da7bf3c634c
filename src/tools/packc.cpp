// ruptag_packc: validates a rule pack folder and writes it in the binary form that is
// embedded in the ruptag binary (see cmake/EmbedPacks.cmake). An invalid pack fails
// the build with every problem listed.
#include <fstream>
#include <iostream>

#include "ruptag/compiled_pack.hpp"
#include "ruptag/error.hpp"
#include "ruptag/pack_binary.hpp"
#include "ruptag/pack_loader.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: ruptag_packc RULES_DIR OUTPUT\n";
    return 2;
  }
  try {
    ruptag::RulePack pack = ruptag::load_pack_dir(argv[1]);
    const auto compiled = ruptag::CompiledPack::compile(pack);
    const std::string bytes = ruptag::encode_pack(pack, &compiled->index());
    std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
    out << bytes;
    out.close();
    if (!out) {
      std::cerr << "ruptag_packc: cannot write " << argv[2] << '\n';
      return 2;
    }
  } catch (const ruptag::Error& e) {
    std::cerr << "ruptag_packc: invalid rule pack " << argv[1] << ":\n" << e.what() << '\n';
    return static_cast<int>(e.code());
  }
  return 0;
}
