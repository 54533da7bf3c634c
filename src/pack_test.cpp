#include "ruptag/pack_test.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ruptag/notation.hpp"
#include "ruptag/reader.hpp"

namespace ruptag {

Transcript example_transcript(const std::string& example, Speaker speaker) {
  try {
    return parse_transcript(example, "example", ReaderOptions{});
  } catch (const Error&) {
    Transcript t;
    t.path = "example";
    Turn turn;
    turn.speaker = speaker;
    turn.text = example;
    turn.cues = find_cues(turn.text);
    turn.line = 1;
    turn.end_line = 1;
    t.turns.push_back(std::move(turn));
    return t;
  }
}

PackTestResult test_pack(const Tagger& tagger, const PackTestOptions& options) {
  PackTestResult result;
  for (const auto& rule : tagger.pack().rules()) {
    const Rule& r = *rule.rule;
    ++result.rules;
    const Examples& ex = r.examples;
    if (ex.match.size() < options.min_match || ex.no_match.size() < options.min_no_match) {
      result.failures.push_back(
          {r.id, r.where, "",
           fmt::format("has {} match and {} no_match examples; at least {} and {} are required",
                       ex.match.size(), ex.no_match.size(), options.min_match, options.min_no_match)});
    }
    auto check = [&](const std::vector<std::string>& list, const std::vector<Location>& where, bool want) {
      for (std::size_t i = 0; i < list.size(); ++i) {
        ++result.examples;
        const Transcript t = example_transcript(list[i], rule.speaker);
        const bool fired = tagger.rule_fires(t, t.turns.size() - 1, r.id);
        if (fired != want) {
          result.failures.push_back({r.id, i < where.size() ? where[i] : r.where, list[i],
                                     want ? "should match but does not" : "should not match but does"});
        }
      }
    };
    check(ex.match, ex.match_where, true);
    check(ex.no_match, ex.no_match_where, false);
  }
  for (const auto& code : tagger.pack().pack().codes) {
    const Speaker speaker = code.category == Category::repair ? Speaker::therapist : Speaker::patient;
    for (const auto& example : code.examples) {
      ++result.examples;
      const Transcript t = example_transcript(example, speaker);
      const auto findings = tagger.tag(t);
      const bool found = std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
        return f.marker == code.id && f.turn == t.turns.size() - 1;
      });
      if (!found) {
        result.failures.push_back(
            {code.id, code.where, example,
             fmt::format("is an example of '{}' but the pack does not find it", code.id)});
      }
    }
  }
  return result;
}

}  // namespace ruptag
