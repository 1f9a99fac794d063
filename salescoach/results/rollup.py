"""The monthly summary of each seller's deals (``MonthlyResult``), kept in step with the
deals.

Every change to deals rebuilds the summary rows of the sellers it touched, inside the
same transaction, so the summary is never behind the deals:

- an import: the owners of the deals it created or changed, old and new
  (``salescoach.results.staging``);
- a new reporting currency or exchange rate, a stage that changes kind: the whole
  organisation (``salescoach.results.services``);
- a member or an organisation removed: their rows go with them (``on_delete=CASCADE``).

Code that writes deals some other way (the demo, benchmarks, tests) calls
``refresh_monthly_results`` itself; ``manage.py rebuild_monthly_results`` rebuilds every
organisation's summary from the deals.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, ExpressionWrapper, FloatField, IntegerField, Q, Sum, Value
from django.db.models.functions import Cast, Coalesce, ExtractMonth, ExtractYear

from salescoach.results.cache import results_changed
from salescoach.results.models import MonthlyResult, Opportunity, StageKind

# Beyond this many sellers, one pass over the organisation's deals is cheaper than
# looking up each seller's.
WHOLE_ORGANISATION_FROM = 1000

# PostgreSQL advisory locks: (namespace, organisation id). The imports' job locks use 7301.
LOCK_NAMESPACE = 7302


def month_expression(field: str) -> Any:
    """The month number (``year * 12 + month - 1``) of a date column, computed by the
    database (SQLite and PostgreSQL)."""
    return ExpressionWrapper(ExtractYear(field) * 12 + ExtractMonth(field) - 1, output_field=IntegerField())


@transaction.atomic
def refresh_monthly_results(*, organisation_id: int, owner_ids: Iterable[int] | None = None) -> None:
    """Rebuild the summary rows of ``owner_ids`` (None: every seller of the organisation)
    from their deals: one delete and one ``INSERT ... SELECT`` added up by the database (on
    PostgreSQL once another transaction rebuilding the organisation's rows has ended)."""
    owners = None if owner_ids is None else sorted(set(owner_ids))
    if owners is not None and len(owners) > WHOLE_ORGANISATION_FROM:
        owners = None
    if owners == []:
        return
    if connection.vendor == "postgresql":
        # One rebuild per organisation at a time, until its transaction ends. Without it,
        # two imports (or an import and a rate change) that touch the same seller at once
        # each delete the rows they can see and insert their own, and the second insert
        # fails on the rows the first one committed meanwhile. After the wait, the delete
        # and the insert see everything the first one committed. (SQLite lets one writer
        # in at a time anyway.)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, organisation_id])
    _rebuild(organisation_id, owners)
    results_changed(organisation_id)


def _rebuild(organisation_id: int, owners: list[int] | None) -> None:
    stale = MonthlyResult.objects.filter(organisation_id=organisation_id)
    deals = Opportunity.objects.filter(organisation_id=organisation_id)
    if owners is not None:
        stale = stale.filter(member_id__in=owners)
        deals = deals.filter(owner_id__in=owners)
    stale.delete()

    won = Q(status=StageKind.WON)
    zero = Value(0.0, output_field=FloatField())
    summary = (
        deals.annotate(month=month_expression("close_date"))
        .values("organisation_id", "owner_id", "month")
        .annotate(
            won_amount=Coalesce(Cast(Sum("amount_base", filter=won), FloatField()), zero),
            won=Count("pk", filter=won),
            lost=Count("pk", filter=Q(status=StageKind.LOST)),
            won_cycle_days=Coalesce(Sum("cycle_days", filter=won), 0),
            won_with_cycle=Count("cycle_days", filter=won),
            open_amount=Coalesce(
                Cast(Sum("amount_base", filter=Q(status=StageKind.OPEN)), FloatField()), zero
            ),
        )
        .order_by()
    )
    select, params = summary.query.sql_with_params()
    columns = "organisation_id, member_id, month, won_amount, won, lost, won_cycle_days, won_with_cycle, open_amount"
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {MonthlyResult._meta.db_table} ({columns}) {select}", params)  # nosec B608
