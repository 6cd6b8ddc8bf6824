"""Replays random edits, truncations and garbage into every .fides file of
the repository through one `fides lsp` process, and after each edit asks for
a hover, a definition, a completion and the document's symbols at random
places. Every request must be answered in time; the server must neither
crash nor hang. Seeded, so a failure replays exactly.

usage: robustness_test.py FIDES REPO_ROOT [--edits N] [--seed S]"""

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from lsp_client import Client  # noqa: E402

# Pieces of Fides to splice in: keywords, brackets, unterminated strings and
# templates, imports that loop or leave the pack, a header that makes a file a
# main file, deep nesting.
SNIPPETS = [
    "rule ", "record ", "{", "}", "(", ")", "[", "]", ".", "?.", "??", "\"", "\"{", "}\"", "{{", "#", "\n",
    "for x: ", "when ", "let a = ", "message \"{", "import \"main.fides\"\n", "import \"../../x.fides\"\n",
    "import \"/etc/passwd\"\n", "pack \"p\" version \"1\"\n", "given ", "expect hit ", "sum(", "count(x in ",
    "bins x {", "2024-02-30", "99999999999999999999", "0.1234567", "\\u{110000}", "((((((((((", "))))",
    "l.", "p.", "x?.", "score", "present(", "hits(", "if ", " then ", " else ", " and ", " or ", "not ",
]
# Characters of every width: ASCII, controls, CJK, astral (surrogate pairs), combining, separators, BOM.
ALPHABET = (
    [chr(c) for c in range(0x20, 0x7f)] + [chr(c) for c in range(0, 0x20)] + list("规则记录字段参数费用明细金额")
    + ["😀", "𠀀", "🀄", "\u0301", "\u2028", "\u2029", "\ufeff", "\u00a0", "\u3000", "\r", "\r\n"]
)


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def position(text, index):
    """The LSP position of a Python string index."""
    line = text.count("\n", 0, index)
    start = text.rfind("\n", 0, index) + 1
    return {"line": line, "character": utf16_len(text[start:index])}


class Editor:
    def __init__(self, rng):
        self.rng = rng

    def garbage(self):
        n = self.rng.choice([1, 2, 5, 20, 200])
        return "".join(self.rng.choice(ALPHABET) for _ in range(n))

    def edit(self, text):
        """A random edit: (the new text, the LSP change that makes it)."""
        r = self.rng
        kind = r.choice(["insert", "insert", "snippet", "snippet", "delete", "truncate", "duplicate", "full"])
        a = r.randrange(len(text) + 1)
        b = min(len(text), a + r.choice([0, 1, 3, 10, 80, 1000]))
        if kind == "truncate":
            a, b, new = a, len(text), ""
        elif kind == "delete":
            new = ""
        elif kind == "insert":
            b, new = a, self.garbage()
        elif kind == "snippet":
            b, new = a, "".join(r.choice(SNIPPETS) for _ in range(r.choice([1, 2, 6])))
        elif kind == "duplicate":
            new = text[a:b] * r.choice([2, 3])
            b = a
        else:  # the whole text at once, shuffled lines
            lines = text.split("\n")
            r.shuffle(lines)
            new_text = "\n".join(lines[: r.randrange(len(lines) + 1)])
            return new_text, {"text": new_text}
        change = {"range": {"start": position(text, a), "end": position(text, b)}, "text": new}
        return text[:a] + new + text[b:], change

    def place(self, text):
        """A random position, sometimes past the end of its line or of the text."""
        r = self.rng
        if r.random() < 0.1:
            return {"line": r.randrange(0, 10**6), "character": r.randrange(0, 10**6)}
        p = position(text, r.randrange(len(text) + 1))
        if r.random() < 0.2:
            p["character"] += r.randrange(0, 4)  # possibly inside a surrogate pair or past the line's end
        return p


def fides_files(root):
    files = []
    for p in sorted(root.rglob("*.fides")):
        rel = p.relative_to(root).parts
        if rel[0].startswith("build") or rel[0].startswith("."):
            continue
        try:
            if p.is_file() and not p.is_symlink():
                files.append(p)
        except OSError:  # a symlink loop
            continue
    return files


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("fides")
    ap.add_argument("root")
    ap.add_argument("--edits", type=int, default=0, help="edits in all (at least one a file)")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--timeout", type=float, default=30.0)
    args = ap.parse_args()
    root = Path(args.root).resolve()
    rng = random.Random(args.seed)
    editor = Editor(rng)
    files = fides_files(root)
    edits_of = defaultdict(int)
    for f in files:
        edits_of[f] = 1
    for _ in range(max(0, args.edits - len(files))):
        edits_of[rng.choice(files)] += 1
    # The files of one pack (below the nearest folder with a main.fides) are
    # open together, so that the pack is checked warm while they are edited.
    by_folder = defaultdict(list)
    for f in files:
        home = next((d for d in f.parents if (d / "main.fides").is_file() and root in d.parents), f.parent)
        by_folder[home].append(f)

    c = Client(args.fides)
    requests = edits = 0
    slowest = (0.0, "")
    started = time.monotonic()
    try:
        c.initialize(root)
        for folder in sorted(by_folder):
            open_here = []
            for f in by_folder[folder]:
                try:
                    text = f.read_text(encoding="utf-8")
                except (UnicodeDecodeError, OSError):
                    continue
                uri = c.open(f, text)
                open_here.append(uri)
                for n in range(edits_of[f]):
                    text, change = editor.edit(text)
                    edits += 1
                    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": n + 2},
                                                        "contentChanges": [change]})
                    for method in ("textDocument/hover", "textDocument/definition", "textDocument/completion",
                                   "textDocument/documentSymbol"):
                        params = {"textDocument": {"uri": uri}}
                        if method != "textDocument/documentSymbol":
                            params["position"] = editor.place(text)
                        t0 = time.monotonic()
                        answer = c.request(method, params, args.timeout)
                        took = time.monotonic() - t0
                        where = f"{method} in {f.relative_to(root)} after edit {n + 1}: {str(change)[:200]}"
                        slowest = max(slowest, (took, where))
                        requests += 1
                        if "result" not in answer:
                            raise AssertionError(f"{method} in {f}: an error answer {answer}")
            for uri in open_here:
                c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        answer, code = c.shutdown(args.timeout)
        if code != 0:
            raise AssertionError(f"exit code {code} after shutdown")
    except Exception as e:
        print(f"FAIL (seed {args.seed}, {edits} edits, {requests} requests): {e}")
        print(c.stderr_text()[-4000:])
        c.kill()
        return 1
    print(f"ok: {len(files)} files, {edits} edits, {requests} requests answered in "
          f"{time.monotonic() - started:.1f} s; slowest {slowest[0] * 1000:.0f} ms ({slowest[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
