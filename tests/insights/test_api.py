"""GET /api/v1/insights/impact: the contract shape and who may ask."""

from __future__ import annotations

import pytest
from django.test import Client

from salescoach.accounts.services import api_token_create
from salescoach.insights import selectors
from salescoach.insights.stats.panel import build_panel
from salescoach.insights.stats.synthetic import Scenario, generate, to_records
from salescoach.organisations.models import Membership, Role
from tests.conftest import People
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

FIELDS = {"metric", "estimate", "ci_low", "ci_high", "confidence", "n_coached", "n_comparison", "verdict"}


def api_client(member: Membership) -> Client:
    _, raw = api_token_create(user=member.user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en")


def impact(member: Membership, team_id: object, metric: str = "attainment"):  # type: ignore[no-untyped-def]
    return api_client(member).get("/api/v1/insights/impact", {"team": team_id, "metric": metric})


def assert_contract(body: dict, metric: str) -> None:
    assert set(body) == FIELDS | {"by_band"}
    assert set(body["by_band"]) == {"top", "core", "bottom"}
    for part in (body, *body["by_band"].values()):
        assert set(part) - {"by_band"} == FIELDS
        assert part["metric"] == metric
        assert part["confidence"] == 0.95
        assert part["verdict"] in {"effect", "no_effect_detected", "insufficient_data"}
        if part["verdict"] == "insufficient_data":
            assert part["estimate"] is part["ci_low"] is part["ci_high"] is None
        else:
            assert part["ci_low"] <= part["estimate"] <= part["ci_high"]


@pytest.mark.parametrize("metric", ["attainment", "win_rate", "cycle_length"])
def test_without_data_the_answer_is_insufficient_data(people: People, metric: str) -> None:
    response = impact(people.owner, people.team.pk, metric)
    assert response.status_code == 200
    body = response.json()
    assert_contract(body, metric)
    assert body["verdict"] == "insufficient_data"
    assert body["n_coached"] == 0 and body["n_comparison"] == 0
    assert body["estimate"] is None


def test_the_metric_defaults_to_attainment_and_must_be_known(people: People) -> None:
    client = api_client(people.owner)
    assert client.get("/api/v1/insights/impact", {"team": people.team.pk}).json()["metric"] == "attainment"
    assert (
        client.get("/api/v1/insights/impact", {"team": people.team.pk, "metric": "mood"}).status_code == 422
    )
    assert client.get("/api/v1/insights/impact").status_code == 422


def test_who_may_see_a_teams_impact(people: People) -> None:
    superior_only = MembershipFactory(organisation=people.org, roles=[Role.SALES_MANAGER])
    people.manager.reports_to = superior_only
    people.manager.save()
    peer_coach = MembershipFactory(
        organisation=people.org, roles=[Role.SENIOR_SELLER], team=people.team, reports_to=people.manager
    )
    expected = {
        people.owner: 200,  # programme owner
        people.manager: 200,  # the team's manager
        superior_only: 200,  # the manager's superior
        people.seller: 403,  # sees their team, but no one else's results
        people.colleague: 403,
        peer_coach: 403,
        people.coach: 404,  # external coach: the team is not theirs to see
        people.other_manager: 404,  # another team's manager
        people.other_seller: 404,
        people.outsider: 404,  # another organisation
    }
    for member, status in expected.items():
        response = impact(member, people.team.pk)
        assert response.status_code == status, (member.user.email, response.status_code)
        if status == 404:
            assert response.json() == {"detail": "Not Found"}


def test_a_foreign_team_answers_like_a_missing_one(people: People) -> None:
    foreign = impact(people.outsider, people.team.pk)
    missing = impact(people.outsider, 999_999)
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json()
    assert impact(people.owner, people.outsider_team.pk).status_code == 404


def test_a_fixed_number_of_queries(people: People, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = api_client(people.manager)
    # Authentication and the gate, then one query per source: sellers with their coaching
    # start, the reporting currency and its rates, targets, closed deals by month.
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/insights/impact", {"team": people.team.pk}).status_code == 200


def _fake_data(team_of: dict[str, int], seed: int = 7, **scenario):  # type: ignore[no-untyped-def]
    org = generate(Scenario(**scenario), seed=seed)
    sellers, rows = to_records(org)
    sellers = [s.__class__(s.seller_id, s.coaching_start, team_of[s.team], None, None) for s in sellers]
    return sellers, rows


def test_the_figures_with_data_and_the_privacy_threshold(people: People, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # 60 sellers in Team A (a clear effect), and a Team B of 6 of whom few are coached.
    data = _fake_data(
        {f"team-{k:03d}": people.team.pk for k in range(6)} | {"team-006": people.other_team.pk},
        n_sellers=66,
        team_size=10,
        effect=0.15,
        noise_sd=0.08,
    )
    monkeypatch.setattr(selectors, "impact_panel", lambda organisation, loaded=None: build_panel(*data))
    body = impact(people.owner, people.team.pk).json()
    assert_contract(body, "attainment")
    assert body["verdict"] == "effect"
    assert body["ci_low"] <= 0.15 <= body["ci_high"]
    assert body["n_coached"] >= 20
    # Bands: shown or withheld, but never a group below the threshold.
    for band in body["by_band"].values():
        assert band["n_coached"] is None or band["n_coached"] == 0 or band["n_coached"] >= 5

    small = impact(people.owner, people.other_team.pk).json()
    assert_contract(small, "attainment")
    assert small["verdict"] == "insufficient_data"
    assert small["n_coached"] is None  # withheld: not even its size


def test_the_endpoint_is_in_the_published_schema(people: People) -> None:
    schema = api_client(people.owner).get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/insights/impact"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"team", "metric"}


def test_the_refusal_is_explained_in_dutch_and_english(people: People) -> None:
    _, raw = api_token_create(user=people.seller.user, name="nl")
    url = f"/api/v1/insights/impact?team={people.team.pk}"
    dutch = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="nl").get(url)
    english = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en").get(url)
    assert dutch.status_code == english.status_code == 403
    assert dutch.json()["detail"].startswith("Teaminzichten zijn voor de programma-eigenaar")
    assert english.json()["detail"].startswith("Team insights are for the programme owner")
