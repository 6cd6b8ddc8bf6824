#!/usr/bin/env bash
# chain_scaling.sh front|build FIDES: long operator chains (spec 9.11).
#   front: with the default 8 MiB stack, `fides check` (also with --emit=ast) and the interpreter
#          (`fides run --interpret`) handle chains just under the 100,000-node
#          limit for +, and, ?? (no recursion along a chain), and a
#          100,000-term chain is error E0065, not a signal.
#   build: `fides build` of a 20,000-term rule takes at most 20 times as
#          long as of a 2,000-term rule (n log n would be about 13 times).
set -euo pipefail
unset LC_ALL LC_MESSAGES LANG  # the messages in English, whatever the caller's locale
mode=$1
fides=$2
here="$(cd "$(dirname "$0")" && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ulimit -s 8192

pack() { python3 "$here/chain_pack.py" "$1" "$2" > "$work/$1_$2.fides"; echo "$work/$1_$2.fides"; }

if [ "$mode" = front ]; then
  mkdir -p "$work/data"
  printf 'id,a,m,k\nc1,3,1.5,\nc2,0,2.25,4\n' > "$work/data/Claim.csv"
  # Terms per kind that stay under 100,000 nodes, and the findings expected.
  for spec in add:33000:1 addint:33000:1 and:16000:2 coalesce:33000:1; do
    IFS=: read -r kind n want <<< "$spec"
    f=$(pack "$kind" "$n")
    "$fides" check "$f" > "$work/check.txt" 2>&1 || { echo "FAIL: check of $kind × $n"; head -c 2000 "$work/check.txt"; exit 1; }
    "$fides" check "$f" --emit=ast > /dev/null 2>&1 || { echo "FAIL: --emit=ast of $kind × $n"; exit 1; }
    "$fides" run "$f" --data "$work/data" --out "$work/out_$kind" --interpret > "$work/run.txt" 2>&1 \
      || { echo "FAIL: interpreted run of $kind × $n"; head -c 2000 "$work/run.txt"; exit 1; }
    got=$(($(wc -l < "$work/out_$kind/findings.csv") - 1))
    [ "$got" = "$want" ] || { echo "FAIL: $kind × $n: $got findings, expected $want"; exit 1; }
    echo "ok: $kind × $n checked and interpreted ($got findings)"
  done
  for kind in add and coalesce; do
    f=$(pack "$kind" 100000)
    set +e
    "$fides" check "$f" > "$work/check.txt" 2>&1
    rc=$?
    set -e
    [ "$rc" = 1 ] && grep -q 'error\[E0065\]' "$work/check.txt" \
      || { echo "FAIL: $kind × 100000: exit $rc, expected 1 with E0065"; head -c 2000 "$work/check.txt"; exit 1; }
    echo "ok: $kind × 100000 is E0065"
  done
  exit 0
fi

seconds() {
  local start end
  start=$(date +%s.%N)
  "$fides" build "$1" -o "$work/pack.so" > /dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
status=0
for kind in add addint and coalesce; do
  small=$(seconds "$(pack "$kind" 2000)")
  large=$(seconds "$(pack "$kind" 20000)")
  ratio=$(echo "$large / $small" | bc -l)
  printf '%s: 2,000 terms %.2f s, 20,000 terms %.2f s, ratio %.1f\n' "$kind" "$small" "$large" "$ratio"
  if (( $(echo "$ratio > 20" | bc -l) )); then echo "FAIL: $kind grows faster than n log n"; status=1; fi
done
exit $status
