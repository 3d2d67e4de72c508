#!/usr/bin/env bash
# limber ask scripted through stdin (one answer per line): all defaults, a
# red flag stopping early, invalid answers asked again, back, end of input
# halfway, and the saved profile giving the same routine in `recommend`.
set -euo pipefail
limber=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# N empty lines (Enter N times).
enters() { local i; for ((i = 0; i < $1; i++)); do echo; done; }
# Runs limber with stdin from a file; sets rc instead of failing.
export LIMBER_DIARY="$dir/diary.sqlite"  # ask keeps the answers there: never the real one
run() { local in=$1; shift; set +e; "$limber" "$@" <"$in" >"$dir/out" 2>"$dir/err"; rc=$?; set -e; }
occurrences() { grep -o -- "$1" "$2" | wc -l | tr -d ' '; }

"$limber" ask --help | grep -q "Examples" || fail "ask --help has no examples"

# 1. All defaults: the questions that apply to an empty profile (13), each
#    answered with Enter, give exactly the routine of an empty profile.
enters 13 >"$dir/in"
run "$dir/in" ask --format json
[ $rc -eq 0 ] || fail "all defaults exited $rc: $(cat "$dir/err")"
echo "{}" | "$limber" recommend - --format json >"$dir/expected.json"
# The answers are now the diary's current profile: a bare recommend gives the same.
"$limber" recommend --format json | cmp -s - "$dir/expected.json" || fail "bare recommend after ask differs"
cmp -s "$dir/out" "$dir/expected.json" || fail "all defaults differ from an empty profile"
[ "$(occurrences 'Safety check: ' "$dir/err")" -eq 2 ] || fail "not two safety questions"
grep -q "that is all I need" "$dir/err" || fail "no closing line"
if grep -q $'\e\[' "$dir/err" "$dir/out"; then fail "colour through a pipe"; fi
if grep -q "limber: a few questions" "$dir/out"; then fail "questions on stdout"; fi
# The same questions and nothing more: one Enter fewer is the end of input.
enters 12 >"$dir/in"
run "$dir/in" ask
[ $rc -eq 2 ] || fail "12 Enters for 13 questions exited $rc"

# 2. A red flag stops at once: no further question, the stop and its reason.
printf 'fever\nnone\n\n' >"$dir/in"
run "$dir/in" ask
[ $rc -eq 0 ] || fail "a stop exited $rc"
grep -q "STOP: do not stretch" "$dir/out" || fail "no stop on stdout"
grep -q "with a fever" "$dir/out" || fail "no reason on stdout"
grep -q "What to do: see a doctor within a day or two" "$dir/err" || fail "no stop said with the questions"
if grep -q "When you have stretched" "$dir/err"; then fail "asked on after a red flag"; fi
run "$dir/in" ask --format json
grep -q '"status": "stop"' "$dir/out" || fail "no stop in JSON"
# By number, and in a during-stretch answer; a CRLF file works too.
printf 'none\r\n3\r\n' >"$dir/in"
run "$dir/in" ask --format json
[ $rc -eq 0 ] && grep -q '"rule": "stop-nerve-signs-while-stretching"' "$dir/out" || fail "during_stretch=3 did not stop"

# 3. Invalid answers are explained and the question asked again.
{ printf '\n\n\nabc\n200\n45\n'; enters 9; } >"$dir/in"
run "$dir/in" ask --save-profile "$dir/p3.yaml"
[ $rc -eq 0 ] || fail "invalid answers exited $rc: $(cat "$dir/err")"
grep -q "'abc' is not a whole number. Write a whole number from 10 to 120." "$dir/err" || fail "abc not explained"
grep -q "200 is out of range" "$dir/err" || fail "200 not explained"
[ "$(occurrences 'How old are you?' "$dir/err")" -eq 3 ] || fail "age not asked three times"
grep -qx "age: 45" "$dir/p3.yaml" || fail "age 45 not saved"

