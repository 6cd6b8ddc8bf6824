#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the unit and golden
# suites (gcc, RelWithDebInfo), the front-end suites again under AddressSanitizer
# and UBSan (clang), and the front-end fuzzer for a bounded time.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh

jobs=$(nproc)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs" | tee build/ctest.log
ctest_passed=$(grep -oP 'out of \K\d+' build/ctest.log | tail -1)

sanitized_suites=(syntax_tests sema_tests check_golden_tests fuzz_regression_tests builtins_tests)
CC=clang-19 CXX=clang++-19 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFIDES_SANITIZE=ON -DFIDES_FUZZ=ON >/dev/null
cmake --build build-fuzz -j "$jobs" --target front_end_fuzzer "${sanitized_suites[@]}"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan_suppressions.txt:print_suppressions=0"
for suite in "${sanitized_suites[@]}"; do
  echo "== $suite under ASan+UBSan"
  "$(find build-fuzz -name "$suite" -type f -perm -u+x | head -1)"
done

fuzz_seconds=${FIDES_FUZZ_SECONDS:-60}
corpus=$(mktemp -d)
find tests/check examples stdlib -name '*.fides' -type f -exec cp {} "$corpus/" \;
mkdir -p build-fuzz/crashes
echo "== front-end fuzzer for ${fuzz_seconds}s (crash inputs go to build-fuzz/crashes/; keep each in tests/fuzz/regressions/)"
build-fuzz/bin/front_end_fuzzer -max_total_time="$fuzz_seconds" -timeout=10 -rss_limit_mb=4096 \
  -artifact_prefix=build-fuzz/crashes/ -print_final_stats=1 "$corpus" tests/fuzz/regressions 2>build-fuzz/fuzz.log \
  || { tail -50 build-fuzz/fuzz.log; echo "fuzzer found a crash"; exit 1; }
grep -E 'stat::number_of_executed_units' build-fuzz/fuzz.log || true
rm -rf "$corpus"

echo "ci: $((ctest_passed + ${#sanitized_suites[@]} + 1)) passed, 0 failed"
