#!/usr/bin/env bash
# `cmake --install` into a temporary prefix puts everything in place, and the
# installed binary runs from / with an empty environment.
# Usage: tests/install_test.sh BUILD_DIR SOURCE_ROOT
set -uo pipefail
build=$(cd "$1" && pwd)
root=$(cd "$2" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/limber-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
problem() { echo "FAIL: $*"; fail=1; }

prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; echo "FAIL: cmake --install"; exit 1; }
bin=$prefix/bin/limber
[ -x "$bin" ] || { echo "FAIL: no $bin"; exit 1; }

# What is installed where.
for f in share/man/man1/limber.1 share/bash-completion/completions/limber share/zsh/site-functions/_limber \
  share/limber/rules/profile.yaml share/limber/rules/README.md share/limber/catalogue/sources.yaml \
  share/limber/catalogue/README.md; do
  [ -s "$prefix/$f" ] || problem "$f is not installed"
done
cmp -s "$root/src/dist/limber.1" "$prefix/share/man/man1/limber.1" || problem "the installed man page differs from src/dist/limber.1"
for kind in profile profile-schema rule stretch sources; do
  cmp -s "$root/src/dist/schemas/$kind.schema.json" "$prefix/share/limber/schemas/$kind.schema.json" ||
    problem "share/limber/schemas/$kind.schema.json is missing or differs"
done

# Every shipped rule and stretch file, identical but for the $schema line,
# which points at an installed schema.
count=0
while IFS= read -r src; do
  rel=${src#"$root"/}
  dst=$prefix/share/limber/$rel
  count=$((count + 1))
  [ -f "$dst" ] || { problem "$rel is not installed"; continue; }
  cmp -s <(tail -n +2 "$src") <(tail -n +2 "$dst") || problem "share/limber/$rel differs from $rel"
  line=$(head -1 "$dst")
  schema=${line#'# yaml-language-server: $schema='}
  [ "$schema" != "$line" ] || { problem "share/limber/$rel does not start with a \$schema line"; continue; }
  case $schema in
    /*) problem "share/limber/$rel: \$schema=$schema is absolute" ;;
    *) [ -f "$(dirname "$dst")/$schema" ] || problem "share/limber/$rel: \$schema=$schema does not exist" ;;
  esac
done < <(find "$root/rules" "$root/catalogue" -name '*.yaml' | sort)
[ "$count" -ge 40 ] || problem "only $count YAML files found in $root"

# The installed binary, from /, with an empty environment.
cd /
version=$(env -i "$bin" --version 2>&1) || problem "env -i limber --version failed: $version"
grep -qE '^limber [0-9]+\.[0-9]+\.[0-9]+' <<<"$version" || problem "--version printed '$version'"
out=$(env -i "$bin" recommend --set pain_areas=neck 2>&1)
status=$?
[ $status -eq 0 ] || problem "env -i limber recommend --set pain_areas=neck exited $status: $out"
grep -q "Your stretching routine" <<<"$out" || problem "no routine printed: $out"
grep -qE '\((chin-to-chest|ear-to-shoulder|levator-scapulae)\)' <<<"$out" || problem "no neck stretch in the routine"
grep -q $'\e\[' <<<"$out" && problem "colour escapes on a pipe"
out=$(env -i "$bin" recommend --set pain_areas=neck --format json 2>&1) && grep -q '"schema": "limber.routine/1"' <<<"$out" ||
  problem "env -i limber recommend --format json: $out"
# A stop is exit 0, a bad field exit 2, from the installed binary too.
env -i "$bin" recommend --set red_flags=fever >/dev/null 2>&1 || problem "a stop answer did not exit 0"
env -i "$bin" recommend --set pain_area=neck >/dev/null 2>&1
[ $? -eq 2 ] || problem "an unknown field did not exit 2"
# The installed copies are a complete knowledge base (for copying and editing).
out=$(env -i "$bin" --no-builtin --rules "$prefix/share/limber/rules" --catalogue "$prefix/share/limber/catalogue" lint 2>&1) ||
  problem "the installed rules and catalogue do not lint: $out"
# Nothing points back into the build or source tree.
if command -v readelf >/dev/null; then
  readelf -d "$bin" | grep -E 'RPATH|RUNPATH' | grep -qE "$build|$root" && problem "the installed binary has a RUNPATH into the build tree"
fi
grep -rqF "$root" "$prefix/share" && problem "an installed file mentions the source tree $root"
# The completions load, and the man page renders.
bash --norc --noprofile -c "source '$prefix/share/bash-completion/completions/limber' && complete -p limber" >/dev/null 2>&1 ||
  problem "the installed bash completion does not load"
head -1 "$prefix/share/zsh/site-functions/_limber" | grep -qx '#compdef limber' || problem "_limber does not start with #compdef limber"
if command -v man >/dev/null; then
  MANWIDTH=80 man -l "$prefix/share/man/man1/limber.1" 2>/dev/null | grep -q "EXIT STATUS" || problem "man -l cannot render the installed page"
  MANPATH=$prefix/share/man man -w limber >/dev/null 2>&1 || problem "man does not find limber(1) under the prefix"
fi

# DESTDIR (as cpack and distribution packages install): the same layout under it.
DESTDIR=$tmp/dest cmake --install "$build" --prefix /usr >"$tmp/install2.log" 2>&1 || problem "DESTDIR install failed"
[ -x "$tmp/dest/usr/bin/limber" ] || problem "DESTDIR install has no usr/bin/limber"
head -1 "$tmp/dest/usr/share/limber/rules/desk.yaml" | grep -qx '# yaml-language-server: $schema=../schemas/rule.schema.json' ||
  problem "DESTDIR install: rules/desk.yaml does not point at ../schemas/rule.schema.json"

[ $fail -eq 0 ] && echo "installed to a temporary prefix: $count YAML files, man page, completions, schemas; runs from / with env -i"
exit $fail
