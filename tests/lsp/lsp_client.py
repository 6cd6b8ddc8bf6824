"""A small LSP client for the tests: starts `fides lsp`, frames JSON-RPC
messages (Content-Length headers), and waits for answers with a deadline so
that a server that hangs fails the test instead of hanging it."""

import json
import os
import select
import subprocess
import tempfile
import time
from pathlib import Path


class ServerGone(Exception):
    pass


class Client:
    def __init__(self, fides, args=(), cwd=None, env=None):
        # The server's stderr (a sanitizer's report) goes to a file: a pipe nobody reads could fill and block it.
        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([str(Path(fides).resolve()), "lsp", *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.stderr, cwd=cwd, env=env)
        self.buffer = b""
        self.next_id = 1
        self.diagnostics = {}  # uri -> the last diagnostics published
        self.notifications = []

    # ---- framing
    def send_raw(self, data: bytes):
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as e:
            raise ServerGone(f"the server closed its input: {e}")

    def send(self, message):
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def _read_some(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("no answer from the server in time")
        ready, _, _ = select.select([self.proc.stdout], [], [], left)
        if not ready:
            raise TimeoutError("no answer from the server in time")
        chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
        if not chunk:
            raise ServerGone(f"the server ended (exit {self.proc.poll()}): {self.stderr_text()}")
        self.buffer += chunk

    def read_message(self, deadline):
        while b"\r\n\r\n" not in self.buffer:
            self._read_some(deadline)
        head, rest = self.buffer.split(b"\r\n\r\n", 1)
        length = None
        for line in head.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        assert length is not None, f"an answer without Content-Length: {head!r}"
        while len(rest) < length:
            self._read_some(deadline)
            head, rest = self.buffer.split(b"\r\n\r\n", 1)
        self.buffer = rest[length:]
        message = json.loads(rest[:length].decode("utf-8"))
        if message.get("method") == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        elif "method" in message:
            self.notifications.append(message)
        return message

    # ---- JSON-RPC
    def request(self, method, params=None, timeout=30.0):
        """Sends a request and returns its answer (the whole message)."""
        rid = self.next_id
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return self.wait_for_id(rid, timeout)

    def wait_for_id(self, rid, timeout=30.0):
        deadline = time.monotonic() + timeout
        while True:
            m = self.read_message(deadline)
            if m.get("id") == rid and "method" not in m:
                return m

    def notify(self, method, params=None):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def initialize(self, root=None):
        params = {"processId": None, "capabilities": {}, "rootUri": Path(root).resolve().as_uri() if root else None}
        answer = self.request("initialize", params)
        self.notify("initialized", {})
        return answer

    def sync(self, timeout=30.0):
        """Waits until the server has handled everything sent: its diagnostics
        for those changes are published before a request is answered."""
        return self.request("textDocument/documentSymbol", {"textDocument": {"uri": "file:///nonexistent.fides"}},
                            timeout)

    def open(self, path, text=None, version=1):
        path = Path(path).resolve()
        if text is None:
            text = path.read_text(encoding="utf-8")
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": path.as_uri(), "languageId": "fides", "version": version, "text": text}})
        return path.as_uri()

    def shutdown(self, timeout=30.0):
        answer = self.request("shutdown", None, timeout)
        self.notify("exit")
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise TimeoutError("the server did not exit after 'exit'")
        return answer, code

    def stderr_text(self):
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace")

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def position_of(text, marker, occurrence=1, offset=0):
    """The LSP position (UTF-16 columns) of the occurrence-th `marker` in text,
    moved `offset` characters to the right."""
    at = -1
    for _ in range(occurrence):
        at = text.find(marker, at + 1)
        if at < 0:
            raise ValueError(f"{marker!r} is not in the text (occurrence {occurrence})")
    at += offset
    line = text.count("\n", 0, at)
    line_start = text.rfind("\n", 0, at) + 1
    character = len(text[line_start:at].encode("utf-16-le")) // 2
    return {"line": line, "character": character}
