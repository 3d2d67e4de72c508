#!/usr/bin/env bash
# What a new user trips over (issue 18), end to end: a closed pipe, the
# terminal's width, the text routine's plain summary first.
set -euo pipefail
limber=$1
root=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# A closed pipe (`limber list stretches | head -4`) ends quietly with exit 0,
# as cat and grep do. The reader is gone before limber writes, every time.
for args in "list stretches" "recommend --set pain_areas=neck" "batch $root/tests/golden/desk-sciatica.yaml"; do
  python3 - "$limber" $args > "$dir/pipe" 2>&1 <<'PY' || fail "closed pipe: limber $args: $(cat "$dir/pipe")"
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)
sys.stderr.write(p.stderr.decode())
sys.exit(0 if p.returncode == 0 and not p.stderr else 1)
PY
done

# Text wraps to the terminal's width (COLUMNS here; the tty's own width in
# ask_terminal.sh), never beyond it and never inside a word.
for width in 60 100; do
  COLUMNS=$width "$limber" recommend --set pain_areas=lower_back,hips --set sitting_hours=9 --set history=disc_herniation \
    > "$dir/w$width.txt"
  long=$(awk -v w="$width" 'length($0) > w' "$dir/w$width.txt" | head -3)
  [ -z "$long" ] || fail "lines wider than $width columns: $long"
done
[ -n "$(awk 'length($0) > 60' "$dir/w100.txt")" ] || fail "at 100 columns nothing is wider than 60: the width is ignored"
# Every word of the 60-column text is a word of the 100-column text: none broken.
tr -s ' \n' '\n\n' < "$dir/w60.txt" | sort -u > "$dir/words60"
tr -s ' \n' '\n\n' < "$dir/w100.txt" | sort -u > "$dir/words100"
broken=$(comm -23 "$dir/words60" "$dir/words100" | head -3)
[ -z "$broken" ] || fail "words broken at 60 columns: $broken"
# --set takes several values with commas, as the help says; ';' still works.
"$limber" recommend --help > "$dir/help"
grep -q "pain_areas=lower_back,hips" "$dir/help" || fail "recommend --help does not show a comma-separated --set"
if grep -q "a;b" "$dir/help"; then fail "recommend --help still suggests ';'"; fi
a=$("$limber" recommend --set "pain_areas=lower_back,hips" --format json)
b=$("$limber" recommend --set "pain_areas=lower_back;hips" --format json)
[ "$a" = "$b" ] || fail "pain_areas=lower_back;hips gives another routine than lower_back,hips"
c=$("$limber" recommend --set "pain_areas=lower_back" --format json)
[ "$a" != "$c" ] || fail "hips was not read from pain_areas=lower_back,hips"

echo "friction: ok"
