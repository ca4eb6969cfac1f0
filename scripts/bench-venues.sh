#!/usr/bin/env bash
# Venue search under load: 10,000 venues with 30,000 rooms, release binary, real PostgreSQL.
# Prints req/s and latency (wrk, closed loop) for two searches, and the same SQL through
# pgbench, with the ratio API / pgbench. Usage: scripts/bench-venues.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
secs="${1:-10}"; conns="${2:-32}"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
command -v wrk >/dev/null || as_root apt-get install -y -qq wrk >&2
command -v pgbench >/dev/null || as_root apt-get install -y -qq postgresql-contrib >&2
# oha offers a fixed rate (wrk only runs a closed loop); built once, about 5 minutes.
command -v oha >/dev/null || cargo install --locked oha >&2
cargo build --locked --release -q -p samenstad-api
db=samenstad_bench_venues
url=$(bench_venues_database "$db")
wijk7=$(psql "$url" -Atc "select id from wijk where wijknr = 7")
port=8092
SAMENSTAD_BIND="127.0.0.1:$port" SAMENSTAD_LOG=warn DATABASE_URL="$url" target/release/samenstad serve &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; psql "$SAMENSTAD_PG_SERVER/postgres" -qc "drop database if exists '"$db"' with (force)" >&2' EXIT
for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break; sleep 0.2; done

# The SQL the API runs for each search (one query; capacities come from venue.max_capacity).
sql_wijk=$(mktemp --suffix=.sql)
cat > "$sql_wijk" <<SQL
SELECT v.*, w.wijknr FROM venue v LEFT JOIN wijk w ON w.id = v.wijk_id
WHERE v.wijk_id = '$wijk7' AND v.max_capacity >= 50
ORDER BY v.name, v.id LIMIT 21;
SQL
sql_near=$(mktemp --suffix=.sql)
cat > "$sql_near" <<'SQL'
SELECT v.*, w.wijknr FROM venue v LEFT JOIN wijk w ON w.id = v.wijk_id
WHERE point(v.lon, v.lat) <@ box(point(3.7106, 51.0409), point(3.7394, 51.0591))
  AND ((51.05 - v.lat) * (51.05 - v.lat) + ((3.725 - v.lon) * 0.6293) * ((3.725 - v.lon) * 0.6293)) <= 0.0000807
ORDER BY ((51.05 - v.lat) * (51.05 - v.lat) + ((3.725 - v.lon) * 0.6293) * ((3.725 - v.lon) * 0.6293)), v.id LIMIT 21;
SQL

run() { # name, url path, sql file
  local out rps pg
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "http://127.0.0.1:$port$2")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  pg=$(pgbench -n -c 8 -j 2 -T "$secs" -f "$3" "$url" 2>/dev/null | awk '/^tps/ {print $3}')
  printf '%-28s %10s req/s  p50 %8s  p99 %8s | pgbench %10s tps | API/pgbench %s\n' "$1" "$rps" "$p50" "$p99" "$pg" \
    "$(awk -v a="$rps" -v b="$pg" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "n/a" }')"
}
fixed() { # name, url path, rate offered (req/s); latency corrected for coordinated omission
  oha -z "${secs}s" -q "$3" -c 64 --latency-correction --no-tui --output-format json "http://127.0.0.1:$port$2" |
    python3 -c '
import json, sys
r = json.load(sys.stdin); s = r["summary"]; p = r["latencyPercentiles"]
codes = r.get("statusCodeDistribution", {})
print("%-28s %10.1f req/s  p50 %6.2fms  p99 %6.2fms | at %s req/s offered | status %s"
      % (sys.argv[1], s["requestsPerSec"], 1000 * p["p50"], 1000 * p["p99"], sys.argv[2], codes))' "$1" "$3"
}
echo "10,000 venues, 30,000 rooms; wrk -t2 -c$conns ${secs}s closed loop; pgbench -c8 -j2 on the same SQL"
run "wijk=7&capacity_min=50" "/api/v1/venues?wijk=7&capacity_min=50" "$sql_wijk"
run "near Belfort, 1 km" "/api/v1/venues?near=51.05,3.725&radius_m=1000" "$sql_near"
for rate in 2000 1000 500; do
  echo "oha -q $rate -c 64 ${secs}s, latency corrected"
  fixed "wijk=7&capacity_min=50" "/api/v1/venues?wijk=7&capacity_min=50" "$rate"
  fixed "near Belfort, 1 km" "/api/v1/venues?near=51.05,3.725&radius_m=1000" "$rate"
done
