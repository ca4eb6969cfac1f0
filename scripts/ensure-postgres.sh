#!/usr/bin/env bash
# Finds or starts a PostgreSQL and prints its server URL (no database part) on stdout.
#   1. $DATABASE_URL if set and reachable (its server part);
#   2. a server on 127.0.0.1:5432 that lets user postgres in;
#   3. otherwise a project-local cluster in .pg/ on 127.0.0.1:54329 (trust auth), installing
#      Debian's postgresql packages first when no server binaries exist.
# Progress goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { echo "[postgres] $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

reachable() { pg_isready -q -d "$1" -t 3 2>/dev/null && psql "$1" -Atqc 'select 1' >/dev/null 2>&1; }

if ! command -v psql >/dev/null || ! command -v pg_isready >/dev/null; then
  log "installing the PostgreSQL client"
  as_root apt-get update -qq && as_root apt-get install -y -qq postgresql-client >&2
fi

server_of() { # strip the database name and query from a URL
  local url="${1%%\?*}"
  local rest="${url#*://}"
  case "$rest" in */*) echo "${url%/*}" ;; *) echo "$url" ;; esac
}

if [ -n "${DATABASE_URL:-}" ]; then
  server="$(server_of "$DATABASE_URL")"
  if reachable "$server/postgres"; then log "using DATABASE_URL's server"; echo "$server"; exit 0; fi
  log "DATABASE_URL is set but its server does not answer; looking further"
fi

if reachable "postgres://postgres@127.0.0.1:5432/postgres"; then
  log "using the server on 127.0.0.1:5432"
  echo "postgres://postgres@127.0.0.1:5432"; exit 0
fi

port=54329
local_url="postgres://postgres@127.0.0.1:$port"
if reachable "$local_url/postgres"; then log "using the project cluster in .pg/"; echo "$local_url"; exit 0; fi

bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  log "installing the PostgreSQL server (Debian package postgresql)"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi

data="$PWD/.pg/data"
run_pg() { # initdb/pg_ctl refuse to run as root: use the postgres system user then
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}
mkdir -p .pg
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir "$PWD/.pg" postgres
  chown postgres "$PWD/.pg"
fi
if [ ! -f "$data/PG_VERSION" ]; then
  log "creating a cluster in .pg/data"
  run_pg "'$bindir/initdb' -D '$data' -U postgres -A trust -E UTF8 --no-sync" >&2
fi
log "starting the cluster on 127.0.0.1:$port"
run_pg "'$bindir/pg_ctl' -D '$data' -l '$PWD/.pg/server.log' -w -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1\" start" >&2
reachable "$local_url/postgres" || { log "the cluster did not start; see .pg/server.log"; exit 1; }
echo "$local_url"
