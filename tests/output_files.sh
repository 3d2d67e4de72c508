#!/usr/bin/env bash
# limber -o: the format follows the extension, an existing file is kept
# unless --force, and a failed write leaves nothing behind.
set -euo pipefail
limber=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$limber" recommend --set pain_areas=neck -o "$dir/r.md"
head -1 "$dir/r.md" | grep -q '^# Stretching routine' || fail "r.md is not Markdown"
"$limber" recommend --set pain_areas=neck -o "$dir/r.json"
grep -q '"schema": "limber.routine/1"' "$dir/r.json" || fail "r.json is not JSON"

echo keep > "$dir/keep.md"
if "$limber" recommend --set pain_areas=neck -o "$dir/keep.md" 2>"$dir/err"; then fail "replaced a file without --force"; fi
grep -q "the file exists already" "$dir/err" || fail "no message for an existing file"
[ "$(cat "$dir/keep.md")" = keep ] || fail "the existing file changed"
"$limber" recommend --set pain_areas=neck -o "$dir/keep.md" --force
head -1 "$dir/keep.md" | grep -q '^# Stretching routine' || fail "--force did not replace the file"

set +e
"$limber" recommend --set pain_areas=neck -o "$dir/missing/r.md" 2>"$dir/err"
rc=$?
set -e
[ $rc -eq 2 ] || fail "a write into a missing folder exited $rc, not 2"
grep -q "cannot create a file here" "$dir/err" || fail "no message for a failed write"
[ -z "$(ls -A "$dir/missing" 2>/dev/null)" ] || fail "something was left behind"
[ -z "$(find "$dir" -name '.*.md.*')" ] || fail "a temporary file was left behind"

# Every output file gets the mode the umask leaves (AtomicFile), whichever
# command writes it.
mode() { stat -c %a "$1"; }
(
  umask 027
  "$limber" recommend --set pain_areas=neck -o "$dir/m.md"
  [ "$(mode "$dir/m.md")" = 640 ] || fail "recommend -o: mode $(mode "$dir/m.md"), not 640"
  printf '{"id":"a","pain_areas":["neck"]}\n' > "$dir/in.jsonl"
  "$limber" batch "$dir/in.jsonl" -o "$dir/out.jsonl"
  [ "$(mode "$dir/out.jsonl")" = 640 ] || fail "batch -o: mode $(mode "$dir/out.jsonl"), not 640"
  "$limber" batch "$dir/in.jsonl" --format markdown -o "$dir/routines"
  [ "$(mode "$dir/routines/a.md")" = 640 ] || fail "batch markdown: mode $(mode "$dir/routines/a.md"), not 640"
  [ "$(mode "$dir/routines")" = 750 ] || fail "batch markdown folder: mode $(mode "$dir/routines"), not 750"
  "$limber" schema profile -o "$dir/p.schema.json"
  [ "$(mode "$dir/p.schema.json")" = 640 ] || fail "schema -o: mode $(mode "$dir/p.schema.json"), not 640"
  umask 022
  "$limber" batch "$dir/in.jsonl" -o "$dir/out.jsonl" --force
  [ "$(mode "$dir/out.jsonl")" = 644 ] || fail "batch -o: mode $(mode "$dir/out.jsonl"), not 644"
)
[ -z "$(find "$dir" -type f -name '.*')" ] || fail "a temporary file was left behind"
echo "output files: ok"
