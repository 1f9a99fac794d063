"""Ids in query parameters and form fields answer like ids in the path: an object of
another organisation is "not found" (404), exactly like a missing one, and the attempt is
on the audit record -- never silently used, never an empty list that confirms it exists.

The API's query parameters come from the published OpenAPI schema and the pages' from the
views' source; both must be classified below, so that a new one cannot slip past the gate.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from salescoach.accounts.services import api_token_create
from salescoach.api.api import api
from salescoach.coaching import services as coaching
from salescoach.privacy.models import AuditEntry, AuditOutcome
from tests.conftest import People, login
from tests.test_access_404 import victim_coaching_objects

pytestmark = pytest.mark.django_db

# API query parameters that name an object of the organisation -> the object to forge.
API_OBJECT_PARAMS = {"relationship", "team", "member", "cycle", "seller", "template", "owner", "stage"}
# ...and those that do not (paging, filters by value, free text).
API_OTHER_PARAMS = {
    "limit",
    "offset",
    "upcoming",
    "open",
    "overdue",
    "language",
    "metric",
    "action",
    "outcome",
    "role",
    "status",
    "q",
    "closes_from",
    "closes_until",
    "period",
}
# Request parameters the pages read (request.GET / request.POST / source) that name an object.
PAGE_OBJECT_PARAMS = {"session", "plan_item", "commitment", "team", "member", "item_id"}
PAGE_OTHER_PARAMS = {
    "action",
    "commitments",
    "decision",
    "framework",
    "keep_own",
    "kind",
    "language",
    "layer",
    "next",
    "notes",
    "organisation",
    "page",
    "question",
    "seller_comment",
    "text",
    "visibility",
    "direction",
    "period",
    "models",  # coaching models from the advisor (a fixed list of names)
    "cadence",  # coaching hours from the advisor
    "weekly",  # the digest switch
}

SOURCE = Path(__file__).resolve().parent.parent / "salescoach"
READ = re.compile(r"(?:request\.(?:GET|POST)|source)(?:\.get|\.getlist)?[\(\[]\"([a-z_]+)\"")


def victim_ids(people: People) -> dict[str, int]:
    from tests.evaluations.helpers import make_cycle
    from tests.surveys.helpers import builtin

    objects = victim_coaching_objects(people)
    return {
        "relationship": objects["relationship"],
        "session": objects["session"],
        "plan_item": objects["plan_item"],
        "commitment": objects["commitment"],
        "note": objects["note"],
        "team": people.team.pk,
        "member": people.seller.pk,
        "seller": people.seller.pk,
        "owner": people.seller.pk,
        "stage": _victim_stage(people),
        "cycle": make_cycle(people.owner, name="Victim cycle").pk,
        "template": _victim_template(people),
        "item_id": objects["note"],
    } | {"_builtin": builtin().pk}


def _victim_stage(people: People) -> int:
    from salescoach.results.services import funnel_ensure

    return funnel_ensure(organisation_id=people.org.pk)[0].pk


def _victim_template(people: People) -> int:
    from salescoach.surveys.services import template_create

    return template_create(
        actor=people.owner, name="Victim template", questions=[{"kind": "likert", "text": "Fine?"}]
    ).pk


def test_every_api_query_parameter_is_classified() -> None:
    schema = api.get_openapi_schema(path_prefix="")
    found = {
        p["name"]
        for methods in schema["paths"].values()
        for op in methods.values()
        for p in op.get("parameters", [])
        if p.get("in") == "query"
    }
    unknown = found - API_OBJECT_PARAMS - API_OTHER_PARAMS
    assert not unknown, f"classify these query parameters in {__file__}: {unknown}"


def test_every_page_request_parameter_is_classified() -> None:
    found = {name for path in SOURCE.rglob("views.py") for name in READ.findall(path.read_text())}
    unknown = found - PAGE_OBJECT_PARAMS - PAGE_OTHER_PARAMS
    assert not unknown, f"classify these request parameters in {__file__}: {unknown}"
    assert found | {"member"} >= PAGE_OBJECT_PARAMS


def test_an_id_of_another_organisation_in_an_api_query_answers_404(people: People) -> None:
    ids = victim_ids(people)
    _, raw = api_token_create(user=people.outsider.user, name="outsider")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    schema = api.get_openapi_schema(path_prefix="")
    checked = 0
    for path, methods in schema["paths"].items():
        if "{" in path:
            continue  # path ids: tests/test_access_404.py
        for method, op in methods.items():
            for param in op.get("parameters", []):
                name = param["name"]
                if param.get("in") != "query" or name not in API_OBJECT_PARAMS:
                    continue
                url = f"/api/v1{path}?{name}={ids[name]}"
                if path == "/surveys/results" and name != "template":
                    url += f"&template={ids['_builtin']}"  # required; a built-in one everyone may use
                before = AuditEntry.objects.filter(outcome=AuditOutcome.DENIED).count()
                response = client.generic(method.upper(), url)
                # The personal export answers "only your own data" (403), as documented.
                expected = 403 if path == "/me/export" else 404
                assert response.status_code == expected, (
                    method,
                    url,
                    response.status_code,
                    response.content[:200],
                )
                assert AuditEntry.objects.filter(outcome=AuditOutcome.DENIED).count() > before, (
                    f"{method} {url}: the refusal is not on the record"
                )
                checked += 1
    assert checked >= 10, checked


def outsider_world(people: People) -> dict[str, Any]:
    """The outsider coaches their own seller, so that every page with a query parameter is
    reachable for them -- and then they put the victim's ids in it."""
    relationship = coaching.relationship_create(
        actor=people.outsider, coach_id=people.outsider.pk, coachee_id=people.outsider_seller.pk
    )
    commitment = coaching.commitment_create(
        actor=people.outsider_seller, relationship=relationship, text="own", due_on=timezone.localdate()
    )
    return {"relationship": relationship, "commitment": commitment}


