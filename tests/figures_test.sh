#!/usr/bin/env bash
# Every stretch form has a figure; every figure is well-formed XML
# (xmllint) and renders (rsvg-convert); lint fails when a form has none or a
# pose contradicts the steps; a bad angle is reported at its file:line:col.
# Usage: tests/figures_test.sh LIMBER ROOT      (77: xmllint or rsvg-convert missing)
set -uo pipefail
limber=$1
root=$2
for tool in xmllint rsvg-convert; do
  command -v $tool >/dev/null || { echo "SKIP: $tool missing (scripts/deps test)"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
problem() { echo "FAIL: $*"; fail=1; }

"$limber" --color never list forms > "$tmp/forms" || problem "limber list forms failed"
n=0
while read -r id form has _; do
  [ "$has" = figure ] || [ "$has" = no-figure ] || continue
  [ "$has" = figure ] || { problem "$id ($form) has no figure"; continue; }
  args=(show "$id" --figure)
  [ "$form" = base ] || args+=(--variant "$form")
  svg=$tmp/$id--$form.svg
  "$limber" "${args[@]}" > "$svg" || { problem "limber ${args[*]} failed"; continue; }
  xmllint --noout "$svg" 2>"$tmp/err" || problem "$id ($form): not well-formed XML: $(head -3 "$tmp/err")"
  grep -q "<title>" "$svg" || problem "$id ($form): no <title>"
  rsvg-convert "$svg" -o "$tmp/out.png" 2>"$tmp/err" || problem "$id ($form): rsvg-convert failed: $(cat "$tmp/err")"
  [ -s "$tmp/out.png" ] || problem "$id ($form): rsvg-convert wrote nothing"
  n=$((n + 1))
done < "$tmp/forms"
[ $n -ge 40 ] || problem "only $n forms have figures"

# A variant without a figure fails lint, at the variant.
mkdir -p "$tmp/cat/stretches"
sed 's/^variants:$/variants:\n  - { id: extra-form, name: Extra form, text: A form nobody drew., demands: inherit }/' \
  "$root/catalogue/stretches/sphinx.yaml" > "$tmp/cat/stretches/sphinx.yaml"
grep -q extra-form "$tmp/cat/stretches/sphinx.yaml" || sed -i 's/^variants: \[\]$/variants:\n  - { id: extra-form, name: Extra form, text: A form nobody drew., demands: inherit }/' "$tmp/cat/stretches/sphinx.yaml"
out=$("$limber" --catalogue "$tmp/cat" lint 2>&1)
rc=$?
[ $rc -eq 1 ] || problem "lint with an undrawn variant exited $rc, not 1"
grep -q "sphinx.yaml:[0-9]*:[0-9]*: error: the variant 'extra-form' of 'sphinx' has no figure" <<<"$out" ||
  problem "lint did not name the undrawn variant: $out"

# A rounded back where the steps say keep it long fails lint, at the pose.
mkdir -p "$tmp/cat2/figures"
sed 's/^        trunk: 38$/        trunk: 38\n        spine: 35/' "$root/catalogue/figures/standing-hamstring.yaml" \
  > "$tmp/cat2/figures/standing-hamstring.yaml"
out=$("$limber" --catalogue "$tmp/cat2" lint 2>&1)
grep -q "standing-hamstring.yaml:[0-9]*:[0-9]*: error: the steps of 'standing-hamstring' say a long back" <<<"$out" ||
  problem "lint let a rounded back through where the steps say long: $out"

# A knee bent backwards is an error with file:line:column.
mkdir -p "$tmp/cat3/figures"
sed 's/knee: 16 }/knee: -20 }/' "$root/catalogue/figures/standing-hamstring.yaml" > "$tmp/cat3/figures/standing-hamstring.yaml"
out=$("$limber" --catalogue "$tmp/cat3" show standing-hamstring --figure 2>&1)
rc=$?
[ $rc -ne 0 ] || problem "a knee of -20 degrees was accepted"
grep -q "standing-hamstring.yaml:[0-9]*:[0-9]*: error: knee -20 is out of range" <<<"$out" || problem "bad angle message: $out"

# --variant names a real variant.
out=$("$limber" show sphinx --figure --variant nope 2>&1)
[ $? -eq 2 ] && grep -q "has no variant 'nope'" <<<"$out" || problem "an unknown variant: $out"

[ $fail -eq 0 ] && echo "figures: $n forms parse and render; lint catches missing and contradicting figures"
exit $fail
