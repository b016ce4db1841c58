#!/usr/bin/env bash
# Builds the web console (api/console) into api/console/dist, which gongkai-server serves at /
# (its default console_dir). npm ci from the committed package-lock.json when node_modules is
# missing or older than the lockfile; vite build when dist is missing or older than a source.
# Needs node and npm (tools/setup.sh installs Debian's); the registry only at set-up, never at run.
set -euo pipefail
cd "$(dirname "$0")/../api/console"

if ! command -v npm >/dev/null; then
  echo "console-build: npm is missing (run tools/setup.sh)" >&2
  exit 1
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "console-build: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi

stamp=dist/.build-stamp
if [ -f "$stamp" ] && [ -z "$(find src public index.html vite.config.js package-lock.json -newer "$stamp" -print -quit)" ]; then
  exit 0
fi
echo "console-build: vite build" >&2
npx --no-install vite build --logLevel warn
touch "$stamp"
