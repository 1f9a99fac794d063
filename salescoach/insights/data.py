"""What Insights reads from the other apps' tables: one query per source, added up in
the database, and only what the figures need.

From coaching it reads *that* coaching started (a relationship's start date), that
sessions took place (their date and length), and -- for the leading indicators -- the
status of commitments and the scores of ride-along observations **that the seller
shared with their manager**, and whether the seller found a session useful (which the
visibility matrix gives the programme owner as an aggregate). It never reads a text,
and never content the seller kept between themselves and their coach
(``SHARED_ONLY_SOURCES``; docs/INSIGHTS.md, "Privacy").

Periods are calendar months numbered ``year * 12 + month - 1`` (``stats.panel.month_index``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
from django.db.models import (
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast

from salescoach.insights.stats.panel import SellerPeriod, SellerRecord
from salescoach.organisations.models import COACHEE_ROLES, Membership, MembershipStatus, RoleAssignment
from salescoach.results.models import DEFAULT_CURRENCY, ExchangeRate, PeriodKind, ResultsSettings, Target
from salescoach.results.rollup import month_expression

# Commitments and ride-along scores are coaching content: the group figures use only the
# items the seller chose to share with their manager (product rule 1).
SHARED_ONLY_SOURCES = ("commitments", "observations")


def month_of(day: date) -> int:
    return day.year * 12 + day.month - 1


def coachees_q(organisation_id: int, *, active_only: bool = True) -> Q:
    """The organisation's sellers and non-sales professionals."""
    sells = RoleAssignment.objects.filter(membership=OuterRef("pk"), role__in=list(COACHEE_ROLES))
    q = Q(organisation_id=organisation_id) & Q(Exists(sells))
    if active_only:
        q &= Q(status=MembershipStatus.ACTIVE)
    return q


def coaching_start_subquery() -> Subquery:
    """The earliest start of a seller's coaching relationships; a relationship that ended
    on or before the day it was to start never started."""
    from salescoach.coaching.models import CoachingRelationship

    started = (
        CoachingRelationship.objects.filter(coachee_id=OuterRef("pk"))
        .exclude(ended_on__isnull=False, ended_on__lte=F("started_on"))
        .order_by()
        .values("coachee_id")
        .annotate(first=Min("started_on"))
        .values("first")
    )
    return Subquery(started)


@dataclass(frozen=True)
class Seller:
    pk: int
    team_id: int | None
    coaching_start: date | None


def sellers(organisation_id: int, members: QuerySet[Membership] | None = None) -> list[Seller]:
    """Every active seller of the organisation (or of ``members``) with their team and the
    day their coaching started: one query."""
    qs = members if members is not None else Membership.objects.filter(coachees_q(organisation_id))
    rows = qs.annotate(first_start=coaching_start_subquery()).values_list("pk", "team_id", "first_start")
    return [Seller(pk, team_id, start) for pk, team_id, start in rows.order_by("pk")]


def currency(organisation_id: int) -> tuple[str, dict[str, Decimal]]:
    base = (
        ResultsSettings.objects.filter(organisation_id=organisation_id)
        .values_list("currency", flat=True)
        .first()
        or DEFAULT_CURRENCY
    )
    rates = dict(ExchangeRate.objects.filter(organisation_id=organisation_id).values_list("currency", "rate"))
    return base, rates


# The sums of results per seller and month, in the order of the columns of ``Results.deals``.
DEAL_SUMS = ("won_amount", "won", "lost", "won_cycle_days", "open_amount")


