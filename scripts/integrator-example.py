"""What a third party does with a Python client generated from openapi/openapi.json by
openapi-python-client (scripts/contract.sh generates it into target/python/samenstad_client):
list the wijken, find the wijk of a point, search venues, and read the awarded grants after an
organisation applied and programme staff approved. Every answer is checked.

Environment: SAMENSTAD_API (server base URL), SAMENSTAD_E2E_ADMIN_EMAIL/_PASSWORD (programme
staff), SAMENSTAD_RESIDENT_EMAIL/_PASSWORD (a verified resident).
"""

import datetime
import os

from samenstad_client import AuthenticatedClient, Client
from samenstad_client.api.auth import login
from samenstad_client.api.organisations import create_organisation
from samenstad_client.api.subsidies import (
    awards,
    create_application,
    decide,
    submit_application,
)
from samenstad_client.api.venues import list_venues
from samenstad_client.api.wijken import list_wijken, lookup_wijk
from samenstad_client.models import (
    Application,
    Award,
    CreateOrganisation,
    DecisionInput,
    DecisionOutcome,
    LoginRequest,
    NewApplication,
    OrganisationKind,
    Problem,
    Session,
    VenuePage,
    Wijk,
    WijkPage,
)

base = os.environ["SAMENSTAD_API"]
anonymous = Client(base_url=base, raise_on_unexpected_status=True)


def session(email: str, password: str) -> AuthenticatedClient:
    answer = login.sync(client=anonymous, body=LoginRequest(email=email, password=password))
    assert isinstance(answer, Session), answer
    return AuthenticatedClient(base_url=base, token=answer.access_token, raise_on_unexpected_status=True)


# The 25 wijken, in order, with the attribution Stad Gent asks for.
page = list_wijken.sync(client=anonymous)
assert isinstance(page, WijkPage), page
assert len(page.items) == 25 and page.items[0].wijknr == 1, [w.wijknr for w in page.items]
assert "Stad Gent" in page.attribution

# The Korenmarkt lies in the Binnenstad; Brussels lies in no wijk of Gent.
korenmarkt = lookup_wijk.sync(client=anonymous, lat=51.0546, lon=3.7215)
assert isinstance(korenmarkt, Wijk) and korenmarkt.name == "Binnenstad", korenmarkt
brussels = lookup_wijk.sync(client=anonymous, lat=50.8467, lon=4.3525)
assert isinstance(brussels, Problem) and brussels.status == 404, brussels

# Venues within a kilometre of the Korenmarkt, nearest first.
venues = list_venues.sync(client=anonymous, near="51.0546,3.7215", radius_m=1000)
assert isinstance(venues, VenuePage) and venues.items, venues
distances = [v.distance_m for v in venues.items]
assert distances == sorted(distances) and distances[-1] <= 1000, distances

# An organisation applies for a €300 flat grant of Samen aan Zet; programme staff approve it.
resident = session(os.environ["SAMENSTAD_RESIDENT_EMAIL"], os.environ["SAMENSTAD_RESIDENT_PASSWORD"])
org = create_organisation.sync(
    client=resident, body=CreateOrganisation(name="Vzw Integratie", kind=OrganisationKind.VZW, wijknr=9)
)
assert not isinstance(org, Problem), org
start = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
draft = NewApplication.from_dict(
    {
        "scheme": "samen-aan-zet",
        "category": "forfait",
        "organisation_id": org.id,
        "title": "Buurtsoep op het plein",
        "description": "Elke maand soep en een babbel voor de hele buurt.",
        "themes": ["ontmoeten"],
        "scope": "wijk",
        "wijken": [9],
        "target_groups": ["iedereen"],
        "starts_on": start,
        "ends_on": start,
        "location": "Rabotplein",
        "requested_cents": 30000,
        "coaching": False,
        "budget_lines": [
            {"kind": "materials", "description": "Ketels", "amount_cents": 24000},
            {"kind": "catering", "description": "Groenten", "amount_cents": 6000},
        ],
    }
)
application = create_application.sync(client=resident, body=draft)
assert isinstance(application, Application) and application.problems == [], application
submitted = submit_application.sync(application.id, client=resident)
assert isinstance(submitted, Application) and submitted.status == "submitted", submitted
staff = session(os.environ["SAMENSTAD_E2E_ADMIN_EMAIL"], os.environ["SAMENSTAD_E2E_ADMIN_PASSWORD"])
decided = decide.sync(
    application.id,
    client=staff,
    body=DecisionInput(outcome=DecisionOutcome.APPROVE, reason="Past in Samen aan Zet."),
)
assert isinstance(decided, Application) and decided.decided_cents == 30000, decided

# Anyone reads the awarded grants of this year.
granted = awards.sync(client=anonymous, year=datetime.date.today().year)
assert isinstance(granted, list), granted
ours = [a for a in granted if isinstance(a, Award) and a.id == application.id]
assert ours and ours[0].organisation == "Vzw Integratie" and ours[0].amount_cents == 30000, granted

print(
    f"[integrator] {len(page.items)} wijken; Korenmarkt → {korenmarkt.name}; "
    f"{len(venues.items)} venues within 1 km; {len(granted)} grant(s) this year"
)
