"""Cuts the benchmark's claims out of fides-gen's files: visits with about 50
fee lines (45 to 55), each with its settlements, lines and diagnoses
(tests/serve/claims.py). Writes the history (the files without those claims)
and one request body per line (the claims as fides-serve reads them).

usage: make_claims.py FULL_DIR HISTORY_DIR BODIES_FILE PACK_JSON [--claims N] [--seed S]
PACK_JSON is GET /v1/pack of the pack (for which columns are numbers).
"""
import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "serve"))
import claims as claims_lib  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("full")
    ap.add_argument("history")
    ap.add_argument("bodies")
    ap.add_argument("pack_json")
    ap.add_argument("--claims", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    files = claims_lib.Files(a.full)
    with open(a.pack_json, encoding="utf-8") as f:
        pack = json.load(f)
    at = files.column(claims_lib.LINE, "mdtrt_id")
    lines = {}
    for row in files.rows[claims_lib.LINE]:
        lines[row[at]] = lines.get(row[at], 0) + 1
    visits = sorted(v for v, n in lines.items() if 45 <= n <= 55)
    random.Random(a.seed).shuffle(visits)
    claims = [claims_lib.Claim(v) for v in visits[:a.claims]]
    claims_lib.write_history(files, claims, a.history)
    total = 0
    with open(a.bodies, "w", encoding="utf-8") as out:
        for claim in claims:
            rows = claims_lib.claim_rows(files, claim)
            total += len(rows[claims_lib.LINE])
            out.write(claims_lib.request_body(files, rows, pack) + "\n")
    print(f"{len(claims)} claims, {total / max(len(claims), 1):.1f} fee lines each on average")


if __name__ == "__main__":
    sys.exit(main())
