"""Importing targets: one row per person and period, all or nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from salescoach.results.models import Target
from tests.results.conftest import errors_of, targets

pytestmark = pytest.mark.django_db

HEAD = "E-mail,Period,Target amount,Target count\n"


def test_targets_are_created_then_unchanged_then_updated(sales) -> None:
    text = HEAD + "seller@example.com,2026-Q1,150000,6\ncolleague@example.com,2026-03,40000,\n"
    dry = targets(sales.manager, text, dry_run=True)
    assert (dry.created, dry.updated, dry.unchanged) == (2, 0, 0) and Target.objects.count() == 0
    assert (targets(sales.manager, text).created, Target.objects.count()) == (2, 2)
    again = targets(sales.manager, text)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    newer = targets(sales.manager, text.replace("150000,6", "160000,6"))
    assert (newer.created, newer.updated, newer.unchanged) == (0, 1, 1)
    assert Target.objects.get(member=sales.seller).amount == Decimal("160000.00")
    march = Target.objects.get(member=sales.colleague)
    assert (march.period_kind, march.period_start, march.count) == ("month", date(2026, 3, 1), None)


@pytest.mark.parametrize("period", ["2026-Q1", "2026Q1", "Q1 2026", "2026-K1", "q1-2026"])
def test_quarters_written_in_several_ways(sales, period: str) -> None:
    assert errors_of(targets(sales.manager, HEAD + f"seller@example.com,{period},1000,\n")) == []
    assert Target.objects.get().period_start == date(2026, 1, 1)


def test_bad_targets_are_reported_and_nothing_is_written(sales) -> None:
    text = (
        HEAD + "seller@example.com,2026,1000,\n"  # a year is not a target period
        "seller@example.com,2026-13,1000,\n"
        "nobody@example.com,2026-Q1,1000,\n"
        "other.seller@example.com,2026-Q1,1000,\n"
        "outsider.seller@example.com,2026-Q1,1000,\n"
        "colleague@example.com,2026-Q1,veel,2.5\n"
        "colleague@example.com,2026-Q2,,\n"
        "seller@example.com,2026-Q3,1000,\n"
        "seller@example.com,2026-Q3,2000,\n"
    )
    result = targets(sales.manager, text)
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "Period"),
        (3, "Period"),
        (4, "E-mail"),
        (5, "E-mail"),
        (6, "E-mail"),
        (7, "Target amount"),
        (7, "Target count"),
        (8, "Target amount"),
        (10, "Period"),
    ]
    assert "already has a target for 2026-Q3 on row 9" in result.errors[-1].message
    assert Target.objects.count() == 0
