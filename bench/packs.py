#!/usr/bin/env python3
"""The benchmark's generated packs, each written as DIR/main.fides.

  packs.py big --rules 1000 --out DIR
      the standard library's rule files (40 rules) imported as they are, plus
      N − 40 copies of their rules, each with its own id and name and one more
      threshold in its `when` (on the subject's own fields, so that every copy
      is a distinct rule): the compile-time benchmark.
  packs.py subset --subset bench/subset.txt --out DIR
      the standard library with only the subset's rules (no scorecards): its
      rule files copied into DIR/std with the other rules removed, and its
      tables into DIR/tables, so that the copies' table paths still resolve.
      Fides on the same rules as DuckDB and the hand-written C++."""
import argparse
import os
import re
import shutil
import sys

RULE_FILES = ["line.fides", "visit.fides", "person.fides", "institution.fides", "cross_region.fides"]

# One more condition per subject record; groups get one on their rows.
THRESHOLDS = {
    "FeeLine": "{v}.amount >= {k5}",
    "Visit": "{v}.inpatient_days + {k3} >= 0",
    "Person": "{v}.birth >= date({year}, 1, 1)",
    "Institution": "{v}.level + {k3} >= 0",
    "StockMove": "{v}.opening + {k5} >= 0",
    "Settlement": "{v}.total >= {k5}",
}
GROUP_THRESHOLD = "count(x in {v}.rows) >= {k3}"


def rule_blocks(text):
    """Each `rule ID "name" { … }` block of a file (the closing brace at column 0)."""
    return re.findall(r'^rule \S+ "[^"]*" \{\n.*?^\}\n', text, flags=re.M | re.S)


def copy_rule(block, k):
    head = re.match(r'rule (\S+) "([^"]*)" \{', block)
    rule_id, name = head.group(1), head.group(2)
    subject = re.search(r"^\s*for (\w+): (\w+)", block, flags=re.M)
    var, record = subject.group(1), subject.group(2)
    cond = THRESHOLDS.get(record, GROUP_THRESHOLD).format(v=var, k3=k % 3, k5=k % 5, year=1900 + k % 50)
    body = block[head.end():]
    # the `when` clause runs up to the `amount` line: the new condition goes last
    body, n = re.subn(r"^(\s*)amount ", lambda m: f"{m.group(1)} and {cond}\n{m.group(1)}amount ", body, count=1,
                      flags=re.M)
    if n != 1:
        sys.exit(f"packs.py: rule {rule_id} has no amount line")
    return f'rule {rule_id}x{k:04d} "{name} #{k}" {{' + body


def big(args):
    blocks = []
    for f in RULE_FILES:
        with open(os.path.join(args.stdlib, "std", f), encoding="utf-8") as fh:
            blocks += rule_blocks(fh.read())
    if len(blocks) < 2:
        sys.exit("packs.py: no rules found in the standard library")
    copies = max(0, args.rules - len(blocks))
    out = [f"# bench/packs.py big: the standard rules and {copies} copies ({len(blocks) + copies} rules)",
           f'pack "基准测试 {len(blocks) + copies} 条规则" version "1"', 'import "std/schema.fides"']
    out += [f'import "std/{f}"' for f in RULE_FILES]
    out += [copy_rule(blocks[k % len(blocks)], k) for k in range(copies)]
    write(args.out, "main.fides", "\n".join(out) + "\n")
    return len(blocks) + copies


def subset(args):
    with open(args.subset, encoding="utf-8") as fh:
        keep = {line.strip() for line in fh if line.strip() and not line.startswith("#")}
    src = os.path.join(args.stdlib, "std")
    kept = set()
    for f in sorted(os.listdir(src)):
        if not f.endswith(".fides") or f in ("main.fides", "credit.fides", "selection.fides"):
            continue
        with open(os.path.join(src, f), encoding="utf-8") as fh:
            text = fh.read()
        for block in rule_blocks(text):
            rule_id = block.split()[1]
            if rule_id in keep:
                kept.add(rule_id)
            else:
                text = text.replace(block, "")
        write(os.path.join(args.out, "std"), f, text)
    if kept != keep:
        sys.exit(f"packs.py: rules of the subset not in the standard library: {sorted(keep - kept)}")
    shutil.copytree(os.path.join(args.stdlib, "tables"), os.path.join(args.out, "tables"), dirs_exist_ok=True)
    out = ["# bench/packs.py subset: the standard library's rules of the benchmark's subset",
           'pack "基准测试规则子集" version "1"', 'import "std/schema.fides"']
    out += [f'import "std/{f}"' for f in RULE_FILES]
    write(args.out, "main.fides", "\n".join(out) + "\n")
    return len(kept)


def write(folder, name, text):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "w", encoding="utf-8") as fh:
        fh.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=["big", "subset"])
    ap.add_argument("--out", required=True)
    ap.add_argument("--rules", type=int, default=1000, help="big: the number of rules")
    ap.add_argument("--subset", help="subset: the file of rule ids")
    ap.add_argument("--stdlib", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "stdlib"))
    args = ap.parse_args()
    if args.kind == "subset" and not args.subset:
        ap.error("subset needs --subset")
    print(big(args) if args.kind == "big" else subset(args))


if __name__ == "__main__":
    main()
