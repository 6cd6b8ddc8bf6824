#!/usr/bin/env bash
# fides-serve at one million fee lines: start-up, and the latency and
# throughput of claims of about 50 fee lines, with the standard library and
# with its per-claim rules alone (per_claim.fides: without the
# institution-level peer rules). Writes the section "## fides-serve" of
# bench/RESULTS.md (and nothing else of it).
#
#   bench/serve/run-serve-bench.sh [--lines N] [--claims N] [--requests N] [--work DIR] [--no-results]
#
# Load generator: serve-load (bench/serve/load.cpp, cpp-httplib's client), a
# closed loop of C keep-alive connections on the same machine as the server.
# Then serve-profile (bench/serve/review_profile.cpp) times each step of a
# review of every claim, and each rule, in process (no HTTP).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
COMMAND="bench/serve/run-serve-bench.sh${*:+ $*}"
LINES=1000000
CLAIMS=400
REQUESTS=1000
WORK="$ROOT/bench/.work/serve"
RESULTS="$ROOT/bench/RESULTS.md"
BUILD="$ROOT/build"
while (($#)); do
  case "$1" in
    --lines) LINES="$2"; shift 2 ;;
    --claims) CLAIMS="$2"; shift 2 ;;
    --requests) REQUESTS="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --no-results) RESULTS=""; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-serve-bench: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$WORK"
cd "$ROOT"

echo "== build"
cmake --build "$BUILD" --target fides fides-serve fides-gen serve-profile > "$WORK/build.log"
c++ -O2 -std=c++20 "$HERE/load.cpp" -o "$WORK/serve-load" $(pkg-config --cflags --libs cpp-httplib) -pthread
for p in fides fides-serve fides-gen serve-profile; do cp "$BUILD/bin/$p" "$WORK/$p"; done

echo "== packs"
"$WORK/fides" build stdlib/std/main.fides -o "$WORK/std.so" > /dev/null
"$WORK/fides" build "$HERE/per_claim.fides" -o "$WORK/per_claim.so" > /dev/null

DATA="$WORK/data-$LINES"
if [ ! -f "$DATA/bodies.txt" ]; then
  echo "== fides-gen --lines $LINES, and $CLAIMS claims cut out of it"
  rm -rf "$DATA"
  "$WORK/fides-gen" --lines "$LINES" --seed 1 --out "$DATA/full" --quiet
  "$WORK/fides-serve" "$WORK/std.so" --listen 127.0.0.1:0 > "$DATA/port.txt" 2> /dev/null &
  pid=$!
  sleep 1
  port=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$DATA/port.txt")
  python3 -c "import urllib.request,sys; sys.stdout.write(urllib.request.urlopen('http://127.0.0.1:$port/v1/pack').read().decode())" > "$DATA/pack.json"
  kill "$pid"; wait "$pid" || true
  python3 "$HERE/make_claims.py" "$DATA/full" "$DATA/history" "$DATA/bodies.txt.partial" "$DATA/pack.json" --claims "$CLAIMS"
  mv "$DATA/bodies.txt.partial" "$DATA/bodies.txt"
  rm -rf "$DATA/full"
fi

RUNS="$WORK/runs.jsonl"
: > "$RUNS"
cores=$(nproc)
for pack in std per_claim; do
  echo "== fides-serve $pack.so --data (history of $LINES fee lines less the claims) --threads $cores"
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  start=$(date +%s.%N)
  # Gone first: otherwise the wait below can read the last server's line before this one truncates the file.
  rm -f "$WORK/serve.out"
  "$WORK/fides-serve" "$WORK/$pack.so" --data "$DATA/history" --listen 127.0.0.1:0 --threads "$cores" \
    > "$WORK/serve.out" 2> "$WORK/serve.err" &
  pid=$!
  while ! grep -q listening "$WORK/serve.out" 2> /dev/null; do
    kill -0 "$pid" 2> /dev/null || { cat "$WORK/serve.err"; exit 1; }
    sleep 0.1
  done
  ready=$(python3 -c "print(round($(date +%s.%N) - $start, 2))")
  port=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$WORK/serve.out")
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
  shmem=$(awk '/^RssShmem/ {print $2}' "/proc/$pid/status")
  for connections in 1 2 4; do
    echo "   $connections connection(s), $REQUESTS requests"
    result=$("$WORK/serve-load" --port "$port" --bodies "$DATA/bodies.txt" --connections "$connections" \
             --requests "$REQUESTS" --warmup 50)
    echo "   $result"
    echo "{\"pack\": \"$pack\", \"ready_s\": $ready, \"rss_kb\": $rss, \"shmem_kb\": $shmem, \"load\": $result}" >> "$RUNS"
  done
  kill -TERM "$pid"; wait "$pid" || true
  echo "{\"pack\": \"$pack\", \"load_before\": \"$load_before\", \"load_after\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >> "$RUNS"
done

echo "== serve-profile std.so: where a review's time goes, without HTTP"
"$WORK/serve-profile" "$WORK/std.so" --data "$DATA/history" --bodies "$DATA/bodies.txt" --threads "$cores" \
  > "$WORK/profile.txt"
cat "$WORK/profile.txt"

if [ -n "$RESULTS" ]; then
  python3 "$HERE/write_results.py" "$RUNS" "$RESULTS" --command "$COMMAND" --lines "$LINES" --profile "$WORK/profile.txt" \
    --bodies "$DATA/bodies.txt" --commit "$(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with uncommitted changes)')"
  echo "== wrote the fides-serve section of $RESULTS"
fi
