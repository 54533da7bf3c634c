// libFuzzer target: the default packs on arbitrary text. The first byte chooses the pack
// (English or Dutch) and the output format; each further line becomes one turn, patient
// and therapist in turn. The transcript goes through the reader (as in the tool), the
// report is built (tagging, repairs, segments, summary) and rendered, and a report that
// keeps only the turns with findings (as `tag` builds it) must render the same.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "ruptag/compiled_pack.hpp"
#include "ruptag/error.hpp"
#include "ruptag/pack_loader.hpp"
#include "ruptag/reader.hpp"
#include "ruptag/render.hpp"
#include "ruptag/report.hpp"
#include "ruptag/tagger.hpp"

namespace {

const ruptag::Tagger& builtin_tagger(std::string_view language) {
  static const ruptag::Tagger en(ruptag::CompiledPack::compile(ruptag::load_builtin_pack("en")));
  static const ruptag::Tagger nl(ruptag::CompiledPack::compile(ruptag::load_builtin_pack("nl")));
  return language == "nl" ? nl : en;
}

// "P: line\nT: line\n..." from the input's lines.
std::string as_dialogue(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8 + 8);
  bool patient = true;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    out += patient ? "P: " : "T: ";
    out += line;
    out += '\n';
    patient = !patient;
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
  }
  return out;
}

std::string render(const ruptag::FileReport& report, const ruptag::RenderOptions& options) {
  std::ostringstream out;
  const auto renderer = ruptag::make_renderer(options, out);
  renderer->begin();
  renderer->file(report);
  renderer->end();
  return out.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned selector = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const ruptag::Tagger& tagger = builtin_tagger((selector & 1U) != 0 ? "nl" : "en");
  ruptag::Transcript transcript;
  try {
    transcript = ruptag::parse_transcript(as_dialogue(text), "fuzz.txt", {});
  } catch (const ruptag::Error& e) {
    ruptag::fuzz::check_error(e, ruptag::ExitCode::input);  // e.g. no line at all
    return 0;
  }
  ruptag::fuzz::check_findings(transcript, tagger.tag(transcript));

  ruptag::RenderOptions options;
  options.format = static_cast<ruptag::Format>((selector >> 1U) % 8U);
  options.redact = (selector & 0x80U) != 0;
  ruptag::ReportOptions sparse;  // as `tag` builds reports for this format
  sparse.all_turns = ruptag::shows_every_turn(options.format);
  sparse.cut_segments = ruptag::lists_segments(options.format);
  const ruptag::FileReport kept = ruptag::build_report(transcript, tagger, sparse);
  const ruptag::FileReport report = ruptag::build_report(std::move(transcript), tagger);
  ruptag::fuzz::check_findings(report.transcript, report.findings);
  const std::string out = render(report, options);
  // JSON Lines has a line per finding only; every other format writes at least a header.
  ruptag::fuzz::require(!out.empty() || options.format == ruptag::Format::jsonl, "nothing rendered");
  // `tag` keeps only what the format shows: the same output.
  ruptag::fuzz::require(render(kept, options) == out,
                        "a report with only what the format shows renders otherwise");
  return 0;
}
