#!/bin/sh
# RELIABILITY.md §4 L1, the soak: N keep-alive clients send a working day's mix of commands and
# queries to gongkai-server for M minutes while the server's RSS (/proc/<pid>/status VmRSS) is
# sampled every 5 s. Ends with ONE JSON line:
#   {"name":"L1","clients","minutes","requests","requests_per_s","errors","p99_ms","starved",
#    "rss_max_mib","rss_growth_pct","seed","pass",...}
# and exits 1 when it fails (errors > 0, starved > 0, RSS > 300 MiB or > 5 % growth after warm-up).
#
# The server runs on a fresh demo store in a temp dir (CASES demo cases, seed 1); the clients are
# `gongkai loadgen --mix soak` (tools/cli/loadgen.cc), one thread per keep-alive connection:
#   queue 25 % (GET /queue), read 20 % (GET /cases/{id}), search 15 % (GET /cases?q=),
#   history 10 % (GET /cases/{id}/history), command 20 % (POST add-note), all as the demo handler
#   banli; register 8 % (POST /cases as the registrar dengji); report 2 % (GET /stats/summary as
#   the supervisor duban). Commands carry fresh Idempotency-Keys; the store grows during the run.
# Clients are CLOSED LOOP by default (each sends its next request as soon as the last is answered):
# the server is saturated for the whole run, the harshest case for memory and fairness. --think-ms T
# paces each client (uniform 0..2T between requests); the line then says "pacing":"paced" and
# requests_per_s shows how loaded the server still was.
#
# starved (BENCHMARKS.md "HTTP starvation"): a connection whose first response took > 100 ms (from
# its send; worst_first_sent_ms: how long the load generator's threads took to send them all) or
# that completed < half the median requests. errors: non-2xx answers and socket errors, warm-up
# included. p99: every request after the first WARMUP_S seconds. rss_growth_pct: how much the
# level of RSS net of the memtables (capped by the store, swinging with its flushes) rose from the
# warm-up's end to the last sample, as a robust straight line through those samples (Theil-Sen:
# the median of the slopes between every two samples) says, in % of the line's value at the
# warm-up's end; rss_growth_raw_pct the same of RSS itself; rss_peak_over_level_mib: the highest
# sample above that line (a compaction's buffers, for one sample); rss_max_over_first_pct: the
# highest sample after the warm-up against the first, net (the figure this line gave before
# 2026-11-30: one sample decided it); warm-up = max(60 s, 20 % of the run, the moment the store's
# block cache is full if at least 30 s of the run are left after it); memory_mib shows the
# store's capped parts and the heap in use at both ends of that window.
#
# Build first, optimised (no sanitizers):
#   cmake -S . -B build-rel -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo && ninja -C build-rel -j1 gongkai gongkai-server
# Usage: tools/soak.sh [--clients N] [--minutes M] [--think-ms T] [--seed S] [--build DIR]
#   CI: --clients 64 --minutes 3; release: --clients 256 --minutes 60; issue 7: 128 clients, 5 min.
# Environment: CASES (300), MAX_THREADS (max(192, N + 16)), GONGKAI_SOAK_PORT (18099),
#   KEEP=1 keeps the temp dir (server logs, RSS samples, loadgen line) and prints its path.
set -eu
BUILD=build-rel
CLIENTS=64
MINUTES=3
THINK=0
SEED=1
while [ $# -gt 0 ]; do
  case $1 in
    --clients) CLIENTS=$2; shift ;;
    --minutes) MINUTES=$2; shift ;;
    --think-ms) THINK=$2; shift ;;
    --seed) SEED=$2; shift ;;
    --build) BUILD=$2; shift ;;
    *) echo "usage: $0 [--clients N] [--minutes M] [--think-ms T] [--seed S] [--build DIR]" >&2
       exit 2 ;;
  esac
  shift
done
CASES=${CASES:-300}
MAX_THREADS=${MAX_THREADS:-$((CLIENTS + 16 > 192 ? CLIENTS + 16 : 192))}
MAX_QUEUED=256
KEEP_ALIVE=10
WARMUP_S=10
RUN_S=$(python3 -c "print(round(float('$MINUTES') * 60))")
RSS_WARMUP_S=$(python3 -c "print(max(60, round($RUN_S * 0.2)))")
SERVER="$BUILD/api/gongkai-server"
LOADGEN="$BUILD/tools/gongkai"
PORT=${GONGKAI_SOAK_PORT:-18099}
BASE="http://127.0.0.1:$PORT"
for b in "$SERVER" "$LOADGEN"; do
  [ -x "$b" ] || { echo "no $b: build gongkai and gongkai-server first" >&2; exit 2; }
done

