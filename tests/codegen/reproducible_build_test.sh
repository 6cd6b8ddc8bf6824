#!/usr/bin/env bash
# `fides build` gives the same bytes for the same sources, compiler and flags:
# the standard library's pack and the Hunan example are built twice, from
# copies in different folders, from different working directories, to output
# paths of different names, with different caches, temporary folders, time
# zones and locales, and the two .so files are compared with cmp.
set -u
fides=$(readlink -f "$1")
root="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

mkdir -p "$work/a" "$work/b/much/deeper/tree" "$work/b/elsewhere" "$work/tmp-a" "$work/tmp-b"
cp -a "$root/stdlib" "$root/examples" "$work/a/"
cp -a "$root/stdlib" "$root/examples" "$work/b/much/deeper/tree/"

build() {  # build SIDE CWD MAIN OUTPUT [env…]
  local side="$1" cwd="$2" main="$3" out="$4"; shift 4
  (cd "$cwd" && env "$@" "$fides" build "$main" -o "$out" --stdlib "$side/stdlib" >/dev/null 2>"$work/err") ||
    { fail "fides build $main: $(cat "$work/err")"; return 1; }
}

for pack in stdlib/std/main.fides examples/hunan/main.fides; do
  name=$(echo "$pack" | tr / _)
  a="$work/a" b="$work/b/much/deeper/tree"
  build "$a" "$a" "$pack" "first.so" \
    FIDES_CACHE_DIR="$work/cache-a" TMPDIR="$work/tmp-a" TZ=UTC LANG=C || continue
  build "$b" "$work/b/elsewhere" "$b/$pack" "$work/b/$name.pack.so" \
    FIDES_CACHE_DIR="$work/cache-b" TMPDIR="$work/tmp-b" TZ=Asia/Shanghai LANG=zh_CN.UTF-8 || continue
  if cmp "$a/first.so" "$work/b/$name.pack.so"; then echo "ok  $pack: $(stat -c %s "$a/first.so") bytes, identical"
  else fail "$pack: the two builds differ"; fi
  # And once more in the first place: nothing varies from run to run either.
  build "$a" "$a" "$pack" "second.so" FIDES_CACHE_DIR="$work/cache-a" TMPDIR="$work/tmp-a" || continue
  cmp "$a/first.so" "$a/second.so" || fail "$pack: two builds in the same place differ"
done

echo "reproducible_build: $failures failure(s)"
[ "$failures" = 0 ]
