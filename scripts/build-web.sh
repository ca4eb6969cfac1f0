#!/usr/bin/env bash
# Builds the web app into frontend/dist: cargo (wasm32) + wasm-bindgen, optional wasm-opt.
# Usage: scripts/build-web.sh [release|dev]
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-release}"
target_dir="${CARGO_TARGET_DIR:-target}"
if [ "$mode" = release ]; then
  cargo build --locked -p samenstad-web --target wasm32-unknown-unknown --profile release-wasm
  wasm="$target_dir/wasm32-unknown-unknown/release-wasm/samenstad-web.wasm"
else
  cargo build --locked -p samenstad-web --target wasm32-unknown-unknown
  wasm="$target_dir/wasm32-unknown-unknown/debug/samenstad-web.wasm"
fi
out=frontend/dist
rm -rf "$out.tmp" && mkdir -p "$out.tmp"
wasm-bindgen --target web --no-typescript --out-name samenstad_web --out-dir "$out.tmp" "$wasm"
# wasm-opt from npm binaryen (Debian's binaryen 108 produces a wasm that breaks in browsers).
if [ "$mode" = release ] && [ -x node_modules/.bin/wasm-opt ]; then
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-reference-types --enable-sign-ext "$out.tmp/samenstad_web_bg.wasm" -o "$out.tmp/samenstad_web_bg.wasm"
fi
cp frontend/static/* "$out.tmp/"
rm -rf "$out" && mv "$out.tmp" "$out"
raw=$(stat -c %s "$out/samenstad_web_bg.wasm")
gz=$(gzip -9 -c "$out/samenstad_web_bg.wasm" | wc -c)
echo "web app built in $out ($mode): samenstad_web_bg.wasm $raw bytes, $gz bytes gzip -9"
