#!/usr/bin/env python3
"""Keeps docs/language.md and its Chinese twin docs/language.zh.md honest.

  reference_test.py codes    FIDES DOC DEF...   every diagnostic code of the .def files has
                                                a summary row and an entry in the reference,
                                                quoting its message, with an example
  reference_test.py codes-zh FIDES DOC DEF...   the same for the Chinese reference, its
                                                Chinese messages and `fides explain --lang zh`
  reference_test.py examples FIDES DOC          every ```fides example checks as it says
  reference_test.py translation EN_DOC ZH_DOC   the Chinese reference has the English one's
                                                headings (same levels, the same E0xxx entries),
                                                the same ```fides and ```csv blocks in the same
                                                order (so its examples are the checked ones),
                                                and every link to a heading of its own resolves

How examples are written (the convention is also stated in the reference):
  ```fides prelude           the one prelude: a complete pack (records, tables) that
                             fragments are appended to
  ```fides                   a fragment: prelude + block must check with no diagnostic,
                             and its test blocks, if any, must pass under `fides test`
  ```fides pack              a complete pack on its own: must check with no diagnostic
  ```fides error E0xxx       prelude + block must report errors, all of code E0xxx
  ```fides warning E0xxx     prelude + block must check, with warnings all of code E0xxx
  ```fides pack error E0xxx  a complete pack that must report errors, all of code E0xxx
  ```fides file=PATH         an auxiliary source file (an import target), not checked alone
  ```csv file=PATH           a table file that examples read
Examples run in one scratch folder holding every file=PATH block; other fences
(```text, ```sh, …) are not checked.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^```(\S*)(.*)$")

# Codes whose example cannot be a checked block: the entry shows it as text.
UNCHECKABLE = {
    "E0001": "needs a main file that cannot be read",
    "E0002": "needs bytes that are not UTF-8, which a Markdown file cannot hold",
    "E0022": "needs more than 256 nested brackets",
    "E0023": "needs more than 50 syntax errors in one file",
    "E0024": "reported only if the parser fails internally; no source triggers it",
    "E0060": "needs a source file over 16 MiB",
    "E0062": "needs a loop of symbolic links",
    "E0064": "needs a table file over 256 MiB",
    "E0124": "needs a chain of 257 defs",
    "E0065": "needs an expression of more than 100,000 nodes",
}


def blocks(doc):
    """Yields (line number, language, info words, text) for each fenced block."""
    lines = doc.split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if m and m.group(1):
            start = i
            body = []
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            yield start + 1, m.group(1), m.group(2).split(), "\n".join(body) + "\n"
        i += 1


def headings(doc):
    """Yields (line index, level, title) for headings outside fenced blocks."""
    in_fence = False
    for n, line in enumerate(doc.split("\n")):
        if line.startswith("```"):
            in_fence = not in_fence
        elif not in_fence:
            m = re.match(r"^(#{1,6}) (.*)$", line)
            if m:
                yield n, len(m.group(1)), m.group(2)


def entry_text(doc, code):
    """The text of `### CODE …` up to the next heading of level 1-3, as fides explain cuts it."""
    lines = doc.split("\n")
    hs = list(headings(doc))
    for k, (n, level, title) in enumerate(hs):
        if level == 3 and (title == code or title.startswith(code + " ")):
            end = next((m for m, lv, _ in hs[k + 1:] if lv <= 3), len(lines))
            return "\n".join(lines[n:end])
    return None


def shown_message(fmt):
    """A .def message format as the reference shows it: each argument as `…`."""
    text = fmt.replace("\\?", "?")
    text = re.sub(r"\{[^{}]*\}", "…", text.replace("{{", "\0").replace("}}", "\1"))
    return text.replace("\0", "{").replace("\1", "}")


# DIAG(code, name, "English", "Chinese"), the Chinese format possibly on the next line.
DIAG = re.compile(r'^DIAG\((E\d{4}), \w+, "((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"\)', re.M)


def check_codes(fides, doc_path, def_paths, lang="en"):
    doc = open(doc_path, encoding="utf-8").read()
    failures = []
    codes = []
    for path in def_paths:
        for m in DIAG.finditer(open(path, encoding="utf-8").read()):
            codes.append((m.group(1), shown_message(m.group(2 if lang == "en" else 3))))
    for code, message in codes:
        row = re.search(r"^\| \[?`?%s`?\]?(\([^)]*\))? \|(.*)$" % code, doc, re.M)
        if not row:
            failures.append(f"{code}: no row in the table of diagnostics")
        elif message not in row.group(2):
            failures.append(f"{code}: its table row does not quote the message `{message}`")
        entry = entry_text(doc, code)
        if entry is None:
            failures.append(f"{code}: no entry (a heading '### {code}') in the reference")
            continue
        if f"`{message}`" not in entry:
            failures.append(f"{code}: its entry does not quote the message `{message}`")
        has_example = re.search(r"^```fides .*\b(error|warning) %s\b" % code, entry, re.M)
        if code in UNCHECKABLE:
            if has_example or "```text" not in entry:
                failures.append(f"{code}: {UNCHECKABLE[code]}, so its entry shows a ```text example")
        elif not has_example:
            failures.append(f"{code}: its entry has no ```fides error {code} example")
        explained = subprocess.run([fides, "explain", "--lang", lang, code], capture_output=True, text=True)
        if explained.returncode != 0 or explained.stdout.rstrip("\n") != entry.rstrip("\n"):
            failures.append(f"{code}: 'fides explain {code}' does not print its entry "
                            f"(exit {explained.returncode})")
    known = {code for code, _ in codes}
    for _, level, title in headings(doc):
        m = re.match(r"(E\d{4})\b", title)
        if level == 3 and m and m.group(1) not in known:
            failures.append(f"{m.group(1)}: the reference has an entry for a code no .def declares")
    for f in failures:
        print("FAIL:", f)
    print(f"reference codes ({lang}): {len(codes)} codes, {len(failures)} failure(s)")
    return not failures


def slug(title):
    """A heading's anchor as GitHub makes it: lowercase, punctuation dropped, spaces as '-'."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")


