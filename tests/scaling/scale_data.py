#!/usr/bin/env python3
"""Scale the Hunan example's credit files to N fee lines, deterministically.

    python3 tests/scaling/scale_data.py --lines 1000000 --out /tmp/hunan-1m
    python3 tests/scaling/scale_data.py --copies 10 --org-copies 2 --out DIR

The example data (examples/hunan/data, ~3200 fee lines) are replicated k times:
copy j (0 <= j < k) holds every Person, Settlement and Line row (and the Event
rows that name a person) with its key and its references to those records
suffixed "-j" (copy 0 keeps the original keys, so --copies 1 reproduces the
example byte for byte). Institutions and doctors are replicated C times
(--org-copies, default 4, at most k); copy j refers to institution/doctor copy
j mod C. Events that name no person belong to an institution or doctor and are
written once per institution copy (in data copies 0..C-1), so each institution
keeps the example's credit-file history.

Which columns are keys and which are references is read from the pack's
records.fides (`record R "…" key k {` and fields whose type is a record), so
the generator follows the data model rather than hard-coded column names.

Everything in a row that is not a key or a reference is copied verbatim,
including the deliberately malformed rows, so every rule fires k times as often
(C times for events without a person) and rejects.csv grows in proportion.

Speed: each input file is serialised once with the csv module, with a marker
character after every key/reference value; each copy is then that text with
the markers replaced by the copy's suffixes (two str.replace calls per file and
copy), streamed to the output. 1M lines take a few seconds.
"""
import argparse
import csv
import io
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ROW_MARK = "\x00"   # followed by the data copy's suffix
ORG_MARK = "\x01"   # followed by the institution/doctor copy's suffix
ORDER = ["Institution", "Doctor", "Person", "Settlement", "Line", "Event"]


def parse_records(path):
    """record name -> (key label, {column label: referenced record})."""
    text = open(path, encoding="utf-8").read()
    records = {}
    for m in re.finditer(r'^record\s+(\w+)\s+"[^"]*"\s+key\s+(\w+)\s*\{(.*?)^\}', text, re.M | re.S):
        name, key, body = m.group(1), m.group(2), m.group(3)
        fields = {}
        for f in re.finditer(r'^\s*(\w+)\s*:\s*(\w+)\??\s+"([^"]*)"', body, re.M):
            fields[f.group(1)] = (f.group(2), f.group(3))
        records[name] = (key, fields)
    out = {}
    for name, (key, fields) in records.items():
        key_label = fields[key][1]
        refs = {label: typ for typ, label in fields.values() if typ in records}
        out[name] = (key_label, refs)
    return out


def suffix(j):
    return "" if j == 0 else "-%d" % j


def template(rows, header, key_label, refs, org_records, own_is_org):
    """Serialise rows with markers after keys and references.

    Returns (text of all rows, text of the rows that name a non-org record
    through a reference, or of all rows when the record has no such column)."""
    roles = {}
    for i, col in enumerate(header):
        if col == key_label:
            roles[i] = ORG_MARK if own_is_org else ROW_MARK
        elif col in refs:
            roles[i] = ORG_MARK if refs[col] in org_records else ROW_MARK
    row_ref_cols = [i for i, col in enumerate(header) if col in refs and refs[col] not in org_records]
    everything, attached = io.StringIO(), io.StringIO()
    w_all = csv.writer(everything, lineterminator="\n")
    w_att = csv.writer(attached, lineterminator="\n")
    for row in rows:
        for cell in row:
            if ROW_MARK in cell or ORG_MARK in cell:
                sys.exit("scale_data.py: input contains a control character used as a marker")
        out = [cell + roles[i] if i in roles and cell != "" else cell for i, cell in enumerate(row)]
        w_all.writerow(out)
        # a row of a replicated record that names no replicated record (an
        # event of an institution or doctor only) travels with the org copies
        if own_is_org or not row_ref_cols or any(i < len(row) and row[i] != "" for i in row_ref_cols):
            w_att.writerow(out)
    return everything.getvalue(), attached.getvalue()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lines", type=int, help="target number of fee lines (Line rows); k = round(N / example lines)")
    ap.add_argument("--copies", type=int, help="number of copies k (instead of --lines)")
    ap.add_argument("--org-copies", type=int, default=4,
                    help="copies of institutions and doctors (default 4, clamped to [1, k])")
    ap.add_argument("--org-records", default="Institution,Doctor",
                    help="records replicated --org-copies times instead of k times")
    ap.add_argument("--src", default=os.path.join(ROOT, "examples/hunan/data"), help="example data folder")
    ap.add_argument("--records", default=os.path.join(ROOT, "examples/hunan/records.fides"),
                    help="the pack's data model, for keys and references")
    ap.add_argument("--out", required=True, help="output folder (created; files overwritten)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()

    model = parse_records(args.records)
    org_records = set(filter(None, args.org_records.split(",")))
    names = [n for n in ORDER if n in model] + sorted(n for n in model if n not in ORDER)

    inputs = {}
    for name in names:
        with open(os.path.join(args.src, name + ".csv"), encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        inputs[name] = (rows[0], rows[1:])

    base_lines = len(inputs["Line"][1])
    if args.copies:
        k = args.copies
    elif args.lines:
        k = max(1, round(args.lines / base_lines))
    else:
        ap.error("give --lines N or --copies K")
    c = max(1, min(args.org_copies, k))

    os.makedirs(args.out, exist_ok=True)
    started = time.time()
    counts = {}
    for name in names:
        header, rows = inputs[name]
        key_label, refs = model[name]
        missing = [col for col in [key_label, *refs] if col not in header]
        if missing:
            sys.exit("scale_data.py: %s.csv lacks column(s) %s" % (name, ", ".join(missing)))
        is_org = name in org_records
        everything, attached = template(rows, header, key_label, refs, org_records, is_org)
        n_all, n_att = everything.count("\n"), attached.count("\n")
        copies = c if is_org else k
        with open(os.path.join(args.out, name + ".csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            for j in range(copies):
                body = everything if (is_org or j < c) else attached
                f.write(body.replace(ROW_MARK, suffix(j)).replace(ORG_MARK, suffix(j % c)))
        counts[name] = n_all * min(copies, c) + n_att * max(0, copies - c) if not is_org else n_all * c
    if not args.quiet:
        print("scale_data: k=%d copies (org copies %d) in %.1fs -> %s" % (k, c, time.time() - started, args.out))
        for name in names:
            print("  %-12s %10d rows" % (name, counts[name]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
