# Sourced by the justfile recipes: finds or starts PostgreSQL and exports the environment.
# DATABASE_URL (the app's database) keeps its value when its server answers, else it becomes
# database `samenstad` on the server found. SAMENSTAD_TEST_DATABASE_URL is the server on which
# the tests create a database each.
if [ -f .env ]; then set -a; . ./.env; set +a; fi
SAMENSTAD_PG_SERVER="$(scripts/ensure-postgres.sh)"
export SAMENSTAD_PG_SERVER
case "${DATABASE_URL:-}" in
  "$SAMENSTAD_PG_SERVER"/*) ;;
  *) export DATABASE_URL="$SAMENSTAD_PG_SERVER/samenstad" ;;
esac
export SAMENSTAD_TEST_DATABASE_URL="${SAMENSTAD_TEST_DATABASE_URL:-$SAMENSTAD_PG_SERVER/postgres}"
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Without SMTP, mails are written here as .eml files (the local server's verification mails).
export SAMENSTAD_MAIL_DIR="${SAMENSTAD_MAIL_DIR:-${CARGO_TARGET_DIR:-target}/mail}"

# Creates database $1 on the server when it does not exist.
ensure_database() {
  if [ "$(psql "$SAMENSTAD_PG_SERVER/postgres" -Atqc "select 1 from pg_database where datname = '$1'")" != 1 ]; then
    psql "$SAMENSTAD_PG_SERVER/postgres" -qc "create database \"$1\"" >&2
  fi
}
# A fresh database `$1` with the seed and 10,000 venues / 30,000 rooms (scripts/bench-venues.sql),
# made with the release binary, analysed; prints its URL.
bench_venues_database() {
  local url="$SAMENSTAD_PG_SERVER/$1"
  psql "$SAMENSTAD_PG_SERVER/postgres" -qc "drop database if exists $1 with (force)" >&2
  psql "$SAMENSTAD_PG_SERVER/postgres" -qc "create database $1" >&2
  DATABASE_URL="$url" target/release/samenstad migrate >/dev/null
  DATABASE_URL="$url" target/release/samenstad seed >/dev/null
  psql "$url" -q -f scripts/bench-venues.sql >&2
  psql "$url" -qc "VACUUM ANALYZE" >&2
  echo "$url"
}

app_database() { local db="${DATABASE_URL##*/}"; echo "${db%%\?*}"; }

# Serves the debug binary (or $SAMENSTAD_BIN) on 127.0.0.1:$2 over a fresh, migrated and seeded database $1 with an
# administrator ($SAMENSTAD_E2E_ADMIN_EMAIL); the database is dropped and the server stopped on
# exit. Sets SAMENSTAD_TEST_URL.
serve_fresh_database() {
  local db="$1" port="$2" bin="${SAMENSTAD_BIN:-${CARGO_TARGET_DIR:-target}/debug/samenstad}"
  psql "$SAMENSTAD_PG_SERVER/postgres" -qc "drop database if exists $db with (force)" >&2
  psql "$SAMENSTAD_PG_SERVER/postgres" -qc "create database $db" >&2
  export DATABASE_URL="$SAMENSTAD_PG_SERVER/$db"
  "$bin" migrate >/dev/null
  "$bin" seed >/dev/null
  "$bin" import addresses crates/db/data/gent/adressen-bibliotheken.csv >/dev/null
  export SAMENSTAD_E2E_ADMIN_EMAIL=admin@e2e.example SAMENSTAD_E2E_ADMIN_PASSWORD="e2e beheerder wachtwoord"
  printf '%s\n' "$SAMENSTAD_E2E_ADMIN_PASSWORD" | "$bin" admin create-user --email "$SAMENSTAD_E2E_ADMIN_EMAIL" --password-stdin >/dev/null
  export SAMENSTAD_PUBLIC_URL="http://127.0.0.1:$port" SAMENSTAD_TEST_URL="http://127.0.0.1:$port"
  # The mailbox of this run: every mail the server hands over, as an .eml file.
  export SAMENSTAD_MAIL_DIR="${CARGO_TARGET_DIR:-target}/mail/$db"
  rm -rf "$SAMENSTAD_MAIL_DIR"
  SAMENSTAD_BIND="127.0.0.1:$port" SAMENSTAD_WEB_DIR=frontend/dist SAMENSTAD_LOG=warn "$bin" serve &
  _test_server=$! _test_db=$db
  trap 'kill $_test_server 2>/dev/null; wait $_test_server 2>/dev/null; psql "$SAMENSTAD_PG_SERVER/postgres" -qc "drop database if exists $_test_db with (force)" >&2' EXIT
  for _ in $(seq 1 50); do
    curl -fsS "$SAMENSTAD_TEST_URL/api/v1/health" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "the server did not start" >&2
  return 1
}
