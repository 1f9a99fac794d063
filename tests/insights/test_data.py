"""impact_data reads the real tables: a known effect built in the database comes back
through GET /api/v1/insights/impact (PostgreSQL and SQLite)."""

from __future__ import annotations

import pytest

from salescoach.insights import selectors
from salescoach.results.models import ExchangeRate, Opportunity, PeriodKind, Target
from tests.conftest import People
from tests.insights.test_api import api_client, assert_contract
from tests.insights.world import build_world

pytestmark = pytest.mark.django_db


def test_impact_data_reads_sellers_starts_targets_and_deals(people: People) -> None:
    world = build_world(organisation=people.org, team=people.team, n_sellers=6, months=12, effect=0.1)
    sellers, rows = selectors.impact_data(organisation=people.org)
    by_id = {s.seller_id: s for s in sellers}
    # Every active seller of the organisation, with or without data; coaches and managers not.
    assert set(by_id) == {s.pk for s in world.sellers} | {
        people.seller.pk,
        people.colleague.pk,
        people.other_seller.pk,
    }
    for seller in world.sellers:
        assert by_id[seller.pk].coaching_start == world.starts[seller.pk]
        assert by_id[seller.pk].team == people.team.pk
    assert by_id[people.other_seller.pk].team == people.other_team.pk
    assert len(rows) == 6 * 12
    row = next(r for r in rows if r.seller_id == world.sellers[0].pk and r.period == world.first_month)
    assert row.target == 10_000
    assert row.won == 1 and row.lost == 1
    assert row.won_cycle_days == 40
    deal = Opportunity.objects.get(crm_id=f"W-{world.sellers[0].pk}-0")
    assert row.won_amount == pytest.approx(float(deal.amount_base))


def test_quarter_targets_are_spread_and_other_currencies_converted(people: People) -> None:
    from datetime import date
    from decimal import Decimal

    Target.objects.create(
        organisation=people.org,
        member=people.seller,
        period_kind=PeriodKind.QUARTER,
        period_start=date(2025, 1, 1),
        amount=Decimal(30_000),
    )
    # A month's own target wins over its share of the quarter.
    Target.objects.create(
        organisation=people.org,
        member=people.seller,
        period_kind=PeriodKind.MONTH,
        period_start=date(2025, 2, 1),
        amount=Decimal(1_000),
        currency="USD",
    )
    Target.objects.create(
        organisation=people.org,
        member=people.colleague,
        period_kind=PeriodKind.MONTH,
        period_start=date(2025, 1, 1),
        amount=Decimal(1_000),
        currency="GBP",  # no rate: left out
    )
    ExchangeRate.objects.create(organisation=people.org, currency="USD", rate=Decimal("0.5"))
    _, rows = selectors.impact_data(organisation=people.org)
    targets = {(r.seller_id, r.period): r.target for r in rows}
    jan = 2025 * 12
    assert targets == {
        (people.seller.pk, jan): 10_000,
        (people.seller.pk, jan + 1): 500,
        (people.seller.pk, jan + 2): 10_000,
    }


def test_a_relationship_that_ended_before_it_started_is_no_coaching(people: People) -> None:
    from datetime import date

    from salescoach.coaching.models import CoachingRelationship

    CoachingRelationship.objects.create(
        organisation=people.org,
        coach=people.coach,
        coachee=people.seller,
        coach_kind="external_coach",
        status="ended",
        started_on=date(2025, 3, 1),
        ended_on=date(2025, 3, 1),
    )
    CoachingRelationship.objects.create(
        organisation=people.org,
        coach=people.manager,
        coachee=people.seller,
        coach_kind="manager",
        started_on=date(2025, 5, 20),
    )
    sellers, _ = selectors.impact_data(organisation=people.org)
    assert {s.seller_id: s.coaching_start for s in sellers}[people.seller.pk] == 2025 * 12 + 4


def test_the_api_recovers_a_known_effect_from_the_database(
    people: People, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    world = build_world(organisation=people.org, team=people.team, n_sellers=30, months=24, effect=0.2)
    client = api_client(people.manager)
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/insights/impact", {"team": people.team.pk})
    assert response.status_code == 200
    body = response.json()
    assert_contract(body, "attainment")
    assert body["verdict"] == "effect"
    assert body["ci_low"] <= world.effect <= body["ci_high"]
    assert body["n_coached"] == len(world.coached)
    assert body["n_comparison"] >= 5


def test_no_effect_in_the_database_gives_an_interval_around_zero(people: People) -> None:
    build_world(organisation=people.org, team=people.team, n_sellers=30, months=24, effect=0.0, seed=11)
    body = api_client(people.owner).get("/api/v1/insights/impact", {"team": people.team.pk}).json()
    assert body["verdict"] in {"no_effect_detected", "effect"}
    assert body["ci_low"] <= 0.02 and body["ci_high"] >= -0.02
    win_rate = (
        api_client(people.owner)
        .get("/api/v1/insights/impact", {"team": people.team.pk, "metric": "win_rate"})
        .json()
    )
    # One won and one lost deal every month for everyone: no change at all.
    assert win_rate["verdict"] == "insufficient_data" or win_rate["estimate"] == 0


def test_a_teams_programme_gives_its_cadence_and_its_model_to_the_figures(people: People) -> None:
    from decimal import Decimal

    from salescoach.insights import data
    from salescoach.insights.indicators import cadence_for
    from salescoach.organisations.models import Membership
    from tests.programmes.helpers import make_programme

    assert cadence_for(team_id=people.team.pk) == (3.0, 5.0)  # no programme yet: the advice
    programme = make_programme(
        people, ["manager", "external_coach"], cadence_min_hours=Decimal("2"), cadence_max_hours=Decimal("4")
    )
    assert cadence_for(team_id=people.team.pk) == (2.0, 4.0)
    assert data.programme_of_team({people.team.pk, None}) == {
        people.team.pk: (programme.pk, "manager+external_coach")
    }
    found = data.sellers(people.org.pk, Membership.objects.filter(pk=people.seller.pk))
    records = data.seller_records(found)
    assert [(r.programme, r.coaching_model) for r in records] == [(programme.pk, "manager+external_coach")]
