"""Reads of coaching programmes: lists, health, and the incentive report."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from salescoach.organisations.models import COACHEE_ROLES, Membership, MembershipStatus, Role, Team
from salescoach.programmes import incentives, rules, safeguards
from salescoach.programmes.models import ModelChoice, Programme
from salescoach.results.periods import Period, month_of, quarter_of


def team_profile(*, team: Team) -> dict[str, Any]:
    """What the advisor can prefill from a team the viewer may see (one query)."""
    counts = (
        Membership.objects.filter(team=team, status=MembershipStatus.ACTIVE)
        .exclude(pk=team.manager_id)
        .aggregate(
            coachees=Count("pk", filter=Q(role_assignments__role__in=COACHEE_ROLES), distinct=True),
            seniors=Count("pk", filter=Q(role_assignments__role=Role.SENIOR_SELLER), distinct=True),
            non_sales=Count("pk", filter=Q(role_assignments__role=Role.NON_SALES), distinct=True),
        )
    )
    coachees = counts["coachees"] or 0
    share = (counts["non_sales"] or 0) / coachees if coachees else 0
    return {
        "team_size": max(coachees, 1),
        "senior_sellers_willing": counts["seniors"] or 0,
        "non_sales": "most" if share > 0.5 else "some" if share > 0 else "none",
    }


def programme_list(*, viewer: Membership) -> QuerySet[Programme]:
    return (
        Programme.objects.filter(rules.visible_programmes_q(viewer))
        .select_related("organisation", "team__manager__user", "team__manager__reports_to__user")
        .order_by("team__name")
    )


def programme_people(*, programme: Programme) -> dict[str, Any]:
    """The coaches (with their model) and coachees of a programme (two queries)."""
    coaches = list(
        programme.coaches.select_related("member__user").order_by("model", "member__user__full_name")
    )
    coachees = [
        c.member
        for c in programme.coachees.select_related("member__user").order_by("member__user__full_name")
    ]
    return {"coaches": coaches, "coachees": coachees}


def programme_health(
    *, programmes: list[Programme], today: date | None = None
) -> dict[int, list[safeguards.Check]]:
    """The safeguards of each programme, with their trend, in a fixed number of queries."""
    today = today or timezone.localdate()
    snapshots = safeguards.load_snapshots(programmes, today=today)
    return {pk: safeguards.health(snapshot, today=today) for pk, snapshot in snapshots.items()}


def future_managers(*, viewer: Membership) -> list[tuple[Membership, Programme]]:
    """Senior sellers whose suitability assessment signals a future manager: for the
    programme owner only (talent, not coaching content)."""
    from salescoach.programmes import rubric
    from salescoach.programmes.models import SuitabilityAssessment

    if not rules.can_export_incentives(viewer):
        return []
    scores: dict[tuple[int, int], list[dict[str, int]]] = {}
    rows = SuitabilityAssessment.objects.filter(
        programme__organisation_id=viewer.organisation_id
    ).select_related("candidate__user", "programme__team")
    who: dict[tuple[int, int], tuple[Membership, Programme]] = {}
    for row in rows:
        key = (row.candidate_id, row.programme_id)
        scores.setdefault(key, []).append(row.scores)
        who[key] = (row.candidate, row.programme)
    out = []
    for key, sets in scores.items():
        result = rubric.outcome(sets)
        if result is not None and result.future_manager:
            out.append(who[key])
    return sorted(out, key=lambda pair: pair[0].user.full_name)


def incentive_period(programme: Programme, day: date) -> Period:
    return month_of(day) if programme.period == "month" else quarter_of(day)


def incentive_report(*, programme: Programme, period: Period) -> list[incentives.IncentiveLine]:
    """The incentive per senior-seller coach of the programme for one period (for payroll)."""
    from salescoach.coaching.models import CoachingRelationship
    from salescoach.results.selectors import seller_months

    terms = list(programme.incentives.select_related("coach__user"))
    if not terms or not programme.has_model(ModelChoice.SENIOR_SELLERS):
        return []
    months = [
        (r.seller_id, r.period, r.target, r.won_amount)
        for r in seller_months(organisation_id=programme.organisation_id)
    ]
    now = incentives.period_figures(months, period)
    before = incentives.period_figures(months, period.previous())
    coachee_ids = set(programme.coachees.values_list("member_id", flat=True))
    relationships = CoachingRelationship.objects.filter(
        coach_id__in=[t.coach_id for t in terms],
        coachee_id__in=coachee_ids,
        started_on__lt=period.end,
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=period.start))
    coached: dict[int, set[int]] = {}
    for coach_id, coachee_id in relationships.values_list("coach_id", "coachee_id"):
        coached.setdefault(coach_id, set()).add(coachee_id)
    lines = []
    for term in sorted(terms, key=lambda t: t.coach.user.full_name):
        people = sorted(coached.get(term.coach_id, set()))
        target = now.get(term.coach_id, (None, Decimal(0)))[0]
        figures = incentives.calculate(
            coachees=len(people),
            reduction_pct_per_coachee=term.target_reduction_pct_per_coachee,
            max_reduction_pct=term.max_target_reduction_pct,
            original_target=target,
            bonus_amount=term.bonus_amount,
            bonus_share_pct=term.bonus_share_pct,
            full_payout_improvement_pts=term.full_payout_improvement_pts,
            attainment_before=[_attainment(before, p) for p in people],
            attainment_now=[_attainment(now, p) for p in people],
        )
        lines.append(
            incentives.IncentiveLine(
                period=period.key,
                coach_email=term.coach.user.email,
                coach_name=term.coach.user.full_name,
                coachees=len(people),
                reduction_pct=figures["reduction_pct"],  # type: ignore[arg-type]
                original_target=target,
                reduced_target=figures["reduced_target"],
                improvement_pts=figures["improvement_pts"],
                bonus_tied=figures["bonus_tied"],  # type: ignore[arg-type]
                earned_fraction_pct=figures["earned_fraction_pct"],  # type: ignore[arg-type]
                bonus_earned=figures["bonus_earned"],  # type: ignore[arg-type]
            )
        )
    return lines


def _attainment(figures: dict[int, tuple[Decimal | None, Decimal]], member_id: int) -> Decimal | None:
    target, won = figures.get(member_id, (None, Decimal(0)))
    return incentives.attainment(won, target)


def digest_for(
    *, member: Membership, today: date | None = None
) -> list[tuple[Programme, list[safeguards.Check]]]:
    """What needs attention in the programmes a member follows (for the weekly digest)."""
    programmes = list(programme_list(viewer=member))
    health = programme_health(programmes=programmes, today=today)
    out = []
    for programme in programmes:
        needs = [c for c in health.get(programme.pk, []) if c.status != safeguards.Status.OK]
        if needs:
            out.append((programme, sorted(needs, key=lambda c: -c.status.rank)))
    return out
