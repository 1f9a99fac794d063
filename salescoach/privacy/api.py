"""Personal data export and the audit log in the JSON API."""

# No "from __future__ import annotations" here: django-ninja reads the annotations at run time.

from datetime import date, datetime
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from salescoach.accounts.models import User
from salescoach.api.auth import viewer
from salescoach.api.pagination import Pagination
from salescoach.api.schemas import ErrorOut, ValidationErrorOut
from salescoach.coaching import services as coaching_services
from salescoach.coaching.selectors import shared_items
from salescoach.privacy import erasure, matrix, rules, selectors
from salescoach.privacy.access import access_erasure_request, access_shared_item
from salescoach.privacy.export import export_memberships, personal_data_export
from salescoach.privacy.retention import retention_overview

router = Router()


class AuditEntryOut(Schema):
    at: datetime
    who: str
    who_member_id: int | None
    action: str
    outcome: str
    object_type: str
    object_id: str
    about: str
    detail: str


class AuditFilters(Schema):
    action: str | None = None
    outcome: str | None = None


def _rows(entries: list[Any], member: Any) -> list[dict[str, Any]]:
    return [
        {
            "at": r.at,
            "who": r.actor_name,
            "who_member_id": r.actor_member_id,
            "action": r.action,
            "outcome": r.outcome,
            "object_type": r.object_type,
            "object_id": r.object_id,
            "about": r.subject_name,
            "detail": r.detail,
        }
        for r in selectors.describe(entries, viewer=member)
    ]


@router.get(
    "/me/export",
    response={200: dict[str, Any], 403: ErrorOut},
    tags=["me"],
    summary="Everything SalesCoach holds about you (personal data export)",
)
def me_export(request: HttpRequest, member: int | None = None) -> dict[str, Any]:
    """Your personal data as JSON, one key per module (`account`, `organisations`,
    `evaluations`, `surveys`, `access_log`, `coaching_notes`...). Covers your active
    memberships -- only the token's organisation for a token limited to one, only one
    membership with `?member=<your member id>`. Anonymous survey answers are not in it:
    they are stored without a link to you. Asking for someone else's member id is
    refused (403) and recorded."""
    user = cast(User, request.user)
    token = getattr(request, "api_token", None)
    organisation = token.organisation if token is not None else None
    memberships = export_memberships(requester=user, organisation=organisation, member_id=member)
    return personal_data_export(requester=user, memberships=memberships)


@router.get("/privacy/access-log", response=list[AuditEntryOut], tags=["privacy"])
@paginate(Pagination)
def access_log(request: HttpRequest) -> Any:
    """Who read or tried to read your coaching data, newest first."""
    member = viewer(request)
    return _PagedRows(selectors.coaching_access_log(viewer=member), member)


@router.get("/privacy/audit", response={200: list[AuditEntryOut], 403: ErrorOut}, tags=["privacy"])
@paginate(Pagination)
def audit_log(request: HttpRequest, filters: Query[AuditFilters]) -> Any:
    """The organisation's audit log (programme owner), without entries about coaching data."""
    member = viewer(request)
    if not rules.can_read_audit_log(member):
        raise PermissionDenied(_("Only a programme owner can read the audit log."))
    qs = selectors.organisation_audit_log(viewer=member, action=filters.action, outcome=filters.outcome)
    return _PagedRows(qs, member)


class SharedItemOut(Schema):
    kind: str
    id: int
    relationship_id: int
    coach: str
    text: str
    shared_at: datetime | None


class StopSharingIn(Schema):
    kind: str
    id: int


class StoppedOut(Schema):
    kind: str
    id: int
    visibility: str


def _shared_out(row: Any) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "id": row.key,
        "relationship_id": row.relationship.pk,
        "coach": row.relationship.coach.user.full_name,
        "text": row.text,
        "shared_at": row.shared_at,
    }


@router.get("/privacy/sharing", response=list[SharedItemOut], tags=["privacy"])
def sharing(request: HttpRequest) -> list[dict[str, Any]]:
    """Everything you share with your manager: notes, plan items, commitments and ride-alongs
    (`kind`; a ride-along is named by its session's id)."""
    return [_shared_out(row) for row in shared_items(viewer=viewer(request))]


