#!/usr/bin/env bash
# example-data.sh FIDES_GEN EXAMPLE_DIR OUT_DIR: writes an example pack's
# credit files into OUT_DIR. The example's README.md holds the one command
# that makes them (a line `fides-gen … --out examples/NAME/data`); this runs
# exactly that command with OUT_DIR for the README's folder, so that the tests
# and tools/run-example.sh score the data the README describes.
set -euo pipefail
gen="$1"; example="${2%/}"; out="$3"
readme="$example/README.md"
name=$(basename "$example")
line=$(grep -m1 '^fides-gen ' "$readme") || { echo "example-data.sh: no line starting 'fides-gen ' in $readme" >&2; exit 2; }
args=${line#fides-gen }
suffix=" --out examples/$name/data"
if [ "${args%"$suffix"}" = "$args" ]; then
  echo "example-data.sh: the fides-gen command in $readme must end with '$suffix'" >&2; exit 2
fi
args=${args%"$suffix"}
rm -rf "$out"
# The README's arguments, split as a shell splits them there (plain words, no quoting).
read -r -a argv <<<"$args"
"$gen" "${argv[@]}" --out "$out" --quiet
