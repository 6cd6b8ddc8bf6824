#!/usr/bin/env bash
# The side-by-side benchmark (issue 12): the standard library's native pack
# against the reference interpreter, DuckDB (plain and best SQL) and
# hand-written C++, on credit files from fides-gen in visit order and
# shuffled, plus compile times. Checks that every contender found the same
# findings on the rule subset (bench/subset.txt) before it reports a time.
#
#   bench/run.sh                     # 1M and 10M fee lines; writes bench/RESULTS.md
#   bench/run.sh --quick             # 20k and 100k fee lines, one run: a couple of minutes
#   bench/run.sh --check-only --sizes 20000 --build build --no-build
#                                    # only the equality check, without DuckDB (the ctest)
#
# Data, packs, binaries and raw results stay in bench/.work (git-ignored).
# See bench/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
COMMAND="bench/run.sh${*:+ $*}"

SIZES="1000000,10000000"
RUNS=""                 # default: 3 up to 2M fee lines, 1 above
INTERP_SIZE=1000000     # the interpreter runs at this size only (else the smallest)
BIG_RULES=1000
WORK="$HERE/.work"
DATA=""                 # default: $WORK/data
BUILD="$ROOT/build-rel"
DO_BUILD=1
CHECK_ONLY=0
DUCKDB=1
PROFILE=1
RESULTS="$HERE/RESULTS.md"
SEED=20261203
DUCKDB_VERSION="1.5.6-r.1"
CONTENDERS="fides-std,fides-subset,baseline,duckdb-best,duckdb-plain,interp"
THREAD_COUNTS="1,2"
ORDER_LIST="ordered,shuffled"
COMPILE=1

usage() {
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
  cat <<USAGE
options:
  --quick            sizes 20000,100000, one run, a pack of 100 rules for the compile times
  --sizes A,B,...    fee lines of each size (default $SIZES)
  --runs N           runs of each measurement, the median reported (default 3 up to 2M lines, 1 above)
  --interp-size N    the size at which the interpreter runs (default $INTERP_SIZE, else the smallest)
  --big-rules N      rules of the generated pack for the compile times (default $BIG_RULES)
  --check-only       generate the smallest size, run Fides and the C++ baseline, check, no timings
  --no-duckdb        leave DuckDB out (no npm)
  --contenders LIST  which to run (default $CONTENDERS); fides-std is the check's reference and always runs
  --threads LIST     thread counts (default $THREAD_COUNTS)
  --orders LIST      ordered, shuffled or both (default $ORDER_LIST)
  --no-compile       skip the compile times
  --no-profile       no perf profile
  --work DIR         work folder (default bench/.work)
  --data-dir DIR     where the generated data goes (default WORK/data; 10M lines is ~2.4 GB a copy)
  --build DIR        CMake build folder (default build-rel, configured Release when new)
  --no-build         use the binaries in --build as they are
  --results FILE     the report (default bench/RESULTS.md); --no-results to write none
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) SIZES="20000,100000"; RUNS=1; BIG_RULES=100; INTERP_SIZE=100000 ;;
    --sizes) SIZES="$2"; shift ;;
    --runs) RUNS="$2"; shift ;;
    --interp-size) INTERP_SIZE="$2"; shift ;;
    --big-rules) BIG_RULES="$2"; shift ;;
    --check-only) CHECK_ONLY=1; DUCKDB=0; PROFILE=0; COMPILE=0; RESULTS="" ;;
    --no-duckdb) DUCKDB=0 ;;
    --contenders) CONTENDERS="$2"; shift ;;
    --threads) THREAD_COUNTS="$2"; shift ;;
    --orders) ORDER_LIST="$2"; shift ;;
    --no-compile) COMPILE=0 ;;
    --no-profile) PROFILE=0 ;;
    --work) WORK="$2"; shift ;;
    --data-dir) DATA="$2"; shift ;;
    --build) BUILD="$(cd "$2" 2>/dev/null && pwd || echo "$2")"; shift ;;
    --no-build) DO_BUILD=0 ;;
    --results) RESULTS="$2"; shift ;;
    --no-results) RESULTS="" ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

