// Micro-benchmarks (Google Benchmark). Inputs are the bundled example sessions, so the
// figures are comparable between machines and versions; bench/corpus.sh measures the
// whole command on a large corpus.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "ruptag/compiled_pack.hpp"
#include "ruptag/embedded_packs.hpp"
#include "ruptag/pack_binary.hpp"
#include "ruptag/pack_loader.hpp"
#include "ruptag/reader.hpp"
#include "ruptag/report.hpp"
#include "ruptag/tagger.hpp"
#include "ruptag/text.hpp"

namespace {

std::string read(const std::string& relative) {
  std::ifstream in(std::string(RUPTAG_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const ruptag::Transcript& session(const std::string& language) {
  static const ruptag::Transcript en = ruptag::parse_transcript(read("examples/en/session.txt"), "en", {});
  static const ruptag::Transcript nl = ruptag::parse_transcript(read("examples/nl/sessie.txt"), "nl", {});
  return language == "en" ? en : nl;
}

std::size_t bytes_of(const ruptag::Transcript& t) {
  std::size_t n = 0;
  for (const auto& turn : t.turns) n += turn.text.size();
  return n;
}

const ruptag::Tagger& tagger(const std::string& language) {
  static const ruptag::Tagger en(ruptag::CompiledPack::compile(ruptag::load_builtin_pack("en")));
  static const ruptag::Tagger nl(ruptag::CompiledPack::compile(ruptag::load_builtin_pack("nl")));
  return language == "en" ? en : nl;
}

void tokenize_session(benchmark::State& state, const std::string& language) {
  const auto& t = session(language);
  ruptag::TokenizedText out;
  for (auto _ : state) {
    for (const auto& turn : t.turns) {
      ruptag::tokenize(turn.text, {}, out);
      benchmark::DoNotOptimize(out.tokens.data());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes_of(t)));
}

void match_terms(benchmark::State& state, const std::string& language) {
  const auto& t = session(language);
  const auto& index = tagger(language).pack().index();
  std::vector<ruptag::TokenizedText> texts(t.turns.size());
  for (std::size_t i = 0; i < t.turns.size(); ++i) ruptag::tokenize(t.turns[i].text, {}, texts[i]);
  std::vector<ruptag::TermIndex::Match> hits;
  for (auto _ : state) {
    for (const auto& text : texts) {
      hits.clear();
      index.find(text, hits);
      benchmark::DoNotOptimize(hits.data());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes_of(t)));
}

void tag_session(benchmark::State& state, const std::string& language) {
  const auto& t = session(language);
  const auto& tg = tagger(language);
  for (auto _ : state) benchmark::DoNotOptimize(tg.tag(t));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes_of(t)));
}

void report_session(benchmark::State& state, const std::string& language) {
  const auto& t = session(language);
  const auto& tg = tagger(language);
  for (auto _ : state) benchmark::DoNotOptimize(ruptag::build_report(t, tg));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes_of(t)));
}

// What start-up costs: decoding an embedded pack with its prebuilt index, then compiling.
void load_and_compile(benchmark::State& state, const std::string& language) {
  for (auto _ : state) {
    ruptag::DecodedPack decoded = ruptag::decode_pack(ruptag::builtin_pack_bytes(language));
    benchmark::DoNotOptimize(
        ruptag::CompiledPack::compile(std::move(decoded.pack), std::move(decoded.index)));
  }
}

// The same without the prebuilt index: the term index built from the pack's terms.
void compile_from_terms(benchmark::State& state, const std::string& language) {
  for (auto _ : state)
    benchmark::DoNotOptimize(ruptag::CompiledPack::compile(ruptag::load_builtin_pack(language)));
}

}  // namespace

BENCHMARK_CAPTURE(tokenize_session, en, std::string("en"));
BENCHMARK_CAPTURE(tokenize_session, nl, std::string("nl"));
BENCHMARK_CAPTURE(match_terms, en, std::string("en"));
BENCHMARK_CAPTURE(match_terms, nl, std::string("nl"));
BENCHMARK_CAPTURE(tag_session, en, std::string("en"));
BENCHMARK_CAPTURE(tag_session, nl, std::string("nl"));
BENCHMARK_CAPTURE(report_session, en, std::string("en"));
BENCHMARK_CAPTURE(load_and_compile, en, std::string("en"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(load_and_compile, nl, std::string("nl"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(compile_from_terms, en, std::string("en"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(compile_from_terms, nl, std::string("nl"))->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
