#!/usr/bin/env bash
# Lighthouse 12 (mobile profile, simulated slow 4G and 4x CPU slowdown, the defaults) on the home
# page, a wijk page, the venue finder, a venue, the idea board of the wijkbudget, a vote (its
# results: a Pabulib election imported), the subsidy
# finder, the signals map and the subsidy application wizard (logged in), `runs` times each;
# prints the median of each figure, pass or fail per goal (issue 18), and the bytes each build
# of the web app sends (scripts/web-budget.py). Release binary and release
# web build, a fresh seeded database, Debian's Chromium, no network beyond 127.0.0.1.
# Usage: [LH_PAGES="home wijk …"] scripts/lighthouse.sh [runs]
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

# A closed vote with its results: a real published election, imported as a city would.
vote=$("${CARGO_TARGET_DIR:-target}/release/samenstad" pabulib import crates/domain/tests/data/pabulib/Poland_Katowice_2023_Zarzecze.pb --wijk 12 \
  | sed -n 's|.*votes/\([0-9a-f-]\{36\}\).*|\1|p' | head -1)
[ -n "$vote" ] || { echo "the vote was not imported" >&2; exit 1; }

pages=("home /" "wijk /wijken/brugse-poort-rooigem" "venue-finder /venues" "venue /venues/buurtcentrum-sluizeken"
  "idea-board /ideas" "vote /votes/$vote" "subsidy-finder /subsidies" "signals-map /signals" "subsidy-wizard /subsidies/applications/$draft")
# LH_PAGES="idea-board venue-finder": only these pages (default: all).
if [ -n "${LH_PAGES:-}" ]; then
  chosen=()
  for entry in "${pages[@]}"; do
    case " $LH_PAGES " in *" ${entry%% *} "*) chosen+=("$entry") ;; esac
  done
  pages=("${chosen[@]}")
fi
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

python3 - "$out" "$runs" "${pages[@]%% *}" <<'PY'
import json, os, statistics, sys
out, runs, pages = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
print(f"Lighthouse 12, mobile profile (simulated slow 4G, 4x CPU slowdown), median of {runs} runs")
print(f"{'page':<16} {'perf':>5} {'FCP':>7} {'LCP':>7} {'TBT':>7} {'CLS':>6} {'SI':>7} {'a11y':>5} {'bytes':>9}  goals (perf>=95, LCP<=2.0s, TBT<=150ms, CLS<=0.05, a11y=100)")
for page in pages:
    reports = [json.load(open(os.path.join(out, f"{page}-{i}.json"))) for i in range(1, runs + 1)]
    med = lambda f: statistics.median(f(r) for r in reports)
    audit = lambda key: (lambda r: r["audits"][key]["numericValue"])
    perf = med(lambda r: r["categories"]["performance"]["score"] * 100)
    a11y = med(lambda r: r["categories"]["accessibility"]["score"] * 100)
    fcp, lcp, tbt, cls, si, total = (med(audit(k)) for k in ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index", "total-byte-weight"])
    bench = med(lambda r: r["environment"]["benchmarkIndex"])
    long_tasks = med(lambda r: sum(t["duration"] for t in r["audits"].get("long-tasks", {}).get("details", {}).get("items", [])))
    unmet = [g for g, ok in [("perf", perf >= 95), ("LCP", lcp <= 2000), ("TBT", tbt <= 150), ("CLS", cls <= 0.05), ("a11y", a11y == 100)] if not ok]
    print(f"{page:<16} {perf:>5.0f} {fcp/1000:>6.2f}s {lcp/1000:>6.2f}s {tbt:>5.0f}ms {cls:>6.3f} {si/1000:>6.2f}s {a11y:>5.0f} {total:>9,.0f}  {'met' if not unmet else 'not met: ' + ', '.join(unmet)}  (machine benchmark {bench:.0f}, long tasks {long_tasks:.0f} ms)")
    for r in reports[:1]:
        fails = [a["id"] for a in r["audits"].values() if a.get("scoreDisplayMode") == "binary" and a.get("score") == 0 and a["id"] in {x["id"] for x in r["categories"]["accessibility"]["auditRefs"]}]
        if fails: print(f"{'':<16} accessibility audits failed: {', '.join(fails)}")
        def nodes(x):
            if isinstance(x, dict):
                if x.get("type") == "node": yield x
                for v in x.values(): yield from nodes(v)
            elif isinstance(x, list):
                for v in x: yield from nodes(v)
        lcp_node = next(nodes(r["audits"].get("largest-contentful-paint-element", {})), None)
        if lcp_node: print(f"{'':<16} largest paint: {lcp_node.get('snippet', '')[:110]}")
PY
python3 scripts/web-budget.py || true