cd "$ROOT"
DATA="${DATA:-$WORK/data}"
RES="$WORK/results"
mkdir -p "$WORK" "$DATA"
rm -rf "$RES" "$WORK/out"
mkdir -p "$RES/raw" "$WORK/out"
RUNS_TSV="$RES/runs.tsv"
printf 'size\torder\tcontender\tthreads\trun\twall_s\trss_kb\tjson\n' >"$RUNS_TSV"
log() { printf '== %s\n' "$*" >&2; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.3f", b-a}'; }
IFS=, read -r -a SIZE_LIST <<<"$SIZES"
SMALLEST="$(printf '%s\n' "${SIZE_LIST[@]}" | sort -n | head -n1)"
if [ "$CHECK_ONLY" = 1 ]; then SIZE_LIST=("$SMALLEST"); fi
case " ${SIZE_LIST[*]} " in *" $INTERP_SIZE "*) ;; *) INTERP_SIZE="$SMALLEST" ;; esac
wanted() { case ",$CONTENDERS," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
CONTENDERS="fides-std,$CONTENDERS"
if [ "$DUCKDB" = 0 ]; then CONTENDERS="${CONTENDERS//duckdb/no-duckdb}"; fi
if [ "$CHECK_ONLY" = 1 ]; then CONTENDERS="${CONTENDERS//interp/no-interp}"; fi
if ! wanted duckdb-best && ! wanted duckdb-plain; then DUCKDB=0; fi
IFS=, read -r -a THREADS <<<"$THREAD_COUNTS"
IFS=, read -r -a ORDERS <<<"$ORDER_LIST"
if [ "$CHECK_ONLY" = 1 ]; then ORDERS=(ordered); fi
runs_for() { if [ -n "$RUNS" ]; then echo "$RUNS"; elif [ "$1" -le 2000000 ]; then echo 3; else echo 1; fi; }
STARTED="$(now)"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- binaries
if [ "$DO_BUILD" = 1 ]; then
  log "building fides fides-score fides-gen bench-baseline in $BUILD (Release)"
  launcher=()
  if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  [ -f "$BUILD/CMakeCache.txt" ] ||
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >"$RES/cmake.log"
  cmake --build "$BUILD" -j "$(nproc)" --target fides fides-score fides-gen bench-baseline >>"$RES/cmake.log" 2>&1 ||
    { tail -30 "$RES/cmake.log" >&2; exit 1; }
fi
for b in fides fides-score fides-gen bench-baseline; do
  [ -x "$BUILD/bin/$b" ] || { echo "run.sh: $BUILD/bin/$b is missing (build it, or drop --no-build)" >&2; exit 1; }
done
BIN="$BUILD/bin"
if [ "$DO_BUILD" = 1 ]; then
  # A snapshot, so that a rebuild by someone else cannot change them mid-run.
  mkdir -p "$WORK/bin"
  for b in fides fides-score fides-gen bench-baseline; do cp "$BUILD/bin/$b" "$WORK/bin/"; done
  BIN="$WORK/bin"
fi
BUILD_TYPE="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt" 2>/dev/null || true)"
printf '%s\n' "${BUILD_TYPE:-unknown}" >"$RES/build_type.txt"

# ---------------------------------------------------------------- the packs
log "fides build: the standard library and the subset pack"
"$BIN/fides" build stdlib/std/main.fides -o "$WORK/std.so" >/dev/null
python3 "$HERE/packs.py" subset --subset "$HERE/subset.txt" --out "$WORK/subset-pack" >/dev/null
"$BIN/fides" build "$WORK/subset-pack/main.fides" -o "$WORK/subset.so" >/dev/null

