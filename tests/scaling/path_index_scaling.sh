#!/usr/bin/env bash
# path_index_scaling.sh FIDES FIDES_SCORE FIDES_GEN [scaling_test.sh options]: a
# whole-table aggregate whose equality reaches its value through references
# (`l.settlement.person.id == p.id`, spec §9.2) must stay near n log n: it
# reads one group of a BY_FIELD index over the path (compiler/lower/README.md,
# "Access plans"), not every fee line for every person; and a
# count(distinct …) over every fee line must cost n log n, not n². Writes a
# two-rule pack over the standard schema and hands it to scaling_test.sh,
# which times it over generated credit files. Persons grow with the fee lines,
# so with a scan the first rule's time grows as persons × fee lines
# (FIDES_SCAN_ONLY=1 makes this test fail).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# The rules take tens of milliseconds, so one preempted run skews a size: best of 5.
bash "$here/pack_over_schema.sh" "$@" --runs 5 <<'FIDES'
rule PI001 "参保人明细金额" {
  for p: Person
  let 明细金额 = sum(l.amount for l in FeeLine where l.settlement.person.id == p.id)
  let 西药条数 = count(l in FeeLine where l.settlement.person.id == p.id and l.fee_type == "09")
  let 最高金额 = max(l.amount for l in FeeLine where l.settlement.person.id == p.id)
  let 平均金额 = avg(l.amount for l in FeeLine where l.settlement.person.id == p.id)
  when 明细金额 > 0
  amount 明细金额
  message "{西药条数} 条西药明细，最高 {最高金额} 元，平均 {平均金额} 元"
}
# One subject (the first institution fides-gen writes at seed 1, at every size)
# counts the distinct amounts over every fee line: O(n log n) by sorting,
# O(n²) by pairwise search.
rule PI002 "全部明细的不同金额数" {
  for i: Institution
  when i.code == "H43010200001" and count(distinct l.amount for l in FeeLine) > 0
}
FIDES
