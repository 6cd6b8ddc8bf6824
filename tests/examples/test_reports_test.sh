#!/usr/bin/env bash
# test_reports_test.sh FIDES PACK_DIR: `fides test --format text|junit|json`
# on the pack in PACK_DIR (one passing and two failing tests) prints exactly
# PACK_DIR/expected.{txt,junit.xml,json} and exits 1; the JUnit report parses
# as XML with a test case per test block and a <failure> naming the failed
# expectation and where it is, the JSON report parses as JSON.
# FIDES_UPDATE_GOLDEN=1 rewrites the expected files.
set -u
fides=$(readlink -f "$1"); pack="$2"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export FIDES_CACHE_DIR="$work/cache"
passed=0; failed=0
check() { if eval "$2"; then passed=$((passed + 1)); else echo "FAIL: $1"; failed=$((failed + 1)); fi; }

cd "$pack" || exit 1
for format in text junit json; do
  case $format in text) golden=expected.txt ;; junit) golden=expected.junit.xml ;; json) golden=expected.json ;; esac
  "$fides" test main.fides --format "$format" >"$work/$format" 2>"$work/$format.err"; status=$?
  check "--format $format exits 1 on failing tests (exit $status: $(cat "$work/$format.err"))" '[ $status = 1 ]'
  if [ "${FIDES_UPDATE_GOLDEN:-}" = 1 ]; then cp "$work/$format" "$golden"; continue; fi
  check "--format $format prints $golden" 'diff -u "$golden" "$work/$format"'
done
"$fides" test main.fides --format xml >/dev/null 2>&1; status=$?
check "an unknown --format is a usage error (exit $status)" '[ $status = 2 ]'

check "the JUnit report is XML with one test case per test block" "python3 - '$work/junit' <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == 'testsuites', root.tag
cases = root.findall('./testsuite/testcase')
assert [c.get('name') for c in cases] == ['通过的测试', '两条期望不成立', '名字里有 <XML> & \"引号\"'], cases
assert all(c.get('classname') == 'main.fides' for c in cases)
assert cases[0].find('failure') is None
failure = cases[1].find('failure')
assert failure.get('message') == 'main.fides:25:3: expect hit DJ001 on \"C1\" amount 400.00: the amount is 500.00', failure.get('message')
assert 'main.fides:28:3: expect count DJ001 == 2: it hit 1 time(s)' in failure.text
assert root.get('tests') == '3' and root.get('failures') == '2'
PY"
check "the JSON report parses, with each failure's place" "python3 - '$work/json' <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert [t['passed'] for t in r['tests']] == [True, False, False]
f = r['tests'][1]['failures'][1]
assert (f['message'], f['file'], f['line'], f['column']) == ('expect hit DJ001 on \"C2\": no finding', 'main.fides', 27, 3), f
assert (r['passed'], r['failed'], r['expectations']) == (1, 2, 6)
PY"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
