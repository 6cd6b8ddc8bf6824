#!/usr/bin/env bash
# path_index_scaling.sh FIDES FIDES_SCORE [scaling_test.sh options]: a
# whole-table aggregate whose equality reaches its value through references
# (`l.settlement.institution.code == i.code`, spec §9.2) must stay near
# n log n: it reads one group of a BY_FIELD index over the path
# (compiler/lower/README.md, "Access plans"), not every fee line for every
# institution; and a count(distinct …) over every fee line must cost n log n,
# not n². Writes a two-rule pack over the example's records next to a copy of
# records.fides and hands it to scaling_test.sh, which scales the
# example data, institutions included (with a scan, the rule's time grows with
# institutions × fee lines: FIDES_SCAN_ONLY=1 makes this test fail).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/pack_over_records.sh" "$@" --scale-orgs <<'FIDES'
rule PI001 "机构明细金额" {
  for i: Institution
  let 明细金额 = sum(l.amount for l in Line where l.settlement.institution.code == i.code)
  let 药品条数 = count(l in Line where l.settlement.institution.code == i.code and l.category == "药品")
  when 明细金额 > 0
  amount 明细金额
  message "{药品条数} 条药品明细"
}
# One subject (the first institution, kept by every copy) counts the distinct
# amounts over every fee line: O(n log n) by sorting, O(n²) by pairwise search.
rule PI002 "全部明细的不同金额数" {
  for i: Institution
  when i.code == "H43010200001" and count(distinct l.amount for l in Line) > 0
}
FIDES
