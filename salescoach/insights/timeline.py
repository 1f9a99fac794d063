"""A seller's own path: sessions, choices and commitments with their follow-through,
ride-along skill scores (their own next to the coach's) and results, month by month.

The seller sees all of it. Their coach sees what the visibility matrix lets a coach see:
the sessions, plan, commitments, ratings and ride-alongs of *their own* relationship with
the seller (never another coach's, never the seller's private items), the seller's
self-assessment only next to a finished observation, and of the results only the
indicators the triad agreement names (``results.rules.coach_agreed_indicators``).

Counts are built from the items the viewer may read (``policy.items_visible_q``), so a
count never says more than the items would; a coach's reads go on the seller's access
log like any other read of their content. Around ten queries, whatever the history.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from django.db.models import Q
from django.utils import timezone

from salescoach.insights import data
from salescoach.insights.indicators import cadence_for
from salescoach.organisations.models import Membership
from salescoach.privacy import policy
from salescoach.privacy.services import audit_reads
from salescoach.results import rules as results_rules

MONTHS = 24
# Timeline result -> the results indicator a triad agreement names.
RESULT_INDICATORS = {"attainment": "attainment", "win_rate": "win_rate", "cycle_length": "cycle_days"}


@dataclass
class Timeline:
    seller: Membership
    months: list[int]
    own: bool  # the viewer is the seller
    sessions: list[int] = field(default_factory=list)
    hours: list[float] = field(default_factory=list)
    choices: list[int] = field(default_factory=list)
    commitments_made: list[int] = field(default_factory=list)
    done: list[int] = field(default_factory=list)
    partly: list[int] = field(default_factory=list)
    not_done: list[int] = field(default_factory=list)
    useful: list[float | None] = field(default_factory=list)
    skills: list[dict[str, Any]] = field(default_factory=list)  # per area: self and coach per month
    results: dict[str, list[float | None]] = field(default_factory=dict)
    cadence: tuple[float, float] = (3.0, 5.0)

    @property
    def follow_through(self) -> list[float | None]:
        out: list[float | None] = []
        for d, p, n in zip(self.done, self.partly, self.not_done, strict=True):
            total = d + p + n
            out.append(round((d + 0.5 * p) / total, 3) if total else None)
        return out

    @property
    def month_keys(self) -> list[str]:
        return [f"{m // 12}-{m % 12 + 1:02d}" for m in self.months]

    def table(self) -> list[dict[str, Any]]:
        """Month by month, newest first, as the page's table shows it."""
        follow = self.follow_through
        rows = []
        for k, month in enumerate(self.month_keys):
            rows.append(
                {
                    "month": month,
                    "sessions": self.sessions[k],
                    "hours": self.hours[k],
                    "choices": self.choices[k],
                    "made": self.commitments_made[k],
                    "follow_through": follow[k],
                    "useful": self.useful[k],
                    "results": [values[k] for values in self.results.values()],
                }
            )
        return rows[::-1]

    def as_dict(self) -> dict[str, Any]:
        return {
            "seller": {"id": self.seller.pk, "name": self.seller.full_name},
            "months": self.month_keys,
            "cadence_hours": list(self.cadence),
            "sessions": self.sessions,
            "hours": self.hours,
            "choices": self.choices,
            "commitments": {
                "made": self.commitments_made,
                "done": self.done,
                "partly": self.partly,
                "not_done": self.not_done,
                "follow_through": self.follow_through,
            },
            "usefulness": self.useful,
            "skills": self.skills,
            "results": self.results,
        }


def _relationships_q(viewer: Membership, seller: Membership, prefix: str) -> Q:
    """The relationships of ``seller`` whose content ``viewer`` takes part in: all of the
    seller's own; for a coach only the ones they coach."""
    q = Q(**{f"{prefix}coachee_id": seller.pk, f"{prefix}organisation_id": seller.organisation_id})
    if viewer.pk != seller.pk:
        q &= Q(**{f"{prefix}coach_id": viewer.pk})
    return q


