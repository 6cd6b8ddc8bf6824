#!/usr/bin/env python3
"""Turns the raw results of bench/run.sh into the tables it prints and
bench/RESULTS.md: medians of the runs, the split into load / evaluation /
output, peak memory, throughput per core, the ratios between contenders, the
targets of issue 12, compile times, the machine and the profile.

  report.py --results bench/.work/results [--results DIR]… [--fides BIN/fides] [--write bench/RESULTS.md]

Several --results folders (runs limited to some sizes or contenders) are
reported together; the first one's command, date and probe head the report."""
import argparse
import csv
import json
import os
import platform
import re
import statistics
import subprocess
import sys

import results_sections

CONTENDERS = [
    ("fides-std", "Fides, standard library (40 rules, 5 scorecards), native"),
    ("fides-subset", "Fides, the subset's 12 rules, native"),
    ("interp", "Fides, standard library, reference interpreter"),
    ("baseline", "hand-written C++, the subset"),
    ("duckdb-best", "DuckDB, best SQL, the subset"),
    ("duckdb-plain", "DuckDB, plain SQL, the subset"),
]
NAMES = dict(CONTENDERS)


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def split(contender, j):
    """(load, eval, write) in ms, and the evaluations on loaded tables (DuckDB)."""
    if contender.startswith("fides") or contender == "interp":
        t = j["timings"]
        # load_ms includes its parts (load_read_ms, load_references_ms, …).
        skip = {"threads", "write_ms", "total_ms"}
        evaluation = sum(v for k, v in t.items() if k not in skip and k.endswith("_ms") and not k.startswith("load"))
        return t["load_ms"], evaluation, t["write_ms"], []
    if contender.startswith("duckdb"):
        return j["load_ms"], j["eval_ms"][0], j["write_ms"], j["eval_ms"]
    return j["load_ms"], j["eval_ms"], j["write_ms"], []


def read_results(dirs):
    runs = {}
    for res in dirs:
        with open(os.path.join(res, "runs.tsv"), encoding="utf-8") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        for r in rows:
            with open(os.path.join(res, r["json"]), encoding="utf-8") as jf:
                j = json.load(jf)
            load, ev, write, loaded = split(r["contender"], j)
            key = (int(r["size"]), r["order"], r["contender"], int(r["threads"]))
            m = runs.setdefault(key, {"wall": [], "rss": [], "load": [], "eval": [], "write": [], "loaded": [],
                                      "json": j})
            m["wall"].append(float(r["wall_s"]))
            m["rss"].append(int(r["rss_kb"]) * 1024)
            m["load"].append(load / 1000)
            m["eval"].append(ev / 1000)
            m["write"].append(write / 1000)
            m["loaded"] += [x / 1000 for x in loaded]
    out = {}
    for key, m in runs.items():
        out[key] = {k: median(v) for k, v in m.items() if k != "json"}
        out[key]["runs"] = len(m["wall"])
        out[key]["json"] = m["json"]
        if not m["loaded"]:
            out[key]["loaded"] = None
    return out


