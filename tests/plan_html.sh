#!/usr/bin/env bash
# `limber plan --format html`: a plan that starts, one that refers, one that
# stops, one with a diary and one of twelve weeks. Each page is one
# self-contained file (no script, nothing it could load: no src, href,
# url() or @import), well-formed (every element closed in order, checked by
# Python's HTML parser), with the status box first, the weeks with their
# dosage per level, the check-ins, when to get help, the sources and the
# disclaimer; `-o FILE.html` implies it.
# Usage: tests/plan_html.sh LIMBER
set -euo pipefail
limber=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
py=/usr/bin/python3
[ -x "$py" ] || py=python3
fail() { echo "FAIL: $*" >&2; exit 1; }
unset LIMBER_DIARY
export LIMBER_TODAY=2026-03-04

# check FILE STATUS WEEKS [TEXT-THAT-MUST-SHOW...]
check() {
  "$py" - "$@" <<'PY' || fail "$1"
import re, sys
from html.parser import HTMLParser
path, status, weeks, *must = sys.argv[1:]
html = open(path, encoding="utf-8").read()
outside = re.findall(r'<(?:script|link|iframe|object|embed|img)\b|\b(?:src|href|srcset|action)=|url\(|@import', html, re.I)
assert not outside, f"refers to something outside the file: {outside[:3]}"
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr", "source", "area", "base", "param", "track"}
class Check(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.text, self.order = [], [], [], []
    def handle_starttag(self, tag, attrs):
        if tag not in VOID: self.stack.append(tag)
        cls = dict(attrs).get("class") or ""
        if tag == "section": self.order.append(cls)
    def handle_startendtag(self, tag, attrs):
        pass
    def handle_endtag(self, tag):
        if tag in VOID: return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}> at line {self.getpos()[0]}")
        else:
            self.stack.pop()
    def handle_data(self, data):
        self.text.append(data)
c = Check()
c.feed(html)
c.close()
assert not c.problems, c.problems[:3]
assert not c.stack, f"left open: {c.stack}"
text = " ".join(" ".join(c.text).split())
assert html.startswith("<!DOCTYPE html>"), "no doctype"
assert "@media print" in html and "size: A4" in html, "no print style sheet for A4"
# The status box is the first section; then the weeks, check-ins, help, sources.
box = {"ok": "status ok", "see_professional_first": "status refer", "stop": "status stop"}[status]
assert c.order and c.order[0] == box, f"the first section is {c.order[:1]}, not {box}"
heads = re.findall(r"<h2>([^<]*)</h2>", html)
if status == "stop":
    assert "The weeks ahead" not in heads and 'class="step"' not in html, "a stop with weeks ahead"
    expected = ["Stop: do not stretch", "Sources"]
else:
    assert len(re.findall(r'<th class="wk">Week \d+', html)) == int(weeks), "not every week in the tables"
    expected = ["The weeks ahead", "Check-ins", "When to get help", "The stretches", "Sources"]
    steps = html.count('class="step"')
    assert steps >= 1 and html.count("<svg") == steps, f"{steps} stretches, {html.count('<svg')} figures"
assert [h for h in heads if h in expected] == expected, f"sections {heads}"
assert "It is not a diagnosis" in text, "no disclaimer"
for m in must:
    assert m in text, f"'{m}' missing"
print(f"{path.rsplit('/', 1)[-1]}: {status}, {len(heads)} sections, well-formed, self-contained")
PY
}

"$limber" plan --set id=desk --set pain_areas=lower_back --set sitting_hours=9 -o "$dir/ok.html"
check "$dir/ok.html" ok 6 "Ready to start" "Week 6" "level 4" "End of week 6" "limber log --session done" \
  "Each session"
"$limber" plan --set pain_areas=lower_back --set history=disc_herniation --format html >"$dir/refer.html"
check "$dir/refer.html" see_professional_first 6 "See a professional first" "Show this plan"
"$limber" plan --set red_flags=saddle_numbness -o "$dir/stop.html"
check "$dir/stop.html" stop 0 "Stop: do not stretch" "emergency"
"$limber" plan --set pain_areas=neck --weeks 12 -o "$dir/twelve.html"
check "$dir/twelve.html" ok 12 "Week 12"
# With a diary: its facts under the plan, the level it reached.
export LIMBER_DIARY=$dir/diary.sqlite
for day in 2026-02-23 2026-02-25 2026-02-27 2026-03-02 2026-03-03; do
  LIMBER_TODAY=$day "$limber" log --date "$day" --session done --pain 3 --pain-during 2 >/dev/null
done
"$limber" plan --set pain_areas=lower_back -o "$dir/diary.html"
check "$dir/diary.html" ok 6 "Your diary" "As of 2026-03-04, from 5 entries." "Sessions in the last 7 days"
"$limber" plan --set pain_areas=lower_back --format json >"$dir/diary.json"
"$py" - "$dir/diary.json" "$dir/diary.html" <<'PY' || fail "the HTML's level is not the diary's"
import json, re, sys
plan = json.load(open(sys.argv[1]))
html = open(sys.argv[2]).read()
first = re.search(r"starting at level (\d+) of (\d+)", html)
assert first and int(first.group(1)) == plan["level"] == plan["weeks"][0]["level"], (first and first.groups(), plan["level"])
# The six-week review falls where the diary's weeks reach six, in the JSON and the HTML alike.
due = 6 - plan["history"]["weeks_active"]
assert [w["week"] for w in plan["weeks"] if "review" in w] == [due], (due, plan["weeks"])
reviews = re.findall(r"End of week (\d+)</span>(?:(?!</tr>).)*Review, if your pain is no better by then:", html)
assert reviews == [str(due)], (reviews, due)
PY
# Rule ids for clinicians only with --detail.
grep -q 'class="rule"' "$dir/ok.html" && fail "rule ids without --detail"
"$limber" plan --set pain_areas=lower_back --format html --detail | grep -q 'class="rule"' || fail "--detail shows no rule ids"
# A file name whose extension names no plan format.
if "$limber" plan --set pain_areas=neck -o "$dir/plan.csv" 2>"$dir/err"; then fail "a plan written as CSV"; fi
grep -q "a plan is not written as csv" "$dir/err" || fail "$(cat "$dir/err")"
echo "plan html: ok, referral, stop, twelve weeks and a diary: well-formed and self-contained"
