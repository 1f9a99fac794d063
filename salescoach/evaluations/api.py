"""Performance evaluations in the JSON API: the same services, selectors and gate as the pages."""

# No "from __future__ import annotations" here: django-ninja reads the annotations at run time.

import datetime as dt
from datetime import date, datetime, time
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from salescoach.api.auth import viewer
from salescoach.api.pagination import Pagination
from salescoach.api.schemas import ErrorOut, ValidationErrorOut
from salescoach.evaluations import rules, selectors, services
from salescoach.evaluations.models import Evaluation, EvaluationCycle
from salescoach.organisations.models import Membership
from salescoach.privacy.access import access_evaluation, access_evaluation_cycle, get_or_404

router = Router(tags=["evaluations"])

ERRORS: dict[int, Any] = {400: ValidationErrorOut, 403: ErrorOut, 404: ErrorOut}


class EvaluationPersonRef(Schema):
    id: int
    full_name: str


class CycleRef(Schema):
    id: int
    name: str


class CriterionOut(Schema):
    id: int
    name: str
    description: str


class CycleOut(Schema):
    id: int
    name: str
    period_start: date
    period_end: date
    status: str
    scale_max: int
    scale_low_label: str
    scale_high_label: str
    criteria: list[CriterionOut]


class CriterionIn(Schema):
    name: str = Field(max_length=300)
    description: str = Field("", max_length=3000)


class CycleIn(Schema):
    name: str = Field(max_length=300)
    period_start: date
    period_end: date
    criteria: list[CriterionIn]
    scale_max: int = 5
    scale_low_label: str = ""
    scale_high_label: str = ""


class CriterionRatingOut(Schema):
    criterion_id: int
    criterion: str
    rating: int | None
    comment: str


class EvaluationEventOut(Schema):
    at: datetime
    kind: str
    by: str | None
    fields: list[str]


class EvaluationOut(Schema):
    id: int
    cycle: CycleRef
    seller: EvaluationPersonRef
    manager: EvaluationPersonRef
    scheduled_for: datetime
    status: str
    shared_at: datetime | None
    signed_at: datetime | None
    content_visible: bool = Field(description="False while the manager prepares it (you see only the plan)")
    ratings: list[CriterionRatingOut] | None
    overall_comment: str | None
    seller_comment: str | None
    history: list[EvaluationEventOut] | None = None


class EvaluationIn(Schema):
    cycle_id: int
    seller_id: int
    date: date
    time: time


class ScheduleIn(Schema):
    # Optional here so that a missing one is answered by the service, in words.
    date: dt.date | None = None
    time: dt.time | None = None


class CriterionRatingIn(Schema):
    criterion_id: int
    rating: int | None = None
    comment: str | None = Field(None, max_length=10000)


class EvaluationPatch(Schema):
    ratings: list[CriterionRatingIn] = []
    overall_comment: str | None = Field(None, max_length=20000)


class SellerCommentIn(Schema):
    seller_comment: str = Field("", max_length=20000)


class EvaluationFilters(Schema):
    cycle: int | None = None
    status: str | None = None
    seller: int | None = None


def _person(member: Membership) -> dict[str, Any]:
    return {"id": member.pk, "full_name": member.user.full_name}


def cycle_out(cycle: EvaluationCycle) -> dict[str, Any]:
    return {
        "id": cycle.pk,
        "name": cycle.name,
        "period_start": cycle.period_start,
        "period_end": cycle.period_end,
        "status": cycle.status,
        "scale_max": cycle.scale_max,
        "scale_low_label": cycle.scale_low_label,
        "scale_high_label": cycle.scale_high_label,
        "criteria": [
            {"id": c.pk, "name": c.name, "description": c.description} for c in cycle.criteria.all()
        ],
    }


