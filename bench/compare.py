#!/usr/bin/env python3
"""Checks that every contender found the same findings on the benchmark's rule
subset: per rule the number of findings, the sum of their amounts and the set
of keys (and each key's amount) must equal the reference's (Fides'
findings.csv). Every rule of the subset must have at least one finding, so the
check cannot pass on empty output.

  compare.py --subset bench/subset.txt REFERENCE.csv NAME=FINDINGS.csv ...

Each file has the columns rule_id, key, amount (others are ignored). Prints a
table per rule; exit status 1 on any difference."""
import argparse
import csv
import sys
from decimal import Decimal


def read_subset(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def read_findings(path, rules):
    """rule → {key: amount}; a key found twice is an error of its own."""
    out = {r: {} for r in rules}
    dupes = []
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            rule = row["rule_id"]
            if rule not in out:
                continue
            if row["key"] in out[rule]:
                dupes.append(f"{rule} {row['key']}")
            out[rule][row["key"]] = Decimal(row["amount"])
    return out, dupes


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--subset", required=True)
    ap.add_argument("--quiet", action="store_true", help="print only differences")
    ap.add_argument("reference", help="Fides' findings.csv")
    ap.add_argument("others", nargs="+", metavar="NAME=FILE")
    args = ap.parse_args()
    rules = read_subset(args.subset)
    ref, ref_dupes = read_findings(args.reference, rules)
    problems = [f"reference: {d} twice" for d in ref_dupes]
    problems += [f"reference: no finding of {r}" for r in rules if not ref[r]]
    others = []
    for spec in args.others:
        name, _, path = spec.partition("=")
        found, dupes = read_findings(path, rules)
        problems += [f"{name}: {d} twice" for d in dupes]
        others.append((name, found))
    if not args.quiet:
        print(f"{'rule':6} {'count':>7} {'amount':>14}  " + "  ".join(n for n, _ in others))
    for r in rules:
        want = ref[r]
        verdicts = []
        for name, found in others:
            got = found[r]
            if got == want:
                verdicts.append("same")
                continue
            verdicts.append("DIFFERENT")
            missing = sorted(set(want) - set(got))
            extra = sorted(set(got) - set(want))
            changed = sorted(k for k in set(want) & set(got) if want[k] != got[k])
            problems.append(
                f"{name} {r}: {len(got)} findings, amount {sum(got.values(), Decimal(0))} "
                f"(reference {len(want)}, {sum(want.values(), Decimal(0))}); "
                f"missing {missing[:3]}, extra {extra[:3]}, other amount {[(k, str(want[k]), str(got[k])) for k in changed[:3]]}")
        if not args.quiet:
            print(f"{r:6} {len(want):>7} {str(sum(want.values(), Decimal(0))):>14}  " + "  ".join(verdicts))
    for p in problems:
        print("compare: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
