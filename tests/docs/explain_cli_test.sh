#!/usr/bin/env bash
# `fides explain`: prints a code's entry of the embedded reference; exit 2 for an
# unknown or malformed code and for a missing argument.
set -u
unset LC_ALL LC_MESSAGES LANG  # the messages in English, whatever the caller's locale
fides="$1"
failures=0
checks=0
expect_exit() {
  local want="$1"; shift
  checks=$((checks + 1))
  "$fides" "$@" >/dev/null 2>&1
  local got=$?
  if [ "$got" != "$want" ]; then echo "FAIL: fides $* exited $got, expected $want"; failures=$((failures + 1)); fi
}
expect_output() {
  local what="$1" pattern="$2"; shift 2
  checks=$((checks + 1))
  local out
  out=$("$fides" "$@" 2>&1)
  if ! grep -qF -- "$pattern" <<<"$out"; then
    echo "FAIL: fides $* ($what) printed: $out"; failures=$((failures + 1))
  fi
}
expect_exit 0 explain E0104
expect_exit 0 explain e0104
expect_exit 2 explain E9999
expect_exit 2 explain E01
expect_exit 2 explain unknown_field
expect_exit 2 explain
expect_exit 2 explain E0104 E0105
expect_output "the entry's heading" "### E0104" explain E0104
expect_output "the message" "unknown field '…' on record …" explain E0104
expect_output "the example" '```fides error E0104' explain e0104
expect_output "unknown code" "there is no diagnostic E9999" explain E9999
expect_output "malformed code" "'E01' is not a diagnostic code" explain E01
expect_output "listed in usage" "explain E0xxx" --help

# In Chinese: --lang zh, or a Chinese locale, prints the entry of docs/language.zh.md.
expect_exit 0 explain --lang zh E0104
expect_exit 2 explain --lang fr E0104
expect_output "the Chinese message" "错误：\`记录 … 没有字段 '…'\`" explain --lang zh E0104
expect_output "the same example" '```fides error E0104' explain E0104 --lang=zh
LANG=zh_CN.UTF-8 expect_output "a Chinese locale" "错误：\`记录 … 没有字段" explain E0104
expect_output "an unknown code in Chinese" "没有诊断 E9999" explain --lang zh E9999
expect_output "a malformed code in Chinese" "'E01' 不是诊断代码" explain --lang zh E01

# The entry stops before the next entry.
if "$fides" explain E0104 | grep -q '^### E0105'; then
  echo "FAIL: fides explain E0104 runs into the entry of E0105"; failures=$((failures + 1))
fi
checks=$((checks + 1))

echo "docs_explain_cli: $((checks - failures)) passed, $failures failed"
[ "$failures" = 0 ]