def read_tsv(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return list(csv.reader(f, delimiter="\t"))


def cmd(*args):
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine(fides, duckdb_version):
    cpu = {}
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            k, _, v = line.partition(":")
            cpu.setdefault(k.strip(), v.strip())
    flags = cpu.get("flags", "").split()
    simd = [x for x in flags if re.match(r"(sse4_2|avx|avx2|avx512\w*|bmi2|popcnt|fma)$", x)]
    return [
        f"CPU: {cpu.get('model name', '?')}, {os.cpu_count()} cores (nproc); SIMD flags: {' '.join(simd) or 'none'}",
        f"all CPU flags: `{' '.join(flags)}`",
        f"kernel {platform.release()}, memory {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.1f} GiB",
        f"Fides: `{cmd(fides, 'version') if fides else '?'}` (Release build, LLVM 19 code generation); "
        f"C++ compiler (Fides' runtime and the baseline): {cmd('c++', '--version').splitlines()[0] if cmd('c++', '--version') else '?'}",
        f"DuckDB {duckdb_version} (`@duckdb/node-api`), Node.js {cmd('node', '--version')}",
    ]


def fmt_s(x):
    return "–" if x is None else (f"{x:.3f}" if x < 10 else f"{x:.1f}")


def fmt_ratio(x):
    return "–" if x is None else f"{x:.2f}×"


def rate(n, s, cores):
    return None if not s else n / s / cores


def human(x, unit=""):
    if x is None:
        return "–"
    for div, p in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if x >= div:
            return f"{x / div:.2f} {p}{unit}"
    return f"{x:.0f} {unit}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--results", required=True, action="append")
    ap.add_argument("--fides", default="")
    ap.add_argument("--write", default="")
    ap.add_argument("--note", default="", help="a paragraph under the header (what was left out, and why)")
    args = ap.parse_args()
    dirs = args.results
    data = read_results(dirs)

    def find(name):
        """The first results folder's file of that name (None when none has it)."""
        return next((os.path.join(d, name) for d in dirs if os.path.exists(os.path.join(d, name))), None)

    res = dirs[0]
    # Only what the equality check passed on is reported (a run stopped before
    # its check leaves times that nothing vouches for).
    def checked(size, order):
        path = find(f"check.{size}.{order}.txt")
        return path is not None and "DIFFERENT" not in open(path, encoding="utf-8").read()
    unchecked = sorted({(k[0], k[1]) for k in data if not checked(k[0], k[1])})
    data = {k: v for k, v in data.items() if checked(k[0], k[1])}
    meta = dict(r for r in read_tsv(find("meta.tsv") or "") if len(r) == 2)
    sizes = sorted({k[0] for k in data})
    orders = [o for o in ("ordered", "shuffled") if any(k[1] == o for k in data)]
    duck = next((v["json"].get("version") for k, v in data.items() if k[2].startswith("duckdb")), "–")
    inputs = {}
    for s in sizes:
        for o in orders:
            p = find(f"input_bytes.{s}.{o}.txt")
            if p:
                inputs[(s, o)] = int(open(p).read().strip())

    md = ["# Benchmark results: the standard library against DuckDB, hand-written C++ and the interpreter", ""]
    for d in dirs:
        m = dict(r for r in read_tsv(os.path.join(d, "meta.tsv")) if len(r) == 2)
        sizes_here = sorted({int(r["size"]) for r in csv.DictReader(open(os.path.join(d, "runs.tsv")), delimiter="\t")})
        md.append(f"- command: `{m.get('command', '?')}` (from the repository root; started {m.get('started', '?')}, "
                  f"took {float(m.get('elapsed_s', 0)):.0f} s; sizes {', '.join(f'{x:,}' for x in sizes_here)})")
    md.append(f"- data: `fides-gen --seed {meta.get('seed', '?')}`, in visit order and `--shuffle`d")
    if args.note:
        md.append(f"- note: {args.note}")
    probe = read_tsv(find("probe.tsv") or "")
    if probe:
        p1, pn = map(float, probe[0])
        n = int(meta.get("nproc", "2"))
        md.append(f"- parallel CPU actually available: a CPU-bound loop takes {p1:.2f} s alone and {pn:.2f} s with {n} "
                  f"copies at once → {n * p1 / pn:.2f} cores' worth (of {n}); load average before {meta.get('load_before')}, "
                  f"after {meta.get('load_after')}")
    md += [f"- machine: {line}" for line in machine(args.fides, duck)]
    if unchecked:
        md.append("- not reported, the equality check not having run or passed: " +
                  ", ".join(f"{s:,} {o}" for s, o in unchecked))
    md.append("")

    # ------------------------------------------------------------ per size
    md += ["## End to end from CSV", "",
           "Medians of the runs. wall = the process (start to every output written); load / eval / write: the "
           "contender's own split (Fides: run.json `load_ms`; groups, rules, views and scorecards; `write_ms`). "
           "Per core = ÷ threads. Input = all ten CSV files of the data set (DuckDB and the C++ read the five the "
           "subset needs). Peak = maximum resident set (`/usr/bin/time`).", ""]
    head = ("| size | order | contender | thr | runs | wall s | load s | eval s | write s | peak MB | peak ÷ input | "
            "fee lines/s/core | input MB/s/core |")
    md += [head, "|" + " --- |" * 13]
    for s in sizes:
        for o in orders:
            for c, _ in CONTENDERS:
                for t in (1, 2):
                    m = data.get((s, o, c, t))
                    if not m:
                        continue
                    inp = inputs.get((s, o))
                    lines = m["json"].get("lines") or next(
                        (x["rows"] for x in m["json"].get("inputs", []) if x["record"] == "FeeLine"), s)
                    md.append(f"| {s:,} | {o} | {c} | {t} | {m['runs']} | {fmt_s(m['wall'])} | {fmt_s(m['load'])} | "
                              f"{fmt_s(m['eval'])} | {fmt_s(m['write'])} | {m['rss'] / 2**20:.0f} | "
                              f"{(m['rss'] / inp) if inp else 0:.2f} | {human(rate(lines, m['wall'], t))} | "
                              f"{(rate(inp, m['wall'], t) or 0) / 1e6:.1f} |")
    md += ["", "Contenders: " + "; ".join(f"`{c}` {d}" for c, d in CONTENDERS) + ".", ""]

    # ------------------------------------------------------------ loaded tables
    md += ["## Evaluation on loaded data", "",
           "The subset evaluated on data already in memory: Fides' eval split (the subset pack), the C++'s, and DuckDB's "
           "queries on loaded tables (each process runs them twice; the median over every evaluation of every run, the "
           "first of each being part of the end-to-end time above).", "",
           "| size | order | thr | Fides subset eval s | C++ eval s | DuckDB best s | DuckDB plain s |", "|" + " --- |" * 7]
    for s in sizes:
        for o in orders:
            for t in (1, 2):
                g = lambda c, f: (data.get((s, o, c, t)) or {}).get(f)
                md.append(f"| {s:,} | {o} | {t} | {fmt_s(g('fides-subset', 'eval'))} | {fmt_s(g('baseline', 'eval'))} | "
                          f"{fmt_s(g('duckdb-best', 'loaded'))} | {fmt_s(g('duckdb-plain', 'loaded'))} |")
    md.append("")

    md += ["Fides' strata (run.json `timings`, s, of the last run): the evaluation split further.", "",
           "| size | order | contender | thr | load | groups | rules | views | scorecards | write |", "|" + " --- |" * 10]
    for (s, o, c, t), m in sorted(data.items()):
        if not (c.startswith("fides") or c == "interp"):
            continue
        tm = m["json"]["timings"]
        views = sum(v for k, v in tm.items() if k.endswith("_view_ms") or k == "rules_using_hits_ms")
        md.append(f"| {s:,} | {o} | {c} | {t} | " + " | ".join(
            fmt_s(x / 1000) for x in (tm["load_ms"], tm.get("groups_ms", 0), tm.get("rules_ms", 0), views,
                                      tm.get("scorecards_ms", 0), tm["write_ms"])) + " |")
    md.append("")

    largest = sizes[-1] if sizes else None
    per_rule = [(c, t) for c in ("duckdb-best", "duckdb-plain") for t in (1, 2) if (largest, "ordered", c, t) in data]
    if per_rule:
        rules = list(data[(largest, "ordered") + per_rule[0]]["json"]["rule_ms"])
        md += [f"DuckDB per rule at {largest:,} lines in visit order (ms, median of the evaluations of the last run):", "",
               "| rule | " + " | ".join(f"{c} {t} thr" for c, t in per_rule) + " |", "|" + " --- |" * (len(per_rule) + 1)]
        for r in rules:
            md.append(f"| {r} | " + " | ".join(
                f"{median(data[(largest, 'ordered', c, t)]['json']['rule_ms'][r]):.0f}" for c, t in per_rule) + " |")
        md.append("")

    # ------------------------------------------------------------ ratios and targets
    def get(s, o, c, t, f):
        m = data.get((s, o, c, t))
        return m.get(f) if m else None

    def div(a, b):
        return a / b if a is not None and b else None

    targets = []  # (what, target text, check(value) → bool, [(where, value)])

    def target(what, text, ok, values):
        targets.append((what, text, ok, [(w, v) for w, v in values if v is not None]))

    for t in (1, 2):
        target(f"end to end, DuckDB best ÷ Fides (subset), {t} thread{'s' if t > 1 else ''}", "≥ 3×", lambda v: v >= 3,
               [(f"{s:,} {o}", div(get(s, o, "duckdb-best", t, "wall"), get(s, o, "fides-subset", t, "wall")))
                for s in sizes for o in orders])
    for t in (1, 2):
        target(f"end to end, Fides (subset) ÷ hand-written C++, {t} thread{'s' if t > 1 else ''}", "≤ 1.5×",
               lambda v: v <= 1.5,
               [(f"{s:,} {o}", div(get(s, o, "fides-subset", t, "wall"), get(s, o, "baseline", t, "wall")))
                for s in sizes for o in orders])
    for t in (1, 2):
        target(f"evaluation on loaded data, DuckDB best ÷ Fides (subset), {t} thread{'s' if t > 1 else ''}", "≥ 10×",
               lambda v: v >= 10,
               [(f"{s:,} {o}", div(get(s, o, "duckdb-best", t, "loaded"), get(s, o, "fides-subset", t, "eval")))
                for s in sizes for o in orders])
    target("evaluation, interpreter ÷ native (standard library, 1 thread)", "≥ 10×", lambda v: v >= 10,
           [(f"{s:,} {o}", div(get(s, o, "interp", 1, "eval"), get(s, o, "fides-std", 1, "eval")))
            for s in sizes for o in orders])
    rules_ms = lambda s, o, c: (data.get((s, o, c, 1)) or {}).get("json", {}).get("timings", {}).get("rules_ms")
    target("… the rules stratum alone (groups, views and scorecards left out)", "≥ 10×", lambda v: v >= 10,
           [(f"{s:,} {o}", div(rules_ms(s, o, "interp"), rules_ms(s, o, "fides-std"))) for s in sizes for o in orders])
    for t in (1, 2):
        target(f"CSV loading, GB/s per core (standard library, {t} thread{'s' if t > 1 else ''})", "≥ 0.4",
               lambda v: v >= 0.4,
               [(f"{s:,} {o}", div(div(inputs.get((s, o)), get(s, o, "fides-std", t, "load")), t * 1e9))
                for s in sizes for o in orders])
    target("end to end, 1 thread ÷ 2 threads (standard library)", "≥ 1.7×", lambda v: v >= 1.7,
           [(f"{s:,} {o}", div(get(s, o, "fides-std", 1, "wall"), get(s, o, "fides-std", 2, "wall")))
            for s in sizes for o in orders])
    target("peak memory ÷ input CSV (standard library, 2 threads)", "≤ 1.5×", lambda v: v <= 1.5,
           [(f"{s:,} {o}", div(get(s, o, "fides-std", 2, "rss"), inputs.get((s, o)))) for s in sizes for o in orders])
    compile_rows = read_tsv(find("compile.tsv") or "")[1:]
    comp = {}
    for pack, rules, kind, wall, rss in compile_rows:
        comp.setdefault((pack, int(rules), kind), []).append(float(wall))
    for (pack, rules, kind), walls in sorted(comp.items()):
        limit = {("std", "cold"): 10, ("big", "cold"): 60}.get((pack, kind), 0.2)
        target(f"compile, {'standard library' if pack == 'std' else f'{rules} rules'}, {kind} (s)", f"< {limit} s",
               lambda v, limit=limit: v < limit, [("", median(walls))])

    md += ["## Ratios and the targets of issue 12", "",
           "Every ratio compares runs on the same files, measured one after the other; above 1 means the first named is slower.", "",
           "| measure | target | values | met |", "| --- | --- | --- | --- |"]
    for what, text, ok, values in targets:
        shown = ", ".join(f"{w}: {v:.3g}".lstrip(": ") for w, v in values) or "–"
        met = "–" if not values else ("yes" if all(ok(v) for _, v in values) else "**no**")
        md.append(f"| {what} | {text} | {shown} | {met} |")
    md.append("")

    md += ["## Compile times", "",
           "`fides run MAIN --data EMPTY` with an empty pack cache (cold: front end, LLVM, lld) and again (cached: "
           "front end and the cache look-up); EMPTY holds the header lines only, so scoring costs nothing. Median of "
           "the cached runs.", "", "| pack | rules | cold s | cached s |", "| --- | --- | --- | --- |"]
    for pack in ("std", "big"):
        rows = [(r, k, w) for (p, r, k), w in comp.items() if p == pack]
        if rows:
            rules = rows[0][0]
            md.append(f"| {'standard library' if pack == 'std' else 'generated (bench/packs.py big)'} | {rules} | "
                      f"{fmt_s(median(comp.get((pack, rules, 'cold'), [])))} | "
                      f"{fmt_s(median(comp.get((pack, rules, 'cached'), [])))} |")
    md.append("")

    checks = sorted({f for d in dirs for f in os.listdir(d) if f.startswith("check.")})
    if checks:
        md += ["## The equality check", "",
               "Before any time is reported, every contender's findings of the subset equal Fides' (standard library, "
               "1 thread): per rule the count, the amount sum and every key with its amount (`bench/compare.py`).", ""]
        for f in checks:
            with open(find(f), encoding="utf-8") as fh:
                text = fh.read().splitlines()
            md += [f"`{f[6:-4]}`:", "", "```"] + [re.sub(r"(  same)+$", "  all same", line) for line in text] + ["```", ""]

    prof = find("profile.txt")
    if prof:
        md += ["## Where the time goes now", "",
               f"`perf record` of the standard library on the smallest size, shuffled, 1 thread: by library, then the "
               "top functions (`fides-score` is the host and loader, `memfd:fides-pack` the compiled pack).", "", "```"]
        md += open(find("profile-dso.txt"), encoding="utf-8").read().splitlines()[:8]
        md += [""] + open(prof, encoding="utf-8").read().splitlines()[:25] + ["```", ""]

    text = "\n".join(md) + "\n"
    print(text)
    if args.write:
        kept = kept_sections(args.write)  # before opening the file for writing empties it
        with open(args.write, "w", encoding="utf-8") as f:
            f.write(text + kept)


def kept_sections(path):
    """The sections other writers own (results_sections.KEPT), kept as they are."""
    try:
        with open(path, encoding="utf-8") as f:
            old = f.read()
    except OSError:
        return ""
    kept = [results_sections.find(old, heading) for heading in results_sections.KEPT]
    return "".join("\n" + k for k in kept if k)


if __name__ == "__main__":
    sys.exit(main())