def evaluation_out(evaluation: Evaluation, member: Membership, *, detail: bool = False) -> dict[str, Any]:
    """An evaluation as the viewer may see it: content only when rules.can_read_content."""
    visible = rules.can_read_content(member, evaluation)
    out: dict[str, Any] = {
        "id": evaluation.pk,
        "cycle": {"id": evaluation.cycle.pk, "name": evaluation.cycle.name},
        "seller": _person(evaluation.seller),
        "manager": _person(evaluation.evaluator),
        "scheduled_for": evaluation.scheduled_for,
        "status": evaluation.status,
        "shared_at": evaluation.shared_at,
        "signed_at": evaluation.signed_at,
        "content_visible": visible,
        "ratings": None,
        "overall_comment": None,
        "seller_comment": None,
    }
    if detail and visible:
        out["ratings"] = [
            {
                "criterion_id": r.criterion_id,
                "criterion": r.criterion.name,
                "rating": r.rating,
                "comment": r.comment,
            }
            for r in evaluation.ratings.all()
        ]
        out["overall_comment"] = evaluation.overall_comment
        out["seller_comment"] = evaluation.seller_comment
    if detail:
        out["history"] = [
            {
                "at": e.at,
                "kind": e.kind,
                "by": e.actor.user.full_name if e.actor else None,
                "fields": e.fields,
            }
            for e in evaluation.events.all()
        ]
    return out


def _detail(member: Membership, evaluation_id: int) -> dict[str, Any]:
    return evaluation_out(access_evaluation(viewer=member, evaluation_id=evaluation_id), member, detail=True)


# --- cycles ----------------------------------------------------------------------------------


@router.get("/evaluations/cycles", response=list[CycleOut])
def cycle_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [cycle_out(c) for c in selectors.cycle_list(viewer=viewer(request))]


@router.post("/evaluations/cycles", response={201: CycleOut, **ERRORS})
def cycle_create(request: HttpRequest, payload: CycleIn) -> Status[dict[str, Any]]:
    """A new cycle with its criteria, each rated 1..scale_max (programme owner)."""
    actor = viewer(request)
    data = payload.dict()
    cycle = services.cycle_create(actor=actor, **data)
    return Status(201, cycle_out(access_evaluation_cycle(viewer=actor, cycle_id=cycle.pk)))


@router.get("/evaluations/cycles/{cycle_id}", response={200: CycleOut, 404: ErrorOut})
def cycle_detail(request: HttpRequest, cycle_id: int) -> dict[str, Any]:
    return cycle_out(access_evaluation_cycle(viewer=viewer(request), cycle_id=cycle_id))


@router.post("/evaluations/cycles/{cycle_id}/close", response={200: CycleOut, **ERRORS})
def cycle_close(request: HttpRequest, cycle_id: int) -> dict[str, Any]:
    actor = viewer(request)
    cycle = access_evaluation_cycle(viewer=actor, cycle_id=cycle_id)
    services.cycle_close(actor=actor, cycle=cycle)
    return cycle_out(access_evaluation_cycle(viewer=actor, cycle_id=cycle.pk))


# --- evaluations -------------------------------------------------------------------------------


@router.get("/evaluations", response=list[EvaluationOut])
@paginate(Pagination)
def evaluation_list(request: HttpRequest, filters: Query[EvaluationFilters]) -> Any:
    """The evaluations you may see; ratings and comments only on the detail."""
    member = viewer(request)
    # Ids in the filters pass the gate like ids in a path: another organisation's is a 404.
    if filters.cycle is not None:
        access_evaluation_cycle(viewer=member, cycle_id=filters.cycle)
    if filters.seller is not None:
        get_or_404(
            Membership.objects.filter(organisation_id=member.organisation_id),
            filters.seller,
            viewer=member,
            subject_field="id",
        )
    qs = selectors.evaluation_list(
        viewer=member, cycle_id=filters.cycle, status=filters.status, seller_id=filters.seller
    )
    return _Described(qs, member)


class _Described:
    def __init__(self, qs: Any, member: Membership) -> None:
        self.qs, self.member = qs, member

    def __len__(self) -> int:
        return int(self.qs.count())

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        return [evaluation_out(e, self.member) for e in self.qs[item]]


