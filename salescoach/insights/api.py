"""Insights in the JSON API: does coaching work?"""

# No "from __future__ import annotations" here: django-ninja reads the annotations at run time.

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from salescoach.api.auth import viewer
from salescoach.api.schemas import ErrorOut
from salescoach.insights import selectors
from salescoach.privacy.access import access_team_insights

router = Router(tags=["insights"])

Metric = Literal["attainment", "win_rate", "cycle_length"]
Verdict = Literal["effect", "no_effect_detected", "insufficient_data"]


class ImpactFigureOut(Schema):
    metric: Metric
    estimate: float | None = Field(
        description="Change attributable to coaching: a fraction for attainment and win rate "
        "(0.05 = 5 points), days for cycle length; null when the data cannot tell."
    )
    ci_low: float | None
    ci_high: float | None
    confidence: float
    n_coached: int | None = Field(description="null when the group is too small to show")
    n_comparison: int | None
    verdict: Verdict


class BandsOut(Schema):
    top: ImpactFigureOut
    core: ImpactFigureOut
    bottom: ImpactFigureOut


class ImpactOut(ImpactFigureOut):
    by_band: BandsOut


class ImpactQuery(Schema):
    team: int
    metric: Metric = "attainment"


@router.get("/impact", response={200: ImpactOut, 403: ErrorOut, 404: ErrorOut})
def impact(request: HttpRequest, query: Query[ImpactQuery]) -> Any:
    """Coached sellers' change since their coaching started against sellers not yet
    coached in the same periods (difference in differences), with a 95% interval and
    by performance band. See docs/INSIGHTS.md for the method and the verdict rules."""
    actor = viewer(request)
    team = access_team_insights(viewer=actor, team_id=query.team)
    return selectors.team_impact(viewer=actor, team=team, metric=query.metric)


# --- indicators, timeline, coach effectiveness ----------------------------------------------

IndicatorKey = Literal[
    "coaching_hours",
    "follow_through",
    "skill",
    "usefulness",
    "attainment",
    "win_rate",
    "average_deal_size",
    "cycle_length",
    "pipeline_coverage",
]


class IndicatorSeriesOut(Schema):
    indicator: IndicatorKey
    kind: Literal["leading", "lagging"]
    values: list[float | None] = Field(
        description="Per month: fractions for follow-through, usefulness, attainment and win rate; "
        "hours, scores (1-5), amounts, days or a ratio otherwise; null when withheld for privacy "
        "or without data."
    )
    n: list[int | None] = Field(description="Per month: the sellers behind the figure (null when withheld).")


class IndicatorsOut(Schema):
    team: int | None
    months: list[str]
    min_group_size: int
    cadence_hours: list[float] = Field(
        description="The coaching hours per seller per month aimed for (low, high)."
    )
    indicators: list[IndicatorSeriesOut]
    by_band: dict[str, list[IndicatorSeriesOut]] = Field(
        description="The organisation's figures by performance band (top, core, bottom); empty for a team."
    )


class IndicatorsQuery(Schema):
    team: int | None = None
    period: str | None = Field(
        None, description="The last month shown (2026-03, 2026-Q1 or 2026); default: this month."
    )


def _months(period: str | None) -> list[int] | None:
    from django.utils.translation import gettext as _

    from salescoach.insights.indicators import month_range
    from salescoach.results.periods import add_months, parse_period

    if not period:
        return None
    found = parse_period(period)
    if found is None:
        raise HttpError(
            400, _("Write the period as 2026-03 (a month), 2026-Q1 (a quarter) or 2026 (a year).")
        )
    last = add_months(found.end, -1)
    return month_range(last.year * 12 + last.month - 1)


def _series(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"indicator": r["key"], "kind": r["kind"], "values": r["values"], "n": r["n"]} for r in rows]


