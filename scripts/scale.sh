#!/usr/bin/env bash
# Samenstad behind HAProxy, through PgBouncer, with a streaming replica, under load and faults
# (issue 20); see scripts/scale.py. Usage: scripts/scale.sh [quick] [scale.py options]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
if [ "${1:-}" = quick ]; then shift; exec python3 scripts/scale.py --seconds 12 --readers 3 --writers 3 --rounds 1 "$@"; fi
exec python3 scripts/scale.py --seconds 60 --readers 6 --writers 6 --rounds 2 "$@"
