#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the whole suite under
# AddressSanitizer and UBSan (clang), every libFuzzer target (tests/fuzz/README.md)
# for a bounded time, FIDES_FUZZ_SECONDS in all (default 180), as many at once
# as there are cores, and the tests that measure time in a plain gcc build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh --tests

jobs=$(nproc)
# ccache only speeds up a machine that has it; nothing depends on it.
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

# The sanitizer build: the host, the compiler and every test program are
# instrumented (and carry libFuzzer's coverage counters, so the same build
# gives the fuzzers); the packs the tests build and load are not.
CC=clang-19 CXX=clang++-19 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFIDES_SANITIZE=ON -DFIDES_FUZZ=ON "${launcher[@]}" >/dev/null
cmake --build build-fuzz -j "$jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan_suppressions.txt:print_suppressions=0"
# Tests labelled `timing` (tests/scaling) compare run times against growth
# bounds; instrumentation changes those times, so they run only in the gcc build.
echo "== the whole suite under ASan+UBSan (without the timing tests)"
ctest --test-dir build-fuzz --output-on-failure -j "$jobs" -LE timing | tee build-fuzz/ctest.log
sanitized_passed=$(grep -oP 'out of \K\d+' build-fuzz/ctest.log | tail -1)

# The plain build (gcc, Release, as the README builds it) for the tests
# labelled `timing`. It builds only the programs they run: every other test
# has just run, instrumented, and building the whole suite twice would take
# longer than the sanitizer build itself on a 2-core CI machine.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
cmake --build build -j "$jobs" --target fides fides-score fides-gen
echo "== the timing tests in the plain build"
(unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; ctest --test-dir build --output-on-failure -L timing) | tee build/ctest.log
timing_passed=$(grep -oP 'out of \K\d+' build/ctest.log | tail -1)

# Corpora: committed seeds, every kept failure input, and what only a build
# can give: the front end's sources, and a real signed pack with its .sig.
targets=(front_end csv_reader tables score_options pack_verifier lsp)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for t in "${targets[@]}"; do mkdir -p "$work/$t" "$work/$t-seeds"; done
find tests/check examples stdlib -name '*.fides' -type f -exec cp {} "$work/front_end-seeds/" \;
cp tests/lsp/pack/*.fides "$work/lsp-seeds/"
build-fuzz/bin/fides keygen "$work/ci" >/dev/null
build-fuzz/bin/fides build examples/person_credit/main.fides -o "$work/pack_verifier-seeds/person_credit.so" \
  --sign "$work/ci.key" >/dev/null

fuzz_seconds=${FIDES_FUZZ_SECONDS:-180}
rounds=$(( (${#targets[@]} + jobs - 1) / jobs ))
per_target=$(( fuzz_seconds / rounds > 0 ? fuzz_seconds / rounds : 1 ))
mkdir -p build-fuzz/crashes
echo "== ${#targets[@]} fuzzers, ${per_target}s each, $jobs at a time (crash inputs go to build-fuzz/crashes/)"
# The targets write the files they hand to the loaders; in memory if possible.
fuzz_tmp=/tmp
if [ -d /dev/shm ] && [ -w /dev/shm ]; then fuzz_tmp=/dev/shm; fi
run_fuzzer() {
  local t=$1 dirs=()
  # The first folder gathers new inputs; the others (those that exist) are read.
  for d in "$work/$t" "$work/$t-seeds" tests/fuzz/seeds/"$t" tests/fuzz/regressions/"$t"; do
    [ -d "$d" ] && dirs+=("$d")
  done
  TMPDIR=$fuzz_tmp build-fuzz/bin/"${t}"_fuzzer -max_total_time="$per_target" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=build-fuzz/crashes/"$t"- -print_final_stats=1 "${dirs[@]}" >build-fuzz/fuzz-"$t".log 2>&1
}
failed=()
for ((i = 0; i < ${#targets[@]}; i += jobs)); do
  pids=()
  for t in "${targets[@]:i:jobs}"; do run_fuzzer "$t" & pids+=("$!:$t"); done
  for p in "${pids[@]}"; do
    wait "${p%%:*}" || failed+=("${p#*:}")
  done
done
for t in "${targets[@]}"; do
  echo "$t: $(grep -oP 'stat::number_of_executed_units: \K\d+' build-fuzz/fuzz-"$t".log || echo '?') executions"
done
if ((${#failed[@]})); then
  for t in "${failed[@]}"; do tail -40 build-fuzz/fuzz-"$t".log; done
  echo "fuzzers that failed: ${failed[*]}; keep each input of build-fuzz/crashes/ in tests/fuzz/regressions/<target>/"
  exit 1
fi

echo "ci: $((sanitized_passed + timing_passed + ${#targets[@]})) passed, 0 failed"
