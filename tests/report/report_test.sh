#!/usr/bin/env bash
# report_test.sh FIDES DIR: scores DIR/pack on DIR/data (the interpreter, so
# run.json names no pack file whose bytes depend on the compiler build) and
# checks that `fides report` writes exactly DIR/expected/report.html, also from
# a run with GBK outputs, and that what it cannot read is refused with a message.
# FIDES_UPDATE_GOLDEN=1 rewrites the expected page.
set -u
fides="$1"; dir="$2"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export FIDES_CACHE_DIR="$work/cache"
passed=0; failed=0
check() {  # description, then the command that must succeed
  local what="$1"; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $what"; failed=$((failed + 1)); fi
}
status_of() { "$@" >"$work/stdout" 2>"$work/stderr"; echo $?; }
score() {  # out folder, extra options
  local out="$1"; shift
  "$fides" run "$dir/pack/main.fides" --data "$dir/data" --out "$out" --interpret --quiet "$@" ||
    { echo "FAIL: cannot score into $out"; exit 1; }
}

score "$work/out"
status=$(status_of "$fides" report "$work/out" -o "$work/report.html")
check "fides report exits 0 (got $status: $(cat "$work/stderr"))" [ "$status" = 0 ]
if [ "${FIDES_UPDATE_GOLDEN:-}" = 1 ]; then
  mkdir -p "$dir/expected"
  cp "$work/report.html" "$dir/expected/report.html"
  echo "rewrote $dir/expected/report.html"
fi
check "report.html differs from expected: $(diff "$dir/expected/report.html" "$work/report.html" | head -20)" \
  cmp -s "$dir/expected/report.html" "$work/report.html"
check "the page fetches nothing and runs no script" \
  bash -c "! grep -Eiq '<script|<link|src=|url\\(|@import' '$work/report.html'"

status=$(status_of "$fides" report "$work/out")
check "without -o the page is OUT/report.html (got $status)" cmp -s "$work/out/report.html" "$work/report.html"

score "$work/gbk" --output-encoding gbk
"$fides" report "$work/gbk" -o "$work/gbk.html" 2>"$work/stderr"
check "a run with GBK outputs gives the same page: $(cat "$work/stderr")" cmp -s "$work/gbk.html" "$work/report.html"

# What cannot be read is an error naming the file and the place (exit 1).
refused() {  # description, expected message (grep -E), folder
  local what="$1" message="$2" folder="$3"
  status=$(status_of "$fides" report "$folder" -o "$work/refused.html")
  check "$what: exit 1 (got $status)" [ "$status" = 1 ]
  check "$what: message '$message' (got: $(cat "$work/stderr"))" grep -Eq "$message" "$work/stderr"
}
broken() {  # a copy of the good folder to break
  rm -rf "$work/broken"; cp -r "$work/out" "$work/broken"
}
refused "no such folder" "nowhere/run.json" "$work/nowhere"
broken; sed -i 's/"finished": true/"finished": false/' "$work/broken/run.json"
refused "an unfinished run" "run.json says the run did not finish" "$work/broken"
broken; sed -i '3s/.*/  "hash": 12,,/' "$work/broken/run.json"
refused "malformed JSON" "run.json:3:[0-9]+: not JSON" "$work/broken"
broken; sed -i 's/"amount": 3150.50/"amount": "lots"/' "$work/broken/run.json"
refused "a mistyped amount" "run.json: rules\\[0\\]\\.amount: expected an amount" "$work/broken"
broken; sed -i '/"findings_by_month"/,/^  \],/d' "$work/broken/run.json"
refused "a run.json from before findings_by_month" "findings_by_month: missing" "$work/broken"
broken; sed -i '1s/.*/a,b/' "$work/broken/rejects.csv"
refused "a rejects.csv that is not fides-score's" "rejects.csv:1:1: expected the header" "$work/broken"
broken; printf 'rule,R4,Institution,"H3,oops\n' >>"$work/broken/errors.csv"
refused "a broken row in errors.csv" "errors.csv:4:[0-9]+: " "$work/broken"
check "nothing is written when refused" test ! -e "$work/refused.html"

status=$(status_of "$fides" report)
check "no folder: exit 2 (got $status)" [ "$status" = 2 ]
status=$(status_of "$fides" report "$work/out" "$work/out")
check "two folders: exit 2 (got $status)" [ "$status" = 2 ]

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
