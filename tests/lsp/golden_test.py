"""Drives `fides lsp` through tests/lsp/session.jsonl on the test pack
(tests/lsp/pack) and compares what it answers with session.expected (or
session.zh.expected with --lang zh). FIDES_UPDATE_GOLDEN=1 rewrites the
expected file.

usage: golden_test.py FIDES [--lang zh]"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from lsp_client import Client, position_of  # noqa: E402

HERE = Path(__file__).resolve().parent


def relative(uri):
    prefix = HERE.as_uri() + "/"
    return uri[len(prefix):] if uri.startswith(prefix) else uri


def show_range(r):
    return f"{r['start']['line']}:{r['start']['character']}-{r['end']['line']}:{r['end']['character']}"


def one_line(text):
    return text.replace("\n", " / ")


class Session:
    def __init__(self, fides, lang):
        args = ["--lang", lang] if lang else []
        self.client = Client(fides, args, cwd=HERE)
        self.texts = {}  # file -> the text the client holds
        self.out = []

    def uri(self, file):
        return (HERE / file).as_uri()

    def text_of(self, file):
        return self.texts.get(file) or (HERE / file).read_text(encoding="utf-8")

    def position(self, step):
        return position_of(self.text_of(step["file"]), step["at"], step.get("occurrence", 1), step.get("offset", 0))

    def show_diagnostics(self):
        self.client.sync()
        for uri in sorted(self.client.diagnostics):
            diags = self.client.diagnostics[uri]
            self.out.append(f"{relative(uri)}: {len(diags)}")
            for d in diags:
                severity = {1: "error", 2: "warning"}[d["severity"]]
                self.out.append(f"  {show_range(d['range'])} {d['code']} {severity} [{d['source']}] "
                                f"{one_line(d['message'])}")
                for r in d.get("relatedInformation", []):
                    loc = r["location"]
                    self.out.append(f"    related {relative(loc['uri'])} {show_range(loc['range'])}: {r['message']}")

    def run(self, step):
        kind = step["step"]
        title = kind + (f" {step['file']}" if "file" in step else "")
        if "at" in step:
            title += f" at {json.dumps(step['at'], ensure_ascii=False)}+{step.get('offset', 0)}"
        self.out.append(f"## {title}" + (f" ({step['why']})" if "why" in step else ""))
        c = self.client
        if kind == "open":
            text = self.text_of(step["file"])
            self.texts[step["file"]] = text
            c.open(HERE / step["file"], text)
        elif kind == "close":
            self.texts.pop(step["file"], None)
            c.notify("textDocument/didClose", {"textDocument": {"uri": self.uri(step["file"])}})
        elif kind == "change":
            text = self.texts[step["file"]]
            start = position_of(text, step["replace"])
            end = position_of(text, step["replace"], 1, len(step["replace"]))
            self.texts[step["file"]] = text.replace(step["replace"], step["with"], 1)
            c.notify("textDocument/didChange", {"textDocument": {"uri": self.uri(step["file"]), "version": 2},
                                                "contentChanges": [{"range": {"start": start, "end": end},
                                                                    "text": step["with"]}]})
        elif kind == "diagnostics":
            self.show_diagnostics()
        else:
            method = {"hover": "textDocument/hover", "definition": "textDocument/definition",
                      "completion": "textDocument/completion", "symbols": "textDocument/documentSymbol"}[kind]
            params = {"textDocument": {"uri": self.uri(step["file"])}}
            if kind != "symbols":
                params["position"] = self.position(step)
            answer = c.request(method, params)
            assert "result" in answer, f"{title}: {answer}"
            getattr(self, "show_" + kind)(answer["result"])

    def show_hover(self, result):
        if result is None:
            self.out.append("null")
            return
        self.out.append(f"range {show_range(result['range'])}")
        self.out.extend(result["contents"]["value"].rstrip("\n").split("\n"))

    def show_definition(self, result):
        self.out.append("null" if result is None else f"{relative(result['uri'])} {show_range(result['range'])}")

    def show_completion(self, result):
        for item in result:
            detail = f" — {item['detail']}" if "detail" in item else ""
            self.out.append(f"{item['label']} ({item['kind']}){detail}")

    def show_symbols(self, result, depth=0):
        for s in result:
            detail = f" — {s['detail']}" if s.get("detail") else ""
            self.out.append(f"{'  ' * depth}{s['name']} ({s['kind']}){detail} {show_range(s['range'])} "
                            f"name {show_range(s['selectionRange'])}")
            self.show_symbols(s.get("children", []), depth + 1)


def main():
    fides = sys.argv[1]
    lang = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--lang" else None
    expected_path = HERE / ("session.zh.expected" if lang == "zh" else "session.expected")
    session = Session(fides, lang)
    try:
        session.client.initialize(HERE / "pack")
        for line in (HERE / "session.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                session.run(json.loads(line))
        answer, code = session.client.shutdown()
        assert answer.get("result", "missing") is None and code == 0, f"shutdown: {answer}, exit {code}"
    finally:
        session.client.kill()
    got = "\n".join(session.out) + "\n"
    if os.environ.get("FIDES_UPDATE_GOLDEN"):
        expected_path.write_text(got, encoding="utf-8")
        print(f"updated {expected_path.name}")
        return 0
    expected = expected_path.read_text(encoding="utf-8") if expected_path.exists() else ""
    if got != expected:
        import difflib
        sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), got.splitlines(True),
                                                   str(expected_path.name), "got"))
        print("FAIL: the server's answers differ from the golden file (FIDES_UPDATE_GOLDEN=1 to accept)")
        return 1
    print(f"ok: {expected_path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
