"""fides-serve answers exactly what fides-score adds (spec §10).

The oracle: fides-score on the history with a request's rows written into its
files — after the history's rows, or in place of the loaded row with the same
key — and the findings and errors it has that the history's run has not, on
the request's rows, the rows they reach through references, and the groups
attributed to those. The server's answer for the request must be exactly
that, amounts, messages and attribution included.

Two sources of requests:
  claims    fides-gen's credit files with claims cut out of them
            (claims.py): the history is the rest, each claim a request; some
            claims also repeat their person and institution unchanged, and
            some change loaded lines (a rebuild). The claims cover line,
            visit, person-window, group and peer rules of the standard
            library; the test fails if a kind is never found.
  requests  a pack, a history folder and request bodies (*.request.json).
Both end by stopping the server with SIGTERM.

usage: equality_test.py claims FIDES FIDES_SCORE FIDES_SERVE WORK --gen FIDES_GEN --pack-source MAIN.fides [--lines N] [--claims N]
       equality_test.py requests FIDES FIDES_SCORE FIDES_SERVE WORK --pack-source MAIN.fides --history DIR --requests DIR
"""
import argparse
import collections
import csv
import glob
import json
import os
import shutil
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import claims as claims_lib  # noqa: E402
import serve_process  # noqa: E402

KINDS = {
    "line": lambda r: r.startswith("L"),
    "visit": lambda r: r in {"V01", "V03", "V04", "V05", "V07", "V08", "V09"},
    "person window": lambda r: r in {"P03", "P05", "P06", "P09", "P12"},
    "group": lambda r: r in {"P01", "P02", "P10", "V02", "V06", "I03", "R02", "R03"},
    "peer": lambda r: r in {"I02", "I05", "R01"},
}


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


