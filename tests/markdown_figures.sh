#!/usr/bin/env bash
# Markdown written to FILE.md links each step's figure in FILE-figures/ with
# a relative link; every link resolves to a well-formed SVG, the document is
# lint-clean (markdownlint-cli2, when installed), and Markdown to stdout
# links no figure.
# Usage: tests/markdown_figures.sh LIMBER PROFILE
set -uo pipefail
limber=$1
profile=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
problem() { echo "FAIL: $*"; fail=1; }
mkdir -p "$tmp/out dir"
"$limber" recommend "$profile" -o "$tmp/out dir/my routine.md" || { echo "FAIL: limber exited $?"; exit 1; }
links=$(grep -oE '^!\[Figure: [^]]*\]\(<[^>]*>\)' "$tmp/out dir/my routine.md" | sed -E 's/.*\(<(.*)>\)/\1/')
steps=$(grep -cE '^## [0-9]+\. ' "$tmp/out dir/my routine.md")
[ "$(wc -l <<<"$links")" -eq "$steps" ] || problem "$steps steps but $(wc -l <<<"$links") figure links"
while read -r link; do
  [ -n "$link" ] || continue
  f="$tmp/out dir/$link"
  [ -f "$f" ] || { problem "the link $link does not resolve"; continue; }
  if command -v xmllint >/dev/null; then xmllint --noout "$f" || problem "$link is not well-formed"; fi
done <<<"$links"
grep -q '^!\[' <("$limber" recommend "$profile" --format markdown) && problem "Markdown to stdout links figures it cannot write"
if [ -x "$here/tools/node_modules/.bin/markdownlint-cli2" ]; then
  "$here/markdown_tools.sh" markdownlint "$tmp/out dir/my routine.md" >/dev/null || problem "markdownlint: $("$here/markdown_tools.sh" markdownlint "$tmp/out dir/my routine.md" 2>&1 | tail -3)"
fi
[ $fail -eq 0 ] && echo "markdown figures: $steps steps, each links an SVG beside the document"
exit $fail
