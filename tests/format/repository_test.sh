#!/usr/bin/env bash
# Every .fides file of the repository (repository_files.sh: globbed now, in
# every folder, but those excluded.txt lists) must be in the canonical layout:
# `fides fmt --check` names any that is not.
set -u
fides="$1"
root="$2"
mapfile -t files < <(bash "$(dirname "$0")/repository_files.sh" "$root")
cd "$root" || exit 1
if [ "${#files[@]}" -lt 100 ]; then
  echo "FAIL: only ${#files[@]} .fides files found under $root"
  exit 1
fi
if ! "$fides" fmt --check "${files[@]}"; then
  echo "FAIL: the files above are not in the canonical layout: run fides fmt on them"
  exit 1
fi
echo "format_repository: ${#files[@]} files in the canonical layout"
