#!/usr/bin/env bash
# Every .fides file of the repository, globbed now (so files added later are
# covered too), must be in the canonical layout, except those excluded.txt
# lists: `fides fmt --check` names any that is not.
set -u
fides="$1"
root="$2"
cd "$root" || exit 1
mapfile -t patterns < <(sed -e 's/#.*//' -e 's/[[:space:]]*$//' tests/format/excluded.txt | grep .)
files=()
while IFS= read -r f; do
  skip=0
  for p in "${patterns[@]}"; do
    # shellcheck disable=SC2053  # the pattern is meant to match as a glob
    if [[ "$f" == $p ]]; then skip=1; break; fi
  done
  [ "$skip" = 0 ] && files+=("$f")
done < <(find stdlib examples tests bench -name '*.fides' -type f | sort)
if [ "${#files[@]}" -lt 100 ]; then
  echo "FAIL: only ${#files[@]} .fides files found under $root"
  exit 1
fi
if ! "$fides" fmt --check "${files[@]}"; then
  echo "FAIL: the files above are not in the canonical layout: run fides fmt on them"
  exit 1
fi
echo "format_repository: ${#files[@]} files in the canonical layout"
