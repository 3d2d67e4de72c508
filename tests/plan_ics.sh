#!/usr/bin/env bash
# `limber plan --ics`: RFC 5545 as two independent readers see it. The file
# is checked byte by byte (CRLF, lines folded at 75 octets), parsed by
# python3-icalendar (every required property, the VTIMEZONE, the RRULE),
# and by libical through tests/ics_check.c (no errors, the RRULE expands).
# Then plans of 40 to 52 weeks, past new year and the next year's changes
# of offset, in zones with daylight saving time (both hemispheres), without
# it, and with rules that changed: every occurrence, as libical and
# python3-icalendar place it with the file's own VTIMEZONE, is the instant
# Python's zoneinfo gives for that wall-clock time.
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
    kinds = sorted({c.name for c in tzs[0].subcomponents})
    assert kinds == ["DAYLIGHT", "STANDARD"], kinds
print(f"python3-icalendar {icalendar.__version__}: {zone}: {len(events)} events, RRULE {rule.to_ical().decode()}")
PY
  TZ=$zone "$ics_check" "$f" >"$dir/libical.txt" || { cat "$dir/libical.txt" >&2; fail "libical: $zone"; }
  tail -1 "$dir/libical.txt"
done
# Long plans: every occurrence at the right instant.
long_plan() {
  local zone=$1 today=$2 weeks=$3 kind=$4
  local f=$dir/long-${zone//\//-}-$today.ics
  TZ=$zone LIMBER_TODAY=$today "$limber" plan --set pain_areas=neck --weeks "$weeks" \
    --ics "$f" --days tue,fri,sun --time 19:30 >/dev/null
  TZ=UTC "$ics_check" "$f" >"$dir/libical.txt" || { cat "$dir/libical.txt" >&2; fail "libical: $zone $today"; }
  "$py" - "$f" "$zone" "$today" "$weeks" "$kind" "$dir/libical.txt" <<'PY' || fail "occurrences: $zone from $today"
import sys
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo
import icalendar
from dateutil.rrule import rrulestr
path, zone, today, weeks, kind, libical = sys.argv[1:]
cal = icalendar.Calendar.from_ical(open(path, "rb").read())
zi = ZoneInfo(zone)
tzs = cal.walk("VTIMEZONE")
vtz = tzs[0].to_tz() if tzs else None
assert (vtz is None) == (zone == "UTC"), f"{len(tzs)} VTIMEZONEs for {zone}"
def utc(dt):
    return dt.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
def wall(prop):
    return prop.dt.replace(tzinfo=None)
def via_vtimezone(w):
    return utc(vtz.localize(w)) if vtz else utc(w.replace(tzinfo=timezone.utc))
lib = open(libical).read().split("\n")
lib_series = [l.split()[1] for l in lib if l.startswith("occurrence ")]
lib_events = [l.split()[1] for l in lib if l.startswith("event ")]
events = cal.walk("VEVENT")
series = [e for e in events if "RRULE" in e]
assert len(series) == 1
start = wall(series[0]["DTSTART"])
rule = series[0]["RRULE"].to_ical().decode()
occurrences = list(rrulestr(rule, dtstart=start.replace(tzinfo=zi)))
expected = [utc(o) for o in occurrences]
# the plan's last day (a Sunday) ends the series; it crosses new year
first_day = date.fromisoformat(today)
end = first_day - timedelta(days=first_day.weekday()) + timedelta(days=7 * int(weeks) - 1)
assert occurrences[-1].date() == end, f"the last session is {occurrences[-1].date()}, not {end}"
assert occurrences[-1].year > occurrences[0].year, "the plan does not cross new year"
bad = [(o, e, v) for o, e, v in zip(occurrences, expected, (via_vtimezone(o.replace(tzinfo=None)) for o in occurrences)) if e != v]
assert not bad, f"python3-icalendar's reading of the VTIMEZONE differs from zoneinfo: {bad[:3]}"
assert lib_series == expected, f"libical: {len(lib_series)} occurrences, zoneinfo: {len(expected)}; first difference: " + \
    str(next(((a, b) for a, b in zip(lib_series, expected) if a != b), None))
checkins = [wall(e["DTSTART"]) for e in events if "RRULE" not in e]
want = [utc(w.replace(tzinfo=zi)) for w in checkins]
assert lib_events == want, f"check-ins: libical {lib_events[:3]} zoneinfo {want[:3]}"
assert [via_vtimezone(w) for w in checkins] == want
offsets = sorted({o.utcoffset() for o in occurrences})
if kind == "dst":
    assert len(offsets) == 2, offsets
else:
    assert len(offsets) >= 1
kinds = sorted({c.name for c in tzs[0].subcomponents}) if tzs else []
print(f"{zone} from {today}, {weeks} weeks: {len(expected)} sessions to {occurrences[-1].date()} and "
      f"{len(checkins)} check-ins at the right instants (offsets {', '.join(str(o) for o in offsets)}; {kinds})")
PY
}
long_plan Europe/Berlin 2026-09-07 40 dst
long_plan America/New_York 2026-09-07 40 dst
long_plan Australia/Sydney 2026-09-07 40 dst
long_plan America/Los_Angeles 2026-11-02 30 dst  # UNTIL: the last Sunday evening is Monday in UTC
long_plan Asia/Tokyo 2026-09-07 40 none
long_plan UTC 2026-09-07 40 none
# Rules that changed: Mexico ended daylight saving time after October 2022;
# Greenland moved to -02 standard time in 2023 and -01 summer time in 2024.
long_plan America/Mexico_City 2022-09-05 52 changed
long_plan America/Nuuk 2023-09-04 52 changed
# No reminders for a stop.
if TZ=UTC "$limber" plan --set red_flags=fever --ics "$dir/stop.ics" >/dev/null 2>"$dir/err"; then
  fail "a stop wrote reminders"
fi
[ ! -e "$dir/stop.ics" ] || fail "a stop left a .ics file"
echo "ics: CRLF, folded at 75 octets, read by python3-icalendar and libical"
