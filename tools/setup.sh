#!/usr/bin/env bash
# Installs, from Debian's packages, only what this machine is missing to build Fides and,
# with --tests (tools/run-tests.sh), to run its tests too.
set -euo pipefail
packages=(cmake ninja-build g++ antlr4 libantlr4-runtime-dev llvm-19-dev liblld-19-dev
          libfmt-dev doctest-dev clang-19 libclang-rt-19-dev zlib1g-dev libzstd-dev python3
          libsodium-dev libssl-dev libcpp-httplib-dev nlohmann-json3-dev libsimdjson-dev time)
# Only the tests need these: `fides report`'s page opened in headless Chromium,
# with a Chinese font to draw it, and PIL to compare its screenshot (tests/report).
test_packages=(chromium fonts-wqy-microhei python3-pil)
if [ "${1:-}" = "--tests" ]; then packages+=("${test_packages[@]}"); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
