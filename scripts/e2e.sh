#!/usr/bin/env bash
# Browser tests: a fresh seeded database, the real binary serving the built web app on
# 127.0.0.1:8090, headless Chromium driven by playwright-core (node --test e2e/).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
db=samenstad_e2e
psql "$SAMENSTAD_PG_SERVER/postgres" -qc "drop database if exists $db with (force)" >&2
psql "$SAMENSTAD_PG_SERVER/postgres" -qc "create database $db" >&2
export DATABASE_URL="$SAMENSTAD_PG_SERVER/$db"
bin="${CARGO_TARGET_DIR:-target}/debug/samenstad"
"$bin" migrate >/dev/null
"$bin" seed >/dev/null
export SAMENSTAD_E2E_ADMIN_EMAIL=admin@e2e.example SAMENSTAD_E2E_ADMIN_PASSWORD="e2e beheerder wachtwoord"
printf '%s\n' "$SAMENSTAD_E2E_ADMIN_PASSWORD" | "$bin" admin create-user --email "$SAMENSTAD_E2E_ADMIN_EMAIL" --password-stdin >/dev/null
port="${SAMENSTAD_E2E_PORT:-8090}"
export SAMENSTAD_PUBLIC_URL="http://127.0.0.1:$port"
SAMENSTAD_BIND="127.0.0.1:$port" SAMENSTAD_WEB_DIR=frontend/dist SAMENSTAD_LOG=warn "$bin" serve &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; psql "$SAMENSTAD_PG_SERVER/postgres" -qc "drop database if exists $db with (force)" >&2' EXIT
for _ in $(seq 1 50); do
  curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.2
done
SAMENSTAD_E2E_URL="http://127.0.0.1:$port" node --test --test-reporter=spec e2e/