@router.post("/evaluations", response={201: EvaluationOut, **ERRORS})
def evaluation_create(request: HttpRequest, payload: EvaluationIn) -> Status[dict[str, Any]]:
    """Plan an evaluation meeting for a seller you manage. Refused on a day that clashes
    with coaching (never the same meeting; never the same day when you also coach them)."""
    actor = viewer(request)
    cycle = access_evaluation_cycle(viewer=actor, cycle_id=payload.cycle_id)
    evaluation = services.evaluation_create(
        actor=actor, cycle=cycle, seller_id=payload.seller_id, day=payload.date, at=payload.time
    )
    return Status(201, _detail(actor, evaluation.pk))


@router.get("/evaluations/{evaluation_id}", response={200: EvaluationOut, 404: ErrorOut})
def evaluation_detail(request: HttpRequest, evaluation_id: int) -> dict[str, Any]:
    return _detail(viewer(request), evaluation_id)


@router.patch("/evaluations/{evaluation_id}", response={200: EvaluationOut, **ERRORS})
def evaluation_update(request: HttpRequest, evaluation_id: int, payload: EvaluationPatch) -> dict[str, Any]:
    """Ratings and comments per criterion, and the overall comment (the manager, in preparation)."""
    actor = viewer(request)
    evaluation = access_evaluation(viewer=actor, evaluation_id=evaluation_id)
    services.evaluation_update(
        actor=actor,
        evaluation=evaluation,
        ratings={r.criterion_id: r.rating for r in payload.ratings if "rating" in r.model_fields_set},
        comments={r.criterion_id: r.comment or "" for r in payload.ratings if r.comment is not None},
        overall_comment=payload.overall_comment,
    )
    return _detail(actor, evaluation.pk)


@router.post("/evaluations/{evaluation_id}/schedule", response={200: EvaluationOut, **ERRORS})
def evaluation_schedule(request: HttpRequest, evaluation_id: int, payload: ScheduleIn) -> dict[str, Any]:
    actor = viewer(request)
    evaluation = access_evaluation(viewer=actor, evaluation_id=evaluation_id)
    services.evaluation_schedule(actor=actor, evaluation=evaluation, day=payload.date, at=payload.time)
    return _detail(actor, evaluation.pk)


@router.post("/evaluations/{evaluation_id}/share", response={200: EvaluationOut, **ERRORS})
def evaluation_share(request: HttpRequest, evaluation_id: int) -> dict[str, Any]:
    actor = viewer(request)
    services.evaluation_share(
        actor=actor, evaluation=access_evaluation(viewer=actor, evaluation_id=evaluation_id)
    )
    return _detail(actor, evaluation_id)


@router.post("/evaluations/{evaluation_id}/reopen", response={200: EvaluationOut, **ERRORS})
def evaluation_reopen(request: HttpRequest, evaluation_id: int) -> dict[str, Any]:
    actor = viewer(request)
    services.evaluation_reopen(
        actor=actor, evaluation=access_evaluation(viewer=actor, evaluation_id=evaluation_id)
    )
    return _detail(actor, evaluation_id)


@router.post("/evaluations/{evaluation_id}/seller-comment", response={200: EvaluationOut, **ERRORS})
def evaluation_seller_comment(
    request: HttpRequest, evaluation_id: int, payload: SellerCommentIn
) -> dict[str, Any]:
    """Your comments on your shared evaluation (the seller)."""
    actor = viewer(request)
    evaluation = access_evaluation(viewer=actor, evaluation_id=evaluation_id)
    services.evaluation_seller_comment(actor=actor, evaluation=evaluation, text=payload.seller_comment)
    return _detail(actor, evaluation_id)


@router.post("/evaluations/{evaluation_id}/sign", response={200: EvaluationOut, **ERRORS})
def evaluation_sign(request: HttpRequest, evaluation_id: int) -> dict[str, Any]:
    """Sign your shared evaluation (the seller); it is final afterwards."""
    actor = viewer(request)
    services.evaluation_sign(
        actor=actor, evaluation=access_evaluation(viewer=actor, evaluation_id=evaluation_id)
    )
    return _detail(actor, evaluation_id)
