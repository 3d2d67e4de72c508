#!/usr/bin/env bash
# Hostile input, end to end: every row of the README table "Hostile input,
# and what limber answers" is made here in a temporary folder and given to
# the built limber. The README is the specification: each row's key names a
# case below, its first `code` in the answer column must appear in what
# limber prints (stdout and stderr), and its exit column is the exit status
# expected. A README row without a case, or a case without a row, fails.
# Nothing may crash or hang: an exit status other than 0, 1 or 2, a C++
# "terminate called", or any sanitizer report fails the case.
#   tests/hostile_test.sh LIMBER README.md [KEY...]
set -euo pipefail
limber=$1
readme=$2
shift 2
only=("$@")
dir=$(mktemp -d)
trap 'chmod -R u+rwX "$dir" 2>/dev/null; rm -rf "$dir"' EXIT
export LIMBER_DIARY="$dir/diary.sqlite"  # ask keeps the answers there: never the real one
command -v python3 >/dev/null || { echo "SKIP: python3 missing" >&2; exit 77; }

# --- The README table --------------------------------------------------------
# | `key` | input | answer, with the checked text first in `code` | exit |
declare -A want_text want_exit
readme_keys=()
while IFS=$'\t' read -r key text code; do
  readme_keys+=("$key")
  want_text[$key]=$text
  want_exit[$key]=$code
done < <(awk -F' [|] ' '
  /<!-- hostile:begin -->/ { inside = 1; next }
  /<!-- hostile:end -->/ { inside = 0 }
  inside && /^[|] `/ {
    key = $1; sub(/^[|] `/, "", key); sub(/`.*/, "", key)
    answer = $3; sub(/^[^`]*`/, "", answer); sub(/`.*/, "", answer)
    code = $4; gsub(/[^0-9]/, "", code)
    printf "%s\t%s\t%s\n", key, answer, code
  }' "$readme")
[ ${#readme_keys[@]} -ge 18 ] || { echo "FAIL: the README table has ${#readme_keys[@]} rows, expected at least 18" >&2; exit 1; }

# --- Running limber ------------------------------------------------------------
failures=0
current=""
fail() {
  echo "FAIL $current: $*" >&2
  failures=$((failures + 1))
}

# run CMD...: runs it (at most 5 minutes), leaving the exit status in $rc and
# stdout followed by stderr in $dir/out; fails on a crash, hang or sanitizer
# report.
run() {
  set +e
  timeout 300 "$@" >"$dir/stdout" 2>"$dir/stderr"
  rc=$?
  set -e
  cat "$dir/stdout" "$dir/stderr" >"$dir/out"
  case $rc in
    0 | 1 | 2) ;;
    124) fail "hung (killed after 300 s): $*" ;;
    *) fail "exit status $rc (a crash?): $*"; head -c 2000 "$dir/stderr" >&2 ;;
  esac
  if grep -aqE "terminate called|AddressSanitizer|LeakSanitizer|runtime error:|Segmentation fault|Assertion .* failed" \
    "$dir/stderr"; then
    fail "crashed or a sanitizer complained: $*"
    head -c 2000 "$dir/stderr" >&2
  fi
}

# expect: the last run answered what the README row says.
expect() {
  local text=${want_text[$current]} code=${want_exit[$current]}
  [ "$rc" = "$code" ] || fail "exit status $rc, the README says $code"
  grep -aqF -- "$text" "$dir/out" || {
    fail "the output does not contain '$text'"
    head -c 600 "$dir/out" >&2
    echo >&2
  }
}

# A file of SIZE bytes made of TEXT repeated.
repeat() { python3 -c 'import sys; sys.stdout.write((sys.argv[1] * (int(sys.argv[2]) // len(sys.argv[1]) + 1))[:int(sys.argv[2])])' "$1" "$2"; }

# --- The cases, one per README row -----------------------------------------------

case_deep-nesting() {
  python3 -c "print('a: ' + '[' * 10000 + ']' * 10000)" >"$dir/flow.yaml"
  python3 -c "print('- ' * 10000 + 'a')" >"$dir/block.yaml"
  python3 -c "print('{\"a\":' * 10000 + '1' + '}' * 10000)" >"$dir/deep.json"
  for f in flow.yaml block.yaml deep.json; do
    run "$limber" recommend "$dir/$f"
    expect
  done
  python3 -c "print('{\"a\":' * 10000 + '1' + '}' * 10000)" >"$dir/deep.jsonl"
  run "$limber" batch "$dir/deep.jsonl"
  [ "$rc" = 1 ] && grep -q '"limber.error/1"' "$dir/stdout" || fail "batch: no error line for a deep record"
}

case_huge-file() {
  repeat $'# a comment line, over and over\n' 20000000 >"$dir/big.yaml"
  run "$limber" recommend "$dir/big.yaml"
  expect
}