def anchors(doc):
    seen = {}
    for _, _, title in headings(doc):
        base = slug(title)
        n = seen.get(base, 0)
        seen[base] = n + 1
        yield base if n == 0 else f"{base}-{n}"


def check_translation(en_path, zh_path):
    en = open(en_path, encoding="utf-8").read()
    zh = open(zh_path, encoding="utf-8").read()
    failures = []
    en_heads, zh_heads = list(headings(en)), list(headings(zh))
    if len(en_heads) != len(zh_heads):
        failures.append(f"{len(en_heads)} headings in English, {len(zh_heads)} in Chinese")
    for (_, en_level, en_title), (line, zh_level, zh_title) in zip(en_heads, zh_heads):
        code = re.fullmatch(r"E\d{4}", en_title)
        if en_level != zh_level or (code and zh_title != en_title):
            failures.append(f"line {line + 1}: '{zh_title}' stands for '{'#' * en_level} {en_title}'")
            break
    en_blocks, zh_blocks = list(blocks(en)), list(blocks(zh))
    if len(en_blocks) != len(zh_blocks):
        failures.append(f"{len(en_blocks)} fenced blocks in English, {len(zh_blocks)} in Chinese")
    for (_, en_lang, en_words, en_text), (line, zh_lang, zh_words, zh_text) in zip(en_blocks, zh_blocks):
        if (en_lang, en_words) != (zh_lang, zh_words) or (en_lang in ("fides", "csv") and en_text != zh_text):
            failures.append(f"line {line}: the ```{zh_lang} block differs from the English one")
            break
    own = set(anchors(zh))
    for target in re.findall(r"\]\(#([^)]*)\)", zh):
        if target not in own:
            failures.append(f"the link to #{target} leads to no heading")
    for f in failures:
        print("FAIL:", f)
    print(f"reference translation: {len(zh_heads)} headings, {len(zh_blocks)} blocks, {len(failures)} failure(s)")
    return not failures