# ---------------------------------------------------------------- DuckDB
NODE_MODULES="$WORK/node/node_modules"
if [ "$DUCKDB" = 1 ]; then
  command -v node >/dev/null && command -v npm >/dev/null ||
    { echo "run.sh: DuckDB needs node and npm (apt-get install nodejs npm), or run with --no-duckdb" >&2; exit 1; }
  if [ ! -f "$NODE_MODULES/@duckdb/node-api/package.json" ] ||
     ! grep -q "\"version\": \"$DUCKDB_VERSION\"" "$NODE_MODULES/@duckdb/node-api/package.json"; then
    log "npm install @duckdb/node-api@$DUCKDB_VERSION into $WORK/node"
    npm install --no-save --no-audit --no-fund --prefix "$WORK/node" "@duckdb/node-api@$DUCKDB_VERSION" >"$RES/npm.log" 2>&1 ||
      { cat "$RES/npm.log" >&2; exit 1; }
  fi
fi

# ---------------------------------------------------------------- machine probe
if [ "$CHECK_ONLY" = 0 ]; then
  log "machine probe: the same CPU-bound loop alone and $(nproc) at once"
  probe() { python3 -c 'import time
t=time.perf_counter(); s=0
for i in range(6_000_000): s+=i*i
print(time.perf_counter()-t)'; }
  t0="$(now)"; probe >/dev/null; P1="$(since "$t0")"
  t0="$(now)"
  for _ in $(seq "$(nproc)"); do probe >/dev/null & done
  wait
  printf '%s\t%s\n' "$P1" "$(since "$t0")" >"$RES/probe.tsv"
fi

# ---------------------------------------------------------------- compile times
# Cold: `fides run` with an empty pack cache builds the pack; cached: the same
# again finds it. Both score a folder of header-only files, so scoring is nil.
if [ "$COMPILE" = 1 ]; then
  log "compile times: the standard library and a generated pack of $BIG_RULES rules, cold and cached"
  empty="$WORK/empty-data"
  rm -rf "$empty"
  mkdir -p "$empty"
  # the header lines of the files fides-gen writes (20 lines are enough to get them)
  "$BIN/fides-gen" --lines 20 --seed 1 --out "$WORK/headers" --quiet
  for f in "$WORK/headers"/*_[BD].csv; do head -n1 "$f" >"$empty/$(basename "$f")"; done
  python3 "$HERE/packs.py" big --rules "$BIG_RULES" --out "$WORK/big-pack" >/dev/null
  printf 'pack\trules\tkind\twall_s\trss_kb\n' >"$RES/compile.tsv"
  for pack in std big; do
    main=stdlib/std/main.fides
    rules=40
    if [ "$pack" = big ]; then main="$WORK/big-pack/main.fides"; rules="$BIG_RULES"; fi
    cache="$WORK/cache-$pack"
    rm -rf "$cache"
    for kind in cold cached cached cached; do
      FIDES_CACHE_DIR="$cache" /usr/bin/time -f '%e %M' -o "$RES/raw/time.tmp" \
        "$BIN/fides" run "$main" --data "$empty" --out "$WORK/out/compile-$pack" --quiet >/dev/null
      read -r wall rss <<<"$(tail -n1 "$RES/raw/time.tmp")"
      printf '%s\t%s\t%s\t%s\t%s\n' "$pack" "$rules" "$kind" "$wall" "$rss" >>"$RES/compile.tsv"
      printf '   %-4s %-6s %8.2f s\n' "$pack" "$kind" "$wall" >&2
    done
  done
fi

# ---------------------------------------------------------------- measurements
# measure SIZE ORDER CONTENDER THREADS RUN JSON -- command...
# JSON is where the command leaves its own timings (its run.json), or
# `stdout` when it prints them as its last line.
measure() {
  local size="$1" order="$2" contender="$3" threads="$4" run="$5" json="$6"; shift 7
  local t="$RES/raw/time.tmp" keep="raw/$size.$order.$contender.$threads.$run.json"
  /usr/bin/time -f '%e %M' -o "$t" "$@" >"$RES/raw/stdout.tmp" 2>"$RES/raw/stderr.tmp" || {
    echo "run.sh: $contender failed:" >&2; cat "$RES/raw/stderr.tmp" >&2; exit 1; }
  local wall rss
  read -r wall rss <<<"$(tail -n1 "$t")"
  if [ "$json" = stdout ]; then tail -n1 "$RES/raw/stdout.tmp" >"$RES/$keep"; else cp "$json" "$RES/$keep"; fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$order" "$contender" "$threads" "$run" "$wall" "$rss" "$keep" >>"$RUNS_TSV"
  printf '   %-9s %-8s %-13s %s thr run %s: %8.2f s %7.0f MB\n' "$size" "$order" "$contender" "$threads" "$run" \
    "$wall" "$(awk -v k="$rss" 'BEGIN{print k/1024}')" >&2
}

gen() {  # gen SIZE ORDER: makes DATA/SIZE-ORDER once per arguments and generator
  local size="$1" order="$2" dir="$DATA/$1-$2" flags=()
  if [ "$order" = shuffled ]; then flags=(--shuffle); fi
  local stamp
  stamp="$(sha256sum "$BIN/fides-gen" | cut -c1-16) --lines $size --seed $SEED ${flags[*]}"
  if [ ! -f "$dir/.stamp" ] || [ "$(cat "$dir/.stamp")" != "$stamp" ]; then
    log "fides-gen --lines $size --seed $SEED ${flags[*]} --out $dir"
    rm -rf "$dir"
    local t0; t0="$(now)"
    "$BIN/fides-gen" --lines "$size" --seed "$SEED" "${flags[@]}" --out "$dir" --quiet
    printf '%s\t%s\t%s\n' "$size" "$order" "$(since "$t0")" >>"$RES/gen.tsv"
    printf '%s\n' "$stamp" >"$dir/.stamp"
  fi
}

check() {  # check SIZE ORDER NAME=FILE...
  local size="$1" order="$2"; shift 2
  log "check $size $order: the subset's findings of every contender against Fides' (standard library, threads: ${THREADS[0]})"
  if ! python3 "$HERE/compare.py" --subset "$HERE/subset.txt" "$WORK/out/$size.$order.fides-std.${THREADS[0]}/findings.csv" "$@" \
       >"$RES/check.$size.$order.txt"; then
    cat "$RES/check.$size.$order.txt" >&2
    echo "run.sh: the contenders disagree ($size, $order): no time is reported" >&2
    exit 1
  fi
  cat "$RES/check.$size.$order.txt" >&2
}

for size in "${SIZE_LIST[@]}"; do
  for order in "${ORDERS[@]}"; do
    gen "$size" "$order"
    data="$DATA/$size-$order"
    du -cb "$data"/*.csv | tail -n1 | cut -f1 >"$RES/input_bytes.$size.$order.txt"
    runs="$(runs_for "$size")"
    if [ "$CHECK_ONLY" = 1 ]; then runs=1; fi
    for run in $(seq "$runs"); do
      for thr in "${THREADS[@]}"; do
        for pack in std subset; do
          wanted "fides-$pack" || continue
          out="$WORK/out/$size.$order.fides-$pack.$thr"
          rm -rf "$out"
          measure "$size" "$order" "fides-$pack" "$thr" "$run" "$out/run.json" -- \
            "$BIN/fides-score" "$WORK/$pack.so" --data "$data" --out "$out" --threads "$thr" --quiet
        done
        wanted baseline && measure "$size" "$order" baseline "$thr" "$run" stdout -- \
          "$BIN/bench-baseline" --data "$data" --tables stdlib/tables --out "$WORK/out/$size.$order.baseline.$thr.csv" \
          --threads "$thr"
        if [ "$DUCKDB" = 1 ]; then
          for form in best plain; do
            wanted "duckdb-$form" || continue
            measure "$size" "$order" "duckdb-$form" "$thr" "$run" stdout -- \
              node "$HERE/duckdb/run.cjs" --modules "$NODE_MODULES" --data "$data" --tables stdlib/tables \
              --form "$form" --threads "$thr" --out "$WORK/out/$size.$order.duckdb-$form.$thr.csv" --evals 2
          done
        fi
      done
      if [ "$size" = "$INTERP_SIZE" ] && [ "$order" = ordered ] && wanted interp; then
        out="$WORK/out/$size.$order.interp.1"
        rm -rf "$out"
        measure "$size" "$order" interp 1 "$run" "$out/run.json" -- \
          "$BIN/fides" run stdlib/std/main.fides --interpret --data "$data" --out "$out" --threads 1 --quiet
      fi
      if [ "$run" = 1 ]; then
        others=()
        for thr in "${THREADS[@]}"; do
          others+=("fides-std-$thr=$WORK/out/$size.$order.fides-std.$thr/findings.csv")
          if wanted fides-subset; then others+=("fides-subset-$thr=$WORK/out/$size.$order.fides-subset.$thr/findings.csv"); fi
          if wanted baseline; then others+=("baseline-$thr=$WORK/out/$size.$order.baseline.$thr.csv"); fi
          for form in best plain; do
            if wanted "duckdb-$form"; then others+=("duckdb-$form-$thr=$WORK/out/$size.$order.duckdb-$form.$thr.csv"); fi
          done
        done
        if [ -f "$WORK/out/$size.$order.interp.1/findings.csv" ]; then
          others+=("interp=$WORK/out/$size.$order.interp.1/findings.csv")
        fi
        check "$size" "$order" "${others[@]}"
      fi
    done
  done
done
if [ "$CHECK_ONLY" = 1 ]; then
  log "check passed: Fides (standard library and subset pack, threads $THREAD_COUNTS) and the C++ baseline agree"
  exit 0
fi

# ---------------------------------------------------------------- profile
if [ "$PROFILE" = 1 ] && command -v perf >/dev/null 2>&1 &&
   perf record -q -o "$RES/perf.data" -F 499 -- true >/dev/null 2>&1; then
  log "perf profile: the standard library, $SMALLEST lines shuffled, 1 thread"
  perf record -q -o "$RES/perf.data" -F 499 -- "$BIN/fides-score" "$WORK/std.so" --data "$DATA/$SMALLEST-shuffled" \
    --out "$WORK/out/profile" --threads 1 --quiet >/dev/null 2>&1 || true
  { perf report -i "$RES/perf.data" --no-children --sort dso,symbol --stdio -g none 2>/dev/null || true; } |
    grep '%' | sed 's/  */ /g; s/ - - *$//' | sed -n '1,30p' >"$RES/profile.txt" || true
  { perf report -i "$RES/perf.data" --no-children --sort dso --stdio -g none 2>/dev/null || true; } |
    grep '%' | sed 's/  */ /g' >"$RES/profile-dso.txt" || true
  rm -f "$RES/perf.data" "$RES/perf.data.old"
fi

printf 'command\t%s\nstarted\t%s\nelapsed_s\t%s\nload_before\t%s\nload_after\t%s\nnproc\t%s\ninterp_size\t%s\nseed\t%s\n' \
  "$COMMAND" "$(date -u -d "@${STARTED%.*}" '+%Y-%m-%d %H:%M UTC')" "$(since "$STARTED")" "$LOAD_BEFORE" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)" "$INTERP_SIZE" "$SEED" >"$RES/meta.tsv"
python3 "$HERE/report.py" --results "$RES" --fides "$BIN/fides" ${RESULTS:+--write "$RESULTS"}
