"""The monthly summary (``MonthlyResult``) always equals the deals it summarises.

Every check compares the summary rows with the same figures worked out here, in
Python, from the ``Opportunity`` rows themselves: per organisation, owner and month of
the close date the won amount, the number won and lost, the cycle days of the won deals
and how many of them have a cycle length, and the open amount (amounts in the reporting
currency; deals without one are left out of the amounts).
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from salescoach.organisations.models import Role
from salescoach.results import rollup, staging
from salescoach.results.models import FunnelStage, MonthlyResult, Opportunity, StageKind
from salescoach.results.services import (
    exchange_rate_delete,
    exchange_rate_set,
    funnel_stage_update,
    results_currency_set,
)
from tests.conftest import People
from tests.factories import MembershipFactory, OrganisationFactory
from tests.results.conftest import deals, errors_of

pytestmark = pytest.mark.django_db

Key = tuple[int, int, int]  # organisation, member, month
Row = tuple[float, int, int, int, int, float]

HEAD = "CRM id,Opportunity,Account,Owner e-mail,Stage,Amount,Currency,Probability (%),Created,Close date,Lost reason\n"
# Two sellers, several months, every status; deals without an amount, without a created
# date (no cycle length) and in a currency without a rate.
FIRST = HEAD + (
    "D-1,One,Acme,seller@example.com,Proposal,24500,EUR,60,2026-01-12,2026-03-31,\n"
    "D-2,Two,Beta,seller@example.com,Closed Won,1000.10,EUR,,2026-01-01,2026-03-15,\n"
    "D-3,Three,Gamma,seller@example.com,Closed Won,2000.20,EUR,,,2026-03-02,\n"
    "D-4,Four,Delta,seller@example.com,Closed Lost,5000.50,EUR,,2025-12-01,2026-03-20,Price\n"
    "D-5,Five,Epsilon,seller@example.com,Closed Won,700,USD,,2026-02-01,2026-04-10,\n"
    "D-6,Six,Zeta,seller@example.com,Prospecting,,EUR,,,2026-04-30,\n"
    "D-7,Seven,Eta,seller@example.com,Closed Won,300,EUR,,2026-05-01,2026-06-03,\n"
    "D-8,Eight,Theta,colleague@example.com,Closed Won,4000,EUR,,2025-11-15,2026-03-31,\n"
    "D-9,Nine,Iota,colleague@example.com,Negotiation,900,USD,,2026-01-01,2026-04-01,\n"
    "D-10,Ten,Kappa,colleague@example.com,Closed Lost,100,EUR,,2026-01-01,2026-12-31,Timing\n"
)
# A newer export: D-1 won at another amount, D-2 lost, D-4 reopened, D-5's close date in
# another month, D-7 (the seller's only June deal) moved to the colleague, D-8 with a new
# amount, and a new deal.
SECOND = (
    FIRST.replace(
        "D-1,One,Acme,seller@example.com,Proposal,24500",
        "D-1,One,Acme,seller@example.com,Closed Won,26000",
    )
    .replace("D-2,Two,Beta,seller@example.com,Closed Won", "D-2,Two,Beta,seller@example.com,Closed Lost")
    .replace("D-4,Four,Delta,seller@example.com,Closed Lost", "D-4,Four,Delta,seller@example.com,Negotiation")
    .replace("2026-02-01,2026-04-10", "2026-02-01,2026-05-10")
    .replace("D-7,Seven,Eta,seller@example.com", "D-7,Seven,Eta,colleague@example.com")
    .replace(
        "D-8,Eight,Theta,colleague@example.com,Closed Won,4000",
        "D-8,Eight,Theta,colleague@example.com,Closed Won,4100",
    )
    + "D-11,Eleven,Lambda,colleague@example.com,Closed Won,50,EUR,,2026-06-01,2026-06-20,\n"
)

MARCH, JUNE = 2026 * 12 + 2, 2026 * 12 + 5


def summary() -> dict[Key, Row]:
    return {
        (r.organisation_id, r.member_id, r.month): (
            r.won_amount,
            r.won,
            r.lost,
            r.won_cycle_days,
            r.won_with_cycle,
            r.open_amount,
        )
        for r in MonthlyResult.objects.all()
    }


def from_the_deals() -> dict[Key, Row]:
    """The summary as it should be, added up here from every deal."""
    found: dict[Key, list[Any]] = {}
    for deal in Opportunity.objects.all():
        month = deal.close_date.year * 12 + deal.close_date.month - 1
        row = found.setdefault(
            (deal.organisation_id, deal.owner_id, month), [Decimal(0), 0, 0, 0, 0, Decimal(0)]
        )
        amount = deal.amount_base if deal.amount_base is not None else Decimal(0)
        if deal.status == StageKind.WON:
            row[0] += amount
            row[1] += 1
            if deal.cycle_days is not None:
                row[3] += deal.cycle_days
                row[4] += 1
        elif deal.status == StageKind.LOST:
            row[2] += 1
        else:
            row[5] += amount
    return {key: (float(r[0]), r[1], r[2], r[3], r[4], float(r[5])) for key, r in found.items()}


def assert_summary_equals_the_deals() -> dict[Key, Row]:
    actual, expected = summary(), from_the_deals()
    assert sorted(actual) == sorted(expected)
    for key, row in expected.items():
        got = actual[key]
        assert got[1:5] == row[1:5], key
        assert got[0] == pytest.approx(row[0], rel=1e-12, abs=1e-9), key
        assert got[5] == pytest.approx(row[5], rel=1e-12, abs=1e-9), key
    return actual


def row_of(people: People, member: Any, month: int) -> Row | None:
    return summary().get((people.org.pk, member.pk, month))


def test_an_import_that_creates_deals(sales: People) -> None:
    result = deals(sales.manager, FIRST)
    assert errors_of(result) == [] and result.created == 10
    rows = assert_summary_equals_the_deals()
    assert len(rows) == 6  # the seller: March, April, June; the colleague: March, April, December
    # Spelled out once, so the comparison above is known to compare something: the
    # seller's March has D-1 open, D-2 and D-3 won (only D-2 with a cycle), D-4 lost.
    assert row_of(sales, sales.seller, MARCH) == (3000.3, 2, 1, 73, 1, 24500.0)


def test_a_newer_export_that_changes_amounts_stages_months_and_owners(sales: People) -> None:
    deals(sales.manager, FIRST)
    assert row_of(sales, sales.seller, JUNE) is not None
    result = deals(sales.manager, SECOND)
    assert errors_of(result) == []
    assert (result.created, result.updated, result.unchanged) == (1, 6, 4)
    assert_summary_equals_the_deals()
    # D-7 was the seller's only June deal: the seller's June row is gone, the colleague's
    # June holds it and D-11.
    assert row_of(sales, sales.seller, JUNE) is None
    assert row_of(sales, sales.colleague, JUNE) == (350.0, 2, 0, 52, 2, 0.0)
    # D-5 moved from April to May: the seller's April keeps D-6 only (open, no amount).
    april = 2026 * 12 + 3
    assert row_of(sales, sales.seller, april) == (0.0, 0, 0, 0, 0, 0.0)
    # An export whose only change hands D-6 to the colleague: the seller's April goes,
    # though none of the seller's deals is in the new version any more.
    third = deals(
        sales.manager, SECOND.replace("D-6,Six,Zeta,seller@example.com", "D-6,Six,Zeta,colleague@example.com")
    )
    assert (third.created, third.updated) == (0, 1)
    assert_summary_equals_the_deals()
    assert row_of(sales, sales.seller, april) is None


def test_a_dry_run_changes_nothing(sales: People) -> None:
    deals(sales.manager, FIRST)
    before = assert_summary_equals_the_deals()
    dry = deals(sales.manager, SECOND, dry_run=True)
    assert errors_of(dry) == [] and dry.updated == 6
    assert summary() == before
    assert_summary_equals_the_deals()


def test_an_import_with_errors_writes_nothing(sales: People) -> None:
    deals(sales.manager, FIRST)
    before = assert_summary_equals_the_deals()
    # An error in a row: found while checking the rows.
    bad_row = deals(
        sales.manager, SECOND + "D-12,Twelve,Mu,seller@example.com,Proposal,twelve,EUR,,,2026-06-01,\n"
    )
    assert [(row, column) for row, column, _message in errors_of(bad_row)] == [(13, "Amount")]
    assert summary() == before
    # A deal of someone the importer does not manage: found once the file is planned
    # against the stored deals, inside the import's transaction.
    taken = deals(
        sales.other_manager,
        HEAD + "D-1,One,Acme,other.seller@example.com,Closed Won,1,EUR,,,2026-07-01,\n"
        "D-13,Thirteen,Nu,other.seller@example.com,Closed Won,1,EUR,,,2026-07-01,\n",
    )
    assert [(row, column) for row, column, _message in errors_of(taken)] == [(2, "CRM id")]
    assert summary() == before
    assert_summary_equals_the_deals()


def test_reimporting_the_same_file_changes_nothing(sales: People) -> None:
    deals(sales.manager, FIRST)
    before = assert_summary_equals_the_deals()
    again = deals(sales.manager, FIRST)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 10)
    assert summary() == before


def test_imports_in_another_organisation_leave_this_one_alone(sales: People) -> None:
    deals(sales.manager, FIRST)
    before = assert_summary_equals_the_deals()
    other = deals(
        sales.outsider,
        HEAD + "Z-1,Zed,Omega,outsider.seller@example.com,Closed Won,10,EUR,,,2026-03-01,\n",
    )
    assert errors_of(other) == []
    after = assert_summary_equals_the_deals()
    assert {k: v for k, v in after.items() if k[0] == sales.org.pk} == before
    assert (sales.outsider_org.pk, sales.outsider_seller.pk, MARCH) in after


def test_exchange_rates_and_the_reporting_currency(sales: People) -> None:
    deals(sales.manager, FIRST)
    deals(
        sales.outsider, HEAD + "Z-1,Zed,Omega,outsider.seller@example.com,Closed Won,10,USD,,,2026-03-01,\n"
    )
    assert_summary_equals_the_deals()
    usd = exchange_rate_set(actor=sales.owner, currency="USD", rate=Decimal("0.9"))
    rows = assert_summary_equals_the_deals()
    assert rows[(sales.org.pk, sales.seller.pk, 2026 * 12 + 3)][0] == pytest.approx(630.0)
    exchange_rate_set(actor=sales.owner, currency="USD", rate=Decimal("1.25"))
    rows = assert_summary_equals_the_deals()
    assert rows[(sales.org.pk, sales.colleague.pk, 2026 * 12 + 3)][5] == pytest.approx(1125.0)
    exchange_rate_delete(actor=sales.owner, rate=usd)
    rows = assert_summary_equals_the_deals()
    assert rows[(sales.org.pk, sales.seller.pk, 2026 * 12 + 3)][0] == 0.0
    # Reporting in dollars: the euro deals have no rate and drop out of the amounts.
    results_currency_set(actor=sales.owner, currency="USD")
    rows = assert_summary_equals_the_deals()
    assert rows[(sales.org.pk, sales.seller.pk, MARCH)] == (0.0, 2, 1, 73, 1, 0.0)
    assert rows[(sales.org.pk, sales.seller.pk, 2026 * 12 + 3)][0] == pytest.approx(700.0)
    exchange_rate_set(actor=sales.owner, currency="EUR", rate=Decimal("1.1"))
    rows = assert_summary_equals_the_deals()
    assert rows[(sales.org.pk, sales.seller.pk, MARCH)][0] == pytest.approx(3300.33)
    # The other organisation kept its own (no rate for its dollars there).
    assert rows[(sales.outsider_org.pk, sales.outsider_seller.pk, MARCH)][0] == 0.0


def test_a_stage_that_changes_kind(sales: People) -> None:
    deals(sales.manager, FIRST)
    stage = FunnelStage.objects.get(organisation=sales.org, opportunities__crm_id="D-1")
    kind = stage.kind
    assert kind == StageKind.OPEN
    for new_kind in (StageKind.WON, StageKind.LOST, kind):
        funnel_stage_update(
            actor=sales.owner, stage=stage, name=stage.name, kind=new_kind, probability=stage.probability
        )
        assert Opportunity.objects.get(crm_id="D-1").status == new_kind
        assert_summary_equals_the_deals()
    # A change of name or probability only leaves the summary as it is.
    before = summary()
    funnel_stage_update(actor=sales.owner, stage=stage, name="Offer out", kind=kind, probability=55)
    assert summary() == before


def test_a_member_deleted_takes_their_rows(sales: People) -> None:
    deals(sales.manager, FIRST)
    assert any(key[1] == sales.colleague.pk for key in summary())
    sales.colleague.delete()
    rows = assert_summary_equals_the_deals()
    assert not any(key[1] == sales.colleague.pk for key in rows)
    assert any(key[1] == sales.seller.pk for key in rows)


def test_many_owners_at_once_rebuild_the_whole_organisation(sales: People, monkeypatch) -> None:
    """Beyond a number of sellers the rebuild takes the organisation's deals in one pass;
    the result is the same."""
    monkeypatch.setattr(rollup, "WHOLE_ORGANISATION_FROM", 1)
    deals(sales.manager, FIRST)
    assert_summary_equals_the_deals()
    deals(sales.manager, SECOND)
    assert_summary_equals_the_deals()
    assert row_of(sales, sales.seller, JUNE) is None


def _import_queries(owners: int, make_file: Callable[[list[str], int], str]) -> tuple[int, int]:
    """Queries of a first import and of a newer export of the same deals, for an
    organisation whose deals belong to ``owners`` sellers."""
    org = OrganisationFactory()
    director = MembershipFactory(organisation=org, roles=[Role.PROGRAMME_OWNER])
    emails = [MembershipFactory(organisation=org, roles=[Role.SELLER]).user.email for _ in range(owners)]
    counts = []
    for version in (1, 2):
        with CaptureQueriesContext(connection) as queries:
            result = deals(director, make_file([*emails[version - 1 :], *emails[: version - 1]], version))
        assert errors_of(result) == []
        counts.append(len(queries))
    assert_summary_equals_the_deals()
    return counts[0], counts[1]


def test_the_queries_of_an_import_do_not_grow_with_the_number_of_owners(db: None) -> None:
    def make_file(emails: list[str], version: int) -> str:
        # The same 60 deals, spread over the owners (the second version hands every deal
        # to the next owner and changes its amount, so every owner's rows change).
        rows = [
            f"N-{i},Deal {i},Acme,{emails[i % len(emails)]},"
            f"{('Proposal', 'Closed Won', 'Closed Lost')[i % 3]},{100 * version + i},EUR,,"
            f"2026-01-01,2026-{1 + i % 12:02d}-15,\n"
            for i in range(60)
        ]
        return HEAD + "".join(rows)

    few = _import_queries(3, make_file)
    many = _import_queries(30, make_file)
    assert few == many


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_imports_at_once_for_the_same_seller(sales: People, monkeypatch) -> None:
    """Two workers import at once, both with deals of the seller: the second import's
    rebuild waits for the first to commit, then counts both imports' deals (and does not
    trip over the rows the first one wrote)."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL")
    deals(sales.manager, FIRST)
    first_rebuilt = threading.Event()
    rebuild = staging.refresh_monthly_results

    def rebuild_then_hold(**kwargs: Any) -> None:
        rebuild(**kwargs)
        if threading.current_thread().name == "first":
            first_rebuilt.set()
            time.sleep(1)  # the first import's transaction stays open a while

    monkeypatch.setattr(staging, "refresh_monthly_results", rebuild_then_hold)
    failures: list[BaseException] = []

    def first_import() -> None:
        try:
            result = deals(
                sales.manager,
                FIRST.replace("seller@example.com,Proposal,24500", "seller@example.com,Proposal,1"),
            )
            assert errors_of(result) == [] and result.updated == 1
        except BaseException as error:  # reported by the main thread
            failures.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=first_import, name="first")
    thread.start()
    try:
        assert first_rebuilt.wait(10)
        second = deals(
            sales.manager,
            FIRST.replace("seller@example.com,Closed Won,1000.10", "seller@example.com,Closed Won,2"),
        )
        assert errors_of(second) == [] and second.updated == 1
    finally:
        thread.join()
    assert failures == []
    assert Opportunity.objects.get(crm_id="D-1").amount == 1
    assert Opportunity.objects.get(crm_id="D-2").amount == 2
    assert_summary_equals_the_deals()


def test_the_demo_keeps_the_summary(settings) -> None:
    settings.DEBUG = True  # load_demo refuses to run in production
    call_command("load_demo", stdout=io.StringIO())
    assert len(assert_summary_equals_the_deals()) > 50


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_summary_from_the_deals_already_there(sales: People) -> None:
    deals(sales.manager, FIRST)
    deals(
        sales.outsider, HEAD + "Z-1,Zed,Omega,outsider.seller@example.com,Closed Won,10,EUR,,,2026-03-01,\n"
    )
    expected = assert_summary_equals_the_deals()
    executor = MigrationExecutor(connection)
    executor.migrate([("results", "0001_initial")])  # the summary's table is dropped
    executor.loader.build_graph()
    executor.migrate([("results", "0002_monthly_result")])  # and made again from the deals
    assert summary() == expected
