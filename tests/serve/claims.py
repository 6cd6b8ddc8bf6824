"""Claims cut out of credit files that fides-gen made, for fides-serve's tests
and benchmark.

A claim is one visit (MDTRT_D) with its settlements (SETL_D), fee lines
(FEE_LIST_D) and diagnoses (SETL_LIST_DIAG_D), all joined by mdtrt_id; a
claim of a "new person" also carries the person (PSN_INFO_B), whose only
visit it is. Cutting claims out of the files leaves a history; the claim's
rows sent to fides-serve, or appended to the history's files for
fides-score, are the same rows.
"""
import csv
import json
import os
import random
import re

VISIT, SETTLEMENT, LINE, DIAGNOSIS, PERSON = (
    "MDTRT_D.csv", "SETL_D.csv", "FEE_LIST_D.csv", "SETL_LIST_DIAG_D.csv", "PSN_INFO_B.csv")
CLAIM_FILES = (PERSON, VISIT, SETTLEMENT, LINE, DIAGNOSIS)


class Files:
    """Every CSV of a data folder: header and rows (lists of cells), in file order."""

    def __init__(self, folder):
        self.folder = folder
        self.header, self.rows, self._indexes = {}, {}, {}
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".csv") or name.startswith("truth"):
                continue
            with open(os.path.join(folder, name), newline="", encoding="utf-8") as f:
                table = list(csv.reader(f))
            self.header[name], self.rows[name] = table[0], table[1:]

    def column(self, name, column):
        return self.header[name].index(column)

    def rows_by(self, name, column, value):
        """The rows of file `name` whose `column` holds `value`, in file order."""
        index = self._indexes.get((name, column))
        if index is None:
            at, index = self.column(name, column), {}
            for r in self.rows[name]:
                index.setdefault(r[at], []).append(r)
            self._indexes[(name, column)] = index
        return index.get(value, [])


class Claim:
    def __init__(self, visit_id, new_person=False):
        self.visit_id, self.new_person = visit_id, new_person


def claim_rows(files, claim):
    """The claim's rows, by file, in file order."""
    out = {}
    for name in (VISIT, SETTLEMENT, LINE, DIAGNOSIS):
        out[name] = files.rows_by(name, "mdtrt_id", claim.visit_id)
    if claim.new_person:
        out[PERSON] = files.rows_by(PERSON, "psn_no", out[VISIT][0][files.column(VISIT, "psn_no")])
    return out


def _visits_by(files, column):
    at, by = files.column(VISIT, column), {}
    for r in files.rows[VISIT]:
        by.setdefault(r[at], []).append(r)
    return by


def pick_claims(files, truth_file, count, seed):
    """About `count` claims: the visits of findings fides-gen planted (so that
    every kind of rule has something to find), then visits at random; one in
    five of the random ones a new person's only visit."""
    rng = random.Random(seed)
    vid = files.column(VISIT, "mdtrt_id")
    begin = files.column(VISIT, "begntime")
    line_visit = {r[files.column(LINE, "feedetl_sn")]: r[files.column(LINE, "mdtrt_id")] for r in files.rows[LINE]}
    by_person, by_doctor = _visits_by(files, "psn_no"), _visits_by(files, "atddr_no")
    by_institution = _visits_by(files, "fixmedins_code")
    chosen, seen_rules = [], {}

    def add(visit_id, rule, most):
        if visit_id and visit_id not in chosen and seen_rules.get(rule, 0) < most:
            chosen.append(visit_id)
            seen_rules[rule] = seen_rules.get(rule, 0) + 1

    def last_matching(visits, key_parts):
        days = [p for p in key_parts if re.fullmatch(r"\d{4}-\d\d-\d\d", p)]
        for day in days:
            same = [v for v in visits if v[begin] == day] or [v for v in visits if v[begin][:7] == day[:7]]
            if same:
                return same[-1][vid]
        return visits[-1][vid] if visits else None

    with open(truth_file, newline="", encoding="utf-8") as f:
        truth = list(csv.DictReader(f))
    # One claim per rule first, then a second one.
    for most in (1, 2):
        for row in truth:
            rule, record, key = row["rule_id"], row["record"], row["key"]
            parts = key.split("|")
            if record == "FeeLine":
                add(line_visit.get(key), rule, most)
            elif record == "Visit":
                add(key, rule, most)
            elif record == "Institution" and key in by_institution:
                add(by_institution[key][-1][vid], rule, most)
            elif parts[0].startswith("MD"):
                add(parts[0], rule, most)
            elif parts[0] in by_person:
                add(last_matching(by_person[parts[0]], parts[1:]), rule, most)
            elif parts[0] in by_doctor:
                add(last_matching(by_doctor[parts[0]], parts[1:]), rule, most)
    claims = [Claim(v) for v in chosen[:count]]
    taken = set(chosen)
    only_visit = [v[0][vid] for v in by_person.values() if len(v) == 1]
    visits = [r[vid] for r in files.rows[VISIT]]
    while len(claims) < count:
        new_person = rng.random() < 0.2 and only_visit
        visit_id = rng.choice(only_visit) if new_person else rng.choice(visits)
        if visit_id not in taken:
            taken.add(visit_id)
            claims.append(Claim(visit_id, bool(new_person)))
    return claims


