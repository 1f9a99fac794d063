"""Coaching programmes in the JSON API: the model advisor."""

# No "from __future__ import annotations" here: django-ninja reads the annotations at run time.

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Router, Schema

from salescoach.api.auth import viewer
from salescoach.api.schemas import ErrorOut, ValidationErrorOut
from salescoach.privacy import rules
from salescoach.programmes.advisor import (
    DEFAULT_CADENCE_HOURS,
    AdvisorInputError,
    CoachingModel,
    Experience,
    NonSales,
    TeamAnswers,
    Trust,
    advise,
)

router = Router(tags=["programmes"])


class AdvisorIn(Schema):
    team_size: int
    manager_hours_per_month: float
    manager_trained: bool
    senior_sellers_willing: int
    budget_internal_coach: bool
    budget_external_coach: bool
    trust: Trust = Trust.MEDIUM
    experience: Experience = Experience.MIXED
    non_sales: NonSales = NonSales.NONE
    cadence_hours: float = DEFAULT_CADENCE_HOURS
    intended_models: list[CoachingModel] = []


class StepOut(Schema):
    rule: str
    text: str
    points: dict[str, int]
    ruled_out: list[str]


class AdviceOut(Schema):
    recommended: list[str]
    scores: dict[str, int]
    feasible: list[str]
    steps: list[StepOut]
    warnings: list[str]
    risks: dict[str, list[str]]
    safeguards: dict[str, list[str]]
    hours_needed: float
    manager_shortfall_hours: float
    span_that_fits: int


@router.post(
    "/programmes/advisor",
    response={200: AdviceOut, 400: ValidationErrorOut, 403: ErrorOut},
    summary="Recommend a coaching model for a team, with the reasoning",
)
def advisor(request: HttpRequest, payload: AdvisorIn) -> Any:
    if not rules.can_use_advisor(viewer(request)):
        raise PermissionDenied
    try:
        advice = advise(TeamAnswers(**{**payload.dict(), "intended_models": tuple(payload.intended_models)}))
    except AdvisorInputError as error:
        raise ValidationError(error.errors) from None
    return {
        "recommended": [m.value for m in advice.recommended],
        "scores": {m.value: s for m, s in advice.scores.items()},
        "feasible": [m.value for m in advice.feasible],
        "steps": [
            {
                "rule": s.rule,
                "text": s.text,
                "points": {m.value: p for m, p in s.points.items()},
                "ruled_out": [m.value for m in s.ruled_out],
            }
            for s in advice.steps
        ],
        "warnings": advice.warnings,
        "risks": {m.value: [str(r) for r in rs] for m, rs in advice.risks.items()},
        "safeguards": {m.value: [str(r) for r in rs] for m, rs in advice.safeguards.items()},
        "hours_needed": advice.hours_needed,
        "manager_shortfall_hours": advice.manager_shortfall_hours,
        "span_that_fits": advice.span_that_fits,
    }
