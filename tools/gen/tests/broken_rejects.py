#!/usr/bin/env python3
"""The malformed rows of fides-gen --broken are rejected as broken.csv says.

usage: broken_rejects.py FIDES FIDES_GEN STD_MAIN WORK

Generates credit files with --broken, scores them with the standard library
(fides run, native) and checks that rejects.csv holds exactly the lines that
broken.csv lists, each with a reason that begins with the listed phrase and
names the listed column, and that the findings are still exactly the planted
ones of truth.csv: a rejected row changes nothing else.
"""
import csv
import os
import shutil
import subprocess
import sys


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    fides, gen, std_main, work = sys.argv[1:]
    shutil.rmtree(work, ignore_errors=True)
    data, out = work + "/data", work + "/out"
    for argv in ([gen, "--lines", "20000", "--seed", "5", "--broken", "30", "--out", data, "--quiet"],
                 [fides, "run", std_main, "--data", data, "--out", out, "--quiet"]):
        r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           env=dict(os.environ, FIDES_CACHE_DIR=work + "/cache"))
        if r.returncode != 0:
            sys.exit(f"FAIL: {' '.join(argv)} exited {r.returncode}\n{r.stderr}")

    expected = {(b["file"], b["line"]): b for b in rows(data + "/broken.csv")}
    failures = []
    rejected = set()
    for r in rows(out + "/rejects.csv"):
        where = (r["file"], r["line"])
        rejected.add(where)
        b = expected.get(where)
        if b is None:
            failures.append(f"{where[0]} line {where[1]} rejected but not planted: {r['reason']}")
            continue
        want = b["reason"] + (" in " + b["column"] if b["column"] else ":")
        if not r["reason"].startswith(want):
            failures.append(f"{where[0]} line {where[1]}: reason {r['reason']!r}, want one that begins {want!r}")
    for where in sorted(set(expected) - rejected):
        failures.append(f"{where[0]} line {where[1]} planted ({expected[where]['reason']}) but loaded")

    key = lambda r: (r["rule_id"], r["record"], r["key"])
    found, planted = {key(r) for r in rows(out + "/findings.csv")}, {key(r) for r in rows(data + "/truth.csv")}
    if found != planted:
        failures.append(f"findings differ from truth.csv: {len(found - planted)} more, {len(planted - found)} missing")

    for f in failures:
        print("FAIL: " + f)
    print(f"{len(expected)} planted malformed rows, {len(rejected)} rejected, {len(found)} findings")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
