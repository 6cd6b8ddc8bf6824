#!/usr/bin/env bash
# The README's first command: install what is missing, build only the three
# programs the demo needs, generate a modest province's credit files with
# fides-gen, compile the standard library, score the files and print what a
# supervisor reads first.
#   FIDES_DEMO_LINES (default 200000) fee lines; FIDES_DEMO_SEED the data's seed;
#   FIDES_DEMO_INSPECTION_SEED the published seed of the random inspection.
set -euo pipefail
cd "$(dirname "$0")/.."
lines="${FIDES_DEMO_LINES:-200000}"
seed="${FIDES_DEMO_SEED:-20261203}"
inspection_seed="${FIDES_DEMO_INSPECTION_SEED:-2026年第四季度双随机}"

bash tools/setup.sh
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
cmake --build build -j "$(nproc)" --target fides fides-score fides-gen

demo=build/demo
rm -rf "$demo/data" "$demo/out"
mkdir -p "$demo"
echo "== fides-gen --lines $lines --seed $seed --out $demo/data"
build/bin/fides-gen --lines "$lines" --seed "$seed" --out "$demo/data"
echo "== fides build stdlib/std/main.fides -o $demo/std.so"
build/bin/fides build stdlib/std/main.fides -o "$demo/std.so"
echo "== fides-score $demo/std.so --data $demo/data --out $demo/out --param inspection_seed=$inspection_seed"
build/bin/fides-score "$demo/std.so" --data "$demo/data" --out "$demo/out" \
  --param "inspection_seed=$inspection_seed" --progress
echo
echo "双随机抽查 seed: $inspection_seed — anyone can re-draw the selection from the seed alone:"
echo "  uniform(机构编码, seed) < 0.10 × the weight of the institution's credit grade (A 0.5, B 1, C 2, D 4)"
echo "Outputs: $demo/out (findings.csv, scores.csv, errors.csv, rejects.csv, run.json)"
