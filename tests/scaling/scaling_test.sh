#!/usr/bin/env bash
# scaling_test.sh FIDES FIDES_SCORE FIDES_GEN [options]: evaluation time of the
# example pack must grow no faster than about n log n.
#
# Builds the pack natively, writes credit files in the standard schema with
# fides-gen (tools/gen, seed 1) at two sizes a factor of four apart (--lines N
# and 4N fee lines; persons, visits and settlements grow with them, institutions
# and staff more slowly, as in a real province), and scores each size --runs
# times with --threads 1. From each run's run.json it takes the evaluation
# strata of `timings` (every *_ms entry except total_ms, write_ms and the
# loading ones, load_ms and its parts load_*_ms: groups_ms, rules_ms,
# findings_view_ms, rules_using_hits_ms, all_findings_view_ms, scorecards_ms —
# whichever the host wrote) and keeps the best (smallest) sum.
#
#   growth = (t_large / t_small) / (fee lines large / fee lines small)
#
# is ~1 for linear work, ~1.1–1.3 for n log n (plus cache effects), ~4 for quadratic.
# The test fails when growth >= --threshold (default 2.0). Loading (load_ms: CSV
# parsing and index building) is held to the same bound.
#
# Options:
#   --pack MAIN.fides   pack to build (default examples/hunan/main.fides), over std/schema.fides
#   --lines N           small size in fee lines (default 100000; the large size is 4N)
#   --runs N            runs per size, best kept (default 3)
#   --threshold X       failing growth (default 2.0)
#   --work DIR          keep generated data and outputs in DIR (default: a temp dir, removed)
set -euo pipefail
fides="$1"; score="$2"; gen="$3"; shift 3
root="$(cd "$(dirname "$0")/../.." && pwd)"
pack="$root/examples/hunan/main.fides"; lines=100000; runs=3; threshold=2.0; work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --pack) pack="$2"; shift 2;; --lines) lines="$2"; shift 2;; --runs) runs="$2"; shift 2;;
    --threshold) threshold="$2"; shift 2;; --work) work="$2"; shift 2;;
    *) echo "scaling_test.sh: unknown option $1" >&2; exit 2;;
  esac
done
if [ -z "$work" ]; then work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; else mkdir -p "$work"; fi
export FIDES_CACHE_DIR="$work/cache"

"$fides" build "$pack" -o "$work/pack.so" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

# measure SIZE_NAME LINES: prints "lines eval_ms load_ms findings strata" of the best run
measure() {
  local name="$1" n="$2" data="$work/data-$1"
  "$gen" --lines "$n" --seed 1 --out "$data" --quiet
  for r in $(seq 1 "$runs"); do
    "$score" "$work/pack.so" --data "$data" --out "$work/out-$name-$r" --threads 1 --quiet
  done
  python3 - "$data" "$work" "$name" "$runs" <<'EOF'
import json, sys
data, work, name, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
NOT_EVAL = {"load_ms", "write_ms", "total_ms"}
best = None
for r in range(1, runs + 1):
    run = json.load(open(f"{work}/out-{name}-{r}/run.json", encoding="utf-8"))
    assert run.get("finished") is True, "run.json not finished"
    t = run["timings"]
    strata = {k: v for k, v in t.items()
              if k.endswith("_ms") and k not in NOT_EVAL and not k.startswith("load_")}
    ev = sum(strata.values())
    if best is None or ev < best[0]:
        best = (ev, strata)
    load = min(load, t["load_ms"]) if r > 1 else t["load_ms"]
lines = sum(i["rows"] for i in run["inputs"] if i["record"] == "FeeLine")
findings = sum(x["findings"] for x in run["rules"])
print(lines, "%.3f" % best[0], "%.3f" % load, findings,
      ",".join("%s=%.3f" % kv for kv in best[1].items()))
EOF
}

small=$(measure small "$lines")
large=$(measure large $((lines * 4)))
read -r l_small e_small d_small f_small s_small <<<"$small"
read -r l_large e_large d_large f_large s_large <<<"$large"

python3 - "$threshold" "$runs" "$l_small" "$e_small" "$d_small" "$f_small" "$s_small" \
                         "$l_large" "$e_large" "$d_large" "$f_large" "$s_large" <<'EOF'
import sys
threshold, runs = float(sys.argv[1]), sys.argv[2]
small, large = sys.argv[3:8], sys.argv[8:13]
def parse(v):
    lines, ev, load, findings, strata = v
    return int(lines), float(ev), float(load), int(findings), dict(
        (k, float(x)) for k, x in (s.split("=") for s in strata.split(",") if s))
ls, es, ds, fs, ss = parse(small)
ll, el, dl, fl, sl = parse(large)
n = ll / ls
print(f"scaling: best of {runs} runs, --threads 1; size ratio {n:.2f} (fee lines {ls} -> {ll}), "
      f"findings {fs} -> {fl}")
print(f"  {'timing':22} {'small ms':>10} {'large ms':>10} {'growth':>8}")
for k in ss:
    g = (sl[k] / ss[k]) / n if ss[k] > 0 else float("nan")
    print(f"  {k:22} {ss[k]:10.3f} {sl[k]:10.3f} {g:8.2f}")
ge = (el / es) / n if es > 0 else float("inf")
gd = (dl / ds) / n if ds > 0 else float("inf")
print(f"  {'evaluation (sum)':22} {es:10.3f} {el:10.3f} {ge:8.2f}")
print(f"  {'load_ms':22} {ds:10.3f} {dl:10.3f} {gd:8.2f}")
print(f"  growth = (t_large / t_small) / {n:.2f}; n log n is ~1.1-1.3, quadratic ~4; fails at >= {threshold}")
bad = []
if ge >= threshold:
    bad.append(f"evaluation time grows {ge:.2f}x faster than the data")
if gd >= threshold:
    bad.append(f"load time grows {gd:.2f}x faster than the data")
for b in bad:
    print("FAIL: " + b)
if not bad:
    print("PASS")
sys.exit(1 if bad else 0)
EOF
