#!/usr/bin/env bash
# Installs the Debian 12 packages gongkai needs to build, test and benchmark, when they are missing.
# Idempotent and quiet when everything is already there; needs root (or sudo) to install.
# --fuzz adds clang for tools/fuzz.sh.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  libpoco-dev librocksdb-dev nlohmann-json3-dev libssl-dev catch2 libcli11-dev
  openssl curl  # the TLS test makes a throwaway certificate; README's walkthrough uses curl
  chromium fonts-wqy-microhei  # the web console's browser tests (and Chinese glyphs for them)
  python3  # tools/bench/*.sh summarise their runs with it
)
# Node and npm build the web console; Debian's (Node 18) unless a node with npm is already there
# (e.g. NodeSource's nodejs, which bundles npm and conflicts with Debian's npm package).
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
# tools/fuzz.sh (libFuzzer needs clang and its runtime): only with `setup.sh --fuzz`.
[ "${1:-}" = "--fuzz" ] && packages+=(clang-14 libclang-rt-14-dev)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
