"""Pulse surveys in the JSON API: the same services, selectors and gate as the pages.
Results follow the same threshold: a suppressed figure is null, never a small number."""

# No "from __future__ import annotations" here: django-ninja reads the annotations at run time.

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from salescoach.api.auth import viewer
from salescoach.api.schemas import ErrorOut, ValidationErrorOut
from salescoach.organisations.models import Membership
from salescoach.privacy.access import (
    access_survey_run,
    access_survey_run_to_answer,
    access_survey_template,
    access_team,
)
from salescoach.surveys import rules, selectors, services
from salescoach.surveys.models import SurveyRun, SurveyTemplate

router = Router(tags=["surveys"])

ERRORS: dict[int, Any] = {400: ValidationErrorOut, 403: ErrorOut, 404: ErrorOut}


class QuestionOut(Schema):
    id: int
    kind: str
    text: str
    required: bool


class TemplateOut(Schema):
    id: int
    name: str
    description: str
    built_in: bool
    questions: list[QuestionOut]


class QuestionIn(Schema):
    kind: str = "likert"
    text: str = Field(max_length=1000)
    required: bool | None = None


class TemplateIn(Schema):
    name: str = Field(max_length=500)
    description: str = Field("", max_length=5000)
    questions: list[QuestionIn]


class RunOut(Schema):
    id: int
    title: str
    template_id: int
    team_id: int | None
    opens_on: date
    closes_on: date
    status: str = Field(description="not_open_yet, open or closed")
    invited: int
    took_part: int | None = Field(description="null when fewer than the organisation's minimum group size")


class RunIn(Schema):
    template_id: int
    title: str = Field("", max_length=500)
    team_id: int | None = None
    member_ids: list[int] = []
    opens_on: date | None = None
    closes_on: date | None = None


class SurveyInvitationOut(Schema):
    run_id: int
    title: str
    opens_on: date
    closes_on: date
    open: bool
    took_part: bool


class AnswersIn(Schema):
    answers: dict[str, Any] = Field(
        default_factory=dict, description="question id -> 1..5 for statements, text for open questions"
    )


class RunCellOut(Schema):
    id: int
    title: str
    team_id: int | None
    closes_on: date
    status: str = Field(description="published, too_few_responses or open")
    responses: int | None


class QuestionResultOut(Schema):
    id: int
    kind: str
    text: str
    answers: int | None = Field(description="null when suppressed (fewer than the threshold)")
    mean: float | None
    distribution: dict[str, int] | None
    texts: list[str] | None
    runs_left_out: int


class ResultsOut(Schema):
    template_id: int
    threshold: int
    responses: int
    runs: list[RunCellOut]
    questions: list[QuestionResultOut]


class ResultFilters(Schema):
    template: int
    team: int | None = None
    closes_from: date | None = None
    closes_until: date | None = None


def template_out(template: SurveyTemplate) -> dict[str, Any]:
    return {
        "id": template.pk,
        "name": template.display_name,
        "description": template.display_description,
        "built_in": template.is_builtin,
        "questions": [
            {"id": q.pk, "kind": q.kind, "text": q.display_text, "required": q.required}
            for q in template.questions.all()
        ],
    }


def _status(run: SurveyRun) -> str:
    return "closed" if run.is_closed else ("open" if run.is_open else "not_open_yet")


def run_out(run: SurveyRun, member: Membership) -> dict[str, Any]:
    return {
        "id": run.pk,
        "title": run.title,
        "template_id": run.template_id,
        "team_id": run.team_id,
        "opens_on": run.opens_on,
        "closes_on": run.closes_on,
        "status": _status(run),
        "invited": run.invited_count,
        "took_part": selectors.shown_count(run.responded_count, member.organisation.min_group_size),  # type: ignore[attr-defined]
    }


def results_out(results: selectors.SurveyResults) -> dict[str, Any]:
    return {
        "template_id": results.template.pk,
        "threshold": results.threshold,
        "responses": results.responses,
        "runs": [
            {
                "id": c.run.pk,
                "title": c.run.title,
                "team_id": c.run.team_id,
                "closes_on": c.run.closes_on,
                "status": "published" if c.published else ("too_few_responses" if c.closed else "open"),
                "responses": c.responses,
            }
            for c in results.runs
        ],
        "questions": [
            {
                "id": r.question.pk,
                "kind": r.question.kind,
                "text": r.question.display_text,
                "answers": r.answers if r.published else None,
                "mean": round(r.mean, 2) if r.mean is not None else None,
                "distribution": {str(v): n for v, n, _p in r.bars()}
                if r.published and r.question.is_likert
                else None,
                "texts": r.texts if r.published and not r.question.is_likert else None,
                "runs_left_out": r.runs_left_out,
            }
            for r in results.questions
        ],
    }


# --- templates -------------------------------------------------------------------------------------


