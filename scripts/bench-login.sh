#!/usr/bin/env bash
# Login latency under a small concurrent load: release binary, real PostgreSQL, wrk on loopback.
# Usage: scripts/bench-login.sh [connections] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
conns="${1:-8}"; secs="${2:-15}"
command -v wrk >/dev/null || { sudo_=""; [ "$(id -u)" = 0 ] || sudo_=sudo; $sudo_ apt-get install -y -qq wrk >&2; }
cargo build --locked --release -q -p samenstad-api
db=samenstad_bench
psql "$SAMENSTAD_PG_SERVER/postgres" -qc "drop database if exists $db with (force)" >&2
psql "$SAMENSTAD_PG_SERVER/postgres" -qc "create database $db" >&2
export DATABASE_URL="$SAMENSTAD_PG_SERVER/$db"
target/release/samenstad migrate >/dev/null && target/release/samenstad seed >/dev/null
port=8091
SAMENSTAD_BIND="127.0.0.1:$port" SAMENSTAD_LOG=warn SAMENSTAD_LOGIN_MAX_FAILURES=1000000 target/release/samenstad serve &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; psql "$SAMENSTAD_PG_SERVER/postgres" -qc "drop database if exists $db with (force)" >&2' EXIT
for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS -o /dev/null -H 'content-type: application/json' \
  -d '{"email":"bench@example.org","password":"een lange zin als wachtwoord","display_name":"Bench"}' \
  "http://127.0.0.1:$port/api/v1/auth/register"
lua=$(mktemp --suffix=.lua)
cat > "$lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"bench@example.org","password":"een lange zin als wachtwoord"}'
LUA
echo "POST /api/v1/auth/login, Argon2id m=19456 KiB t=2 p=1, $conns connections, ${secs}s, 2 threads:"
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$lua" "http://127.0.0.1:$port/api/v1/auth/login"
