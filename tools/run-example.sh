#!/usr/bin/env bash
# Installs what is missing, builds, and runs the main job on the bundled
# example: write the Hunan pack's credit files with fides-gen (the command in
# examples/hunan/README.md), compile the pack to a native library, score the
# files with the minimal host, and print a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)" --target fides fides-score fides-gen

mkdir -p build/example
echo "== $(grep -m1 '^fides-gen ' examples/hunan/README.md)"
bash tools/example-data.sh build/bin/fides-gen examples/hunan examples/hunan/data
echo "== fides build examples/hunan/main.fides -o build/example/hunan.so"
build/bin/fides build examples/hunan/main.fides -o build/example/hunan.so
echo "== fides-score build/example/hunan.so --data examples/hunan/data --out build/example/out"
rm -rf build/example/out
build/bin/fides-score build/example/hunan.so --data examples/hunan/data --out build/example/out
echo "== the first credit scores, with the items that lowered them most"
head -n 6 build/example/out/scores.csv
