# Samenstad tasks. `just` lists them; the README's two commands are `./x run` and `./x test`.
set shell := ["bash", "-euo", "pipefail", "-c"]

target := env_var_or_default("CARGO_TARGET_DIR", "target")
bin := target + "/debug/samenstad"

# List the recipes
default:
    @just --list

# Install what is missing, build, migrate, load the Gent data and serve everything on :8080
run: (setup "run") web
    cargo build --locked --release -p samenstad-api
    . scripts/env.sh && ensure_database "$(app_database)" && {{target}}/release/samenstad migrate && {{target}}/release/samenstad seed && {{target}}/release/samenstad import addresses crates/db/data/gent/adressen-bibliotheken.csv && exec {{target}}/release/samenstad serve

# Install what is missing and run every check and test (what CI runs)
test: (setup "test") lint lint-docker check-wasm test-rust upgrade-check pabutools-quick contract chaos-quick scale-quick web web-budget e2e

# Install missing tools and packages (mode: run or test)
setup mode="run":
    scripts/setup.sh {{mode}}

# Find or start PostgreSQL and create the app database
db:
    . scripts/env.sh && ensure_database "$(app_database)" && echo "$DATABASE_URL"

# Apply database migrations
migrate:
    cargo build --locked -p samenstad-api
    . scripts/env.sh && ensure_database "$(app_database)" && {{bin}} migrate

# Load the Gent reference data (idempotent)
seed: migrate
    . scripts/env.sh && {{bin}} seed && {{bin}} import addresses crates/db/data/gent/adressen-bibliotheken.csv

# Serve with a debug build (after `just web` for the web app)
serve: seed
    . scripts/env.sh && exec {{bin}} serve

# Build the web app (release, size-optimised) into frontend/dist
web:
    scripts/build-web.sh release

# What each build of the web app sends; fails when the first visit of a public page sends more
# than the budget of wasm and JS (a ratchet, lowered as the public build shrinks; the goal is
# 200 KB) — sizes are deterministic: not a timed test
web-budget: web
    python3 scripts/web-budget.py

# Build the web app quickly (debug) into frontend/dist
web-dev:
    scripts/build-web.sh dev

# Write openapi/openapi.json from the routes
openapi:
    cargo run --locked -q -p samenstad-api -- openapi --out openapi/openapi.json

# Formatting and clippy, warnings are errors
lint:
    cargo fmt --all --check
    cargo clippy --locked --all-targets -- -D warnings
    cargo clippy --locked -p samenstad-web --target wasm32-unknown-unknown -- -D warnings
    cargo clippy --locked -p samenstad-web --target wasm32-unknown-unknown --features signed-in -- -D warnings

# Format the code
fmt:
    cargo fmt --all

# types, domain and client build for wasm32 (the web app uses them)
check-wasm:
    cargo check --locked -p samenstad-types -p samenstad-domain -p samenstad-client --target wasm32-unknown-unknown

# Unit and integration tests against real PostgreSQL (a database per test)
test-rust:
    . scripts/env.sh && if command -v cargo-nextest >/dev/null; then cargo nextest run --locked --no-fail-fast; else cargo test --locked --no-fail-fast; fi
    cargo test --locked --doc -q
    . scripts/env.sh && if command -v cargo-nextest >/dev/null; then cargo nextest run --locked -p samenstad-web; else cargo test --locked -p samenstad-web; fi
    cargo build --locked -p samenstad-api

# Details: schemathesis runs every operation with every check, `examples` generated cases each,
# anonymous, as a resident, as wijk staff, as a programme administrator, as a venue manager and as
# an administrator; scripts/integrator-example.py uses the generated Python client;
# scripts/open-data-check.py reads every open-data format back with third-party parsers.
# The API contract on a real server: openapi-spec-validator, schemathesis, openapi-python-client
contract examples="10":
    scripts/contract.sh {{examples}}

# The contract with 50 generated cases per operation
contract-full:
    scripts/contract.sh 50

# Browser tests in headless Chromium against the real binary (needs `just web`)
e2e:
    scripts/e2e.sh

