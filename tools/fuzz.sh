#!/usr/bin/env bash
# RELIABILITY.md S1: builds the libFuzzer targets of tests/fuzz (clang, ASan+UBSan, GONGKAI_FUZZ)
# and fuzzes each for N seconds from a writable copy of its committed seed corpus, leak detection
# on. Prints one JSON line per target (execs, exec_per_s, corpus, crashes, leaks, timeouts, seed)
# and a last line with the totals; exits 1 on any crash, leak or timeout (the input is kept in
# <build>/fuzz-runs/<target>/artifacts: fix the bug, then add the input to
# tests/fuzz/regressions/<target>/ and a Catch2 test).
#   tools/fuzz.sh [--build DIR] [--seconds N] [--seed S] [--jobs J] [target...]
# --jobs J: build jobs, and targets fuzzed at once (default: the cores).
# CI: --seconds 60. Release: --seconds 3600. Replays only (no fuzzing): ctest --test-dir DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build-fuzz
seconds=60
jobs="$(nproc)"
seed="${GONGKAI_FUZZ_SEED:-$(( $(date +%s) % 1000000 + 1 ))}"
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build_dir="${2:?--build needs a directory}"; shift 2 ;;
    --seconds) seconds="${2:?--seconds needs a number}"; shift 2 ;;
    --seed) seed="${2:?--seed needs a number}"; shift 2 ;;
    --jobs) jobs="${2:?--jobs needs a number}"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(command_decoders event_codec dossier calendar_text http_api)

bash tools/setup.sh --fuzz
cxx="${GONGKAI_FUZZ_CXX:-clang++-14}"
# -O1: libFuzzer's usual trade between build time and executions per second; asserts stay on.
# -g1: line tables, all a crash's stack trace needs (and quicker to build than full debug info).
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-g1 -O1" \
  -DCMAKE_CXX_COMPILER="$cxx" -DGONGKAI_FUZZ=ON -DGONGKAI_BUILD_TESTS=OFF \
  -DGONGKAI_WERROR="${GONGKAI_FUZZ_WERROR:-OFF}" >/dev/null
build_start=$(date +%s)
cmake --build "$build_dir" -j "$jobs" -- $(printf '%s_fuzz ' "${targets[@]}") >&2
echo "fuzz.sh: build took $(( $(date +%s) - build_start )) s" >&2

# RocksDB from Debian is not instrumented: ASan's container-overflow check misfires on strings
# crossing into it (as in tools/test.sh). Everything else aborts; leaks are reported at exit.
export ASAN_OPTIONS="detect_container_overflow=0:detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

runs="$build_dir/fuzz-runs"
# Fuzzes one target and writes its JSON line to <work>/result.json (its failure, if any, to stderr).
fuzz_one() {
  local target=$1 work="$runs/$1"
  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/artifacts" "$work/tmp"
  cp tests/fuzz/corpus/"$target"/* "$work/corpus/"
  local regressions=()
  [ -d "tests/fuzz/regressions/$target" ] && regressions=("tests/fuzz/regressions/$target")
  local log="$work/fuzz.log" rc
  # The first corpus directory is the writable one (new units go there); the http_api target
  # keeps its store under TMPDIR, removed here afterwards even if the run crashed.
  set +e
  TMPDIR="$work/tmp" "$build_dir/tests/fuzz/${target}_fuzz" \
    -max_total_time="$seconds" -seed="$seed" -timeout=10 -rss_limit_mb=2560 \
    -detect_leaks=1 -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
    "$work/corpus" "${regressions[@]}" >"$log" 2>&1
  rc=$?
  set -e
  rm -rf "$work/tmp"
  local execs per_s corpus crashes leaks timeouts
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  [ -n "$execs" ] || execs=$(grep -o '^#[0-9]*' "$log" | tr -d '#' | tail -1)
  per_s=$(grep -o 'stat::average_exec_per_sec: [0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  execs=${execs:-0}
  [ -n "$per_s" ] || per_s=$(( execs / (seconds > 0 ? seconds : 1) ))
  corpus=$(find "$work/corpus" -type f | wc -l)
  crashes=$(find "$work/artifacts" -type f \( -name 'crash-*' -o -name 'oom-*' \
    -o -name 'deadly-*' \) | wc -l)
  leaks=$(find "$work/artifacts" -type f -name 'leak-*' | wc -l)
  timeouts=$(find "$work/artifacts" -type f \( -name 'timeout-*' -o -name 'slow-unit-*' \) | wc -l)
  # A failure libFuzzer did not save an input for (e.g. a crash while loading the corpus).
  if [ "$rc" -ne 0 ] && [ $((crashes + leaks + timeouts)) -eq 0 ]; then crashes=1; fi
  if [ $((crashes + leaks + timeouts)) -gt 0 ]; then
    echo "fuzz.sh: $target failed (exit $rc); log $log, inputs in $work/artifacts" >&2
    grep -m1 -E 'ERROR|fuzz check failed|runtime error' "$log" >&2 || true
  fi
  printf '{"name":"S1","target":"%s","execs":%s,"exec_per_s":%s,"corpus":%s,"crashes":%s,"leaks":%s,"timeouts":%s,"seconds":%s,"seed":%s}\n' \
    "$target" "$execs" "$per_s" "$corpus" "$crashes" "$leaks" "$timeouts" "$seconds" "$seed" \
    >"$work/result.json"
}

# Each fuzzer runs on one core, so --jobs targets run at once (CI: two on two cores, five
# targets in three rounds of 60 s instead of five).
running=0
for target in "${targets[@]}"; do
  fuzz_one "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n || true; running=$((running - 1)); fi
done
wait || true  # a target that died without its line counts as a crash below

status=0
total_execs=0
total_failures=0
for target in "${targets[@]}"; do
  line=$(cat "$runs/$target/result.json" 2>/dev/null) ||
    line='{"name":"S1","target":"'"$target"'","execs":0,"crashes":1,"leaks":0,"timeouts":0}'
  echo "$line"
  execs=$(echo "$line" | grep -o '"execs":[0-9]*' | grep -o '[0-9]*$')
  failures=0
  for field in crashes leaks timeouts; do
    failures=$((failures + $(echo "$line" | grep -o "\"$field\":[0-9]*" | grep -o '[0-9]*$')))
  done
  [ "$failures" -eq 0 ] || status=1
  total_execs=$((total_execs + execs))
  total_failures=$((total_failures + failures))
done
printf '{"name":"S1","targets":%s,"execs":%s,"failures":%s,"seconds_per_target":%s,"seed":%s}\n' \
  "${#targets[@]}" "$total_execs" "$total_failures" "$seconds" "$seed"
exit "$status"
