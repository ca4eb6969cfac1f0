#!/usr/bin/env bash
# Builds the web app into frontend/dist: cargo (wasm32) + wasm-bindgen, optional wasm-opt.
# Ten builds of one crate (samenstad_types::web): public-<area>.html for each of the eight public
# areas (home, wijken, venues, signals, ideas, wijkbudget, subsidies, civic: what a first visit of
# their pages downloads),
# resident.html (every public page and a resident's own) and index.html (every page); the server
# answers each path with its build's page. Prints each build's sizes.
# Usage: scripts/build-web.sh [release|dev]
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-release}"
target_dir="${CARGO_TARGET_DIR:-target}"
# The public builds leave out the forms of signed-in people (feature `signed-in`; the server
# serves a signed-in person the resident or full build): two cargo runs, one per feature set.
public_bins=(--bin samenstad-public-home --bin samenstad-public-wijken --bin samenstad-public-venues --bin samenstad-public-venue
  --bin samenstad-public-signals --bin samenstad-public-ideas --bin samenstad-public-idea --bin samenstad-public-wijkbudget --bin samenstad-public-projects --bin samenstad-public-subsidies
  --bin samenstad-public-civic)
signed_in_bins=(--bin samenstad-resident --bin samenstad-web --features signed-in)
if [ "$mode" = release ]; then
  profile=(--profile release-wasm)
  wasm_dir="$target_dir/wasm32-unknown-unknown/release-wasm"
else
  profile=()
  wasm_dir="$target_dir/wasm32-unknown-unknown/debug"
fi
cargo build --locked -p samenstad-web --target wasm32-unknown-unknown "${profile[@]}" "${public_bins[@]}"
cargo build --locked -p samenstad-web --target wasm32-unknown-unknown "${profile[@]}" "${signed_in_bins[@]}"
out=frontend/dist
rm -rf "$out.tmp" && mkdir -p "$out.tmp/assets"
assets="$out.tmp/assets"
hashed() { # file -> prints its name with the first 16 hex digits of its SHA-256 before the extension
  local base="${1##*/}" h
  h=$(sha256sum "$1" | cut -c1-16)
  echo "${base%.*}-$h.${base##*.}"
}
css_name=$(hashed frontend/static/styles.css)
cp frontend/static/styles.css "$assets/$css_name"
# build (cargo bin) -> page
builds=(
  "samenstad-public-home public-home.html"
  "samenstad-public-wijken public-wijken.html" "samenstad-public-venues public-venues.html"
  "samenstad-public-venue public-venue.html"
  "samenstad-public-signals public-signals.html"
  "samenstad-public-ideas public-ideas.html" "samenstad-public-idea public-idea.html"
  "samenstad-public-wijkbudget public-wijkbudget.html"
  "samenstad-public-projects public-projects.html"
  "samenstad-public-subsidies public-subsidies.html"
  "samenstad-public-civic public-civic.html"
  "samenstad-resident resident.html" "samenstad-web index.html"
)
for entry in "${builds[@]}"; do
  bin="${entry%% *}"; page="${entry#* }"; name="${bin//-/_}"
  wasm-bindgen --target web --no-typescript --out-name "$name" --out-dir "$out.tmp" "$wasm_dir/$bin.wasm"
  # wasm-opt from npm binaryen (Debian's binaryen 108 produces a wasm that breaks in browsers).
  if [ "$mode" = release ] && [ -x node_modules/.bin/wasm-opt ]; then
    node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-reference-types --enable-sign-ext "$out.tmp/${name}_bg.wasm" -o "$out.tmp/${name}_bg.wasm"
  fi
  # Hashed names under assets/ (served immutable, cached for a year); the page and its boot
  # script point at the hashed names.
  wasm_name=$(hashed "$out.tmp/${name}_bg.wasm")
  mv "$out.tmp/${name}_bg.wasm" "$assets/$wasm_name"
  grep -q "'${name}_bg.wasm'" "$out.tmp/$name.js"
  sed -i "s|'${name}_bg.wasm'|'$wasm_name'|" "$out.tmp/$name.js"
  # The glue minified (≈ 1.8 KB less of a first visit's download, brotli), once its wasm is named.
  if [ "$mode" = release ] && [ -x node_modules/.bin/terser ]; then
    node_modules/.bin/terser "$out.tmp/$name.js" --module --compress --mangle -o "$out.tmp/$name.min.js"
    mv "$out.tmp/$name.min.js" "$out.tmp/$name.js"
    grep -q "$wasm_name" "$out.tmp/$name.js"
  fi
  js_name=$(hashed "$out.tmp/$name.js")
  mv "$out.tmp/$name.js" "$assets/$js_name"
  sed -e "s|'/samenstad_web.js'|'/assets/$js_name'|" -e "s|'/samenstad_web_bg.wasm'|'/assets/$wasm_name'|" \
    frontend/static/boot.js > "$out.tmp/boot-$name.js"
  for f in "$js_name" "$wasm_name"; do
    grep -q "/assets/$f" "$out.tmp/boot-$name.js" || { echo "boot script does not load $f" >&2; exit 1; }
  done
  boot_name=$(hashed "$out.tmp/boot-$name.js")
  mv "$out.tmp/boot-$name.js" "$assets/$boot_name"
  sed -e "s|\"/styles.css\"|\"/assets/$css_name\"|" -e "s|\"/samenstad_web.js\"|\"/assets/$js_name\"|" \
    -e "s|\"/samenstad_web_bg.wasm\"|\"/assets/$wasm_name\"|" -e "s|\"/boot.js\"|\"/assets/$boot_name\"|" \
    frontend/static/index.html > "$out.tmp/$page"
  for f in "$wasm_name" "$js_name" "$boot_name" "$css_name"; do
    grep -q "$f" "$out.tmp/$page" || { echo "$page does not reference $f" >&2; exit 1; }
  done
done
if [ -d "$out.tmp/snippets" ]; then echo "wasm-bindgen snippets are not handled by this script" >&2; exit 1; fi
# Precompressed twins (.gz, and .br when Debian's `brotli` is installed).
for f in "$assets"/*; do
  gzip -9 -k -n "$f"
  if [ "$mode" = release ] && command -v brotli >/dev/null; then brotli -q 11 -k "$f"; fi
done
rm -rf "$out" && mv "$out.tmp" "$out"
for entry in "${builds[@]}"; do
  page="${entry#* }"
  wasm_name=$(grep -o 'assets/samenstad_[a-z_]*_bg-[0-9a-f]*\.wasm' "$out/$page" | head -1)
  raw=$(stat -c %s "$out/$wasm_name")
  gz=$(stat -c %s "$out/$wasm_name.gz")
  br=$(stat -c %s "$out/$wasm_name.br" 2>/dev/null || echo "n/a")
  echo "web app built in $out ($mode): $page ${wasm_name#assets/} $raw bytes, $gz gzip -9, $br brotli -q 11"
done
