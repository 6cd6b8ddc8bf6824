Content-Length: 340

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///tmp/fides-fuzz-seed/doc.fides", "version": 1, "text": "pack \"p\" version \"1\"\nrecord R \"记录\" key id {\n  id: text\n  金额: money\n}\nrule 规则 {\n  for r: R\n  when r.金额 > 1 and len(r.id) > 0\n  message \"😀 {r.id}\"\n}\n"}}}Content-Length: 267

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///tmp/fides-fuzz-seed/doc.fides", "version": 2}, "contentChanges": [{"range": {"start": {"line": 7, "character": 9}, "end": {"line": 7, "character": 9}}, "text": "r."}]}}Content-Length: 179

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/fides-fuzz-seed/doc.fides"}, "position": {"line": 7, "character": 10}}}Content-Length: 184

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/fides-fuzz-seed/doc.fides"}, "position": {"line": 7, "character": 11}}}Content-Length: 3

{x}Content-Length: 49

{"jsonrpc": "2.0", "id": 3, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}