#!/usr/bin/env bash
# Throughput of `ruptag tag` on a corpus of at least 100 MB, side by side with ripgrep
# looking for the English pack's terms, and with `wc -w` as the floor.
#
# usage: bench/corpus.sh [SESSIONS_DIR]
#   SESSIONS_DIR  transcripts to repeat (default: ../shared/corpus/mibot/transcripts
#                 where it exists, else examples/)
# environment: RUPTAG (binary, default build/ruptag), CORPUS_MB (default 100),
#              RUNS (runs per command, default 5)
# needs: ripgrep, /usr/bin/time (package time), python3
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ruptag=${RUPTAG:-$root/build/ruptag}
sessions=${1:-}
if [ -z "$sessions" ]; then
  if [ -d "$root/../shared/corpus/mibot/transcripts" ]; then
    sessions="$root/../shared/corpus/mibot/transcripts"
  else
    sessions="$root/examples"
  fi
fi
for tool in rg /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "corpus.sh needs $tool (bash .ci/setup installs it)" >&2; exit 2; }
done
[ -x "$ruptag" ] || { echo "no ruptag binary at $ruptag: build first" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$ruptag" rules list --terms --lang en > "$tmp/terms"

exec python3 - "$ruptag" "$sessions" "$tmp" "${CORPUS_MB:-100}" "${RUNS:-5}" <<'PY'
import os, pathlib, statistics, subprocess, sys, time

ruptag, sessions, tmp, target_mb, runs = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]), \
    int(sys.argv[4]), int(sys.argv[5])
sources = sorted(p for p in sessions.rglob("*") if p.is_file() and p.suffix in (".txt", ".vtt", ".srt"))
if not sources:
    sys.exit(f"no transcripts in {sessions}")
texts = [p.read_bytes() for p in sources]
corpus = tmp / "corpus"
corpus.mkdir()
size, n = 0, 0
while size < target_mb * 1_000_000:
    for p, text in zip(sources, texts):
        (corpus / f"{n // 1000:03d}").mkdir(exist_ok=True)
        (corpus / f"{n // 1000:03d}" / f"{n:06d}-{p.name}").write_bytes(text)
        size += len(text)
        n += 1
mb = size / 1e6
print(f"corpus: {n} files, {mb:.1f} MB, from {len(sources)} sessions in {sessions}")
print(f"runs per command: {runs} (median), machine: {os.cpu_count()} cores")

def run(cmd):
    """Median wall seconds and the largest peak RSS (MB) of `cmd` over the runs."""
    walls, rss = [], []
    for _ in range(runs + 1):  # the first run warms the page cache and is not counted
        start = time.perf_counter()
        out = subprocess.run(["/usr/bin/time", "-v", "sh", "-c", cmd], capture_output=True, text=True)
        wall = time.perf_counter() - start
        if out.returncode not in (0, 1):
            sys.exit(f"failed ({out.returncode}): {cmd}\n{out.stderr[-2000:]}")
        peak = [l for l in out.stderr.splitlines() if "Maximum resident set size" in l]
        walls.append(wall)
        rss.append(int(peak[0].split()[-1]) / 1024 if peak else float("nan"))
    return statistics.median(walls[1:]), max(rss[1:])

terms = tmp / "terms"
commands = {
    "ruptag -j1": f"'{ruptag}' tag --lang en --format jsonl -j 1 '{corpus}' > /dev/null 2>&1",
    "ruptag -j2": f"'{ruptag}' tag --lang en --format jsonl -j 2 '{corpus}' > /dev/null 2>&1",
    "ripgrep -j1": f"rg -j1 -o -i -w -F -f '{terms}' '{corpus}' | wc -l > /dev/null",
    "ripgrep -j2": f"rg -j2 -o -i -w -F -f '{terms}' '{corpus}' | wc -l > /dev/null",
    "wc -w": f"find '{corpus}' -type f -print0 | xargs -0 cat | wc -w > /dev/null",
}
results = {}
print(f"\n{'command':<14} {'median s':>9} {'MB/s':>8} {'peak RSS MB':>12}")
for name, cmd in commands.items():
    wall, rss = run(cmd)
    results[name] = wall
    print(f"{name:<14} {wall:9.3f} {mb / wall:8.1f} {rss:12.1f}")

one = tmp / "one-turn.txt"
one.write_text("P: Hello.\n")

def start_up(cmd):
    walls = []
    for _ in range(31):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - start)
    return statistics.median(walls[1:]) * 1000

base = start_up(["/bin/true"])
print(f"\none-turn transcript, start-up included (median of 30):")
print(f"  ruptag tag --lang en:      {start_up([ruptag, 'tag', '--lang', 'en', '--format', 'jsonl', str(one)]):.1f} ms")
print(f"  ruptag tag (detect):       {start_up([ruptag, 'tag', '--format', 'jsonl', str(one)]):.1f} ms")
print(f"  /bin/true, for comparison: {base:.1f} ms")
print(f"ruptag/ripgrep speed, 1 thread:  {results['ripgrep -j1'] / results['ruptag -j1']:.2f}")
print(f"ruptag/ripgrep speed, 2 threads: {results['ripgrep -j2'] / results['ruptag -j2']:.2f}")
print(f"ruptag -j2 speed-up over -j1:    {results['ruptag -j1'] / results['ruptag -j2']:.2f}")
PY
