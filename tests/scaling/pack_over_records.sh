#!/usr/bin/env bash
# pack_over_records.sh FIDES FIDES_SCORE [scaling_test.sh options] < RULES: the
# rules on standard input become a pack over a copy of the example's
# records.fides, which scaling_test.sh builds and times over the scaled
# example data. Shared by the scaling tests of single constructs.
set -euo pipefail
fides="$1"; score="$2"; shift 2
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
pack=$(mktemp -d); trap 'rm -rf "$pack"' EXIT
cp "$root/examples/hunan/records.fides" "$pack/records.fides"
{ printf 'pack "scaling" version "1"\nimport "records.fides"\n'; cat; } >"$pack/main.fides"
bash "$here/scaling_test.sh" "$fides" "$score" --pack "$pack/main.fides" "$@"
