#!/usr/bin/env bash
# Safety through every door: once the diary holds tingling, numbness, sharp
# or spreading pain while stretching (the last 14 days), no command that
# gives a routine gives one: recommend in every format, go, plan, ask's
# routine read back from the diary, and explain says the stop rule fired.
# Usage: tests/diary_stop_everywhere.sh LIMBER
set -euo pipefail
limber=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export LIMBER_DIARY=$dir/diary.sqlite LIMBER_TODAY=2026-03-10 NO_COLOR=1
fail() { echo "FAIL: $*" >&2; exit 1; }

printf 'age: 40\npain_areas: [lower_back, neck]\nsitting_hours: 8\nminutes: 10\n' >"$dir/me.yaml"
"$limber" profile set "$dir/me.yaml" >/dev/null

for sign in tingling numbness sharp_pain pain_spreading_down_leg increasing_pain; do
  rm -f "$LIMBER_DIARY"*
  "$limber" profile set "$dir/me.yaml" >/dev/null
  # Before: a routine. Then the sign, logged nine days ago.
  "$limber" recommend --format json | python3 -c 'import json,sys; a=json.load(sys.stdin); assert a["status"]=="ok" and a["routine"], a["status"]' ||
    fail "$sign: no routine before it was logged"
  "$limber" log --date 2026-03-01 --session partial --pain 3 --during "$sign" >/dev/null
  "$limber" recommend --format json | python3 -c '
import json, sys
a = json.load(sys.stdin)
assert a["status"] == "stop" and a["routine"] == [] and a["stop_reasons"], a["status"]' || fail "$sign: recommend --format json"
  "$limber" recommend | head -1 | grep -q "^STOP: do not stretch" || fail "$sign: recommend (text)"
  out=$("$limber" recommend --format markdown)
  grep -q "^> \*\*Stop: do not stretch.\*\*" <<<"$out" || fail "$sign: recommend --format markdown"
  ! grep -Eq "^## [0-9]+\. " <<<"$out" || fail "$sign: markdown has steps"
  html=$("$limber" recommend --format html)
  ! grep -q "<h3>" <<<"$html" || fail "$sign: the handout has steps"
  "$limber" recommend --format csv | grep -Eq '^,stop,[a-z]+,,0,' || fail "$sign: recommend --format csv"
  go=$("$limber" go --plain)
  grep -q "STOP: do not stretch" <<<"$go" && ! grep -q "Guided session" <<<"$go" || fail "$sign: go --plain"
  "$limber" plan --format json | python3 -c '
import json, sys
p = json.load(sys.stdin)
assert all(w["status"] == "stop" and w["routine"] == [] for w in p["weeks"]), [w["status"] for w in p["weeks"]]' ||
    fail "$sign: plan"
  "$limber" explain | grep -Eq "^fired +diary-stop-" || fail "$sign: explain shows no diary stop rule"
done
# The guided session is logged in the person's own diary, so it follows that
# diary's stop signs even with a profile file and no diary named.
(
  unset LIMBER_DIARY
  export XDG_DATA_HOME=$dir/data-home
  "$limber" log --date 2026-03-09 --session partial --pain 2 --during tingling >/dev/null
  go=$("$limber" go "$dir/me.yaml" --plain)
  grep -q "STOP: do not stretch" <<<"$go" && ! grep -q "Guided session" <<<"$go" ||
    fail "go with a profile file ignores the diary it logs into"
)
# The window: fifteen days after the sign, the routine is back.
LIMBER_TODAY=2026-03-16 "$limber" recommend --format json | python3 -c 'import json,sys; assert json.load(sys.stdin)["status"]=="ok"' ||
  fail "the stop outlived its 14 days"
echo "a diary stop sign stops every command: ok"
