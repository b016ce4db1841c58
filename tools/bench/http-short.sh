#!/bin/sh
# A short HTTP load measurement with wrk (Debian package `wrk`) against a demo server:
#   1. GET /api/v1/queue as the demo handler `banli` (falls back to GET /api/v1/cases?limit=50
#      when this build does not route /queue yet, and says so);
#   2. POST /api/v1/cases/{id}/add-note as `banli`, round-robin over 16 of the handler's cases
#      (every request appends one event, fsynced, before its 201/200).
# Each runs DURATION (default 30s) with THREADS threads and CONNECTIONS keep-alive connections;
# a fresh demo store in a temp dir each time. Build first, optimised:
#   cmake -S . -B build-rel -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo && ninja -C build-rel -j1 gongkai-server
# Usage: tools/bench/http-short.sh [build-dir=build-rel] [duration=30s] [connections=32] [threads=2]
# Output: wrk's report per run, then one JSON line per run with requests/s and p50/p99 latency.
set -eu
BUILD=${1:-build-rel}
DURATION=${2:-30s}
CONNECTIONS=${3:-32}
THREADS=${4:-2}
SERVER="$BUILD/api/gongkai-server"
PORT=${GONGKAI_BENCH_PORT:-18089}
BASE="http://127.0.0.1:$PORT"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[ -x "$SERVER" ] || { echo "no $SERVER: build gongkai-server first" >&2; exit 2; }

DATA=$(mktemp -d)
GONGKAI_ADMIN_PASSWORD=bench-admin-password "$SERVER" --demo=true --demo-cases=300 --demo-seed=1 \
  --data-dir="$DATA/data" --listen="127.0.0.1:$PORT" >"$DATA/requests.log" 2>"$DATA/stderr.log" &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT INT TERM
i=0
until curl -fs "$BASE/readyz" >/dev/null 2>&1; do
  i=$((i + 1)); [ $i -lt 600 ] || { cat "$DATA/stderr.log" >&2; exit 1; }; sleep 0.2
done
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
TOKEN=$(curl -fs -H 'Content-Type: application/json' \
  -d '{"username":"banli","password":"gongkai-demo"}' "$BASE/api/v1/sessions" | json 'd["token"]')
CASES=$(curl -fs -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/cases?limit=16" |
  json '",".join(c["id"] for c in d["items"])')
[ -n "$CASES" ] || { echo "banli sees no case" >&2; exit 1; }

READ_PATH=/api/v1/queue
if [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE$READ_PATH")" != 200 ]; then
  echo "note: $READ_PATH is not routed in this build; measuring GET /api/v1/cases?limit=50" >&2
  READ_PATH="/api/v1/cases?limit=50"
fi

cat >"$DATA/note.lua" <<'LUA'
local ids = {}
for id in string.gmatch(os.getenv("BENCH_CASES"), "[^,]+") do ids[#ids + 1] = id end
local n = 0
wrk.method = "POST"
wrk.body = '{"text":"wrk bench note"}'
wrk.headers["Content-Type"] = "application/json"
request = function()
  n = n + 1
  return wrk.format(nil, "/api/v1/cases/" .. ids[(n % #ids) + 1] .. "/add-note")
end
LUA

run() {  # name path [script]
  name=$1; path=$2; shift 2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" \
    "$@" "$BASE$path" | tee "$DATA/$name.txt"
  python3 - "$name" "$path" "$DATA/$name.txt" "$CONNECTIONS" "$DURATION" <<'PY'
import json, re, sys
name, path, file, conns, duration = sys.argv[1:]
text = open(file).read()
def ms(label):
    m = re.search(r"\s%s%%\s+([\d.]+)(us|ms|s)\b" % label, text)
    if not m: return None
    v = float(m.group(1)); return round(v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v, 3)
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
total = re.search(r"(\d+) requests in", text)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = re.search(r"Socket errors: (.*)", text)
print(json.dumps({"name": "http-short-" + name, "path": path, "connections": int(conns),
                  "duration": duration, "requests": int(total.group(1)) if total else None,
                  "requests_per_s": float(rps.group(1)) if rps else None,
                  "p50_ms": ms("50"), "p99_ms": ms("99"),
                  "non_2xx": int(non2xx.group(1)) if non2xx else 0,
                  "socket_errors": errors.group(1) if errors else None}))
PY
}
run read "$READ_PATH"
export BENCH_CASES="$CASES"
run add-note "/api/v1/cases/x/add-note" -s "$DATA/note.lua"
# Which answers the server gave (from its JSON request log), per route and status.
python3 - "$DATA/requests.log" <<'PY'
import collections, json, sys
counts = collections.Counter()
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    try:
        e = json.loads(line)
    except ValueError:
        continue
    if "route" in e and "status" in e:
        counts[(e["method"], e["route"], e["status"])] += 1
print(json.dumps({"name": "http-short-statuses",
                  "statuses": {"%s %s %s" % k: v for k, v in sorted(counts.items())}}))
PY
