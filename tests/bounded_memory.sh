#!/usr/bin/env bash
# Memory grows with the findings, not with the size of a transcript: tagging a session
# ten times as long, with no more findings, takes about the same peak memory.
# Usage: bounded_memory.sh BINARY. Skips (exit 77) without GNU time.
set -euo pipefail
binary=$1
[ -x /usr/bin/time ] || { echo "no /usr/bin/time: skipped"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One exchange with a finding, then plain talk repeated: about 2 MB and 20 MB.
session() {
  local repeats=$1
  printf 'T: How did the week go?\nP: Whatever. You never listen anyway.\n'
  awk -v n="$repeats" 'BEGIN { for (i = 0; i < n; i++) {
    print "T: What did you do on Saturday morning, after the market?"
    print "P: I walked to the bakery with my sister and we talked about her new job in the city." } }'
}
session 14000 >"$work/short.txt"
session 140000 >"$work/long.txt"

peak_kb() {
  /usr/bin/time -f '%M' -o "$work/peak" "$binary" tag -j 1 --lang en --format jsonl "$1" >"$work/out.jsonl"
  tail -n 1 "$work/peak"
}
short=$(peak_kb "$work/short.txt")
short_findings=$(grep -o '"marker"' "$work/out.jsonl" | wc -l)
long=$(peak_kb "$work/long.txt")
long_findings=$(grep -o '"marker"' "$work/out.jsonl" | wc -l)
echo "short: $(wc -c <"$work/short.txt") bytes, $short_findings findings, peak $short KB"
echo "long:  $(wc -c <"$work/long.txt") bytes, $long_findings findings, peak $long KB"
[ "$short_findings" -eq "$long_findings" ] || { echo "the long session should have as many findings"; exit 1; }
# Reading the whole file would add 18 MB; allow 8 MB for allocator noise.
if [ "$long" -gt $((short + 8192)) ]; then
  echo "peak memory grew with the size of the transcript"
  exit 1
fi
