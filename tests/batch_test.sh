#!/usr/bin/env bash
# limber batch end to end: every input format, good and bad records mixed
# (each output in its record's place), folders, stdin, --jobs determinism,
# agreement with `limber recommend`, summary and Markdown output, JSONL
# read in blocks.
set -euo pipefail
limber=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
in="$here/batch"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v python3 >/dev/null || { echo "SKIP: python3 missing" >&2; exit 77; }

# 1. Every format at once; 1 = some records failed.
set +e
"$limber" batch "$in/mixed.jsonl" "$in/people.csv" "$in/many.yaml" "$in/array.json" > "$dir/out.jsonl" 2> "$dir/err"
rc=$?
set -e
[ $rc -eq 1 ] || fail "exit $rc with bad records, expected 1"
grep -q "records could not be read" "$dir/err" || fail "no note on stderr"
python3 - "$dir/out.jsonl" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
# 6 JSONL records (the blank line is not one), 4 CSV rows, 3 YAML documents, 2 array items.
expected = [
    ("routine", "jsonl-neck"), ("error", "mixed.jsonl:2"), ("routine", "mixed.jsonl:3"),
    ("error", "mixed.jsonl:5"), ("error", "mixed.jsonl:6"), ("routine", "jsonl-desk"),
    ("routine", "csv-desk"), ("error", "people.csv:3"), ("routine", "csv, quoted"), ("error", "people.csv:5"),
    ("routine", "yaml-one"), ("error", "many.yaml:5"), ("routine", "yaml-three"),
    ("routine", "json-one"), ("error", "array.json:3"),
]
assert len(lines) == len(expected), f"{len(lines)} output lines for {len(expected)} records"
for got, (kind, key) in zip(lines, expected):
    if kind == "routine":
        assert got["schema"] == "limber.routine/1", got
        assert got["profile_id"].endswith(key), (got["profile_id"], key)
    else:
        assert got["schema"] == "limber.error/1", got
        assert got["input"].endswith(key), (got["input"], key)
        assert got["error"], got
# A record without an id is named FILE:N (its number in the file).
assert lines[2]["status"] == "stop"
assert "did you mean 'lower_back'" in lines[1]["error"]
assert "did you mean 'disc_herniation'" in lines[9]["error"]
PY

# 2. Folders are read recursively, by extension, in sorted order.
mkdir -p "$dir/tree/sub"
cp "$in/mixed.jsonl" "$dir/tree/b.jsonl"
cp "$in/many.yaml" "$dir/tree/sub/a.yaml"
echo "ignored" > "$dir/tree/notes.txt"
"$limber" batch "$dir/tree" > "$dir/tree.jsonl" 2>/dev/null || true
[ "$(wc -l < "$dir/tree.jsonl")" -eq 9 ] || fail "folder: $(wc -l < "$dir/tree.jsonl") lines, expected 9"
head -1 "$dir/tree.jsonl" | grep -q '"profile_id":"jsonl-neck"' || fail "folder order"

# 3. stdin, with and without --input-format.
"$limber" batch - --input-format csv < "$in/people.csv" > "$dir/stdin.jsonl" 2>/dev/null || true
[ "$(wc -l < "$dir/stdin.jsonl")" -eq 4 ] || fail "stdin csv"
"$limber" batch - < "$in/mixed.jsonl" > "$dir/stdin2.jsonl" 2>/dev/null || true
[ "$(wc -l < "$dir/stdin2.jsonl")" -eq 6 ] || fail "stdin jsonl sniffed"

# 4. --jobs gives the same bytes in the same order.
python3 - "$dir/random.jsonl" <<'PY'
import json, random, sys
random.seed(42)
areas = ["lower_back", "upper_back", "neck", "shoulders", "hips", "buttocks"]
symptoms = ["stiffness", "tight_hips", "tight_hamstrings", "radiating_leg_pain", "tingling", "sharp_pain"]
history = ["disc_herniation", "back_injury", "osteoporosis", "knee_problems", "wrist_problems", "balance_problems"]
with open(sys.argv[1], "w") as f:
    for i in range(3000):
        p = {"pain_areas": random.sample(areas, random.randint(0, 3)), "minutes": random.randint(1, 30),
             "symptoms": random.sample(symptoms, random.randint(0, 2)), "history": random.sample(history, random.randint(0, 2)),
             "sitting_hours": random.randint(0, 14), "can_get_to_floor": random.random() > 0.2}
        if random.random() < 0.05: p["red_flags"] = ["night_pain"]
        if random.random() < 0.03: p["age"] = 5
        f.write(json.dumps(p) + "\n")
