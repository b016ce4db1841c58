#!/usr/bin/env bash
# Sets up (Debian packages), builds and runs every test. The README's second command.
#   tools/test.sh                              release build in build/
#   tools/test.sh --sanitize address,undefined  ASan+UBSan build in build-address-undefined/
#   tools/test.sh --sanitize thread             TSan build in build-thread/
set -euo pipefail
cd "$(dirname "$0")/.."

sanitize=""
if [ "${1:-}" = "--sanitize" ]; then
  sanitize="${2:?--sanitize needs address,undefined or thread}"
fi

bash tools/setup.sh

build_dir=build
build_type=RelWithDebInfo
if [ -n "$sanitize" ]; then
  build_dir="build-${sanitize//,/-}"
  build_type=Debug
fi
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" \
  -DGONGKAI_WERROR="$werror" -DGONGKAI_SANITIZE="$sanitize" >/dev/null
cmake --build "$build_dir"

# RocksDB from Debian is not instrumented; ASan's container-overflow check would misfire on
# std::string objects crossing into it, so that one check is off. Everything else aborts.
export ASAN_OPTIONS="detect_container_overflow=0:abort_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export TSAN_OPTIONS="suppressions=$PWD/tests/tsan.supp:halt_on_error=1"
# Twice as many tests at once as cores: most of them wait on fsync or on a server they started.
# The release suite on 2 cores: 165 s at -j2, 104 s at -j4 (with the longest started first: COST
# in tests/CMakeLists.txt).
ctest --test-dir "$build_dir" --output-on-failure -j "$(($(nproc) * 2))"

# The web console in a real browser against the server of this build (the release build only:
# the sanitizer builds test the same server code through ctest).
if [ -z "$sanitize" ]; then
  bash tools/console-test.sh "$build_dir"
fi
