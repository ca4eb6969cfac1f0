#!/usr/bin/env bash
# Lighthouse 12 (mobile profile, simulated slow 4G and 4x CPU slowdown, the defaults) on the home
# page, the venue finder, the idea board of the wijkbudget and the subsidy application wizard
# (logged in), `runs` times each; prints the median of each figure. Release binary and release
# web build, a fresh seeded database, Debian's Chromium, no network beyond 127.0.0.1.
# Usage: scripts/lighthouse.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
lh_version=12.2.3
lh_dir="${CARGO_TARGET_DIR:-target}/lighthouse"
if [ ! -x "$lh_dir/node_modules/.bin/lighthouse" ]; then
  echo "[lighthouse] npm install lighthouse@$lh_version (once)" >&2
  mkdir -p "$lh_dir"
  npm install --prefix "$lh_dir" --no-fund --no-audit --loglevel=error "lighthouse@$lh_version" >&2
fi
command -v chromium >/dev/null || { echo "chromium is missing: run scripts/setup.sh test" >&2; exit 1; }
[ -f frontend/dist/index.html ] || scripts/build-web.sh release
cargo build --locked --release -q -p samenstad-api
. scripts/env.sh
SAMENSTAD_BIN="${CARGO_TARGET_DIR:-target}/release/samenstad" serve_fresh_database samenstad_lighthouse 8094
base="$SAMENSTAD_TEST_URL"
out=$(mktemp -d)
trap 'rm -rf "$out"; kill $_test_server 2>/dev/null; wait $_test_server 2>/dev/null; psql "$SAMENSTAD_PG_SERVER/postgres" -qc "drop database if exists $_test_db with (force)" >&2' EXIT

# A logged-in session for the wizard: a fresh refresh cookie per run (they rotate on use).
login_cookie() {
  curl -fsS -D - -o /dev/null -H 'content-type: application/json' \
    -d "{\"email\":\"$SAMENSTAD_E2E_ADMIN_EMAIL\",\"password\":\"$SAMENSTAD_E2E_ADMIN_PASSWORD\"}" \
    "$base/api/v1/auth/login" | sed -n 's/^[Ss]et-[Cc]ookie: \(samenstad_refresh=[^;]*\).*/\1/p'
}
token=$(curl -fsS -H 'content-type: application/json' \
  -d "{\"email\":\"$SAMENSTAD_E2E_ADMIN_EMAIL\",\"password\":\"$SAMENSTAD_E2E_ADMIN_PASSWORD\"}" \
  "$base/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
draft=$(curl -fsS -H 'content-type: application/json' -H "authorization: Bearer $token" \
  -d '{"scheme":"samen-aan-zet","category":"forfait","title":"Soep op het plein","description":"Elke maand soep en een babbel.","themes":["ontmoeten"],"target_groups":["iedereen"],"scope":"wijk","wijken":[7],"starts_on":null,"ends_on":null,"location":"Rabotplein","requested_cents":30000,"coaching":false,"budget_lines":[]}' \
  "$base/api/v1/subsidies/applications" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

pages=("home /" "venue-finder /venues" "idea-board /ideas" "subsidy-wizard /subsidies/applications/$draft")
for entry in "${pages[@]}"; do
  name="${entry%% *}"; path="${entry#* }"
  for i in $(seq 1 "$runs"); do
    headers=()
    if [ "$name" = subsidy-wizard ]; then headers=(--extra-headers "{\"Cookie\":\"$(login_cookie)\"}"); fi
    CHROME_PATH=/usr/bin/chromium "$lh_dir/node_modules/.bin/lighthouse" "$base$path" --quiet \
      --only-categories=performance,accessibility --output=json --output-path="$out/$name-$i.json" \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run --user-data-dir=$out/profile-$name-$i" \
      "${headers[@]}" >/dev/null 2>"$out/$name-$i.log" || { cat "$out/$name-$i.log" >&2; exit 1; }
  done
done

wasm=$(ls frontend/dist/assets/samenstad_web_bg-*.wasm)
python3 - "$out" "$runs" "$wasm" <<'PY'
import json, os, statistics, sys
out, runs, wasm = sys.argv[1], int(sys.argv[2]), sys.argv[3]
pages = ["home", "venue-finder", "idea-board", "subsidy-wizard"]
print(f"Lighthouse 12, mobile profile (simulated slow 4G, 4x CPU slowdown), median of {runs} runs")
print(f"{'page':<16} {'perf':>5} {'FCP':>7} {'LCP':>7} {'TBT':>7} {'CLS':>6} {'SI':>7} {'a11y':>5}  goals (perf>=90, LCP<=2.5s, TBT<=200ms, CLS<=0.1, a11y=100)")
for page in pages:
    reports = [json.load(open(os.path.join(out, f"{page}-{i}.json"))) for i in range(1, runs + 1)]
    med = lambda f: statistics.median(f(r) for r in reports)
    audit = lambda key: (lambda r: r["audits"][key]["numericValue"])
    perf = med(lambda r: r["categories"]["performance"]["score"] * 100)
    a11y = med(lambda r: r["categories"]["accessibility"]["score"] * 100)
    fcp, lcp, tbt, cls, si = (med(audit(k)) for k in ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"])
    unmet = [g for g, ok in [("perf", perf >= 90), ("LCP", lcp <= 2500), ("TBT", tbt <= 200), ("CLS", cls <= 0.1), ("a11y", a11y == 100)] if not ok]
    print(f"{page:<16} {perf:>5.0f} {fcp/1000:>6.2f}s {lcp/1000:>6.2f}s {tbt:>5.0f}ms {cls:>6.3f} {si/1000:>6.2f}s {a11y:>5.0f}  {'met' if not unmet else 'not met: ' + ', '.join(unmet)}")
    for r in reports[:1]:
        fails = [a["id"] for a in r["audits"].values() if a.get("scoreDisplayMode") == "binary" and a.get("score") == 0 and a["id"] in {x["id"] for x in r["categories"]["accessibility"]["auditRefs"]}]
        if fails: print(f"{'':<16} accessibility audits failed: {', '.join(fails)}")
sizes = {ext: os.path.getsize(wasm + ext) for ext in ["", ".gz", ".br"] if os.path.exists(wasm + ext)}
print("main wasm: " + ", ".join(f"{k or 'raw'} {v:,} bytes" for k, v in sizes.items()) + " (goal <= 400 KB compressed)")
PY