def diagnostics_of(fides, folder, path):
    run = subprocess.run([fides, "check", "--format", "json", path], cwd=folder,
                         capture_output=True, text=True)
    found = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    return run.returncode, found


def check_examples(fides, doc_path):
    doc = open(doc_path, encoding="utf-8").read()
    all_blocks = list(blocks(doc))
    preludes = [b for b in all_blocks if b[1] == "fides" and b[2][:1] == ["prelude"]]
    if len(preludes) != 1:
        print(f"FAIL: the reference must have exactly one ```fides prelude block, found {len(preludes)}")
        return False
    prelude = preludes[0][3]
    prelude_lines = prelude.count("\n")
    failures = []
    checked = 0
    with tempfile.TemporaryDirectory() as folder:
        for line, lang, words, text in all_blocks:
            file_word = [w for w in words if w.startswith("file=")]
            if file_word:
                path = os.path.join(folder, file_word[0][len("file="):])
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
        for line, lang, words, text in all_blocks:
            if lang != "fides" or any(w.startswith("file=") for w in words):
                continue
            standalone = words[:1] in (["pack"], ["prelude"])
            rest = words[1:] if standalone else words
            want_kind, want_code = (rest[0], rest[1]) if len(rest) >= 2 else (None, None)
            if rest and (want_kind not in ("error", "warning") or not re.fullmatch(r"E\d{4}", want_code or "")):
                failures.append(f"line {line}: unknown example marker '```fides {' '.join(words)}'")
                continue
            source = text if standalone else prelude + text
            path = f"example_{line}.fides"
            with open(os.path.join(folder, path), "w", encoding="utf-8") as f:
                f.write(source)
            status, found = diagnostics_of(fides, folder, path)
            checked += 1
            errors = [d for d in found if d.get("severity") == "error"]
            warnings = [d for d in found if d.get("severity") != "error"]
            def show(ds):
                offset = 0 if standalone else prelude_lines
                return "; ".join(f"{d['code']} at block line {d['line'] - offset}: {d['message']}"
                                 for d in ds) or "nothing"
            if want_kind == "error":
                ok = status == 1 and errors and all(d["code"] == want_code for d in found)
                if not ok:
                    failures.append(f"line {line}: expected only {want_code}, found {show(found)}")
            elif want_kind == "warning":
                ok = status == 0 and warnings and not errors and all(d["code"] == want_code for d in found)
                if not ok:
                    failures.append(f"line {line}: expected the warning {want_code} only, found {show(found)}")
            elif status != 0 or found:
                failures.append(f"line {line}: expected a clean check, found {show(found)}")
            elif re.search(r'^\s*test\s+"', text, re.M):
                tested = subprocess.run([fides, "test", path], cwd=folder, capture_output=True, text=True)
                if tested.returncode != 0:
                    failures.append(f"line {line}: its test blocks fail under 'fides test':\n"
                                    + tested.stdout + tested.stderr)
    for f in failures:
        print("FAIL:", f)
    print(f"reference examples: {checked} checked, {len(failures)} failure(s)")
    return not failures


def main(argv):
    argv = argv[:2] + [os.path.abspath(argv[2])] + argv[3:] if len(argv) > 2 else argv
    if len(argv) >= 4 and argv[1] in ("codes", "codes-zh"):
        return 0 if check_codes(argv[2], argv[3], argv[4:], "zh" if argv[1] == "codes-zh" else "en") else 1
    if len(argv) == 4 and argv[1] == "translation":
        return 0 if check_translation(argv[2], argv[3]) else 1
    if len(argv) == 4 and argv[1] == "examples":
        return 0 if check_examples(argv[2], argv[3]) else 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
