#pragma once

#include <string>
#include <string_view>

#include <optional>

#include "ruptag/rule_pack.hpp"
#include "ruptag/term_index.hpp"

namespace ruptag {

/// Encodes a validated pack in ruptag's compact binary form, used to embed the default
/// packs so that start-up neither parses YAML nor builds the term index. Everything is
/// kept, examples and source locations included: decode_pack(encode_pack(p)).pack == p.
/// With `index` (the pack's compiled TermIndex) the index is stored too.
std::string encode_pack(const RulePack& pack, const TermIndex* index = nullptr);

/// What language detection needs of a pack.
struct PackProfile {
  std::string language;
  std::vector<std::string> detect;  ///< the pack's `detect` words, as written
};

/// Reads only the language and detect words of an encoded pack (cheap). Throws like
/// decode_pack().
PackProfile decode_pack_profile(std::string_view bytes);

struct DecodedPack {
  RulePack pack;
  std::optional<TermIndex> index;  ///< when one was encoded
};

/// Decodes what encode_pack() wrote; the index is used in place (`bytes` must outlive
/// it) when `bytes` start at a 16-byte boundary, as embedded packs do. `lean` leaves
/// out what only checking or listing a pack needs (the rules' examples, the source
/// locations, and the literal terms, which the index holds: a lean pack is only for
/// compiling with that index), for a faster start. Throws Error (exit 3) when the
/// bytes are not such a pack or were written by another version.
DecodedPack decode_pack(std::string_view bytes, bool lean = false);

}  // namespace ruptag
