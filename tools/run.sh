#!/usr/bin/env bash
# The README's first command: sets up (Debian packages), builds, and starts gongkai-server on an
# embedded store in ./data with demo data (a township's year of cases, one user per role; the
# users and their password are printed at first start, and so is the admin's one-time password
# unless GONGKAI_ADMIN_PASSWORD is set). Extra arguments go to the server, e.g.
#   bash tools/run.sh --listen=0.0.0.0:8080
# Ctrl-C (SIGINT) or SIGTERM stops it cleanly; run it again to continue on the same store.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target gongkai-server gongkai
bash tools/console-build.sh  # the web console at / (npm ci + vite build when sources changed)
exec ./build/api/gongkai-server --data-dir=./data --demo=true "$@"
