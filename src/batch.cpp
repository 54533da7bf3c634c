#include "ruptag/batch.hpp"

#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "ruptag/error.hpp"

namespace ruptag {
namespace {

namespace fs = std::filesystem;

bool matches(const std::string& name, const std::vector<std::string>& globs) {
  return std::any_of(globs.begin(), globs.end(),
                     [&](const std::string& g) { return ::fnmatch(g.c_str(), name.c_str(), 0) == 0; });
}

bool hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

void expand_folder(const std::string& folder, const std::vector<std::string>& globs, InputList& out) {
  std::vector<std::string> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    // An entry that cannot be examined (a symbolic link loop) is reported, not skipped
    // silently, and does not end the search of the folder.
    std::error_code entry;
    if (hidden(it->path())) {
      if (it->is_directory(entry)) it.disable_recursion_pending();
      continue;
    }
    if (!matches(it->path().filename().string(), globs)) continue;
    if (it->is_regular_file(entry)) {
      found.push_back(it->path().string());
    } else if (entry) {
      out.problems.push_back({it->path().string(), fmt::format("cannot read: {}", entry.message())});
    }
  }
  if (ec) out.problems.push_back({folder, fmt::format("cannot read folder: {}", ec.message())});
  if (!ec && found.empty()) {
    std::string patterns;
    for (const auto& g : globs) patterns += (patterns.empty() ? "" : " ") + g;
    out.warnings.push_back(
        fmt::format("{}: no file matching {} in this folder or below it (see --glob)", folder, patterns));
  }
  std::sort(found.begin(), found.end());
  out.paths.insert(out.paths.end(), found.begin(), found.end());
}

void add(const std::string& arg, const std::vector<std::string>& globs, InputList& out) {
  std::error_code ec;
  if (arg != "-" && fs::is_directory(arg, ec)) {
    expand_folder(arg, globs, out);
  } else {
    out.paths.push_back(arg);  // a missing file is reported when it is read, in its place
  }
}

}  // namespace

InputList expand_inputs(const std::vector<std::string>& arguments, const std::vector<std::string>& globs,
                        const std::string& files_from) {
  InputList out;
  for (const auto& arg : arguments) add(arg, globs, out);
  if (files_from.empty()) return out;
  std::ifstream file;
  std::istream* in = &std::cin;
  if (files_from != "-") {
    file.open(files_from);
    if (!file) throw input_error({files_from, 0, 0}, "cannot open the list of files");
    in = &file;
  }
  std::string line;
  bool listed = false;
  while (std::getline(*in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    add(line, globs, out);
    listed = true;
  }
  if (in->bad()) throw input_error({files_from, 0, 0}, "cannot read the list of files");
  if (!listed) {
    out.warnings.push_back(
        fmt::format("--files-from {}: the list names no file", files_from == "-" ? "-" : files_from));
  }
  return out;
}

std::optional<Shard> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  Shard s;
  const char* begin = text.data();
  const auto a = std::from_chars(begin, begin + slash, s.index);
  const auto b = std::from_chars(begin + slash + 1, begin + text.size(), s.count);
  if (a.ec != std::errc() || a.ptr != begin + slash || b.ec != std::errc() || b.ptr != begin + text.size()) {
    return std::nullopt;
  }
  if (s.count == 0 || s.index == 0 || s.index > s.count) return std::nullopt;
  return s;
}

std::pair<std::size_t, std::size_t> shard_range(std::size_t total, const Shard& shard) {
  const auto bound = [&](std::size_t k) { return total * k / shard.count; };
  return {bound(shard.index - 1), bound(shard.index)};
}

}  // namespace ruptag
