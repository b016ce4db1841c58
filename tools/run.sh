#!/usr/bin/env bash
# The README's first command: sets up (Debian packages), builds, fills a new store in ./data with
# demo data (`gongkai demo`: a township's year of cases, one user per role; their names and
# password are printed) and starts gongkai-server on it (at its first start it creates `admin` and
# prints its one-time password unless GONGKAI_ADMIN_PASSWORD is set). An existing ./data is used
# as it is. Extra arguments go to the server, e.g.
#   bash tools/run.sh --listen=0.0.0.0:8080
# Ctrl-C (SIGINT) or SIGTERM stops it cleanly; run it again to continue on the same store.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target gongkai-server gongkai
bash tools/console-build.sh  # the web console at / (npm ci + vite build when sources changed)
if [ ! -e ./data/store/CURRENT ]; then
  ./build/tools/gongkai demo --data-dir ./data
fi
exec ./build/api/gongkai-server --data-dir=./data "$@"
