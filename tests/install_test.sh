#!/usr/bin/env bash
# Installs ruptag the two ways a user does, into scratch folders, and uses what was
# installed: the Debian package from `cpack -G DEB` (its control fields and
# dependencies, then unpacked with `dpkg -x`) and `cmake --install` with DESTDIR. In
# each: the binary tags the installed example session as the build does, `man -l`
# renders the man page without warnings and `man -M` finds it, bash-completion loads the
# bash completion from its standard place and completes `ruptag tag --format `, and so
# do zsh (from the folders of its fpath) and fish (XDG_DATA_DIRS; it loads completions of
# commands on PATH) when they are installed. Exits 77 (skipped) when dpkg-deb, man or bash-completion is
# missing; 1 then with RUPTAG_REQUIRE_TEST_TOOLS=1 (as .ci/run sets it).
#
# usage: install_test.sh BUILD_DIR [SOURCE_DIR]
set -euo pipefail

build=$(cd "${1:?usage: install_test.sh BUILD_DIR [SOURCE_DIR]}" && pwd)
source_dir=$(cd "${2:-$(dirname "$0")/..}" && pwd)
bash_completion=/usr/share/bash-completion/bash_completion

skip() {
  echo "SKIPPED: $1 is not installed (apt-get install $2); the installation was not tested"
  [ "${RUPTAG_REQUIRE_TEST_TOOLS:-0}" = 1 ] && exit 1
  exit 77
}
command -v dpkg-deb >/dev/null 2>&1 || skip dpkg-deb dpkg
command -v man >/dev/null 2>&1 || skip man man-db
[ -r "$bash_completion" ] || skip bash-completion bash-completion

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

version=$("$build/ruptag" --version | sed 's/^ruptag //')
formats="text json jsonl csv csv-segments csv-sessions html gold"

# ---- the Debian package ---------------------------------------------------------------
if ! cpack -G DEB -B "$work/cpack" --config "$build/CPackConfig.cmake" >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log"
  echo "FAIL: cpack -G DEB failed"
  exit 1
fi
deb="$work/cpack/ruptag_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || {
  ls "$work/cpack"
  echo "FAIL: cpack did not write $(basename "$deb")"
  exit 1
}
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = ruptag ] || fail "Package is '$(field Package)', not ruptag"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', not $version (ruptag --version)"
for f in Maintainer Section Priority Description; do
  [ -n "$(field "$f")" ] || fail "the package has no $f field"
done
field Maintainer | grep -q '<.*@.*>' || fail "Maintainer '$(field Maintainer)' has no e-mail address"

# Depends names exactly the packages of the shared libraries the binary loads.
dpkg -x "$deb" "$work/deb"
binary="$work/deb/usr/bin/ruptag"
needed=$(ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')
wanted=$(for lib in $needed; do
  dpkg -S "$lib" 2>/dev/null || dpkg -S "$(readlink -f "$lib")" 2>/dev/null || echo "$lib: of no package"
done | cut -d: -f1 | sort -u)
depends=$(field Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//' | sort -u)
if [ "$wanted" != "$depends" ]; then
  fail "Depends: '$(field Depends)', but the binary loads libraries of: $(echo $wanted)"
fi

for path in usr/bin/ruptag usr/share/man/man1/ruptag.1.gz usr/share/bash-completion/completions/ruptag \
  usr/share/zsh/vendor-completions/_ruptag usr/share/fish/vendor_completions.d/ruptag.fish \
  usr/share/doc/ruptag/copyright usr/share/doc/ruptag/changelog.gz usr/share/doc/ruptag/LICENSE \
  usr/share/doc/ruptag/README.md usr/share/doc/ruptag/ARCHITECTURE.md usr/share/doc/ruptag/CONTRIBUTING.md \
  usr/share/doc/ruptag/docs/rules.md usr/share/doc/ruptag/examples/en/session.txt; do
  [ -e "$work/deb/$path" ] || fail "the package lacks /$path"
done
entry=$(gzip -dc "$work/deb/usr/share/doc/ruptag/changelog.gz" 2>/dev/null | head -n 1)
case "$entry" in
  "ruptag ($version) "*) ;;
  *) fail "packaging/changelog begins with '$entry', not an entry for ruptag ($version): add one" ;;
esac
page="$work/deb/usr/share/man/man1/ruptag.1.gz"
if [ -e "$page" ] && ! gzip -t "$page"; then fail "ruptag.1.gz is not gzip"; fi

# ---- cmake --install with DESTDIR ----------------------------------------------------
if ! DESTDIR="$work/destdir" cmake --install "$build" --prefix /usr/local >"$work/install.log" 2>&1; then
  cat "$work/install.log"
  echo "FAIL: cmake --install failed"
  exit 1
