#!/usr/bin/env python3
"""The web app's size budget: what the first visit of a public page downloads.

Reads frontend/dist (a release build of scripts/build-web.sh): for each build's page, follows
the wasm and JavaScript it loads (its boot script, the wasm-bindgen glue, the wasm) and sums
their sizes as sent (brotli, else gzip). Prints a table and how far the largest public build
is from the goal (200 KB, issue 18); fails when a public area's page — the first visit of its
pages — loads more than `budget_bytes`, when a public build is not smaller than the resident's
(which holds every public page), or when a page loads no wasm (a broken build). The budget is a
ratchet: lower it as the public builds shrink, until it is the goal. Sizes are deterministic:
this is not a timed test.

Usage: scripts/web-budget.py [budget_bytes]   (default: the ratchet)
"""
import os
import re
import sys

DIST = os.path.join(os.path.dirname(__file__), "..", "frontend", "dist")
GOAL = 200_000
# The budget is the goal: 200 KB (the largest public build sent 199,749 bytes once the public
# pages were eleven builds). One public build sent 499,716; five builds by area at most 306,314;
# eight at most 219,100.
BUDGET = int(sys.argv[1]) if len(sys.argv) > 1 else GOAL
PUBLIC = [("public-home.html", "public: home"),
          ("public-wijken.html", "public: a wijk"),
          ("public-venues.html", "public: venue finder"),
          ("public-venue.html", "public: a venue"),
          ("public-signals.html", "public: signals"),
          ("public-ideas.html", "public: idea board"),
          ("public-idea.html", "public: an idea"),
          ("public-wijkbudget.html", "public: wijkbudget programme, proposals, panels"),
          ("public-projects.html", "public: wijkbudget projects"),
          ("public-subsidies.html", "public: subsidies and grants"),
          ("public-civic.html", "public: councils, feedback, open data")]
PAGES = PUBLIC + [("resident.html", "every public page and a resident's own"),
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
    print(f"{'page':<23} {'wasm raw':>10} {'wasm sent':>10} {'js sent':>8} {'total sent':>11}  build")
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
        print(f"{page:<23} {raw:>10,} {wasm_sent:>10,} {js_sent:>8,} {total:>11,}  {what} ({encoding})")
        if page in dict(PUBLIC):
            if encoding == "raw":
                failures.append("no compressed twins: build with scripts/build-web.sh release")
            if total > BUDGET:
                failures.append(f"the first visit of a page of {page} loads {total:,} bytes of wasm and JS, "
                                f"over the budget of {BUDGET:,}")
    public = {page: totals[page] for page, _ in PUBLIC if page in totals}
    if public and "resident.html" in totals:
        largest = max(public.values())
        resident = totals["resident.html"]
        print(f"the first visit of a public page sends at most {largest:,} bytes "
              f"({100 * largest / resident:.0f} % of the build with every public page, {resident:,}); "
              f"goal {GOAL:,}: {'met' if largest <= GOAL else 'not met'}")
        for page, total in public.items():
            if total >= resident:
                failures.append(f"{page} is not smaller than the build with every public page")
    for failure in failures:
        print("FAIL: " + failure, file=sys.stderr)
    if not failures:
        print(f"budget met: a public page's first visit loads at most {BUDGET:,} bytes of wasm and JS")
    sys.exit(1 if failures else 0)


main()