case_huge-string() {
  { printf 'pain_areas: [neck]\nid: '; repeat x 5000000; printf '\n'; } >"$dir/long-id.yaml"
  run "$limber" recommend "$dir/long-id.yaml" --format json
  expect
  [ "$(wc -c <"$dir/stdout")" -gt 5000000 ] || fail "the long id is not in the routine"
}

case_huge-batch-record() {
  {
    echo '{"id": "before", "pain_areas": ["neck"]}'
    printf '{"id": "'
    repeat x 5000000
    printf '"}\n'
    echo '{"id": "after", "pain_areas": ["neck"]}'
  } >"$dir/long.jsonl"
  run "$limber" batch "$dir/long.jsonl"
  expect
  [ "$(grep -c '"limber.routine/1"' "$dir/stdout")" = 2 ] || fail "the records around the long one were not answered"
}

case_alias-bomb() {
  {
    echo 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
    prev=a
    for n in b c d e f g h i; do
      echo "$n: &$n [*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev]"
      prev=$n
    done
  } >"$dir/lol.yaml"
  run "$limber" recommend "$dir/lol.yaml"
  expect
}

case_huge-number() {
  printf 'age: 1e400\n' >"$dir/a.yaml"
  printf 'age: 99999999999999999999\n' >"$dir/b.yaml"
  printf '{"age": -99999999999999999999}\n' >"$dir/c.json"
  printf '{"age": 1e400}\n' >"$dir/d.json"
  for f in a.yaml b.yaml c.json d.json; do
    run "$limber" recommend "$dir/$f"
    expect
  done
  run "$limber" recommend --set age=99999999999999999999
  [ "$rc" = 2 ] || fail "--set age=99999999999999999999 exited $rc, not 2"
}

case_nul-byte() {
  printf 'id: a\0b\npain_areas: [neck]\n' >"$dir/nul.yaml"
  run "$limber" recommend "$dir/nul.yaml"
  expect
}

case_invalid-utf8() {
  printf 'id: Jos\xe9\n' >"$dir/latin1.yaml"
  printf '{"id": "\xc0\xaf overlong"}\n' >"$dir/overlong.json"
  printf 'id: \xed\xa0\x80 surrogate\n' >"$dir/surrogate.yaml"
  for f in latin1.yaml overlong.json surrogate.yaml; do
    run "$limber" recommend "$dir/$f"
    expect
  done
}

case_bom() {
  printf '\xef\xbb\xbfpain_areas: [neck]\nsitting_hours: 8\n' >"$dir/bom.yaml"
  printf '\xef\xbb\xbf{"pain_areas": ["neck"]}' >"$dir/bom.json"
  for f in bom.yaml bom.json; do
    run "$limber" recommend "$dir/$f"
    expect
  done
}

case_crlf() {
  printf 'pain_areas:\r\n  - neck\r\nsitting_hours: 8\r\nid: "desk"\r\n' >"$dir/crlf.yaml"
  run "$limber" recommend "$dir/crlf.yaml"
  expect
  printf 'id,pain_areas\r\nwin,neck\r\n' >"$dir/crlf.csv"
  run "$limber" batch "$dir/crlf.csv"
  [ "$rc" = 0 ] && grep -q '"profile_id": *"win"' "$dir/stdout" || fail "batch: the CRLF CSV was not read"
}

case_lone-cr() {
  printf 'pain_areas:\r  - neck\rsitting_hours: 8\r' >"$dir/mac.yaml"
  printf '{"pain_areas": ["neck"],\r"sitting_hours": 8}' >"$dir/cr.json"
  for f in mac.yaml cr.json; do
    run "$limber" recommend "$dir/$f"
    expect
  done
}

case_duplicate-key() {
  printf 'age: 40\nage: 50\n' >"$dir/dup.yaml"
  run "$limber" recommend "$dir/dup.yaml"
  expect
}

case_empty-file() {
  : >"$dir/empty.yaml"
  printf '# only a comment\n\n' >"$dir/comment.yaml"
  for f in empty.yaml comment.yaml; do
    run "$limber" recommend "$dir/$f"
    expect
  done
}

case_not-a-mapping() {
  printf -- '- age: 40\n' >"$dir/list.yaml"
  printf 'hello\n' >"$dir/scalar.yaml"
  printf '[1, 2]' >"$dir/array.json"
  printf '42' >"$dir/number.json"
  for f in list.yaml scalar.yaml array.json number.json; do
    run "$limber" recommend "$dir/$f"
    expect
  done
}

case_several-documents() {
  printf 'age: 40\n---\nage: 50\n' >"$dir/two.yaml"
  run "$limber" recommend "$dir/two.yaml"
  expect
}

