#!/usr/bin/env bash
# All benchmarks in one table (`just bench`, issue 8). The main public reads (wijken list and
# GeoJSON, point lookup, venue search, venue `near`, a wijk's project list) with oha in a closed
# loop and at a fixed 2,000 req/s, each against a ceiling measured in the same run: the SQL the
# API runs through pgbench for database-backed reads, a hello-world endpoint of the same server
# (`/health/live`) for reads served from memory. Writes (booking requests, subsidy drafts) against
# pgbench running the same INSERTs in one transaction. Memory: VmRSS of the server at start, after
# half and after all of N mixed reads. Release binary, real PostgreSQL, a fresh database with the
# seeded Gent data plus 10,000 generated venues (30,000 rooms, as `bench-venues.sh`) and 8 projects
# per wijk, so that searches fill a page; 20,000 earlier bookings and 5,000 drafts before the
# writes. The database-backed reads run twice: as served (the public cache keeps an answer for
# 2 s, so a closed loop on one URL is answered from memory) and without the cache (every request
# reads PostgreSQL). Prints figures; asserts nothing.
# Usage: scripts/bench.sh [seconds per figure] [requests of the memory run]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
secs="${1:-10}"; mem_requests="${2:-1000000}"
conns=32 rate=2000 port=8093 db=samenstad_bench_all
started_at=$(date +%s)
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
command -v pgbench >/dev/null || as_root apt-get install -y -qq postgresql-contrib >&2
# oha runs a closed loop and a fixed rate (latency corrected) with JSON output; built once, ~5 min.
command -v oha >/dev/null || cargo install --locked oha >&2
cargo build --locked --release -q -p samenstad-api
bin="${CARGO_TARGET_DIR:-target}/release/samenstad"
url="$SAMENSTAD_PG_SERVER/$db"
base="http://127.0.0.1:$port"
work=$(mktemp -d)
server=""
stop_server() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  server=""
}
cleanup() {
  stop_server
  psql "$SAMENSTAD_PG_SERVER/postgres" -qc "drop database if exists $db with (force)" >&2 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "Preparing: database $db, 10,000 venues, release server on :$port ..." >&2
psql "$SAMENSTAD_PG_SERVER/postgres" -qc "drop database if exists $db with (force)" >&2
psql "$SAMENSTAD_PG_SERVER/postgres" -qc "create database $db" >&2
DATABASE_URL="$url" "$bin" migrate >/dev/null 2>&1
DATABASE_URL="$url" "$bin" seed >/dev/null 2>&1
psql "$url" -q -f scripts/bench-venues.sql
psql "$url" -q <<'SQL'
-- Eight selected proposals of the Wijkbudget per wijk, each being realised as a project.
INSERT INTO proposal (id, round_id, wijk_id, title, summary, cost_cents, owners, status, decision_reason, decided_at)
SELECT gen_random_uuid(), rw.round_id, rw.wijk_id, 'Benchproject ' || w.wijknr || '-' || i,
       'Een project van de bewoners, gegenereerd voor de benchmark.', 2000000 + i * 100000, 'Bewonersgroep',
       'selected', 'Gekozen in de wijkdialoog', now()
FROM round_wijk rw JOIN wijk w ON w.id = rw.wijk_id JOIN programme p ON p.id = rw.programme_id AND p.slug = 'wijkbudget',
     generate_series(1, 8) AS i;
INSERT INTO project (id, proposal_id, wijk_id, title, status, budget_cents, spent_cents, deadline, partners, lat, lon)
SELECT gen_random_uuid(), p.id, p.wijk_id, p.title, (ARRAY['planned','in_realisation','realised'])[1 + abs(hashtext(p.title)) % 3],
       p.cost_cents, p.cost_cents / 3, date '2027-06-30', '{Stad Gent}', 51.00 + random() * 0.12, 3.62 + random() * 0.20
FROM proposal p WHERE p.title LIKE 'Benchproject %';
-- VACUUM as well: rows inserted after a GIN index was made wait in its pending list until
-- (auto)vacuum merges them, and the array and trigram searches would read that list each time.
VACUUM ANALYZE;
SQL

# A fixed secret, so the token outlives a restart; one login, so the login limit is never hit.
export SAMENSTAD_JWT_SECRET="bench-secret-bench-secret-bench-secret-0123456789"
start_server() {
  SAMENSTAD_BIND="127.0.0.1:$port" SAMENSTAD_LOG=warn DATABASE_URL="$url" \
    SAMENSTAD_PUBLIC_URL="$base" "$bin" serve &
  server=$!
  for _ in $(seq 1 100); do curl -fsS "$base/api/v1/health" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "the server did not start" >&2
  return 1
}
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$server/status"; }
hwm_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$server/status"; }

# --- the SQL the API runs for each request, as PostgreSQL's statement log shows it -------------
# Diesel prepares the statements it can cache (pgbench -M prepared); the `near` query carries its
# numbers in the SQL text and is parsed every time (-M extended).
wijk7=$(psql "$url" -Atc "select id from wijk where wijknr = 7")
venue_cols='"venue"."id", "venue"."municipality_id", "venue"."wijk_id", "venue"."slug", "venue"."name",
  "venue"."venue_type", "venue"."operator", "venue"."operator_name", "venue"."street_address", "venue"."postal_code",
  "venue"."city", "venue"."lat", "venue"."lon", "venue"."location_precision", "venue"."drop_in", "venue"."room_use",
  "venue"."target_groups", "venue"."facilities", "venue"."accessibility", "venue"."description", "venue"."contact_phone",
  "venue"."contact_email", "venue"."website", "venue"."is_sample", "venue"."source", "venue"."lead_time_min_days",
  "venue"."lead_time_max_days", "venue"."created_at", "venue"."updated_at"'
cat > "$work/venues_wijk.sql" <<SQL
SELECT "wijk"."id" FROM "wijk" WHERE ("wijk"."wijknr" = 7) LIMIT 1;
SELECT $venue_cols, "wijk"."wijknr", "venue"."max_capacity"
  FROM ("venue" LEFT OUTER JOIN "wijk" ON ("venue"."wijk_id" = "wijk"."id"))
  WHERE (("venue"."wijk_id" = '$wijk7') AND ("venue"."max_capacity" >= 20))
  ORDER BY "venue"."name" ASC, "venue"."id" ASC LIMIT 21 OFFSET 0;
SQL
d2='((51.05 - venue.lat) * (51.05 - venue.lat) + ((3.725 - venue.lon) * 0.6286419637186887) * ((3.725 - venue.lon) * 0.6286419637186887))'
cat > "$work/venues_near.sql" <<SQL
SELECT $venue_cols, "wijk"."wijknr", "venue"."max_capacity"
  FROM ("venue" LEFT OUTER JOIN "wijk" ON ("venue"."wijk_id" = "wijk"."id"))
  WHERE ($d2 <= 0.00018156666760059178
    AND point(venue.lon, venue.lat) <@ box(point(3.7032886771224898, 51.03635135135135), point(3.7467113228775104, 51.063648648648645)))
  ORDER BY $d2 ASC, "venue"."id" ASC LIMIT 21 OFFSET 0;
SQL
# The finder's text, facility and free-window searches (issue 14).
cat > "$work/venues_text.sql" <<SQL
SELECT $venue_cols, "wijk"."wijknr", "venue"."max_capacity"
  FROM ("venue" LEFT OUTER JOIN "wijk" ON ("venue"."wijk_id" = "wijk"."id"))
  WHERE samenstad_fold(venue.name || ' ' || venue.description) LIKE '%bibliotheek%'
  ORDER BY "venue"."name" ASC, "venue"."id" ASC LIMIT 21 OFFSET 0;
SQL
cat > "$work/venues_facility.sql" <<SQL
SELECT $venue_cols, "wijk"."wijknr", "venue"."max_capacity"
  FROM ("venue" LEFT OUTER JOIN "wijk" ON ("venue"."wijk_id" = "wijk"."id"))
  WHERE (("venue"."facilities" @> '{kitchen}') OR EXISTS (SELECT "room"."id" FROM "room"
    WHERE (("room"."venue_id" = "venue"."id") AND ("room"."facilities" @> '{kitchen}'))))
  ORDER BY "venue"."name" ASC, "venue"."id" ASC LIMIT 21 OFFSET 0;
SQL
free_day=$(date -u -d '+60 days' +%F)
cat > "$work/venues_free.sql" <<SQL
SELECT $venue_cols, "wijk"."wijknr", "venue"."max_capacity"
  FROM ("venue" LEFT OUTER JOIN "wijk" ON ("venue"."wijk_id" = "wijk"."id"))
  WHERE EXISTS (SELECT "room"."id" FROM "room" WHERE (((("room"."venue_id" = "venue"."id") AND ("room"."capacity" >= 1))
    AND ("room"."uses" @> '{}')) AND NOT (EXISTS (SELECT "booking"."id" FROM "booking"
    WHERE ((("booking"."room_id" = "room"."id") AND ("booking"."status" = 'approved'))
      AND ("booking"."during" && '[$free_day 18:00+00,$free_day 21:00+00)'))))))
  ORDER BY "venue"."name" ASC, "venue"."id" ASC LIMIT 21 OFFSET 0;
SQL
cat > "$work/projects.sql" <<SQL
SELECT "wijk"."id" FROM "wijk" WHERE ("wijk"."wijknr" = 7) LIMIT 1;
SELECT "project"."id", "project"."proposal_id", "wijk"."wijknr", "project"."title", "project"."status",
       "project"."budget_cents", "project"."spent_cents", "project"."deadline", "project"."partners", "project"."lat", "project"."lon"
  FROM ("project" INNER JOIN "wijk" ON ("project"."wijk_id" = "wijk"."id")) WHERE ("project"."wijk_id" = '$wijk7')
  ORDER BY "wijk"."wijknr" ASC, "project"."created_at" ASC;
SQL

pg() { # name, sql file, protocol: tps of pgbench -c8 -j2 on the file
  if ! pgbench -n -M "$3" -c 8 -j 2 -T "$secs" -f "$2" "$url" > "$work/$1.pgbench" 2>&1; then
    echo "pgbench failed on $2:" >&2; cat "$work/$1.pgbench" >&2; exit 1
  fi
  awk '/^tps/ {print $3}' "$work/$1.pgbench"
}
# Clients ask for compressed answers as browsers do; `identity` shows what compression costs.
browser=(-H "Accept-Encoding: gzip, deflate, br")
closed() { # name, oha arguments...: closed loop, $conns connections
  local name="$1"; shift
  oha -z "${secs}s" -c "$conns" --no-tui --output-format json "${browser[@]}" "$@" > "$work/$name.closed.json"
}
identity() { # name, oha arguments...: closed loop without compression
  local name="$1"; shift
  oha -z "${secs}s" -c "$conns" --no-tui --output-format json -H "Accept-Encoding: identity" "$@" > "$work/$name.identity.json"
}
fixed() { # name, oha arguments...: $rate req/s offered, latency corrected for coordinated omission
  local name="$1"; shift
  oha -z "${secs}s" -q "$rate" -c 64 --latency-correction --no-tui --output-format json "${browser[@]}" "$@" > "$work/$name.fixed.json"
}
codes() { # oha JSON file: its status and error counts
  python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); print(r.get("statusCodeDistribution", {}), r.get("errorDistribution") or "")' "$1"
}