@router.post(
    "/privacy/sharing/stop",
    response={200: StoppedOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    tags=["privacy"],
)
def sharing_stop(request: HttpRequest, payload: StopSharingIn) -> dict[str, Any]:
    """Stop sharing one item: your manager loses access on their next request. Only the
    seller can; anyone else is refused (403) and the attempt is recorded."""
    member = viewer(request)
    item = access_shared_item(viewer=member, kind=payload.kind, item_id=payload.id)
    updated = coaching_services.sharing_stop(actor=member, item=item)
    return {"kind": payload.kind, "id": payload.id, "visibility": updated.visibility}


class ErasureIn(Schema):
    member_id: int


class ErasureOut(Schema):
    id: int
    member_id: int
    member: str
    requested_by: str | None
    requested_at: datetime
    status: str
    decided_at: datetime | None


def _erasure_out(item: Any) -> dict[str, Any]:
    return {
        "id": item.pk,
        "member_id": item.member_id,
        "member": item.member.user.full_name,
        "requested_by": item.requested_by.user.full_name if item.requested_by else None,
        "requested_at": item.requested_at,
        "status": item.status,
        "decided_at": item.decided_at,
    }


ERASURE_ERRORS: dict[int, Any] = {400: ValidationErrorOut, 403: ErrorOut, 404: ErrorOut}


@router.get("/privacy/erasure-requests", response=list[ErasureOut], tags=["privacy"])
def erasure_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Erasure requests: all of the organisation for a programme owner, otherwise your own."""
    return [_erasure_out(r) for r in erasure.erasure_requests(viewer=viewer(request))[:200]]


@router.post("/privacy/erasure-requests", response={201: ErasureOut, **ERASURE_ERRORS}, tags=["privacy"])
def erasure_request(request: HttpRequest, payload: ErasureIn) -> Status[dict[str, Any]]:
    """Ask for the erasure of a member who leaves: yourself, or (programme owner) anyone in
    the organisation. A programme owner confirms it next. Someone of another organisation is
    refused (400) and the attempt recorded."""
    member = viewer(request)
    item = erasure.erasure_request(actor=member, member_id=payload.member_id)
    return Status(201, _erasure_out(access_erasure_request(viewer=member, erasure_id=item.pk)))


@router.post(
    "/privacy/erasure-requests/{erasure_id}/confirm",
    response={200: ErasureOut, **ERASURE_ERRORS},
    tags=["privacy"],
)
def erasure_confirm(request: HttpRequest, erasure_id: int) -> dict[str, Any]:
    """Confirm (programme owner, not for yourself): the member is erased now. Cannot be undone."""
    member = viewer(request)
    item = access_erasure_request(viewer=member, erasure_id=erasure_id)
    erasure.erasure_confirm(actor=member, request=item)
    return _erasure_out(access_erasure_request(viewer=member, erasure_id=erasure_id))


@router.post(
    "/privacy/erasure-requests/{erasure_id}/reject",
    response={200: ErasureOut, **ERASURE_ERRORS},
    tags=["privacy"],
)
def erasure_reject(request: HttpRequest, erasure_id: int) -> dict[str, Any]:
    """Decline (programme owner) or withdraw (the member, or whoever asked) a pending request."""
    member = viewer(request)
    item = access_erasure_request(viewer=member, erasure_id=erasure_id)
    erasure.erasure_reject(actor=member, request=item)
    return _erasure_out(access_erasure_request(viewer=member, erasure_id=erasure_id))


class RetentionRowOut(Schema):
    relationship_id: int
    coachee: str
    coach: str
    started_on: date
    ended_on: date
    deletes_on: date
    state: str


class RetentionOut(Schema):
    months: int
    open_relationships: int
    relationships: list[RetentionRowOut]


@router.get("/privacy/retention", response={200: RetentionOut, 403: ErrorOut}, tags=["privacy"])
def retention(request: HttpRequest) -> dict[str, Any]:
    """What is due for deletion (programme owner): per ended coaching relationship the date
    its content is deleted and its `state` (`due`, `scheduled`, `deleted`). Dates only."""
    member = viewer(request)
    if not rules.can_view_retention(member):
        raise PermissionDenied(_("Only a programme owner sees what is due for deletion."))
    overview = retention_overview(viewer=member)
    return {
        "months": overview.months,
        "open_relationships": overview.open_relationships,
        "relationships": [row.__dict__ for row in overview.rows],
    }


@router.get("/privacy/visibility-matrix", response=dict[str, Any], tags=["privacy"])
def visibility_matrix(request: HttpRequest) -> dict[str, Any]:
    """The visibility matrix the application enforces: for each kind of data about a seller,
    what each kind of viewer may do (`cells`: column -> grant key; `grants` explains the keys)."""
    viewer(request)
    return {
        "columns": [{"key": c.value, "label": str(c.label)} for c in matrix.COLUMNS],
        "grants": {g.key: {"label": str(g.label), "description": str(g.description)} for g in matrix.GRANTS},
        "rows": [
            {
                "key": row.key,
                "label": str(row.label),
                "covers": str(row.covers),
                "addition": row.addition,
                "cells": {c.value: row.grant(c).key for c in matrix.COLUMNS},
            }
            for row in matrix.MATRIX
        ],
    }


class _PagedRows:
    """A queryset the paginator slices; each slice is described with one names query."""

    def __init__(self, qs: Any, member: Any) -> None:
        self.qs = qs
        self.member = member

    def count(self) -> int:
        return int(self.qs.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        return _rows(list(self.qs[item]), self.member)
