#!/usr/bin/env bash
# repository_files.sh ROOT: the .fides files of the repository that must be in
# the canonical layout, one a line, relative to ROOT: every one, globbed now
# (so files added later, in any folder, are covered too), but those
# excluded.txt lists. In a git checkout that is the files git tracks or would
# add (what .gitignore leaves out, such as the packs bench/.work and build
# trees hold, is not the repository's); elsewhere every file but build trees
# (a folder holding CMakeCache.txt). Used by repository_test.sh and
# respacing_test.py.
set -u
cd "$1" || exit 1
mapfile -t patterns < <(sed -e 's/#.*//' -e 's/[[:space:]]*$//' tests/format/excluded.txt | grep .)
while IFS= read -r f; do
  skip=0
  for p in "${patterns[@]}"; do
    # shellcheck disable=SC2053  # the pattern is meant to match as a glob
    if [[ "$f" == $p ]]; then skip=1; break; fi
  done
  [ "$skip" = 0 ] && printf '%s\n' "$f"
done < <(
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -c core.quotePath=false ls-files --cached --others --exclude-standard -- '*.fides' | while IFS= read -r g; do
      [ -f "$g" ] && printf '%s\n' "$g"
    done
  else
    find . \( -name .git -o -exec test -e '{}/CMakeCache.txt' \; \) -prune -o -name '*.fides' -type f -print | sed 's|^\./||'
  fi | LC_ALL=C sort)
