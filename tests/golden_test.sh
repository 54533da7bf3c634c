#!/usr/bin/env bash
# Golden tests: every output format on the bundled examples, compared byte for byte
# with tests/golden/. After an intended change (a rule, a format), regenerate them with
#   bash tests/golden_test.sh build/ruptag . --update
# and review the diff before committing it.
# usage: golden_test.sh RUPTAG_BINARY SOURCE_DIR [--update]
set -euo pipefail
ruptag=$1
src=$2
update=${3:-}
cd "$src"
export NO_COLOR=1 COLUMNS=100
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
check() {  # golden file name, then ruptag arguments
  local name=$1
  shift
  "$ruptag" "$@" > "$tmp/$name" 2> "$tmp/$name.err" || true
  if [ "$update" = "--update" ]; then
    cp "$tmp/$name" "tests/golden/$name"
  elif ! cmp -s "$tmp/$name" "tests/golden/$name"; then
    echo "FAIL $name: ruptag $* differs from tests/golden/$name:"
    diff -u "tests/golden/$name" "$tmp/$name" | head -40 || true
    failed=1
  fi
}
for lang in en nl; do
  f=examples/$lang/session.txt
  [ "$lang" = nl ] && f=examples/nl/sessie.txt
  check "$lang.txt" tag "$f"
  check "$lang.quiet.txt" tag -q "$f"
  check "$lang.redacted.txt" tag --redact "$f"
  check "$lang.json" tag --format json "$f"
  check "$lang.jsonl" tag --format jsonl "$f"
  check "$lang.csv" tag --format csv "$f"
  check "$lang.segments.csv" tag --format csv-segments "$f"
  check "$lang.sessions.csv" tag --format csv-sessions "$f"
  check "$lang.html" tag --format html "$f"
  check "$lang.gold.csv" tag --format gold "$f"
done
# One session as a transcriber types it, as WebVTT voices and as diarised SRT: the same
# findings (tests/test_examples.cpp compares them); and a Jefferson-style transcript.
for ext in txt vtt srt; do
  check "formats.session.$ext.json" tag --lang en --format json "examples/formats/session.$ext"
done
check "formats.jefferson-nl.txt" tag examples/formats/jefferson-nl.txt
examples="examples/en/session.txt examples/nl/sessie.txt"
check "eval.txt" eval --gold examples/gold.csv $examples
check "eval.json" eval --format json --gold examples/gold.csv $examples
check "eval.csv" eval --format csv --gold examples/gold.csv $examples
check "eval.by-file.txt" eval --by-file --gold examples/gold.csv $examples
check "eval.by-rule.txt" eval --by-rule --gold examples/gold.csv $examples
check "suggest.txt" rules suggest --lang en --gold tests/data/suggest/gold.csv tests/data/suggest/
check "explain.denial.txt" explain denial
# Reports in the language of the pack, or of --ui-lang (ui/*.yaml).
check "explain.denial.nl.txt" explain --lang nl denial
check "explain.denial.ui-en.txt" explain --lang nl --ui-lang en denial
check "nl.ui-en.quiet.txt" tag -q --ui-lang en examples/nl/sessie.txt
check "en.ui-nl.quiet.txt" tag -q --ui-lang nl examples/en/session.txt
check "rules-list.json" rules list --format json
if [ "$update" = "--update" ]; then echo "golden files updated in tests/golden/"; fi
exit $failed
