#!/usr/bin/env bash
# The `fides check` command line: exit codes 0 clean, 1 errors, 2 usage; JSON output.
set -u
unset LC_ALL LC_MESSAGES LANG  # the messages in English, whatever the caller's locale
fides="$1"
failures=0
expect_exit() {
  local want="$1"; shift
  "$fides" "$@" >/dev/null 2>&1
  local got=$?
  if [ "$got" != "$want" ]; then echo "FAIL: fides $* exited $got, expected $want"; failures=$((failures + 1)); fi
}
expect_exit 0 check ok_every_construct.fides
expect_exit 1 check fail_unknown_field.fides
expect_exit 2 check
expect_exit 2 check --format xml ok_every_construct.fides
expect_exit 2 nonsense
expect_exit 1 check does_not_exist.fides

json=$("$fides" check --format json fail_unknown_field.fides 2>/dev/null)
if ! grep -q '"code":"E' <<<"$json" || ! grep -q '"file":"fail_unknown_field.fides"' <<<"$json"; then
  echo "FAIL: --format json printed: $json"; failures=$((failures + 1))
fi
lines=$(grep -c . <<<"$json")
objects=$(grep -c '^{.*}$' <<<"$json")
if [ "$lines" != "$objects" ]; then echo "FAIL: --format json is not one object per line"; failures=$((failures + 1)); fi

# The language of diagnostics: --lang, else LC_ALL, LC_MESSAGES, LANG.
expect_stderr() {
  local what="$1" pattern="$2"; shift 2
  local out
  out=$(env "$@" 2>&1 >/dev/null)
  if ! grep -qF -- "$pattern" <<<"$out"; then echo "FAIL: $what: $* printed: $out"; failures=$((failures + 1)); fi
}
zh="错误[E0104]：记录 Person 没有字段 'gendre'"
en="error[E0104]: unknown field 'gendre' on record Person"
expect_stderr "--lang zh" "$zh" "$fides" check --lang zh fail_unknown_field.fides
expect_stderr "--lang=zh" "$zh" "$fides" check --lang=zh fail_unknown_field.fides
expect_stderr "the error count in Chinese" "fail_unknown_field.fides：1 个错误" "$fides" check --lang zh fail_unknown_field.fides
expect_stderr "LANG=zh_CN.UTF-8" "$zh" LANG=zh_CN.UTF-8 "$fides" check fail_unknown_field.fides
expect_stderr "--lang en over LANG" "$en" LANG=zh_CN.UTF-8 "$fides" check --lang en fail_unknown_field.fides
expect_stderr "LC_ALL before LANG" "$en" LC_ALL=C LANG=zh_CN.UTF-8 "$fides" check fail_unknown_field.fides
expect_stderr "LC_MESSAGES before LANG" "$zh" LC_MESSAGES=zh_CN.UTF-8 LANG=en_US.UTF-8 "$fides" check fail_unknown_field.fides
expect_stderr "no locale" "$en" "$fides" check fail_unknown_field.fides
expect_stderr "build in Chinese" "$zh" "$fides" build --lang zh fail_unknown_field.fides -o /dev/null
expect_stderr "an unknown language" "--lang takes 'zh' or 'en', not 'fr'" "$fides" check --lang fr fail_unknown_field.fides
expect_exit 2 check --lang fr fail_unknown_field.fides
json_zh=$("$fides" check --lang zh --format json fail_unknown_field.fides 2>/dev/null)
if ! grep -qF '"severity":"error","code":"E0104","message":"记录 Person 没有字段 '"'gendre'"'","help":"是不是要写 '"'gender'"'？"}' <<<"$json_zh"; then
  echo "FAIL: --lang zh --format json printed: $json_zh"; failures=$((failures + 1))
fi

echo "check_cli: $((21 - failures)) passed, $failures failed"
[ "$failures" = 0 ]
