#include "ruptag/render_suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace ruptag {

std::optional<SuggestFormat> parse_suggest_format(std::string_view name) {
  if (name == "text") return SuggestFormat::text;
  if (name == "json") return SuggestFormat::json;
  return std::nullopt;
}

namespace {

using json = nlohmann::ordered_json;

void write_json(const std::vector<PackPhrases>& packs, const SuggestSources& sources, std::ostream& out) {
  json doc{{"tool", {{"name", "ruptag"}, {"version", RUPTAG_VERSION}}},
           {"gold", sources.gold},
           {"gold_rows_dropped", sources.gold_dropped},
           {"min_gold_turns", sources.options.min_gold_turns},
           {"min_count", sources.options.min_count},
           {"top", sources.options.top},
           {"prior_scale", sources.options.prior_scale}};
  json all = json::array();
  for (const PackPhrases& pack : packs) {
    json codes = json::array();
    for (const CodePhrases& code : pack.codes) {
      json phrases = json::array();
      for (const PhraseRow& p : code.phrases) {
        phrases.push_back({{"ngram", p.text},
                           {"words", p.words},
                           {"z", p.stats.z},
                           {"delta", p.stats.delta},
                           {"in", p.in},
                           {"out", p.out},
                           {"matched", p.matched},
                           {"found", p.found},
                           {"examples", p.examples}});
      }
      codes.push_back({{"code", code.code},
                       {"speaker", std::string(to_string(code.speaker))},
                       {"gold_turns", code.gold_turns},
                       {"other_turns", code.other_turns},
                       {"ngrams", phrases}});
    }
    json too_few = json::array();
    for (const auto& [code, turns] : pack.too_few) too_few.push_back({{"code", code}, {"gold_turns", turns}});
    all.push_back({{"pack", pack.pack},
                   {"language", pack.language},
                   {"sessions", pack.sessions},
                   {"patient_turns", pack.patient_turns},
                   {"therapist_turns", pack.therapist_turns},
                   {"codes", codes},
                   {"too_few", too_few}});
  }
  doc["packs"] = all;
  json errors = json::array();
  for (const auto& [path, reason] : sources.failed) errors.push_back({{"path", path}, {"error", reason}});
  doc["errors"] = errors;
  out << doc.dump(2) << '\n';
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

void write_code(const CodePhrases& code, const SuggestOptions& options, std::ostream& out) {
  const std::string_view speaker = to_string(code.speaker);
  out << fmt::format("\n{}: {} gold {} turns, {} other {} turns\n", code.code, code.gold_turns, speaker,
                     code.other_turns, speaker);
  if (code.phrases.empty()) {
    out << fmt::format(
        "  (no n-gram in {} or more of its gold turns is more frequent there than in the other turns)\n",
        options.min_count);
    return;
  }
  std::vector<std::string> quoted;
  std::size_t width = 6;
  for (const PhraseRow& p : code.phrases) {
    quoted.push_back(fmt::format("\"{}\"", p.text));
    width = std::max(width, quoted.back().size());
  }
  out << fmt::format("  {:>6} {:>4} {:>5}  {:<7} {:>7}  {:<{}}  {}\n", "z", "in", "out", "matched", "found",
                     "n-gram", width, "examples");
  for (std::size_t i = 0; i < code.phrases.size(); ++i) {
    const PhraseRow& p = code.phrases[i];
    std::string examples;
    for (const std::string& e : p.examples) examples += (examples.empty() ? "" : ", ") + e;
    out << fmt::format("  {:>6.2f} {:>4} {:>5}  {:<7} {:>7}  {:<{}}  {}\n", p.stats.z, p.in, p.out,
                       p.matched ? "yes" : "no", fmt::format("{}/{}", p.found, p.in), quoted[i], width,
                       examples);
  }
}

void write_text(const std::vector<PackPhrases>& packs, const SuggestSources& sources, std::ostream& out) {
  const SuggestOptions& o = sources.options;
  out << "Phrases the gold turns of each code share, against the same speaker's other turns\n"
      << fmt::format(
             "gold: {} (rows dropped: {}); codes with at least {} gold turns, n-grams in at least {} of "
             "them\n",
             sources.gold, sources.gold_dropped, o.min_gold_turns, o.min_count);
  for (const PackPhrases& pack : packs) {
    out << fmt::format("\n== pack {} ({}): {}, {}, {}\n", pack.pack, pack.language,
                       plural(pack.sessions, "session", "sessions"),
                       plural(pack.patient_turns, "patient turn", "patient turns"),
                       plural(pack.therapist_turns, "therapist turn", "therapist turns"));
    for (const CodePhrases& code : pack.codes) write_code(code, o, out);
    if (pack.codes.empty())
      out << fmt::format("\nNo code has {} gold turns or more: nothing to rank.\n", o.min_gold_turns);
    if (!pack.too_few.empty()) {
      std::string list;
      for (const auto& [code, turns] : pack.too_few)
        list += fmt::format("{}{} ({})", list.empty() ? "" : ", ", code, turns);
      out << fmt::format("\nFewer than {} gold turns, not ranked: {}\n", o.min_gold_turns, list);
    }
  }
  if (packs.empty()) out << "\nNo transcript was read.\n";
  out << "\nin, out: the code's gold turns and the speaker's other turns that contain the n-gram.\n"
         "matched: a term of one of the code's rules matches within the n-gram. found: of the in\n"
         "turns, those the tool already tags with the code. z: weighted log-odds ratio with an\n"
         "informative Dirichlet prior (docs/rules.md#adapting-a-pack-to-your-coders).\n";
  for (const auto& [path, reason] : sources.failed) out << "not read: " << path << ": " << reason << '\n';
}

}  // namespace

void render_suggestions(const std::vector<PackPhrases>& packs, const SuggestSources& sources,
                        SuggestFormat format, std::ostream& out) {
  switch (format) {
    case SuggestFormat::json: write_json(packs, sources, out); return;
    case SuggestFormat::text: write_text(packs, sources, out); return;
  }
}

}  // namespace ruptag
