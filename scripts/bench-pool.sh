#!/usr/bin/env bash
# What PgBouncer and diesel's statement cache cost (issue 20): the same reads against one release
# server connected four ways — straight to PostgreSQL with the statement cache on (the default)
# and off, through PgBouncer in transaction mode with the cache off, and through PgBouncer >= 1.21
# with `max_prepared_statements` and the cache on (skipped, and said so, with an older PgBouncer).
# The public cache is off, so each request reaches the database. Prints req/s, p50 and p99 per
# way and the ratio to the default. Usage: scripts/bench-pool.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
secs="${1:-10}"; conns="${2:-32}"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
command -v wrk >/dev/null || as_root apt-get install -y -qq wrk >&2
command -v pgbouncer >/dev/null || as_root apt-get install -y -qq pgbouncer >&2
cargo build --locked --release -q -p samenstad-api
db=samenstad_bench_pool
url=$(bench_venues_database "$db")

# PgBouncer in transaction mode in front of the same server, as `just scale` runs it.
work=$(mktemp -d); chmod 777 "$work"  # PgBouncer runs as postgres when we are root
pg_host=$(python3 -c 'import sys, urllib.parse as u; p = u.urlparse(sys.argv[1]); print(p.hostname or "127.0.0.1", p.port or 5432)' "$SAMENSTAD_PG_SERVER")
read -r host pgport <<<"$pg_host"
bouncer_port=56510
version=$(pgbouncer --version | awk 'NR == 1 {print $2}')
modern=$(python3 -c 'import sys; v = tuple(int(x) for x in sys.argv[1].split(".")[:2]); print(int(v >= (1, 21)))' "$version")
start_bouncer() { # max_prepared_statements
  printf '"postgres" ""\n' > "$work/users.txt"
  cat > "$work/pgbouncer.ini" <<INI
[databases]
$db = host=$host port=$pgport dbname=$db user=postgres

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $bouncer_port
unix_socket_dir =
auth_type = trust
auth_file = $work/users.txt
pool_mode = transaction
max_client_conn = 500
default_pool_size = 24
server_reset_query =
ignore_startup_parameters = extra_float_digits,options
logfile = $work/pgbouncer.log
pidfile = $work/pgbouncer.pid
INI
  if [ "$1" != 0 ]; then echo "max_prepared_statements = $1" >> "$work/pgbouncer.ini"; fi
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- pgbouncer -d "$work/pgbouncer.ini"; else pgbouncer -d "$work/pgbouncer.ini"; fi
  for _ in $(seq 1 50); do psql "postgres://postgres@127.0.0.1:$bouncer_port/$db" -qAtc 'select 1' >/dev/null 2>&1 && return; sleep 0.1; done
  echo "PgBouncer did not start: $(cat "$work/pgbouncer.log")" >&2; exit 1
}
stop_bouncer() {
  [ -f "$work/pgbouncer.pid" ] && kill "$(cat "$work/pgbouncer.pid")" 2>/dev/null || true
  for _ in $(seq 1 30); do [ -f "$work/pgbouncer.pid" ] || break; sleep 0.1; done
}
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  stop_bouncer; rm -rf "$work"
  psql "$SAMENSTAD_PG_SERVER/postgres" -qc "drop database if exists $db with (force)" >&2 || true
}
trap cleanup EXIT

port=8093
declare -A base
measure() { # label, database url, statement cache
  SAMENSTAD_BIND="127.0.0.1:$port" SAMENSTAD_LOG=warn SAMENSTAD_PUBLIC_CACHE_MS=0 \
    SAMENSTAD_JWT_SECRET=bench-pool-secret-of-at-least-32-bytes \
    SAMENSTAD_DB_STATEMENT_CACHE="$3" DATABASE_URL="$2" target/release/samenstad serve &
  server=$!
  for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break; sleep 0.2; done
  local line="" path out rps p50 p99 key
  for path in "/api/v1/venues?wijk=7&capacity_min=50" "/api/v1/projects/ideas?limit=20"; do
    curl -fsS "http://127.0.0.1:$port$path" >/dev/null
    out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "http://127.0.0.1:$port$path")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    key="$path"
    [ -z "${base[$key]:-}" ] && base[$key]="$rps"
    line+=$(printf ' | %9s req/s %7s %7s %5s' "$rps" "$p50" "$p99" \
      "$(awk -v a="$rps" -v b="${base[$key]}" 'BEGIN { printf "%.0f%%", 100 * a / b }')")
  done
  printf '%-44s%s\n' "$1" "$line"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
}

echo "10,000 venues; wrk -t2 -c$conns ${secs}s per read; public cache off; PgBouncer $version, transaction mode"
printf '%-44s | %-39s | %s\n' "connected" "venues?wijk=7&capacity_min=50  p50  p99  vs default" "projects/ideas?limit=20  p50  p99  vs default"
measure "PostgreSQL, statement cache on (default)" "$url" true
measure "PostgreSQL, statement cache off" "$url" false
start_bouncer 0
measure "PgBouncer, statement cache off" "postgres://postgres@127.0.0.1:$bouncer_port/$db" false
stop_bouncer
if [ "$modern" = 1 ]; then
  start_bouncer 200
  measure "PgBouncer + max_prepared_statements, cache on" "postgres://postgres@127.0.0.1:$bouncer_port/$db" true
  stop_bouncer
else
  echo "PgBouncer + max_prepared_statements, cache on: not measured (PgBouncer $version < 1.21 has no max_prepared_statements; with the cache on it fails: prepared statements do not follow a server connection)"
fi
