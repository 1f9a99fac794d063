"""GET /api/v1/insights/indicators, /timeline/{member_id}, /coaches/{member_id}/effectiveness."""

from __future__ import annotations

import pytest

from salescoach.coaching.models import CoachingRelationship
from salescoach.organisations.models import Role
from tests.conftest import People
from tests.factories import MembershipFactory
from tests.insights.test_api import api_client
from tests.insights.world import add_coaching_activity, build_world, first_of

pytestmark = pytest.mark.django_db


def period_of(world) -> str:  # type: ignore[no-untyped-def]
    last = first_of(world.first_month + world.months - 1)
    return f"{last.year}-{last.month:02d}"


def test_team_indicators_and_who_may_ask(people: People, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    world = build_world(organisation=people.org, team=people.team, n_sellers=12, months=12)
    add_coaching_activity(world)
    client = api_client(people.manager)
    with django_assert_max_num_queries(20):
        response = client.get(
            "/api/v1/insights/indicators", {"team": people.team.pk, "period": period_of(world)}
        )
    assert response.status_code == 200, response.content
    body = response.json()
    assert len(body["months"]) == 12 and body["months"][-1] == period_of(world)
    assert body["cadence_hours"] == [3.0, 5.0]
    keys = [s["indicator"] for s in body["indicators"]]
    assert "follow_through" in keys and "usefulness" not in keys
    attainment = next(s for s in body["indicators"] if s["indicator"] == "attainment")
    assert attainment["n"][-1] == 12 and attainment["values"][-1] > 0.5
    assert body["by_band"] == {}
    for member, status in {
        people.seller: 403,
        people.coach: 404,
        people.other_manager: 404,
        people.outsider: 404,
        people.owner: 200,
    }.items():
        assert (
            api_client(member).get("/api/v1/insights/indicators", {"team": people.team.pk}).status_code
            == status
        )


def test_organisation_indicators_are_the_programme_owners(people: People) -> None:
    world = build_world(organisation=people.org, team=people.team, n_sellers=12, months=12)
    body = api_client(people.owner).get("/api/v1/insights/indicators", {"period": period_of(world)}).json()
    assert set(body["by_band"]) == {"top", "core", "bottom"}
    assert "usefulness" in [s["indicator"] for s in body["indicators"]]
    assert api_client(people.manager).get("/api/v1/insights/indicators").status_code == 403
    assert api_client(people.owner).get("/api/v1/insights/indicators", {"period": "soon"}).status_code == 400


def test_the_timeline_is_the_sellers_and_their_coachs(people: People, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    world = build_world(organisation=people.org, team=people.team, n_sellers=6, months=12)
    add_coaching_activity(world)
    seller = world.coached[0]
    url = f"/api/v1/insights/timeline/{seller.pk}?period={period_of(world)}"
    with django_assert_max_num_queries(18):
        response = api_client(seller).get(url)
    assert response.status_code == 200
    body = response.json()
    assert len(body["months"]) == 24
    assert sum(body["sessions"]) > 0 and set(body["results"]) == {"attainment", "win_rate", "cycle_length"}
    assert body["skills"][0]["self"] and body["skills"][0]["coach"]
    coach_view = api_client(world.coach).get(url).json()
    assert coach_view["sessions"] == body["sessions"]
    assert coach_view["results"] == {}  # no agreed indicators: no results
    for member in (people.manager, people.owner, people.colleague, people.outsider, people.coach):
        response = api_client(member).get(f"/api/v1/insights/timeline/{seller.pk}")
        assert response.status_code == 404, member


def test_coach_effectiveness_for_the_coach_and_the_programme_owner(people: People) -> None:
    world = build_world(organisation=people.org, team=people.team, n_sellers=30, months=24, effect=0.2)
    add_coaching_activity(world)
    url = f"/api/v1/insights/coaches/{world.coach.pk}/effectiveness?period={period_of(world)}"
    body = api_client(world.coach).get(url).json()
    assert body["coachees"] == 15
    attainment = body["metrics"]["attainment"]
    assert attainment["verdict"] == "effect" and attainment["ci_low"] <= 0.2 <= attainment["ci_high"]
    assert body["leading"]["coachees"]["coaching_hours"] == 2.0
    owner = api_client(people.owner).get(f"/api/v1/insights/coaches/{world.coach.pk}/effectiveness")
    assert owner.status_code == 200
    other_coach = MembershipFactory(organisation=people.org, roles=[Role.INTERNAL_COACH])
    CoachingRelationship.objects.create(
        organisation=people.org,
        coach=other_coach,
        coachee=people.seller,
        coach_kind="internal_coach",
        started_on=first_of(world.first_month),
    )
    for member in (people.manager, people.seller, other_coach, people.outsider):
        response = api_client(member).get(f"/api/v1/insights/coaches/{world.coach.pk}/effectiveness")
        assert response.status_code == 404, member
    # A coach of one seller gets no figures: they would be about that person.
    small = api_client(other_coach).get(f"/api/v1/insights/coaches/{other_coach.pk}/effectiveness").json()
    assert small["coachees"] is None and small["metrics"]["attainment"]["n_coached"] is None
