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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import (
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
)
from django.db.models.functions import Cast, ExtractMonth, ExtractYear

from salescoach.insights.stats.panel import SellerPeriod, SellerRecord
from salescoach.organisations.models import COACHEE_ROLES, Membership, MembershipStatus, RoleAssignment
from salescoach.results.models import DEFAULT_CURRENCY, ExchangeRate, PeriodKind, ResultsSettings, Target

# Commitments and ride-along scores are coaching content: the group figures use only the
# items the seller chose to share with their manager (product rule 1).
SHARED_ONLY_SOURCES = ("commitments", "observations")


def month_of(day: date) -> int:
    return day.year * 12 + day.month - 1


def month_expression(field: str) -> Any:
    """The month number of a date column, computed by the database (SQLite and PostgreSQL)."""
    return ExpressionWrapper(ExtractYear(field) * 12 + ExtractMonth(field) - 1, output_field=IntegerField())


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


def monthly_targets(
    organisation_id: int, member_ids: Iterable[int] | None, base: str, rates: Mapping[str, Decimal]
) -> dict[tuple[int, int], float]:
    """(member, month) -> target amount in the reporting currency: a month's own target, or
    else a third of its quarter's (as the results dashboards resolve them). One query."""
    qs = Target.objects.filter(organisation_id=organisation_id, amount__isnull=False)
    if member_ids is not None:
        qs = qs.filter(member_id__in=list(member_ids))
    month_targets: dict[tuple[int, int], float] = {}
    quarter_targets: dict[tuple[int, int], float] = {}
    factors = {code: float(rate) for code, rate in rates.items()}
    factors[base] = 1.0
    for member_id, kind, start, amount, code in qs.values_list(
        "member_id", "period_kind", "period_start", "amount", "currency"
    ).iterator(chunk_size=20_000):
        factor = factors.get(code)
        if factor is None:
            continue  # no exchange rate: left out, as on the dashboards
        value = float(amount or 0) * factor
        key = (member_id, month_of(start))
        if kind == PeriodKind.MONTH:
            month_targets[key] = month_targets.get(key, 0.0) + value
        else:
            quarter_targets[key] = quarter_targets.get(key, 0.0) + value
    result = dict(month_targets)
    for (member_id, first), value in quarter_targets.items():
        for k in range(3):
            result.setdefault((member_id, first + k), value / 3.0)
    return result


def closed_deals(
    organisation_id: int,
    owner_ids: Iterable[int] | None = None,
    *,
    with_open: bool = False,
    months: tuple[int, int] | None = None,
) -> list[tuple[Any, ...]]:
    """Per owner and month of the close date, added up by the database: won amount (in the
    reporting currency; deals without a rate are left out of amounts), won, lost, summed
    cycle days of the won deals and how many of them have a cycle length; with
    ``with_open`` also the open amount (the pipeline of that month). One query."""
    from salescoach.results.models import Opportunity, StageKind

    qs = Opportunity.objects.filter(organisation_id=organisation_id)
    if not with_open:
        qs = qs.filter(status__in=[StageKind.WON, StageKind.LOST])
    if owner_ids is not None:
        qs = qs.filter(owner_id__in=list(owner_ids))
    if months is not None:
        qs = qs.filter(close_date__gte=first_day(months[0]), close_date__lt=first_day(months[1] + 1))
    won = Q(status=StageKind.WON)
    # Sums as floating point in the database: no Decimal per cell on the way out.
    aggregates: dict[str, Any] = {
        "won_amount": Cast(Sum("amount_base", filter=won), FloatField()),
        "won": Count("close_date", filter=won),
        "lost": Count("close_date", filter=Q(status=StageKind.LOST)),
        "cycle": Sum("cycle_days", filter=won),
        "cycle_n": Count("cycle_days", filter=won),
    }
    if with_open:
        aggregates["open_amount"] = Cast(Sum("amount_base", filter=Q(status=StageKind.OPEN)), FloatField())
    return list(
        qs.annotate(month=month_expression("close_date"))
        .values_list("owner_id", "month")
        .annotate(**aggregates)
        .order_by()
    )


