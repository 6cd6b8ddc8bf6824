#!/usr/bin/env bash
# browser_test.sh FIDES DIR PYTHON: the report page of DIR/pack, opened in
# headless Chromium (Debian's `chromium`), renders without a console error
# or a failed request, and its screenshot matches DIR/expected/screenshot.png
# within a tolerance (compare_screenshot.py; PYTHON must have PIL).
# FIDES_UPDATE_GOLDEN=1 rewrites the screenshot. Exit 77 (skipped) without chromium.
set -u
fides="$1"; dir="$2"; python="$3"
command -v chromium >/dev/null || { echo "chromium is not installed (tools/setup.sh installs it)"; exit 77; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export FIDES_CACHE_DIR="$work/cache" HOME="$work"
"$fides" run "$dir/pack/main.fides" --data "$dir/data" --out "$work/out" --interpret --quiet &&
  "$fides" report "$work/out" -o "$work/report.html" || { echo "FAIL: cannot make the report"; exit 1; }
browser() {
  timeout 120 chromium --headless --disable-gpu --no-sandbox --hide-scrollbars --user-data-dir="$work/profile" \
    --enable-logging=stderr --v=0 "$@" "file://$work/report.html"
}
passed=0; failed=0
check() {
  local what="$1"; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $what"; failed=$((failed + 1)); fi
}
browser --window-size=1280,2000 --screenshot="$work/shot.png" >"$work/stdout" 2>"$work/console.log"
check "chromium wrote a screenshot" test -s "$work/shot.png"
check "no console message or failed load: $(grep -E 'CONSOLE|Uncaught|ERR_' "$work/console.log" | head -5)" \
  bash -c "! grep -Eq 'CONSOLE|Uncaught|ERR_FILE|ERR_BLOCKED' '$work/console.log'"
browser --dump-dom >"$work/dom.html" 2>/dev/null
check "the rendered page has its title, sections and charts" \
  bash -c "grep -q '<h1>医保基金监管报告</h1>' '$work/dom.html' && grep -q '抽查名单' '$work/dom.html' &&
           [ \$(grep -o '<svg' '$work/dom.html' | wc -l) -ge 10 ]"
check "the screenshot matches the golden one" "$python" "$dir/compare_screenshot.py" "$work/shot.png" \
  "$dir/expected/screenshot.png"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