# Part of `just e2e`; needs `just web`.
# Accessibility tests alone: axe-core on the main pages (nl, en), keyboard-only booking and application
a11y:
    scripts/e2e.sh e2e/a11y.test.mjs

# Lighthouse 12 (mobile) on home, venue finder, idea board and subsidy wizard: median of `runs`
lighthouse runs="3": web
    scripts/lighthouse.sh {{runs}}

# On a private PostgreSQL cluster (debug build). Asserts: no acknowledged write lost, no
# Idempotency-Key booked twice, 503 problem+json within 3 s while the database is down, 2xx again
# within 5 s after it is back, the process never dies.
# Chaos: kill -9 the API during writes `rounds` times, restart PostgreSQL under load `restarts` times
chaos rounds="10" restarts="3":
    cargo build --locked -p samenstad-api
    scripts/chaos.sh {{rounds}} {{restarts}}

# HAProxy, 3 instances, PgBouncer, a streaming replica: load with faults, each twice; prints figures
scale:
    cargo build --locked -p samenstad-api
    scripts/scale.sh

# The short scale run of the test command: each fault once (about 30 s)
scale-quick:
    cargo build --locked -p samenstad-api
    scripts/scale.sh quick

# The short chaos run of the test command: 3 kill rounds, 1 PostgreSQL restart (about 20 s)
chaos-quick:
    cargo build --locked -p samenstad-api
    scripts/chaos.sh 3 1

# Validate docker-compose.yml and lint the Dockerfile
lint-docker:
    docker-compose -f docker-compose.yml config -q
    .venv/bin/hadolint Dockerfile
    @echo "docker-compose.yml and Dockerfile are valid"
    scripts/k8s-validate.sh

# Login latency (p50/p99) under a small concurrent load with wrk; prints figures, asserts nothing
bench-login connections="8" seconds="15":
    scripts/bench-login.sh {{connections}} {{seconds}}

# The main reads (closed loop and at 2,000 req/s) against pgbench on the same SQL or a hello-world
# endpoint, writes against pgbench INSERTs, and RSS over `requests` mixed reads. About 15 minutes
# with the defaults on 2 cores; `just bench 5 100000` takes about 5.
# Every benchmark in one table: reads, writes and memory, as ratios to their ceilings
bench seconds="10" requests="1000000":
    scripts/bench.sh {{seconds}} {{requests}}
    scripts/bench-pool.sh {{seconds}}

# What PgBouncer and the statement cache cost: the same reads straight to PostgreSQL (cache on,
# off), through PgBouncer (cache off) and, with PgBouncer >= 1.21, with max_prepared_statements
# Rolling upgrade: the previous release's binary (deploy/previous-release) answers the smoke checks
# before and after this release's migrations, then this release serves the database (about 4 min)
upgrade-check:
    scripts/upgrade-check.sh

bench-pool seconds="10" connections="32":
    scripts/bench-pool.sh {{seconds}} {{connections}}

# The venue finder one request at a time (10,000 venues, 30,000 rooms, booked evenings): median
# and p90 of `runs` requests per kind of question, release build
bench-finder runs="30":
    scripts/bench-finder.sh {{runs}}

# Venue search with 10,000 venues and 30,000 rooms: req/s, p50, p99 and the ratio to pgbench
bench-venues seconds="10" connections="32":
    scripts/bench-venues.sh {{seconds}} {{connections}}

# Tallies against pabutools: the largest real file and 100 projects x 100,000 voters; prints a table (pabutools takes minutes)
bench-tally:
    python3 scripts/bench-tally.py

# pabutools agrees with the outcomes the tally tests expect: Amsterdam and Katowice (about a minute)
pabutools-quick:
    python3 scripts/pabutools-check.py Netherlands_Amsterdam_166.pb Netherlands_Amsterdam_304.pb Poland_Katowice_2023_Zarzecze.pb

# The same for all five Pabulib files (about 11 minutes: pabutools is slow on Kraków and Wieliczka)
pabutools-check:
    python3 scripts/pabutools-check.py
