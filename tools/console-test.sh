#!/usr/bin/env bash
# The web console's browser tests (issue 8): builds the console (tools/console-build.sh) and, when
# missing, gongkai-server; starts the server on a fresh demo store on a free loopback port; runs
# api/console/e2e/run.mjs (playwright-core driving Debian's chromium, headless); stops the server.
#   tools/console-test.sh [build-dir]     default: build (tools/test.sh's)
# Screenshots of every page and the server's log: <build-dir>/console-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build_dir="${1:-build}"

bash tools/console-build.sh
server="$build_dir/api/gongkai-server"
[ -x "$server" ] || cmake --build "$build_dir" --target gongkai-server
chromium_bin="${CHROMIUM:-$(command -v chromium || true)}"
if [ -z "$chromium_bin" ]; then
  echo "console-test: chromium is missing (run tools/setup.sh)" >&2
  exit 1
fi

artifacts="$root/$build_dir/console-artifacts"
rm -rf "$artifacts"
mkdir -p "$artifacts"
data="$(mktemp -d)"
admin_password="console-test-$RANDOM$RANDOM"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap cleanup EXIT

# A port of the dynamic range; another try when it is taken.
for attempt in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 20000))
  rm -rf "${data:?}"/*
  GONGKAI_ADMIN_PASSWORD="$admin_password" "$server" --data-dir="$data/store" \
    --listen="127.0.0.1:$port" --console-dir="$root/api/console/dist" --log-level=warning \
    --demo=true --demo-cases=40 --demo-seed=7 >"$artifacts/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break 2; fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.5
  done
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  echo "console-test: the server did not start on port $port (attempt $attempt)" >&2
done
if [ -z "$server_pid" ]; then
  cat "$artifacts/server.log" >&2
  exit 1
fi

cd api/console
BASE_URL="http://127.0.0.1:$port" ADMIN_PASSWORD="$admin_password" ARTIFACTS="$artifacts" \
  CHROMIUM="$chromium_bin" node e2e/run.mjs