class Oracle:
    """fides-score's findings and errors on the history, and on the history with a request's rows."""

    def __init__(self, fides_score, pack, history, work):
        self.fides_score, self.pack, self.history, self.work = fides_score, pack, history, work
        self.header, self.known_findings, self.known_errors = self.score(history, "out-history")

    def score(self, data, name):
        out = os.path.join(self.work, name)
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run([self.fides_score, self.pack, "--data", data, "--out", out, "--quiet", "--threads", "2"],
                       check=True)
        header, findings = read_csv(os.path.join(out, "findings.csv"))
        _, errors = read_csv(os.path.join(out, "errors.csv"))
        return (header, collections.Counter(finding_of_csv(header, r) for r in findings),
                collections.Counter(tuple(r) for r in errors))

    def added(self, rows_by_file, keys_by_file):
        """What the history's files with these rows (by file: cells in the file's column order) add."""
        data = os.path.join(self.work, "with")
        shutil.rmtree(data, ignore_errors=True)
        os.makedirs(data)
        for name in os.listdir(self.history):
            header, rows = read_csv(os.path.join(self.history, name))
            # A row with a loaded key takes its place; any other comes after
            # (a key repeated within the request too: the loader keeps the first).
            key_at = header.index(keys_by_file[name]) if name in keys_by_file else None
            loaded = {r[key_at]: i for i, r in enumerate(rows)} if key_at is not None else {}
            for new in rows_by_file.get(name, []):
                if key_at is not None and new[key_at] in loaded:
                    rows[loaded[new[key_at]]] = new
                else:
                    rows.append(new)
            with open(os.path.join(data, name), "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(header)
                w.writerows(rows)
        _, findings, errors = self.score(data, "out-with")
        return findings - self.known_findings, errors - self.known_errors


def finding_of_csv(header, row):
    attributed = tuple((header[i], row[i]) for i in range(10, len(header)) if row[i])
    return (row[0], row[5], row[6], row[7], row[8], row[9], attributed)


def finding_of_answer(f):
    attributed = tuple((record, ";".join(keys)) for record, keys in f["attributed"].items())
    return (f["rule_id"], f["record"], f["key"], f["amount"], str(f["points"]), f["message"], attributed)


def error_of_answer(e):
    return (e["kind"], e["id"], e["record"], e["key"], e["message"])


class Reach:
    """A request's rows and what they reach through references, as (record, key)."""

    def __init__(self, pack, history, rows_by_file):
        self.pack = pack
        self.by_name = {r["name"]: r for r in pack["records"]}
        self.header, self.index = {}, {}
        for r in pack["records"]:
            header, rows = read_csv(os.path.join(history, r["file"]))
            self.header[r["name"]] = header
            at = header.index(r["key"])
            index = {row[at]: row for row in rows}
            for row in rows_by_file.get(r["file"], []):
                index[row[at]] = row
            self.index[r["name"]] = index

    def of(self, rows_by_file):
        by_file = {r["file"]: r["name"] for r in self.pack["records"]}
        todo = [(by_file[name], row) for name, rows in rows_by_file.items() for row in rows]
        seen = set()
        while todo:
            record, row = todo.pop()
            desc, header = self.by_name[record], self.header[record]
            key = row[header.index(desc["key"])]
            if (record, key) in seen:
                continue
            seen.add((record, key))
            for c in desc["columns"]:
                cell = row[header.index(c["column"])]
                if c["type"] in self.by_name and cell in self.index[c["type"]]:
                    todo.append((c["type"], self.index[c["type"]][cell]))
        return seen


def check(server, oracle, pack, label, body, rows_by_file):
    """Posts one request; returns the rule ids it found, and whether it matched."""
    keys = {r["file"]: r["key"] for r in pack["records"]}
    added, added_errors = oracle.added(rows_by_file, keys)
    reached = Reach(pack, oracle.history, rows_by_file).of(rows_by_file)
    groups = {g["name"] for g in pack["groups"]}
    sources = {g["name"]: g["for"] for g in pack["groups"]}

    # A group is a subject when a request row is one of its rows, which the
    # oracle cannot see; it takes the groups attributed to the request's rows
    # (through their reference keys) as expected, and allows the server the
    # other groups fides-score added too (text keys only, nothing attributed).
    def attributed_to_request(attributed):
        return any((rec, one) in reached for rec, keys in attributed for one in keys.split(";"))

    expected = collections.Counter(
        {f: k for f, k in added.items() if attributed_to_request(f[6]) if f[1] in groups or (f[1], f[2]) in reached})
    allowed = collections.Counter({f: k for f, k in added.items() if f[1] in groups and not f[6]})
    expected_errors = collections.Counter(
        {e: k for e, k in added_errors.items()
         if (e[2], e[3]) in reached or (e[0] == "group" and (sources.get(e[1]), e[3]) in reached)})
    status, answer = server.post_json("/v1/review", body)
    got = collections.Counter(finding_of_answer(f) for f in answer.get("findings", []))
    got_errors = collections.Counter(error_of_answer(e) for e in answer.get("errors", []))
    problems = [] if status == 200 else [f"status {status}: {answer}"]
    problems += [f"missing  {f}" for f in expected - got] + [f"extra    {f}" for f in got - expected - allowed]
    problems += [f"missing error {e}" for e in expected_errors - got_errors]
    problems += [f"extra error   {e}" for e in got_errors - expected_errors]
    print(("FAIL " if problems else "ok   ") + f"{label}: {sum(expected.values())} findings, "
          f"{sum(expected_errors.values())} errors, {len(answer.get('rejects', []))} rejects")
    for p in problems:
        print("  " + p)
    return [f[0] for f in expected], not problems


def build_pack(fides, source, work):
    pack = os.path.join(work, "pack.so")
    subprocess.run([fides, "build", source, "-o", pack], check=True, stdout=subprocess.DEVNULL)
    return pack


def run_claims(a, server_args):
    full, history = os.path.join(a.work, "full"), os.path.join(a.work, "history")
    subprocess.run([a.gen, "--lines", str(a.lines), "--seed", str(a.seed), "--out", full, "--quiet"], check=True)
    pack = build_pack(a.fides, a.pack_source, a.work)
    files = claims_lib.Files(full)
    claims = claims_lib.pick_claims(files, os.path.join(full, "truth.csv"), a.claims, a.seed)
    claims_lib.write_history(files, claims, history)
    oracle = Oracle(a.fides_score, pack, history, a.work)
    server = serve_process.Server(a.fides_serve, [pack, "--data", history, *server_args])
    description = server.get_json("/v1/pack")
    failures, found = 0, collections.Counter()
    history_files = claims_lib.Files(history)
    for n, claim in enumerate(claims):
        rows = dict(claims_lib.claim_rows(files, claim))
        kind = "new person" if claim.new_person else "new claim"
        if n % 4 == 1:  # repeats its person and institution, unchanged
            rows.update(claims_lib.unchanged_rows(history_files, rows))
            kind += ", repeating loaded rows"
        body = claims_lib.request_body(files, rows, description)
        rules, ok = check(server, oracle, description, f"claim {n} ({claim.visit_id}, {kind})", body, rows)
        found.update(rules)
        failures += not ok
    for n, visit in enumerate(claims_lib.loaded_visits(history_files, a.changed, a.seed)):
        rows = claims_lib.changed_lines(history_files, visit, structural=n % 2 == 1)
        body = claims_lib.request_body(history_files, rows, description)
        rules, ok = check(server, oracle, description, f"changed lines of loaded visit {visit}", body, rows)
        found.update(rules)
        failures += not ok
    print("findings by rule over all requests: " + ", ".join(f"{r} {c}" for r, c in sorted(found.items())))
    for kind, test in KINDS.items():
        if not any(test(r) for r in found):
            print(f"FAIL: no request found a {kind} rule's finding; the claims do not cover it")
            failures += 1
    return server, failures, len(claims) + a.changed


def run_requests(a, server_args):
    pack = build_pack(a.fides, a.pack_source, a.work)
    oracle = Oracle(a.fides_score, pack, a.history, a.work)
    server = serve_process.Server(a.fides_serve, [pack, "--data", a.history, *server_args])
    description = server.get_json("/v1/pack")
    by_name = {r["name"]: r for r in description["records"]}
    paths = sorted(glob.glob(os.path.join(a.requests, "*.request.json")))
    failures = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            body = f.read()
        # Numbers as written: 10.00 stays "10.00" in the CSV, as the server reads it.
        request = json.loads(body, parse_float=str, parse_int=str)
        rows = {}
        for record, objects in request["records"].items():
            desc = by_name[record]
            header, _ = read_csv(os.path.join(a.history, desc["file"]))
            cells = [[str(o.get(c, "") if o.get(c) is not None else "") for c in header] for o in objects]
            rows[desc["file"]] = cells
        _, ok = check(server, oracle, description, os.path.basename(path), body, rows)
        failures += not ok
    return server, failures, len(paths)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["claims", "requests"])
    for name in ("fides", "fides_score", "fides_serve", "work"):
        ap.add_argument(name)
    ap.add_argument("--pack-source", required=True)
    ap.add_argument("--gen")
    ap.add_argument("--history")
    ap.add_argument("--requests")
    ap.add_argument("--lines", type=int, default=20000)
    ap.add_argument("--claims", type=int, default=80)
    ap.add_argument("--changed", type=int, default=4)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    server_args = ["--threads", "2"]
    server, failures, count = (run_claims if a.mode == "claims" else run_requests)(a, server_args)
    code = server.stop(signal.SIGTERM)
    if code != 0 or "stopped (SIGTERM)" not in server.stderr():
        print(f"FAIL: after SIGTERM the server exited {code}: {server.stderr()}")
        failures += 1
    print(f"{count} requests, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
