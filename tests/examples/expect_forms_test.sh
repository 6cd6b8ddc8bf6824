#!/usr/bin/env bash
# expect_forms_test.sh FIDES PACK_DIR: `fides test` passes on the pack in
# PACK_DIR (every form of expectation), and each changed expectation fails
# with a message saying what was expected and what came out.
set -u
unset LC_ALL LC_MESSAGES LANG  # the messages in English, whatever the caller's locale
fides="$1"; pack="$2"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export FIDES_CACHE_DIR="$work/cache"
passed=0; failed=0
check() { if eval "$2"; then passed=$((passed + 1)); else echo "FAIL: $1"; echo "$out"; failed=$((failed + 1)); fi; }

out=$("$fides" test "$pack/main.fides" 2>&1); status=$?
check "fides test passes (exit $status)" '[ $status = 0 ]'
check "it reports its tally" 'grep -q "^1 passed, 0 failed$" <<<"$out"'

# changed SED: the pack with one expectation changed by SED must fail with
# exit 1 and print WANT (a grep pattern).
changed() {
  rm -rf "$work/changed"; cp -r "$pack" "$work/changed"
  sed -i "$1" "$work/changed/main.fides"
  out=$("$fides" test "$work/changed/main.fides" 2>&1); status=$?
  want="$2"
  check "'$1' fails (exit $status)" '[ $status = 1 ]'
  check "'$1' says: $want" 'grep -q -- "$want" <<<"$out"'
}
changed 's/expect count DJ001 == 1/expect count DJ001 == 3/' 'expect count DJ001 == 3: it hit 1 time(s)'
changed 's/expect count DJ002 == 2/expect count DJ002 == 0/' 'expect count DJ002 == 0: it hit 2 time(s)'
changed 's/expect error DJ001 on "C3"/expect error DJ001 on "C2"/' \
  'expect error DJ001 on "C2": it was evaluated without an error'
# without `expect error`, the error row fails the test as before
changed 's/expect error DJ001 on "C3"//' 'rule DJ001 could not be evaluated: .*division by zero'
changed 's/expect no hit DJ001 on "C2"/expect no hit DJ001 on "C1"/' 'expect no hit DJ001 "C1": it hit 1 time(s)'

# a key the test does not give is a compile error, not a vacuous pass
rm -rf "$work/changed"; cp -r "$pack" "$work/changed"
sed -i 's/expect no hit DJ002 on "C2"/expect no hit DJ002 on "C9"/' "$work/changed/main.fides"
out=$("$fides" test "$work/changed/main.fides" 2>&1); status=$?
check "an unknown subject key does not build (exit $status)" '[ $status = 1 ]'
check "it names the rule, record and key" \
  'grep -q "error\[E0540\]: rule .DJ002. is for Claim, and this test gives no Claim with key .C9." <<<"$out"'

# a group's key is checked once the groups are formed from the given rows
changed 's/expect no hit FZ001 on "H1"/expect no hit FZ001 on "H3"/' \
  'expect FZ001 on "H3": no OrgClaims with that key is formed from the given rows (formed: "H2", "H1")'
changed 's/expect hit FZ001 on "H2" amount 580.00/expect hit FZ001 on "H2" amount 500.00/' \
  'expect hit FZ001 on "H2" amount 500.00: the amount is 580.00'

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
