#!/usr/bin/env python3
"""respacing_test.py FIDES ROOT: every .fides file of the repository that
repository_test.sh checks, with its spaces and line breaks replaced at random
(fixed seeds; never inside strings or comments, and a line break stays a line
break), must still be formatted by `fides fmt` (which refuses any layout that
changes the tokens) and the result must be idempotent."""
import os
import random
import re
import subprocess
import sys
import tempfile

SPACES = [" ", "  ", "\t", " \t ", "\n", "\n   "]
BREAKS = ["\n", "\n\n", "\n\t  ", " \n", "\n\n\n    "]


def string_end(src, i):
    """The index after the string literal that starts at src[i]. The string
    after `message` is a template: quotes inside its {…} parts are strings of
    their own (grammar/Fides.g4, TEMPLATE_STRING)."""
    template = src[max(0, i - 20):i].rstrip().endswith("message")
    depth, inner, j = 0, False, i + 1
    while j < len(src) and src[j] != "\n":
        c = src[j]
        if c == "\\":
            j += 2
            continue
        if inner:
            inner = c != '"'
        elif c == '"':
            if depth == 0:
                return j + 1
            inner = True
        elif template and c == "{":
            depth += 1
        elif template and c == "}" and depth > 0:
            depth -= 1
        j += 1
    return j


def respace(src, rng):
    out, i = [], 0
    while i < len(src):
        c = src[i]
        if c == '"' or c == "#":
            j = string_end(src, i) if c == '"' else src.find("\n", i)
            j = len(src) if j < 0 else j
            out.append(src[i:j])
            i = j
        elif c in " \t\r\n":
            j = i
            while j < len(src) and src[j] in " \t\r\n":
                j += 1
            out.append(rng.choice(BREAKS if "\n" in src[i:j] else SPACES))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def main():
    fides, root = sys.argv[1], sys.argv[2]
    listing = subprocess.run(["bash", os.path.join(os.path.dirname(os.path.abspath(__file__)), "repository_files.sh"),
                              root], capture_output=True, text=True, check=True)
    files = listing.stdout.splitlines()
    os.chdir(root)
    with tempfile.TemporaryDirectory() as work:
        origin = {}  # variant → (file, seed)
        for seed in (1, 2):
            rng = random.Random(seed)
            for n, path in enumerate(files):
                with open(path, encoding="utf-8", errors="surrogateescape") as f:
                    text = respace(f.read(), rng)
                variant = os.path.join(work, f"{seed}-{n}.fides")
                with open(variant, "w", encoding="utf-8", errors="surrogateescape") as f:
                    f.write(text)
                origin[variant] = (path, seed)
        # One process per pass (fmt takes many files): ~1,100 process starts
        # cost minutes in the sanitizer build.
        first = subprocess.run([fides, "fmt", *origin], capture_output=True, text=True)
        second = subprocess.run([fides, "fmt", "--check", *origin], capture_output=True, text=True)
        refused = re.findall(r"^(.*\.fides): not formatted", first.stderr, re.M)
        unstable = re.findall(r"^would reformat (.*\.fides)$", second.stdout, re.M)
        for variant in dict.fromkeys(refused + unstable):
            path, seed = origin.get(variant, (variant, "?"))
            why = "refused" if variant in refused else "not idempotent"
            print(f"FAIL: {path} respaced with seed {seed} ({variant}): {why}")
        if first.returncode not in (0, 1) or second.returncode not in (0, 1):
            print(f"FAIL: fides fmt exited {first.returncode}, then {second.returncode}:\n{first.stderr}")
            refused.append("(crash)")
        failures = len(set(refused + unstable))
        if failures:
            print(first.stderr)
    print(f"format_respacing: {len(files)} files, 2 seeds, {failures} failure(s)")
    return 1 if failures or len(files) < 100 else 0


if __name__ == "__main__":
    sys.exit(main())
