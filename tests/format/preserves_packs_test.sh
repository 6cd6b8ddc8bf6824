#!/usr/bin/env bash
# Formatting changes no pack and is idempotent, on every .fides file of the
# repository: a copy of stdlib/, examples/, tests/ and bench/ is formatted,
# then for every file that parsed a second `fides fmt --check` finds nothing
# to change, and for every file that formatting changed
#   - `fides check --emit=ast` prints the same syntax tree as for the original,
#   - `fides check --format json` reports the same diagnostic codes (messages
#     may quote the source as written),
# and the test blocks of the standard library and of each example with a
# changed file still pass. The repository itself is formatted
# (format_repository), so the files that change are the golden layout tests'
# inputs (ugly on purpose) and any file not yet formatted; comparing the
# unchanged ones would compare a file with itself, at a few hundred
# compiler runs (minutes in the sanitizer build).
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
# One fmt for all files (a process each costs minutes in the sanitizer
# build); the files it refuses are named on stderr.
"$fides" fmt "${all[@]}" >/dev/null 2>"$work/refused.txt"
[ $? -le 1 ] || fail "fides fmt crashed: $(tail -5 "$work/refused.txt")"
formatted=()
for f in "${all[@]}"; do
  grep -qxF "$f: not formatted, left as it is" "$work/refused.txt" || formatted+=("$f")
done
if [ "${#formatted[@]}" -lt 200 ]; then fail "only ${#formatted[@]} of ${#all[@]} files could be formatted"; fi

"$fides" fmt --check "${formatted[@]}" || fail "a second fides fmt would change the files above"

# The syntax tree and the diagnostic codes of a file.
describe() {
  (cd "$1" && "$fides" check --emit=ast --stdlib stdlib "$2" 2>/dev/null
   "$fides" check --format json --stdlib stdlib "$2" 2>/dev/null | grep -o '"code":"E[0-9]*"')
}
changed=0
touched=()
for f in "${formatted[@]}"; do
  cmp -s "$root/$f" "$work/$f" && continue
  touched+=("$f")
  if [ "$(describe "$root" "$f")" != "$(describe "$work" "$f")" ]; then
    fail "formatting $f changed its syntax tree or diagnostic codes"
    changed=$((changed + 1))
  fi
done

for main in stdlib/std/main.fides examples/*/main.fides tests/check/ok_every_construct.fides; do
  folder=$(dirname "$main")
  [ "$main" = tests/check/ok_every_construct.fides ] && folder=$main
  printf '%s\n' "${touched[@]}" | grep -q "^$folder" || continue
  "$fides" test --stdlib stdlib "$main" >"$work/test.out" 2>&1 || { fail "fides test $main after formatting:"; cat "$work/test.out"; }
done

echo "format_preserves_packs: ${#formatted[@]} files formatted, ${#touched[@]} changed by it, $changed changed meaning, $failures failure(s)"
if [ "${#touched[@]}" -lt 5 ]; then fail "only ${#touched[@]} files changed: the golden layout tests' inputs should"; fi
[ "$failures" = 0 ]