@router.get("/surveys/templates", response=list[TemplateOut])
def template_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Built-in templates and your organisation's own."""
    return [template_out(t) for t in selectors.template_list(viewer=viewer(request))]


@router.post("/surveys/templates", response={201: TemplateOut, **ERRORS})
def template_create(request: HttpRequest, payload: TemplateIn) -> Status[dict[str, Any]]:
    actor = viewer(request)
    template = services.template_create(
        actor=actor,
        name=payload.name,
        description=payload.description,
        questions=[q.dict(exclude_none=True) for q in payload.questions],
    )
    return Status(201, template_out(access_survey_template(viewer=actor, template_id=template.pk)))


@router.get("/surveys/templates/{template_id}", response={200: TemplateOut, 404: ErrorOut})
def template_detail(request: HttpRequest, template_id: int) -> dict[str, Any]:
    return template_out(access_survey_template(viewer=viewer(request), template_id=template_id))


# --- runs ------------------------------------------------------------------------------------------


@router.get("/surveys/runs", response=list[RunOut])
def run_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Surveys you follow (started, or for the teams you lead); not the ones you answer."""
    member = viewer(request)
    return [run_out(r, member) for r in selectors.run_list(viewer=member)[:500]]


@router.post("/surveys/runs", response={201: RunOut, **ERRORS})
def run_create(request: HttpRequest, payload: RunIn) -> Status[dict[str, Any]]:
    """Start a survey for a team (`team_id`) or for people you lead (`member_ids`); the group
    must be at least the organisation's minimum group size."""
    actor = viewer(request)
    run = services.run_create(actor=actor, **payload.dict())
    return Status(201, run_out(access_survey_run(viewer=actor, run_id=run.pk), actor))


@router.get("/surveys/runs/{run_id}", response={200: RunOut, 404: ErrorOut})
def run_detail(request: HttpRequest, run_id: int) -> dict[str, Any]:
    member = viewer(request)
    return run_out(access_survey_run(viewer=member, run_id=run_id), member)


@router.post("/surveys/runs/{run_id}/close", response={200: RunOut, **ERRORS})
def run_close(request: HttpRequest, run_id: int) -> dict[str, Any]:
    actor = viewer(request)
    services.run_close(actor=actor, run=access_survey_run(viewer=actor, run_id=run_id))
    return run_out(access_survey_run(viewer=actor, run_id=run_id), actor)


@router.get("/surveys/runs/{run_id}/results", response={200: ResultsOut, 404: ErrorOut})
def run_results(request: HttpRequest, run_id: int) -> dict[str, Any]:
    member = viewer(request)
    run = access_survey_run(viewer=member, run_id=run_id)
    results = selectors.survey_results(viewer=member, template_id=run.template_id, run_ids=[run.pk])
    if results is None:
        raise Http404
    return results_out(results)


@router.get("/surveys/results", response={200: ResultsOut, 403: ErrorOut, 404: ErrorOut})
def results(request: HttpRequest, filters: Query[ResultFilters]) -> dict[str, Any]:
    """Results of one template over the runs you follow, by team and closing period. Runs
    still open, and groups below the threshold, are left out of every figure."""
    member = viewer(request)
    if not rules.can_run_surveys(member) and not selectors.run_list(viewer=member).exists():
        raise PermissionDenied(_("Survey results are for managers and programme owners."))
    # Ids in the filters pass the gate like ids in a path: another organisation's is a 404.
    access_survey_template(viewer=member, template_id=filters.template)
    if filters.team is not None:
        access_team(viewer=member, team_id=filters.team)
    outcome = selectors.survey_results(
        viewer=member,
        template_id=filters.template,
        team_id=filters.team,
        closes_from=filters.closes_from,
        closes_until=filters.closes_until,
    )
    if outcome is None:
        raise Http404
    return results_out(outcome)


# --- answering -------------------------------------------------------------------------------------


@router.get("/surveys/invitations", response=list[SurveyInvitationOut])
def my_invitations(request: HttpRequest) -> list[dict[str, Any]]:
    """Surveys you were invited to, and whether you took part (your answers are not linked to you)."""
    return [
        {
            "run_id": i.run.pk,
            "title": i.run.title,
            "opens_on": i.run.opens_on,
            "closes_on": i.run.closes_on,
            "open": i.run.is_open,
            "took_part": i.responded,
        }
        for i in selectors.my_invitations(viewer=viewer(request))[:500]
    ]


@router.post("/surveys/runs/{run_id}/answers", response={201: ErrorOut, **ERRORS})
def answer(request: HttpRequest, run_id: int, payload: AnswersIn) -> Status[dict[str, str]]:
    """Answer a survey you were invited to, once. Stored without your name or the time."""
    actor = viewer(request)
    run = access_survey_run_to_answer(viewer=actor, run_id=run_id)
    services.response_submit(actor=actor, run=run, answers=payload.answers)
    return Status(201, {"detail": _("Thank you. Your answers have been stored anonymously.")})
