"""How fast `fides lsp` answers on the standard library: the first check of
stdlib/std/main.fides (cold: every file parsed), then, warm, the
diagnostics after an edit of one of its files (a rules file and the largest
file, 800 lines of tests) and hover, definition, completion and document
symbols in those files. Prints every number. Fails when a request's median
answer time exceeds --bound-ms (100 ms in the plain build, a generous bound
in the sanitizer build), or when the server's CPU time per edit exceeds
three times that, times the file's length in units of 400 lines when it is
longer (an edit parses the file edited again: on a quiet machine an edit of
the 200-line rules file costs about 20 ms and one of the 800 lines of
tests/credit.fides about 60 ms, but on a shared machine both vary threefold).
An edit is judged by the CPU time the server spends on it, read from /proc,
because the wall time of a check says as much about the other processes as
about the server.

usage: speed_test.py FIDES REPO_ROOT [--bound-ms N] [--rounds N]"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from lsp_client import Client, position_of  # noqa: E402


def cpu_seconds(pid):
    """User and system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("fides")
    ap.add_argument("root")
    ap.add_argument("--bound-ms", type=float, default=100.0, help="of a request; an edit gets three times as much")
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    std = Path(args.root).resolve() / "stdlib" / "std"
    c = Client(args.fides, ["--stdlib", str(std.parent)])
    timings = {}
    cpu_per_edit = {}
    lines_of = {}
    try:
        c.initialize(std.parent)
        t0, cpu0 = time.monotonic(), cpu_seconds(c.proc.pid)
        c.open(std / "main.fides")
        c.sync(120)
        cold, cold_cpu = time.monotonic() - t0, cpu_seconds(c.proc.pid) - cpu0

        # Warm: edit the largest file of the library and its rules.
        for name, marker in (("line.fides", "amount l.amount"), ("tests/credit.fides", "expect score 机构信用")):
            path = std / name
            text = path.read_text(encoding="utf-8")
            lines_of[name] = text.count("\n")
            uri = c.open(path, text)
            c.sync(120)
            at = position_of(text, marker)
            rows = timings.setdefault(name, {})
            edit_cpu = 0.0
            for _ in range(args.rounds):
                # An edit that breaks the file, then one that mends it: each publishes diagnostics.
                for new, want_errors in (("x", True), ("", False)):
                    start = at
                    end = at if new == "x" else {"line": at["line"], "character": at["character"] + 1}
                    t0, cpu0 = time.monotonic(), cpu_seconds(c.proc.pid)
                    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                                        "contentChanges": [{"range": {"start": start, "end": end},
                                                                            "text": new}]})
                    deadline = time.monotonic() + 120
                    while bool(c.diagnostics.get(uri)) != want_errors:
                        c.read_message(deadline)
                    rows.setdefault("edit → publishDiagnostics", []).append(time.monotonic() - t0)
                    edit_cpu += cpu_seconds(c.proc.pid) - cpu0
                for method, pos in (("textDocument/hover", position_of(text, marker, 1, len(marker) - 2)),
                                    ("textDocument/definition", position_of(text, marker, 1, len(marker) - 2)),
                                    ("textDocument/completion", position_of(text, marker, 1, len(marker) - 6)),
                                    ("textDocument/documentSymbol", None)):
                    params = {"textDocument": {"uri": uri}}
                    if pos:
                        params["position"] = pos
                    t0 = time.monotonic()
                    answer = c.request(method, params, 120)
                    rows.setdefault(method.split("/")[1], []).append(time.monotonic() - t0)
                    assert answer.get("result") is not None, f"{method}: {answer}"
            cpu_per_edit[name] = edit_cpu / (2 * args.rounds)
        c.shutdown(120)
    finally:
        c.kill()

    print(f"cold: didOpen stdlib/std/main.fides → checked: {cold * 1000:.0f} ms ({cold_cpu * 1000:.0f} ms CPU)")
    slow = []
    for name, rows in timings.items():
        for what, values in rows.items():
            median = statistics.median(values) * 1000
            print(f"{name}: {what}: median {median:.1f} ms, max {max(values) * 1000:.1f} ms ({len(values)} runs)")
            if what != "edit → publishDiagnostics" and median > args.bound_ms:
                slow.append(f"{name} {what} {median:.0f} ms")
        cpu = cpu_per_edit[name] * 1000
        bound = 3 * args.bound_ms * max(1.0, lines_of[name] / 400)
        print(f"{name}: server CPU per edit (check and publish): {cpu:.0f} ms "
              f"({lines_of[name]} lines, bound {bound:.0f} ms)")
        if cpu > bound:
            slow.append(f"{name} CPU per edit {cpu:.0f} ms")
    if slow:
        print(f"FAIL: over the bound: {'; '.join(slow)}")
        return 1
    print(f"ok: every warm answer within its bound")
    return 0


if __name__ == "__main__":
    sys.exit(main())
