#!/usr/bin/env bash
# The PostgreSQL peer of `gongkai bench append` (BENCHMARKS.md, "Peer: PostgreSQL 15 + Message DB"):
# Debian postgresql-15 with npm @eventide/message-db@1.3.1, and a Marten-style table, against
# `gongkai bench append`, all at the same concurrency with fsync on, on one filesystem, one seeded
# ~400-byte event body with Chinese text (gongkai bench append --print-body -> tools/bench/event.json).
#
# Every append checks the stream's expected version on both sides: Message DB's write_message with
# the stream's current version (its category lock held through the commit), Marten-style with
# max(version) + 1 under UNIQUE (stream_id, version), gongkai with the version it last saw. Each
# client writes to a random one of its own 10,000 streams `case-<client>x<n>` (one category).
#
# Runs interleaved (Message DB, Marten-style, gongkai, then again): one warm-up round, dropped,
# then --runs measured rounds of --duration seconds per side. Before each run the side's data is
# emptied (PostgreSQL: TRUNCATE; gongkai: a new store), then `sync` and a PostgreSQL CHECKPOINT.
# Throughput: pgbench's tps (one event per transaction) and gongkai's events_per_s; p99 per run from
# pgbench's -l logs (field 3, µs) and gongkai's line; each side's figure is the median over runs.
# Ends with one JSON line: medians, min/max, ratios gongkai/MessageDB (target >= 8) and
# gongkai/Marten-style (target >= 3), pass, the fsync settings, nproc, loadavg.
#
# Runs as root (it may apt-get install; initdb and pg_ctl run as `postgres` through runuser). The
# throwaway cluster lives in a temp dir on 127.0.0.1:$PGPORT (default 55432) and is stopped and
# removed on exit. Build gongkai optimised first:
#   cmake -S . -B build-rel -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo && ninja -C build-rel -j1 gongkai
# Usage: tools/bench/peer-postgres.sh [--build DIR] [--runs N] [--duration S] [--clients C] [--quick]
#   defaults: build-rel, 5 runs, 20 s, 32 clients; --quick: 1 run of 3 s per side (CI, smoke).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
BUILD=build-rel RUNS=5 DURATION=20 CLIENTS=32 QUICK=0
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --quick) QUICK=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "peer-postgres.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if [ "$QUICK" = 1 ]; then RUNS=1; DURATION=3; fi
GONGKAI="$BUILD/tools/gongkai"
[ -x "$GONGKAI" ] || { echo "no $GONGKAI: build gongkai first (see --help)" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "run as root (initdb and pg_ctl run as postgres via runuser)" >&2; exit 2; }
log() { echo "peer-postgres: $*" >&2; }

# --- the peer's software, installed only when missing -------------------------------------------
missing=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
dpkg -s postgresql-contrib >/dev/null 2>&1 || missing+=(postgresql-contrib)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  apt-get update -qq >&2
  apt-get install -y "${missing[@]}" >&2
fi
MDB=tools/bench/peer/node_modules/@eventide/message-db
if ! grep -q '"version": "1.3.1"' "$MDB/package.json" 2>/dev/null; then
  log "npm install @eventide/message-db@1.3.1"
  npm install --no-save --no-audit --no-fund --prefix tools/bench/peer @eventide/message-db@1.3.1 >&2
fi

# --- a throwaway cluster on loopback ------------------------------------------------------------
export PGBIN=/usr/lib/postgresql/15/bin PGPORT=${PGPORT:-55432} PGHOST PGCLIENTENCODING=UTF8
PGHOST=$(mktemp -d)
SCRATCH=$(mktemp -d)  # gongkai's stores: the same filesystem as the cluster (both under temp)
cleanup() {
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGHOST/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PGHOST" "$SCRATCH"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
chown postgres: "$PGHOST"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGHOST/data" -A trust -U postgres -E UTF8 --no-locale >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGHOST/data" -l "$PGHOST/log" -w start -o \
  "-p $PGPORT -k $PGHOST -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_connections=200" >/dev/null
PGUSER=postgres DATABASE_NAME=message_store bash "$MDB/database/install.sh" >"$PGHOST/install.log" 2>&1 ||
  { cat "$PGHOST/install.log" >&2; exit 1; }
as_postgres() { psql -U postgres -d message_store -v ON_ERROR_STOP=1 -Atq "$@"; }

# Never measured with durability off: the three must be on (BENCHMARKS.md).
mapfile -t SETTINGS < <(psql -U message_store -d message_store -Atc 'SHOW fsync; SHOW synchronous_commit; SHOW full_page_writes')
log "fsync=${SETTINGS[0]} synchronous_commit=${SETTINGS[1]} full_page_writes=${SETTINGS[2]}"
for s in "${SETTINGS[@]}"; do
  [ "$s" = on ] || { echo "a durability setting is not on: ${SETTINGS[*]}" >&2; exit 1; }
done
PG_VERSION=$(as_postgres -c 'SHOW server_version')
MDB_VERSION=$(as_postgres -c 'SELECT message_store.message_store_version()' 2>/dev/null || echo unknown)

as_postgres <<'SQL'
CREATE TABLE mt_events (seq_id bigserial PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  stream_id text NOT NULL, version bigint NOT NULL, type text NOT NULL, data jsonb NOT NULL,
  UNIQUE (stream_id, version));
GRANT SELECT, INSERT ON mt_events TO message_store;
GRANT USAGE ON SEQUENCE mt_events_seq_id_seq TO message_store;
SQL

# --- the workloads -------------------------------------------------------------------------------
mkdir -p tools/bench/peer
cat >tools/bench/peer/mdb_append.sql <<'SQL'
\set s random(1, 10000)
SELECT message_store.write_message(gen_random_uuid()::text, 'case-' || :client_id || 'x' || :s, 'Ev',
  :payload::jsonb, NULL, COALESCE(message_store.stream_version('case-' || :client_id || 'x' || :s), -1));
SQL
cat >tools/bench/peer/mt_append.sql <<'SQL'
\set s random(1, 10000)
INSERT INTO mt_events (stream_id, version, type, data)
  SELECT 'case-' || :client_id || 'x' || :s, COALESCE(max(version), 0) + 1, 'Ev', :payload::jsonb
  FROM mt_events WHERE stream_id = 'case-' || :client_id || 'x' || :s;
SQL
"$GONGKAI" bench append --print-body >tools/bench/event.json
PAYLOAD=$(cat tools/bench/event.json)
log "event body: $(wc -c <tools/bench/event.json) bytes; $RUNS runs of ${DURATION}s per side after one warm-up"

prepare() {  # empty the side's data, then sync and checkpoint, before every run
  case "$1" in
    mdb) as_postgres -c 'TRUNCATE message_store.messages' ;;
    mt) as_postgres -c 'TRUNCATE mt_events RESTART IDENTITY' ;;
  esac
  sync
  as_postgres -c 'CHECKPOINT'
}

