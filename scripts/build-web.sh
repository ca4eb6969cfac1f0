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
# Hashed names under assets/ (served immutable, cached for a year), precompressed twins (.gz,
# and .br when Debian's `brotli` is installed); index.html and boot.js point at the hashed names.
assets="$out.tmp/assets"
mkdir -p "$assets"
hashed() { # file -> prints its name with the first 16 hex digits of its SHA-256 before the extension
  local base="${1##*/}" h
  h=$(sha256sum "$1" | cut -c1-16)
  echo "${base%.*}-$h.${base##*.}"
}
wasm_name=$(hashed "$out.tmp/samenstad_web_bg.wasm")
mv "$out.tmp/samenstad_web_bg.wasm" "$assets/$wasm_name"
grep -q "'samenstad_web_bg.wasm'" "$out.tmp/samenstad_web.js"
sed -i "s|'samenstad_web_bg.wasm'|'$wasm_name'|" "$out.tmp/samenstad_web.js"
js_name=$(hashed "$out.tmp/samenstad_web.js")
mv "$out.tmp/samenstad_web.js" "$assets/$js_name"
sed "s|/samenstad_web.js|/assets/$js_name|" frontend/static/boot.js > "$out.tmp/boot.js"
boot_name=$(hashed "$out.tmp/boot.js")
mv "$out.tmp/boot.js" "$assets/$boot_name"
css_name=$(hashed frontend/static/styles.css)
cp frontend/static/styles.css "$assets/$css_name"
sed -e "s|\"/styles.css\"|\"/assets/$css_name\"|" -e "s|\"/samenstad_web.js\"|\"/assets/$js_name\"|" \
  -e "s|\"/samenstad_web_bg.wasm\"|\"/assets/$wasm_name\"|" -e "s|\"/boot.js\"|\"/assets/$boot_name\"|" \
  frontend/static/index.html > "$out.tmp/index.html"
for name in "$wasm_name" "$js_name" "$boot_name" "$css_name"; do
  grep -q "$name" "$out.tmp/index.html" || { echo "index.html does not reference $name" >&2; exit 1; }
done
if [ -d "$out.tmp/snippets" ]; then echo "wasm-bindgen snippets are not handled by this script" >&2; exit 1; fi
for f in "$assets"/*; do
  gzip -9 -k -n "$f"
  if [ "$mode" = release ] && command -v brotli >/dev/null; then brotli -q 11 -k "$f"; fi
done
rm -rf "$out" && mv "$out.tmp" "$out"
raw=$(stat -c %s "$out/assets/$wasm_name")
gz=$(stat -c %s "$out/assets/$wasm_name.gz")
br=$(stat -c %s "$out/assets/$wasm_name.br" 2>/dev/null || echo "n/a")
echo "web app built in $out ($mode): $wasm_name $raw bytes, $gz gzip -9, $br brotli -q 11"
