#!/usr/bin/env bash
# Formatting changes no pack and is idempotent, on every .fides file of the
# repository: a copy of stdlib/, examples/, tests/ and bench/ is formatted,
# then for every file that parsed
#   - `fides check --emit=ast` prints the same syntax tree as for the original,
#   - `fides check --format json` reports the same diagnostic codes (messages
#     may quote the source as written),
#   - a second `fides fmt --check` finds nothing to change;
# and the standard library's and the examples' test blocks still pass.
set -u
fides="$1"
root="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export FIDES_CACHE_DIR="$work/cache"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

cp -a "$root/stdlib" "$root/examples" "$root/tests" "$root/bench" "$work/"
cd "$work" || exit 1
mapfile -t all < <(find stdlib examples tests bench -name '*.fides' -type f | sort)
formatted=()
for f in "${all[@]}"; do
  if "$fides" fmt "$f" >/dev/null 2>&1; then formatted+=("$f"); fi
done
if [ "${#formatted[@]}" -lt 200 ]; then fail "only ${#formatted[@]} of ${#all[@]} files could be formatted"; fi

"$fides" fmt --check "${formatted[@]}" || fail "a second fides fmt would change the files above"

# The syntax tree and the diagnostic codes of a file.
describe() {
  (cd "$1" && "$fides" check --emit=ast --stdlib stdlib "$2" 2>/dev/null
   "$fides" check --format json --stdlib stdlib "$2" 2>/dev/null | grep -o '"code":"E[0-9]*"')
}
changed=0
for f in "${formatted[@]}"; do
  if [ "$(describe "$root" "$f")" != "$(describe "$work" "$f")" ]; then
    fail "formatting $f changed its syntax tree or diagnostic codes"
    changed=$((changed + 1))
  fi
done

for main in stdlib/std/main.fides examples/*/main.fides tests/check/ok_every_construct.fides; do
  "$fides" test --stdlib stdlib "$main" >"$work/test.out" 2>&1 || { fail "fides test $main after formatting:"; cat "$work/test.out"; }
done

echo "format_preserves_packs: ${#formatted[@]} files formatted, $changed changed meaning, $failures failure(s)"
[ "$failures" = 0 ]
