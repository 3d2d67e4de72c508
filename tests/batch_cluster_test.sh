#!/usr/bin/env bash
# limber batch beyond one machine, on N profiles (100,000 in the dev preset):
# scripts/cluster-batch on a local Dask cluster (two worker processes on
# 127.0.0.1; with no network but loopback where unshare allows) and GNU
# parallel --pipe -k, each byte for byte what `limber batch --jobs 1` writes, ids without an id (FILE:N) and error
# positions included; a CSV input split into blocks (a header per block,
# line ends inside quotes, blank rows, a kept column) likewise; and the CSV
# output read by pandas: the rows, the columns, and every status as the
# JSONL gives it.
#   tests/batch_cluster_test.sh LIMBER ROOT [N]
set -euo pipefail
limber=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$2
n=${3:-100000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
py=/usr/bin/python3
$py -c 'import distributed, pandas' 2>/dev/null || { echo "SKIP: python3-distributed or python3-pandas missing" >&2; exit 77; }
command -v parallel >/dev/null || { echo "SKIP: GNU parallel missing" >&2; exit 77; }
export PATH="$(dirname "$limber"):$PATH"
cd "$dir"

# N profiles: a tenth without an id, some that cannot be read (an age out of range).
$py - "$n" <<'PY'
import json, random, sys
random.seed(19)
areas = ["lower_back", "upper_back", "neck", "shoulders", "hips", "buttocks"]
history = ["disc_herniation", "osteoporosis", "knee_problems", "back_surgery", "balance_problems"]
with open("people.jsonl", "w") as f:
    for i in range(int(sys.argv[1])):
        p = {"pain_areas": random.sample(areas, random.randint(0, 3)), "age": random.randint(9, 95),
             "sitting_hours": random.randint(0, 14), "history": random.sample(history, random.randint(0, 2))}
        if random.random() < 0.9:
            p["id"] = f"p{i}"
        if random.random() < 0.03:
            p["red_flags"] = ["night_pain"]
        f.write(json.dumps(p) + "\n")
PY

# 1. cluster-batch: the same bytes as limber batch --jobs 1 (CSV out: 64 MB where JSONL would be 550).
set +e
limber batch people.jsonl --jobs 1 --format csv > want.csv 2>/dev/null
want_rc=$?
start=$EPOCHREALTIME
# Where the machine allows it, in a network namespace of its own with only
# the loopback interface: the local cluster needs no network.
isolated=()
if unshare -n true 2>/dev/null && command -v ip >/dev/null; then
  isolated=(unshare -n sh -c 'ip link set lo up && exec "$@"' sh)
fi
"${isolated[@]}" "$root/scripts/cluster-batch" people.jsonl got.csv 2> cluster.err
rc=$?
set -e
t=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
[ $want_rc -eq 1 ] || fail "limber batch: exit $want_rc, expected 1 (some ages out of range)"
[ $rc -eq 1 ] || fail "cluster-batch: exit $rc, expected 1 as limber's: $(tail -3 cluster.err)"
cmp want.csv got.csv || fail "cluster-batch output differs from limber batch --jobs 1"
grep -q "could not be read" cluster.err || fail "cluster-batch: no note of the errors"
echo "cluster-batch: $n profiles in $t s, identical${isolated:+ (no network but loopback)}"

# 2. GNU parallel --pipe -k, as README shows it: blocks of 10,000 lines, each told where it starts.
start=$EPOCHREALTIME
set +e
parallel --will-cite --pipe -k -N 10000 --block 16M -j 2 \
  'limber batch - --input-format jsonl --format csv --jobs 1 --no-progress --stdin-name people.jsonl --line-offset $(( ({#} - 1) * 10000 )) --record-offset $(( ({#} - 1) * 10000 )) $( [ {#} -gt 1 ] && echo --no-header )' \
  < people.jsonl > parallel.csv 2>/dev/null
rc=$?
set -e
t=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
[ $rc -ge 1 ] || fail "parallel: exit $rc, expected the number of blocks with errors"
cmp want.csv parallel.csv || fail "parallel --pipe -k output differs from limber batch --jobs 1"
echo "parallel --pipe -k: $n profiles in $t s, identical"

# 3. pandas reads the CSV: a row per profile, the columns, every status as the JSONL's.
limber batch people.jsonl --jobs 2 2>/dev/null | cut -c1-300 \
  | grep -oE '^\{"schema":"limber\.(error)/1"|"status":"[a-z_]+"' | sed -E 's/.*"(status":"|limber\.)//; s/["\/].*//' > statuses.txt || true
$py - "$n" <<'PY'
import sys
import pandas as pd
n = int(sys.argv[1])
t = pd.read_csv("want.csv", keep_default_na=False)
assert len(t) == n, (len(t), n)
assert list(t.columns) == ["id", "status", "urgency", "stretches", "total_seconds", "excluded", "fired_rules",
                           "stop_rules", "referrals", "error", "input"], list(t.columns)
jsonl = open("statuses.txt").read().split()
assert len(jsonl) == n, (len(jsonl), n)
assert list(t["status"]) == jsonl, "statuses differ from the JSONL's"
assert (t[t.status == "error"]["error"] != "").all() and (t[t.status != "error"]["error"] == "").all()
assert (t[t.status == "stop"]["urgency"] != "").all() and (t[t.status == "stop"]["stretches"] == "").all()
assert pd.to_numeric(t[t.status != "error"]["total_seconds"]).min() >= 0
print(f"pandas: {len(t)} rows, statuses {dict(t.status.value_counts())}")
PY

# 4. A CSV input in blocks: a header per block, a line end inside quotes,
#    blank rows, a cell of only a quote, a kept column; JSONL out, with
#    --keep-columns.
$py - <<'PY'
import csv, random
random.seed(7)
with open("people.csv", "w", newline="", encoding="utf-8-sig") as f:
    w = csv.writer(f, delimiter=";")
    w.writerow(["Pain areas", "age", "note"])
    for i in range(2500):
        if i % 400 == 3:
            w.writerow(["", "", ""])
        if i % 500 == 7:  # a cell that is only a quote ("""") is no blank row
            w.writerow(["", "", '"'])
        w.writerow([random.choice(["Lower back", "neck;hips", ""]), random.choice([30, 45, 200]),
                    random.choice(["plain", "two\nlines", 'a "quote"'])])
PY
set +e
limber batch people.csv --keep-columns --jobs 1 > want.jsonl 2> want.err
"$root/scripts/cluster-batch" people.csv got.jsonl --keep-columns --block-records 300 2> got.err
rc=$?
set -e
[ $rc -eq 1 ] || fail "cluster-batch CSV: exit $rc: $(tail -3 got.err)"
cmp want.jsonl got.jsonl || fail "cluster-batch on CSV differs from limber batch --jobs 1"
[ "$(grep -c ': warning: ' got.err)" -eq "$(grep -c ': warning: ' want.err)" ] || fail "warnings: $(grep warning got.err)"
echo "batch cluster: ok"
