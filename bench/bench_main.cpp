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
#include "ruptag/term_index.hpp"
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

// Every term of `index` found in every turn of the session of `language`.
void find_terms(benchmark::State& state, const std::string& language, const ruptag::TermIndex& index) {
  const auto& t = session(language);
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

void match_terms(benchmark::State& state, const std::string& language) {
  find_terms(state, language, tagger(language).pack().index());
}

// The pack's literal terms in an index of their own; with `gap` > 0 every `every`th
// phrase gets a gap "~gap" after its first word ("you don't listen" becomes
// "you ~2 don't listen"), so that the cost of gaps shows against the same terms without
// them (gap 0).
void match_gap_terms(benchmark::State& state, const std::string& language, int gap, std::size_t every) {
  ruptag::TermIndex index;
  std::vector<ruptag::TermToken> tokens;
  std::size_t phrases = 0;
  std::size_t with_gaps = 0;
  for (std::string term : ruptag::literal_terms(tagger(language).pack().pack())) {
    const std::size_t space = term.find(' ');
    if (space != std::string::npos && gap > 0 && phrases++ % every == 0) {
      term.insert(space, " ~" + std::to_string(gap));
      ++with_gaps;
    }
    if (ruptag::parse_term(term, {}, tokens).empty()) index.add(tokens, 0);
  }
  index.build();
  state.counters["terms"] = static_cast<double>(index.term_count());
  state.counters["with_gaps"] = static_cast<double>(with_gaps);
  find_terms(state, language, index);
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
BENCHMARK_CAPTURE(match_gap_terms, en_no_gaps, std::string("en"), 0, 1);
BENCHMARK_CAPTURE(match_gap_terms, en_one_gap, std::string("en"), 2, 1000000);
BENCHMARK_CAPTURE(match_gap_terms, en_tenth_gaps_2, std::string("en"), 2, 10);
BENCHMARK_CAPTURE(match_gap_terms, en_gaps_2, std::string("en"), 2, 1);
BENCHMARK_CAPTURE(match_gap_terms, en_gaps_9, std::string("en"), 9, 1);
BENCHMARK_CAPTURE(match_gap_terms, nl_no_gaps, std::string("nl"), 0, 1);
BENCHMARK_CAPTURE(match_gap_terms, nl_gaps_2, std::string("nl"), 2, 1);
BENCHMARK_CAPTURE(tag_session, en, std::string("en"));
BENCHMARK_CAPTURE(tag_session, nl, std::string("nl"));
BENCHMARK_CAPTURE(report_session, en, std::string("en"));
BENCHMARK_CAPTURE(load_and_compile, en, std::string("en"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(load_and_compile, nl, std::string("nl"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(compile_from_terms, en, std::string("en"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(compile_from_terms, nl, std::string("nl"))->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
