#!/usr/bin/env bash
# Renders the HTML report of a test fixture in headless Chromium, in English and in Dutch
# (--ui-lang nl), and checks that a real page came out each time: Chromium exits 0, the
# screenshot is a PNG with many colours, among them the three category colours of the
# timeline. Exits 77 (skipped) without Chromium.
#
# usage: render_html.sh RUPTAG_BINARY [TEST_DATA_DIR]
set -euo pipefail

ruptag=${1:?usage: render_html.sh RUPTAG_BINARY [TEST_DATA_DIR]}
data=${2:-$(cd "$(dirname "$0")" && pwd)/data}

browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then
    browser=$(command -v "$candidate")
    break
  fi
done
if [ -z "$browser" ]; then
  echo "SKIPPED: chromium is not installed (apt-get install chromium); the HTML report was not rendered"
  exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIPPED: python3 is needed to read the screenshot"
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
check_png="$work/check_png.py"
cat >"$check_png" <<'EOF'
import struct
import sys
import zlib


def read_png(path):
    """(width, height, bytes per pixel, rows) of an 8-bit RGB or RGBA PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("FAIL: the screenshot is not a PNG file")
    pos, idat, header = 8, [], None
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        sys.exit("FAIL: unexpected PNG layout %r" % (header,))
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:  # Sub
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:  # Up
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif kind == 3:  # Average
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif kind == 4:  # Paeth
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


width, height, bpp, rows = read_png(sys.argv[1])
colours = set()
for row in rows:
    for x in range(0, len(row), bpp):
        colours.add(row[x:x + 3])
print("screenshot: %dx%d, %d distinct colours" % (width, height, len(colours)))
if len(colours) < 50:
    sys.exit("FAIL: the page looks blank (%d colours)" % len(colours))

# The timeline's marks: Okabe-Ito orange, vermillion and bluish green.
expected = {"withdrawal": (230, 159, 0), "confrontation": (213, 94, 0), "repair": (0, 158, 115)}
missing = [name for name, rgb in expected.items()
           if not any(all(abs(c[i] - rgb[i]) <= 3 for i in range(3)) for c in colours)]
if missing:
    sys.exit("FAIL: no %s colour in the screenshot: the timeline was not drawn" % ", ".join(missing))
print("ok: the report renders, with the colours of all three categories")
EOF

# render LANGUAGE WORD: the fixture's report with --ui-lang LANGUAGE, which must contain
# WORD (a heading in that language), rendered and checked.
render() {
  local language=$1 word=$2
  local html="$work/report-$language.html" png="$work/out-$language.png" status=0
  "$ruptag" tag --format html --ui-lang "$language" --rules "$data/packs/basic" "$data/transcripts/basic.txt" \
    -o "$html"
  [ -s "$html" ] || { echo "FAIL: ruptag wrote no HTML ($language)"; exit 1; }
  grep -q "<html lang=\"$language\">" "$html" || { echo "FAIL: the $language report is not marked lang=$language"; exit 1; }
  grep -q "$word" "$html" || { echo "FAIL: the $language report does not say '$word'"; exit 1; }

  # The report is written as well-formed (polyglot) markup: an XML parser must accept it.
  if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout "$html" || { echo "FAIL: the $language report is not well-formed"; exit 1; }
  fi

  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
    --user-data-dir="$work/profile" --screenshot="$png" --window-size=1280,2000 \
    "file://$html" >"$work/chromium.log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    echo "FAIL: chromium exited with status $status ($language)"
    cat "$work/chromium.log"
    exit 1
  fi
  if [ ! -s "$png" ]; then
    echo "FAIL: chromium wrote no screenshot ($language)"
    cat "$work/chromium.log"
    exit 1
  fi
  echo "$language:"
  python3 "$check_png" "$png"
}

render en "<h3>Timeline</h3>"
render nl "<h3>Tijdlijn</h3>"
