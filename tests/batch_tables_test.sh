#!/usr/bin/env bash
# limber batch with spreadsheet exports: the files a researcher gets from
# Excel or LibreOffice ("CSV UTF-8" with a byte-order mark, semicolons
# where the decimal mark is a comma, tabs, CRLF line ends, an extra column,
# blank rows, column names and values as people write them), each made by
# a script (pandas and the csv module, as the programs write them) from
# the same people. Each must give exactly the routines the same people
# give as plain JSONL. Also: warnings once per column and value, kept
# columns in JSONL and CSV output, blank rows counted, CSV output as pandas
# reads it, and --format summary --by.
set -euo pipefail
limber=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
py=/usr/bin/python3
$py -c 'import pandas' 2>/dev/null || { echo "SKIP: python3-pandas missing" >&2; exit 77; }

# The people, as JSONL with the contract's names, and as spreadsheet exports.
$py - "$dir" <<'PY'
import csv, json, random, sys
import pandas as pd
out = sys.argv[1]
random.seed(19)
areas = {"lower_back": "Lower back", "upper_back": "Upper back", "neck": "Neck", "shoulders": "Shoulders",
         "hips": "Hips", "buttocks": "Buttocks"}
history = {"disc_herniation": "DISC_HERNIATION", "osteoporosis": "Osteoporosis", "knee_problems": "knee problems"}
red = {"fever": "Fever or a recent infection", "night_pain": "Severe pain at night or when lying flat"}
people = []
for i in range(60):
    p = {"id": f"p{i:03}", "age": random.randint(18, 90), "pain_areas": random.sample(sorted(areas), random.randint(0, 3)),
         "sitting_hours": random.randint(0, 12), "history": random.sample(sorted(history), random.randint(0, 2)),
         "improving": random.random() < 0.7}
    if random.random() < 0.1:
        p["red_flags"] = [random.choice(sorted(red))]
    people.append(p)
with open(f"{out}/people.jsonl", "w") as f:
    for p in people:
        f.write(json.dumps(p) + "\n")
# A spreadsheet's view: headers as people type them, values as labels,
# yes/no for booleans, an extra column.
def row(p, sep):
    return {"ID": p["id"], "Age": p["age"],
            "Pain areas": sep.join(areas[a] for a in p["pain_areas"]),
            "Sitting hours": p["sitting_hours"],
            "history": sep.join(history[h] for h in p["history"]),
            "Red flags": ";".join(red[r] for r in p.get("red_flags", [])),
            "improving": "Yes" if p["improving"] else "No",
            "site": "clinic " + "ABC"[int(p["id"][1:]) % 3]}
# 1. Excel "CSV UTF-8": a byte-order mark, commas, CRLF (pandas as Excel writes it).
pd.DataFrame([row(p, ";") for p in people]).to_csv(f"{out}/excel-utf8.csv", index=False, encoding="utf-8-sig",
                                                   lineterminator="\r\n")
# 2. Where the decimal mark is a comma: semicolons, CRLF, the sets' values by comma (so quoted).
pd.DataFrame([row(p, ", ") for p in people]).to_csv(f"{out}/semicolons.csv", index=False, sep=";",
                                                    encoding="utf-8-sig", lineterminator="\r\n")
# 3. Tabs (a "Text (tab-delimited)" export), LF.
pd.DataFrame([row(p, ";") for p in people]).to_csv(f"{out}/tabs.tsv", index=False, sep="\t")
# 4. Blank rows, as spreadsheets leave them: empty lines and rows of bare delimiters, inside and at the end.
with open(f"{out}/blank-rows.csv", "w", newline="", encoding="utf-8-sig") as f:
    w = csv.writer(f, dialect="excel")  # CRLF, quotes where needed
    keys = list(row(people[0], ";"))
    w.writerow(keys)
    for k, p in enumerate(people):
        w.writerow(row(p, ";").values())
        if k % 20 == 7:
            f.write("\r\n")
            w.writerow([""] * len(keys))
    w.writerow([""] * len(keys))
    w.writerow([""] * len(keys))
PY
blank_rows=$(( 3 * 2 + 2 ))

"$limber" batch "$dir/people.jsonl" --jobs 1 > "$dir/want.jsonl"
for f in excel-utf8.csv semicolons.csv tabs.tsv blank-rows.csv; do
  "$limber" batch "$dir/$f" --keep-columns --jobs 2 > "$dir/$f.jsonl" 2> "$dir/$f.err" || fail "$f: exit $?: $(head -3 "$dir/$f.err")"
  "$limber" batch "$dir/$f" --keep-columns --format csv --jobs 2 > "$dir/$f.out.csv" 2>/dev/null || fail "$f: csv exit $?"
  $py - "$dir/want.jsonl" "$dir/$f.jsonl" "$dir/$f.err" "$dir/$f.out.csv" "$f" <<'PY'