def monthly_targets(
    organisation_id: int, member_ids: Iterable[int] | None, base: str, rates: Mapping[str, Decimal]
) -> np.ndarray:
    """Rows (member, month, target amount in the reporting currency): a month's own target,
    or else a third of its quarter's (as the results dashboards resolve them); targets in a
    currency without a rate are left out, as on the dashboards. One query."""
    qs = Target.objects.filter(organisation_id=organisation_id, amount__isnull=False)
    if member_ids is not None:
        qs = qs.filter(member_id__in=list(member_ids))
    # In the reporting currency by the database; NULL (left out) without a rate.
    factor = Case(
        When(currency=base, then=Value(1.0)),
        *(When(currency=code, then=Value(float(rate))) for code, rate in rates.items() if code != base),
        default=Value(None),
        output_field=FloatField(),
    )
    monthly = Case(
        When(period_kind=PeriodKind.MONTH, then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    found = list(
        qs.annotate(
            month=month_expression("period_start"),
            value=Cast("amount", FloatField()) * factor,
            monthly=monthly,
        ).values_list("member_id", "month", "value", "monthly")
    )
    if not found:
        return np.zeros((0, 3))
    table = np.array(found, dtype=float)
    table = table[np.isfinite(table[:, 2])]  # no exchange rate: left out
    own, quarters = table[table[:, 3] > 0, :3], table[table[:, 3] == 0, :3]
    # Each quarter's target as three months of a third each, except the months with their own.
    spread = np.repeat(quarters, 3, axis=0)
    spread[:, 1] += np.tile([0, 1, 2], len(quarters))
    spread[:, 2] /= 3.0
    taken = _cell_keys(own)
    spread = spread[~np.isin(_cell_keys(spread), taken)]
    return np.concatenate([own, spread])


def _cell_keys(table: np.ndarray) -> np.ndarray:
    """One number per (member, month) of a table's first two columns."""
    return table[:, 0].astype(np.int64) * 1_000_000 + table[:, 1].astype(np.int64)


def monthly_deals(organisation_id: int, member_ids: Iterable[int] | None = None) -> np.ndarray:
    """Rows (member, month, won amount, won, lost, cycle days of the won deals, open amount)
    from the monthly summary of the deals (``results.MonthlyResult``, by month of the close
    date; amounts in the reporting currency). Won deals without a cycle length count at the
    average of those with one. One query over the summary, not over the deals."""
    from salescoach.results.models import MonthlyResult

    qs = MonthlyResult.objects.filter(organisation_id=organisation_id)
    if member_ids is not None:
        qs = qs.filter(member_id__in=list(member_ids))
    found = list(
        qs.values_list(
            "member_id",
            "month",
            "won_amount",
            "won",
            "lost",
            "won_cycle_days",
            "won_with_cycle",
            "open_amount",
        )
    )
    if not found:
        return np.zeros((0, 7))
    table = np.array(found, dtype=float)
    won, days, with_cycle = table[:, 3], table[:, 5], table[:, 6]
    with np.errstate(divide="ignore", invalid="ignore"):
        table[:, 5] = np.where(with_cycle > 0, days * won / np.where(with_cycle > 0, with_cycle, 1.0), 0.0)
    return np.delete(table, 6, axis=1)


def first_day(month: int) -> date:
    return date(month // 12, month % 12 + 1, 1)


@dataclass
class Results:
    """Targets (``monthly_targets`` rows) and deals (``monthly_deals`` rows), read once and
    shared by the impact figures and the indicators."""

    targets: np.ndarray
    deals: np.ndarray

    def sums(
        self, seller_ids: np.ndarray, first: int, last: int, *, closed_only: bool = False
    ) -> dict[str, np.ndarray]:
        """Arrays sellers (``seller_ids``, sorted) x months ``first``..``last`` of the target,
        whether there is one, and the ``DEAL_SUMS``; with ``closed_only`` only the months in
        which deals were won or lost count (not those with only open deals)."""
        n, width = len(seller_ids), max(last - first + 1, 0)
        sums = {k: np.zeros((n, width)) for k in ("target", "has_target", *DEAL_SUMS)}
        targets = self.targets
        scatter(sums, seller_ids, first, targets, {"target": 2})
        scatter(sums, seller_ids, first, targets[:, :2], {}, count="has_target")
        deals = self.deals
        if closed_only:
            deals = deals[(deals[:, 3] + deals[:, 4]) > 0]
        scatter(sums, seller_ids, first, deals, {k: 2 + i for i, k in enumerate(DEAL_SUMS)})
        return sums


def scatter(
    into: dict[str, np.ndarray],
    seller_ids: np.ndarray,
    first: int,
    table: np.ndarray,
    columns: Mapping[str, int],
    count: str | None = None,
) -> None:
    """Add the ``columns`` of ``table`` (rows: seller, month, values...) into the arrays
    ``into`` (sellers ``seller_ids``, sorted, x months from ``first``); with ``count``, add
    1 into that array for every row. Rows of other sellers or months are left out."""
    if table.shape[0] == 0 or not into:
        return
    n, width = next(iter(into.values())).shape
    if n * width == 0:
        return
    who = table[:, 0].astype(np.int64)
    row = np.minimum(np.searchsorted(seller_ids, who), n - 1)
    col = table[:, 1].astype(np.int64) - first
    ok = (col >= 0) & (col < width) & (seller_ids[row] == who)
    cells = row[ok] * width + col[ok]
    for key, column in columns.items():
        into[key] += np.bincount(cells, weights=table[ok, column], minlength=n * width).reshape(n, width)
    if count is not None:
        into[count] += np.bincount(cells, minlength=n * width).reshape(n, width)


# Reads the results when called: shared by the figures that need them, read only if one does.
ReadResults = Callable[[], Results]


def results(organisation_id: int, seller_ids: Iterable[int] | None = None) -> Results:
    ids = None if seller_ids is None else list(seller_ids)
    base, rates = currency(organisation_id)
    return Results(monthly_targets(organisation_id, ids, base, rates), monthly_deals(organisation_id, ids))


def seller_periods(organisation_id: int, seller_id: int) -> dict[int, SellerPeriod]:
    """One seller's targets and closed deals by month (their timeline)."""
    found = results(organisation_id, [seller_id])
    months = np.unique(np.concatenate([found.targets[:, 1], found.deals[:, 1]])).astype(np.int64)
    if months.size == 0:
        return {}
    first = int(months[0])
    sums = found.sums(np.array([seller_id]), first, int(months[-1]), closed_only=True)
    periods = {}
    for month in months.tolist():
        j = month - first
        target = sums["target"][0, j] if sums["has_target"][0, j] and sums["target"][0, j] > 0 else None
        periods[month] = SellerPeriod(
            seller_id,
            month,
            target,
            float(sums["won_amount"][0, j]),
            int(sums["won"][0, j]),
            int(sums["lost"][0, j]),
            float(sums["won_cycle_days"][0, j]),
        )
    return periods


def coached_months(
    organisation_id: int, member_ids: Iterable[int] | None = None
) -> dict[int, list[tuple[int, int | None]]]:
    """Seller -> (first month, last month or None) of each coaching relationship that
    started: only that it ran, never what it held. One query."""
    from salescoach.coaching.models import CoachingRelationship

    qs = CoachingRelationship.objects.filter(organisation_id=organisation_id).exclude(
        ended_on__isnull=False, ended_on__lte=F("started_on")
    )
    if member_ids is not None:
        qs = qs.filter(coachee_id__in=list(member_ids))
    spans: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
    for coachee_id, started, ended in qs.values_list("coachee_id", "started_on", "ended_on"):
        spans[coachee_id].append((month_of(started), month_of(ended) if ended else None))
    return spans


def by_month(qs: QuerySet[Any], seller: str, when: str, **aggregates: Any) -> list[tuple[Any, ...]]:
    """(seller, month number, aggregates...) added up by the database per seller and
    calendar month of ``when`` (in the site's time zone)."""
    return list(
        qs.annotate(month=month_expression(when))
        .values_list(seller, "month")
        .annotate(**aggregates)
        .order_by()
    )


def _since(qs: QuerySet[Any], field: str, first: int | None, timestamp: bool = True) -> QuerySet[Any]:
    """Only rows from month ``first`` on (the page's first month)."""
    if first is None:
        return qs
    from datetime import datetime, time

    from django.utils import timezone

    day = first_day(first)
    value: Any = timezone.make_aware(datetime.combine(day, time.min)) if timestamp else day
    return qs.filter(**{f"{field}__gte": value})


def session_months(
    organisation_id: int, *, since: int | None = None
) -> list[tuple[int, int, float, int, int]]:
    """(seller, month, hours, rated sessions, useful ones) added up by the database, in one
    pass over the sessions. Hours are those of sessions that took place in relationships
    whose triad agreement reports that sessions take place -- what the manager may see
    anyway; of a rating only whether the session was useful, never why."""
    from django.db.models import DurationField
    from django.utils import timezone

    from salescoach.coaching.models import CoachingSession, Reporting, SessionStatus

    qs = _since(
        CoachingSession.objects.filter(relationship__organisation_id=organisation_id), "starts_at", since
    )
    took_place = Q(
        status=SessionStatus.SCHEDULED,
        starts_at__lte=timezone.now(),
        relationship__reporting=Reporting.SESSIONS,
    )
    rows = by_month(
        qs,
        "relationship__coachee_id",
        "starts_at",
        length=Sum(
            ExpressionWrapper(F("ends_at") - F("starts_at"), output_field=DurationField()), filter=took_place
        ),
        rated=Count("rating"),
        useful=Count("rating", filter=Q(rating__useful=True)),
    )
    return [(c, m, (length.total_seconds() / 3600.0) if length else 0.0, r, u) for c, m, length, r, u in rows]


def commitment_follow_through(
    organisation_id: int,
    member_ids: Iterable[int] | None = None,
    *,
    shared_only: bool = True,
    since: int | None = None,
) -> list[tuple[int, int, int, int, int]]:
    """(seller, month due, reviewed, done, partly) of reviewed commitments -- for group
    figures only those the seller shared with their manager. Statuses, never texts."""
    from salescoach.coaching.models import Commitment, CommitmentStatus
    from salescoach.privacy.visibility import Visibility

    qs = Commitment.objects.filter(
        relationship__organisation_id=organisation_id,
        status__in=[CommitmentStatus.DONE, CommitmentStatus.PARTLY, CommitmentStatus.NOT_DONE],
    )
    if shared_only:
        qs = qs.filter(visibility=Visibility.SHARED_WITH_MANAGER)
    if member_ids is not None:
        qs = qs.filter(relationship__coachee_id__in=list(member_ids))
    qs = _since(qs, "due_on", since, timestamp=False)
    return by_month(
        qs,
        "relationship__coachee_id",
        "due_on",
        reviewed=Count("pk"),
        done=Count("pk", filter=Q(status=CommitmentStatus.DONE)),
        partly=Count("pk", filter=Q(status=CommitmentStatus.PARTLY)),
    )


def coach_skill_scores(organisation_id: int, *, since: int | None = None) -> list[tuple[int, int, int, int]]:
    """(seller, month, sum of scores, count) of the coach's ride-along scores in the
    observations the seller shared with their manager: scores, never comments."""
    from salescoach.coaching.models import ObservationEntry
    from salescoach.privacy.visibility import Visibility

    qs = ObservationEntry.objects.filter(
        observation__session__relationship__organisation_id=organisation_id,
        observation__visibility=Visibility.SHARED_WITH_MANAGER,
        perspective="coach",
        score__isnull=False,
    )
    qs = _since(qs, "observation__session__starts_at", since)
    return by_month(
        qs,
        "observation__session__relationship__coachee_id",
        "observation__session__starts_at",
        total=Sum("score"),
        count=Count("pk"),
    )


def seller_records(found: Iterable[Seller]) -> list[SellerRecord]:
    """The estimator's seller records, with their team's programme and coaching model."""
    sellers = list(found)
    programmes = programme_of_team({s.team_id for s in sellers})
    return [
        SellerRecord(
            seller_id=s.pk,
            coaching_start=month_of(s.coaching_start) if s.coaching_start else None,
            team=s.team_id,
            programme=programmes.get(s.team_id, (None, None))[0],
            coaching_model=programmes.get(s.team_id, (None, None))[1],
        )
        for s in sellers
    ]


def programme_of_team(team_ids: set[int | None]) -> dict[int | None, tuple[Any, Any]]:
    """Team id -> (programme id, coaching model; a combination joined by "+"), in one
    query. Every group figure by programme and model (and its privacy family) follows."""
    from salescoach.programmes.models import Programme

    rows = Programme.objects.filter(team_id__in=[t for t in team_ids if t is not None])
    return {
        team: (pk, "+".join(models) or None)
        for pk, team, models in rows.values_list("pk", "team_id", "coaching_models")
    }


def group_by(rows: Iterable[tuple[Any, ...]], key: int = 0) -> dict[Any, list[tuple[Any, ...]]]:
    grouped: dict[Any, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped
