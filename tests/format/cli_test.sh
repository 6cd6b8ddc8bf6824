#!/usr/bin/env bash
# The `fides fmt` command line: in-place rewriting, --check, exit codes,
# files that do not parse left untouched (their errors in the language --lang
# or the locale chooses), symlinks and file modes kept.
set -u
fides="$1"
cases="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
passed=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { passed=$((passed + 1)); }
expect_exit() {
  local want="$1"; shift
  "$fides" "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" != "$want" ]; then fail "fides $* exited $got, expected $want: $(cat "$work/err")"; else ok; fi
}

cp "$cases/spacing.fides" "$work/ugly.fides"
cp "$cases/spacing.expected" "$work/canonical.fides"
cp "$cases/fail_syntax.fides" "$work/broken.fides"

expect_exit 2 fmt
expect_exit 2 fmt --verbose "$work/ugly.fides"

# --check writes nothing, names the file that would change, and exits 1.
expect_exit 1 fmt --check "$work/ugly.fides" "$work/canonical.fides"
if cmp -s "$work/ugly.fides" "$cases/spacing.fides"; then ok; else fail "--check changed the file"; fi
if [ "$(cat "$work/out")" = "would reformat $work/ugly.fides" ]; then ok; else fail "--check printed: $(cat "$work/out")"; fi
expect_exit 0 fmt --check "$work/canonical.fides"
if [ ! -s "$work/out" ]; then ok; else fail "--check of a canonical file printed: $(cat "$work/out")"; fi

# A file that does not parse: its error with file:line:column, the file left as it was.
chmod 0640 "$work/ugly.fides"
ln -s ugly.fides "$work/link.fides"
expect_exit 1 fmt "$work/link.fides" "$work/broken.fides"
if grep -q "^$work/broken.fides:8:1: error\[E0020\]" "$work/err"; then ok; else fail "no file:line:column error: $(cat "$work/err")"; fi
if cmp -s "$work/broken.fides" "$cases/fail_syntax.fides"; then ok; else fail "a file that does not parse was changed"; fi

# The other file was still rewritten in place, through the symlink, keeping its mode.
if cmp -s "$work/ugly.fides" "$cases/spacing.expected"; then ok; else fail "the file was not rewritten canonically"; fi
if [ -L "$work/link.fides" ]; then ok; else fail "the symlink was replaced"; fi
if [ "$(stat -c %a "$work/ugly.fides")" = 640 ]; then ok; else fail "the mode changed to $(stat -c %a "$work/ugly.fides")"; fi
if grep -q "^formatted $work/link.fides$" "$work/out"; then ok; else fail "fmt printed: $(cat "$work/out")"; fi

# Its errors in the language --lang or the locale chooses; the report lines stay English.
expect_exit 1 fmt --lang zh "$work/broken.fides"
if grep -q "^$work/broken.fides:8:1: 错误\[E0020\]" "$work/err"; then ok; else fail "--lang zh: $(cat "$work/err")"; fi
LC_ALL= LC_MESSAGES= LANG=zh_CN.UTF-8 expect_exit 1 fmt --check "$work/broken.fides" "$cases/spacing.fides"
if grep -q "错误\[E0020\]" "$work/err"; then ok; else fail "LANG=zh_CN.UTF-8: $(cat "$work/err")"; fi
if grep -q "^would reformat $cases/spacing.fides$" "$work/out"; then ok; else fail "LANG=zh_CN.UTF-8 printed: $(cat "$work/out")"; fi
LANG=zh_CN.UTF-8 expect_exit 1 fmt --lang=en "$work/broken.fides"
if grep -q "^$work/broken.fides:8:1: error\[E0020\]" "$work/err"; then ok; else fail "--lang=en: $(cat "$work/err")"; fi
expect_exit 2 fmt --lang fr "$work/broken.fides"
expect_exit 2 fmt "$work/broken.fides" --lang

# Formatting a canonical file leaves it alone and prints nothing.
expect_exit 0 fmt "$work/ugly.fides"
if [ ! -s "$work/out" ]; then ok; else fail "fmt of a canonical file printed: $(cat "$work/out")"; fi

expect_exit 1 fmt "$work/missing.fides"
expect_exit 1 fmt "$work"

echo "format_cli: $passed passed, $failures failed"
[ "$failures" = 0 ]
