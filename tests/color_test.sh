#!/usr/bin/env bash
# Colour: --color always|never|auto, auto only on a terminal and never with
# NO_COLOR; error messages on stderr follow the same rules for stderr; machine
# output (JSON, files) is never coloured.
# Usage: tests/color_test.sh LIMBER
set -uo pipefail
limber=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/limber-color.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
esc=$'\e['
has_esc() { grep -qF "$esc" "$1"; }
# expect colour|plain LABEL FILE
expect() {
  [ -f "$3" ] || { echo "FAIL: $2: no output captured ($3)"; fail=1; return 0; }
  if [ "$1" = colour ]; then
    has_esc "$3" || { echo "FAIL: $2: expected ANSI colour, got none"; fail=1; }
  else
    has_esc "$3" && { echo "FAIL: $2: expected no ANSI escape, got: $(grep -F "$esc" "$3" | head -1 | cat -v)"; fail=1; }
  fi
  return 0
}
routine=(recommend --set pain_areas=neck)
bad=(recommend --set pain_area=neck)  # an error (exit 2) on stderr
unset NO_COLOR

# On a pipe (stdout and stderr are not terminals).
"$limber" --color always "${routine[@]}" >"$tmp/out" 2>&1
expect colour "--color always, stdout a pipe" "$tmp/out"
"$limber" "${routine[@]}" --color always >"$tmp/out" 2>&1
expect colour "--color always after the command" "$tmp/out"
"$limber" --color never "${routine[@]}" >"$tmp/out" 2>&1
expect plain "--color never" "$tmp/out"
"$limber" "${routine[@]}" >"$tmp/out" 2>&1
expect plain "auto (the default), stdout a pipe" "$tmp/out"
"$limber" --color auto "${routine[@]}" >"$tmp/out" 2>&1
expect plain "--color auto, stdout a pipe" "$tmp/out"
NO_COLOR=1 "$limber" --color always "${routine[@]}" >"$tmp/out" 2>&1
expect colour "NO_COLOR=1 --color always (an explicit request wins)" "$tmp/out"
"$limber" --color always explain --set pain_areas=neck --fired >"$tmp/out" 2>&1
expect colour "explain --color always" "$tmp/out"

"$limber" --color always "${bad[@]}" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] || { echo "FAIL: an unknown field did not exit 2"; fail=1; }
expect colour "an error, --color always" "$tmp/err"
"$limber" --color never "${bad[@]}" >"$tmp/out" 2>"$tmp/err"
expect plain "an error, --color never" "$tmp/err"
"$limber" "${bad[@]}" >"$tmp/out" 2>"$tmp/err"
expect plain "an error, auto, stderr a pipe" "$tmp/err"
grep -q "unknown field 'pain_area'" "$tmp/err" || { echo "FAIL: the error is not on stderr"; fail=1; }

# Machine output is never coloured.
"$limber" --color always "${routine[@]}" --format json >"$tmp/out" 2>&1
expect plain "--format json with --color always" "$tmp/out"
"$limber" --color always "${routine[@]}" -o "$tmp/routine.txt" >"$tmp/out" 2>&1
expect plain "-o FILE with --color always" "$tmp/routine.txt"
"$limber" --color always "${routine[@]}" --format markdown >"$tmp/out" 2>&1
expect plain "--format markdown with --color always" "$tmp/out"

# On a terminal: script(1) gives the command a pseudo-terminal (tmux when there is no
# script, or with LIMBER_TEST_TTY=tmux).
tty_runs=0
on_tty() {  # OUTFILE CMD...: run CMD on a pseudo-terminal, its terminal output to OUTFILE
  local out=$1
  shift
  rm -f "$out" "$tmp/stdout.txt" "$tmp/stderr.txt"
  local cmd
  cmd=$(printf '%q ' "$@")
  if [ "${LIMBER_TEST_TTY:-script}" = script ] && command -v script >/dev/null && script -qec true /dev/null >/dev/null 2>&1; then
    script -qec "$cmd" /dev/null >"$out" 2>&1 </dev/null
  elif command -v tmux >/dev/null; then
    tty_runs=$((tty_runs + 1))
    local sock=$tmp/tmux$tty_runs.sock
    tmux -S "$sock" new-session -d -x 200 -y 100 "$cmd; tmux -S '$sock' wait-for -S done; sleep 5" &&
      tmux -S "$sock" wait-for done && tmux -S "$sock" capture-pane -e -p -S - >"$out"
    tmux -S "$sock" kill-server 2>/dev/null
  else
    return 77
  fi
}
if on_tty "$tmp/tty" env -u NO_COLOR "$limber" "${routine[@]}"; then
  grep -q "Your stretching routine" "$tmp/tty" || { echo "FAIL: nothing captured from the terminal: $(head -3 "$tmp/tty")"; fail=1; }
  expect colour "auto on a terminal" "$tmp/tty"
  on_tty "$tmp/tty" env NO_COLOR=1 "$limber" "${routine[@]}"
  expect plain "NO_COLOR=1, auto, on a terminal" "$tmp/tty"
  on_tty "$tmp/tty" env NO_COLOR=1 "$limber" --color auto "${routine[@]}"
  expect plain "NO_COLOR=1 --color auto, on a terminal" "$tmp/tty"
  on_tty "$tmp/tty" env NO_COLOR= "$limber" "${routine[@]}"
  expect colour "NO_COLOR empty (not set, as no-color.org says), on a terminal" "$tmp/tty"
  on_tty "$tmp/tty" env -u NO_COLOR "$limber" --color never "${routine[@]}"
  expect plain "--color never on a terminal" "$tmp/tty"
  on_tty "$tmp/tty" env -u NO_COLOR "$limber" "${bad[@]}"
  expect colour "an error, auto, stderr a terminal" "$tmp/tty"
  on_tty "$tmp/tty" env NO_COLOR=1 "$limber" "${bad[@]}"
  expect plain "an error, NO_COLOR=1, stderr a terminal" "$tmp/tty"
  # stdout a file, stderr the terminal (and the reverse): each stream on its own.
  on_tty "$tmp/tty" sh -c 'exec "$@" >"'"$tmp"'/stdout.txt"' sh env -u NO_COLOR "$limber" "${routine[@]}"
  expect plain "auto, stdout a file while on a terminal" "$tmp/stdout.txt"
  on_tty "$tmp/tty" sh -c 'exec "$@" 2>"'"$tmp"'/stderr.txt"' sh env -u NO_COLOR "$limber" "${bad[@]}"
  expect plain "auto, stderr a file while on a terminal" "$tmp/stderr.txt"
  on_tty "$tmp/tty" sh -c 'exec "$@" >/dev/null' sh env -u NO_COLOR "$limber" "${bad[@]}"
  expect colour "auto, stdout elsewhere, stderr the terminal" "$tmp/tty"
else
  echo "note: neither script nor tmux: the terminal cases were not run"
fi

[ $fail -eq 0 ] && echo "colour: always/never/auto, NO_COLOR, terminals, errors and machine output as they should be"
exit $fail
