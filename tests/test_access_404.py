"""Every URL pattern and every API operation that takes an id answers 404 to a member of
another organisation -- exactly as for an id that does not exist.

New URL parameters must be added to ``object_ids`` below; the test fails on unknown ones
so that no page or endpoint can slip past the gate unnoticed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from salescoach.accounts.services import api_token_create
from salescoach.api.api import api
from salescoach.craft.intake import ITEM_KEYS
from salescoach.evaluations.models import EvaluationCycle
from salescoach.imports.models import ImportJob
from salescoach.organisations.models import Invitation
from salescoach.organisations.services import build_invitation
from salescoach.results.models import ColumnMapping, ExchangeRate, FunnelStage, Opportunity, StageAlias
from salescoach.results.services import funnel_ensure
from tests.conftest import People

# Parameters that name the organisation or a non-object (handled by the slug check).
NON_OBJECT_PARAMS = {"org_slug", "kind", "token", "uidb64", "slug"}


def object_ids(people: People) -> dict[str, Callable[[], Any]]:
    """For each URL parameter, an object of the victim organisation (people.org)."""

    def invitation_id() -> int:
        invitation = build_invitation(people.colleague, people.owner)
        invitation.save()
        return invitation.pk

    def job_id() -> int:
        return ImportJob.objects.create(
            organisation=people.org, created_by=people.owner, kind="members", filename="x.csv"
        ).pk

    def token_id() -> int:
        token, _ = api_token_create(user=people.seller.user, name="victim")
        return token.pk

    def intake_id() -> int:
        from salescoach.craft.services import intake_submit
        from salescoach.organisations.models import Role
        from tests.factories import MembershipFactory

        consultant = MembershipFactory(organisation=people.org, roles=[Role.NON_SALES], team=people.team)
        return intake_submit(actor=consultant, answers=dict.fromkeys(ITEM_KEYS, 3)).pk

    coaching_objects: dict[str, int] = {}

    def coaching(name: str) -> Callable[[], int]:
        def get() -> int:
            if not coaching_objects:
                coaching_objects.update(victim_coaching_objects(people))
            return coaching_objects[name]

        return get

    def cycle_id() -> int:
        from tests.evaluations.helpers import make_cycle

        return make_cycle(people.owner, name=f"Victim cycle {EvaluationCycle.objects.count()}").pk

    def evaluation_id() -> int:
        from tests.evaluations.helpers import make_cycle, make_evaluation

        cycle = make_cycle(people.owner, name=f"Victim cycle {EvaluationCycle.objects.count()}")
        return make_evaluation(people.manager, people.seller, cycle).pk

    def run_id() -> int:
        from tests.surveys.helpers import grow_team, start_run

        grow_team(people.team, people.org.min_group_size)
        return start_run(people.manager, team=people.team).pk

    def template_id() -> int:
        from salescoach.surveys.services import template_create

        return template_create(
            actor=people.owner, name="Victim template", questions=[{"kind": "likert", "text": "Fine?"}]
        ).pk

    erasures: list[int] = []

    def erasure_id() -> int:
        from salescoach.privacy.erasure import erasure_request

        if not erasures:  # one pending request per member
            erasures.append(erasure_request(actor=people.colleague, member_id=people.colleague.pk).pk)
        return erasures[0]

    def results_stage() -> FunnelStage:
        return funnel_ensure(organisation_id=people.org.pk)[0]

    def opportunity_id() -> int:
        return Opportunity.objects.get_or_create(
            organisation=people.org,
            crm_id="VICTIM-1",
            defaults={
                "name": "Victim deal",
                "owner": people.seller,
                "stage": results_stage(),
                "crm_stage": "Prospecting",
                "status": "open",
                "close_date": date(2026, 3, 31),
            },
        )[0].pk

    def alias_id() -> int:
        return StageAlias.objects.filter(organisation=people.org).first().pk if results_stage() else 0

    def rate_id() -> int:
        return ExchangeRate.objects.get_or_create(
            organisation=people.org, currency="USD", defaults={"rate": 1}
        )[0].pk

    def mapping_id() -> int:
        return ColumnMapping.objects.get_or_create(
            organisation=people.org, kind="opportunities", signature="x"
        )[0].pk

    programmes: list[int] = []

    def programme_id() -> int:
        from tests.programmes.helpers import make_programme

        if not programmes:  # one programme per team
            programmes.append(make_programme(people, ["manager"]).pk)
        return programmes[0]

    return {
        "programme_id": programme_id,
        "intake_id": intake_id,
        "relationship_id": coaching("relationship"),
        "agreement_id": coaching("agreement"),
        "session_id": coaching("session"),
        "note_id": coaching("note"),
        "item_id": coaching("plan_item"),
        "proposal_id": coaching("proposal"),
        "commitment_id": coaching("commitment"),
        "question_id": coaching("question"),
        "team_id": lambda: people.team.pk,
        "member_id": lambda: people.seller.pk,
        "invitation_id": invitation_id,
        "job_id": job_id,
        "token_id": token_id,
        "opportunity_id": opportunity_id,
        "stage_id": lambda: results_stage().pk,
        "alias_id": alias_id,
        "rate_id": rate_id,
        "mapping_id": mapping_id,
        "cycle_id": cycle_id,
        "evaluation_id": evaluation_id,
        "run_id": run_id,
        "template_id": template_id,
        "erasure_id": erasure_id,
    }


def victim_coaching_objects(people: People) -> dict[str, int]:
    """One of each coaching object in the victim organisation (a ride-along session,
    so that its observation exists too)."""
    from datetime import timedelta

    from django.utils import timezone

    from salescoach.coaching import services as coaching

    relationship = coaching.relationship_create(
        actor=people.owner, coach_id=people.coach.pk, coachee_id=people.seller.pk
    )
    agreement = coaching.agreement_propose(
        actor=people.coach,
        relationship=relationship,
        result_to_reach="r",
        manager_role="m",
        coach_role="c",
        review_on=timezone.localdate() + timedelta(days=30),
    )
    starts = timezone.now() + timedelta(days=3)
    session = coaching.session_plan(
        actor=people.coach,
        relationship=relationship,
        kind="ride_along",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    note = coaching.note_create(actor=people.seller, relationship=relationship, text="n")
    item = coaching.plan_item_create(
        actor=people.seller, relationship=relationship, layer="pitfall", text="p"
    )
    proposal = coaching.proposal_create(
        actor=people.coach, relationship=relationship, kind="plan_item", layer="choice", text="c"
    )
    commitment = coaching.commitment_create(
        actor=people.seller, relationship=relationship, text="d", due_on=timezone.localdate()
    )
    question = coaching.custom_question_add(
        actor=people.coach, framework="grow", stage="goal", text="Wat wil je?", language="nl"
    )
    return {
        "relationship": relationship.pk,
        "agreement": agreement.pk,
        "session": session.pk,
        "note": note.pk,
        "plan_item": item.pk,
        "proposal": proposal.pk,
        "commitment": commitment.pk,
        "question": question.pk,
    }


def walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def fill(route: str, values: dict[str, Any]) -> str:
    path = PARAM.sub(lambda m: str(values[m.group("name")]), route)
    return "/" + path.lstrip("^").rstrip("$")


def page_routes() -> list[str]:
    routes = []
    for route, _pattern in walk(get_resolver().url_patterns):
        if route.startswith(("admin/", "api/v1/")):
            continue
        names = {m.group("name") for m in PARAM.finditer(route)}
        if names - NON_OBJECT_PARAMS:
            routes.append(route)
    return sorted(set(routes))


@pytest.mark.django_db
def test_every_page_with_an_id_answers_404_to_another_organisation(people: People, client_for) -> None:
    ids = object_ids(people)
    routes = page_routes()
    assert len(routes) >= 10, routes
    outsider = client_for(people.outsider)
    checked = 0
    for route in routes:
        names = {m.group("name") for m in PARAM.finditer(route)}
        unknown = names - NON_OBJECT_PARAMS - ids.keys()
        assert not unknown, f"{route}: add {unknown} to object_ids() so the gate is tested"
        values = {name: ids[name]() for name in names if name in ids}
        # The outsider in their own organisation, asking for the victim's objects...
        values["org_slug"] = people.outsider_org.slug
        values["kind"] = "members"
        answers = {
            method: getattr(outsider, method)(fill(route, values)).status_code for method in ("get", "post")
        }
        # A method the view does not take may answer 405 (before any object is looked up);
        # every method it does take must answer 404.
        assert set(answers.values()) <= {404, 405} and 404 in answers.values(), (
            f"{fill(route, values)}: {answers}"
        )
        # ...and in the victim's organisation, which they do not belong to.
        values["org_slug"] = people.org.slug
        answers = {
            method: getattr(outsider, method)(fill(route, values)).status_code for method in ("get", "post")
        }
        assert set(answers.values()) <= {404, 405} and 404 in answers.values(), (
            f"{fill(route, values)}: {answers}"
        )
        checked += 1
    assert checked == len(routes)


@pytest.mark.django_db
def test_every_org_page_answers_404_outside_ones_organisations(people: People, client_for) -> None:
    outsider = client_for(people.outsider)
    for route, _pattern in walk(get_resolver().url_patterns):
        if not route.startswith("o/<slug:org_slug>/"):
            continue
        names = {m.group("name") for m in PARAM.finditer(route)}
        values: dict[str, Any] = dict.fromkeys(names, 1)
        values["org_slug"] = people.org.slug
        values["kind"] = "members"
        response = outsider.get(fill(route, values))
        assert response.status_code == 404, route


def api_operations() -> list[tuple[str, str]]:
    """Every operation in the published OpenAPI schema, as (method, path below /api/v1)."""
    schema = api.get_openapi_schema(path_prefix="")
    return [(method.upper(), path) for path, methods in schema["paths"].items() for method in methods]


@pytest.mark.django_db
def test_every_api_operation_with_an_id_answers_404_to_another_organisation(people: People) -> None:
    ids = object_ids(people)
    _, raw = api_token_create(user=people.outsider.user, name="outsider")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    operations = [(m, p) for m, p in api_operations() if "{" in p]
    assert len(operations) >= 8, operations
    for method, path in operations:
        names = set(re.findall(r"{(\w+)}", path))
        unknown = names - NON_OBJECT_PARAMS - ids.keys()
        assert not unknown, f"{method} {path}: add {unknown} to object_ids() so the gate is tested"
        url = "/api/v1" + re.sub(
            r"{(\w+)}", lambda m: str(ids[m.group(1)]() if m.group(1) in ids else people.org.slug), path
        )
        response = client.generic(method, url, data="{}", content_type="application/json")
        assert response.status_code == 404, (
            f"{method} {url}: {response.status_code} {response.content[:200]!r}"
        )
        assert response.json() == {"detail": "Not Found"} or response.json()["detail"]


@pytest.mark.django_db
def test_a_missing_id_and_a_foreign_id_answer_alike(people: People, client_for) -> None:
    outsider = client_for(people.outsider)
    slug = people.outsider_org.slug
    foreign = outsider.get(f"/o/{slug}/teams/{people.team.pk}/")
    missing = outsider.get(f"/o/{slug}/teams/999999/")
    assert foreign.status_code == missing.status_code == 404

    def normalised(content: bytes, object_id: object) -> bytes:
        # Identical apart from the requested address (the language switch returns there)
        # and the per-response CSRF token.
        text = content.replace(f"/teams/{object_id}/".encode(), b"/teams/ID/")
        return re.sub(rb"[A-Za-z0-9]{64}", b"TOKEN", text)

    assert normalised(foreign.content, people.team.pk) == normalised(missing.content, 999999)
    assert not Invitation.objects.filter(membership__organisation=people.outsider_org).exists()


def test_the_insights_pages_and_operations_with_ids_are_in_the_sweep() -> None:
    """The gate of Insights (access_team_insights, access_timeline_member,
    access_effectiveness_coach) is proved by the sweeps above: its routes must be there."""
    routes = page_routes()
    for route in (
        "o/<slug:org_slug>/insights/teams/<int:team_id>/",
        "o/<slug:org_slug>/insights/teams/<int:team_id>/export.csv",
        "o/<slug:org_slug>/insights/teams/<int:team_id>/report.pdf",
        "o/<slug:org_slug>/insights/timeline/<int:member_id>/",
        "o/<slug:org_slug>/insights/coaches/<int:member_id>/",
    ):
        assert route in routes, route
    operations = api_operations()
    assert ("GET", "/insights/timeline/{member_id}") in operations
    assert ("GET", "/insights/coaches/{member_id}/effectiveness") in operations
