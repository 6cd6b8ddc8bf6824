#!/usr/bin/env bash
# Measured performance of the Hunan example pack: native (1 thread, all
# cores) against the reference interpreter, at two data sizes, with the
# load / eval / write split from run.json and a per-rule breakdown.
#
#   bench/run-bench.sh                 # 100k and 1M fee lines (~5 min on 2 cores)
#   bench/run-bench.sh --quick         # 20k and 80k fee lines
#   bench/run-bench.sh --sizes 50000,500000 --no-per-rule
#
# Writes bench/RESULTS.md (unless --no-results) and keeps the raw run.json of
# every run under the work folder (default bench/.work). See bench/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
COMMAND="bench/run-bench.sh${*:+ $*}"

SMALL=100000
LARGE=1000000
SMALL_RUNS=3
LARGE_RUNS=1
PER_RULE=1
PROFILE=auto
RULE_RUNS_LARGE=2
INTERP_LIMIT=300      # seconds: skip the interpreter at the large size if its extrapolated time exceeds this
WORK="$HERE/.work"
RESULTS="$HERE/RESULTS.md"
BUILD="$ROOT/build"
KEEP_DATA=1
ORG_COPIES=4

usage() {
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  cat <<EOF
options:
  --quick               sizes 20000,80000
  --sizes S,L           fee lines of the two sizes (default $SMALL,$LARGE)
  --runs-small N        repetitions at the small size, best kept (default $SMALL_RUNS)
  --runs-large N        repetitions at the large size (default $LARGE_RUNS)
  --no-per-rule         skip the single-rule packs
  --no-profile          skip the perf profile of one large native run (done when perf works)
  --rule-runs-large N   repetitions of each single-rule pack at the large size (default $RULE_RUNS_LARGE;
                        at the small size they follow --runs-small)
  --interp-limit S      skip the interpreter at the large size above S seconds (default $INTERP_LIMIT)
  --org-copies C        institution/doctor copies in the scaled data (default $ORG_COPIES)
  --work DIR            data, packs and raw results (default bench/.work)
  --build DIR           CMake build folder (default build)
  --results FILE        report file (default bench/RESULTS.md); --no-results to skip
  --drop-data           delete the generated data at the end
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) SMALL=20000; LARGE=80000 ;;
    --sizes) IFS=, read -r SMALL LARGE <<<"$2"; shift ;;
    --runs-small) SMALL_RUNS="$2"; shift ;;
    --runs-large) LARGE_RUNS="$2"; shift ;;
    --no-per-rule) PER_RULE=0 ;;
    --no-profile) PROFILE=0 ;;
    --rule-runs-large) RULE_RUNS_LARGE="$2"; shift ;;
    --interp-limit) INTERP_LIMIT="$2"; shift ;;
    --org-copies) ORG_COPIES="$2"; shift ;;
    --work) WORK="$2"; shift ;;
    --build) BUILD="$2"; shift ;;
    --results) RESULTS="$2"; shift ;;
    --no-results) RESULTS="" ;;
    --drop-data) KEEP_DATA=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run-bench.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

cd "$ROOT"
FIDES="$BUILD/bin/fides"
SCORE="$BUILD/bin/fides-score"
NPROC="$(nproc)"
RES="$WORK/results"
rm -rf "$RES"
mkdir -p "$WORK" "$RES" "$WORK/packs" "$WORK/out"
RUNS="$RES/runs.tsv"
printf 'size\tlines\tvariant\titer\twall_s\trss_kb\tjson\n' >"$RUNS"

log() { printf '== %s\n' "$*" >&2; }
now() { date +%s.%N; }
TIME_BIN=""
if [ -x /usr/bin/time ]; then TIME_BIN=/usr/bin/time; fi

