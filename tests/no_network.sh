#!/usr/bin/env bash
# The binary cannot open a network connection: it imports none of the C library's
# socket or name-lookup functions (yaml-cpp, RE2, utf8proc and libstdc++ are linked in
# statically, so the C library's are the only imports). Usage: no_network.sh BINARY
set -euo pipefail
binary=$1
imports=$(nm -D --undefined-only "$binary" | awk '{print $NF}' | sed 's/@.*//')
[ -n "$imports" ] || { echo "no dynamic imports read from $binary"; exit 1; }
found=$(grep -xE 'socket|socketpair|connect|accept4?|bind|listen|send(to|msg)?|recv(from|msg)?|getaddrinfo|gethostbyname2?(_r)?|curl_.*' <<<"$imports" || true)
if [ -n "$found" ]; then
  echo "$binary imports network functions:"
  echo "$found"
  exit 1
fi
echo "no network function among $(wc -l <<<"$imports") imports"