fi
unexpected=$(cd "$work/destdir/usr/local" && find . -type f | grep -v -E \
  '^\./(bin/ruptag|share/man/man1/ruptag\.1|share/bash-completion/completions/ruptag|share/zsh/site-functions/_ruptag|share/fish/vendor_completions\.d/ruptag\.fish|share/doc/ruptag/.*)$' || true)
[ -z "$unexpected" ] || fail "cmake --install wrote other files: $unexpected"

# ---- each installed tree -----------------------------------------------------------
check_tree() { # ROOT (the prefix inside the scratch folder), PREFIX, a name for messages
  local root=$1 prefix=$2 name=$3
  local bin="$root/bin/ruptag" page
  if ! [ -x "$bin" ]; then
    fail "$name: no $bin"
    return
  fi
  readelf -d "$bin" | grep -q -E 'RPATH|RUNPATH' && fail "$name: the binary has an RPATH"
  [ "$("$bin" --version)" = "ruptag $version" ] || fail "$name: ruptag --version says '$("$bin" --version)'"

  local example="$root/share/doc/ruptag/examples/en/session.txt"
  if "$bin" tag --color never "$example" >"$work/installed.txt" 2>"$work/installed.err"; then
    "$build/ruptag" tag --color never "$source_dir/examples/en/session.txt" >"$work/built.txt"
    if ! diff <(tail -n +2 "$work/built.txt") <(tail -n +2 "$work/installed.txt") >/dev/null; then
      fail "$name: ruptag tag on the installed example differs from the build's on examples/en/session.txt"
    fi
  else
    fail "$name: ruptag tag $example failed: $(cat "$work/installed.err")"
  fi

  page=$(ls "$root"/share/man/man1/ruptag.1*)
  if ! MANWIDTH=80 man --warnings -l "$page" >"$work/man.txt" 2>"$work/man.err" || [ -s "$work/man.err" ]; then
    fail "$name: man -l $page: $(cat "$work/man.err")"
  fi
  grep -q 'ruptag rules check' "$work/man.txt" || fail "$name: the rendered man page lacks 'ruptag rules check'"
  [ "$(man -M "$root/share/man" -w ruptag 2>/dev/null)" = "$page" ] || fail "$name: man -M $root/share/man does not find ruptag"

  # bash-completion finds the completion by the command's name in XDG_DATA_DIRS.
  local completed
  completed=$(XDG_DATA_DIRS="$root/share" bash --norc --noprofile -c '
    source "$1" || exit 1
    __load_completion ruptag || { echo "bash-completion did not load a completion for ruptag"; exit 1; }
    complete -p ruptag
    COMP_WORDS=(ruptag tag --format ""); COMP_CWORD=3
    COMP_LINE="ruptag tag --format "; COMP_POINT=${#COMP_LINE}
    _ruptag ruptag "" --format
    echo "${COMPREPLY[*]}"' bash "$bash_completion" 2>&1) || true
  [ "$completed" = "complete -F _ruptag ruptag
$formats" ] || fail "$name: bash: 'complete -p ruptag' and 'ruptag tag --format <Tab>' gave: $completed"

  # zsh finds it in the folders of its own fpath that lie under PREFIX.
  if command -v zsh >/dev/null 2>&1; then
    local fpath
    fpath=$(zsh -fc 'print -l $fpath' | sed -n "s|^$prefix/|$root/|p" | paste -sd:)
    completed=$(zsh -f "$source_dir/tests/zsh_complete.zsh" "$fpath" "ruptag tag --format " |
      tail -n +2 | tr '\n' ' ')
    [ "$completed" = "$formats " ] ||
      fail "$name: zsh (with the folders of its fpath under $prefix): 'ruptag tag --format <Tab>' gave: $completed"
  else
    echo "note: zsh is not installed; its completion was not tried"
  fi
  if command -v fish >/dev/null 2>&1; then
    completed=$(HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
      XDG_DATA_DIRS="$root/share" PATH="$root/bin:$PATH" fish -c 'complete -C"ruptag tag --format "' | cut -f1 | sort | tr '\n' ' ')
    [ "$completed" = "$(echo $formats | tr ' ' '\n' | sort | tr '\n' ' ')" ] ||
      fail "$name: fish: 'ruptag tag --format <Tab>' gave: $completed"
  else
    echo "note: fish is not installed; its completion was not tried"
  fi
  return 0
}

check_tree "$work/deb/usr" /usr "the .deb"
check_tree "$work/destdir/usr/local" /usr/local "cmake --install"

if [ "$failures" -gt 0 ]; then
  echo "$failures $( [ "$failures" -eq 1 ] && echo problem || echo problems)"
  exit 1
fi
echo "$(basename "$deb") ($(field Depends)) and cmake --install: binary, man page, completions and docs work"