# pgbench side: prints "<tps> <p99_ms>".
run_pgbench() {
  local side=$1 round=$2 out
  rm -f "$PGHOST/$side-$round".*
  out=$(pgbench -U message_store -n -M prepared -c "$CLIENTS" -j 2 -T "$DURATION" -D payload="$PAYLOAD" \
    -l --log-prefix="$PGHOST/$side-$round" -f "tools/bench/peer/${side}_append.sql" message_store 2>&1) ||
    { echo "$out" >&2; echo "pgbench ($side) failed" >&2; return 1; }
  local tps failed
  tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' <<<"$out")
  failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' <<<"$out")
  [ -n "$tps" ] || { echo "$out" >&2; echo "no tps in pgbench's output" >&2; return 1; }
  [ "${failed:-0}" = 0 ] || { echo "$out" >&2; echo "pgbench ($side): failed transactions" >&2; return 1; }
  cat "$PGHOST/$side-$round".* | python3 -c '
import sys
lat = sorted(int(line.split()[2]) for line in sys.stdin if line.strip())
print(sys.argv[1], lat[int(0.99 * (len(lat) - 1))] / 1000.0)' "$tps"
}

# gongkai side: one run by duration, a new store, no floor (the peer is the comparison here).
run_gongkai() {
  local line
  line=$("$GONGKAI" bench append --concurrency "$CLIENTS" --duration "$DURATION" --runs 1 --no-warmup \
    --no-floor --dir "$SCRATCH" | tail -n 1) || { echo "gongkai bench append failed" >&2; return 1; }
  python3 -c '
import json, sys
d = json.loads(sys.argv[1])
print(d["events_per_s"]["median"], d["p99_ms"])' "$line"
}

RESULTS="$PGHOST/results"
: >"$RESULTS"
for round in $(seq 0 "$RUNS"); do
  for side in mdb mt gongkai; do
    prepare "$side"
    if [ "$side" = gongkai ]; then fig=$(run_gongkai); else fig=$(run_pgbench "$side" "$round"); fi
    what=$([ "$round" = 0 ] && echo warm-up || echo "run $round")
    log "$what $side: $fig (events/s, p99 ms)"
    [ "$round" = 0 ] || echo "$side $fig" >>"$RESULTS"
  done
done

python3 - "$RESULTS" "$CLIENTS" "$DURATION" "$RUNS" "$(wc -c <tools/bench/event.json)" "$PG_VERSION" \
  "$MDB_VERSION" "${SETTINGS[@]}" <<'PY'
import json, os, statistics, sys
path, clients, duration, runs, body, pg, mdb, fsync, sync_commit, fpw = sys.argv[1:]
rows = [line.split() for line in open(path)]
def side(name):
    tps = [float(r[1]) for r in rows if r[0] == name]
    p99 = [float(r[2]) for r in rows if r[0] == name]
    return {"events_per_s": {"median": statistics.median(tps), "min": min(tps), "max": max(tps)},
            "p99_ms": {"median": statistics.median(p99), "min": min(p99), "max": max(p99)},
            "runs_events_per_s": tps, "max_over_min": max(tps) / min(tps)}
ours, mdb_side, mt_side = side("gongkai"), side("mdb"), side("mt")
m = lambda s: s["events_per_s"]["median"]
ratio = {"message_db": m(ours) / m(mdb_side), "marten_style": m(ours) / m(mt_side)}
target = {"message_db": 8, "marten_style": 3}
print(json.dumps({
    "name": "peer-postgres",
    "params": {"clients": int(clients), "duration_s": float(duration), "body_bytes": int(body),
               "postgresql": pg, "message_db": mdb, "streams_per_client": 10000,
               "fsync": fsync, "synchronous_commit": sync_commit, "full_page_writes": fpw},
    "runs": int(runs),
    "gongkai": ours, "message_db": mdb_side, "marten_style": mt_side,
    "ratio": ratio, "target": target,
    "pass": all(ratio[k] >= target[k] for k in target),
    "stable": all(s["max_over_min"] <= 1.2 for s in (ours, mdb_side, mt_side)),
    "nproc": os.cpu_count(), "loadavg": os.getloadavg()[0],
}))
PY