# 4. back returns to the previous question; Enter there keeps the person's
#    own answer (the name), not the default.
{ printf '\n\nme\n45\nback\nback\n\n30\n'; enters 9; } >"$dir/in"
run "$dir/in" ask --save-profile "$dir/p4.yaml"
[ $rc -eq 0 ] || fail "back exited $rc: $(cat "$dir/err")"
grep -qx "age: 30" "$dir/p4.yaml" || fail "age 30 not saved"
grep -qx 'id: "me"' "$dir/p4.yaml" || fail "Enter after back did not keep the name: $(cat "$dir/p4.yaml")"
[ "$(occurrences 'How old are you?' "$dir/err")" -eq 3 ] || fail "age not asked again after back"

# 5. End of input halfway: a one-line message, exit 2, no files at all.
printf '\n\nme\n45\n' >"$dir/in"
run "$dir/in" ask -o "$dir/r5.md" --save-profile "$dir/p5.yaml"
[ $rc -eq 2 ] || fail "end of input exited $rc, not 2"
[ "$(tail -1 "$dir/err")" = "limber ask: interview ended; nothing was saved." ] || fail "no end message"
[ ! -s "$dir/out" ] || fail "something on stdout after end of input"
[ -z "$(find "$dir" -mindepth 1 \( -name '*r5*' -o -name '*p5*' \))" ] || fail "a file was left behind"
run /dev/null ask
[ $rc -eq 2 ] || fail "empty input exited $rc"

# 6. Round trip: the saved profile gives the same routine in `recommend`.
printf '%s\n' "" "" 'Ann: "desk" #2' 45 "1,5" 12 no 6 stiffness "" 9 2 "" n "3;4" 15 shins "2,4" >"$dir/in"
run "$dir/in" ask --format json --save-profile "$dir/p6.yaml"
[ $rc -eq 0 ] || fail "round trip ask exited $rc: $(cat "$dir/err")"
cp "$dir/out" "$dir/ask6.json"
"$limber" recommend "$dir/p6.yaml" --format json >"$dir/rec6.json"
cmp -s "$dir/ask6.json" "$dir/rec6.json" || { diff "$dir/ask6.json" "$dir/rec6.json" >&2; fail "recommend p6.yaml differs"; }
grep -q '"profile_id": "Ann: \\"desk\\" #2"' "$dir/rec6.json" || fail "the name did not survive"
grep -qx "pain_areas: \[lower_back, hips\]" "$dir/p6.yaml" || fail "sets are not YAML lists"
if grep -q "worse_with" "$dir/p6.yaml"; then fail "a skipped field was saved"; fi
# A stop round-trips too.
printf 'none\n5\n' >"$dir/in"
run "$dir/in" ask --format json --save-profile "$dir/p6s.yaml"
"$limber" recommend "$dir/p6s.yaml" --format json | cmp -s - "$dir/out" || fail "a stop does not round-trip"

# 7. Files: the format follows -o's extension; an existing file is refused
#    before any question, and replaced with --force.
enters 13 >"$dir/in"
run "$dir/in" ask -o "$dir/r7.md"
[ $rc -eq 0 ] && head -1 "$dir/r7.md" | grep -q '^# Stretching routine' || fail "-o r7.md is not Markdown"
[ ! -s "$dir/out" ] || fail "stdout not empty with -o"
echo keep >"$dir/keep.yaml"
run "$dir/in" ask --save-profile "$dir/keep.yaml"
[ $rc -eq 2 ] && grep -q "the file exists already" "$dir/err" || fail "replaced a profile without --force"
if grep -q "Safety check" "$dir/err"; then fail "asked questions before refusing the file"; fi
[ "$(cat "$dir/keep.yaml")" = keep ] || fail "the existing file changed"
run "$dir/in" ask --save-profile "$dir/keep.yaml" --force
[ $rc -eq 0 ] && grep -q "^red_flags: \[\]" "$dir/keep.yaml" || fail "--force did not replace the profile"

# 8. A field added to the schema is asked, with no code change.
{ enters 13; echo 7; } >"$dir/in"
run "$dir/in" --rules "$here/ask" ask --save-profile "$dir/p8.yaml"
[ $rc -eq 0 ] || fail "the added field exited $rc: $(cat "$dir/err")"
grep -q "About how many hours do you sleep a night?" "$dir/err" || fail "the added field was not asked"
grep -qx "sleep_hours: 7" "$dir/p8.yaml" || fail "the added field was not saved"
echo "ask through stdin: ok"
