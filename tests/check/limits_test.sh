#!/usr/bin/env bash
# limits_test.sh FIDES: the limits of spec 9.11 on inputs generated here (too
# big or too odd to commit): each case asserts the exit status, the message
# and a bound on the time taken. Run from tests/check (for ok_limits_at_the_edge).
set -u
unset LC_ALL LC_MESSAGES LANG  # the messages in English, whatever the caller's locale
fides="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export FIDES_CACHE_DIR="$work/cache"
passed=0
failures=0

# expect NAME EXIT TEXT SECONDS COMMAND…: COMMAND exits EXIT, prints TEXT, within SECONDS.
expect() {
  local name="$1" want="$2" text="$3" limit="$4"
  shift 4
  local start out status ms
  start=$(date +%s%N)
  out=$(timeout 120 "$@" 2>&1)
  status=$?
  ms=$((($(date +%s%N) - start) / 1000000))
  if [ "$status" != "$want" ] || ! grep -qF -- "$text" <<<"$out" || [ "$ms" -gt $((limit * 1000)) ]; then
    echo "FAIL: $name: exit $status (want $want), ${ms} ms (limit ${limit} s), output:"
    head -c 1500 <<<"$out"
    echo
    failures=$((failures + 1))
  else
    echo "ok: $name (${ms} ms)"
    passed=$((passed + 1))
  fi
}

header='pack "limits" version "0.1"'
table_pack() {  # table_pack DIR PATH: a pack in DIR whose table comes from PATH
  mkdir -p "$1"
  printf '%s\ntable codes: set<text> from "%s" column "code"\n' "$header" "$2" >"$1/main.fides"
}
import_pack() {  # import_pack DIR PATH: a pack in DIR importing PATH
  mkdir -p "$1"
  printf '%s\nimport "%s"\n' "$header" "$2" >"$1/main.fides"
}

# Sources over 16 MiB are refused by size, before they are read.
mkdir -p "$work/big"
{ echo "$header"; yes '# a comment line of a source file that is far too large' | head -c $((16 * 1024 * 1024)); } \
  >"$work/big/main.fides"
expect "16 MiB and a line: E0060" 1 "error[E0060]: source file '$work/big/main.fides' is 16777244 bytes" 3 \
  "$fides" check "$work/big/main.fides"
yes '# fifty megabytes of comments' | head -c 50000000 >"$work/big/fifty.fides"
import_pack "$work/big50" "../big/fifty.fides"
expect "50 MB main file: E0060" 1 "is 50000000 bytes; a source file may have at most 16 MiB" 3 \
  "$fides" check "$work/big/fifty.fides"
expect "50 MB import, allowed folder: E0060 at the import" 1 "main.fides:2:8: error[E0060]" 3 \
  "$fides" check --allow-path "$work/big" "$work/big50/main.fides"
{ echo "$header"; yes '# a comment' | head -c $((16 * 1024 * 1024 - 100)); echo; } >"$work/big/just_under.fides"
expect "just under 16 MiB: checks" 0 "" 60 "$fides" check "$work/big/just_under.fides"

# Nesting deeper than 256 levels is refused before the parser recurses.
python3 -c "print('$header'); print('let x = ' + '(' * 100000 + '1' + ')' * 100000)" >"$work/parens.fides"
expect "100,000 parentheses: E0022" 1 "parens.fides:2:265: error[E0022]: nesting is too deep (more than 256 levels)" 10 \
  "$fides" check "$work/parens.fides"
expect "100,000 parentheses: build refuses too" 1 "error[E0022]" 10 \
  "$fides" build "$work/parens.fides" -o "$work/parens.so"

# Paths that are not regular files never block and are never read.
table_pack "$work/fifo" "pipe.csv"
mkfifo "$work/fifo/pipe.csv"
expect "FIFO table: E0061, no hang" 1 "is not a regular file: it is a FIFO" 5 "$fides" check "$work/fifo/main.fides"
mkfifo "$work/fifo/main_pipe.fides"
expect "FIFO as the main file: E0001, no hang" 1 "cannot read file '$work/fifo/main_pipe.fides': it is a FIFO" 5 \
  "$fides" check "$work/fifo/main_pipe.fides"