def first_day(month: int) -> date:
    return date(month // 12, month % 12 + 1, 1)


@dataclass
class Results:
    """Targets by (seller, month) and deals by owner and month (``closed_deals`` rows with
    the open amount), read once and shared by the impact figures and the indicators."""

    targets: dict[tuple[int, int], float]
    deals: list[tuple[Any, ...]]


def results(organisation_id: int, seller_ids: Iterable[int] | None = None) -> Results:
    ids = None if seller_ids is None else list(seller_ids)
    base, rates = currency(organisation_id)
    return Results(
        monthly_targets(organisation_id, ids, base, rates), closed_deals(organisation_id, ids, with_open=True)
    )


def seller_periods(
    organisation_id: int, seller_ids: Iterable[int] | None = None, *, loaded: Results | None = None
) -> list[SellerPeriod]:
    """Targets and closed deals merged into one row per (seller, month)."""
    ids = None if seller_ids is None else list(seller_ids)
    found = loaded or results(organisation_id, ids)
    targets = found.targets
    deals: dict[tuple[int, int], tuple[float, int, int, float]] = {}
    for owner_id, month, amount, won, lost, cycle, cycle_n, _open in found.deals:
        if not (won or lost):
            continue  # only open deals closing that month
        # Won deals without a cycle length count at the average of those with one.
        days = float(cycle or 0) * (won / cycle_n) if cycle_n else 0.0
        deals[(owner_id, month)] = (float(amount or 0), won, lost, days)
    keep = None if ids is None else set(ids)
    rows = []
    for key in targets.keys() | deals.keys():
        if keep is not None and key[0] not in keep:
            continue
        amount, won, lost, days = deals.get(key, (0.0, 0, 0, 0.0))
        rows.append(SellerPeriod(key[0], key[1], targets.get(key), amount, won, lost, days))
    return rows


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


def _since(qs: QuerySet[Any], field: str, first: int | None, timestamp: bool = True) -> QuerySet[Any]:
    """Only rows from month ``first`` on (the page's first month)."""
    if first is None:
        return qs
    from datetime import datetime, time

    from django.utils import timezone

    day = first_day(first)
    value: Any = timezone.make_aware(datetime.combine(day, time.min)) if timestamp else day
    return qs.filter(**{f"{field}__gte": value})


def session_hours(
    organisation_id: int,
    member_ids: Iterable[int] | None = None,
    *,
    reported_only: bool = True,
    since: int | None = None,
) -> list[tuple[int, int, float, int]]:
    """(seller, month, hours, sessions) of the sessions that took place, added up by the
    database. Group figures (``reported_only``) count only relationships whose triad
    agreement reports that sessions take place -- what the manager may see anyway; the
    seller's own timeline counts all of theirs."""
    from django.db.models import DurationField
    from django.utils import timezone

    from salescoach.coaching.models import CoachingSession, Reporting, SessionStatus

    qs = CoachingSession.objects.filter(
        relationship__organisation_id=organisation_id,
        status=SessionStatus.SCHEDULED,
        starts_at__lte=timezone.now(),
    )
    if reported_only:
        qs = qs.filter(relationship__reporting=Reporting.SESSIONS)
    if member_ids is not None:
        qs = qs.filter(relationship__coachee_id__in=list(member_ids))
    qs = _since(qs, "starts_at", since)
    rows = (
        qs.annotate(month=month_expression("starts_at"))
        .values_list("relationship__coachee_id", "month")
        .annotate(
            length=Sum(ExpressionWrapper(F("ends_at") - F("starts_at"), output_field=DurationField())),
            sessions=Count("pk"),
        )
        .order_by()
    )
    return [(c, m, (length.total_seconds() / 3600.0) if length else 0.0, n) for c, m, length, n in rows]


def session_ratings(
    organisation_id: int, member_ids: Iterable[int] | None = None, *, since: int | None = None
) -> list[tuple[int, int, int, int]]:
    """(seller, month, rated sessions, useful ones): whether, never why. One query."""
    from salescoach.coaching.models import SessionRating

    qs = SessionRating.objects.filter(session__relationship__organisation_id=organisation_id)
    if member_ids is not None:
        qs = qs.filter(session__relationship__coachee_id__in=list(member_ids))
    qs = _since(qs, "session__starts_at", since)
    return list(
        qs.annotate(month=month_expression("session__starts_at"))
        .values_list("session__relationship__coachee_id", "month")
        .annotate(rated=Count("pk"), useful=Count("pk", filter=Q(useful=True)))
        .order_by()
    )


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
    return list(
        qs.annotate(month=month_expression("due_on"))
        .values_list("relationship__coachee_id", "month")
        .annotate(
            reviewed=Count("pk"),
            done=Count("pk", filter=Q(status=CommitmentStatus.DONE)),
            partly=Count("pk", filter=Q(status=CommitmentStatus.PARTLY)),
        )
        .order_by()
    )


def skill_scores(
    organisation_id: int,
    member_ids: Iterable[int] | None = None,
    *,
    shared_only: bool = True,
    since: int | None = None,
    coach_only: bool = False,
) -> list[tuple[int, int, str, str, int, int]]:
    """(seller, month, area, perspective, sum of scores, count) of ride-along scores --
    for group figures only observations the seller shared with their manager. Scores,
    never comments."""
    from salescoach.coaching.models import ObservationEntry
    from salescoach.privacy.visibility import Visibility

    qs = ObservationEntry.objects.filter(
        observation__session__relationship__organisation_id=organisation_id, score__isnull=False
    )
    if shared_only:
        qs = qs.filter(observation__visibility=Visibility.SHARED_WITH_MANAGER)
    if member_ids is not None:
        qs = qs.filter(observation__session__relationship__coachee_id__in=list(member_ids))
    if coach_only:
        qs = qs.filter(perspective="coach")
    qs = _since(qs, "observation__session__starts_at", since)
    return list(
        qs.annotate(month=month_expression("observation__session__starts_at"))
        .values_list("observation__session__relationship__coachee_id", "month", "area", "perspective")
        .annotate(total=Sum("score"), count=Count("pk"))
        .order_by()
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