def write_history(files, claims, out):
    """The files without any claim's rows."""
    cut = {name: set() for name in CLAIM_FILES}
    for claim in claims:
        for name, rows in claim_rows(files, claim).items():
            cut[name].update(id(r) for r in rows)
    os.makedirs(out, exist_ok=True)
    for name, rows in files.rows.items():
        with open(os.path.join(out, name), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(files.header[name])
            w.writerows(r for r in rows if id(r) not in cut.get(name, ()))


def write_with(history, files, rows_by_file, out):
    """The history's files with the claim's rows appended to their files."""
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(history):
        with open(os.path.join(history, name), encoding="utf-8") as f:
            text = f.read()
        extra = rows_by_file.get(name, [])
        if extra:
            lines = []
            for r in extra:
                buf = []
                csv.writer(_Collect(buf), lineterminator="\n").writerow(r)
                lines.append("".join(buf))
            text += "".join(lines)
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(text)


class _Collect:
    def __init__(self, buf):
        self.buf = buf

    def write(self, s):
        self.buf.append(s)


NUMBER = re.compile(r"-?(0|[1-9]\d*)(\.\d+)?")


def request_body(files, rows_by_file, pack):
    """The review request for the claim's rows. Cells of number columns that
    are JSON numbers are sent as numbers, exactly as written ("14.00" as
    14.00); everything else as strings."""
    by_file = {r["file"]: r for r in pack["records"]}
    records = []
    for name, rows in rows_by_file.items():
        desc = by_file[name]
        numeric = {c["column"] for c in desc["columns"] if c["type"] in ("int", "decimal", "money")}
        objs = []
        for r in rows:
            cells = []
            for column, cell in zip(files.header[name], r):
                value = cell if column in numeric and NUMBER.fullmatch(cell) else json.dumps(cell, ensure_ascii=False)
                cells.append(json.dumps(column, ensure_ascii=False) + ":" + value)
            objs.append("{" + ",".join(cells) + "}")
        records.append(json.dumps(desc["name"], ensure_ascii=False) + ":[" + ",".join(objs) + "]")
    return '{"records":{' + ",".join(records) + "}}"


INSTITUTION = "FIXMEDINS_B.csv"


def unchanged_rows(history, rows_by_file):
    """The loaded rows of a claim's person and institution, as the history has
    them (a client sending what the server already knows)."""
    visit = rows_by_file[VISIT][0]
    out = {}
    if PERSON not in rows_by_file:
        out[PERSON] = history.rows_by(PERSON, "psn_no", visit[history.column(VISIT, "psn_no")])
    out[INSTITUTION] = history.rows_by(INSTITUTION, "fixmedins_code", visit[history.column(VISIT, "fixmedins_code")])
    return out


def loaded_visits(history, count, seed):
    """Visits of the history with at least two fee lines."""
    at = history.column(VISIT, "mdtrt_id")
    visits = [r[at] for r in history.rows[VISIT] if len(history.rows_by(LINE, "mdtrt_id", r[at])) >= 2]
    return random.Random(seed).sample(visits, count)


def changed_lines(history, visit, structural):
    """A loaded visit's fee lines sent again, changed: each line's amount
    tripled, or (structural) the first line's item code that of the second,
    which moves it between groups."""
    lines = [list(r) for r in history.rows_by(LINE, "mdtrt_id", visit)]
    if structural:
        code = history.column(LINE, "hilist_code")
        lines[0][code] = lines[1][code]
    else:
        amount = history.column(LINE, "det_item_fee_sumamt")
        for r in lines:
            cents = round(float(r[amount]) * 100) * 3
            r[amount] = f"{cents // 100}.{cents % 100:02d}"
    return {LINE: lines}
