#!/usr/bin/env python3
"""Turn the runs recorded by bench/run-bench.sh into tables (stdout) and RESULTS.md."""
import argparse
import csv
import datetime as dt
import json
import os
import platform
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EVAL_KEYS = ["rules_ms", "findings_view_ms", "rules_using_hits_ms", "all_findings_view_ms", "scorecards_ms"]
SUPERLINEAR = 1.5   # growth factor above which a rule is flagged


def load_runs(path):
    runs = []
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            r["wall_s"] = float(r["wall_s"])
            r["rss_kb"] = int(r["rss_kb"]) if r["rss_kb"] else None
            with open(r["json"], encoding="utf-8") as j:
                r["run"] = json.load(j)
            t = dict(r["run"]["timings"])
            r["t"] = t
            r["load"] = t.get("load_ms", 0.0)
            r["eval"] = sum(t.get(k, 0.0) for k in EVAL_KEYS)
            r["write"] = t.get("write_ms", 0.0)
            r["other"] = r["wall_s"] * 1000 - t.get("total_ms", 0.0)
            inputs = {i["record"]: i for i in r["run"]["inputs"]}
            r["inputs"] = inputs
            r["lines"] = inputs["Line"]["rows"]
            r["rows"] = sum(i["rows"] for i in inputs.values())
            runs.append(r)
    return runs


def best(runs, size, variant):
    c = [r for r in runs if r["size"] == size and r["variant"] == variant]
    if not c:
        return None, 0
    return min(c, key=lambda r: r["wall_s"]), len(c)


def best_by(runs, size, variant, key):
    c = [r for r in runs if r["size"] == size and r["variant"] == variant]
    return min(c, key=lambda r: r[key]) if c else None


def fmt_ms(x):
    return "%.0f" % x if x >= 100 else "%.1f" % x


def fmt_rate(x):
    if x >= 1e6:
        return "%.2f M" % (x / 1e6)
    return "%.0f k" % (x / 1e3)


