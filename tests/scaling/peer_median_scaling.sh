#!/usr/bin/env bash
# peer_median_scaling.sh FIDES FIDES_SCORE [scaling_test.sh options]: a
# whole-table median keyed by a text field (spec §9.2, last bullet) must stay
# near n log n: it is computed once per distinct diagnosis (per eval call,
# compiler/lower/README.md "Peer groups"), not once per settlement. Writes a
# one-rule pack over the example's records next to a copy of records.fides and
# hands it to scaling_test.sh, which scales the example data.
set -euo pipefail
fides="$1"; score="$2"; shift 2
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
pack=$(mktemp -d); trap 'rm -rf "$pack"' EXIT
cp "$root/examples/hunan/records.fides" "$pack/records.fides"
cat >"$pack/main.fides" <<'FIDES'
pack "peer_median_scaling" version "1"
import "records.fides"
rule PM001 "同病种费用远高于中位数" {
  for s: Settlement
  let med = median(o.total for o in Settlement where o.diagnosis == s.diagnosis)
  let spread = stddev(o.total for o in Settlement where o.diagnosis == s.diagnosis)
  when present(med) and s.total > med * 3
  amount s.total - med
  message "中位数 {med}，标准差 {spread}"
}
FIDES
bash "$here/scaling_test.sh" "$fides" "$score" --pack "$pack/main.fides" "$@"
