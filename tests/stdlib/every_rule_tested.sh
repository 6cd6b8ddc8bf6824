#!/usr/bin/env bash
# Every rule of the standard library has at least one test where it must fire
# (`expect hit ID`) and one where it must not (`expect no hit ID`), at its
# boundary; a library of fewer than 40 rules fails too (issue: at least 40).
set -u
std="$1"
failures=0
rules=$(grep -ho '^rule [A-Za-z0-9_]*' "$std"/*.fides | awk '{print $2}' | sort -u)
count=$(wc -w <<<"$rules")
if [ "$count" -lt 40 ]; then echo "FAIL: $count rules, expected at least 40"; failures=$((failures + 1)); fi
for id in $rules; do
  if ! grep -qE "expect hit $id( |$)" "$std"/tests/*.fides; then
    echo "FAIL: $id has no test where it fires"; failures=$((failures + 1))
  fi
  if ! grep -qE "expect (no hit $id( |$)|count $id == 0)" "$std"/tests/*.fides; then
    echo "FAIL: $id has no test where it must not fire"; failures=$((failures + 1))
  fi
done
echo "stdlib: $count rules, $failures failure(s)"
[ "$failures" = 0 ]
