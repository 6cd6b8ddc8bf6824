#!/usr/bin/env bash
# pack_over_schema.sh FIDES FIDES_SCORE FIDES_GEN [scaling_test.sh options] < RULES:
# the rules on standard input become a pack over the standard library's
# records (std/schema.fides), which scaling_test.sh builds and times over
# credit files that fides-gen writes. Shared by the scaling tests of single
# constructs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
pack=$(mktemp -d); trap 'rm -rf "$pack"' EXIT
{ printf 'pack "scaling" version "1"\nimport "std/schema.fides"\n'; cat; } >"$pack/main.fides"
bash "$here/scaling_test.sh" "$@" --pack "$pack/main.fides"