start_server

# --- memory: VmRSS at start, after half and after all of $mem_requests mixed reads --------------
mem_paths=(/api/v1/wijken /api/v1/wijken.geojson "/api/v1/wijken/lookup?lat=51.0625&lon=3.7125"
  "/api/v1/venues?wijk=7&capacity_min=20" "/api/v1/venues?near=51.05,3.725&radius_m=1500" "/api/v1/projects/projects?wijk=7")
echo "Memory run: $mem_requests requests ..." >&2
rss_start=$(rss_kib)
mem_half() {
  local per=$((mem_requests / 2 / ${#mem_paths[@]})) p
  for p in "${mem_paths[@]}"; do
    oha -n "$per" -c "$conns" --no-tui --output-format json "${browser[@]}" "$base$p" > "$work/mem.json"
    codes "$work/mem.json" >> "$work/mem.codes"
  done
}
mem_started=$(date +%s)
mem_half; rss_half=$(rss_kib)
mem_half; rss_end=$(rss_kib); rss_peak=$(hwm_kib)
mem_secs=$(( $(date +%s) - mem_started ))
mem_done=$(( mem_requests / 2 / ${#mem_paths[@]} * ${#mem_paths[@]} * 2 ))

# --- reads: name | path | ceiling (self, hello or pgbench:<sql>:<protocol>) ---------------------
reads=(
  "hello-world (/health/live)|/api/v1/health/live|self"
  "wijken list|/api/v1/wijken|hello"
  "wijken GeoJSON (225 kB)|/api/v1/wijken.geojson|hello"
  "wijk lookup (point)|/api/v1/wijken/lookup?lat=51.0625&lon=3.7125|hello"
  "venues wijk=7&capacity_min=20|/api/v1/venues?wijk=7&capacity_min=20|pgbench:venues_wijk:prepared"
  "venues near=51.05,3.725 1.5 km|/api/v1/venues?near=51.05,3.725&radius_m=1500|pgbench:venues_near:extended"
  "venues q=bibliotheek (text)|/api/v1/venues?q=bibliotheek|pgbench:venues_text:extended"
  "venues facility=kitchen|/api/v1/venues?facility=kitchen|pgbench:venues_facility:prepared"
  "venues free on an evening|/api/v1/venues?available_from=${free_day}T18:00:00Z&available_to=${free_day}T21:00:00Z|pgbench:venues_free:prepared"
  "projects of wijk 7|/api/v1/projects/projects?wijk=7|pgbench:projects:prepared"
)
: > "$work/rows"
i=0
for row in "${reads[@]}"; do
  IFS='|' read -r name path ceiling <<<"$row"
  i=$((i + 1))
  echo "$name ..." >&2
  closed "r$i" "$base$path"
  identity "r$i" "$base$path"
  fixed "r$i" "$base$path"
  case "$ceiling" in
    pgbench:*)
      IFS=: read -r _ sql protocol <<<"$ceiling"
      tps=$(pg "r$i" "$work/$sql.sql" "$protocol")
      printf 'r%s\t%s\tpgbench same SQL\t%s\t\tread\n' "$i" "$name" "$tps" >> "$work/rows" ;;
    *) printf 'r%s\t%s\t%s\t\t\tread\n' "$i" "$name" "$ceiling" >> "$work/rows" ;;
  esac
done

# The same database-backed public reads without the public cache (SAMENSTAD_PUBLIC_CACHE_MS=0):
# what each request costs when it is not served from memory (a first visit, a rare query).
stop_server
export SAMENSTAD_PUBLIC_CACHE_MS=0
start_server
j=0
for row in "${reads[@]}"; do
  IFS='|' read -r name path ceiling <<<"$row"
  j=$((j + 1))
  case "$ceiling" in
    pgbench:*) ;;
    *) continue ;;
  esac
  i=$((i + 1))
  echo "$name, no cache ..." >&2
  closed "r$i" "$base$path"
  identity "r$i" "$base$path"
  fixed "r$i" "$base$path"
  tps=$(awk -F'\t' -v k="r$j" '$1 == k {print $4}' "$work/rows")
  printf 'r%s\t%s\tpgbench same SQL\t%s\t\tread\n' "$i" "$name (no cache)" "$tps" >> "$work/rows"
done
stop_server
unset SAMENSTAD_PUBLIC_CACHE_MS
start_server

# --- writes: a resident requests bookings and starts subsidy drafts -----------------------------
curl -fsS -o /dev/null -H 'content-type: application/json' \
  -d '{"email":"bench@example.org","password":"een lange zin als wachtwoord","display_name":"Bench"}' \
  "$base/api/v1/auth/register"
token=$(curl -fsS -H 'content-type: application/json' \
  -d '{"email":"bench@example.org","password":"een lange zin als wachtwoord"}' "$base/api/v1/auth/login" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
user=$(psql "$url" -Atc "select id from app_user where email = 'bench@example.org'")
# Requests go to 1,000 rooms at random (the overlap check reads a room's bookings of that slot,
# so thousands of requests for one room and slot would measure that pile instead). Requests do
# not block each other (only approved bookings do): all ask for the same two hours, 60 days
# ahead, inside every generated venue's lead time.
psql "$url" -q <<'SQL'
CREATE TABLE bench_room AS
  SELECT row_number() OVER (ORDER BY r.id) AS n, r.id FROM room r JOIN venue v ON v.id = r.venue_id
  WHERE v.slug LIKE 'bench-%' ORDER BY r.id LIMIT 1000;
ALTER TABLE bench_room ADD PRIMARY KEY (n);
SQL
psql "$url" -At -c "select '$base/api/v1/rooms/' || id || '/bookings' from bench_room order by n" > "$work/booking_urls"
IFS='|' read -r room venue_wijk < <(psql "$url" -At -c "
  select r.id, coalesce(v.wijk_id::text, '') from bench_room r join room using (id) join venue v on v.id = room.venue_id where n = 1")
scheme=$(psql "$url" -Atc "select id from subsidy_scheme where key = 'samen-aan-zet'")
read -r slot_start slot_end day < <(python3 -c '
import datetime as d
s = (d.datetime.now(d.timezone.utc) + d.timedelta(days=60)).replace(hour=18, minute=0, second=0, microsecond=0)
print(s.isoformat(), (s + d.timedelta(hours=2)).isoformat(), s.date().isoformat())')
booking_body=$(printf '{"purpose":"Bewonersvergadering","attendees":8,"start":"%s","end":"%s","room_use":"meeting"}' "$slot_start" "$slot_end")
draft_body=$(python3 -c '
import json, sys
day = sys.argv[1]
print(json.dumps({"scheme": "samen-aan-zet", "category": "forfait", "title": "Buurtfeest Rabot",
  "description": "Een straatfeest met muziek en soep voor de hele straat.", "themes": ["ontmoeten"],
  "scope": "wijk", "wijken": [7], "target_groups": ["iedereen"], "starts_on": day, "ends_on": day,
  "venue_id": None, "location": "Rabotplein", "requested_cents": 30000, "coaching": False,
  "budget_lines": [{"kind": "materials", "description": "Tenten en tafels", "amount_cents": 40000},
                   {"kind": "catering", "description": "Soep", "amount_cents": 10000}]}))' "$day")
wijk_or_null=$([ -n "$venue_wijk" ] && echo "'$venue_wijk'" || echo NULL)
# Earlier requests and drafts (20,000 and 5,000), then ANALYZE: plans are made on tables of a
# running service. On empty tables PostgreSQL keeps plans that get slower with every row the
# benchmark adds, until autovacuum analyzes (a minute or more), and the figures would depend on
# the order of the runs.
psql "$url" -q <<SQL
INSERT INTO booking (id, room_id, requester_id, purpose, room_use, attendees, during, status, tariff_category, price_cents)
SELECT gen_random_uuid(), r.id, '$user', 'Eerdere aanvraag', 'meeting', 5,
       tstzrange(date_trunc('day', now()) + (30 + i * 7) * interval '1 day' + interval '10 hours',
                 date_trunc('day', now()) + (30 + i * 7) * interval '1 day' + interval '12 hours'), 'requested', 'resident', 2000
FROM (SELECT id FROM room ORDER BY id LIMIT 2000) AS r, generate_series(1, 10) AS i;
WITH a AS (
  INSERT INTO subsidy_application (id, scheme_id, applicant_id, applicant_kind, category, title, scope, requested_cents)
  SELECT gen_random_uuid(), '$scheme', '$user', 'person', 'forfait', 'Eerdere aanvraag ' || i, 'wijk', 30000
  FROM generate_series(1, 5000) AS i RETURNING id),
w AS (INSERT INTO subsidy_application_wijk (application_id, wijk_id) SELECT id, '$wijk7' FROM a),
b AS (INSERT INTO subsidy_budget_line (application_id, position, kind, description, amount_cents) SELECT id, 0, 'materials', 'Tenten', 40000 FROM a)
INSERT INTO subsidy_event (id, application_id, actor_id, actor_role, status) SELECT gen_random_uuid(), id, '$user', 'applicant', 'draft' FROM a;
-- 1,000 submitted applications for the programme administrator's list (issue 14).
WITH a AS (
  INSERT INTO subsidy_application (id, scheme_id, applicant_id, applicant_kind, category, title, scope, requested_cents, status, submitted_at)
  SELECT gen_random_uuid(), '$scheme', '$user', 'person', 'forfait', 'Ingediende aanvraag ' || i, 'wijk', 30000, 'submitted', now() - i * interval '1 minute'
  FROM generate_series(1, 1000) AS i RETURNING id)
INSERT INTO subsidy_application_wijk (application_id, wijk_id) SELECT id, '$wijk7' FROM a;
VACUUM ANALYZE;
SQL
# A programme administrator (the CLI grants the role) reads the staff list of every application.
printf '%s\n' "een lange zin als wachtwoord" | DATABASE_URL="$url" "$bin" admin create-user \
  --email programme@example.org --password-stdin --role programme_admin >/dev/null 2>&1
staff_token=$(curl -fsS -H 'content-type: application/json' \
  -d '{"email":"programme@example.org","password":"een lange zin als wachtwoord"}' "$base/api/v1/auth/login" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
staff_items=$(curl -fsS -H "Authorization: Bearer $staff_token" "$base/api/v1/subsidies/applications?view=all" |
  python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
echo "staff application list: $staff_items applications per response" >&2
i=$((i + 1))
echo "staff application list ..." >&2
staff=(-H "Authorization: Bearer $staff_token" "$base/api/v1/subsidies/applications?view=all")
closed "r$i" "${staff[@]}"
identity "r$i" "${staff[@]}"
fixed "r$i" "${staff[@]}"
printf 'r%s\t%s\treq/s goal\t1000\t\tread\n' "$i" "staff list ($staff_items apps, one answer)" >> "$work/rows"
# The same list paged: a page of 20 (`limit`; the next page by its Link header).
i=$((i + 1))
echo "staff application list, a page of 20 ..." >&2
staff=(-H "Authorization: Bearer $staff_token" "$base/api/v1/subsidies/applications?view=all&limit=20")
closed "r$i" "${staff[@]}"
identity "r$i" "${staff[@]}"
fixed "r$i" "${staff[@]}"
printf 'r%s\t%s\treq/s goal\t1000\t\tread\n' "$i" "staff list, page of 20 of $staff_items" >> "$work/rows"
# The ceilings: the INSERTs each request makes (row, audit entry; a draft also its wijk, budget
# lines and timeline event), in one transaction. The API runs more in that transaction (the
# caller, roles, room or scheme, overlap check, the answer): see the full-transaction figures.
cat > "$work/booking_insert.sql" <<SQL
\\set r random(1, 1000)
BEGIN;
INSERT INTO "booking" ("id", "room_id", "requester_id", "purpose", "room_use", "attendees", "during", "status", "tariff_category", "price_cents", "created_at", "updated_at")
  VALUES (gen_random_uuid(), (SELECT "id" FROM "bench_room" WHERE "n" = :r), '$user', 'Bewonersvergadering', 'meeting', 8, '[$slot_start,$slot_end)', 'requested', 'resident', 2000, now(), now()) RETURNING "id" AS booking \gset
INSERT INTO "audit_log" ("actor_user_id", "action", "object_type", "object_id", "wijk_id", "details")
  VALUES ('$user', 'booking.requested', 'booking', :booking, $wijk_or_null, '{"room_id": "$room"}');
COMMIT;
SQL
cat > "$work/draft_insert.sql" <<SQL
BEGIN;
INSERT INTO "subsidy_application" ("id", "scheme_id", "applicant_id", "applicant_kind", "category", "title", "description", "themes", "scope",
    "target_groups", "starts_on", "ends_on", "location", "requested_cents", "coaching", "updated_at")
  VALUES (gen_random_uuid(), '$scheme', '$user', 'person', 'forfait', 'Buurtfeest Rabot', 'Een straatfeest met muziek en soep voor de hele straat.',
    '{ontmoeten}', 'wijk', '{iedereen}', '$day', '$day', 'Rabotplein', 30000, false, now()) RETURNING "id" AS app \gset
INSERT INTO "subsidy_application_wijk" ("application_id", "wijk_id") VALUES (:app, '$wijk7');
INSERT INTO "subsidy_budget_line" ("application_id", "position", "kind", "description", "amount_cents")
  VALUES (:app, 0, 'materials', 'Tenten en tafels', 40000), (:app, 1, 'catering', 'Soep', 10000);
INSERT INTO "subsidy_event" ("id", "application_id", "actor_id", "actor_role", "status") VALUES (gen_random_uuid(), :app, '$user', 'applicant', 'draft');
INSERT INTO "audit_log" ("actor_user_id", "action", "object_type", "object_id", "details")
  VALUES ('$user', 'subsidy_application.created', 'subsidy_application', :app, '{"kind": "person", "scheme": "samen-aan-zet"}');
COMMIT;
SQL
# Every statement of the API's transaction (from the statement log), for the notes.
user_sql="SELECT \"app_user\".* FROM \"app_user\" WHERE (\"app_user\".\"id\" = '$user') LIMIT 1;
SELECT \"role_assignment\".*, \"wijk\".\"wijknr\" FROM (\"role_assignment\" LEFT OUTER JOIN \"wijk\" ON (\"role_assignment\".\"wijk_id\" = \"wijk\".\"id\"))
  WHERE (\"role_assignment\".\"user_id\" = '$user') ORDER BY \"role_assignment\".\"created_at\" ASC;"
{ echo '\set r random(1, 1000)'; echo "BEGIN;"; echo "$user_sql"; cat <<SQL
SELECT "room".*, "venue".* FROM ("room" INNER JOIN "venue" ON ("room"."venue_id" = "venue"."id"))
  WHERE ("room"."id" = (SELECT "id" FROM "bench_room" WHERE "n" = :r)) LIMIT 1;
SELECT "booking"."during" FROM "booking" WHERE ((("booking"."room_id" = (SELECT "id" FROM "bench_room" WHERE "n" = :r)) AND ("booking"."status" = 'approved'))
  AND ("booking"."during" && '[$slot_start,$slot_end)')) ORDER BY "booking"."during" ASC;
SQL
  sed -n '/^INSERT/,/^COMMIT/p' "$work/booking_insert.sql"; } > "$work/booking_full.sql"
{ echo "BEGIN;"; echo "$user_sql"; cat <<SQL
SELECT * FROM "subsidy_scheme" WHERE ("subsidy_scheme"."key" = 'samen-aan-zet') LIMIT 1;
INSERT INTO "subsidy_application" ("id", "scheme_id", "applicant_id", "applicant_kind") VALUES (gen_random_uuid(), '$scheme', '$user', 'person') RETURNING "id" AS app \gset
SELECT "wijk"."id" FROM "wijk" WHERE ("wijk"."wijknr" = ANY('{7}'));
UPDATE "subsidy_application" SET "organisation_id" = NULL, "applicant_kind" = 'person', "category" = 'forfait', "title" = 'Buurtfeest Rabot',
  "description" = 'Een straatfeest met muziek en soep voor de hele straat.', "themes" = '{ontmoeten}', "scope" = 'wijk', "target_groups" = '{iedereen}',
  "starts_on" = '$day', "ends_on" = '$day', "venue_id" = NULL, "location" = 'Rabotplein', "requested_cents" = 30000, "coaching" = false,
  "updated_at" = now() WHERE ("subsidy_application"."id" = :app);
DELETE FROM "subsidy_application_wijk" WHERE ("subsidy_application_wijk"."application_id" = :app);
INSERT INTO "subsidy_application_wijk" ("application_id", "wijk_id") VALUES (:app, '$wijk7');
DELETE FROM "subsidy_budget_line" WHERE ("subsidy_budget_line"."application_id" = :app);
INSERT INTO "subsidy_budget_line" ("application_id", "position", "kind", "description", "amount_cents")
  VALUES (:app, 0, 'materials', 'Tenten en tafels', 40000), (:app, 1, 'catering', 'Soep', 10000);
SELECT * FROM "subsidy_application" WHERE ("subsidy_application"."id" = :app) LIMIT 1;
INSERT INTO "subsidy_event" ("id", "application_id", "actor_id", "actor_role", "status") VALUES (gen_random_uuid(), :app, '$user', 'applicant', 'draft');
INSERT INTO "audit_log" ("actor_user_id", "action", "object_type", "object_id", "details")
  VALUES ('$user', 'subsidy_application.created', 'subsidy_application', :app, '{"kind": "person", "scheme": "samen-aan-zet"}');
SELECT * FROM "subsidy_application" WHERE ("subsidy_application"."id" = :app) LIMIT 1;
SELECT * FROM "subsidy_scheme" WHERE ("subsidy_scheme"."id" = '$scheme') LIMIT 1;
SELECT "wijk"."wijknr" FROM ("subsidy_application_wijk" INNER JOIN "wijk" ON ("subsidy_application_wijk"."wijk_id" = "wijk"."id"))
  WHERE ("subsidy_application_wijk"."application_id" = :app) ORDER BY "wijk"."wijknr" ASC;
SELECT "kind", "description", "amount_cents", "actual_cents" FROM "subsidy_budget_line" WHERE ("application_id" = :app) ORDER BY "position" ASC;
SELECT "id", "closes_on" FROM "subsidy_deadline" WHERE (("scheme_id" = '$scheme') AND ("closes_on" >= CURRENT_DATE) AND ("closed_at" IS NULL)) ORDER BY "closes_on" ASC LIMIT 1;
SELECT COUNT(*) FROM "subsidy_cosignature" WHERE ("application_id" = :app);
SELECT "narrative", "submitted_at", "review" FROM "subsidy_report" WHERE ("application_id" = :app) LIMIT 1;
SELECT COUNT(*) FROM "subsidy_cosignature" WHERE ("application_id" = :app);
SELECT "subsidy_attachment"."id", "subsidy_attachment"."name", "stored_file"."content_type", "stored_file"."size"
  FROM ("subsidy_attachment" INNER JOIN "stored_file" ON ("subsidy_attachment"."file_id" = "stored_file"."id"))
  WHERE ("subsidy_attachment"."application_id" = :app) ORDER BY "subsidy_attachment"."created_at" ASC;
SELECT "at", "status", "actor_role", "reason" FROM "subsidy_event" WHERE ("application_id" = :app) ORDER BY "at" ASC, "id" ASC;
COMMIT;
SQL
} > "$work/draft_full.sql"
writes=(
  "booking requests (POST)|@$work/booking_urls|$booking_body|booking"
  "subsidy drafts (POST)|/api/v1/subsidies/applications|$draft_body|draft"
)
for row in "${writes[@]}"; do
  IFS='|' read -r name path body sql <<<"$row"
  i=$((i + 1))
  echo "$name ..." >&2
  case "$path" in
    @*) target=(--urls-from-file "${path#@}") ;;
    *) target=("$base$path") ;;
  esac
  post=(-m POST -H "Authorization: Bearer $token" -T application/json -d "$body" "${target[@]}")
  closed "r$i" "${post[@]}"
  identity "r$i" "${post[@]}"
  fixed "r$i" "${post[@]}"
  tps=$(pg "r$i" "$work/${sql}_insert.sql" prepared)
  tps_full=$(pg "r$i.full" "$work/${sql}_full.sql" prepared)
  printf 'r%s\t%s\tpgbench INSERTs\t%s\t%s\twrite\n' "$i" "$name" "$tps" "$tps_full" >> "$work/rows"
done
stop_server

# --- the table -----------------------------------------------------------------------------------
echo
echo "Samenstad benchmarks ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores shared by the server, PostgreSQL and the load generator)"
echo "closed loop: oha -c $conns, ${secs}s; fixed rate: oha -q $rate -c 64 --latency-correction, ${secs}s;"
echo "ceilings: pgbench -c 8 -j 2 -T $secs on the API's SQL, or the hello-world endpoint's closed-loop req/s (compressed)."
python3 - "$work" "$rate" <<'PY'
import json, sys
work, rate = sys.argv[1], float(sys.argv[2])
rows = [l.rstrip("\n").split("\t") for l in open(f"{work}/rows")]
def load(key, kind):
    r = json.load(open(f"{work}/{key}.{kind}.json"))
    s, p = r["summary"], r["latencyPercentiles"]
    codes = {str(k): v for k, v in (r.get("statusCodeDistribution") or {}).items()}
    errors = r.get("errorDistribution") or {}
    return s["requestsPerSec"], 1000 * (p["p50"] or 0), 1000 * (p["p99"] or 0), codes, errors
hello, hello_identity = load(rows[0][0], "closed")[0], load(rows[0][0], "identity")[0]
fmt = "%-31s %7s %6s %7s | %-16s %6s %5s | %6s %5s | %6s %8s | %s"
print()
print(fmt % ("", "closed", "loop", "", "ceiling", "", "", "no com", "press", "at %d" % rate, "req/s", ""))
print(fmt % ("endpoint", "req/s", "p50 ms", "p99 ms", "", "req/s", "ratio", "req/s", "ratio", "served", "p99 ms", "goal met?"))
print("-" * 132)
notes = []
for key, name, kind, ceiling, full, what in rows:
    rps, p50, p99, codes, errors = load(key, "closed")
    irps = load(key, "identity")[0]
    frps, _, fp99, fcodes, ferrors = load(key, "fixed")
    notes.append((name, codes, errors, fcodes, ferrors))
    ok_p99 = fp99 <= 20 and frps >= 0.95 * rate
    if kind == "self":
        label, value, ratio_text, iratio_text = "(is the ceiling)", "", "—", "—"
        goal = "p99 " + ("yes" if ok_p99 else "NO")
    elif kind == "req/s goal":
        label, value, ratio_text, iratio_text = kind, ceiling, "—", "—"
        goal = "req/s %s (p99 %s 20 ms)" % ("yes" if rps >= float(ceiling) else "NO", "<=" if ok_p99 else ">")
    else:
        value = hello if kind == "hello" else float(ceiling)
        label = "hello-world" if kind == "hello" else kind
        ratio = rps / value if value else 0.0
        ratio_text = "%.0f%%" % (100 * ratio)
        ivalue = hello_identity if kind == "hello" else value
        iratio_text = "%.0f%%" % (100 * irps / ivalue) if ivalue else "—"
        if what == "write":
            goal = "no goal set (p99 %s 20 ms)" % ("<=" if ok_p99 else ">")
        else:
            goal = "ratio %s, p99 %s" % ("yes" if ratio >= 0.5 else "NO", "yes" if ok_p99 else "NO")
        value = "%.0f" % value
    print(fmt % (name, "%.0f" % rps, "%.2f" % p50, "%.2f" % p99, label, value, ratio_text,
                 "%.0f" % irps, iratio_text, "%.0f" % frps, "%.2f" % fp99, goal))
print()
print("Requests carry Accept-Encoding: gzip, deflate, br (as browsers do); \"no compression\" is the same closed loop")
print("with Accept-Encoding: identity. Goals (issue 8), judged on the compressed figures: DB-backed reads >= 50% of")
print("pgbench on their SQL; reference data served from memory >= 50%% of hello-world; p99 <= 20 ms at %d req/s" % rate)
print("offered (and >= 95% of it served). oha counts requests still open when a timed run ends as 'aborted due to deadline'.")
for key, name, kind, ceiling, full, what in rows:
    if what == "write":
        rps = load(key, "closed")[0]
        print("%s: pgbench on every statement of the API's transaction %.0f tps (API at %.0f%% of it)."
              % (name, float(full), 100 * rps / float(full)))
print("HTTP statuses [and client errors] closed loop / fixed rate:")
for name, codes, errors, fcodes, ferrors in notes:
    e = lambda x: (" %s" % x) if x else ""
    print("  %-33s %s%s / %s%s" % (name, codes, e(errors), fcodes, e(ferrors)))
PY
echo
echo "Memory (VmRSS of the server) over $mem_done mixed reads (an equal share of each of ${#mem_paths[@]} reads above), ${mem_secs}s:"
awk -v a="$rss_start" -v b="$rss_half" -v c="$rss_end" -v h="$rss_peak" -v n="$mem_done" 'BEGIN {
  printf "  at start %.1f MB | after %d: %.1f MB | after %d: %.1f MB | second half %+.1f MB | peak %.1f MB\n",
    a / 1024, n / 2, b / 1024, n, c / 1024, (c - b) / 1024, h / 1024
  printf "  goal <= 100 MB after the run: %s; no growth in the second half: %s\n",
    (c / 1024 <= 100 ? "yes" : "NO"), (c - b <= 1024 ? "yes (under 1 MB)" : "NO")
}'
echo "  statuses: $(sort "$work/mem.codes" | uniq -c | sed 's/^ *//' | paste -sd ';' -)"
echo "Done in $(( $(date +%s) - started_at ))s (other builds or tests on this machine skew the figures)."
