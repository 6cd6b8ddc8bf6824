"""chain_pack.py KIND N: a pack whose one rule holds a chain of N terms (spec 9.11).

KIND: add (decimal +), addint (int +), and, coalesce (??). Used by
chain_scaling.sh; the expression has about 3N (add, addint, coalesce) or 5N
(and) nodes.
"""
import sys

kind, n = sys.argv[1], int(sys.argv[2])
head = '''pack "chain" version "1"
record Claim "c" key id {
  id: text "id"
  a: int "a"
  m: decimal "m"
  k: int? "k"
}
'''
if kind == "add":
    body = "  when c.a > 0\n  amount " + " + ".join(["c.m"] * n)
elif kind == "addint":
    body = "  when " + " + ".join(["c.a"] * n) + " > 0"
elif kind == "and":
    body = "  when " + " and ".join(f"c.a >= {-i}" for i in range(n))
elif kind == "coalesce":
    body = "  when (" + " ?? ".join(["c.k"] * n) + " ?? 0) > 0"
else:
    sys.exit(f"unknown kind {kind}")
print(head + 'rule R1 "r" {\n  for c: Claim\n' + body + "\n}")
