"""fides-serve as a child process on a port the system chooses, for tests."""
import http.client
import json
import subprocess
import tempfile


class Server:
    def __init__(self, binary, args, start_timeout=120):
        self.err = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([binary, *args, "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
                                     stderr=self.err, text=True)
        line = self.proc.stdout.readline()  # "listening on 127.0.0.1:PORT", or nothing if it failed
        if not line.startswith("listening on "):
            self.proc.wait(timeout=start_timeout)
            raise RuntimeError(f"fides-serve did not start (exit {self.proc.returncode}): {self.stderr()}")
        self.port = int(line.rsplit(":", 1)[1])

    def connection(self, timeout=60):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def request(self, method, path, body=None, headers=None):
        c = self.connection()
        try:
            c.request(method, path, body=body.encode("utf-8") if isinstance(body, str) else body,
                      headers=headers or {})
            r = c.getresponse()
            return r.status, r.read().decode("utf-8"), r
        finally:
            c.close()

    def get_json(self, path):
        status, text, _ = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status} {text}")
        return json.loads(text)

    def post_json(self, path, body):
        status, text, _ = self.request("POST", path, body, {"Content-Type": "application/json"})
        return status, json.loads(text)

    def stop(self, sig):
        self.proc.send_signal(sig)
        return self.proc.wait(timeout=60)

    def stderr(self):
        self.err.seek(0)
        return self.err.read().decode("utf-8", "replace")

    def __del__(self):
        if getattr(self, "proc", None) and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