expect "/dev/zero as the main file: E0001, no hang" 1 "cannot read file '/dev/zero': it is a character device" 5 \
  "$fides" check /dev/zero
table_pack "$work/zero" "/dev/zero"
expect "/dev/zero table: E0061" 1 "main.fides:2:29: error[E0061]: '/dev/zero' is not a regular file: it is a character device" 5 \
  "$fides" check --allow-path /dev "$work/zero/main.fides"
import_pack "$work/dir" "lib.fides"
mkdir -p "$work/dir/lib.fides"
expect "directory import: E0061" 1 "main.fides:2:8: error[E0061]: 'lib.fides' is not a regular file: it is a directory" 5 \
  "$fides" check "$work/dir/main.fides"
import_pack "$work/loop" "a.fides"
ln -s b.fides "$work/loop/a.fides"
ln -s a.fides "$work/loop/b.fides"
expect "symlink loop import: E0062" 1 "main.fides:2:8: error[E0062]: 'a.fides' loops through symbolic links" 5 \
  "$fides" check "$work/loop/main.fides"
table_pack "$work/tloop" "t.csv"
ln -s t.csv "$work/tloop/t.csv"
expect "symlink loop table: E0062" 1 "main.fides:2:29: error[E0062]" 5 "$fides" check "$work/tloop/main.fides"

# Nothing outside the pack's folder and the standard library, unless allowed.
table_pack "$work/passwd" "../../../../../../../../../../../../../../../etc/passwd"
expect "../…/etc/passwd: E0063" 1 "note: it resolves to /etc/passwd" 5 "$fides" check "$work/passwd/main.fides"
expect "../…/etc/passwd: build refuses" 1 "error[E0063]" 10 "$fides" build "$work/passwd/main.fides" -o "$work/passwd.so"
mkdir -p "$work/shared"
printf 'code\nA1\n' >"$work/shared/codes.csv"
printf 'let shared = 1\n' >"$work/shared/lib.fides"
table_pack "$work/outside" "../shared/codes.csv"
expect "table outside: E0063" 1 "main.fides:2:29: error[E0063]: '$work/shared/codes.csv' lies outside" 5 \
  "$fides" check "$work/outside/main.fides"
expect "table outside, --allow-path: checks" 0 "" 5 "$fides" check --allow-path "$work/shared" "$work/outside/main.fides"
expect "table outside, --allow-path: builds" 0 "built $work/outside.so" 60 \
  "$fides" build "$work/outside/main.fides" --allow-path "$work/shared" -o "$work/outside.so"
expect "table outside, --allow-path of another folder: E0063" 1 "error[E0063]" 5 \
  "$fides" check --allow-path "$work/big" "$work/outside/main.fides"
import_pack "$work/link" "lib.fides"
ln -s ../shared/lib.fides "$work/link/lib.fides"
expect "import through a symlink to outside: E0063" 1 "note: it resolves to $work/shared/lib.fides" 5 \
  "$fides" check "$work/link/main.fides"
expect "import through a symlink, --allow-path: checks" 0 "" 5 \
  "$fides" check --allow-path "$work/shared" "$work/link/main.fides"
expect "--allow-path that is not a folder: usage error" 2 "--allow-path '$work/nope' is not a folder" 5 \
  "$fides" check --allow-path "$work/nope" "$work/link/main.fides"
expect "--allow-path on test: usage error for a missing folder" 2 "is not a folder" 5 \
  "$fides" test --allow-path "$work/nope" "$work/link/main.fides"

# Tables over 256 MiB are refused by size (a sparse file: no disk used).
table_pack "$work/hugetable" "huge.csv"
truncate -s $((256 * 1024 * 1024 + 1)) "$work/hugetable/huge.csv"
expect "257 MiB table: E0064" 1 "error[E0064]: table file '$work/hugetable/huge.csv' is 268435457 bytes" 3 \
  "$fides" check "$work/hugetable/main.fides"

# At the limits everything works, natively and interpreted alike.
expect "256 levels and the int range ends: fides test" 0 "2 passed, 0 failed" 120 \
  "$fides" test ok_limits_at_the_edge/main.fides

echo "check_limits: $passed passed, $failures failed"
[ "$failures" = 0 ]