# timed SIZE LINES VARIANT ITER -- command...   (the command writes OUT/run.json)
timed() {
  local size="$1" lines="$2" variant="$3" iter="$4"; shift 5
  local out="$WORK/out/$size.$variant"
  rm -rf "$out"
  local t0 t1 rss=""
  t0="$(now)"
  if [ -n "$TIME_BIN" ]; then
    "$TIME_BIN" -f '%M' -o "$RES/rss.tmp" "$@" --out "$out" --quiet >/dev/null
    rss="$(tail -n1 "$RES/rss.tmp")"
  else
    "$@" --out "$out" --quiet >/dev/null
  fi
  t1="$(now)"
  local json="$RES/$size.$variant.$iter.json"
  cp "$out/run.json" "$json"
  local wall
  wall="$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$lines" "$variant" "$iter" "$wall" "$rss" "$json" >>"$RUNS"
  printf '   %-7s %-16s run %s: %8.3f s\n' "$size" "$variant" "$iter" "$wall" >&2
}

STARTED="$(now)"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

log "building fides and fides-score ($BUILD)"
BUILD_NOTE="rebuilt by cmake --build before the run"
if ! cmake --build "$BUILD" --target fides fides-score >"$RES/cmake.log" 2>&1; then
  if [ -x "$BUILD/bin/fides" ] && [ -x "$BUILD/bin/fides-score" ]; then
    BUILD_NOTE="cmake --build FAILED (see $RES/cmake.log); measured the existing binaries"
    log "WARNING: $BUILD_NOTE"
  else
    cat "$RES/cmake.log" >&2; exit 1
  fi
fi
# Snapshot the binaries so a concurrent rebuild cannot change them mid-run.
mkdir -p "$WORK/bin"
cp "$BUILD/bin/fides" "$BUILD/bin/fides-score" "$WORK/bin/"
BUILD_NOTE="$BUILD_NOTE; binaries of $(date -r "$BUILD/bin/fides-score" '+%Y-%m-%d %H:%M'), copied to the work folder"
FIDES="$WORK/bin/fides"
SCORE="$WORK/bin/fides-score"

log "fides build examples/hunan/main.fides"
t0="$(now)"
"$FIDES" build examples/hunan/main.fides -o "$WORK/hunan.so" >/dev/null
BUILD_S="$(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.3f", b-a}')"

# How much parallel CPU the machine really gives: the same CPU-bound loop once
# alone and then NPROC times at once (1.0 = one core's worth, NPROC = all).
log "machine probe: CPU-bound loop, 1 and $NPROC at once"
probe() { python3 -c 'import time
t=time.perf_counter(); s=0
for i in range(6_000_000): s+=i*i
print(time.perf_counter()-t)'; }
t0="$(now)"; probe >/dev/null; P1="$(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.3f", b-a}')"
t0="$(now)"
for _ in $(seq "$NPROC"); do probe >/dev/null & done
wait
PN="$(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.3f", b-a}')"
printf 'probe\t%s\t%s\n' "$P1" "$PN" >"$RES/probe.tsv"

gen() {  # gen TAG LINES
  local dir="$WORK/data-$1"
  log "scale_data.py --lines $2 -> $dir"
  local t0; t0="$(now)"
  python3 "$HERE/scale_data.py" --lines "$2" --org-copies "$ORG_COPIES" --out "$dir" --quiet
  printf 'gen\t%s\t%s\t%s\n' "$1" "$2" "$(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.3f", b-a}')" >>"$RES/gen.tsv"
}
: >"$RES/gen.tsv"
gen small "$SMALL"
gen large "$LARGE"

