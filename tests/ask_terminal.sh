#!/usr/bin/env bash
# limber ask in a real terminal (tmux): line editing, history and completion
# through libedit, wrapping to the width, colour only without NO_COLOR, and
# Ctrl-C / Ctrl-D ending cleanly with the terminal restored.
set -euo pipefail
limber=$1
command -v tmux >/dev/null || { echo "SKIP: tmux is not installed, so limber ask cannot be tested in a terminal" >&2; exit 77; }
dir=$(mktemp -d)
# One tmux server per run, on its own socket: a server being killed and a
# new one started on the same socket race.
run=0
t() { tmux -S "$dir/tmux-$run.sock" -f /dev/null "$@"; }
trap 't kill-server 2>/dev/null || true; rm -rf "$dir"' EXIT
fail() {
  echo "FAIL: $*" >&2
  echo "--- the screen:" >&2
  t capture-pane -p -J -t ask >&2 2>/dev/null || true
  exit 1
}

# Starts `limber ask ARGS` in a fresh WIDTHx50 terminal; records its exit
# status and the terminal modes afterwards.
start() {
  local width=$1 env=$2
  shift 2
  t kill-server 2>/dev/null || true
  run=$((run + 1))
  rm -f "$dir/rc" "$dir/stty"
  t new-session -d -s ask -x "$width" -y 50 \
    "env $env LIMBER_DIARY='$dir/diary.sqlite' '$limber' ask $*; echo \$? > '$dir/rc.tmp'; stty -a > '$dir/stty'; mv '$dir/rc.tmp' '$dir/rc'; sleep 60"
}
screen() { t capture-pane -p -J -t ask; }
# Waits until the screen shows PATTERN (a fixed string).
wait_for() {
  local i
  for ((i = 0; i < 150; i++)); do
    screen | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  fail "timed out waiting for: $1"
}
wait_exit() {
  local i
  for ((i = 0; i < 150; i++)); do
    [ -f "$dir/rc" ] && { cat "$dir/rc"; return 0; }
    sleep 0.1
  done
  fail "limber ask did not finish"
}
answer() {  # answer KEYS... once the question TEXT shows: answer TEXT KEYS...
  local text=$1
  shift
  wait_for "$text"
  t send-keys -t ask "$@"
}
restored() { grep -qE '(^| )icanon( |$)' "$dir/stty" && grep -qE '(^| )echo( |$)' "$dir/stty"; }

# 1. A full interview, in colour, editing the answers on the way.
start 80 "-u NO_COLOR" -o "$dir/r.md" --save-profile "$dir/p.yaml"
answer "Safety check: Before we start" Enter
answer "When you have stretched recently" Enter
answer "What name would you like" "tmux test" Enter
answer "How old are you?" "45x" BSpace Enter                # line editing
answer "Where do you feel pain" "lower_b" Tab Enter         # completion of value names
answer "How many days" "3" Enter
answer "Is the pain getting better?" "y" Enter
answer "how strong is the pain" "4" Enter
answer "Do you have any of these?" "?" Enter
answer "They point to the muscles" Enter
answer "What makes the pain worse?" "3" Enter
answer "hours a day do you spend sitting" "9" Enter
answer "Have you had any of these?" Enter
answer "If you are pregnant" Enter
answer "get down to the floor" Enter
answer "What do you have to hand" Enter
answer "How many minutes" Up                                # history: the last answer, 9
wait_for "> 9"
t send-keys -t ask BSpace "12" Enter
answer "how far down can you reach" "toes" Enter
answer "What would you like stretching" "1,2" Enter
answer "Press Enter to get your routine" Enter               # the review screen
rc=$(wait_exit)
[ "$rc" -eq 0 ] || fail "the full interview exited $rc"
restored || fail "the terminal was not restored: $(cat "$dir/stty")"
t capture-pane -p -e -t ask | grep -q $'\e\[' || fail "no colour on a terminal"
screen | grep -q "The routine is in $dir/r.md, every step in full." || fail "no word on where the routine went"
long=$(screen | awk 'length($0) > 80' | head -3)
[ -z "$long" ] || fail "lines wider than 80 columns: $long"
head -1 "$dir/r.md" | grep -q '^# Stretching routine' || fail "r.md is not the Markdown routine"
for line in 'id: "tmux test"' "age: 45" "pain_areas: \[lower_back\]" "worse_with: \[sitting\]" "minutes: 12" \
  "toe_touch: toes" "goals: \[relief, prevention\]"; do
  grep -qx "$line" "$dir/p.yaml" || fail "the profile lacks '$line': $(cat "$dir/p.yaml")"
done
# The same diary (named), so the same history applies as in ask.
LIMBER_DIARY="$dir/diary.sqlite" "$limber" recommend "$dir/p.yaml" -o "$dir/again.md"
sed "s/again-figures/r-figures/g" "$dir/again.md" | cmp -s "$dir/r.md" - || fail "recommend p.yaml gives another routine"

# 2. Ctrl-C halfway, with NO_COLOR: clean end, exit 2, no files, no colour.
start 80 "NO_COLOR=1" -o "$dir/r2.md" --save-profile "$dir/p2.yaml"
answer "Safety check: Before we start" Enter
answer "When you have stretched recently" "4"
wait_for "> 4"
t send-keys -t ask C-c
rc=$(wait_exit)
[ "$rc" -eq 2 ] || fail "Ctrl-C exited $rc, not 2"
screen | grep -qx "limber ask: interview ended; nothing was saved." || fail "no end message after Ctrl-C"
restored || fail "the terminal was not restored after Ctrl-C: $(cat "$dir/stty")"
if t capture-pane -p -e -t ask | grep -q $'\e\[[0-9;]*m'; then fail "colour despite NO_COLOR"; fi
[ -z "$(find "$dir" -mindepth 1 \( -name '*r2*' -o -name '*p2*' \))" ] || fail "a file was left behind after Ctrl-C"

# 3. Ctrl-D on a narrow terminal: the text wraps to 50 columns.
start 50 "" -o "$dir/r3.md"
answer "Safety check:" C-d
rc=$(wait_exit)
[ "$rc" -eq 2 ] || fail "Ctrl-D exited $rc, not 2"
screen | grep -qx "limber ask: interview ended; nothing was saved." || fail "no end message after Ctrl-D"
long=$(screen | grep -v "interview ended" | awk 'length($0) > 50' | head -3)
[ -z "$long" ] || fail "lines wider than 50 columns: $long"
restored || fail "the terminal was not restored after Ctrl-D"
[ ! -e "$dir/r3.md" ] || fail "a routine was written after Ctrl-D"
echo "ask in a terminal: ok"
