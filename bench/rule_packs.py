#!/usr/bin/env python3
"""Write one single-rule pack per rule of the example, for per-rule timings.

    python3 bench/rule_packs.py --out bench/.work/packs     # prints the rule ids

run.json only times strata (all rules together, then the scorecards), so the
benchmark builds, for every rule of examples/hunan/rules/*.fides, a pack that
holds the data model, the knowledge base, the standard library and that one
rule; the `rules_ms` of such a pack is the rule's own evaluation time.
"""
import argparse
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pack", default=os.path.join(ROOT, "examples/hunan"), help="the example pack's folder")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    pack = os.path.abspath(args.pack)
    rel = os.path.relpath(pack, os.path.abspath(args.out))
    header = ('pack "bench single rule %s" version "0"\n'
              'import "std/restrictions.fides"\n'
              'import "' + rel + '/records.fides"\n'
              'import "' + rel + '/knowledge.fides"\n')
    ids = []
    for path in sorted(glob.glob(os.path.join(pack, "rules", "*.fides"))):
        text = open(path, encoding="utf-8").read()
        rule_re = re.compile(r'^rule\s+(\w+)\b.*?^\}[ \t]*\n', re.M | re.S)
        # What the rules of this file share (defs, lets), without its imports.
        shared = "".join(line for line in rule_re.sub("", text).splitlines(keepends=True)
                         if not line.startswith(("import ", "pack ")))
        for m in rule_re.finditer(text):
            rid = m.group(1)
            with open(os.path.join(args.out, rid + ".fides"), "w", encoding="utf-8") as f:
                f.write(header % rid + "\n# from " + os.path.relpath(path, ROOT) + "\n" + shared + m.group(0))
            ids.append(rid)
    if not ids:
        sys.exit("rule_packs.py: no rules found under %s/rules" % pack)
    print(" ".join(ids))


if __name__ == "__main__":
    main()