DATA=$(mktemp -d)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
GONGKAI_ADMIN_PASSWORD=soak-admin-password GONGKAI_METRICS_TOKEN=soak-metrics-token "$SERVER" --demo=true --demo-cases="$CASES" \
  --demo-seed=1 --data-dir="$DATA/data" --listen="127.0.0.1:$PORT" --max-threads="$MAX_THREADS" \
  --max-queued=$MAX_QUEUED --keep-alive-seconds=$KEEP_ALIVE \
  >"$DATA/requests.log" 2>"$DATA/stderr.log" &
PID=$!
SAMPLER=
cleanup() {
  [ -z "$SAMPLER" ] || kill "$SAMPLER" 2>/dev/null || true
  kill "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $DATA" >&2; else rm -rf "$DATA"; fi
}
trap cleanup EXIT INT TERM
i=0
until curl -fs "$BASE/readyz" >/dev/null 2>&1; do
  i=$((i + 1)); [ $i -lt 600 ] || { cat "$DATA/stderr.log" >&2; exit 1; }; sleep 0.2
done

# Every 5 s until the server is gone: "<seconds since the clients started> <VmRSS kB>
# <block cache kB> <memtables kB> <table readers kB> <heap in use kB> <block cache cap kB>" (all but
# the first two from /metrics).
(
  t=0
  while rss=$(awk '/^VmRSS/ {print $2}' "/proc/$PID/status" 2>/dev/null) && [ -n "$rss" ]; do
    store=$(curl -fs -H "Authorization: Bearer soak-metrics-token" "$BASE/metrics" | awk '
      /^gongkai_store_memory_bytes\{part="block_cache"\}/ {c = $2}
      /^gongkai_store_memory_bytes\{part="memtables"\}/ {m = $2}
      /^gongkai_store_memory_bytes\{part="table_readers"\}/ {r = $2}
      /^gongkai_heap_in_use_bytes / {h = $2}
      /^gongkai_store_block_cache_capacity_bytes / {k = $2}
      END {printf "%d %d %d %d %d", c / 1024, m / 1024, r / 1024, h / 1024, k / 1024}') ||
      store="0 0 0 0 0"
    echo "$t $rss $store" >>"$DATA/rss.txt"
    sleep 5; t=$((t + 5))
  done
) &
SAMPLER=$!

START=$(date +%s)
"$LOADGEN" loadgen --url "$BASE" --mix soak --connections "$CLIENTS" \
  --duration "$((RUN_S - WARMUP_S))s" --warmup "${WARMUP_S}s" --username banli \
  --password gongkai-demo --registrar dengji:gongkai-demo --supervisor duban:gongkai-demo \
  --think-ms "$THINK" --seed "$SEED" --server-max-threads "$MAX_THREADS" >"$DATA/loadgen.json" ||
  { cat "$DATA/stderr.log" >&2; exit 1; }
ELAPSED=$(($(date +%s) - START))
kill "$SAMPLER" 2>/dev/null || true
SAMPLER=
ALIVE=1
kill -0 "$PID" 2>/dev/null || ALIVE=0
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$DATA" "$CLIENTS" "$MINUTES" "$SEED" "$THINK" "$RSS_WARMUP_S" "$MAX_THREADS" \
  "$MAX_QUEUED" "$KEEP_ALIVE" "$CASES" "$ELAPSED" "$ALIVE" "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY'
import json, sys
(data, clients, minutes, seed, think, rss_warmup, max_threads, max_queued, keep_alive, cases,
 elapsed, alive, load_before, load_after) = sys.argv[1:]
run = [json.loads(l) for l in open(data + "/loadgen.json") if l.startswith("{")][-1]
rows = [list(map(int, l.split())) for l in open(data + "/rss.txt") if l.strip()]
samples = [(row[0], row[1]) for row in rows]
mib = lambda kb: round(kb / 1024, 1)
rss_max = max(kb for _, kb in samples)
# The warm-up also lasts until the block cache is full (95 % of its cap), however late, as long as
# 30 s (seven samples) of the run are left to measure: the cache fills as the store grows and as
# reads reach new data, by design up to its cap, which is not the growth this check looks for. A
# cache still filling after that leaves the warm-up as it was, and its growth counts: the run was
# too short to see the server warm. (Until 2026-12-01 the cache had to be full within the first
# two thirds of the run; the CI run at 7c8e409 filled it at 150 s of 180 and failed on the fill.)
run_s = float(minutes) * 60
MIN_WINDOW_S = 30
cache_full_s = next((row[0] for row in rows if len(row) == 7 and row[6] > 0
                     and row[2] >= 0.95 * row[6]), None)
warmup_s = int(rss_warmup)
if cache_full_s is not None and cache_full_s <= run_s - MIN_WINDOW_S:
    warmup_s = max(warmup_s, cache_full_s)
# Growth is counted net of the memtables: RocksDB caps them (one 32 MiB budget), they swing
# between ~8 and ~29 MiB all run as they fill and flush, and since the server maps their blocks on
# their own (api/server/main.cc) RSS goes down with each flush. RSS with them swung by up to 20 MiB
# (~15 %), so where the warm-up ended in their cycle decided the figure. The raw figure is in the
# line too (rss_growth_raw_pct).
# Samples whose /metrics read failed (all zeros) say nothing of the memtables and are left out.
# Growth is the rise of the level, not the highest sample: a compaction's buffers lift RSS by up to
# ~12 MiB for one 5-s sample and are gone at the next (15-minute run, tests/RELIABILITY.md
# "Memory, 2026-11-30 (morning)"), which RSS <= 300 MiB bounds; with the highest sample one such
# sample decided the figure. A leak raises the line; a spike barely moves a median of slopes.
after_rows = [row for row in rows if row[0] >= warmup_s]
net = [(row[0], row[1] - row[3]) for row in after_rows if len(row) == 7 and row[6] > 0]
raw = [(row[0], row[1]) for row in after_rows]

def theil_sen(points):
    slopes = sorted((y2 - y1) / (t2 - t1) for i, (t1, y1) in enumerate(points)
                    for (t2, y2) in points[i + 1:] if t2 != t1)
    slope = slopes[len(slopes) // 2]
    offsets = sorted(y - slope * t for t, y in points)
    return slope, offsets[len(offsets) // 2]

def growth_of(points):
    if len(points) < 3:
        return None, None
    slope, offset = theil_sen(points)
    start = offset + slope * points[0][0]
    rise = slope * (points[-1][0] - points[0][0])
    peak = max(y - (offset + slope * t) for t, y in points)
    return round(rise / start * 100, 2), peak

growth, peak_over_level = growth_of(net)
growth_raw, _ = growth_of(raw)
max_over_first = (round((max(y for _, y in net) - net[0][1]) / net[0][1] * 100, 2)
                  if len(net) >= 2 else None)
# The store's capped parts and the heap in use at the end of the warm-up and at the last sample.
store_after = [row for row in rows if row[0] >= warmup_s and len(row) == 7]
store_parts = lambda row: {"block_cache": mib(row[2]), "memtables": mib(row[3]),
                           "table_readers": mib(row[4]), "heap_in_use": mib(row[5])}
store_mib = ({"after_warmup": store_parts(store_after[0]), "last": store_parts(store_after[-1])}
             if store_after else None)
totals, fairness = run["totals"], run["fairness"]
ops = {name: {"count": o["count"], "p99_ms": o["p99_ms"], "errors": o["errors"]["total"]}
       for name, o in run["ops"].items()}
line = {
    "name": "L1", "clients": int(clients), "minutes": float(minutes),
    "requests": totals["count"], "requests_per_s": totals["requests_per_s"],
    "errors": totals["errors"], "p50_ms": totals["p50_ms"], "p99_ms": totals["p99_ms"],
    "starved": fairness["starved"], "worst_first_response_ms": fairness["worst_first_response_ms"],
    "worst_first_sent_ms": fairness.get("worst_first_sent_ms"),
    "min_requests": fairness["min_requests"], "median_requests": fairness["median_requests"],
    "rss_max_mib": mib(rss_max), "rss_growth_pct": growth,
    "rss_growth_raw_pct": growth_raw,
    "rss_peak_over_level_mib": mib(peak_over_level) if peak_over_level is not None else None,
    "rss_max_over_first_pct": max_over_first,
    "rss_after_warmup_mib": mib(after_rows[0][1]) if after_rows else None, "rss_warmup_s": warmup_s,
    "block_cache_full_s": cache_full_s,
    "rss_samples": len(samples), "memory_mib": store_mib, "server_alive": alive == "1",
    "pacing": run["params"]["pacing"], "think_ms": int(think), "seed": int(seed),
    "ops": ops, "cases": int(cases), "max_threads": int(max_threads),
    "max_queued": int(max_queued), "keep_alive_timeout_s": int(keep_alive),
    "elapsed_s": int(elapsed), "nproc": run["nproc"],
    "loadavg_before": load_before, "loadavg_after": load_after,
}
line["pass"] = (line["errors"] == 0 and line["starved"] == 0 and line["server_alive"]
                and rss_max / 1024 <= 300 and growth is not None and growth <= 5)
print(json.dumps(line, ensure_ascii=False))
sys.exit(0 if line["pass"] else 1)
PY
