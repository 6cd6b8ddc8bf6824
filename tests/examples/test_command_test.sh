#!/usr/bin/env bash
# test_command_test.sh FIDES EXAMPLE_DIR: `fides test` passes on the example,
# and fails with a clear message once one expected amount is changed.
set -u
fides="$1"; example="$2"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export FIDES_CACHE_DIR="$work/cache"
passed=0; failed=0
check() { if eval "$2"; then passed=$((passed + 1)); else echo "FAIL: $1"; failed=$((failed + 1)); fi; }

out=$("$fides" test "$example/main.fides" 2>&1); status=$?
check "fides test passes on the example (exit $status)" '[ $status = 0 ]'
check "it reports its tally" 'grep -q "^[0-9]* passed, 0 failed$" <<<"$out"'

cp -r "$example" "$work/changed"
tests_file=$(grep -l 'expect hit .* amount ' "$work/changed"/*.fides | head -1)
sed -i '0,/\(expect hit [^ ]* on "[^"]*"\) amount [0-9.]*/s//\1 amount 98765.43/' "$tests_file"
out=$("$fides" test "$work/changed/main.fides" 2>&1); status=$?
check "a changed expectation fails (exit $status)" '[ $status = 1 ]'
check "the failure names the test" 'grep -q "^FAILED  " <<<"$out"'
check "the failure says what was expected and what came out" \
  'grep -q "amount 98765.43: the amount is [0-9]*\.[0-9][0-9]" <<<"$out"'
[ "$failed" = 0 ] || echo "$out"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
