"""Writes the section "## fides-serve" of bench/RESULTS.md from the runs
run-serve-bench.sh recorded (one JSON object a line), replacing that section
only and leaving the rest of the file as it is.

usage: write_results.py RUNS.jsonl RESULTS.md --command C --lines N --bodies FILE --commit C [--profile FILE]
"""
import argparse
import datetime
import json
import os
import platform
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import results_sections  # noqa: E402 (bench/, one folder up)


def cpu_name():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("runs")
    ap.add_argument("results")
    ap.add_argument("--command", required=True)
    ap.add_argument("--lines", type=int, required=True)
    ap.add_argument("--bodies", required=True)
    ap.add_argument("--commit", required=True)
    ap.add_argument("--profile", help="serve-profile's output, recorded as it is")
    a = ap.parse_args()
    with open(a.runs, encoding="utf-8") as f:
        runs = [json.loads(line) for line in f if line.strip()]
    with open(a.bodies, encoding="utf-8") as f:
        bodies = [line for line in f if line.strip()]
    lines_per_claim = sum(b.count('"feedetl_sn"') for b in bodies) / max(len(bodies), 1)
    bytes_per_claim = sum(len(b.encode("utf-8")) for b in bodies) / max(len(bodies), 1)
    names = {"std": "standard library (`stdlib/std/main.fides`, 40 rules)",
             "per_claim": "per-claim rules (`bench/serve/per_claim.fides`: the library less I01–I05, 35 rules)"}
    out = ["## fides-serve", ""]
    out.append(f"- date: {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC; command: `{a.command}`; commit {a.commit}")
    out.append(f"- machine: {cpu_name()}, nproc {os.cpu_count()}; load average (1, 5, 15 min) before and after "
               "each pack: " + "; ".join(f"{r['pack']} {r['load_before']} → {r['load_after']}"
                                         for r in runs if "load_before" in r))
    out.append(f"- history: `fides-gen --lines {a.lines:,} --seed 1` less the {len(bodies)} claims cut out of it "
               f"(bench/serve/make_claims.py: visits with 45–55 fee lines, with their settlements and diagnoses): "
               f"{lines_per_claim:.1f} fee lines and {bytes_per_claim / 1024:.1f} KiB of JSON per claim")
    out.append("- load generator: `serve-load` (bench/serve/load.cpp, cpp-httplib 0.11 client): a closed loop of "
               "keep-alive connections on the same machine, each sending the next claim when the last is answered; "
               "50 warm-up requests, then the requests measured; latency from sending to the whole answer")
    out.append(f"- server: `fides-serve PACK --data HISTORY --threads {os.cpu_count()}`")
    out.append("")
    out.append("| pack | ready in s | RSS MB (shared image) | connections | requests | claims/s | p50 ms | p90 ms | p99 ms | max ms | findings per claim |")
    out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in runs:
        if "load" not in r:
            continue
        m = r["load"]
        out.append(f"| {names.get(r['pack'], r['pack'])} | {r['ready_s']:.1f} | {r['rss_kb'] / 1024:.0f} "
                   f"({r['shmem_kb'] / 1024:.0f}) | {m['connections']} | {m['requests'] - m['failed']:,} | "
                   f"{m['per_second']:.0f} | {m['p50_ms']:.2f} | {m['p90_ms']:.2f} | {m['p99_ms']:.2f} | "
                   f"{m['max_ms']:.2f} | {m['findings_per_request']:.2f} |")
    out.append("")
    if a.profile:
        with open(a.profile, encoding="utf-8") as f:
            profile = [line.rstrip("\n") for line in f if line.strip()]
        out.append("Where a review's time goes: `serve-profile std.so --data HISTORY --bodies CLAIMS` "
                   "(bench/serve/review_profile.cpp), every claim reviewed once in process on one worker, "
                   "without HTTP; per step and per rule (rules under 0.005 ms left out), milliseconds.")
        out.append("")
        out.append("```")
        out.extend(line for line in profile
                   if not (line.startswith("rule ") and float(line.split()[3]) < 0.005))
        out.append("```")
        out.append("")
    section = "\n".join(out) + "\n"
    text = open(a.results, encoding="utf-8").read() if os.path.exists(a.results) else "# Benchmark results\n"
    text = results_sections.replace(text, "## fides-serve", section)
    with open(a.results, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
