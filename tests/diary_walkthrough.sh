#!/usr/bin/env bash
# Six weeks with limber, through the command line: a desk worker logs good
# weeks, a flare, the recovery and finally tingling. Each Monday (and on the
# days that change something) the routine is checked: status, level, the
# dosage of a held stretch, the rule that justified the step.
# LIMBER_TODAY pins "today"; every `limber log` gives its --date.
# Usage: tests/diary_walkthrough.sh LIMBER [OUT_DIR]   (OUT_DIR keeps the outputs)
set -euo pipefail
limber=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
out=${2:-$dir}
export LIMBER_DIARY=$dir/diary.sqlite
fail() { echo "FAIL: $*" >&2; exit 1; }

cat >"$dir/me.yaml" <<'EOF'
id: desk-worker
age: 45
pain_areas: [lower_back]
pain_days: 30
pain_intensity: 4
sitting_hours: 8
minutes: 10
EOF
LIMBER_TODAY=2026-03-02 "$limber" profile set "$dir/me.yaml" >/dev/null

log() { LIMBER_TODAY=$1 "$limber" log --date "$@" >/dev/null; }

# check DAY STATUS LEVEL MAX_HOLD [RULE-THAT-MUST-FIRE]
check() {
  local day=$1 status=$2 level=$3 max_hold=$4 rule=${5:-}
  LIMBER_TODAY=$day "$limber" recommend --format json >"$out/recommend-$day.json"
  LIMBER_TODAY=$day "$limber" recommend --color never >"$out/recommend-$day.txt"
  python3 - "$out/recommend-$day.json" "$day" "$status" "$level" "$max_hold" "$rule" <<'PY' || fail "$day"
import json, sys
path, day, status, level, max_hold, rule = sys.argv[1:]
a = json.load(open(path))
problems = []
if a["status"] != status: problems.append(f"status {a['status']}, expected {status}")
if a.get("level") != int(level): problems.append(f"level {a.get('level')}, expected {level}")
if status == "stop":
    if a["routine"]: problems.append("a stop with a routine")
else:
    holds = [s["hold_seconds"] for s in a["routine"] if s["hold_seconds"] >= 10]
    if not holds: problems.append("no held stretch")
    elif max(holds) > int(max_hold): problems.append(f"a hold of {max(holds)} s, above {max_hold} s")
    # The level's dosage rule justifies the steps it capped.
    caps = {m["rule"] for s in a["routine"] for m in s["modifications"]}
    if int(level) < 4 and not any(c.startswith(f"level-{level}-") for c in caps):
        problems.append(f"no level-{level} dosage rule on any step: {sorted(caps)}")
if rule and rule not in a["fired_rules"] and rule not in [c["rule"] for c in a["history"]["level_changes"]]:
    problems.append(f"{rule} neither fired nor justified a step")
for p in problems: print(f"{day}: {p}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
}

# Week 1 (from Monday 2026-03-02): the start, level 1, holds up to 15 s.
check 2026-03-02 ok 1 15
# The guided session is the same routine, at the diary's level.
LIMBER_TODAY=2026-03-02 "$limber" go --plain | grep -q "Level 1 of 4, the start" || fail "go is not at the diary's level"
log 2026-03-02 --session done --pain 5 --pain-during 3
log 2026-03-04 --session done --pain 5 --pain-during 3
log 2026-03-06 --session done --pain 4 --pain-during 2
# Week 2: a good week stepped up: level 2, holds up to 20 s.
check 2026-03-09 ok 2 20 progression-good-week
# Stretches of last week's routine that the longer holds leave out are named.
python3 - "$out/recommend-2026-03-02.json" "$out/recommend-2026-03-09.json" "$out/recommend-2026-03-09.txt" <<'PY' || fail "2026-03-09: what was left out"
import json, re, sys
before, now = (json.load(open(p)) for p in sys.argv[1:3])
text = " ".join(open(sys.argv[3]).read().split())
names = lambda a: [s["name"] for s in a["routine"]]
gone = [n for n in names(before) if n not in names(now)]
assert gone, "nothing left out: the check says nothing"
said = re.search(r"this week's routine leaves out \w+ of last week's: (.*?)\. To keep", text)
assert said and said.group(1).split(", ") == gone, (said and said.group(1), gone)
PY
log 2026-03-09 --session done --pain 4 --pain-during 2
log 2026-03-11 --session done --pain 4 --pain-during 2
log 2026-03-13 --session done --pain 4 --pain-during 3
# Week 3: level 3, holds up to 30 s; then a flare on Monday (7/10 while stretching).
check 2026-03-16 ok 3 30 progression-good-week
log 2026-03-16 --session done --pain 4 --pain-during 7 --note "hip flexor stretch too deep"
check 2026-03-17 ok 2 20 progression-flare-steps-down
grep -q "flare" "$out/recommend-2026-03-17.txt" || fail "the flare is not said in the text"
log 2026-03-18 --session partial --pain 4 --pain-during 4
log 2026-03-20 --session done --pain 3 --pain-during 3
# Week 4: the flare week does not step up: still level 2 (one step down, once).
check 2026-03-23 ok 2 20
log 2026-03-23 --session done --pain 3 --pain-during 2
log 2026-03-25 --session done --pain 3 --pain-during 2
log 2026-03-27 --session done --pain 3 --pain-during 2
# Week 5: recovered, level 3.
check 2026-03-30 ok 3 30 progression-good-week
log 2026-03-30 --session done --pain 3 --pain-during 2
log 2026-04-01 --session done --pain 2 --pain-during 2
log 2026-04-03 --session done --pain 2 --pain-during 1
# Week 6: level 4, the catalogue's full dosage.
check 2026-04-06 ok 4 60 progression-good-week
log 2026-04-06 --session done --pain 2 --pain-during 2
# Wednesday: tingling while stretching. From then on: stop, as during_stretch does.
log 2026-04-08 --session partial --pain 2 --pain-during 3 --during tingling
check 2026-04-08 stop 4 0 diary-stop-nerve-signs
LIMBER_TODAY=2026-04-08 "$limber" go --plain >"$out/go-2026-04-08.txt"
grep -q "STOP: do not stretch" "$out/go-2026-04-08.txt" && ! grep -q "Guided session" "$out/go-2026-04-08.txt" ||
  fail "go offers a session after tingling was logged"
check 2026-04-21 stop 4 0 diary-stop-nerve-signs
# Fifteen days later the window has passed; the break of two weeks steps down.
check 2026-04-23 ok 3 30 progression-break-steps-down

LIMBER_TODAY=2026-04-12 "$limber" diary --color never >"$out/diary.txt"
grep -q "rest pain (0-10)" "$out/diary.txt" || fail "no pain sparkline"
! grep -n ' $' "$out/diary.txt" || fail "lines of the diary end in blanks"
echo "six weeks walked through: levels 1 2 3 (flare) 2 2 3 4, then stop"
