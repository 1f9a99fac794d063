"""``manage.py rebuild_monthly_results``: the summary rebuilt from the deals, for every
organisation or one, by id or slug."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from salescoach.results.models import MonthlyResult
from tests.conftest import People
from tests.results.conftest import deals
from tests.results.test_monthly_results import FIRST, HEAD, assert_summary_equals_the_deals, summary

pytestmark = pytest.mark.django_db


def rebuild(*args: str) -> str:
    out = io.StringIO()
    call_command("rebuild_monthly_results", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def two_organisations(sales: People) -> People:
    deals(sales.manager, FIRST)
    deals(
        sales.outsider, HEAD + "Z-1,Zed,Omega,outsider.seller@example.com,Closed Won,10,EUR,,,2026-03-01,\n"
    )
    return sales


def spoil() -> None:
    """The summary drifts from the deals: a row changed, a row lost, a row too many."""
    rows = list(MonthlyResult.objects.order_by("pk"))
    MonthlyResult.objects.filter(pk=rows[0].pk).update(won=99)
    rows[1].delete()
    MonthlyResult.objects.create(
        organisation_id=rows[2].organisation_id, member_id=rows[2].member_id, month=1
    )


def test_every_organisation_is_rebuilt(two_organisations: People) -> None:
    people = two_organisations
    good = summary()
    spoil()
    out = rebuild()
    assert summary() == good
    assert_summary_equals_the_deals()
    assert f"noordwind-test (id {people.org.pk}): 6 row(s)" in out
    assert f"zuidwest-test (id {people.outsider_org.pk}): 1 row(s)" in out
    assert "Rebuilt 7 row(s)." in out


@pytest.mark.parametrize("by", ["slug", "id"])
def test_one_organisation_by_slug_or_id(two_organisations: People, by: str) -> None:
    people = two_organisations
    outsider_rows = {k: v for k, v in summary().items() if k[0] == people.outsider_org.pk}
    MonthlyResult.objects.filter(organisation=people.outsider_org).update(won=99)
    MonthlyResult.objects.filter(organisation=people.org).update(won=99)
    out = rebuild("--organisation", people.org.slug if by == "slug" else str(people.org.pk))
    assert out.splitlines() == [f"noordwind-test (id {people.org.pk}): 6 row(s)", "Rebuilt 6 row(s)."]
    after = summary()
    assert all(v[1] == 99 for k, v in after.items() if k[0] == people.outsider_org.pk)  # left alone
    rebuild("--organisation", str(people.outsider_org.pk))
    assert_summary_equals_the_deals()
    assert {k: v for k, v in summary().items() if k[0] == people.outsider_org.pk} == outsider_rows


def test_an_unknown_organisation(two_organisations: People) -> None:
    with pytest.raises(CommandError, match="No organisation with id or slug nowhere"):
        rebuild("--organisation", "nowhere")
    with pytest.raises(CommandError):
        rebuild("--organisation", "999999")


def test_an_organisation_without_deals_has_no_rows(people: People) -> None:
    assert rebuild() == (
        f"noordwind-test (id {people.org.pk}): 0 row(s)\n"
        f"zuidwest-test (id {people.outsider_org.pk}): 0 row(s)\n"
        "Rebuilt 0 row(s).\n"
    )
