#!/usr/bin/env bash
# The `fides check` command line: exit codes 0 clean, 1 errors, 2 usage; JSON output.
set -u
fides="$1"
failures=0
expect_exit() {
  local want="$1"; shift
  "$fides" "$@" >/dev/null 2>&1
  local got=$?
  if [ "$got" != "$want" ]; then echo "FAIL: fides $* exited $got, expected $want"; failures=$((failures + 1)); fi
}
expect_exit 0 check ok_every_construct.fides
expect_exit 1 check fail_unknown_field.fides
expect_exit 2 check
expect_exit 2 check --format xml ok_every_construct.fides
expect_exit 2 nonsense
expect_exit 1 check does_not_exist.fides

json=$("$fides" check --format json fail_unknown_field.fides 2>/dev/null)
if ! grep -q '"code":"E' <<<"$json" || ! grep -q '"file":"fail_unknown_field.fides"' <<<"$json"; then
  echo "FAIL: --format json printed: $json"; failures=$((failures + 1))
fi
lines=$(grep -c . <<<"$json")
objects=$(grep -c '^{.*}$' <<<"$json")
if [ "$lines" != "$objects" ]; then echo "FAIL: --format json is not one object per line"; failures=$((failures + 1)); fi

echo "check_cli: $((8 - failures)) passed, $failures failed"
[ "$failures" = 0 ]
