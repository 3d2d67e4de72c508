#!/usr/bin/env bash
# The golden HTML handouts in headless Chromium: each loads nothing from
# outside the file (no src/href/url()/script/link in it, and Chromium's
# network log shows no request), prints to PDF, and a routine of up to 8
# steps and 10 minutes prints on at most 2 A4 pages (pdfinfo; a plan, with
# its weeks and check-ins too: HTML_MAX_PAGES=3). One phone-size screenshot
# is taken too.
# Usage: tests/html_test.sh FILE.html...     (77: chromium or pdfinfo missing)
set -uo pipefail
command -v chromium >/dev/null || { echo "SKIP: chromium missing (scripts/deps test)"; exit 77; }
command -v pdfinfo >/dev/null || { echo "SKIP: pdfinfo missing (poppler-utils)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
problem() { echo "FAIL: $*"; fail=1; }
chrome() {
  timeout 60 chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$tmp/profile" \
    --disable-background-networking --disable-features=NetworkTimeServiceQuerying --disable-component-update --disable-sync --no-default-browser-check \
    --proxy-server=127.0.0.1:9 --host-resolver-rules="MAP * ~NOTFOUND" "$@" >/dev/null 2>&1
}
first=1
for html in "$@"; do
  name=$(basename "$html")
  if grep -qiE '<(script|link|iframe|object|embed|img)\b|\b(src|href|srcset|action)=|url\(|@import' "$html"; then
    problem "$name refers to something outside the file: $(grep -oiE '<(script|link|iframe|object|embed|img)\b|\b(src|href|srcset|action)=|url\(|@import' "$html" | head -3 | tr '\n' ' ')"
  fi
  pdf=$tmp/${name%.html}.pdf
  chrome --no-pdf-header-footer --log-net-log="$tmp/net.json" --print-to-pdf="$pdf" "file://$(realpath "$html")"
  [ -s "$pdf" ] || { problem "$name: chromium printed no PDF"; continue; }
  # Chromium's own housekeeping (component updates, network time) is not the page's.
  page_requests=$(grep -oE '"url":"(https?|wss?|ftp)://[^"/]*' "$tmp/net.json" 2>/dev/null |
    grep -vE '://(update\.googleapis\.com|(clients[0-9]*|accounts)\.google\.com|[a-z0-9.-]*\.gvt1\.com|safebrowsing[a-z.]*\.google(apis)?\.com)$' || true)
  [ -z "$page_requests" ] || problem "$name: the page requested $(head -1 <<<"$page_requests")"
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  size=$(pdfinfo "$pdf" | awk '/^Page size:/ {print $3 "x" $5}')
  steps=$(grep -c 'class="step"' "$html")
  case $size in 59[45]*x84[12]*) ;; *) problem "$name: page size $size pt is not A4" ;; esac
  max_pages=${HTML_MAX_PAGES:-2}
  if [ "$steps" -le 8 ] && [ "$pages" -gt "$max_pages" ]; then problem "$name: $steps steps print on $pages pages (at most $max_pages)"; fi
  echo "$name: $steps steps, $pages A4 pages"
  if [ $first -eq 1 ]; then
    chrome --window-size=390,1600 --screenshot="$tmp/phone.png" "file://$(realpath "$html")"
    [ -s "$tmp/phone.png" ] || problem "$name: no screenshot"
    first=0
  fi
done
exit $fail
