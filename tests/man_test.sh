#!/usr/bin/env bash
# The man page limber(1) stays in step with --help.
#   tests/man_test.sh in-step LIMBER MANPAGE   every command, option and section
#   tests/man_test.sh render MANPAGE           renders without a warning (77: no groff/man)
set -uo pipefail
mode=$1
shift
fail=0
problem() { echo "FAIL: $*"; fail=1; }

if [ "$mode" = render ]; then
  page=$1
  if command -v groff >/dev/null; then
    out=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
    [ -z "$out" ] || problem "groff -man -ww warns: $out"
    text=$(groff -man -Tutf8 "$page" 2>/dev/null)
  elif command -v man >/dev/null; then
    out=$(man --warnings -l "$page" 2>&1 >/dev/null)
    [ -z "$out" ] || problem "man --warnings warns: $out"
    text=$(MANWIDTH=80 man -l "$page" 2>/dev/null)
  else
    echo "SKIP: neither groff nor man is installed"
    exit 77
  fi
  for section in NAME SYNOPSIS DESCRIPTION COMMANDS "GLOBAL OPTIONS" PROFILE FILES ENVIRONMENT "EXIT STATUS" EXAMPLES; do
    grep -q "^$section" <<<"$(sed 's/\x1b\[[0-9;]*m//g; s/.\x08//g' <<<"$text")" || problem "the rendered page has no $section section"
  done
  [ $fail -eq 0 ] && echo "limber(1) renders without warnings"
  exit $fail
fi

limber=$1
page=$2
[ -r "$page" ] || { echo "FAIL: cannot read $page"; exit 1; }
# The source with roff escapes removed: \- is -, fonts and \& vanish.
src=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\&//g' "$page")
mentions() { grep -qE -- "(^|[^A-Za-z0-9_-])$1([^A-Za-z0-9_-]|$)" <<<"$src"; }

main_help=$("$limber" --help) || problem "limber --help failed"
# Commands the binary has, from the "Subcommands:" block of --help.
commands=$(awk '/^Subcommands:/ {on=1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on=0}' <<<"$main_help")
[ -n "$commands" ] || problem "no subcommands found in limber --help"
# Every command of the contract has its section, whether built yet or not.
for cmd in $(printf "%s\n" recommend ask batch test lint explain list show schema $commands | sort -u); do
  grep -qE "^\.SS \"?limber $cmd( |\")" <<<"$src" || problem "no section '.SS limber $cmd' in $page"
done

options() {  # every long option and every short option of a --help text
  grep -oE -- '--[a-z][a-z-]*' <<<"$1"
  grep -oE -- '^ +-[a-zA-Z],' <<<"$1" | tr -d ' ,'
}
for opt in $(options "$main_help" | sort -u); do
  mentions "$opt" || problem "limber --help prints $opt, the man page does not"
done
for cmd in $commands; do
  help=$("$limber" "$cmd" --help) || { problem "limber $cmd --help failed"; continue; }
  grep -q "Example" <<<"$help" || problem "limber $cmd --help has no example"
  # The options of this command must be in its own section.
  section=$(awk -v c="$cmd" '$0 ~ "^\\.SS \"?limber " c "( |\")" {on=1; next} on && /^\.S[SH]/ {on=0} on' <<<"$src")
  for opt in $(options "$help" | sort -u); do
    [ "$opt" = --help ] || [ "$opt" = -h ] && continue
    grep -qE -- "(^|[^A-Za-z0-9_-])$opt([^A-Za-z0-9_-]|$)" <<<"$section" ||
      problem "limber $cmd --help prints $opt, the section 'limber $cmd' of the man page does not"
  done
done

# The version, the exit status and the environment.
version=$("$limber" --version | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1)
grep -qE "^\.TH LIMBER 1 .*\"limber $version\"" <<<"$src" || problem ".TH does not say limber $version"
exit_section=$(awk '/^\.SH EXIT STATUS/ {on=1; next} on && /^\.SH/ {on=0} on' <<<"$src")
for code in 0 1 2; do
  grep -qx "\.B $code" <<<"$exit_section" || problem "EXIT STATUS does not document $code"
done
grep -q "stop" <<<"$exit_section" || problem "EXIT STATUS does not say a stop answer is exit 0"
mentions NO_COLOR || problem "NO_COLOR is not documented"

[ $fail -eq 0 ] && echo "limber(1) documents:" $commands
exit $fail
