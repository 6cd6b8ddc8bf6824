#!/usr/bin/env bash
# Times bench/scaling/visits.fides (whole-type aggregates) natively, built with
# access plans (the default) and without them (FIDES_SCAN_ONLY=1: every
# aggregate scans all rows per subject, the behaviour before access plans),
# at two sizes. Checks that both builds write identical findings.
#
#   bench/scaling/run-scaling.sh [--build DIR] [--small N] [--large N] [--threads N] [--work DIR]
#
# Defaults: --build build-scale, --small 5000, --large 20000 visits, --threads 1.
# The scan is quadratic, so keep --large modest (20000 visits ≈ 4·10^8 row visits per rule).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUILD="$ROOT/build-scale"; SMALL=5000; LARGE=20000; THREADS=1; WORK="$HERE/.work"
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD="$2"; shift 2;; --small) SMALL="$2"; shift 2;; --large) LARGE="$2"; shift 2;;
    --threads) THREADS="$2"; shift 2;; --work) WORK="$2"; shift 2;;
    -h|--help) sed -n 2,10p "$0"; exit 0;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
mkdir -p "$WORK"
FIDES="$BUILD/bin/fides"; SCORE="$BUILD/bin/fides-score"
"$FIDES" build "$HERE/visits.fides" -o "$WORK/planned.so" >/dev/null 2>&1
FIDES_SCAN_ONLY=1 "$FIDES" build "$HERE/visits.fides" -o "$WORK/scan.so" >/dev/null 2>&1
now() { date +%s.%N; }
printf '%-8s %-8s %10s %10s %10s\n' visits build wall_s rules_ms findings
for n in "$SMALL" "$LARGE"; do
  data="$WORK/data-$n"
  [ -f "$data/Visit.csv" ] || python3 "$HERE/gen_visits.py" --visits "$n" --out "$data"
  for kind in scan planned; do
    out="$WORK/out-$n-$kind"
    t0="$(now)"
    "$SCORE" "$WORK/$kind.so" --data "$data" --out "$out" --threads "$THREADS" >/dev/null 2>&1
    t1="$(now)"
    rules="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["timings"].get("rules_ms", ""))' "$out/run.json")"
    printf '%-8s %-8s %10.3f %10s %10s\n' "$n" "$kind" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')" \
      "$rules" "$(($(wc -l <"$out/findings.csv") - 1))"
  done
  cmp -s "$WORK/out-$n-scan/findings.csv" "$WORK/out-$n-planned/findings.csv" \
    && cmp -s "$WORK/out-$n-scan/errors.csv" "$WORK/out-$n-planned/errors.csv" \
    || { echo "findings/errors differ at $n visits" >&2; exit 1; }
done
