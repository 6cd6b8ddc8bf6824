#!/usr/bin/env bash
# diff_test.sh FIDES DIR: `fides diff` of DIR/old and DIR/new (a threshold
# lowered, a rule removed, one added) on DIR/data must print exactly
# DIR/expected/diff.txt and write exactly DIR/expected/diff_*.csv; exit codes
# with and without --exit-code, and for usage errors and packs that cannot run.
# FIDES_UPDATE_GOLDEN=1 rewrites DIR/expected.
set -u
fides="$1"; dir="$2"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
passed=0; failed=0
check() {  # description, then the command that must succeed
  local what="$1"; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $what"; failed=$((failed + 1)); fi
}
status_of() { "$@" >"$work/stdout" 2>"$work/stderr"; echo $?; }

"$fides" build "$dir/old/main.fides" -o "$work/old.so" >/dev/null 2>&1 || { echo "FAIL: cannot build old"; exit 1; }
"$fides" build "$dir/new/main.fides" -o "$work/new.so" >/dev/null 2>&1 || { echo "FAIL: cannot build new"; exit 1; }

status=$(status_of "$fides" diff "$work/old.so" "$work/new.so" --data "$dir/data" --out "$work/out")
cp "$work/stdout" "$work/diff.txt"
if [ "${FIDES_UPDATE_GOLDEN:-}" = 1 ]; then
  mkdir -p "$dir/expected"
  cp "$work/diff.txt" "$work/out/diff_findings.csv" "$work/out/diff_scores.csv" "$dir/expected/"
  echo "rewrote $dir/expected"
fi
check "differing packs exit 0 without --exit-code (got $status)" [ "$status" = 0 ]
for f in diff.txt; do
  check "$f differs from expected: $(diff "$dir/expected/$f" "$work/$f" | head -10)" cmp -s "$dir/expected/$f" "$work/$f"
done
for f in diff_findings.csv diff_scores.csv; do
  check "$f differs from expected: $(diff "$dir/expected/$f" "$work/out/$f" | head -10)" \
    cmp -s "$dir/expected/$f" "$work/out/$f"
done

status=$(status_of "$fides" diff "$work/old.so" "$work/new.so" --data "$dir/data" --exit-code --threads 1)
check "differing packs exit 1 with --exit-code (got $status)" [ "$status" = 1 ]
check "the output does not depend on threads or --out" cmp -s "$work/stdout" "$work/diff.txt"
status=$(status_of "$fides" diff "$work/old.so" "$work/old.so" --data "$dir/data" --exit-code)
check "a pack against itself exits 0 with --exit-code (got $status)" [ "$status" = 0 ]
check "a pack against itself: no differences" grep -q '^no differences$' "$work/stdout"

# A parameter goes to each pack that declares it; one that neither declares is a mistake.
status=$(status_of "$fides" diff "$work/old.so" "$work/new.so" --data "$dir/data" --param 大额标准=2000)
check "--param goes to both packs: with one threshold R1 no longer differs" grep -q '^rules: 2 of 4 differ$' "$work/stdout"
check "… and R1 is not listed" bash -c "! grep -q 'R1 大额结算' '$work/stdout'"
status=$(status_of "$fides" diff "$work/old.so" "$work/new.so" --data "$dir/data" --param nope=1)
check "--param that neither pack declares exits 2 (got $status)" [ "$status" = 2 ]
check "… naming it" grep -q 'nope: neither pack declares it' "$work/stderr"
status=$(status_of "$fides" diff "$work/old.so" "$work/new.so")
check "no --data exits 2 (got $status)" [ "$status" = 2 ]
status=$(status_of "$fides" diff "$work/old.so" --data "$dir/data")
check "one pack only exits 2 (got $status)" [ "$status" = 2 ]
status=$(status_of "$fides" diff "$work/old.so" "$work/missing.so" --data "$dir/data")
check "a pack that cannot be opened exits 2 (got $status)" [ "$status" = 2 ]
check "… naming it" grep -q 'missing.so' "$work/stderr"
status=$(status_of "$fides" diff "$work/old.so" "$work/new.so" --data "$work/nodata")
check "data that cannot be read exits 2 (got $status)" [ "$status" = 2 ]
status=$(status_of "$fides" diff "$work/old.so" "$work/new.so" --data "$dir/data" --out "$dir/data/out")
check "--out inside --data exits 2 (got $status)" [ "$status" = 2 ]

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