PY
"$limber" batch "$dir/random.jsonl" --jobs 1 > "$dir/j1.jsonl" 2>/dev/null || true
"$limber" batch "$dir/random.jsonl" --jobs 2 > "$dir/j2.jsonl" 2>/dev/null || true
"$limber" batch "$dir/random.jsonl" --jobs 7 > "$dir/j7.jsonl" 2>/dev/null || true
[ "$(wc -l < "$dir/j1.jsonl")" -eq 3000 ] || fail "--jobs 1: $(wc -l < "$dir/j1.jsonl") lines"
cmp -s "$dir/j1.jsonl" "$dir/j2.jsonl" || fail "--jobs 2 differs from --jobs 1"
cmp -s "$dir/j1.jsonl" "$dir/j7.jsonl" || fail "--jobs 7 differs from --jobs 1"

# 5. Batch agrees with recommend on every record (a sample of 60, and every bad one).
python3 - "$limber" "$dir/random.jsonl" "$dir/j1.jsonl" <<'PY'
import json, subprocess, sys
limber, inputs, outputs = sys.argv[1:]
ins = open(inputs).read().splitlines()
outs = [json.loads(l) for l in open(outputs)]
for i in list(range(0, 3000, 50)) + [i for i, o in enumerate(outs) if o["schema"] == "limber.error/1"][:10]:
    r = subprocess.run([limber, "recommend", "-", "--format", "json"], input=ins[i], capture_output=True, text=True)
    if outs[i]["schema"] == "limber.error/1":
        assert r.returncode == 2, (i, r.returncode)
        continue
    assert r.returncode == 0, (i, r.stderr)
    single = json.loads(r.stdout)
    single["profile_id"] = outs[i]["profile_id"]  # batch names id-less records FILE:N
    assert single == outs[i], f"record {i + 1} differs"
PY

# 6. Summary, as text and JSON.
"$limber" batch "$dir/random.jsonl" --format summary > "$dir/summary.txt" 2>/dev/null || true
grep -q "^3000 records" "$dir/summary.txt" || fail "summary count"
grep -q "Rules that never fired" "$dir/summary.txt" || fail "summary: never fired"
grep -q "Errors by kind" "$dir/summary.txt" || fail "summary: errors by kind"
"$limber" batch "$dir/random.jsonl" --format summary --json > "$dir/summary.json" 2>/dev/null || true
python3 - "$dir/summary.json" "$dir/j1.jsonl" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
outs = [json.loads(l) for l in open(sys.argv[2])]
assert s["records"] == 3000
assert s["errors"] == sum(o["schema"] == "limber.error/1" for o in outs)
assert s["by_status"]["stop"] == sum(o.get("status") == "stop" for o in outs)
fired = {}
for o in outs:
    for r in o.get("fired_rules", []):
        fired[r] = fired.get(r, 0) + 1
for rule, n in s["rules_fired"].items():
    assert fired.get(rule, 0) == n, (rule, n, fired.get(rule))
PY

# 7. Markdown: one file per profile, safe names, never replacing without --force.
"$limber" batch "$in/mixed.jsonl" --format markdown -o "$dir/md" 2>/dev/null && fail "markdown with bad records exited 0"
[ -f "$dir/md/jsonl-neck.md" ] || fail "no jsonl-neck.md"
[ -f "$dir/md/mixed-jsonl-3.md" ] || fail "no file for an id-less record"
[ "$(ls "$dir/md" | wc -l)" -eq 3 ] || fail "markdown: $(ls "$dir/md")"
set +e
"$limber" batch "$in/mixed.jsonl" --format markdown -o "$dir/md" 2> "$dir/err2"
set -e
grep -q "exists already" "$dir/err2" || fail "markdown replaced files without --force"
"$limber" batch "$in/mixed.jsonl" --format markdown -o "$dir/md" --force 2>/dev/null || true
[ "$(ls "$dir/md" | wc -l)" -eq 3 ] || fail "markdown --force"

