#!/usr/bin/env python3
"""Tests of compare.py: equal findings pass; a changed amount, a missing or an
extra key, a rule without findings and a key found twice each fail."""
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = "rule_id,key,amount,message\nL01,FD1,10.00,x\nL01,FD2,5.50,y\nP06,MD7,100.00,z\n"


class CompareTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.subset = self.write("subset.txt", "# the rules\nL01\nP06\n")
        self.reference = self.write("reference.csv", REFERENCE)

    def tearDown(self):
        self.dir.cleanup()

    def write(self, name, text):
        path = os.path.join(self.dir.name, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def compare(self, other):
        path = self.write("other.csv", other)
        return subprocess.run([sys.executable, os.path.join(HERE, "compare.py"), "--subset", self.subset,
                               self.reference, f"other={path}"], capture_output=True, text=True)

    def test_equal_findings_in_another_order_pass(self):
        r = self.compare("rule_id,key,amount\nP06,MD7,100\nL01,FD2,5.5\nL01,FD1,10.00\nV99,X,1\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("same", r.stdout)

    def test_a_changed_amount_fails(self):
        r = self.compare("rule_id,key,amount\nL01,FD1,10.01\nL01,FD2,5.50\nP06,MD7,100.00\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("other amount", r.stderr)

    def test_a_missing_and_an_extra_key_fail(self):
        r = self.compare("rule_id,key,amount\nL01,FD1,10.00\nL01,FD3,5.50\nP06,MD7,100.00\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("missing ['FD2']", r.stderr)
        self.assertIn("extra ['FD3']", r.stderr)

    def test_a_rule_without_findings_fails(self):
        self.subset = self.write("subset.txt", "L01\nP06\nI02\n")
        r = self.compare(REFERENCE)
        self.assertEqual(r.returncode, 1)
        self.assertIn("no finding of I02", r.stderr)

    def test_a_key_found_twice_fails(self):
        r = self.compare(REFERENCE + "P06,MD7,100.00,z\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("MD7 twice", r.stderr)


if __name__ == "__main__":
    unittest.main()
