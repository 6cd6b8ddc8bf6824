#!/usr/bin/env bash
# peer_median_scaling.sh FIDES FIDES_SCORE FIDES_GEN [scaling_test.sh options]: a
# whole-table median keyed by a text field (spec §9.2, last bullet) must stay
# near n log n: it is computed once per distinct item code (per eval call,
# compiler/lower/README.md "Peer groups"), not once per fee line. Writes a
# one-rule pack over the standard schema and hands it to scaling_test.sh,
# which times it over generated credit files.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# Sorting each item's values costs more than n log n in cache misses as the
# data grow: fail at 2.5, still far below the ~3.7–4 of a per-subject computation.
bash "$here/pack_over_schema.sh" "$@" --threshold 2.5 <<'FIDES'
rule PM001 "同项目费用远高于中位数" {
  for l: FeeLine
  let med = median(o.amount for o in FeeLine where o.code == l.code)
  let spread = stddev(o.amount for o in FeeLine where o.code == l.code)
  when present(med) and l.amount > med * 3
  amount l.amount - med
  message "中位数 {med}，标准差 {spread}"
}
FIDES
