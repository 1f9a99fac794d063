"""Reads of the craft app, always as seen by a viewer.

A coach sees their own trend. The programme owner sees the organisation's coaches
together, month by month, only where enough coaches -- not counting the owner -- wrote
texts that month (Organisation.min_group_size), so that no month reveals a small group
and the owner cannot subtract their own figures to learn about fewer others. Totals are
taken over the months shown only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from salescoach.craft import analyser
from salescoach.craft.models import Intake, StyleSample
from salescoach.craft.services import add_months, next_assessment_date
from salescoach.organisations.models import Membership
from salescoach.privacy import rules

TREND_MONTHS = 12


@dataclass(frozen=True)
class TrendRow:
    month: date
    texts: int
    open_questions: int
    closed_questions: int
    directives: int
    statements: int
    coaches: int = 0
    hidden: bool = False

    @property
    def asked_or_told(self) -> int:
        return self.open_questions + self.closed_questions + self.directives

    @property
    def ask_ratio(self) -> float | None:
        """Open questions among questions and directives; None for a month without either."""
        if not self.asked_or_told:
            return None
        return analyser.ask_ratio(
            {
                analyser.OPEN: self.open_questions,
                analyser.CLOSED: self.closed_questions,
                analyser.DIRECTIVE: self.directives,
            }
        )


def _months(today: date, count: int) -> list[date]:
    first = today.replace(day=1)
    return [add_months(first, -offset) for offset in range(count - 1, -1, -1)]


def _monthly(qs: QuerySet[StyleSample], since: date) -> dict[date, dict[str, int]]:
    rows = (
        qs.filter(analysed_on__gte=since)
        .annotate(month=TruncMonth("analysed_on"))
        .values("month")
        .annotate(
            texts=Count("id"),
            coaches=Count("coach", distinct=True),
            open_questions=Sum("open_questions"),
            closed_questions=Sum("closed_questions"),
            directives=Sum("directives"),
            statements=Sum("statements"),
        )
        .order_by("month")
    )
    result = {}
    for row in rows:
        month = row.pop("month")
        month = month.date() if hasattr(month, "date") else month
        result[month] = row
    return result


def style_trend(*, viewer: Membership, months: int = TREND_MONTHS) -> list[TrendRow]:
    """The viewer's own coaching-style trend, month by month (months without texts too)."""
    if not rules.can_practise_coaching(viewer):
        return []
    buckets = _months(timezone.localdate(), months)
    found = _monthly(StyleSample.objects.filter(coach=viewer), buckets[0])
    rows = []
    for month in buckets:
        row = found.get(month, {})
        rows.append(
            TrendRow(
                month,
                row.get("texts", 0),
                row.get("open_questions") or 0,
                row.get("closed_questions") or 0,
                row.get("directives") or 0,
                row.get("statements") or 0,
            )
        )
    return rows


def style_recent(*, viewer: Membership, days: int = 30) -> TrendRow | None:
    """The viewer's own totals over the last ``days`` days, or None without texts."""
    if not rules.can_practise_coaching(viewer):
        return None
    since = timezone.localdate().toordinal() - days + 1
    totals = StyleSample.objects.filter(coach=viewer, analysed_on__gte=date.fromordinal(since)).aggregate(
        texts=Count("id"),
        open_questions=Sum("open_questions"),
        closed_questions=Sum("closed_questions"),
        directives=Sum("directives"),
        statements=Sum("statements"),
    )
    if not totals["texts"]:
        return None
    return TrendRow(
        date.fromordinal(since),
        totals["texts"],
        totals["open_questions"] or 0,
        totals["closed_questions"] or 0,
        totals["directives"] or 0,
        totals["statements"] or 0,
    )


@dataclass(frozen=True)
class Overview:
    rows: list[TrendRow]
    total: TrendRow | None
    min_group_size: int


def style_overview(*, viewer: Membership, months: int = TREND_MONTHS) -> Overview:
    """The organisation's coaches together, per month, only above the confidentiality threshold."""
    threshold = viewer.organisation.min_group_size
    if not rules.can_view_style_overview(viewer):
        return Overview([], None, threshold)
    buckets = _months(timezone.localdate(), months)
    samples = StyleSample.objects.filter(organisation_id=viewer.organisation_id)
    found = _monthly(samples, buckets[0])
    # The viewer's own months, to leave them out of the group size.
    own = set(
        samples.filter(coach=viewer, analysed_on__gte=buckets[0])
        .annotate(month=TruncMonth("analysed_on"))
        .values_list("month", flat=True)
    )
    own = {m.date() if hasattr(m, "date") else m for m in own}
    rows: list[TrendRow] = []
    for month in buckets:
        row = found.get(month)
        if not row:
            rows.append(TrendRow(month, 0, 0, 0, 0, 0, 0, hidden=False))
            continue
        others = row["coaches"] - (1 if month in own else 0)
        if others < threshold:
            rows.append(TrendRow(month, 0, 0, 0, 0, 0, 0, hidden=True))
            continue
        rows.append(
            TrendRow(
                month,
                row["texts"],
                row["open_questions"] or 0,
                row["closed_questions"] or 0,
                row["directives"] or 0,
                row["statements"] or 0,
                row["coaches"],
            )
        )
    shown = [r for r in rows if r.texts]
    total = None
    if shown:
        total = TrendRow(
            shown[0].month,
            sum(r.texts for r in shown),
            sum(r.open_questions for r in shown),
            sum(r.closed_questions for r in shown),
            sum(r.directives for r in shown),
            sum(r.statements for r in shown),
        )
    return Overview(rows, total, threshold)


# --- intakes -----------------------------------------------------------------------------


def intake_history(*, viewer: Membership, coachee: Membership) -> list[Intake]:
    """A coachee's intake and re-assessments, oldest first, if the viewer may see them."""
    if not rules.can_view_intake_of(viewer, coachee):
        return []
    return list(Intake.objects.filter(coachee=coachee).order_by("taken_on", "pk"))


@dataclass(frozen=True)
class IntakeStatus:
    history: list[Intake]
    next_date: date | None  # when the next re-assessment is possible

    @property
    def latest(self) -> Intake | None:
        return self.history[-1] if self.history else None

    @property
    def first(self) -> Intake | None:
        return self.history[0] if self.history else None

    @property
    def can_take(self) -> bool:
        return not self.history or (self.next_date is not None and timezone.localdate() >= self.next_date)


def intake_status(*, viewer: Membership) -> IntakeStatus:
    """The viewer's own intakes and when they can take the next one."""
    if not rules.can_take_intake(viewer):
        return IntakeStatus([], None)
    history = intake_history(viewer=viewer, coachee=viewer)
    return IntakeStatus(history, next_assessment_date(history[-1]) if history else None)
