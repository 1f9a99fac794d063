"""Insights in the JSON API: does coaching work?"""

# No "from __future__ import annotations" here: django-ninja reads the annotations at run time.

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

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
