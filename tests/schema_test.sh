#!/usr/bin/env bash
# Validates `ruptag tag --format json` and `--format jsonl` output against the JSON
# Schema in docs/, on the test fixtures and the bundled examples, with and without --redact.
# usage: schema_test.sh RUPTAG_BINARY SOURCE_DIR
set -euo pipefail
ruptag=$1
src=$2
schema="$src/docs/schema/ruptag-output.schema.json"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -c 'import jsonschema' 2>/dev/null || { echo "python3-jsonschema is missing (bash .ci/setup installs it)"; exit 1; }
cd "$src"
check() {  # name, ruptag arguments...
  local name=$1
  shift
  "$ruptag" tag "$@" > "$tmp/$name" || { rc=$?; [ "$rc" -eq 2 ] || { echo "ruptag exited $rc"; exit 1; }; }
  local mode=()
  [[ $name == *.jsonl ]] && mode=(--lines)
  python3 tests/validate_json.py "$schema" "$tmp/$name" "${mode[@]}"
}
check fixtures.json --rules tests/data/packs/basic --format json tests/data/transcripts/basic.txt \
  tests/data/transcripts/missing.txt
check fixtures.jsonl --rules tests/data/packs/basic --format jsonl tests/data/transcripts/basic.txt
check examples.json --format json examples/en/session.txt examples/nl/sessie.txt
check examples-redacted.json --format json --redact examples/en/session.txt examples/nl/sessie.txt
check examples.jsonl --format jsonl examples/en/session.txt examples/nl/sessie.txt
check segments.json --format json --segment 20turns examples/nl/sessie.txt