def test_an_id_of_another_organisation_in_a_page_parameter_answers_404(people: People) -> None:
    ids = victim_ids(people)
    own = outsider_world(people)
    slug = people.outsider_org.slug
    rel = own["relationship"].pk
    coach, seller = Client(), Client()
    login(coach, people.outsider)
    login(seller, people.outsider_seller)
    checks = [
        (coach, "get", f"/o/{slug}/coaching/{rel}/notes/new/?session={ids['session']}", "session"),
        (coach, "get", f"/o/{slug}/coaching/{rel}/notes/new/?plan_item={ids['plan_item']}", "plan_item"),
        (coach, "get", f"/o/{slug}/coaching/{rel}/notes/new/?commitment={ids['commitment']}", "commitment"),
        (coach, "post", f"/o/{slug}/coaching/{rel}/notes/new/", "session"),
        (coach, "get", f"/o/{slug}/coaching/{rel}/proposals/new/?session={ids['session']}", "session"),
        (seller, "get", f"/o/{slug}/coaching/{rel}/commitments/new/?session={ids['session']}", "session"),
        (
            seller,
            "get",
            f"/o/{slug}/coaching/commitments/{own['commitment'].pk}/review/?session={ids['session']}",
            "session",
        ),
        (coach, "get", f"/o/{slug}/programmes/advisor/?team={ids['team']}", "team"),
        (seller, "post", f"/o/{slug}/privacy/sharing/stop/", "item_id"),
    ]
    covered = set()
    for client, method, url, param in checks:
        before = AuditEntry.objects.filter(outcome=AuditOutcome.DENIED).count()
        data = {}
        if method == "post":
            data = {"text": "x", "visibility": "coach_and_seller", "session": ids["session"]}
            if param == "item_id":
                data = {"kind": "note", "item_id": ids["note"]}
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (method, url, response.status_code)
        assert AuditEntry.objects.filter(outcome=AuditOutcome.DENIED).count() > before, url
        covered.add(param)
    # The export's ?member= answers "only your own data" and is on the record.
    response = coach.get(f"/privacy/export/?member={ids['member']}")
    assert response.status_code == 403
    covered.add("member")
    assert covered == PAGE_OBJECT_PARAMS
    # Nothing was made with the victim's objects.
    from salescoach.coaching.models import Note

    assert not Note.objects.filter(relationship=own["relationship"]).exists()


def test_a_forged_id_in_an_api_payload_answers_404(people: People) -> None:
    ids = victim_ids(people)
    own = outsider_world(people)
    _, raw = api_token_create(user=people.outsider.user, name="o")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    for path, payload in (
        (
            "/coaching/notes",
            {"relationship_id": own["relationship"].pk, "text": "x", "session_id": ids["session"]},
        ),
        ("/coaching/notes", {"relationship_id": ids["relationship"], "text": "x"}),
        ("/privacy/sharing/stop", {"kind": "note", "id": ids["note"]}),
        (
            "/coaching/proposals",
            {
                "relationship_id": own["relationship"].pk,
                "kind": "commitment",
                "text": "x",
                "due_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
                "session_id": ids["session"],
            },
        ),
    ):
        response = client.post(f"/api/v1{path}", json.dumps(payload), content_type="application/json")
        assert response.status_code == 404, (path, response.status_code, response.content[:200])