# 8. Bad usage: a missing input is exit 2 before anything is written.
set +e
"$limber" batch "$dir/nope.jsonl" > "$dir/none" 2> "$dir/err3"
rc=$?
set -e
[ $rc -eq 2 ] || fail "missing input exit $rc"
grep -q "nope.jsonl: error: no such file or folder" "$dir/err3" || fail "missing input message"
# A stray quote in a CSV record costs that record only: every record
# still gets its line, in order.
printf 'id,age\na,40\nb"x,41\nc,42\n"d"e,43\nf,44\n' > "$dir/stray.csv"
set +e
"$limber" batch "$dir/stray.csv" > "$dir/stray.jsonl" 2>/dev/null
rc=$?
set -e
[ $rc -eq 1 ] || fail "stray quote exit $rc, expected 1"
kinds=$(sed -E 's/.*"schema":"limber\.([a-z]+)\/1".*"(profile_id|input)":"([^"]*)".*/\1 \3/' "$dir/stray.jsonl" | tr '\n' '|')
[ "$kinds" = "routine a|error $dir/stray.csv:3|routine c|error $dir/stray.csv:5|routine f|" ] || fail "stray quote records: $kinds"
# 6. JSONL is read in blocks of 256 records: records across block and read
#    boundaries keep their line numbers and FILE:N ids, from a file and
#    from stdin. Blank and white-space lines, CRLF, a bad record at a block
#    edge, a record longer than one read (64 KiB), no final line end.
python3 - "$dir/blocks.jsonl" <<'PY'
import json, random, sys
random.seed(7)
out = []
for i in range(1400):
    r = random.random()
    if r < 0.08:
        out.append(random.choice(["", "  ", "\t", "\r"]))
    elif r < 0.14:
        out.append('{"age": 5}')  # out of range: an error record
    elif r < 0.16:
        out.append('{"pain_areas": ["neck"]}\r')
    else:
        out.append(json.dumps({"pain_areas": random.sample(["neck", "hips", "lower_back"], random.randint(0, 2))}))
out[300] = json.dumps({"id": "x" * 100000, "pain_areas": ["neck"]})
with open(sys.argv[1], "w", newline="") as f:
    f.write("\n".join(out))  # no line end after the last record
PY
"$limber" batch "$dir/blocks.jsonl" --jobs 2 > "$dir/blocks.out" 2>/dev/null || true
"$limber" batch - --jobs 1 < "$dir/blocks.jsonl" > "$dir/blocks-stdin.out" 2>/dev/null || true
python3 - "$dir/blocks.jsonl" "$dir/blocks.out" "$dir/blocks-stdin.out" <<'PY'
import json, sys
lines = open(sys.argv[1], newline="").read().split("\n")
for out, name in ((sys.argv[2], sys.argv[1]), (sys.argv[3], "-")):
    got = [json.loads(l) for l in open(out)]
    want = []
    n = 0
    for number, line in enumerate(lines, 1):
        if not line.strip(" \t\r"):
            continue
        n += 1
        if line.startswith('{"age": 5}'):
            want.append(("error", f"{name}:{number}"))
        else:
            pid = json.loads(line).get("id", f"{name}:{n}")
            want.append(("routine", pid))
    have = [("error", g["input"]) if g["schema"] == "limber.error/1" else ("routine", g["profile_id"]) for g in got]
    assert len(have) == len(want), (out, len(have), len(want))
    for k, (h, w) in enumerate(zip(have, want)):
        assert h == w, f"{out}: record {k + 1}: {h[1][:40]} != {w[1][:40]}"
    assert n > 1000 and sum(1 for h in have if h[0] == "error") > 50
PY

echo "batch: ok"
