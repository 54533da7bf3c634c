#pragma once
// Invariants the fuzz targets check on what the library returns. A broken invariant
// aborts, which libFuzzer (and the replay driver) report as a crash.
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "ruptag/error.hpp"
#include "ruptag/tagger.hpp"
#include "ruptag/transcript.hpp"

namespace ruptag::fuzz {

[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

inline void require(bool condition, const char* what) {
  if (!condition) fail(what);
}

/// An Error must carry the expected exit code and a non-empty message.
inline void check_error(const Error& error, ExitCode expected) {
  require(error.code() == expected, "unexpected exit code");
  require(!error.message().empty(), "empty error message");
}

/// A parsed transcript has turns, and each points at lines of its source, in order.
inline void check_transcript(const Transcript& transcript, std::string_view content) {
  require(!transcript.turns.empty(), "a transcript without turns was returned");
  std::size_t lines = 1;
  for (const char c : content) lines += c == '\n' ? 1 : 0;
  std::size_t previous = 0;
  for (const Turn& turn : transcript.turns) {
    require(turn.line >= 1 && turn.line <= lines, "turn line outside the file");
    require(turn.end_line >= turn.line && turn.end_line <= lines, "turn end line outside the file");
    require(turn.line >= previous, "turns out of line order");
    previous = turn.line;
  }
}

/// Every finding points at an existing turn, with spans inside its text.
inline void check_findings(const Transcript& transcript, const std::vector<Finding>& findings) {
  for (const Finding& finding : findings) {
    require(finding.turn < transcript.turns.size(), "finding on a turn that does not exist");
    const std::string& text = transcript.turns[finding.turn].text;
    for (const Span& span : finding.spans) {
      require(span.begin <= span.end && span.end <= text.size(), "span outside the turn's text");
    }
  }
}

}  // namespace ruptag::fuzz
