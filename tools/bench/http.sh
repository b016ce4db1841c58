#!/bin/sh
# HTTP benchmarks of BENCHMARKS.md with `gongkai loadgen` against gongkai-server on a fresh demo
# store in a temp dir (one server for all runs; the command runs add notes to its cases):
#   floor     GET /healthz (the server's liveness route; BENCHMARKS.md calls it /livez)
#   queue     GET /api/v1/queue as the demo handler banli         target >= 20,000/s, p99 <= 20 ms
#   command   POST /api/v1/cases/{id}/add-note as banli            target >= 10,000/s, p99 <= 20 ms
#   fairness  the queue mix at maxThreads + 16 connections (beyond the pool: report unanswered)
# floor, queue and command run at CONNECTIONS (default 128), alternated RUNS times (floor queue
# floor command ...); every run reports its per-connection fairness (starved = 0 at C <= pool).
# Prints one JSON line per run, then a summary line: medians, ratios to the floor, pass.
#
# Build first, optimised (no sanitizers):
#   cmake -S . -B build-rel -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo && ninja -C build-rel -j1 gongkai gongkai-server
# Usage: tools/bench/http.sh [--quick] [--build DIR]
# Environment: DURATION (20s), WARMUP (2s), CONNECTIONS (128), RUNS (1), CASES (300 demo cases),
#   MAX_THREADS (192, the server's default), GONGKAI_BENCH_PORT (18089), OUT (a file to copy the lines to)
# --quick: a smoke run for CI (2s runs, 16 connections, fairness at 32 connections over a pool of 16).
set -eu
BUILD=build-rel
QUICK=0
while [ $# -gt 0 ]; do
  case $1 in
    --quick) QUICK=1 ;;
    --build) BUILD=$2; shift ;;
    *) echo "usage: $0 [--quick] [--build DIR]" >&2; exit 2 ;;
  esac
  shift
done
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-2s}
CONNECTIONS=${CONNECTIONS:-128}
RUNS=${RUNS:-1}
CASES=${CASES:-300}
MAX_THREADS=${MAX_THREADS:-192}
MAX_QUEUED=256
KEEP_ALIVE=10
if [ $QUICK = 1 ]; then
  DURATION=2s WARMUP=500ms CONNECTIONS=16 MAX_THREADS=16 CASES=60
fi
SERVER="$BUILD/api/gongkai-server"
LOADGEN="$BUILD/tools/gongkai"
PORT=${GONGKAI_BENCH_PORT:-18089}
BASE="http://127.0.0.1:$PORT"
for b in "$SERVER" "$LOADGEN"; do
  [ -x "$b" ] || { echo "no $b: build gongkai and gongkai-server first" >&2; exit 2; }
done

DATA=$(mktemp -d)
GONGKAI_ADMIN_PASSWORD=bench-admin-password "$SERVER" --demo=true --demo-cases="$CASES" \
  --demo-seed=1 --data-dir="$DATA/data" --listen="127.0.0.1:$PORT" --max-threads="$MAX_THREADS" \
  --max-queued=$MAX_QUEUED --keep-alive-seconds=$KEEP_ALIVE \
  >"$DATA/requests.log" 2>"$DATA/stderr.log" &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT INT TERM
i=0
until curl -fs "$BASE/readyz" >/dev/null 2>&1; do
  i=$((i + 1)); [ $i -lt 600 ] || { cat "$DATA/stderr.log" >&2; exit 1; }; sleep 0.2
done

run() {  # mix connections
  "$LOADGEN" loadgen --url "$BASE" --mix "$1" --connections "$2" --duration "$DURATION" \
    --warmup "$WARMUP" --username banli --password gongkai-demo \
    --server-max-threads "$MAX_THREADS" | tee -a "$DATA/lines.jsonl"
}
r=0
while [ $r -lt "$RUNS" ]; do
  run livez "$CONNECTIONS"; run queue "$CONNECTIONS"
  run livez "$CONNECTIONS"; run command "$CONNECTIONS"
  r=$((r + 1))
done
run queue $((MAX_THREADS + 16))

python3 - "$DATA/lines.jsonl" "$CONNECTIONS" "$MAX_THREADS" "$MAX_QUEUED" "$KEEP_ALIVE" <<'PY'
import json, statistics, sys
path, conns, max_threads, max_queued, keep_alive = sys.argv[1], *map(int, sys.argv[2:])
lines = [json.loads(l) for l in open(path) if l.startswith("{")]
def runs(mix, c):
    return [l for l in lines if l["params"]["mix"] == mix and l["params"]["connections"] == c]
def med(rs, key):
    return statistics.median(r["totals"][key] for r in rs) if rs else None
floor = med(runs("livez", conns), "requests_per_s")
summary = {"name": "http", "connections": conns, "runs": len(runs("queue", conns)),
           "max_threads": max_threads, "max_queued": max_queued,
           "keep_alive_timeout_s": keep_alive, "floor_requests_per_s": floor,
           "floor_p99_ms": med(runs("livez", conns), "p99_ms")}
for mix in ("queue", "command"):
    rs = runs(mix, conns)
    rps = med(rs, "requests_per_s")
    summary[mix] = {"requests_per_s": rps, "p50_ms": med(rs, "p50_ms"), "p99_ms": med(rs, "p99_ms"),
                    "errors": sum(r["totals"]["errors"] for r in rs),
                    "starved": max(r["fairness"]["starved"] for r in rs),
                    "worst_first_response_ms": max((r["fairness"]["worst_first_response_ms"] or 1e9) for r in rs),
                    "ratio_to_floor": round(rps / floor, 3) if rps and floor else None,
                    "target": rs[0]["target"], "pass": all(r["pass"] for r in rs)}
over = runs("queue", max_threads + 16)
if over:
    f = over[0]["fairness"]
    summary["beyond_pool"] = {"connections": max_threads + 16, "unanswered": f["unanswered"],
                              "starved": f["starved"], "min_requests": f["min_requests"],
                              "median_requests": f["median_requests"],
                              "requests_per_s": over[0]["totals"]["requests_per_s"]}
summary["pass"] = all(summary[m]["pass"] for m in ("queue", "command"))
summary["nproc"] = lines[-1]["nproc"]
summary["loadavg"] = lines[-1]["loadavg"]
print(json.dumps(summary))
PY
[ -z "${OUT:-}" ] || cp "$DATA/lines.jsonl" "$OUT"
