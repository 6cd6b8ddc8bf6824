#!/usr/bin/env python3
"""stdlib/README.md lists every field of std/schema.fides with its input column
and a meaning, under its record's heading with the record's input file, and
says `personal` in the type of exactly the fields the schema marks so.

usage: readme_lists_fields.py STDLIB_DIR"""
import re
import sys

root = sys.argv[1]
schema = open(f"{root}/std/schema.fides", encoding="utf-8").read()
readme = open(f"{root}/README.md", encoding="utf-8").read()
failures = []
record = None
section = ""
for line in schema.splitlines():
    m = re.match(r'^record (\w+) "[^"]*" from "([^"]*)"', line)
    if m:
        record = m.group(1)
        heading = re.search(rf"^### {record} — .*`{re.escape(m.group(2))}`", readme, re.M)
        if not heading:
            failures.append(f"no heading for record {record} with its file {m.group(2)}")
        # The record's own section: two records may have a field of one name and column.
        end = readme.find("\n#", heading.end()) if heading else -1
        section = readme[heading.end():end if end >= 0 else len(readme)] if heading else ""
        continue
    m = re.match(r'^\s+(\w+):\s+\S+\s+"([^"]*)"', line)
    if m and record:
        field, column = m.groups()
        row = re.search(rf"^\| `{field}` \| `{re.escape(column)}` \| ([^|]+) \| ([^|]*) \|", section, re.M)
        if not row or not row.group(2).strip():
            failures.append(f"{record}.{field} (column {column}) is not listed with a meaning")
        elif ("personal" in row.group(1)) != bool(re.search(r'"\s+personal\b', line)):
            failures.append(f"{record}.{field}: the README and the schema disagree on whether it is personal")
for f in failures:
    print("FAIL: " + f)
print(f"readme fields: {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
