"""The visibility matrix row "targets, pipeline, results": seller r (own), coach only the
agreed result indicators and never deals, manager rw, manager's superior r, programme
owner r, others nothing (404)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from salescoach.accounts.services import api_token_create
from salescoach.results import rules
from salescoach.results.models import Opportunity, Target
from salescoach.results.services import funnel_ensure
from tests.conftest import People

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller_deal(sales) -> Opportunity:
    stage = funnel_ensure(organisation_id=sales.org.pk)[5]  # Won
    Target.objects.create(
        organisation=sales.org,
        member=sales.seller,
        period_kind="quarter",
        period_start=date(2026, 1, 1),
        amount=Decimal("1000"),
    )
    return Opportunity.objects.create(
        organisation=sales.org,
        crm_id="S-1",
        name="Seller's deal",
        owner=sales.seller,
        stage=stage,
        crm_stage="Won",
        status="won",
        amount=Decimal("500"),
        amount_base=Decimal("500"),
        close_date=date(2026, 2, 1),
    )


def urls(people: People, deal: Opportunity) -> dict[str, str]:
    base = f"/o/{people.org.slug}/results/"
    return {
        "person": f"{base}people/{people.seller.pk}/?period=2026-Q1",
        "deal": f"{base}deals/{deal.pk}/",
        "team": f"{base}teams/{people.team.pk}/?period=2026-Q1",
    }


def api(people_member) -> object:
    from django.test import Client

    _token, raw = api_token_create(user=people_member.user, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.mark.parametrize(
    ("who", "person", "deal", "team"),
    [
        ("seller", 200, 200, 404),  # S: r, own
        ("manager", 200, 200, 200),  # S's manager: rw
        ("owner", 200, 200, 200),  # manager's superior and programme owner: r
        ("colleague", 404, 404, 404),  # another seller
        ("coach", 404, 404, 404),  # a coach never sees deals or a seller's page
        ("other_manager", 404, 404, 404),
        ("outsider", 404, 404, 404),
    ],
)
def test_pages_follow_the_matrix(
    sales, seller_deal, client_for, who: str, person: int, deal: int, team: int
) -> None:
    client = client_for(getattr(sales, who))
    found = {name: client.get(url).status_code for name, url in urls(sales, seller_deal).items()}
    assert found == {"person": person, "deal": deal, "team": team}


@pytest.mark.parametrize(
    ("who", "sees_seller"),
    [
        ("seller", True),
        ("manager", True),
        ("owner", True),
        ("colleague", False),
        ("coach", False),
        ("other_manager", False),
    ],
)
def test_the_dashboard_and_the_api_show_only_who_one_may_read(
    sales, seller_deal, client_for, who: str, sees_seller: bool
) -> None:
    member = getattr(sales, who)
    page = client_for(member).get(f"/o/{sales.org.slug}/results/?period=2026-Q1").content.decode()
    if who == "owner":  # the organisation's dashboard has a row per team, leading to the people
        assert f"/results/teams/{sales.team.pk}/" in page and "Sanne Seller" not in page
        page = (
            client_for(member)
            .get(f"/o/{sales.org.slug}/results/?period=2026-Q1&team={sales.team.pk}")
            .content.decode()
        )
    assert ("Sanne Seller" in page) is sees_seller
    client = api(member)
    dashboard = client.get(
        "/api/v1/results/dashboard?period=2026-Q1", HTTP_X_ORGANISATION=sales.org.slug
    ).json()
    assert (sales.seller.pk in {p["person"]["id"] for p in dashboard["people"]}) is sees_seller
    listed = client.get("/api/v1/results/opportunities", HTTP_X_ORGANISATION=sales.org.slug).json()
    assert ("S-1" in {d["crm_id"] for d in listed["items"]}) is sees_seller
    targets = client.get("/api/v1/results/targets", HTTP_X_ORGANISATION=sales.org.slug).json()
    assert (sales.seller.pk in {t["person"]["id"] for t in targets["items"]}) is sees_seller


def test_writing_is_for_the_manager_only(sales) -> None:
    assert rules.can_write_member_results(sales.manager, sales.seller)
    for who in ("seller", "colleague", "coach", "other_manager", "owner"):
        assert not rules.can_write_member_results(getattr(sales, who), sales.seller), who
    assert rules.can_read_member_results(sales.owner, sales.seller)


def test_a_coach_sees_no_results_until_an_agreement_names_them(sales, seller_deal, client_for) -> None:
    page = client_for(sales.coach).get(f"/o/{sales.org.slug}/results/coachees/?period=2026-Q1")
    assert page.status_code == 200
    assert "No coachee's triad agreement names a result indicator" in page.content.decode()
    assert (
        api(sales.coach)
        .get("/api/v1/results/coachees?period=2026-Q1", HTTP_X_ORGANISATION=sales.org.slug)
        .json()
        == []
    )


def test_a_coach_sees_exactly_the_agreed_indicators(sales, seller_deal, client_for, monkeypatch) -> None:
    # Where the coaching app plugs in: the agreed indicators per coachee of this coach.
    monkeypatch.setattr(
        rules,
        "coach_agreed_indicators",
        lambda viewer: (
            {sales.seller.pk: frozenset({"attainment", "win_rate"})} if viewer.pk == sales.coach.pk else {}
        ),
    )
    answer = (
        api(sales.coach)
        .get("/api/v1/results/coachees?period=2026-Q1", HTTP_X_ORGANISATION=sales.org.slug)
        .json()
    )
    assert answer == [
        {
            "person": {
                "id": sales.seller.pk,
                "full_name": "Sanne Seller",
                "email": "seller@example.com",
                "team": {"id": sales.team.pk, "name": "Team A"},
            },
            "indicators": {"attainment": "50.0", "win_rate": "100.0"},
        }
    ]
    page = (
        client_for(sales.coach).get(f"/o/{sales.org.slug}/results/coachees/?period=2026-Q1").content.decode()
    )
    assert "Sanne Seller" in page and "50%" in page
    # No deals, no amounts not agreed (a digit before "500" is another number, such as a
    # factory-made name "Person 4500" late in a full run).
    assert "Seller&#x27;s deal" not in page and not re.search(r"(?<!\d)500(?!\d)", page)
    # Still never the deal-level pipeline.
    assert client_for(sales.coach).get(urls(sales, seller_deal)["deal"]).status_code == 404
    assert client_for(sales.coach).get(urls(sales, seller_deal)["person"]).status_code == 404