def seller_timeline(*, viewer: Membership, seller: Membership, until: int | None = None) -> Timeline:
    """The caller fetched ``seller`` through ``access_timeline_member``."""
    from salescoach.coaching.models import (
        CoachingSession,
        Commitment,
        CommitmentStatus,
        Observation,
        ObservationEntry,
        PlanItem,
        PlanLayer,
        SessionRating,
        SessionStatus,
    )
    from salescoach.coaching.rubric import RUBRIC_BY_KEY

    last = until if until is not None else data.month_of(timezone.localdate())
    months = list(range(last - MONTHS + 1, last + 1))
    first = months[0]
    width = len(months)
    own = viewer.pk == seller.pk
    tl = Timeline(seller=seller, months=months, own=own, cadence=cadence_for(team_id=seller.team_id))

    def slot(month: int) -> int | None:
        return month - first if first <= month <= last else None

    tl.sessions, tl.hours = [0] * width, [0.0] * width
    sessions = CoachingSession.objects.filter(
        _relationships_q(viewer, seller, "relationship__"),
        status=SessionStatus.SCHEDULED,
        starts_at__lte=timezone.now(),
        starts_at__gte=timezone.make_aware(datetime.combine(data.first_day(first), time.min)),
    ).values_list("starts_at", "ends_at")
    tz = timezone.get_current_timezone()
    for starts, ends in sessions:
        k = slot(data.month_of(starts.astimezone(tz).date()))
        if k is not None:
            tl.sessions[k] += 1
            tl.hours[k] = round(tl.hours[k] + (ends - starts).total_seconds() / 3600.0, 2)

    read: list[Any] = []
    choices = (
        PlanItem.objects.filter(
            policy.items_visible_q(viewer, kind="PlanItem", author_field="created_by_id"),
            _relationships_q(viewer, seller, "relationship__"),
            layer=PlanLayer.CHOICE,
        )
        .only("pk", "created_at", "created_by_id", "relationship__coachee_id")
        .select_related("relationship")
    )
    tl.choices = [0] * width
    for item in choices:
        read.append(item)
        k = slot(data.month_of(item.created_at.astimezone(tz).date()))
        if k is not None:
            tl.choices[k] += 1

    commitments = Commitment.objects.filter(
        policy.items_visible_q(viewer, kind="Commitment", author_field="created_by_id"),
        _relationships_q(viewer, seller, "relationship__"),
    ).only("pk", "created_at", "due_on", "status", "created_by_id", "relationship__coachee_id")
    tl.commitments_made, tl.done, tl.partly, tl.not_done = ([0] * width for _ in range(4))
    outcome: dict[str, list[int]] = {
        CommitmentStatus.DONE.value: tl.done,
        CommitmentStatus.PARTLY.value: tl.partly,
        CommitmentStatus.NOT_DONE.value: tl.not_done,
    }
    for c in commitments.select_related("relationship"):
        read.append(c)
        k = slot(data.month_of(c.created_at.astimezone(tz).date()))
        if k is not None:
            tl.commitments_made[k] += 1
        due = slot(data.month_of(c.due_on))
        if due is not None and c.status in outcome:
            outcome[c.status][due] += 1

    ratings = (
        SessionRating.objects.filter(_relationships_q(viewer, seller, "session__relationship__"))
        .select_related("session__relationship")
        .only("pk", "useful", "rated_by_id", "session__starts_at", "session__relationship__coachee_id")
    )
    rated, useful = [0] * width, [0] * width
    for rating in ratings:
        read.append(rating)
        k = slot(data.month_of(rating.session.starts_at.astimezone(tz).date()))
        if k is not None:
            rated[k] += 1
            useful[k] += int(rating.useful)
    tl.useful = [round(u / r, 3) if r else None for u, r in zip(useful, rated, strict=True)]

    visible_observations = Observation.objects.filter(
        policy.items_visible_q(
            viewer, kind="Observation", author_field=None, prefix="session__relationship__"
        ),
        _relationships_q(viewer, seller, "session__relationship__"),
    ).values("pk")
    entries = ObservationEntry.objects.filter(observation_id__in=visible_observations, score__isnull=False)
    if not own:
        # The coach sees the self-assessment only next to their own finished observation.
        entries = entries.filter(Q(perspective="coach") | Q(observation__observed_at__isnull=False))
    else:
        # The seller sees the coach's scores once the coach has finished.
        entries = entries.filter(Q(perspective="self") | Q(observation__observed_at__isnull=False))
    per_area: dict[str, dict[str, list[list[float]]]] = {}
    for area, perspective, score, starts in entries.values_list(
        "area", "perspective", "score", "observation__session__starts_at"
    ):
        k = slot(data.month_of(starts.astimezone(tz).date()))
        if k is None:
            continue
        cells = per_area.setdefault(area, {"self": [[] for _ in months], "coach": [[] for _ in months]})
        cells[perspective][k].append(float(score or 0))
    language = None
    for area, cells in sorted(per_area.items()):
        skill = RUBRIC_BY_KEY.get(area)
        tl.skills.append(
            {
                "area": area,
                "label": skill.title(language) if skill else area,
                "self": [round(sum(v) / len(v), 2) if v else None for v in cells["self"]],
                "coach": [round(sum(v) / len(v), 2) if v else None for v in cells["coach"]],
            }
        )

    allowed = _result_keys(viewer, seller)
    if allowed:
        by_month = data.seller_periods(seller.organisation_id, seller.pk)
        series: dict[str, list[float | None]] = {k: [] for k in allowed}
        for month in months:
            r = by_month.get(month)
            values = {
                "attainment": round(r.won_amount / r.target, 3) if r and r.target else None,
                "win_rate": round(r.won / (r.won + r.lost), 3) if r and (r.won + r.lost) else None,
                "cycle_length": round(r.won_cycle_days / r.won, 1) if r and r.won else None,
            }
            for key in allowed:
                series[key].append(values[key])
        tl.results = series

    if not own:
        audit_reads(viewer=viewer, objects=read, via="timeline")
    return tl


def _result_keys(viewer: Membership, seller: Membership) -> list[str]:
    if viewer.pk == seller.pk:
        return list(RESULT_INDICATORS)
    agreed = results_rules.coach_agreed_indicators(viewer).get(seller.pk, frozenset())
    return [key for key, name in RESULT_INDICATORS.items() if name in agreed]


def timeline_members_q(viewer: Membership) -> Q:
    """Whose timeline the viewer may open: their own, and their coachees' (an open
    coaching relationship in which they are the coach)."""
    if not viewer.is_active:
        return Q(pk__in=[])
    from salescoach.coaching.models import CoachingRelationship, RelationshipStatus

    coachees = (
        CoachingRelationship.objects.filter(organisation_id=viewer.organisation_id, coach_id=viewer.pk)
        .exclude(status=RelationshipStatus.ENDED)
        .values("coachee_id")
    )
    return Q(organisation_id=viewer.organisation_id) & (Q(pk=viewer.pk) | Q(pk__in=coachees))


def coachee_list(viewer: Membership) -> Iterable[Membership]:
    return (
        Membership.objects.filter(timeline_members_q(viewer))
        .exclude(pk=viewer.pk)
        .select_related("user")
        .order_by("user__full_name")
    )
