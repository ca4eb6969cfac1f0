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

# Creates database $1 on the server when it does not exist.
ensure_database() {
  if [ "$(psql "$SAMENSTAD_PG_SERVER/postgres" -Atqc "select 1 from pg_database where datname = '$1'")" != 1 ]; then
    psql "$SAMENSTAD_PG_SERVER/postgres" -qc "create database \"$1\"" >&2
  fi
}
app_database() { local db="${DATABASE_URL##*/}"; echo "${db%%\?*}"; }