import json, sys
import pandas as pd
want = [json.loads(l) for l in open(sys.argv[1])]
got = [json.loads(l) for l in open(sys.argv[2])]
err = open(sys.argv[3]).read()
name = sys.argv[5]
assert len(got) == len(want), (name, len(got), len(want))
for w, g in zip(want, got):
    site = g.pop("input")
    assert site == {"site": "clinic " + "ABC"[int(w["profile_id"][1:]) % 3]}, (name, site)
    assert g == w, f"{name}: {w['profile_id']} differs"
# Each column and value that needed reading by label or case is said once, with file:line:column.
for text in ["column 'ID' read as id", "column 'Pain areas' read as pain_areas", "'Lower back' read as lower_back",
             "column 'Red flags' read as red_flags"]:
    assert err.count(text) == 1, (name, text, err.count(text), err)
assert err.count(": warning: ") == len(set(l for l in err.splitlines() if ": warning: " in l)), (name, err)
assert all(l.split(": warning: ")[0].count(":") == 2 for l in err.splitlines() if ": warning: " in l), err
# The CSV output: one row per person, the kept column, the same routines.
table = pd.read_csv(sys.argv[4], keep_default_na=False)
assert list(table.columns)[:7] == ["id", "status", "urgency", "stretches", "total_seconds", "excluded", "fired_rules"], table.columns
assert list(table.columns)[-1] == "site"
assert len(table) == len(want)
for (_, r), w in zip(table.iterrows(), want):
    assert r["id"] == w["profile_id"] and r["status"] == w["status"], (r["id"], r["status"])
    assert r["stretches"] == ";".join(s["stretch"] for s in w["routine"]), r["id"]
    assert r["total_seconds"] == w["total_seconds"] and r["fired_rules"] == ";".join(w["fired_rules"])
PY
done

# Blank rows are counted, not people: in the summary and the final line.
"$limber" batch "$dir/blank-rows.csv" --keep-columns --format summary --progress > "$dir/summary.txt" 2> "$dir/summary.err"
grep -q "^60 records: 60 read, 0 could not be read; $blank_rows blank rows skipped" "$dir/summary.txt" \
  || fail "blank rows: $(head -1 "$dir/summary.txt")"
grep -q "^limber batch: 60 records, 0 errors, $blank_rows blank rows skipped, " "$dir/summary.err" \
  || fail "final line: $(tail -1 "$dir/summary.err")"

# Without --keep-columns the extra column is refused on every row, naming
# the file, line and column, and saying how to keep it.
set +e
"$limber" batch "$dir/semicolons.csv" > "$dir/refused.jsonl" 2>/dev/null
rc=$?
set -e
[ $rc -eq 1 ] || fail "an extra column: exit $rc, expected 1"
[ "$(grep -c '"schema":"limber.error/1"' "$dir/refused.jsonl")" -eq 60 ] || fail "an extra column: not every row refused"
head -1 "$dir/refused.jsonl" | grep -q "unknown column 'site'.*--keep-columns" || fail "refusal: $(head -1 "$dir/refused.jsonl")"
head -1 "$dir/refused.jsonl" | grep -q '"line":1,"column":' || fail "refusal position: $(head -1 "$dir/refused.jsonl")"

# A bad value in a spreadsheet: its error row names the cell; the row's id is kept.
printf 'id;pain_areas;age\r\nok;Neck;40\r\nbad;Lower bak;41\r\n' > "$dir/bad.csv"
set +e
"$limber" batch "$dir/bad.csv" --format csv > "$dir/bad.out.csv" 2>/dev/null
set -e
grep -q '^bad,error,.*did you mean.*lower_back.*,'"$dir"'/bad.csv:3$' "$dir/bad.out.csv" || fail "bad value row: $(cat "$dir/bad.out.csv")"
"$limber" batch "$dir/bad.csv" > "$dir/bad.jsonl" 2>/dev/null || true
grep -q '"input":"'"$dir"'/bad.csv:3".*"line":3,"column":5' "$dir/bad.jsonl" || fail "bad value position: $(cat "$dir/bad.jsonl")"

