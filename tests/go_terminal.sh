#!/usr/bin/env bash
# limber go in a real terminal (tmux): a one-minute routine run to the end
# with the check-in answered; n, b and pause; q part way (partial); s with
# tingling (the stop advice, logged, and the next recommend stops); Ctrl-C,
# SIGTERM and a crash (terminal restored, nothing logged); 40 and 200
# columns and a resize. LIMBER_GO_SPEED (a testing aid) runs the clock fast
# where the test only waits for the end.
set -euo pipefail
limber=$1
command -v tmux >/dev/null || { echo "SKIP: tmux is not installed, so limber go cannot be tested in a terminal" >&2; exit 77; }
dir=$(mktemp -d)
run=0
t() { tmux -S "$dir/tmux-$run.sock" -f /dev/null "$@"; }
trap 't kill-server 2>/dev/null || true; rm -rf "$dir"' EXIT
fail() {
  echo "FAIL: $*" >&2
  echo "--- the screen:" >&2
  t capture-pane -p -t go >&2 2>/dev/null || true
  exit 1
}
export LIMBER_DIARY="$dir/diary.sqlite" NO_COLOR=1
routine=(--set pain_areas=neck --set minutes=1)   # one step: chin to chest, 55 s
two=(--set pain_areas=lower_back --set minutes=2)       # two steps: cat-cow and the bridge

lang=C  # the locale: braille figures only with UTF-8
# start WIDTH HEIGHT SPEED ARGS...: `limber go ARGS` in a fresh terminal;
# its pid in $dir/pid, then its exit status and the terminal modes after it.
start() {
  local width=$1 height=$2 speed=$3
  shift 3
  t kill-server 2>/dev/null || true
  run=$((run + 1))
  rm -f "$dir/rc" "$dir/stty" "$dir/pid"
  local args=""
  for a in "$@"; do args+=" '$a'"; done
  t new-session -d -s go -x "$width" -y "$height" \
    "sh -c 'echo \$\$ > $dir/pid; exec env LANG=$lang LC_ALL= LC_CTYPE= LIMBER_GO_SPEED=$speed $limber go $args'; echo \$? > '$dir/rc.tmp'; stty -a > '$dir/stty'; mv '$dir/rc.tmp' '$dir/rc'; sleep 60"
}
screen() { t capture-pane -p -t go; }
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
  fail "limber go did not finish"
}
keys() { t send-keys -t go "$@"; }
restored() {
  grep -qE '(^| )icanon( |$)' "$dir/stty" && grep -qE '(^| )echo( |$)' "$dir/stty" &&
    grep -qE '(^| )isig( |$)' "$dir/stty" || fail "the terminal was not restored: $(cat "$dir/stty")"
}
# The diary, read with Python's sqlite3 (read-only: never created here).
diary_sql() {
  [ -f "$LIMBER_DIARY" ] || { echo 0; return; }
  python3 -c 'import sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
for row in db.execute(sys.argv[2]): print(" ".join(str(x) for x in row))' "$LIMBER_DIARY" "$1"
}
entries() { diary_sql "select count(*) from entries"; }
last_entry() {
  diary_sql "select 'session=' || session, 'pain=' || ifnull(pain, '-'), 'pain_during=' || ifnull(pain_during, '-'),
             'during=' || during_stretch, 'steps=' || steps from entries order by id desc limit 1" | tr -d ' '
}
# The screen's text as one line: what the program wrapped, joined again.
flat() { screen | tr '\n' ' ' | tr -s ' '; }
widest() { screen | LC_ALL=C.UTF-8 wc -L; }

# 1. A one-minute routine run to the end at 50 times the speed, the
#    check-in answered: logged as done with the pain and the steps.
start 80 40 50 "${routine[@]}"
wait_for "Question 1 of 3"
screen | grep -q "1 of 1 stretch done" || fail "the check-in does not count the step done"
keys 2 Enter
wait_for "Question 2 of 3"
keys 3 Enter
wait_for "Question 3 of 3"
keys Enter
rc=$(wait_exit)
[ "$rc" -eq 0 ] || fail "a finished session exited $rc"
restored
flat | grep -qF "Session logged: done, 1 of 1 stretch done, pain now 2/10, worst while stretching 3/10." ||
  fail "no word of what was logged"
entry=$(last_entry)
for want in session=done pain=2 pain_during=3 'during=[]' 'steps=["chin-to-chest"]'; do
  [[ $entry == *"$want"* ]] || fail "the diary entry lacks $want: $entry"
done

# 2. n, b and a pause in real time, then q part way: logged as partial.
lang=C.UTF-8
start 80 40 1 "${two[@]}"
wait_for "Step 1 of 2: Cat-cow"
keys n
wait_for "Step 2 of 2: Bridge"
screen | LC_ALL=C grep -q $'\xe2[\xa1-\xa3]' || fail "no figure in braille on a UTF-8 terminal"
keys b
wait_for "Step 1 of 2: Cat-cow"
keys Space
wait_for "PAUSED"
before=$(screen | grep -o '[0-9]:[0-9][0-9] left')
sleep 1.5
after=$(screen | grep -o '[0-9]:[0-9][0-9] left')
[ "$before" = "$after" ] || fail "the time left moved while paused: $before, then $after"
keys Space
for ((i = 0; i < 30; i++)); do
  now=$(screen | grep -o '[0-9]:[0-9][0-9] left')
  [ "$now" != "$before" ] && break
  sleep 0.1
