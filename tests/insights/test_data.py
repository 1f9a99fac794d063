"""The impact panel reads the real tables: a known effect built in the database comes back
through GET /api/v1/insights/impact (PostgreSQL and SQLite)."""

from __future__ import annotations

import numpy as np
import pytest

from salescoach.insights import data, selectors
from salescoach.insights.stats.panel import NEVER
from salescoach.results.models import ExchangeRate, Opportunity, PeriodKind, Target
from salescoach.results.rollup import refresh_monthly_results
from tests.conftest import People
from tests.insights.test_api import api_client, assert_contract
from tests.insights.world import build_world

pytestmark = pytest.mark.django_db


def _row(panel, seller_id: int) -> int:  # type: ignore[no-untyped-def]
    return int(np.flatnonzero(panel.seller_ids == seller_id)[0])


def test_the_impact_panel_reads_sellers_starts_targets_and_deals(people: People) -> None:
    world = build_world(organisation=people.org, team=people.team, n_sellers=6, months=12, effect=0.1)
    panel = selectors.impact_panel(organisation=people.org)
    assert panel is not None
    # Every active seller of the organisation, with or without data; coaches and managers not.
    assert set(panel.seller_ids.tolist()) == {s.pk for s in world.sellers} | {
        people.seller.pk,
        people.colleague.pk,
        people.other_seller.pk,
    }
    assert panel.first_period == world.first_month and panel.n_periods == 12
    for seller in world.sellers:
        i = _row(panel, seller.pk)
        start = world.starts[seller.pk]
        assert panel.start[i] == (NEVER if start is None else start - world.first_month)
        assert panel.attributes["team"][i] == people.team.pk
    assert panel.attributes["team"][_row(panel, people.other_seller.pk)] == people.other_team.pk
    assert panel.start[_row(panel, people.other_seller.pk)] == NEVER

    i = _row(panel, world.sellers[0].pk)
    deal = Opportunity.objects.get(crm_id=f"W-{world.sellers[0].pk}-0")
    assert panel.values["attainment"][i, 0] == pytest.approx(float(deal.amount_base) / 10_000)
    assert panel.values["win_rate"][i, 0] == 0.5 and panel.weights["win_rate"][i, 0] == 2
    assert panel.values["cycle_length"][i, 0] == 40
    # A seller with nothing: no values, never zeros.
    assert np.isnan(panel.values["attainment"][_row(panel, people.seller.pk)]).all()


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
    jan = 2025 * 12
    ids = np.array(sorted([people.seller.pk, people.colleague.pk]))
    sums = data.results(people.org.pk).sums(ids, jan, jan + 3)
    mine = list(ids).index(people.seller.pk)
    assert sums["target"][mine].tolist() == [10_000, 500, 10_000, 0]
    assert sums["has_target"][mine].tolist() == [1, 1, 1, 0]
    assert not sums["has_target"][1 - mine].any()


def test_deals_come_from_the_monthly_summary_kept_by_the_results_app(people: People) -> None:
    """Deals written without an import are not in the summary until it is refreshed."""
    world = build_world(organisation=people.org, team=people.team, n_sellers=3, months=3, effect=0.0)
    seller = world.sellers[0]
    Opportunity.objects.filter(owner=seller, crm_id__startswith="L-").delete()
    ids = np.array([seller.pk])
    before = data.results(people.org.pk).sums(ids, world.first_month, world.first_month)
    assert before["lost"][0, 0] == 1
    refresh_monthly_results(organisation_id=people.org.pk, owner_ids=[seller.pk])
    after = data.results(people.org.pk).sums(ids, world.first_month, world.first_month)
    assert after["lost"][0, 0] == 0 and after["won"][0, 0] == 1


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
    found = {s.pk: s.coaching_start for s in data.sellers(people.org.pk)}
    assert found[people.seller.pk] == date(2025, 5, 20)


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
