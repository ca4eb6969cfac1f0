#!/usr/bin/env bash
# Browser tests: a fresh seeded database, the real binary serving the built web app on
# 127.0.0.1:8090, headless Chromium driven by playwright-core (node --test e2e/, or the files given).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
# The draw of a lottery panel waits this long after its seed was published (a day in production).
export SAMENSTAD_PANEL_SEED_NOTICE_SECS="${SAMENSTAD_PANEL_SEED_NOTICE_SECS:-3}"
serve_fresh_database samenstad_e2e "${SAMENSTAD_E2E_PORT:-8090}"
SAMENSTAD_E2E_URL="$SAMENSTAD_TEST_URL" node --test --test-reporter=spec "${@:-e2e/}"