case_binary-garbage() {
  python3 -c "import sys; sys.stdout.buffer.write(b'\x89PNG\r\n\x1a\n' + bytes(range(128, 256)) * 64)" >"$dir/image.yaml"
  run "$limber" recommend "$dir/image.yaml"
  expect
  # Random bytes: whichever fault comes first (NUL, not UTF-8, syntax), never a crash.
  for seed in 1 2 3; do
    python3 -c "import random, sys; random.seed($seed); sys.stdout.buffer.write(bytes(random.randrange(256) for _ in range(65536)))" \
      >"$dir/random$seed.yaml"
    run "$limber" recommend "$dir/random$seed.yaml"
    [ "$rc" = 2 ] || fail "random bytes (seed $seed) exited $rc, not 2"
  done
}

case_terminal-escapes() {
  printf 'id: x\033]0;pwned\007\302\233[31mred: 3\n' >"$dir/escape.yaml"
  run "$limber" recommend "$dir/escape.yaml"
  expect
  if LC_ALL=C grep -aq $'\033\\|\007\\|\302\233' "$dir/stderr"; then fail "a control character reached the terminal"; fi
}

case_escaped-control() {
  printf '"bad\\e[31mkey": 1\n' >"$dir/escaped-key.yaml"
  printf 'pain_areas: ["\\anec\\x9bk"]\n' >"$dir/escaped-value.yaml"
  run "$limber" recommend "$dir/escaped-key.yaml"
  expect
  if LC_ALL=C grep -aq $'\033' "$dir/stderr"; then fail "ESC reached the terminal"; fi
  run "$limber" recommend "$dir/escaped-value.yaml"
  [ $rc -eq 2 ] || fail "escaped value: exit $rc"
  grep -qF "unknown value '\\x07nec\\xC2\\x9Bk'" "$dir/out" || fail "escaped value: $(head -1 "$dir/out")"
  if LC_ALL=C grep -aq $'\007\\|\302\233' "$dir/stderr"; then fail "BEL or CSI reached the terminal"; fi
}

case_json-trailing-garbage() {
  printf '{"age": 40} trailing\n' >"$dir/trail.json"
  printf '{"age": 40}{"age": 41}\n' >"$dir/two.json"
  for f in trail.json two.json; do
    run "$limber" recommend "$dir/$f"
    expect
  done
}

case_csv-unclosed-quote() {
  printf 'id,pain_areas\nfirst,neck\n"broken,neck\nswallowed,neck\n' >"$dir/quote.csv"
  printf 'id,pain_areas\nother,neck\n' >"$dir/other.csv"
  run "$limber" batch "$dir/quote.csv" "$dir/other.csv"
  expect
  python3 - "$dir/stdout" <<'PY' || fail "the records around the broken one are not as the README says"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert [l["schema"] for l in lines] == ["limber.routine/1", "limber.error/1", "limber.routine/1"], lines
assert lines[0]["profile_id"] == "first" and lines[2]["profile_id"] == "other"
assert lines[1]["input"].endswith("quote.csv:3"), lines[1]
PY
}

case_batch-one-broken() {
  python3 - "$dir/thousand.jsonl" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(1, 1001):
        f.write('{"id": "p%d", "pain_areas": [neck, "bad"\n' % i if i == 500 else '{"id": "p%d", "pain_areas": ["neck"]}\n' % i)
PY
  run "$limber" batch "$dir/thousand.jsonl" --jobs 2
  expect
  python3 - "$dir/stdout" <<'PY' || fail "not 999 routines and one error line in its place"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert len(lines) == 1000, len(lines)
for i, l in enumerate(lines, 1):
    if i == 500:
        assert l["schema"] == "limber.error/1" and l["input"].endswith("thousand.jsonl:500"), l
    else:
        assert l["schema"] == "limber.routine/1" and l["profile_id"] == "p%d" % i, l
PY
}

case_directory() {
  mkdir -p "$dir/folder"
  run "$limber" recommend "$dir/folder"
  expect
}

case_missing-file() {
  run "$limber" recommend "$dir/no/such/profile.yaml"
  expect
}

case_no-permission() {
  printf 'pain_areas: [neck]\n' >"$dir/secret.yaml"
  chmod 000 "$dir/secret.yaml"
  if [ "$(id -u)" -ne 0 ]; then
    run "$limber" recommend "$dir/secret.yaml"
    expect
  elif command -v setpriv >/dev/null && chmod 755 "$dir" && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null &&
    setpriv --reuid=65534 --regid=65534 --clear-groups "$limber" --version >/dev/null 2>&1; then
    # root reads any file: run limber as nobody instead.
    run setpriv --reuid=65534 --regid=65534 --clear-groups "$limber" recommend "$dir/secret.yaml"
    expect
  else
    echo "SKIP no-permission: running as root, and cannot run limber as nobody (setpriv)" >&2
  fi
  chmod 644 "$dir/secret.yaml"
}

