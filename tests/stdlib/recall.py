#!/usr/bin/env python3
"""Recall and precision of the standard library on generated credit files.

usage: recall.py FIDES FIDES_SCORE FIDES_GEN STD_MAIN WORK [--lines N] [--seed S]

Generates credit files with fides-gen, builds and scores the standard library
on them, and checks that every planted finding of truth.csv is found. Every
finding that was not planted must be explained by truth_side.csv (a planted
violation that is also, genuinely, another rule's finding); the unexplained
ones are listed per rule and fail the test. Prints, per rule, planted, found,
side findings and unexplained findings.
"""
import csv
import json
import os
import shutil
import subprocess
import sys
from collections import Counter, defaultdict


def run(argv):
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.exit(f"FAIL: {' '.join(argv)} exited {r.returncode}\n{r.stderr}")
    return r


def triples(path, key_field="key"):
    with open(path, newline="", encoding="utf-8") as f:
        return [(row["rule_id"], row["record"], row[key_field]) for row in csv.DictReader(f)]


def main():
    args = sys.argv[1:]
    if len(args) < 5:
        sys.exit(__doc__)
    fides, score, gen, std_main, work = args[:5]
    lines, seed = "20000", "7"
    rest = args[5:]
    while rest:
        flag, value, rest = rest[0], rest[1], rest[2:]
        if flag == "--lines":
            lines = value
        elif flag == "--seed":
            seed = value
        else:
            sys.exit(f"unknown option {flag}")

    shutil.rmtree(work, ignore_errors=True)
    data, out, pack = os.path.join(work, "data"), os.path.join(work, "out"), os.path.join(work, "std.so")
    os.makedirs(work)
    run([gen, "--lines", lines, "--seed", seed, "--out", data])
    run([fides, "build", std_main, "-o", pack])
    run([score, pack, "--data", data, "--out", out, "--quiet"])

    found = triples(os.path.join(out, "findings.csv"))
    planted = triples(os.path.join(data, "truth.csv"))
    side_path = os.path.join(data, "truth_side.csv")
    side = triples(side_path) if os.path.exists(side_path) else []
    with open(os.path.join(out, "errors.csv"), newline="", encoding="utf-8") as f:
        errors = list(csv.DictReader(f))
    with open(os.path.join(out, "rejects.csv"), newline="", encoding="utf-8") as f:
        rejects = list(csv.DictReader(f))

    found_set, planted_set, side_set = set(found), set(planted), set(side)
    missed = [t for t in planted if t not in found_set]
    unexplained = [t for t in found if t not in planted_set and t not in side_set]

    with open(os.path.join(out, "run.json"), encoding="utf-8") as f:
        pack_rules = [r["id"] for r in json.load(f)["rules"]]
    rules = sorted(set(pack_rules) | {t[0] for t in found} | {t[0] for t in planted})
    count = lambda ts: Counter(t[0] for t in ts)
    n_planted, n_found, n_missed = count(planted_set), count(set(found) & planted_set), count(missed)
    n_side = count(set(found) & side_set - planted_set)
    n_unexplained = count(unexplained)
    print(f"{'rule':6} {'planted':>8} {'found':>8} {'side':>6} {'unexpl.':>8}")
    for r in rules:
        print(f"{r:6} {n_planted[r]:8} {n_found[r]:8} {n_side[r]:6} {n_unexplained[r]:8}")

    failures = []
    if errors:
        failures.append(f"{len(errors)} evaluation errors, first: {errors[0]}")
    if rejects:
        failures.append(f"{len(rejects)} input rows rejected, first: {rejects[0]}")
    if missed:
        failures.append(f"{len(missed)} planted findings not found, first: {missed[:5]}")
    if unexplained:
        by_rule = defaultdict(list)
        for t in unexplained:
            by_rule[t[0]].append(t)
        for r, ts in sorted(by_rule.items()):
            failures.append(f"{r}: {len(ts)} findings neither planted nor explained, e.g. {ts[:3]}")
    no_plants = [r for r in pack_rules if n_planted[r] == 0]
    if no_plants:
        failures.append(f"rules with no planted finding: {no_plants}")
    print(f"recall: {len(planted_set) - len(missed)}/{len(planted_set)} planted findings found; "
          f"{len(set(found) & side_set - planted_set)} side findings; {len(unexplained)} unexplained")
    for f in failures:
        print("FAIL: " + f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