@router.get("/indicators", response={200: IndicatorsOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut})
def indicators(request: HttpRequest, query: Query[IndicatorsQuery]) -> Any:
    """Leading and lagging indicators per month, for a team (its manager, their superior,
    the programme owner) or, without ``team``, the organisation with its performance bands
    (the programme owner). Which indicators you get follows the visibility matrix; a figure
    for fewer sellers than the organisation's minimum, or one that would reveal such a group
    together with others, is null. See docs/INSIGHTS.md."""
    from django.core.exceptions import PermissionDenied

    from salescoach.insights import indicators as ind
    from salescoach.insights.presentation import indicator_rows
    from salescoach.insights.rules import TEAM_INSIGHTS_DENIED, can_view_org_insights

    actor = viewer(request)
    months = _months(query.period)
    if query.team is not None:
        team = access_team_insights(viewer=actor, team_id=query.team)
        found = ind.team_indicators(viewer=actor, team=team, months=months)
        filters: dict[str, Any] = {"team": team.pk}
        bands: dict[str, Any] = {}
    else:
        if not can_view_org_insights(actor):
            raise PermissionDenied(TEAM_INSIGHTS_DENIED)
        found = ind.org_indicators(viewer=actor, months=months)
        filters = {}
        bands = {band: _series(indicator_rows(found, filters, band)) for band in ("top", "core", "bottom")}
    from salescoach.insights.presentation import month_key

    return {
        "team": query.team,
        "months": [month_key(m) for m in found.months],
        "min_group_size": found.release.min_group_size,
        "cadence_hours": list(found.cadence),
        "indicators": _series(indicator_rows(found, filters)),
        "by_band": bands,
    }


class TimelineCommitmentsOut(Schema):
    made: list[int]
    done: list[int]
    partly: list[int]
    not_done: list[int]
    follow_through: list[float | None]


class TimelineSkillOut(Schema):
    area: str
    label: str
    self: list[float | None]
    coach: list[float | None]


class TimelineSellerOut(Schema):
    id: int
    name: str


class TimelineOut(Schema):
    seller: TimelineSellerOut
    months: list[str]
    cadence_hours: list[float]
    sessions: list[int]
    hours: list[float]
    choices: list[int]
    commitments: TimelineCommitmentsOut
    usefulness: list[float | None]
    skills: list[TimelineSkillOut]
    results: dict[str, list[float | None]] = Field(
        description="attainment, win_rate, cycle_length per month: all for the seller; for a coach only "
        "those the triad agreement names."
    )


@router.get("/timeline/{member_id}", response={200: TimelineOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut})
def timeline(request: HttpRequest, member_id: int, period: str | None = None) -> Any:
    """A seller's own path over the last 24 months: sessions and hours, choices,
    commitments and their follow-through, session usefulness, ride-along scores (self next
    to the coach) and results. For the seller, and for their coach as far as the
    visibility matrix allows. ``period``: the last month shown (default: this month)."""
    from salescoach.insights.timeline import seller_timeline
    from salescoach.privacy.access import access_timeline_member

    actor = viewer(request)
    seller = access_timeline_member(viewer=actor, member_id=member_id)
    months = _months(period)
    return seller_timeline(viewer=actor, seller=seller, until=months[-1] if months else None).as_dict()


class EffectivenessCoachOut(Schema):
    id: int
    name: str


class EffectivenessMetricsOut(Schema):
    attainment: ImpactFigureOut
    win_rate: ImpactFigureOut
    cycle_length: ImpactFigureOut


class LeadingOut(Schema):
    coaching_hours: float | None
    usefulness: float | None


class LeadingCompareOut(Schema):
    coachees: LeadingOut | None = None
    all_coached: LeadingOut | None = None


class EffectivenessOut(Schema):
    coach: EffectivenessCoachOut
    coachees: int | None = Field(description="null when fewer than the minimum group size")
    metrics: EffectivenessMetricsOut
    leading: LeadingCompareOut


@router.get(
    "/coaches/{member_id}/effectiveness",
    response={200: EffectivenessOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def coach_effectiveness(request: HttpRequest, member_id: int, period: str | None = None) -> Any:
    """A coach's coachees' change since their coaching started against sellers not yet
    coached in the same months, and their leading indicators next to every coached
    seller's (over the twelve months up to ``period``, default this month). For the coach
    and the programme owner only."""
    from salescoach.privacy.access import access_effectiveness_coach

    actor = viewer(request)
    coach = access_effectiveness_coach(viewer=actor, member_id=member_id)
    return selectors.coach_effectiveness(organisation=actor.organisation, coach=coach, months=_months(period))
