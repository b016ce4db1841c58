#!/usr/bin/env bash
# Sets up (Debian packages), builds, and runs the store's append benchmark as a demo. The README's
# first command. The HTTP server does not exist yet (issue #5); when it does, this starts it on a
# demo store instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target gongkai
echo "gongkai: no server yet; measuring durable appends against the raw RocksDB floor instead" >&2
./build/tools/gongkai bench append --quick "$@"