case_symlink-loop() {
  ln -s loop.yaml "$dir/loop.yaml"
  run "$limber" recommend "$dir/loop.yaml"
  expect
}

case_full-disk() {
  [ -w /dev/full ] || { echo "SKIP full-disk: no /dev/full" >&2; return; }
  run "$limber" recommend --set pain_areas=neck -o /dev/full
  expect
  printf '{"pain_areas": ["neck"]}\n' >"$dir/one.jsonl"
  run "$limber" batch "$dir/one.jsonl" -o /dev/full
  [ "$rc" = 2 ] && grep -q "No space left on device" "$dir/stderr" || fail "batch -o /dev/full: exit $rc"
  run sh -c '"$1" recommend --set pain_areas=neck >/dev/full' sh "$limber"
  expect
}

# stdout is a pipe whose reading end is closed before limber starts.
cat >"$dir/closed_pipe.py" <<'PY'
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)  # SIGPIPE as the default in the child
sys.stderr.buffer.write(p.stderr)
sys.exit(p.returncode if p.returncode >= 0 else 128 - p.returncode)
PY

case_closed-pipe() {
  run python3 "$dir/closed_pipe.py" "$limber" recommend --set pain_areas=neck
  [ -s "$dir/stderr" ] || echo nothing >>"$dir/out"  # what the README row promises
  expect
  printf '{"pain_areas": ["neck"]}\n' >"$dir/one.jsonl"
  run python3 "$dir/closed_pipe.py" "$limber" batch "$dir/one.jsonl"
  [ -s "$dir/stderr" ] || echo nothing >>"$dir/out"
  expect
}

case_rules-cycle() {
  mkdir -p "$dir/cycle"
  cat >"$dir/cycle/mine.yaml" <<'EOF'
theme: mine
rules:
  - id: my-a
    when: { fact: my_b }
    derive: my_a
    because: a follows from b.
    sources: [{ doc: nice-ng59 }]
  - id: my-b
    when: { fact: my_a }
    derive: my_b
    because: b follows from a.
    sources: [{ doc: nice-ng59 }]
EOF
  run "$limber" --rules "$dir/cycle" recommend --set pain_areas=neck
  expect
  run "$limber" --rules "$dir/cycle" lint
  [ "$rc" = 1 ] && grep -qF "${want_text[$current]}" "$dir/out" || fail "lint: exit $rc"
}

case_rules-unknown-field() {
  mkdir -p "$dir/typo"
  cat >"$dir/typo/mine.yaml" <<'EOF'
theme: mine
rules:
  - id: my-rule
    when: { pain_areas: { has: neck } }
    derive: my_fact
    becuase: a typo.
    sources: [{ doc: nice-ng59 }]
EOF
  run "$limber" --rules "$dir/typo" recommend --set pain_areas=neck
  expect
}

case_ask-invalid-utf8() {
  printf '%s\n' none none $'Jos\xe9' me 45 lower_back 3 yes 4 "" "" 9 "" "" "" "" "" toes relief >"$dir/answers"
  run sh -c '"$1" ask --format json --save-profile "$2" <"$3"' sh "$limber" "$dir/me.yaml" "$dir/answers"
  expect
  run "$limber" recommend "$dir/me.yaml"
  [ "$rc" = 0 ] || fail "the saved profile does not read back (exit $rc)"
}

case_ask-no-input() {
  run sh -c '"$1" ask --save-profile "$2" </dev/null' sh "$limber" "$dir/none.yaml"
  expect
  [ ! -e "$dir/none.yaml" ] || fail "a profile was saved"
}

# --- README rows and cases must match ------------------------------------------------
cases=()
while read -r _ _ name; do
  case $name in case_*) cases+=("${name#case_}") ;; esac
done < <(declare -F)
for key in "${readme_keys[@]}"; do
  declare -F "case_$key" >/dev/null || { current=$key fail "a README row with no test case"; }
  [ -n "${want_text[$key]}" ] || { current=$key fail "the README row has no \`text\` to check"; }
  [ -n "${want_exit[$key]}" ] || { current=$key fail "the README row has no exit status"; }
done
for key in "${cases[@]}"; do
  [ -n "${want_exit[$key]+x}" ] || { current=$key fail "a test case with no README row"; }
done

for key in "${readme_keys[@]}"; do
  if [ ${#only[@]} -gt 0 ] && [[ " ${only[*]} " != *" $key "* ]]; then continue; fi
  declare -F "case_$key" >/dev/null || continue
  current=$key
  before=$failures
  "case_$key"
  [ $failures -eq $before ] && echo "ok   $key"
done
[ $failures -eq 0 ] || { echo "hostile input: $failures failures" >&2; exit 1; }
echo "hostile input: ${#readme_keys[@]} kinds, all as the README says"
