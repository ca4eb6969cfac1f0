#!/usr/bin/env bash
# Rolling upgrades (issue 20): the previous release's binary (deploy/previous-release) keeps
# answering while this release's migrations run, and against the migrated database; then this
# release serves the same database. Each step runs scripts/smoke.py; rows the previous binary
# writes after the migration belong to the first municipality. About 4 minutes (the previous
# release's workspace crates are compiled; dependencies are shared through the target dir).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
log() { echo "[upgrade] $*" >&2; }
prev=$(awk 'NF && $1 !~ /^#/ {print $1; exit}' deploy/previous-release)
if ! git rev-parse --git-dir >/dev/null 2>&1; then
  # An export without history (git archive, a tarball) cannot name the previous release.
  log "SKIPPED: not a git checkout, so the previous release ($prev) cannot be built"
  exit 0
fi
if ! git cat-file -e "$prev^{commit}" 2>/dev/null; then
  # A shallow clone: fetch the commit from where it was cloned.
  git fetch --quiet --depth=1 origin "$prev" 2>/dev/null || git fetch --quiet --unshallow 2>/dev/null || true
fi
if ! git cat-file -e "$prev^{commit}" 2>/dev/null; then
  echo "the previous release $prev is not in this clone's history (git fetch --unshallow)" >&2
  exit 1
fi
work=$(mktemp -d)
db=samenstad_upgrade_check
url="$SAMENSTAD_PG_SERVER/$db"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
  psql "$SAMENSTAD_PG_SERVER/postgres" -qc "drop database if exists $db with (force)" >&2 || true
}
trap cleanup EXIT

log "building the previous release ($prev)"
git archive "$prev" | tar -x -C "$work"
# The same target dir, so the dependencies are shared and only the workspace crates compile
# again; under another version, so their files and fingerprints are not this release's (cargo
# names a workspace crate's files by name and version, not by directory). Offline: only the
# lock file's lines of these path crates change.
sed -i '0,/^version = "[^"]*"/s//version = "0.0.0-previous"/' "$work/Cargo.toml"
cargo build --offline -q -p samenstad-api --manifest-path "$work/Cargo.toml" --target-dir target
previous="$work/samenstad-previous"; current=target/debug/samenstad
cp target/debug/samenstad "$previous"
# This release's binary back in target/debug (cargo only copies it there when it links it).
touch crates/api/src/main.rs
cargo build --locked -q -p samenstad-api
if cmp -s "$previous" "$current"; then
  echo "target/debug/samenstad is still the previous release's" >&2; exit 1
fi

psql "$SAMENSTAD_PG_SERVER/postgres" -qc "drop database if exists $db with (force)" >&2
psql "$SAMENSTAD_PG_SERVER/postgres" -qc "create database $db" >&2
DATABASE_URL="$url" "$previous" migrate >/dev/null
DATABASE_URL="$url" "$previous" seed >/dev/null
serve() { # binary, port
  SAMENSTAD_BIND="127.0.0.1:$2" SAMENSTAD_LOG=warn SAMENSTAD_PUBLIC_CACHE_MS=0 DATABASE_URL="$url" \
    SAMENSTAD_JWT_SECRET=upgrade-check-secret-of-at-least-32-bytes "$1" serve >"$work/serve-$2.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$2/api/v1/health" >/dev/null 2>&1 && return; sleep 0.2; done
  echo "the server on $2 did not start: $(tail -5 "$work/serve-$2.log")" >&2; exit 1
}
serve "$previous" 8096
python3 scripts/smoke.py http://127.0.0.1:8096 "previous release, its schema"
before=$(psql "$url" -Atc "select count(*) from __diesel_schema_migrations")
DATABASE_URL="$url" "$current" migrate >/dev/null
after=$(psql "$url" -Atc "select count(*) from __diesel_schema_migrations")
log "migrations applied while the previous release served: $before -> $after"
[ "$after" -gt "$before" ] || log "no migration is new since the previous release"

python3 scripts/smoke.py http://127.0.0.1:8096 "previous release, migrated schema"
foreign=$(psql "$url" -Atc "select count(*) from app_user where email like 'smoke-%' \
  and municipality_id <> (select id from municipality where slug = 'gent')")
[ "$foreign" = 0 ] || { echo "$foreign accounts the previous release made are not Gent's" >&2; exit 1; }
serve "$current" 8097
python3 scripts/smoke.py http://127.0.0.1:8097 "this release"
log "OK: the previous release answered before and after the migrations; this release serves the result"
