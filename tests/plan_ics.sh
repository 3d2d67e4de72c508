#!/usr/bin/env bash
# `limber plan --ics`: RFC 5545 as two independent readers see it. The file
# is checked byte by byte (CRLF, lines folded at 75 octets), parsed by
# python3-icalendar (every required property, the VTIMEZONE, the RRULE),
# and by libical through tests/ics_check.c (no errors, the RRULE expands).
# Usage: tests/plan_ics.sh LIMBER ICS_CHECK
set -euo pipefail
limber=$1
ics_check=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
py=/usr/bin/python3
[ -x "$py" ] || py=python3
fail() { echo "FAIL: $*" >&2; exit 1; }

for zone in Europe/Berlin America/New_York UTC; do
  f=$dir/plan-${zone//\//-}.ics
  TZ=$zone LIMBER_TODAY=2026-03-04 "$limber" plan --set pain_areas=lower_back --set sitting_hours=9 \
    --set id="a profile name long enough, with commas; semicolons and ünïcödé, to fold the lines" \
    --ics "$f" --days mon,wed,fri --time 07:30 >"$dir/plan.txt"
  "$py" - "$f" "$zone" <<'PY' || fail "python3-icalendar: $zone"
import sys
from datetime import timedelta
import icalendar
path, zone = sys.argv[1:]
raw = open(path, "rb").read()
assert raw.endswith(b"\r\n"), "no final CRLF"
assert b"\n" not in raw.replace(b"\r\n", b""), "a bare LF"
for line in raw.split(b"\r\n"):
    assert len(line) <= 75, f"a line of {len(line)} octets"
    line.decode("utf-8")  # folding never splits a character
cal = icalendar.Calendar.from_ical(raw)
assert cal["VERSION"] == "2.0" and cal["PRODID"]
tzs = cal.walk("VTIMEZONE")
events = cal.walk("VEVENT")
assert len(events) >= 7, f"{len(events)} events"
uids = set()
for ev in events:
    for key in ("UID", "DTSTAMP", "DTSTART", "DURATION", "SUMMARY"):
        assert key in ev, f"{key} missing"
    uids.add(str(ev["UID"]))
    start = ev["DTSTART"]
    if zone == "UTC":
        assert start.dt.utcoffset() == timedelta(0)
    else:
        assert start.params["TZID"] == zone, start.params
        assert [str(t["TZID"]) for t in tzs] == [zone]
    assert start.dt.hour == 7 and start.dt.minute == 30
    alarms = ev.walk("VALARM")
    assert len(alarms) == 1 and alarms[0]["ACTION"] == "DISPLAY" and "TRIGGER" in alarms[0]
assert len(uids) == len(events), "UIDs repeat"
series = [e for e in events if "RRULE" in e]
assert len(series) == 1
rule = series[0]["RRULE"]
assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "WE", "FR"] and "UNTIL" in rule, rule
assert series[0]["DTSTART"].dt.weekday() == 2  # the first session: Wednesday 2026-03-04
if zone == "Europe/Berlin":
    kinds = sorted(c.name for c in tzs[0].subcomponents)
    assert kinds == ["DAYLIGHT", "STANDARD"], kinds
print(f"python3-icalendar {icalendar.__version__}: {zone}: {len(events)} events, RRULE {rule.to_ical().decode()}")
PY
  TZ=$zone "$ics_check" "$f" >"$dir/libical.txt" || { cat "$dir/libical.txt" >&2; fail "libical: $zone"; }
  tail -1 "$dir/libical.txt"
done
# No reminders for a stop.
if TZ=UTC "$limber" plan --set red_flags=fever --ics "$dir/stop.ics" >/dev/null 2>"$dir/err"; then
  fail "a stop wrote reminders"
fi
[ ! -e "$dir/stop.ics" ] || fail "a stop left a .ics file"
echo "ics: CRLF, folded at 75 octets, read by python3-icalendar and libical"