def ratio(a, b):
    return "%.2f×" % (a / b) if a and b else "n/a"


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def cpu_model():
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def git_head():
    try:
        head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        return head + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def rule_subjects(packs):
    subj = {}
    if os.path.isdir(packs):
        for name in os.listdir(packs):
            if name.endswith(".fides"):
                m = re.search(r"^\s*for\s+\w+\s*:\s*(\w+)", open(os.path.join(packs, name), encoding="utf-8").read(), re.M)
                if m:
                    subj[name[:-6]] = m.group(1)
    return subj


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", required=True)
    ap.add_argument("--results-dir", required=True)
    ap.add_argument("--command", required=True)
    ap.add_argument("--nproc", type=int, required=True)
    ap.add_argument("--build-s", type=float)
    ap.add_argument("--build-note", default="")
    ap.add_argument("--load-before", default="")
    ap.add_argument("--load-after", default="")
    ap.add_argument("--elapsed", default="")
    ap.add_argument("--write")
    args = ap.parse_args()

    runs = load_runs(args.runs)
    nproc = args.nproc
    variants = [("native-1", "native, 1 thread"), ("native-%d" % nproc, "native, %d threads" % nproc),
                ("interp-1", "interpreter, 1 thread")]
    sizes = [s for s in ("small", "large") if any(r["size"] == s for r in runs)]
    md = []

    # ---------------------------------------------------------------- main table
    rows = []
    for size in sizes:
        for v, label in variants:
            r, n = best(runs, size, v)
            if not r:
                rows.append([size, label, 0, "—", "skipped", "", "", "", "", "", "", ""])
                continue
            t = r["t"]
            views = t.get("findings_view_ms", 0) + t.get("all_findings_view_ms", 0)
            rows.append([size, label, n, "{:,}".format(r["lines"]), "%.3f" % r["wall_s"],
                         fmt_rate(r["lines"] / r["wall_s"]), fmt_ms(r["load"]),
                         "%s (%s + %s + %s)" % (fmt_ms(r["eval"]), fmt_ms(t.get("rules_ms", 0) + t.get("rules_using_hits_ms", 0)),
                                                fmt_ms(views), fmt_ms(t.get("scorecards_ms", 0))),
                         fmt_ms(r["write"]), fmt_ms(r["other"]),
                         "%.0f" % (r["rss_kb"] / 1024) if r["rss_kb"] else "",
                         fmt_rate(r["lines"] / (r["eval"] / 1000)) if r["eval"] else ""])
    n_rules = len({r["variant"] for r in runs if r["variant"].startswith("rule-")})
    md.append("## Whole pack (%d rules and its scorecards)\n" % n_rules)
    md.append("Best of N wall-clock runs (N = runs column); the split is the `timings` of that run's run.json.\n"
              "eval = rules + findings views + scorecards; other = wall − total_ms (process start, pack "
              "load, and for the interpreter the front end that parses and checks the pack).\n")
    md.append(table(["size", "variant", "runs", "fee lines", "wall s", "fee lines/s", "load ms",
                     "eval ms (rules + views + cards)", "write ms", "other ms", "peak RSS MB", "eval lines/s"], rows))

    # ---------------------------------------------------------------- ratios
    rows = []
    n1, nn, ip = "native-1", "native-%d" % nproc, "interp-1"
    for size in sizes:
        a, _ = best(runs, size, n1)
        b, _ = best(runs, size, nn)
        c, _ = best(runs, size, ip)
        ea, eb, ec = (best_by(runs, size, v, "eval") for v in (n1, nn, ip))
        rows.append([size,
                     ratio(c and c["wall_s"], a and a["wall_s"]), ratio(ec and ec["eval"], ea and ea["eval"]),
                     ratio(a and a["wall_s"], b and b["wall_s"]), ratio(ea and ea["eval"], eb and eb["eval"])])
    md.append("\n## Ratios (measured in this run)\n")
    md.append("Above 1 means the first named is slower: interpreter ÷ native (1 thread each), "
              "1 thread ÷ all cores. \"eval\" compares only the evaluation strata, the best of each.\n")
    md.append(table(["size", "interp ÷ native, wall", "interp ÷ native, eval",
                     "1 thread ÷ %d threads, wall" % nproc, "1 thread ÷ %d threads, eval" % nproc], rows))

    # ---------------------------------------------------------------- growth
    if len(sizes) == 2:
        rows = []
        for v, label in variants:
            a, _ = best(runs, "small", v)
            b, _ = best(runs, "large", v)
            if not a or not b:
                rows.append([label, "n/a", "", "", "", "", ""])
                continue
            k = b["lines"] / a["lines"]

            def g(x, y):
                return "%.2f" % ((y / x) / k) if x > 0 else "n/a"
            sa, sb = a["t"].get("scorecards_ms", 0), b["t"].get("scorecards_ms", 0)
            ra = a["t"].get("rules_ms", 0) + a["t"].get("rules_using_hits_ms", 0)
            rb = b["t"].get("rules_ms", 0) + b["t"].get("rules_using_hits_ms", 0)
            rows.append([label, "%.2f" % k, g(a["wall_s"], b["wall_s"]), g(a["load"], b["load"]),
                         g(ra, rb), g(sa, sb), g(a["write"], b["write"])])
        md.append("\n## Growth from the small to the large size\n")
        md.append("growth = (large time ÷ small time) ÷ (large lines ÷ small lines): 1.00 is linear, "
                  "above 1 grows faster than the data.\n")
        md.append(table(["variant", "size ratio", "wall", "load", "rules", "scorecards", "write"], rows))

    # ---------------------------------------------------------------- per rule
    rule_runs = sorted({r["variant"][5:] for r in runs if r["variant"].startswith("rule-")})
    flagged = []
    if rule_runs:
        subjects = rule_subjects(os.path.join(os.path.dirname(args.results_dir), "packs"))
        rows = []
        for rid in rule_runs:
            a = best_by(runs, "small", "rule-" + rid, "eval")
            b = best_by(runs, "large", "rule-" + rid, "eval")
            rec = subjects.get(rid, "?")
            cells = [rid, rec]
            for r in (a, b):
                if r:
                    n = r["inputs"].get(rec, {}).get("loaded") or 0
                    f = next((x["findings"] for x in r["run"]["rules"] if x["id"] == rid), 0)
                    cells += [fmt_ms(r["eval"]), "%.0f" % (r["eval"] * 1e6 / n) if n else "", f]
                else:
                    cells += ["", "", ""]
            if a and b and a["eval"] > 0:
                k = b["lines"] / a["lines"]
                growth = (b["eval"] / a["eval"]) / k
                cells.append("%.2f%s" % (growth, " ⚠" if growth > SUPERLINEAR else ""))
                if growth > SUPERLINEAR:
                    flagged.append((rid, growth))
            else:
                cells.append("n/a")
            rows.append(cells)
        md.append("\n## Per rule (single-rule packs, native, 1 thread)\n")
        md.append("Each rule compiled alone (bench/rule_packs.py) and scored on the same data; time = that "
                  "pack's rules_ms (best of the runs). ns/row = time per subject row. Findings grow with the "
                  "copies, so the mix of violations is the example's. ⚠ marks growth above %.1f.\n" % SUPERLINEAR)
        md.append(table(["rule", "for", "small ms", "ns/row", "findings", "large ms", "ns/row", "findings",
                         "growth"], rows))

    # ---------------------------------------------------------------- machine
    probe = open(os.path.join(args.results_dir, "probe.tsv")).read().split()
    p1, pn = float(probe[1]), float(probe[2])
    gens = [l.split("\t") for l in open(os.path.join(args.results_dir, "gen.tsv")).read().splitlines() if l]
    small = best(runs, "small", n1)[0]
    large = best(runs, "large", n1)[0]
    machine = [
        "- date: %s" % dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "- command: `%s` (from the repository root; took %s s)" % (args.command, args.elapsed),
        "- commit: %s; binaries: %s" % (git_head(), args.build_note),
        "- machine: %s, nproc %d, %s, kernel %s" % (cpu_model(), nproc, platform.machine(), platform.release()),
        "- parallel CPU actually available: a CPU-bound loop takes %.2f s alone and %.2f s with %d copies at once "
        "→ %.2f cores' worth (of %d)" % (p1, pn, nproc, nproc * p1 / pn, nproc),
        "- load average (1, 5, 15 min) before: %s; after: %s" % (args.load_before, args.load_after),
        "- pack build (`fides build`, C++ compile included): %.1f s" % (args.build_s or 0),
    ]
    for g in gens:
        machine.append("- data %s: `bench/scale_data.py --lines %s` in %s s" % (g[1], g[2], g[3]))
    for name, r in (("small", small), ("large", large)):
        if r:
            machine.append("- %s data: %s" % (name, ", ".join("%s %s" % (k, "{:,}".format(v["rows"]))
                                                             for k, v in r["inputs"].items())))
    prof = os.path.join(args.results_dir, "profile.txt")
    if os.path.exists(prof) and os.path.getsize(prof):
        md.append("\n## Profile of one large native run (perf, 1 thread)\n")
        md.append("Share of CPU samples of the whole process; the pack's own code is the `hunan.so` line. "
                  "The pack is compiled without symbols, so its functions show as addresses.\n")
        dso = os.path.join(args.results_dir, "profile-dso.txt")
        if os.path.exists(dso):
            md.append("By library: " + "; ".join(l.strip() for l in open(dso, encoding="utf-8") if l.strip()) + "\n")
        md.append("```\n" + "".join(l[:150].rstrip() + "\n" for l in open(prof, encoding="utf-8")) + "```")
    text = ["# Benchmark results\n", "\n".join(machine), ""] + md
    if flagged:
        text.append("\nRules whose time grows faster than the data (growth > %.1f): %s.\n" %
                    (SUPERLINEAR, ", ".join("%s (%.2f)" % f for f in flagged)))
    out = "\n".join(text) + "\n"
    print(out)
    if args.write:
        with open(args.write, "w", encoding="utf-8") as f:
            f.write(out)


if __name__ == "__main__":
    main()
