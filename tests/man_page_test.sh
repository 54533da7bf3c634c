#!/usr/bin/env bash
# The man page renders without a warning from groff (-ww: all warnings) nor from man
# (MANWIDTH=80, as `man --warnings` shows it). Exits 77 (skipped) without groff; 1 then
# with RUPTAG_REQUIRE_TEST_TOOLS=1 (as .ci/run sets it).
#
# usage: man_page_test.sh MAN_PAGE
set -euo pipefail
page=${1:?usage: man_page_test.sh MAN_PAGE}

if ! command -v groff >/dev/null 2>&1; then
  echo "SKIPPED: groff is not installed (apt-get install groff-base); $page was not rendered"
  [ "${RUPTAG_REQUIRE_TEST_TOOLS:-0}" = 1 ] && exit 1
  exit 77
fi
warnings=$(groff -man -ww -z "$page" 2>&1)
if [ -n "$warnings" ]; then
  printf 'groff -man -ww warns about %s:\n%s\n' "$page" "$warnings"
  exit 1
fi
if command -v man >/dev/null 2>&1; then
  warnings=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
  if [ -n "$warnings" ]; then
    printf 'man --warnings -l warns about %s:\n%s\n' "$page" "$warnings"
    exit 1
  fi
fi
echo "$page renders without warnings"
