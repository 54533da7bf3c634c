#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "ruptag/rule_pack.hpp"

namespace ruptag {

/// One YAML file of a pack: a name for messages and its text.
struct PackSource {
  std::string name;
  std::string content;
};

/// Parses and validates a pack made of `sources` (merged in order; see docs/rules.md).
/// When the manifest says `extends: LANG`, the built-in pack of LANG is loaded first
/// and the sources add to it. Every problem found is reported at once: throws one Error
/// (exit 3) whose message has a "file:line:column: what" line per problem.
RulePack parse_pack(const std::vector<PackSource>& sources);

/// Loads every *.yaml and *.yml file under `dir` (recursively, sorted by path) as a pack.
/// Throws Error (exit 3) when the folder cannot be read or the pack is invalid.
RulePack load_pack_dir(const std::filesystem::path& dir);

/// The default pack of a language ("nl", "en"), validated and embedded at build time.
/// Throws Error (exit 2) for a language without a default pack.
RulePack load_builtin_pack(std::string_view language);

}  // namespace ruptag