bench_size() {  # bench_size TAG LINES RUNS
  local tag="$1" lines="$2" runs="$3" data="$WORK/data-$1" i
  log "size $tag ($lines fee lines requested): native 1 thread, native $NPROC threads, interpreter"
  for i in $(seq "$runs"); do
    timed "$tag" "$lines" native-1 "$i" -- "$SCORE" "$WORK/hunan.so" --data "$data" --threads 1
    timed "$tag" "$lines" "native-$NPROC" "$i" -- "$SCORE" "$WORK/hunan.so" --data "$data" --threads "$NPROC"
  done
  local interp_runs="$runs"
  if [ "$tag" = large ]; then
    # extrapolate from the best small interpreter run
    local best est
    best="$(awk -F'\t' '$1=="small" && $3=="interp-1" {print $5}' "$RUNS" | sort -g | head -n1)"
    est="$(awk -v b="$best" -v s="$SMALL" -v l="$LARGE" 'BEGIN{printf "%.0f", b*l/s*1.5}')"
    if [ "$est" -gt "$INTERP_LIMIT" ]; then
      log "interpreter skipped at the large size (estimated ${est}s > --interp-limit $INTERP_LIMIT)"
      interp_runs=0
    fi
  fi
  for i in $(seq "$interp_runs"); do
    timed "$tag" "$lines" interp-1 "$i" -- "$FIDES" run examples/hunan/main.fides --interpret --data "$data" --threads 1
  done
}
bench_size small "$SMALL" "$SMALL_RUNS"
bench_size large "$LARGE" "$LARGE_RUNS"

if [ "$PER_RULE" = 1 ]; then
  log "single-rule packs (bench/rule_packs.py), native, 1 thread"
  RULES="$(python3 "$HERE/rule_packs.py" --out "$WORK/packs")"
  for r in $RULES; do
    "$FIDES" build "$WORK/packs/$r.fides" -o "$WORK/packs/$r.so" --allow-path "$ROOT/examples/hunan" >/dev/null 2>"$RES/build-$r.log" || {
      cat "$RES/build-$r.log" >&2; exit 1; }
    for i in $(seq "$SMALL_RUNS"); do
      timed small "$SMALL" "rule-$r" "$i" -- "$SCORE" "$WORK/packs/$r.so" --data "$WORK/data-small" --threads 1
    done
    for i in $(seq "$RULE_RUNS_LARGE"); do
      timed large "$LARGE" "rule-$r" "$i" -- "$SCORE" "$WORK/packs/$r.so" --data "$WORK/data-large" --threads 1
    done
  done
fi

# Where the time goes inside one large native run (1 thread), by function.
if [ "$PROFILE" = auto ] && command -v perf >/dev/null 2>&1 &&
   perf record -q -o "$RES/perf.data" -F 999 -- true >/dev/null 2>&1; then
  log "perf profile: large size, native, 1 thread"
  perf record -q -o "$RES/perf.data" -F 999 -- "$SCORE" "$WORK/hunan.so" --data "$WORK/data-large" \
    --out "$WORK/out/profile" --threads 1 --quiet >/dev/null 2>&1 || true
  { perf report -i "$RES/perf.data" --no-children --sort dso,symbol --stdio -g none 2>/dev/null || true; } |
    grep '%' | sed 's/  */ /g; s/ - - *$//' | sed -n '1,25p' >"$RES/profile.txt" || true
  { perf report -i "$RES/perf.data" --no-children --sort dso --stdio -g none 2>/dev/null || true; } |
    grep '%' | sed 's/  */ /g' >"$RES/profile-dso.txt" || true
  rm -f "$RES/perf.data" "$RES/perf.data.old"
fi

LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
ELAPSED="$(awk -v a="$STARTED" -v b="$(now)" 'BEGIN{printf "%.0f", b-a}')"

python3 "$HERE/report.py" --runs "$RUNS" --results-dir "$RES" \
  --command "$COMMAND" --nproc "$NPROC" --build-s "$BUILD_S" \
  --build-note "$BUILD_NOTE" --load-before "$LOAD_BEFORE" --load-after "$LOAD_AFTER" --elapsed "$ELAPSED" \
  ${RESULTS:+--write "$RESULTS"}

if [ "$KEEP_DATA" = 0 ]; then rm -rf "$WORK/data-small" "$WORK/data-large" "$WORK/out"; fi