# The summary by group, as text, JSON and CSV: every group adds up.
"$limber" batch "$dir/excel-utf8.csv" --keep-columns --format summary --by age --bands 18,40,65 > "$dir/by.txt" 2>/dev/null
grep -q "^By age" "$dir/by.txt" || fail "no By age table"
grep -Eq "^  records read +60 " "$dir/by.txt" || fail "by age: $(grep 'records read' "$dir/by.txt")"
"$limber" batch "$dir/excel-utf8.csv" --keep-columns --format summary --by pain_areas --json > "$dir/by.json" 2>/dev/null
"$limber" batch "$dir/excel-utf8.csv" --keep-columns --format summary --by age --bands 40,65 -o "$dir/by.csv" 2>/dev/null
$py - "$dir/people.jsonl" "$dir/want.jsonl" "$dir/by.json" "$dir/by.csv" <<'PY'
import json, sys
import pandas as pd
people = [json.loads(l) for l in open(sys.argv[1])]
want = [json.loads(l) for l in open(sys.argv[2])]
s = json.load(open(sys.argv[3]))
groups = {g["group"]: g for g in s["by"]["groups"]}
for area in ["lower_back", "neck", "hips", "none"]:
    mine = [w for p, w in zip(people, want) if (area in p["pain_areas"]) or (area == "none" and not p["pain_areas"])]
    g = groups[area]
    # An empty cell is a field not given: "none" and "not given" together are the people without a pain area.
    n = g["records"] + (groups["not given"]["records"] if area == "none" else 0)
    assert n == len(mine), (area, n, len(mine))
    if area == "none":
        continue
    assert g["by_status"]["stop"] == sum(w["status"] == "stop" for w in mine), area
    stops = {}
    for w in mine:
        for r in w["stop_reasons"]:
            stops[r["rule"]] = stops.get(r["rule"], 0) + 1
    assert {x["rule"]: x["count"] for x in g["stops_by_rule"]} == stops, (area, g["stops_by_rule"], stops)
assert s["records"] == 60 and s["by_status"]["stop"] == sum(w["status"] == "stop" for w in want)
t = pd.read_csv(sys.argv[4], keep_default_na=False)
assert list(t.columns) == ["by", "group", "section", "item", "count", "share", "where"], t.columns
bands = {"under 40": (10, 39), "40-64": (40, 64), "65+": (65, 120)}
for label, (lo, hi) in bands.items():
    n = sum(lo <= p["age"] <= hi for p in people)
    rows = t[(t.by == "age") & (t.group == label) & (t.section == "records")]
    assert int(rows["count"].iloc[0]) == n, (label, rows, n)
    ok = t[(t.by == "age") & (t.group == label) & (t.section == "status") & (t["item"] == "ok")]
    assert int(ok["count"].iloc[0]) == sum(lo <= p["age"] <= hi and w["status"] == "ok" for p, w in zip(people, want))
PY

# By a kept column (the clinic): one group per value, in the same order
# whatever the jobs; each group's counts are its people's.
"$limber" batch "$dir/excel-utf8.csv" --keep-columns --format summary --by site --json --jobs 2 > "$dir/by-site.json" 2>/dev/null
"$limber" batch "$dir/excel-utf8.csv" --keep-columns --format summary --by site --json --jobs 1 > "$dir/by-site-1.json" 2>/dev/null
cmp -s "$dir/by-site.json" "$dir/by-site-1.json" || fail "--by site differs between --jobs 1 and 2"
set +e
"$limber" batch "$dir/excel-utf8.csv" --format summary --by site > /dev/null 2> "$dir/by-site.err"
status=$?
set -e
[ $status = 2 ] && grep -q "with --keep-columns, by another column" "$dir/by-site.err" || fail "--by site without --keep-columns: $status $(cat "$dir/by-site.err")"
$py - "$dir/want.jsonl" "$dir/by-site.json" <<'PY'
import json, sys
want = [json.loads(l) for l in open(sys.argv[1])]
s = json.load(open(sys.argv[2]))
assert s["by"]["field"] == "site", s["by"]
groups = [g["group"] for g in s["by"]["groups"]]
assert groups == ["clinic A", "clinic B", "clinic C"], groups
for g in s["by"]["groups"]:
    mine = [w for w in want if "clinic " + "ABC"[int(w["profile_id"][1:]) % 3] == g["group"]]
    assert g["records"] == len(mine), (g["group"], g["records"], len(mine))
    assert g["by_status"]["stop"] == sum(w["status"] == "stop" for w in mine), g["group"]
    assert g["by_status"]["ok"] == sum(w["status"] == "ok" for w in mine), g["group"]
PY
echo "batch tables: ok"
