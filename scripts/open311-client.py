"""Open311 GeoReport v2 through a third-party client: `georeport` from PyPI (it reads; the
standard's POST is form-encoded, sent with `requests`, which georeport itself uses).
Run by scripts/contract.sh against the real server with an API client's secret:
  SAMENSTAD_API_ROOT=http://127.0.0.1:8091 OPEN311_API_KEY=… python scripts/open311-client.py
"""

import os
import sys

import requests
from georeport import GeoReport

root = os.environ["SAMENSTAD_API_ROOT"].rstrip("/") + "/open311/v2"
key = os.environ["OPEN311_API_KEY"]


def as_list(value):
    """xmltodict gives one element as a dict and several as a list."""
    return value if isinstance(value, list) else [value]


def check(condition, message):
    if not condition:
        sys.exit(f"open311 client: {message}")


# Post a request as an app would, once in each format.
ids = []
for fmt in ("json", "xml"):
    posted = requests.post(
        f"{root}/requests.{fmt}",
        data={
            "api_key": key,
            "jurisdiction_id": "stad.gent",
            "service_code": "litter",
            "lat": "51.0625",
            "long": "3.7125",
            "description": "Sluikstort naast de glasbol aan het Rabotplein.",
            "first_name": "An",
            "email": "an@example.org",
        },
        timeout=10,
    )
    check(posted.status_code == 201, f"POST requests.{fmt}: {posted.status_code} {posted.text}")
    if fmt == "json":
        ids.append(posted.json()[0]["service_request_id"])
    else:
        check("<service_request_id>" in posted.text, f"POST requests.xml: {posted.text}")

for fmt in ("json", "xml"):
    client = GeoReport(root, jurisdiction="stad.gent", output_format=fmt)
    services = as_list(client.get_service_list())
    codes = [s["service_code"] for s in services]
    check("litter" in codes and len(codes) >= 8, f"{fmt} services: {codes}")
    definition = client.get_service_definition("litter")
    check(definition["service_code"] == "litter", f"{fmt} definition: {definition}")
    listed = as_list(client.get_service_requests(service_code="litter", status="open"))
    listed_ids = [r["service_request_id"] for r in listed]
    check(ids[0] in listed_ids and len(listed) >= 2, f"{fmt} requests: {listed_ids}")
    one = client.get_service_request(ids[0])
    check(one["service_request_id"] == ids[0], f"{fmt} request: {one}")
    check(one["status"] == "open" and one["service_code"] == "litter", f"{fmt} request: {one}")
    check("+0" in one["requested_datetime"], f"{fmt} time without zone: {one['requested_datetime']}")
    try:
        client.get_service_request("not-a-request")
        check(False, f"{fmt}: an unknown request was found")
    except requests.HTTPError as e:
        check(e.response.status_code == 404, f"{fmt} unknown request: {e.response.status_code}")

bad = requests.post(f"{root}/requests.json", data={"api_key": "wrong", "service_code": "litter"}, timeout=10)
check(bad.status_code == 403 and bad.json()[0]["code"] == 403, f"a wrong api_key: {bad.status_code} {bad.text}")
print(f"open311 client: georeport read {len(codes)} services and request {ids[0]} in JSON and XML")
