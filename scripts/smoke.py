#!/usr/bin/env python3
"""Smoke checks of a running Samenstad: the reads and writes a release must keep answering.

Usage: scripts/smoke.py BASE_URL [LABEL]. Exits 1 with every failed check listed. Used by
scripts/upgrade-check.sh against the previous release's binary on the migrated database, and
against the new one.
"""
import json
import sys
import urllib.error
import urllib.request
import uuid

BASE = sys.argv[1].rstrip("/")
LABEL = sys.argv[2] if len(sys.argv) > 2 else BASE
failures = []


def call(method, path, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            raw = r.read()
            return r.status, json.loads(raw) if raw and r.headers.get_content_subtype().endswith("json") else raw
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, raw


def check(name, ok, detail=""):
    print(f"[smoke {LABEL}] {'ok  ' if ok else 'FAIL'} {name}" + ("" if ok else f": {detail}"))
    if not ok:
        failures.append(name)


status, body = call("GET", "/api/v1/health")
check("health", status == 200, status)
status, body = call("GET", "/api/v1/wijken?limit=100")
check("25 wijken", status == 200 and len(body.get("items", [])) == 25, status)
status, body = call("GET", "/api/v1/wijken/lookup?lat=51.05365&lon=3.72476")
check("the Belfort lies in Binnenstad", status == 200 and body.get("slug") == "binnenstad", body)
status, body = call("GET", "/api/v1/venues?limit=100")
check("the venue finder", status == 200 and len(body.get("items", [])) >= 26, status)
status, body = call("GET", "/api/v1/projects/ideas?limit=5")
check("the ideas", status == 200, status)
status, body = call("GET", "/api/v1/subsidies/schemes")
check("the subsidy schemes", status == 200, status)
email = f"smoke-{uuid.uuid4().hex[:12]}@example.org"
status, body = call("POST", "/api/v1/auth/register", {
    "email": email, "password": "een lange zin als wachtwoord",
    "display_name": "Smoke", "preferred_language": "nl"})
check("register", status == 201, (status, body))
status, body = call("POST", "/api/v1/auth/login", {"email": email, "password": "verkeerd wachtwoord!"})
check("a wrong password is refused", status == 401, (status, body))
status, body = call("POST", "/api/v1/projects/ideas", {"title": "Smoke", "body": "Geen token."})
check("an idea without a session is refused", status == 401, (status, body))
if failures:
    print(f"[smoke {LABEL}] {len(failures)} failed: {', '.join(failures)}")
    sys.exit(1)
print(f"[smoke {LABEL}] all passed")
