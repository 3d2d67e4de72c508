#!/usr/bin/env bash
# The bash and zsh completions know every command and option of --help, and
# complete what they should (run in bash, and in zsh through a pseudo-terminal).
# Usage: tests/install_completions.sh LIMBER COMPLETIONS_DIR
set -uo pipefail
limber=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(cd "$2" && pwd)
bash_file=$dir/limber.bash
zsh_file=$dir/_limber
fail=0
problem() { echo "FAIL: $*"; fail=1; }

# 1. Every command and long option that --help prints is in both files.
main_help=$("$limber" --help)
commands=$(awk '/^Subcommands:/ {on=1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on=0}' <<<"$main_help")
[ -n "$commands" ] || problem "no subcommands in limber --help"
words=$commands
for cmd in "" $commands; do
  words+=" $("$limber" $cmd --help | grep -oE -- '--[a-z][a-z-]*' | sort -u | tr '\n' ' ')"
done
for file in "$bash_file" "$zsh_file"; do
  [ -r "$file" ] || { problem "cannot read $file"; continue; }
  for w in $(tr ' ' '\n' <<<"$words" | sort -u); do
    grep -qE -- "(^|[^A-Za-z0-9_-])$w([^A-Za-z0-9_-]|$)" "$file" || problem "$(basename "$file") does not know $w"
  done
done

# 2. bash: call the completion function as bash would.
bash_out=$(PATH="$(dirname "$limber"):$PATH" bash --norc --noprofile -c '
  source "$1" || exit 1
  complete -p limber >/dev/null || { echo "no complete -F for limber"; exit 1; }
  t() { COMP_LINE=$1; COMP_POINT=${#1}; COMPREPLY=(); _limber; echo "$1 => ${COMPREPLY[*]}"; }
  t "limber "
  t "limber --co"
  t "limber --color n"
  t "limber show cat"
  t "limber list "
  t "limber batch --format "
  t "limber recommend --format "
  t "limber batch --input-format js"
  t "limber recommend --set pain_ar"
  t "limber recommend --set pain_areas=lo"
  t "limber recommend --set pain_areas=neck,sh"
  t "limber schema "
  t "limber explain --f"
  t "limber test -"
' _ "$bash_file" 2>&1)
expect_bash() {  # LINE EXPECTED-REPLY
  grep -qxF -- "$1 => $2" <<<"$bash_out" || problem "bash: '$1' completes to '$(grep -F -- "$1 =>" <<<"$bash_out" | sed 's/.*=> //')', expected '$2'"
}
expect_bash "limber " "recommend ask batch test lint explain list show schema go log diary profile plan matrix"
expect_bash "limber --co" "--color"
expect_bash "limber --color n" "never"
expect_bash "limber show cat" "cat-cow"
expect_bash "limber list " "stretches forms rules fields"
expect_bash "limber batch --format " "jsonl csv markdown html summary"
expect_bash "limber recommend --format " "text json markdown html"
expect_bash "limber batch --input-format js" "json jsonl"
expect_bash "limber recommend --set pain_ar" "pain_areas="
expect_bash "limber recommend --set pain_areas=lo" "lower_back"
expect_bash "limber recommend --set pain_areas=neck,sh" "neck,shoulders"
expect_bash "limber schema " "profile profile-schema rule stretch sources figure"
expect_bash "limber explain --f" "--fired"
expect_bash "limber test -" "-v --verbose --rules --catalogue --no-builtin --color --diary --version --help"

# 3. zsh: syntax, then real completion in an interactive zsh on a pty.
if ! command -v zsh >/dev/null; then
  echo "note: zsh is not installed; only the bash completion was run"
elif ! zsh -n "$zsh_file"; then
  problem "_limber has a syntax error"
else
  out=$(mktemp)
  zsh -f -c '
    zmodload zsh/zpty || exit 3
    out=$1 dir=$2 bin=$3
    zpty z "zsh -f -i"
    zpty -w z "PATH=$bin:\$PATH; fpath=($dir \$fpath); autoload -U compinit; compinit -u -D"
    zpty -w z "dump() { print -r -- \"\$BUFFER\" >> $out; BUFFER=; }; zle -N dump; bindkey \"^X\" dump; bindkey \"^I\" complete-word"
    shift 3
    for line in "$@"; do
      zpty -w -n z "$line"$'\''\t'\''
      sleep 0.1
      zpty -w -n z $'\''\x18'\''
    done
    for i in {1..80}; do (( $(wc -l < $out) >= $# )) && break; sleep 0.25; done
    zpty -d z
  ' _ "$out" "$dir" "$(dirname "$limber")" \
    "limber sh" "limber show cat" "limber list st" "limber recommend --form" "limber batch --format su" \
    "limber recommend --set pain_ar" "limber recommend --set pain_areas=lo" "limber schema profile-s"
  expected="limber show 
limber show cat-cow 
limber list stretches 
limber recommend --format=
limber batch --format summary 
limber recommend --set pain_areas=
limber recommend --set pain_areas=lower_back 
limber schema profile-schema "
  if [ "$(cat "$out")" != "$expected" ]; then
    problem "zsh completed:"
    cat "$out"
    echo "expected:"
    echo "$expected"
  fi
  rm -f "$out"
fi
[ $fail -eq 0 ] && echo "completions: bash and zsh complete commands, options, ids and values"
exit $fail
