#!/usr/bin/env bash
# peer_median_scaling.sh FIDES FIDES_SCORE [scaling_test.sh options]: a
# whole-table median keyed by a text field (spec §9.2, last bullet) must stay
# near n log n: it is computed once per distinct diagnosis (per eval call,
# compiler/lower/README.md "Peer groups"), not once per settlement. Writes a
# one-rule pack over the example's records next to a copy of records.fides and
# hands it to scaling_test.sh, which scales the example data.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# Sorting each diagnosis' values costs more than n log n in cache misses as the
# data grows (measured 1.65–1.8 on two cores): fail at 2.5, still far below
# the ~3.7–4 of a per-subject computation.
bash "$here/pack_over_records.sh" "$@" --threshold 2.5 <<'FIDES'
rule PM001 "同病种费用远高于中位数" {
  for s: Settlement
  let med = median(o.total for o in Settlement where o.diagnosis == s.diagnosis)
  let spread = stddev(o.total for o in Settlement where o.diagnosis == s.diagnosis)
  when present(med) and s.total > med * 3
  amount s.total - med
  message "中位数 {med}，标准差 {spread}"
}
FIDES
