#!/usr/bin/env bash
# The venue finder one request at a time (`just bench-finder`, issue 14): the median and p90 of
# `runs` requests (after 5 warm-up requests) for each kind of finder question, on a release
# binary over a fresh database with the Gent seed plus 10,000 generated venues and 30,000 rooms
# (scripts/bench-venues.sql), of which two rooms in three are booked (approved) on the evening
# that the free-window search asks about. One keep-alive connection, so the figures are the
# server's and PostgreSQL's time, not connection set-up. Prints figures; asserts nothing.
# Usage: scripts/bench-finder.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
runs="${1:-30}"
port=8095 db=samenstad_bench_finder
cargo build --locked --release -q -p samenstad-api
bin="${CARGO_TARGET_DIR:-target}/release/samenstad"
url="$SAMENSTAD_PG_SERVER/$db"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  psql "$SAMENSTAD_PG_SERVER/postgres" -qc "drop database if exists $db with (force)" >&2 || true
}
trap cleanup EXIT
echo "Preparing: database $db, 10,000 venues, 20,000 approved evening bookings ..." >&2
psql "$SAMENSTAD_PG_SERVER/postgres" -qc "drop database if exists $db with (force)" >&2
psql "$SAMENSTAD_PG_SERVER/postgres" -qc "create database $db" >&2
DATABASE_URL="$url" "$bin" migrate >/dev/null 2>&1
DATABASE_URL="$url" "$bin" seed >/dev/null 2>&1
psql "$url" -q -f scripts/bench-venues.sql
printf '%s\n' "een lange zin als wachtwoord" |
  DATABASE_URL="$url" "$bin" admin create-user --email bench@example.org --password-stdin >/dev/null 2>&1
day=$(date -u -d '+60 days' +%F)
psql "$url" -q <<SQL
INSERT INTO booking (id, room_id, requester_id, purpose, room_use, attendees, during, status, tariff_category, price_cents)
SELECT gen_random_uuid(), r.id, (SELECT id FROM app_user WHERE email = 'bench@example.org'), 'Avondvergadering', 'meeting', 5,
       tstzrange('$day 17:00+00', '$day 22:00+00'), 'approved', 'resident', 5000
FROM room r JOIN venue v ON v.id = r.venue_id WHERE v.slug LIKE 'bench-%' AND r.name <> 'Zaal 3';
VACUUM ANALYZE;
SQL
# Without the public cache: each request reads PostgreSQL (the question is the plan, not memory).
SAMENSTAD_PUBLIC_CACHE_MS=0 SAMENSTAD_BIND="127.0.0.1:$port" SAMENSTAD_LOG=warn DATABASE_URL="$url" "$bin" serve &
server=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done
python3 - "$port" "$runs" "$day" <<'PY'
import http.client, json, statistics, sys, time
port, runs, day = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
queries = [
    ("wijk=7&capacity_min=20", "a wijk, a room for 20"),
    ("near=51.05,3.725&radius_m=1500", "within 1.5 km of a point"),
    ("", "no filter"),
    ("accessible=true", "step-free entrance"),
    ("capacity_min=150", "a room for 150"),
    ("q=bibliotheek", "text search"),
    ("facility=kitchen", "with a kitchen"),
    (f"available_from={day}T18:00:00Z&available_to={day}T21:00:00Z", "a free room on an evening"),
]
conn = http.client.HTTPConnection("127.0.0.1", port)
print(f"venue finder, one request at a time, {runs} runs each (release build, keep-alive)")
print(f"{'request':<62} {'median ms':>9} {'p90 ms':>7} {'items':>5}")
for q, what in queries:
    path = "/api/v1/venues" + (f"?{q}" if q else "")
    times = []
    for i in range(5 + runs):
        start = time.perf_counter()
        conn.request("GET", path, headers={"Accept-Encoding": "identity"})
        resp = conn.getresponse()
        body = resp.read()
        elapsed = (time.perf_counter() - start) * 1000
        if resp.status != 200:
            sys.exit(f"{path}: {resp.status} {body[:200]!r}")
        if i >= 5:
            times.append(elapsed)
    items = len(json.loads(body)["items"])
    times.sort()
    label = f"?{q}" if q else "(no filter)"
    if len(label) > 40:
        label = label[:37] + "..."
    print(f"{label + ' – ' + what:<62} {statistics.median(times):>9.2f} {times[int(len(times) * 0.9) - 1]:>7.2f} {items:>5}")
PY
