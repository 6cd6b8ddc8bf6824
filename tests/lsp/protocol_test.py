"""The server's side of the protocol, message by message: framing, JSON-RPC
errors, the lifecycle (initialize, shutdown, exit codes) and requests with
params of the wrong shape. Every request must get exactly one answer.

usage: protocol_test.py FIDES"""

import contextlib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from lsp_client import Client  # noqa: E402

HERE = Path(__file__).resolve().parent
FIDES = sys.argv[1]
failures = []


def check(what, condition, detail=""):
    if not condition:
        failures.append(f"{what}: {detail}")
        print(f"FAIL {what}: {detail}")


def error_code(answer):
    return answer.get("error", {}).get("code")


def next_answer(c):
    return c.read_message(time.monotonic() + 30)


@contextlib.contextmanager
def server(initialize=True):
    c = Client(FIDES)
    try:
        if initialize:
            c.initialize()
        yield c
    finally:
        c.kill()


def lifecycle():
    with server(initialize=False) as c:
        a = c.request("textDocument/hover", {"textDocument": {"uri": "file:///x.fides"},
                                             "position": {"line": 0, "character": 0}})
        check("a request before initialize", error_code(a) == -32002, a)
        c.notify("textDocument/didOpen", {"textDocument": {"uri": "file:///x.fides", "text": "x"}})  # dropped
        a = c.initialize(HERE / "pack")
        caps = a["result"]["capabilities"]
        check("capabilities", caps["hoverProvider"] and caps["definitionProvider"] and caps["documentSymbolProvider"]
              and caps["completionProvider"]["triggerCharacters"] == ["."] and caps["textDocumentSync"]["change"] == 2,
              caps)
        check("serverInfo", a["result"]["serverInfo"]["name"] == "fides", a)
        a = c.request("initialize", {"capabilities": {}})
        check("a second initialize", error_code(a) == -32600, a)
        a = c.request("no/suchMethod", {})
        check("an unknown method", error_code(a) == -32601, a)
        a = c.request("textDocument/hover", {"textDocument": 7})
        check("params of the wrong shape", error_code(a) == -32602, a)
        a = c.request("textDocument/hover", {"textDocument": {"uri": "file:///not/open.fides"},
                                             "position": {"line": 0, "character": 0}})
        check("hover in a document that is not open", a.get("result", "missing") is None, a)
        a = c.request("textDocument/completion", {"textDocument": {"uri": "untitled:Untitled-1"},
                                                  "position": {"line": -1, "character": 1e9}})
        check("completion in a document that is no file", error_code(a) == -32602 or a.get("result") == [], a)
        a = c.request("textDocument/documentSymbol", [])
        check("params that are an array", error_code(a) == -32602, a)
        # An open document with positions far outside it: clamped, answered.
        uri = c.open(HERE / "pack" / "rules.fides")
        for pos in ({"line": 10**6, "character": 0}, {"line": 3, "character": 10**6}, {"line": 0, "character": 0}):
            for method in ("textDocument/hover", "textDocument/definition", "textDocument/completion"):
                a = c.request(method, {"textDocument": {"uri": uri}, "position": pos})
                check(f"{method} at {pos}", "result" in a, a)
        a = c.request("shutdown")
        check("shutdown", a.get("result", "missing") is None, a)
        a = c.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
        check("a request after shutdown", error_code(a) == -32600, a)
        c.notify("exit")
        check("exit after shutdown", c.proc.wait(30) == 0, c.proc.returncode)


def framed(body):
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


# (what is sent, what it is, the error code of the answer, its id)
BROKEN = [
    (framed(b"{oops"), "a body that is not JSON", -32700, None),
    (framed(b"[]"), "a body that is no object", -32600, None),
    (framed(b'"hi"'), "a body that is a string", -32600, None),
    (b"Content-Type: x\r\n\r\n", "a header part without Content-Length", -32700, None),
    (b"Content-Length: twelve\r\n\r\n", "a Content-Length that is no number", -32700, None),
    (framed(json.dumps({"jsonrpc": "2.0", "id": {"a": 1}, "method": "shutdown"}).encode()),
     "an id that is an object", -32600, None),
    (framed(json.dumps({"jsonrpc": "2.0", "id": 99}).encode()), "a request without a method", -32600, 99),
    (framed(b'{"jsonrpc": "2.0", "id": 5, "method": "\xff\xfe"}'), "invalid UTF-8 in a message", -32700, None),
]


def broken_messages():
    with server() as c:
        for sent, what, code, rid in BROKEN:
            c.send_raw(sent)
            a = next_answer(c)
            check(what, error_code(a) == code and a["id"] == rid, a)
        # A notification of unusable shape is dropped; the server still answers after it.
        c.notify("textDocument/didChange", {"contentChanges": 3})
        c.notify("textDocument/didOpen", {"textDocument": {"uri": 1, "text": None}})
        a = c.request("textDocument/documentSymbol", {"textDocument": {"uri": "file:///nothing.fides"}})
        check("answers after broken notifications", a.get("result") == [], a)
        # A text with NUL and control characters, then a change past its end.
        uri = (HERE / "pack" / "rules.fides").as_uri()
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "text": "rule \u0000 {\u0001\u007f"}})
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [
            {"range": {"start": {"line": 9, "character": 9}, "end": {"line": 0, "character": 2}}, "text": "x😀"}]})
        a = c.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
        check("a document of control characters", "result" in a, a)
        answer, code = c.shutdown()
        check("exit code after shutdown", code == 0, code)


def exit_without_shutdown():
    with server() as c:
        c.notify("exit")
        check("exit without shutdown", c.proc.wait(30) == 1, c.proc.returncode)
    with server() as c:
        c.proc.stdin.close()
        check("the end of input", c.proc.wait(30) == 1, c.proc.returncode)


def usage():
    import subprocess
    r = subprocess.run([FIDES, "lsp", "--nonsense"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    check("an unknown option", r.returncode == 2 and "unknown option" in r.stderr, r)
    r = subprocess.run([FIDES, "lsp", "--lang", "fr"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    check("an unknown language", r.returncode == 2, r)


lifecycle()
broken_messages()
exit_without_shutdown()
usage()
if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("ok: the protocol")
