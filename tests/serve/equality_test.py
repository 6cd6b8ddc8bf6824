"""fides-serve answers exactly what fides-score adds (spec §10).

Generates credit files with fides-gen, cuts claims out of them (claims.py),
scores the rest with fides-score (the history) and starts fides-serve on it.
Then, for every claim: fides-score on the history with the claim's rows
appended, and the findings it adds — those not in the history's
findings.csv, on the claim's rows, the rows they reach through references
and the groups they are in — must be exactly the server's answer for the
claim, amounts, messages and attribution included. The claims cover line,
visit, settlement, person-window, group and peer rules; the test fails if a
kind is never found. Ends by stopping the server with SIGTERM.

usage: equality_test.py FIDES FIDES_SCORE FIDES_GEN FIDES_SERVE STDLIB_MAIN WORK [--lines N] [--claims N]
"""
import argparse
import collections
import csv
import os
import shutil
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import claims as claims_lib  # noqa: E402
import serve_process  # noqa: E402

GROUP_RULES = {"P01", "P02", "P10", "V02", "V06", "I03", "R02", "R03"}
KINDS = {
    "line": lambda r: r.startswith("L"),
    "visit": lambda r: r in {"V01", "V03", "V04", "V05", "V07", "V08", "V09"},
    "person window": lambda r: r in {"P03", "P05", "P06", "P09", "P12"},
    "group": lambda r: r in GROUP_RULES,
    "peer": lambda r: r in {"I02", "I05", "R01"},
}


def score(fides_score, pack, data, out):
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([fides_score, pack, "--data", data, "--out", out, "--quiet", "--threads", "2"], check=True)
    with open(os.path.join(out, "findings.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    return header, rows


def finding_of_csv(header, row):
    attributed = tuple((header[i], row[i]) for i in range(10, len(header)) if row[i])
    return (row[0], row[5], row[6], row[7], row[8], row[9], attributed)


def finding_of_answer(f):
    attributed = tuple((record, ";".join(keys)) for record, keys in f["attributed"].items())
    return (f["rule_id"], f["record"], f["key"], f["amount"], str(f["points"]), f["message"], attributed)


class Reach:
    """The claim's rows and what they reach through references, as (record, key)."""

    def __init__(self, files, pack):
        self.files, self.pack = files, pack
        self.by_name = {r["name"]: r for r in pack["records"]}
        self.index = {}
        for r in pack["records"]:
            at = files.column(r["file"], r["key"])
            self.index[r["name"]] = {row[at]: row for row in files.rows[r["file"]]}

    def of(self, rows_by_file):
        by_file = {r["file"]: r["name"] for r in self.pack["records"]}
        todo = [(by_file[name], row) for name, rows in rows_by_file.items() for row in rows]
        seen = set()
        while todo:
            record, row = todo.pop()
            desc = self.by_name[record]
            header = self.files.header[desc["file"]]
            key = row[header.index(desc["key"])]
            if (record, key) in seen:
                continue
            seen.add((record, key))
            for c in desc["columns"]:
                target = c["type"]
                cell = row[header.index(c["column"])]
                if target in self.by_name and cell and cell in self.index[target]:
                    todo.append((target, self.index[target][cell]))
        return seen


def main():
    ap = argparse.ArgumentParser()
    for name in ("fides", "fides_score", "fides_gen", "fides_serve", "stdlib_main", "work"):
        ap.add_argument(name)
    ap.add_argument("--lines", type=int, default=20000)
    ap.add_argument("--claims", type=int, default=60)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()

    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    full, history = os.path.join(a.work, "full"), os.path.join(a.work, "history")
    subprocess.run([a.fides_gen, "--lines", str(a.lines), "--seed", str(a.seed), "--out", full, "--quiet"], check=True)
    pack = os.path.join(a.work, "std.so")
    subprocess.run([a.fides, "build", a.stdlib_main, "-o", pack], check=True, stdout=subprocess.DEVNULL)
    files = claims_lib.Files(full)
    claims = claims_lib.pick_claims(files, os.path.join(full, "truth.csv"), a.claims, a.seed)
    claims_lib.write_history(files, claims, history)
    header, history_rows = score(a.fides_score, pack, history, os.path.join(a.work, "out-history"))
    known = collections.Counter(finding_of_csv(header, r) for r in history_rows)

    server = serve_process.Server(a.fides_serve, [pack, "--data", history, "--threads", "2"])
    description = server.get_json("/v1/pack")
    group_names = {g["name"] for g in description["groups"]}
    reach = Reach(files, description)
    failures, found = 0, collections.Counter()
    for n, claim in enumerate(claims):
        rows = claims_lib.claim_rows(files, claim)
        with_dir = os.path.join(a.work, "with")
        shutil.rmtree(with_dir, ignore_errors=True)
        claims_lib.write_with(history, files, rows, with_dir)
        _, with_rows = score(a.fides_score, pack, with_dir, os.path.join(a.work, "out-with"))
        added = collections.Counter(finding_of_csv(header, r) for r in with_rows) - known
        reached = reach.of(rows)
        expected = collections.Counter()
        for f, k in added.items():
            record, key, attributed = f[1], f[2], f[6]
            if record in group_names:
                keep = any((rec, one) in reached for rec, keys in attributed for one in keys.split(";"))
            else:
                keep = (record, key) in reached
            if keep:
                expected[f] += k
        status, answer = server.post_json("/v1/review", claims_lib.request_body(files, rows, description))
        got = collections.Counter(finding_of_answer(f) for f in answer.get("findings", []))
        problems = []
        if status != 200:
            problems.append(f"status {status}: {answer}")
        if answer.get("errors") or answer.get("rejects"):
            problems.append(f"errors {answer.get('errors')} rejects {answer.get('rejects')}")
        for f in expected - got:
            problems.append(f"missing  {f}")
        for f in got - expected:
            problems.append(f"extra    {f}")
        for f in expected:
            found[f[0]] += 1
        label = f"claim {n} ({claim.visit_id}{', new person' if claim.new_person else ''}): " \
                f"{sum(expected.values())} findings"
        if problems:
            failures += 1
            print("FAIL " + label)
            for p in problems:
                print("  " + p)
        else:
            print("ok   " + label)
    print("findings by rule over all claims: " + ", ".join(f"{r} {c}" for r, c in sorted(found.items())))
    for kind, test in KINDS.items():
        if not any(test(r) for r in found):
            print(f"FAIL: no claim found a {kind} rule's finding; the claims do not cover it")
            failures += 1

    code = server.stop(signal.SIGTERM)
    if code != 0 or "stopped (SIGTERM)" not in server.stderr():
        print(f"FAIL: after SIGTERM the server exited {code}: {server.stderr()}")
        failures += 1
    print(f"{len(claims)} claims, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
