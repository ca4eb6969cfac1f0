#!/usr/bin/env python3
"""The web app's size budget: what the first visit of a public page downloads.

Reads frontend/dist (a release build of scripts/build-web.sh): for each build's page, follows
the wasm and JavaScript it loads (its boot script, the wasm-bindgen glue, the wasm) and sums
their sizes as sent (brotli, else gzip). Prints a table and how far the public build is from
the goal (200 KB, issue 18); fails when the public build's page — every public page's first
visit — loads more than `budget_bytes`, when the public build is not smaller than the build
with every page, or when a page loads no wasm (a broken build). The budget is a ratchet: lower
it as the public build shrinks, until it is the goal. Sizes are deterministic: this is not a
timed test.

Usage: scripts/web-budget.py [budget_bytes]   (default: the ratchet, 580,000)
"""
import os
import re
import sys

DIST = os.path.join(os.path.dirname(__file__), "..", "frontend", "dist")
GOAL = 200_000
# The ratchet: what the public build sent once the web app used the browser's fetch instead of
# reqwest (496,011 bytes; 568,638 when the split landed), rounded up.
BUDGET = int(sys.argv[1]) if len(sys.argv) > 1 else 500_000
PAGES = [("public.html", "public pages (first visit)"),
         ("resident.html", "a resident's pages"),
         ("index.html", "every page (staff, administration)")]
REF = re.compile(r"/?assets/[A-Za-z0-9_.-]+\.(?:js|wasm)|'([A-Za-z0-9_.-]+\.wasm)'")


def loaded(name, seen):
    """The assets `name` (a page or a script) loads, itself excluded, depth first."""
    text = open(os.path.join(DIST, name), encoding="utf-8").read()
    for match in REF.finditer(text):
        ref = match.group(0).strip("'").lstrip("/")
        ref = ref if ref.startswith("assets/") else "assets/" + ref
        if ref in seen:
            continue
        seen.append(ref)
        if ref.endswith(".js"):
            loaded(ref, seen)
    return seen


def sent(asset):
    path = os.path.join(DIST, asset)
    for twin in (".br", ".gz"):
        if os.path.exists(path + twin):
            return os.path.getsize(path + twin), twin[1:]
    return os.path.getsize(path), "raw"


def main():
    failures = []
    totals = {}
    print(f"{'page':<15} {'wasm raw':>10} {'wasm sent':>10} {'js sent':>8} {'total sent':>11}  build")
    for page, what in PAGES:
        if not os.path.exists(os.path.join(DIST, page)):
            failures.append(f"{page} is missing: run scripts/build-web.sh release")
            continue
        assets = loaded(page, [])
        wasm = [a for a in assets if a.endswith(".wasm")]
        if len(wasm) != 1:
            failures.append(f"{page} loads {len(wasm)} wasm files, not one: {assets}")
            continue
        raw = os.path.getsize(os.path.join(DIST, wasm[0]))
        wasm_sent, encoding = sent(wasm[0])
        js_sent = sum(sent(a)[0] for a in assets if a.endswith(".js"))
        total = wasm_sent + js_sent
        totals[page] = total
        print(f"{page:<15} {raw:>10,} {wasm_sent:>10,} {js_sent:>8,} {total:>11,}  {what} ({encoding})")
        if page == "public.html":
            if encoding == "raw":
                failures.append("no compressed twins: build with scripts/build-web.sh release")
            if total > BUDGET:
                failures.append(f"a public page's first visit loads {total:,} bytes of wasm and JS, "
                                f"over the budget of {BUDGET:,}")
    if "public.html" in totals and "index.html" in totals:
        public, full = totals["public.html"], totals["index.html"]
        print(f"the first visit of a public page sends {public:,} bytes: {100 * public / full:.0f} % of the build "
              f"with every page; goal {GOAL:,}: {'met' if public <= GOAL else 'not met'}")
        if public >= full:
            failures.append("the public build is not smaller than the build with every page")
    for failure in failures:
        print("FAIL: " + failure, file=sys.stderr)
    if not failures:
        print(f"budget met: a public page's first visit loads at most {BUDGET:,} bytes of wasm and JS")
    sys.exit(1 if failures else 0)


main()
