#!/usr/bin/env bash
# Chaos test (issue 8) on a private, throwaway PostgreSQL cluster (the shared server is not
# touched): kill -9 the API during concurrent booking writes `rounds` times, then restart
# PostgreSQL under mixed load `pg_restarts` times. Asserts that no acknowledged write is lost or
# duplicated, that requests get 503 problem+json within 3 s while the database is down and 2xx
# within 5 s after it is back. Uses ${SAMENSTAD_BIN:-target/debug/samenstad}; see scripts/chaos.py.
# Usage: scripts/chaos.sh [rounds] [pg_restarts]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
exec python3 scripts/chaos.py --rounds "${1:-10}" --pg-restarts "${2:-3}"
