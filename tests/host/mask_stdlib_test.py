#!/usr/bin/env python3
"""fides-score --mask on the standard library over generated credit files,
with malformed rows added that hold persons found nowhere else:

- no value of a personal field of the input (person number, ID card number,
  name, phone; every person number a row refers to; the cells of the rows
  added, loaded or rejected) appears in any output file or on stdout;
- each pseudonym is "~" + the first 16 hex digits of HMAC-SHA-256(key, value),
  computed here independently;
- two runs with one key give identical outputs, another key other pseudonyms;
- the interpreter (fides run --interpret) masks exactly as the native pack;
- without --mask the same values are there (the check can fail).

usage: mask_stdlib_test.py FIDES FIDES_SCORE FIDES_GEN STDLIB_MAIN WORK_DIR"""
import csv
import hashlib
import hmac
import os
import re
import shutil
import subprocess
import sys

fides, fides_score, fides_gen, stdlib_main, work = sys.argv[1:6]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
data = f"{work}/data"
failures = []


def run(*args, stdout=subprocess.PIPE):
    r = subprocess.run(args, stdout=stdout, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.exit(f"FAIL: {' '.join(args)} exited {r.returncode}: {r.stderr}")
    return r.stdout


def append(file, lines):
    with open(f"{data}/{file}", "a", encoding="utf-8", newline="") as f:
        f.write("".join(line + "\n" for line in lines))


run(fides_gen, "--lines", "2000", "--seed", "5", "--out", data, "--quiet")
with open(f"{data}/FEE_LIST_D.csv", encoding="utf-8") as f:
    fee_header, fee_row = next(csv.reader(f)), next(csv.reader(f))
with open(f"{data}/MDTRT_D.csv", encoding="utf-8") as f:
    visit_header, visit_row = next(csv.reader(f)), next(csv.reader(f))


def row_with(header, row, **cells):
    out = list(row)
    for column, value in cells.items():
        out[header.index(column)] = value
    return ",".join(out)


# Persons that exist only in malformed rows (psn_no, certno, psn_name, gend, brdy, tel, …).
append("PSN_INFO_B.csv", [
    "43999999990000000001,430111199001011234,欧阳明月,1,1990-13-01,18699990001,430111,390,",  # bad date
    "43999999990000000002,430111199002021235,司马红,2",                                         # too few cells
    '43999999990000000003,"43011119900303123"6,上官云,1,1990-03-03,18699990003,430111,390,',   # stray quote
])
append("FEE_LIST_D.csv", [
    row_with(fee_header, fee_row, feedetl_sn="FDMASKTEST0001", psn_no="43999999990000000004"),  # unknown person
    row_with(fee_header, fee_row, feedetl_sn="FDMASKTEST0002", psn_no="43999999990000000001"),  # rejected person
])
append("MDTRT_D.csv", [
    row_with(visit_header, visit_row, mdtrt_id="MDMASKTEST0001", psn_no="43999999990000000005",
             certno="430111199005051238"),
])

# Every personal value of the input, malformed rows included (cells split plainly).
personal = {"PSN_INFO_B.csv": ["psn_no", "certno", "psn_name", "tel"], "MDTRT_D.csv": ["psn_no", "certno"],
            "SETL_D.csv": ["psn_no"], "FEE_LIST_D.csv": ["psn_no"], "CRED_EVT_D.csv": ["psn_no"]}
values = set()
for file, columns in personal.items():
    with open(f"{data}/{file}", encoding="utf-8") as f:
        lines = f.read().splitlines()
    header = lines[0].split(",")
    for line in lines[1:]:
        cells = line.split(",")
        for column in columns:
            at = header.index(column)
            if at < len(cells):
                values.add(cells[at].strip('"'))
values = {v for v in values if len(v) >= 2}
for planted in ["43999999990000000002", "430111199002021235", "司马红", "上官云", "43999999990000000004",
                "430111199005051238"]:
    if planted not in values:
        failures.append(f"the planted value {planted} is not among those checked")

pack = f"{work}/std.so"
run(fides, "build", stdlib_main, "-o", pack)
key, other_key = f"{work}/bureau.key", f"{work}/other.key"
with open(key, "wb") as f:
    f.write(bytes(range(40)))
with open(other_key, "wb") as f:
    f.write(bytes(range(1, 41)))

outputs = ["findings.csv", "scores.csv", "errors.csv", "rejects.csv", "run.json"]


def score(name, *extra, program=None):
    out = f"{work}/{name}"
    stdout = run(*(program or [fides_score, pack]), "--data", data, "--out", out, "--threads", "2", *extra)
    texts = {file: open(f"{out}/{file}", encoding="utf-8").read() for file in outputs}
    texts["stdout"] = stdout
    return texts


def leaks(texts):
    return sorted((value, name) for value in values for name, text in texts.items() if value in text)


masked = score("masked", "--mask", key)
again = score("again", "--mask", key)
other = score("other", "--mask", other_key)
interpreted = score("interpreted", "--mask", key, program=[fides, "run", stdlib_main, "--interpret"])
clear = score("clear")

for value, name in leaks(masked)[:20]:
    failures.append(f"{value} appears in {name}")
shown = {value for value, _ in leaks(clear)}
if len(shown) < len(values) // 3:
    failures.append(f"without --mask only {len(shown)} of {len(values)} values appear: the check is blind")
if "43999999990000000002" not in clear["rejects.csv"]:
    failures.append("the row with too few cells is not echoed in the clear rejects.csv")

pseudonym = re.compile(r"~[0-9a-f]{16}")
for file in outputs[:4]:
    if masked[file] != again[file]:
        failures.append(f"{file} differs between two runs with the same key")
    if masked[file] != interpreted[file]:
        failures.append(f"{file} differs between the native pack and the interpreter")
mine, theirs = set(pseudonym.findall(str(masked))), set(pseudonym.findall(str(other)))
if len(mine) < 100 or mine & theirs:
    failures.append(f"{len(mine)} pseudonyms, {len(mine & theirs)} of them also made by another key")


def expected(value):
    return "~" + hmac.new(bytes(range(40)), value.encode(), hashlib.sha256).hexdigest()[:16]


for value in ["43999999990000000001", "43999999990000000004", "430111199005051238"]:
    if expected(value) not in masked["rejects.csv"]:
        failures.append(f"rejects.csv lacks {expected(value)}, the pseudonym of {value}")
# Person numbers (all of one length, none inside another) stand where their values stood.
numbers = [v for v in values if re.fullmatch(r"43\d{18}", v) and v in clear["findings.csv"]]
if not numbers:
    failures.append("no person number in the clear findings.csv")
for value in numbers:
    if expected(value) not in masked["findings.csv"]:
        failures.append(f"findings.csv lacks {expected(value)}, the pseudonym of {value}")

run_json = masked["run.json"]
fingerprint = hashlib.sha256(b"fides mask key fingerprint\n" + bytes(range(40))).hexdigest()[:16]
for part in ['"masked": true', f'"mask_key": "{fingerprint}"', '"Person.certno"', '"Visit.certno"',
             '"SharedPhone.phone"']:
    if part not in run_json:
        failures.append(f"run.json lacks {part}")
if '"masked"' in clear["run.json"]:
    failures.append("an unmasked run.json says masked")

for f in failures:
    print("FAIL: " + f)
print(f"mask: {len(values)} personal values, {len(mine)} pseudonyms, {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
