#!/usr/bin/env bash
# The committed schemas (src/dist/schemas/KIND.schema.json) are exactly what
# `limber schema KIND` prints, for every kind it lists, and there is no other.
# Usage: tests/schema_files.sh LIMBER ROOT
set -uo pipefail
limber=$1
dir=$2/src/dist/schemas
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
fail=0
kinds=$("$limber" schema | awk 'NF && $1 !~ /`/ {print $1}')
[ -n "$kinds" ] || { echo "FAIL: limber schema listed no kinds"; exit 1; }
for kind in $kinds; do
  file=$dir/$kind.schema.json
  if ! "$limber" schema "$kind" >"$tmp"; then
    echo "FAIL: limber schema $kind exited non-zero"
    fail=1
  elif [ ! -f "$file" ]; then
    echo "FAIL: $file is missing"
    fail=1
  elif ! cmp -s "$file" "$tmp"; then
    diff -u "$file" "$tmp" | head -40
    echo "FAIL: $file differs from \`limber schema $kind\`"
    fail=1
  fi
done
for file in "$dir"/*.schema.json; do
  kind=$(basename "$file" .schema.json)
  grep -qx -- "$kind" <<<"$kinds" || { echo "FAIL: $file is not a kind of \`limber schema\`"; fail=1; }
done
if [ $fail -ne 0 ]; then
  echo "Regenerate with:"
  echo "  for k in" $kinds"; do build/dev/limber schema \$k > src/dist/schemas/\$k.schema.json; done"
  exit 1
fi
echo "schemas in step:" $kinds
