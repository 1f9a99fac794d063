"""Organisation-wide figures -- dashboards and insights -- are computed once and shared
between requests, until the results change (salescoach/results/cache.py)."""

from __future__ import annotations

import pytest
from django.core.cache import cache as django_cache

from salescoach.insights import selectors
from salescoach.results import cache
from salescoach.results import selectors as results_selectors
from salescoach.results.models import Opportunity
from salescoach.results.periods import quarter_of
from salescoach.results.rollup import refresh_monthly_results
from tests.conftest import People
from tests.insights.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):  # type: ignore[no-untyped-def]
    settings.FIGURES_CACHE_SECONDS = 600
    django_cache.clear()
    yield
    django_cache.clear()


def test_the_organisation_figures_are_computed_once_and_shared(
    people: People, cached, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    build_world(organisation=people.org, team=people.team, n_sellers=30, months=24, effect=0.2)
    first = selectors.team_impact(viewer=people.manager, team=people.team, metric="attainment")
    assert first["verdict"] == "effect"
    # Another viewer, the same figures: read from the cache, not from the tables.
    with django_assert_num_queries(0):
        again = selectors.team_impact(viewer=people.owner, team=people.team, metric="attainment")
    assert again == first


def test_new_results_start_over_at_once(people: People, cached, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    world = build_world(organisation=people.org, team=people.team, n_sellers=30, months=24, effect=0.2)
    before = selectors.team_impact(viewer=people.manager, team=people.team, metric="win_rate")
    # Every coached seller loses the deals they won: the figures must follow at once.
    coached = [s.pk for s in world.coached]
    with django_capture_on_commit_callbacks(execute=True):
        Opportunity.objects.filter(owner_id__in=coached, crm_id__startswith="W-").update(status="lost")
        refresh_monthly_results(organisation_id=people.org.pk, owner_ids=coached)
    after = selectors.team_impact(viewer=people.manager, team=people.team, metric="win_rate")
    assert after != before
    assert after["estimate"] is None or after["estimate"] < before["estimate"]


def test_a_lost_generation_never_brings_old_figures_back(people: People, cached) -> None:  # type: ignore[no-untyped-def]
    build_world(organisation=people.org, team=people.team, n_sellers=30, months=24, effect=0.2)
    token = cache.generation(people.org.pk)
    assert cache.generation(people.org.pk) == token
    django_cache.delete(f"results:generation:{people.org.pk}")  # evicted
    assert cache.generation(people.org.pk) != token


def test_off_when_the_cache_time_is_zero(people: People, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    settings.FIGURES_CACHE_SECONDS = 0
    build_world(organisation=people.org, team=people.team, n_sellers=12, months=12, effect=0.2)
    calls = []
    original = selectors.impact_panel
    monkeypatch.setattr(selectors, "impact_panel", lambda **kw: calls.append(1) or original(**kw))
    for _ in range(2):
        selectors.team_impact(viewer=people.manager, team=people.team, metric="attainment")
    assert calls == [1, 1]


def test_the_organisation_dashboard_is_shared_by_its_programme_owners_until_an_import(
    people: People, cached, django_assert_num_queries, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    world = build_world(
        organisation=people.org, team=people.team, n_sellers=6, months=3, first=date(2025, 1, 1), effect=0.0
    )
    period = quarter_of(date(2025, 1, 1))
    first = results_selectors.dashboard(viewer=people.owner, period=period)
    with django_assert_num_queries(0):
        again = results_selectors.dashboard(viewer=people.owner, period=period)
    assert again == first
    # A manager's own selection is theirs alone: never taken from the cache.
    assert results_selectors.dashboard(viewer=people.manager, period=period) is not None

    seller = world.sellers[0]
    with django_capture_on_commit_callbacks(execute=True):
        Opportunity.objects.filter(owner=seller, crm_id__startswith="W-").update(status="lost")
        refresh_monthly_results(organisation_id=people.org.pk, owner_ids=[seller.pk])
    after = results_selectors.dashboard(viewer=people.owner, period=period)
    assert after.total.won_count < first.total.won_count


def test_a_superiors_team_table_is_never_the_programme_owners(people: People, cached, client_for) -> None:  # type: ignore[no-untyped-def]
    """The organisation's per-team table is a cached fragment; a manager's superior who
    sees a table of their own teams must get theirs, not the one cached for the owner."""
    from salescoach.organisations.models import Role
    from tests.factories import MembershipFactory, TeamFactory

    regional = MembershipFactory(organisation=people.org, roles=[Role.SALES_MANAGER], reports_to=people.owner)
    for manager in (people.manager, people.other_manager):
        manager.reports_to = regional
        manager.save(update_fields=["reports_to"])
    hidden = TeamFactory(organisation=people.org, name="Team Verborgen")
    MembershipFactory(organisation=people.org, roles=[Role.SELLER], team=hidden)

    url = f"/o/{people.org.slug}/results/"
    assert "Team Verborgen" in client_for(people.owner).get(url).content.decode()
    page = client_for(regional).get(url)
    assert page.status_code == 200 and page.context["data"].by_team
    assert people.other_team.name in page.content.decode()
    assert "Team Verborgen" not in page.content.decode()
