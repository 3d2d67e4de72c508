#!/usr/bin/env bash
# Checks Markdown files with markdownlint-cli2 (default rules, line length
# aside) and renders each with pandoc, failing on any warning.
# Exit 77 (skipped) when a tool is missing, so ctest says why.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tool=$1
shift
case "$tool" in
  markdownlint)
    bin="$here/tools/node_modules/.bin/markdownlint-cli2"
    [ -x "$bin" ] || { echo "SKIP: markdownlint-cli2 missing: run 'npm ci --prefix tests/tools'" >&2; exit 77; }
    "$bin" --config "$here/tools/.markdownlint-cli2.jsonc" "$@"
    ;;
  pandoc)
    command -v pandoc >/dev/null || { echo "SKIP: pandoc missing: apt-get install pandoc" >&2; exit 77; }
    for f in "$@"; do
      out=$(pandoc --fail-if-warnings -f commonmark_x -t html "$f" -o /dev/null 2>&1) || { echo "$f: $out" >&2; exit 1; }
      [ -z "$out" ] || { echo "$f: $out" >&2; exit 1; }
    done
    echo "pandoc rendered $# files without warnings"
    ;;
esac
