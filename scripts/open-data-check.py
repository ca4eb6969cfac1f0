#!/usr/bin/env python3
"""Reads every open-data format of a running server back with third-party parsers.

- the DCAT-AP catalogue (JSON-LD) against the official DCAT-AP 3.0.0 SHACL shapes with pySHACL
  (RDFS inference), and its Turtle form (`Accept: text/turtle`) by rdflib: the same graph;
- every distribution the catalogue lists: CSV by Python's csv reader (the header must be the
  one the OpenAPI document shows), GeoJSON by `geojson` and shapely (valid, RFC 7946 ring
  orientation: exterior rings counter-clockwise, holes clockwise), iCalendar by `icalendar`,
  Atom by `feedparser` (no errors), JSON Feed by
  `jsonfeed-util`, JSON by json;
- the advice deadlines and every room's calendar (iCalendar), and every closed vote's Pabulib
  `.pb` by pabutools.

Usage: python scripts/open-data-check.py BASE_URL   (with .venv's python; see scripts/setup.sh)
Exits 1 and names each problem when anything does not read.
"""

import csv
import io
import json
import sys
import tempfile
import urllib.request
from pathlib import Path

import feedparser
import geojson
import icalendar
import jsonfeed
from pyshacl import validate
from rdflib import Graph
from rdflib.compare import isomorphic
from shapely.geometry import shape

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ROOT / "scripts/data/dcat-ap-3.0.0-SHACL.ttl"
problems = []
counts = {}


def fetch(url, accept=None):
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers.get("Content-Type", ""), response.read()


def problem(where, what):
    problems.append(f"{where}: {what}")


def count(kind):
    counts[kind] = counts.get(kind, 0) + 1


def documented_csv_headers():
    spec = json.loads((ROOT / "openapi/openapi.json").read_text())
    headers = {}
    for path, item in spec["paths"].items():
        example = (
            item.get("get", {}).get("responses", {}).get("200", {}).get("content", {})
            .get("text/csv", {}).get("example")
        )
        if isinstance(example, str):
            headers[path] = example.split("\n", 1)[0]
    return headers


def check_catalogue(base):
    url = f"{base}/api/v1/open-data"
    _, body = fetch(url)
    data = Graph().parse(data=body, format="json-ld", publicID=url)
    shapes = Graph().parse(SHAPES, format="turtle")
    conforms, _, text = validate(data, shacl_graph=shapes, inference="rdfs", allow_warnings=True)
    violations = text.count("Violation\n")
    print(f"[open-data] DCAT-AP 3.0.0 SHACL: {len(data)} triples, {violations} violations")
    if not conforms:
        problem(url, "does not conform to DCAT-AP 3.0.0:\n" + text)
    content_type, turtle = fetch(url, "text/turtle")
    if not content_type.startswith("text/turtle"):
        problem(url, f"asked for Turtle, got {content_type}")
    elif not isomorphic(Graph().parse(data=turtle, format="turtle"), data):
        problem(url, "the Turtle form is not the same graph as the JSON-LD")
    return json.loads(body)


def check_csv(url, path, text, headers):
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        return problem(url, "empty CSV (not even a header)")
    documented = headers.get(path)
    if documented is None:
        problem(url, "the OpenAPI document shows no CSV example with the header")
    elif ",".join(rows[0]) != documented:
        problem(url, f"header {rows[0]} is not the documented {documented}")
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(rows[0]):
            problem(url, f"line {n} has {len(row)} fields, the header {len(rows[0])}")
    count("CSV files")


def ring_is_ccw(ring):
    # The shoelace sum of a ring (lon, lat): positive when counter-clockwise.
    return sum(x1 * y2 - x2 * y1 for (x1, y1, *_), (x2, y2, *_) in zip(ring, ring[1:])) > 0


