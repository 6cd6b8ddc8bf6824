#!/usr/bin/env bash
# example_test.sh FIDES EXAMPLE_DIR DATA_DIR: scores the example's credit files
# in DATA_DIR (tools/example-data.sh writes them) with the native pack (1 and 4
# threads) and with the interpreter; all must equal EXAMPLE_DIR/expected.
# FIDES_UPDATE_GOLDEN=1 rewrites expected/ from the native run.
set -u
fides="$1"; example="$2"; data="$3"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export FIDES_CACHE_DIR="$work/cache"
files="findings.csv scores.csv errors.csv rejects.csv"
passed=0; failed=0

run() {  # name, extra args
  local name="$1"; shift
  if ! "$fides" run "$example/main.fides" --data "$data" --out "$work/$name" --quiet "$@"; then
    echo "FAIL: fides run $* exited non-zero"; failed=$((failed + 1)); return 1
  fi
}
run native --threads 1 && run native4 --threads 4 && run interpreted --interpret --threads 2 || { echo "0 passed, $failed failed"; exit 1; }

if [ "${FIDES_UPDATE_GOLDEN:-}" = 1 ]; then
  mkdir -p "$example/expected"
  for f in $files; do cp "$work/native/$f" "$example/expected/$f"; done
  echo "rewrote $example/expected"
fi
for variant in native native4 interpreted; do
  for f in $files; do
    if cmp -s "$example/expected/$f" "$work/$variant/$f"; then passed=$((passed + 1))
    else echo "FAIL: $variant $f differs from expected:"; diff "$example/expected/$f" "$work/$variant/$f" | head -10; failed=$((failed + 1)); fi
  done
  if grep -q '"finished": true' "$work/$variant/run.json"; then passed=$((passed + 1))
  else echo "FAIL: $variant run.json is not finished"; failed=$((failed + 1)); fi
done
# Without --quiet a run ends with a summary for a person, on stdout.
summary=$("$fides" run "$example/main.fides" --data "$data" --out "$work/summary" 2>/dev/null)
if grep -q "^  findings: " <<<"$summary" && grep -q "^  inputs: " <<<"$summary"; then passed=$((passed + 1))
else echo "FAIL: no run summary on stdout: $summary"; failed=$((failed + 1)); fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