done
[ "$now" != "$before" ] || fail "the time left did not move after resuming"
keys q
wait_for "Question 1 of 3"
keys q  # log now, without more questions
rc=$(wait_exit)
[ "$rc" -eq 0 ] || fail "q exited $rc"
restored
wait_for "Session logged: partial"
[[ $(last_entry) == *session=partial* ]] || fail "q was not logged as partial: $(last_entry)"

lang=C

# 3. s with tingling: asks what, shows the stop advice of the rules, logs it;
#    and the next recommend from the diary stops.
start 80 40 1 "${two[@]}"
wait_for "Step 1 of"
keys s
wait_for "What did you feel?"
keys 1 Enter
wait_for "STOP: do not stretch."
screen | grep -q "stop-nerve-signs-while-stretching" || fail "the advice does not name its rule"
keys Enter
wait_for "Question 1 of 2"
keys 1 Enter 6 Enter
rc=$(wait_exit)
[ "$rc" -eq 0 ] || fail "s exited $rc"
restored
flat | grep -qF "Session logged: partial, 0 of 2 stretches done, pain now 1/10, worst while stretching 6/10, tingling." ||
  fail "no word of what was logged"
flat | grep -qF "STOP: do not stretch" || fail "the stop advice did not stay on the screen after the session"
[[ $(last_entry) == *'"tingling"'* ]] || fail "tingling was not logged: $(last_entry)"
if "$limber" --help | grep -q -- --diary; then  # history in the rules: the diary's issue
  "$limber" recommend "${routine[@]}" | grep -q "STOP: do not stretch" ||
    fail "recommend from the diary does not stop after tingling was logged"
else
  echo "note: this limber does not read history yet, so the next recommend is not checked" >&2
fi
# ... and the next session does not start: the stop, with the diary's rule.
count=$(entries)
start 80 40 1 "${two[@]}"
wait_for "diary-stop-nerve-signs"
rc=$(wait_exit)
[ "$rc" -eq 0 ] || fail "go after logged tingling exited $rc"
screen | grep -q "Step 1 of" && fail "a session started after tingling was logged"
[ "$(entries)" = "$count" ] || fail "a stopped go logged an entry"
# The rest runs with a diary of its own.
export LIMBER_DIARY="$dir/diary-2.sqlite"

# 4. Ctrl-C, SIGTERM and a crash: the terminal restored, nothing logged.
count=$(entries)
start 80 40 1 "${routine[@]}"
wait_for "Step 1 of"
keys C-c
rc=$(wait_exit)
[ "$rc" -eq 2 ] || fail "Ctrl-C exited $rc, not 2"
restored
wait_for "limber go: session ended; nothing was logged."
start 80 40 1 "${routine[@]}"
wait_for "Step 1 of"
kill -TERM "$(cat "$dir/pid")"
rc=$(wait_exit)
[ "$rc" -eq 2 ] || fail "SIGTERM exited $rc, not 2"
restored
start 80 40 1 "${routine[@]}"
wait_for "Step 1 of"
kill -ABRT "$(cat "$dir/pid")"
rc=$(wait_exit)
[ "$rc" -eq 134 ] || fail "a crash (SIGABRT) exited $rc, not 134"
restored
start 80 40 1 "${routine[@]}"
wait_for "Step 1 of"
kill -SEGV "$(cat "$dir/pid")"
rc=$(wait_exit)
# 139, or a sanitizer's report and its exit status in a sanitizer build.
[ "$rc" -ne 0 ] && [ "$rc" -ne 2 ] || fail "a crash (SIGSEGV) exited $rc"
restored
[ "$(entries)" -eq "$count" ] || fail "an interrupted session was logged"

# A bad LIMBER_GO_SPEED is refused.
out=$(LIMBER_GO_SPEED=0 "$limber" go "${routine[@]}" 2>&1) && fail "LIMBER_GO_SPEED=0 was taken"
[[ $out == *"LIMBER_GO_SPEED=0 is not a whole number from 1 to 1000"* ]] || fail "LIMBER_GO_SPEED=0: $out"

# 5. 40 and 200 columns, and a resize: every line fits, the keys are shown.
start 40 30 1 "${routine[@]}"
wait_for "Step 1 of"
wait_for "s something felt wrong"
[ "$(widest)" -le 40 ] || fail "a line is wider than 40 columns"
t resize-window -t go -x 40 -y 50
wait_for "Figure: "  # no UTF-8: the figure described
t resize-window -t go -x 200 -y 50
for ((i = 0; i < 30; i++)); do
  [ "$(widest)" -eq 200 ] && break
  sleep 0.1
done
[ "$(widest)" -eq 200 ] || fail "no redraw at 200 columns after a resize (widest line: $(widest))"
keys C-c
wait_exit >/dev/null
start 200 50 1 "${routine[@]}"
wait_for "Step 1 of"
[ "$(widest)" -eq 200 ] || fail "the screen does not use 200 columns"
keys C-c
wait_exit >/dev/null
echo "go in a terminal: ok"
