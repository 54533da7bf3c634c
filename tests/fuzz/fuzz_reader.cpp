// libFuzzer target: the transcript reader on arbitrary bytes, as plain text, WebVTT and
// SRT (the format is chosen by the path's extension), leniently and in strict mode.
// A ruptag::Error is a correct answer to bad input; anything else (another exception, a
// crash, a sanitizer report, a broken invariant) is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_check.hpp"
#include "ruptag/error.hpp"
#include "ruptag/reader.hpp"

namespace {

void parse_as(std::string_view content, std::string_view path, bool strict) {
  ruptag::ReaderOptions options;
  options.strict = strict;
  try {
    const ruptag::Transcript transcript = ruptag::parse_transcript(content, path, options);
    ruptag::fuzz::check_transcript(transcript, content);
  } catch (const ruptag::Error& e) {
    ruptag::fuzz::check_error(e, ruptag::ExitCode::input);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  for (const std::string_view path : {"fuzz.txt", "fuzz.vtt", "fuzz.srt"}) {
    parse_as(content, path, false);
    parse_as(content, path, true);
  }
  return 0;
}