def check_geojson(url, text):
    collection = geojson.loads(text)
    if not collection.is_valid:
        return problem(url, f"invalid GeoJSON: {collection.errors()}")
    for feature in collection["features"]:
        geometry = feature["geometry"]
        if geometry is None:
            continue
        if not shape(geometry).is_valid:
            problem(url, f"feature {feature.get('id')}: invalid geometry")
        polygons = {"Polygon": [geometry["coordinates"]], "MultiPolygon": geometry["coordinates"]}
        for polygon in polygons.get(geometry["type"], []):
            for i, ring in enumerate(polygon):
                if ring_is_ccw(ring) != (i == 0):
                    problem(url, f"feature {feature.get('id')}: ring {i} has the wrong orientation (RFC 7946 §3.1.6)")
        count("GeoJSON features")
    count("GeoJSON files")


def check_ics(url, body):
    calendar = icalendar.Calendar.from_ical(body)
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART"):
            if required not in event:
                problem(url, f"an event without {required}")
        count("iCalendar events")
    count("iCalendar files")


def check_json_feed(url, body):
    # Released feedparser (6.0) reads no JSON Feed; jsonfeed-util parses and checks the required
    # members of JSON Feed 1.1.
    feed = jsonfeed.Feed.parse_string(body.decode())
    for item in feed.items:
        if not item.title or not item.url:
            problem(url, f"an item without title or url: {item.id}")
    count("feeds")


def check_atom(url, body):
    feed = feedparser.parse(body)
    if feed.version != "atom10":
        problem(url, f"feedparser reads {feed.version!r}, not Atom 1.0")
    if feed.bozo:
        problem(url, f"feedparser: {feed.bozo_exception}")
    for entry in feed.entries:
        if not entry.get("title") or not entry.get("link"):
            problem(url, f"an entry without title or link: {entry.get('id')}")
    count("feeds")


def check_pb(url, body):
    from pabutools.election import parse_pabulib

    with tempfile.NamedTemporaryFile(suffix=".pb") as f:
        f.write(body)
        f.flush()
        instance, profile = parse_pabulib(f.name)
    if len(instance) == 0 or len(profile) == 0:
        problem(url, f"pabutools read {len(instance)} projects and {len(profile)} ballots")
    count("Pabulib files")


def main():
    base = sys.argv[1].rstrip("/")
    headers = documented_csv_headers()
    catalogue = check_catalogue(base)
    for dataset in catalogue["dcat:dataset"]:
        for dist in dataset["dcat:distribution"]:
            url = dist["dcat:downloadURL"]["@id"]
            path = url[len(catalogue["foaf:homepage"]["@id"]):]
            content_type, body = fetch(base + path)
            media = content_type.split(";")[0]
            try:
                if media == "text/csv":
                    check_csv(url, path, body.decode(), headers)
                elif media == "application/geo+json":
                    check_geojson(url, body.decode())
                elif media == "text/calendar":
                    check_ics(url, body)
                elif media == "application/atom+xml":
                    check_atom(url, body)
                elif media == "application/feed+json":
                    check_json_feed(url, body)
                elif media == "application/json":
                    json.loads(body)
                    count("JSON files")
                else:
                    problem(url, f"unexpected media type {content_type}")
            except Exception as e:  # a parser that throws is a finding, not a crash
                problem(url, f"{type(e).__name__}: {e}")
    api = f"{base}/api/v1"
    check_ics(f"{api}/advice-requests/deadlines.ics", fetch(f"{api}/advice-requests/deadlines.ics")[1])
    rooms = list(csv.DictReader(io.StringIO(fetch(f"{api}/rooms.csv")[1].decode(), newline="")))
    for room in rooms[:10]:
        url = f"{api}/rooms/{room['id']}/calendar.ics"
        check_ics(url, fetch(url)[1])
    wijken = json.loads(fetch(f"{api}/wijken")[1])
    for wijk in wijken["items"]:
        for vote in json.loads(fetch(f"{api}/projects/votes?wijk={wijk['wijknr']}")[1]):
            if vote["state"] == "closed":
                url = f"{api}/projects/votes/{vote['id']}/election.pb"
                check_pb(url, fetch(url)[1])
    print("[open-data] read back: " + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)
    if not counts.get("Pabulib files"):
        print("no closed vote to export as .pb", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
