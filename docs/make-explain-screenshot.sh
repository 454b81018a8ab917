#!/usr/bin/env bash
# Regenerate docs/explain-seed.png: the explain report of the seed page, as headless Chromium draws
# it, whole page at 1000 px wide, reduced to 64 colours (needs chromium and pngquant).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python -m cleantext explain examples/news.txt -o "$tmp/report.html"
browse() {
  timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
    --user-data-dir="$tmp/profile" "$@" 2>/dev/null
}
# the page's height, measured by a probe copy (the report itself allows no script)
sed -e 's#<meta http-equiv="Content-Security-Policy"[^>]*>##' \
    -e 's#</body>#<script>document.body.dataset.h=document.documentElement.scrollHeight</script></body>#' \
    "$tmp/report.html" > "$tmp/probe.html"
height=$(browse --window-size=1000,1000 --dump-dom "file://$tmp/probe.html" | grep -o 'data-h="[0-9]*"' | tr -dc 0-9)
browse --window-size="1000,$height" --screenshot="$tmp/full.png" "file://$tmp/report.html"
pngquant --force --nofs --output docs/explain-seed.png 64 "$tmp/full.png"
ls -l docs/explain-seed.png
