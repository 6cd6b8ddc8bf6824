"""The VS Code extension's TextMate grammar against the language grammar: it
is valid JSON, every keyword of grammar/Fides.g4 is highlighted as one and no
other word is, and package.json ties it to the `fides` language and `.fides`.

usage: textmate_test.py GRAMMAR_G4 EDITORS_VSCODE_DIR"""

import json
import re
import sys
from pathlib import Path


def grammar_keywords(g4):
    # Lexer rules of one lowercase word, `AND : 'and' ;` … `MAP : 'map' ;`.
    return set(re.findall(r"^[A-Z_]+\s*:\s*'([a-z]+)'\s*;", g4, re.M))


def textmate_keywords(tm):
    words = set()
    for p in tm["repository"]["keywords"]["patterns"]:
        m = re.fullmatch(r"\\b\(\?:([a-z|]+)\)\\b", p["match"])
        assert m, f"a keyword pattern that is not a word list: {p['match']}"
        words |= set(m.group(1).split("|"))
    return words


def main():
    g4 = Path(sys.argv[1]).read_text(encoding="utf-8")
    folder = Path(sys.argv[2])
    failures = []
    tm = json.loads((folder / "syntaxes" / "fides.tmLanguage.json").read_text(encoding="utf-8"))
    want, got = grammar_keywords(g4), textmate_keywords(tm)
    if len(want) < 20:
        failures.append(f"only {len(want)} keywords found in the grammar")
    if got != want:
        failures.append(f"keywords only in Fides.g4: {sorted(want - got)}; "
                        f"only in the TextMate grammar: {sorted(got - want)}")
    if tm.get("scopeName") != "source.fides":
        failures.append(f"scopeName is {tm.get('scopeName')!r}")
    # Every include names a rule of the repository.
    text = json.dumps(tm)
    for name in re.findall(r'"include": "#([^"]+)"', text):
        if name not in tm["repository"]:
            failures.append(f"include of a missing rule #{name}")
    pkg = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    languages = pkg["contributes"]["languages"]
    if not any(l["id"] == "fides" and ".fides" in l["extensions"] for l in languages):
        failures.append("package.json does not declare the language fides for .fides")
    for g in pkg["contributes"]["grammars"]:
        if not (folder / g["path"]).is_file() or g["scopeName"] != "source.fides":
            failures.append(f"package.json's grammar {g} is not the one here")
    if "vscode-languageclient" not in pkg.get("dependencies", {}):
        failures.append("package.json does not declare vscode-languageclient")
    json.loads((folder / "language-configuration.json").read_text(encoding="utf-8"))
    for f in failures:
        print("FAIL", f)
    if not failures:
        print(f"ok: {len(want)} keywords, the same in both grammars")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
