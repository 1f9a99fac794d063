"""Coaching programmes in the JSON API: the model advisor, programmes and their health."""

# No "from __future__ import annotations" here: django-ninja reads the annotations at run time.

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from salescoach.api.auth import viewer
from salescoach.api.schemas import ErrorOut, ValidationErrorOut
from salescoach.privacy import rules
from salescoach.privacy.access import access_programme
from salescoach.programmes import rules as programme_rules
from salescoach.programmes import safeguards, selectors, services
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


# --- programmes ---------------------------------------------------------------------------------

ERRORS: dict[int, Any] = {400: ValidationErrorOut, 403: ErrorOut, 404: ErrorOut}


class TeamRefOut(Schema):
    id: int
    name: str


class CoachIn(Schema):
    member_id: int
    model: CoachingModel


class CoachOut(Schema):
    member_id: int
    name: str
    model: str
    appointed_on: date


class ProgrammeIn(Schema):
    team_id: int
    coaching_models: list[CoachingModel] = Field(..., max_length=4)
    goals: str = Field(..., max_length=2000)
    starts_on: date
    cadence_min_hours: float = Field(3.0, ge=0.5, le=20)
    cadence_max_hours: float = Field(5.0, ge=0.5, le=20)
    period: str = Field("quarter", pattern="^(month|quarter)$")
    alignment_interval_days: int = Field(30, ge=7, le=180)
    ride_along_target: int = Field(3, ge=0, le=100)
    coaches: list[CoachIn] = Field([], max_length=50)


class ProgrammeOut(Schema):
    id: int
    team: TeamRefOut
    coaching_models: list[str]
    goals: str
    starts_on: date
    cadence_min_hours: float
    cadence_max_hours: float
    period: str
    alignment_interval_days: int
    ride_along_target: int


class ProgrammeDetailOut(ProgrammeOut):
    coaches: list[CoachOut]
    coachee_ids: list[int]


class TrendOut(Schema):
    period: str
    status: str


class CheckOut(Schema):
    key: str
    model: str
    title: str
    subject: str
    status: str
    evidence: list[str]
    next_action: str
    trend: list[TrendOut]


class HealthOut(Schema):
    programme_id: int
    status: str
    counts: dict[str, int]
    checks: list[CheckOut]


def programme_out(programme: Any) -> dict[str, Any]:
    return {
        "id": programme.pk,
        "team": {"id": programme.team_id, "name": programme.team.name},
        "coaching_models": list(programme.coaching_models),
        "goals": programme.goals,
        "starts_on": programme.starts_on,
        "cadence_min_hours": float(programme.cadence_min_hours),
        "cadence_max_hours": float(programme.cadence_max_hours),
        "period": programme.period,
        "alignment_interval_days": programme.alignment_interval_days,
        "ride_along_target": programme.ride_along_target,
    }


def programme_detail_out(programme: Any) -> dict[str, Any]:
    people = selectors.programme_people(programme=programme)
    return {
        **programme_out(programme),
        "coaches": [
            {
                "member_id": c.member_id,
                "name": c.member.user.full_name,
                "model": c.model,
                "appointed_on": c.appointed_on,
            }
            for c in people["coaches"]
        ],
        "coachee_ids": [m.pk for m in people["coachees"]],
    }


@router.get("/programmes", response={200: list[ProgrammeOut], 403: ErrorOut})
def programme_list(request: HttpRequest) -> Any:
    """The programmes you may see: all of them as programme owner; as a manager, your
    teams' and those of the managers who report to you."""
    member = viewer(request)
    if not programme_rules.can_view_programmes(member):
        raise PermissionDenied
    return [programme_out(p) for p in selectors.programme_list(viewer=member)[:500]]


@router.post("/programmes", response={201: ProgrammeDetailOut, **ERRORS})
def programme_create(request: HttpRequest, payload: ProgrammeIn) -> Any:
    """Set up a team's programme. The manager model's coach is the team's manager (added
    for you); every other model needs at least one coach holding that model's role. The
    coachees are the team's sellers and non-sales professionals."""
    actor = viewer(request)
    if not programme_rules.can_view_programmes(actor):
        raise PermissionDenied
    programme = services.programme_create(
        actor=actor,
        team_id=payload.team_id,
        coaching_models=[m.value for m in payload.coaching_models],
        goals=payload.goals,
        starts_on=payload.starts_on,
        cadence_min_hours=payload.cadence_min_hours,
        cadence_max_hours=payload.cadence_max_hours,
        period=payload.period,
        alignment_interval_days=payload.alignment_interval_days,
        ride_along_target=payload.ride_along_target,
        coaches=[(c.member_id, c.model.value) for c in payload.coaches],
    )
    return Status(201, programme_detail_out(access_programme(viewer=actor, programme_id=programme.pk)))


@router.get("/programmes/{programme_id}", response={200: ProgrammeDetailOut, 404: ErrorOut})
def programme_detail(request: HttpRequest, programme_id: int) -> Any:
    return programme_detail_out(access_programme(viewer=viewer(request), programme_id=programme_id))


@router.get("/programmes/{programme_id}/health", response={200: HealthOut, 404: ErrorOut})
def programme_health(request: HttpRequest, programme_id: int) -> Any:
    """Each safeguard of the programme's models: status (ok, attention, problem), the
    evidence, the next action and the trend over the last periods."""
    programme = access_programme(viewer=viewer(request), programme_id=programme_id)
    checks = selectors.programme_health(programmes=[programme])[programme.pk]
    return {
        "programme_id": programme.pk,
        "status": safeguards.worst(checks).value,
        "counts": safeguards.counts(checks),
        "checks": [
            {
                "key": c.key,
                "model": c.model,
                "title": c.title,
                "subject": c.subject,
                "status": c.status.value,
                "evidence": c.evidence,
                "next_action": c.next_action,
                "trend": [{"period": label, "status": status.value} for label, status in c.trend],
            }
            for c in checks
        ],
    }
