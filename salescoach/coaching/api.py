"""The coaching workspace in the JSON API: the same services, selectors, access gate and
privacy policy as the pages. Objects the caller may not see answer 404."""

# No "from __future__ import annotations" here: django-ninja reads the annotations at run time.

from datetime import date, datetime, timedelta
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from salescoach.accounts.models import User
from salescoach.api.auth import viewer
from salescoach.api.pagination import Pagination
from salescoach.api.schemas import ErrorOut, ValidationErrorOut
from salescoach.coaching import calendar, frameworks, selectors, services
from salescoach.coaching.models import (
    CoachingRelationship,
    CoachingSession,
    Commitment,
    Note,
    Observation,
    PlanItem,
    Proposal,
    SessionEvent,
    TriadAgreement,
)
from salescoach.organisations.models import Membership
from salescoach.privacy import policy
from salescoach.privacy.access import (
    access_agreement,
    access_commitment,
    access_custom_question,
    access_note,
    access_observation,
    access_plan_item,
    access_proposal,
    access_relationship,
    access_session,
)
from salescoach.privacy.services import audit_reads
from salescoach.privacy.visibility import Visibility

router = Router(tags=["coaching"])


def _read(member: Membership, *objects: Any) -> None:
    """On the access log: coaching content this answer holds, read by someone other than
    its author (buffered; one INSERT after the response)."""
    audit_reads(viewer=member, objects=objects, via="api")


class _Paged:
    """A queryset the paginator slices; only the page that is returned is converted (and
    put on the access log)."""

    def __init__(self, qs: Any, convert: Any) -> None:
        self.qs = qs
        self.convert = convert

    def count(self) -> int:
        return int(self.qs.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        return [self.convert(obj) for obj in self.qs[item]]


ERRORS: dict[int, Any] = {400: ValidationErrorOut, 403: ErrorOut, 404: ErrorOut}


# --- shapes ------------------------------------------------------------------------------


class CoachingPersonRef(Schema):
    id: int
    full_name: str


def person(member: Membership | None) -> dict[str, Any] | None:
    if member is None:
        return None
    return {"id": member.pk, "full_name": member.user.full_name}


class CoachingTeamRef(Schema):
    id: int
    name: str


class RelationshipOut(Schema):
    id: int
    coach: CoachingPersonRef
    coachee: CoachingPersonRef
    team: CoachingTeamRef | None
    coach_kind: str
    status: str
    started_on: date
    ended_on: date | None
    agreement_state: str


class RelationshipIn(Schema):
    coach_id: int | None = None
    coachee_id: int | None = None
    started_on: date | None = None


class AgreementOut(Schema):
    id: int
    relationship_id: int
    version: int
    result_to_reach: str
    manager_role: str
    coach_role: str
    reporting: str
    cadence: str
    review_on: date
    seller: CoachingPersonRef
    coach: CoachingPersonRef
    manager: CoachingPersonRef | None
    created_by: CoachingPersonRef
    created_at: datetime
    confirmed_at: datetime | None
    confirmed_by: list[CoachingPersonRef]


class AgreementIn(Schema):
    result_to_reach: str = Field("", max_length=20_000)
    manager_role: str = Field("", max_length=20_000)
    coach_role: str = Field("", max_length=20_000)
    reporting: str = "sessions"
    cadence: str = "biweekly"
    review_on: date | None = None


class SessionOut(Schema):
    id: int
    relationship_id: int
    access: str = Field(description="What you may see: date, participant or full")
    starts_at: datetime
    ends_at: datetime | None = None
    kind: str | None = None
    status: str | None = None
    location: str | None = None
    video_url: str | None = None
    manager: CoachingPersonRef | None = None
    agenda: str | None = None
    framework: str | None = None
    outcomes: str | None = None
    status_reason: str | None = None
    reminder_minutes: int | None = None


class SessionIn(Schema):
    kind: str = "one_to_one"
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    duration_minutes: int | None = Field(None, description="Instead of ends_at")
    location: str = Field("", max_length=20_000)
    video_url: str = Field("", max_length=20_000)
    framework: str | None = None
    reminder_minutes: int | None = None


class SessionPatch(Schema):
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    location: str | None = Field(None, max_length=20_000)
    video_url: str | None = Field(None, max_length=20_000)
    reminder_minutes: int | None = None


class ReasonIn(Schema):
    reason: str = Field("", max_length=20_000)


class AgendaIn(Schema):
    agenda: str = Field("", max_length=100_000)


class OutcomesIn(Schema):
    outcomes: str = Field("", max_length=100_000)


class QuestionRef(Schema):
    stage: str = ""
    text: str = Field("", max_length=20_000)


class PreparationIn(Schema):
    framework: str = frameworks.DEFAULT_FRAMEWORK
    questions: list[QuestionRef] = []


class PreparationOut(Schema):
    framework: str
    questions: list[QuestionRef]


class SessionRatingIn(Schema):
    useful: bool | None = None
    comment: str = Field("", max_length=20_000)


class SessionRatingOut(Schema):
    useful: bool
    comment: str
    updated_at: datetime


class SessionEventOut(Schema):
    kind: str
    at: datetime
    actor: CoachingPersonRef | None
    data: dict[str, Any]


class NoteOut(Schema):
    id: int
    relationship_id: int
    session_id: int | None
    plan_item_id: int | None
    commitment_id: int | None
    author: CoachingPersonRef
    text: str
    visibility: str
    created_at: datetime
    updated_at: datetime


class NoteIn(Schema):
    relationship_id: int | None = None
    text: str = Field("", max_length=100_000)
    visibility: str = Visibility.COACH_AND_SELLER
    session_id: int | None = None
    plan_item_id: int | None = None
    commitment_id: int | None = None


class TextPatch(Schema):
    text: str | None = Field(None, max_length=100_000)
    visibility: str | None = None


class PlanItemOut(Schema):
    id: int
    relationship_id: int
    layer: str
    text: str
    follows_from_id: int | None
    status: str
    visibility: str
    created_by: CoachingPersonRef
    created_at: datetime
    updated_at: datetime


class PlanItemIn(Schema):
    relationship_id: int | None = None
    layer: str = ""
    text: str = Field("", max_length=20_000)
    follows_from_id: int | None = None
    visibility: str = Visibility.COACH_AND_SELLER


class PlanItemPatch(Schema):
    text: str | None = Field(None, max_length=20_000)
    layer: str | None = None
    status: str | None = None
    follows_from_id: int | None = None
    visibility: str | None = None


class RevisionOut(Schema):
    changed_at: datetime
    changed_by: CoachingPersonRef
    change: str
    layer: str
    text: str
    status: str
    visibility: str


class ProposalOut(Schema):
    id: int
    relationship_id: int
    session_id: int | None
    kind: str
    text: str
    rationale: str
    layer: str
    follows_from_id: int | None
    due_on: date | None
    proposed_by: CoachingPersonRef
    created_at: datetime
    status: str
    decided_at: datetime | None
    decision_comment: str
    plan_item_id: int | None
    commitment_id: int | None


class ProposalIn(Schema):
    relationship_id: int | None = None
    kind: str = ""
    text: str = Field("", max_length=20_000)
    rationale: str = Field("", max_length=20_000)
    layer: str = ""
    follows_from_id: int | None = None
    due_on: date | None = None
    session_id: int | None = None


class AcceptIn(Schema):
    due_on: date | None = None
    visibility: str = Visibility.COACH_AND_SELLER


class DeclineIn(Schema):
    comment: str = Field("", max_length=20_000)


class CommitmentOut(Schema):
    id: int
    relationship_id: int
    session_id: int | None
    text: str
    due_on: date
    overdue: bool
    visibility: str
    status: str
    reflection: str
    reviewed_in_id: int | None
    reviewed_at: datetime | None
    created_by: CoachingPersonRef
    created_at: datetime


class CommitmentIn(Schema):
    relationship_id: int | None = None
    text: str = Field("", max_length=20_000)
    due_on: date | None = None
    session_id: int | None = None
    visibility: str = Visibility.COACH_AND_SELLER


class CommitmentPatch(Schema):
    text: str | None = Field(None, max_length=20_000)
    due_on: date | None = None
    visibility: str | None = None


class ReviewIn(Schema):
    status: str = ""
    reflection: str = Field("", max_length=20_000)
    session_id: int | None = None


class EntryIn(Schema):
    score: int | None = None
    comment: str = Field("", max_length=20_000)


class EntriesIn(Schema):
    entries: dict[str, EntryIn] = {}
    appointment: str | None = Field(None, max_length=20_000)


class EntryOut(Schema):
    area: str
    title: str
    self_score: int | None
    self_comment: str
    coach_score: int | None
    coach_comment: str


class ObservationOut(Schema):
    session_id: int
    appointment: str
    visibility: str
    self_assessed_at: datetime | None
    observed_at: datetime | None
    acknowledged_at: datetime | None
    seller_reply: str
    self_assessment_visible: bool
    coach_observation_visible: bool
    rubric: list[EntryOut]


class ReplyIn(Schema):
    reply: str = Field("", max_length=20_000)
    acknowledge: bool = False


class VisibilityIn(Schema):
    visibility: str = ""


class FrameworkStageOut(Schema):
    key: str
    name: str
    purpose: str
    questions: list[str]
    own_questions: list[str]


class FrameworkOut(Schema):
    key: str
    name: str
    description: str
    stages: list[FrameworkStageOut]


class CustomQuestionOut(Schema):
    id: int
    framework: str
    stage: str
    language: str
    text: str


class CustomQuestionIn(Schema):
    framework: str = frameworks.DEFAULT_FRAMEWORK
    stage: str = ""
    language: str = "nl"
    text: str = Field("", max_length=20_000)


class FeedOut(Schema):
    url: str


class ListFilters(Schema):
    relationship: int | None = None


class SessionFilters(Schema):
    relationship: int | None = None
    upcoming: bool | None = None


class CommitmentFilters(Schema):
    relationship: int | None = None
    open: bool = False
    overdue: bool = False


# --- output helpers ------------------------------------------------------------------------


def relationship_out(relationship: CoachingRelationship, state: str) -> dict[str, Any]:
    return {
        "id": relationship.pk,
        "coach": person(relationship.coach),
        "coachee": person(relationship.coachee),
        "team": {"id": relationship.team.pk, "name": relationship.team.name} if relationship.team else None,
        "coach_kind": relationship.coach_kind,
        "status": relationship.status,
        "started_on": relationship.started_on,
        "ended_on": relationship.ended_on,
        "agreement_state": state,
    }


def agreement_out(member: Membership, agreement: TriadAgreement) -> dict[str, Any]:
    _read(member, agreement)
    return {
        "id": agreement.pk,
        "relationship_id": agreement.relationship_id,
        "version": agreement.version,
        "result_to_reach": agreement.result_to_reach,
        "manager_role": agreement.manager_role,
        "coach_role": agreement.coach_role,
        "reporting": agreement.reporting,
        "cadence": agreement.cadence,
        "review_on": agreement.review_on,
        "seller": person(agreement.seller),
        "coach": person(agreement.coach),
        "manager": person(agreement.manager),
        "created_by": person(agreement.created_by),
        "created_at": agreement.created_at,
        "confirmed_at": agreement.confirmed_at,
        "confirmed_by": [person(c.member) for c in agreement.confirmations.all()],
    }


ACCESS_NAMES = {
    policy.SessionAccess.DATE: "date",
    policy.SessionAccess.PARTICIPANT: "participant",
    policy.SessionAccess.FULL: "full",
}


def session_out(member: Membership, session: CoachingSession) -> dict[str, Any]:
    """The session as far as this member may see it."""
    level = policy.session_access(member, session)
    if level == policy.SessionAccess.NONE:
        raise Http404
    _read(member, session)
    data: dict[str, Any] = {
        "id": session.pk,
        "relationship_id": session.relationship_id,
        "access": ACCESS_NAMES[level],
        "starts_at": session.starts_at,
    }
    if level >= policy.SessionAccess.PARTICIPANT:
        data.update(
            ends_at=session.ends_at,
            kind=session.kind,
            status=session.status,
            location=session.location,
            video_url=session.video_url,
            manager=person(session.manager),
            agenda=session.agenda,
        )
    if level == policy.SessionAccess.FULL:
        data.update(
            framework=session.framework,
            outcomes=session.outcomes,
            status_reason=session.status_reason,
            reminder_minutes=session.reminder_minutes,
        )
    return data


def note_out(member: Membership, note: Note) -> dict[str, Any]:
    _read(member, note)
    return {
        "id": note.pk,
        "relationship_id": note.relationship_id,
        "session_id": note.session_id,
        "plan_item_id": note.plan_item_id,
        "commitment_id": note.commitment_id,
        "author": person(note.author),
        "text": note.text,
        "visibility": note.visibility,
        "created_at": note.created_at,
        "updated_at": note.updated_at,
    }


def plan_item_out(member: Membership, item: PlanItem) -> dict[str, Any]:
    _read(member, item)
    return {
        "id": item.pk,
        "relationship_id": item.relationship_id,
        "layer": item.layer,
        "text": item.text,
        "follows_from_id": item.follows_from_id,
        "status": item.status,
        "visibility": item.visibility,
        "created_by": person(item.created_by),
        "created_at": item.created_at,
        "updated_at": item.updated_at,
    }


def proposal_out(member: Membership, proposal: Proposal) -> dict[str, Any]:
    _read(member, proposal)
    return {
        "id": proposal.pk,
        "relationship_id": proposal.relationship_id,
        "session_id": proposal.session_id,
        "kind": proposal.kind,
        "text": proposal.text,
        "rationale": proposal.rationale,
        "layer": proposal.layer,
        "follows_from_id": proposal.follows_from_id,
        "due_on": proposal.due_on,
        "proposed_by": person(proposal.proposed_by),
        "created_at": proposal.created_at,
        "status": proposal.status,
        "decided_at": proposal.decided_at,
        "decision_comment": proposal.decision_comment,
        "plan_item_id": proposal.plan_item_id,
        "commitment_id": proposal.commitment_id,
    }


def commitment_out(member: Membership, commitment: Commitment) -> dict[str, Any]:
    _read(member, commitment)
    return {
        "id": commitment.pk,
        "relationship_id": commitment.relationship_id,
        "session_id": commitment.session_id,
        "text": commitment.text,
        "due_on": commitment.due_on,
        "overdue": commitment.is_overdue,
        "visibility": commitment.visibility,
        "status": commitment.status,
        "reflection": commitment.reflection,
        "reviewed_in_id": commitment.reviewed_in_id,
        "reviewed_at": commitment.reviewed_at,
        "created_by": person(commitment.created_by),
        "created_at": commitment.created_at,
    }


def observation_out(member: Membership, observation: Observation) -> dict[str, Any]:
    _read(member, observation)
    rows = selectors.observation_rows(viewer=member, observation=observation)
    return {
        "session_id": observation.session_id,
        "appointment": observation.appointment,
        "visibility": observation.visibility,
        "self_assessed_at": observation.self_assessed_at,
        "observed_at": observation.observed_at,
        "acknowledged_at": observation.acknowledged_at,
        "seller_reply": observation.seller_reply,
        "self_assessment_visible": policy.can_see_self_assessment(member, observation),
        "coach_observation_visible": policy.can_see_coach_observation(member, observation),
        "rubric": [
            {
                "area": row.area_key,
                "title": row.title,
                "self_score": row.self_score,
                "self_comment": row.self_comment,
                "coach_score": row.coach_score,
                "coach_comment": row.coach_comment,
            }
            for row in rows
        ],
    }


def _relationship_filter(member: Membership, relationship_id: int | None) -> CoachingRelationship | None:
    if relationship_id is None:
        return None
    return access_relationship(viewer=member, relationship_id=relationship_id)


def _required_relationship(member: Membership, relationship_id: int | None) -> CoachingRelationship:
    if relationship_id is None:
        raise ValidationError({"relationship_id": "This field is required."})
    return access_relationship(viewer=member, relationship_id=relationship_id)


# --- relationships and agreements ------------------------------------------------------------


@router.get("/relationships", response=list[RelationshipOut])
def relationship_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Coaching relationships you may see: as coach, as coachee, as the coachee's
    manager, or (programme owner) all of them -- never their content."""
    member = viewer(request)
    relationships = list(selectors.relationship_list(viewer=member))
    statuses = selectors.agreement_statuses(relationships)
    return [relationship_out(r, statuses[r.pk].state) for r in relationships]


@router.post("/relationships", response={201: RelationshipOut, **ERRORS})
def relationship_create(request: HttpRequest, payload: RelationshipIn) -> Status[dict[str, Any]]:
    member = viewer(request)
    relationship = services.relationship_create(
        actor=member, coach_id=payload.coach_id, coachee_id=payload.coachee_id, started_on=payload.started_on
    )
    relationship = access_relationship(viewer=member, relationship_id=relationship.pk)
    return Status(201, relationship_out(relationship, "missing"))


@router.get("/relationships/{relationship_id}", response={200: RelationshipOut, 404: ErrorOut})
def relationship_detail(request: HttpRequest, relationship_id: int) -> dict[str, Any]:
    member = viewer(request)
    relationship = access_relationship(viewer=member, relationship_id=relationship_id)
    state = selectors.agreement_statuses([relationship])[relationship.pk].state
    return relationship_out(relationship, state)


@router.post("/relationships/{relationship_id}/end", response={200: RelationshipOut, **ERRORS})
def relationship_end(request: HttpRequest, relationship_id: int) -> dict[str, Any]:
    member = viewer(request)
    relationship = access_relationship(viewer=member, relationship_id=relationship_id)
    services.relationship_end(actor=member, relationship=relationship)
    relationship = access_relationship(viewer=member, relationship_id=relationship_id)
    return relationship_out(relationship, selectors.agreement_statuses([relationship])[relationship.pk].state)


@router.get("/relationships/{relationship_id}/agreements", response={200: list[AgreementOut], 404: ErrorOut})
def agreement_list(request: HttpRequest, relationship_id: int) -> list[dict[str, Any]]:
    """Every version of the triad agreement, newest first."""
    member = viewer(request)
    relationship = access_relationship(viewer=member, relationship_id=relationship_id)
    return [
        agreement_out(member, a) for a in selectors.agreement_list(viewer=member, relationship=relationship)
    ]


@router.post("/relationships/{relationship_id}/agreements", response={201: AgreementOut, **ERRORS})
def agreement_propose(
    request: HttpRequest, relationship_id: int, payload: AgreementIn
) -> Status[dict[str, Any]]:
    """A new version; you confirm it by writing it, the other parties confirm next."""
    member = viewer(request)
    relationship = access_relationship(viewer=member, relationship_id=relationship_id)
    agreement = services.agreement_propose(actor=member, relationship=relationship, **payload.dict())
    return Status(201, agreement_out(member, access_agreement(viewer=member, agreement_id=agreement.pk)))


@router.get("/agreements/{agreement_id}", response={200: AgreementOut, 404: ErrorOut})
def agreement_detail(request: HttpRequest, agreement_id: int) -> dict[str, Any]:
    member = viewer(request)
    return agreement_out(member, access_agreement(viewer=member, agreement_id=agreement_id))


@router.post("/agreements/{agreement_id}/confirm", response={200: AgreementOut, **ERRORS})
def agreement_confirm(request: HttpRequest, agreement_id: int) -> dict[str, Any]:
    member = viewer(request)
    agreement = access_agreement(viewer=member, agreement_id=agreement_id)
    services.agreement_confirm(actor=member, agreement=agreement)
    return agreement_out(member, access_agreement(viewer=member, agreement_id=agreement_id))


# --- sessions ------------------------------------------------------------------------------------


@router.get("/sessions", response=list[SessionOut])
@paginate(Pagination)
def session_list(request: HttpRequest, filters: Query[SessionFilters]) -> list[dict[str, Any]]:
    member = viewer(request)
    relationship = _relationship_filter(member, filters.relationship)
    sessions = selectors.session_list(viewer=member, relationship=relationship, upcoming=filters.upcoming)
    return _Paged(sessions, lambda s: session_out(member, s))  # type: ignore[return-value]


@router.post("/relationships/{relationship_id}/sessions", response={201: SessionOut, **ERRORS})
def session_plan(request: HttpRequest, relationship_id: int, payload: SessionIn) -> Status[dict[str, Any]]:
    """Plan a session; the participants get an e-mail invitation with a calendar file."""
    member = viewer(request)
    relationship = access_relationship(viewer=member, relationship_id=relationship_id)
    ends_at = payload.ends_at
    if ends_at is None and payload.starts_at is not None and payload.duration_minutes is not None:
        ends_at = payload.starts_at + timedelta(minutes=payload.duration_minutes)
    session = services.session_plan(
        actor=member,
        relationship=relationship,
        kind=payload.kind,
        starts_at=payload.starts_at,
        ends_at=ends_at,
        location=payload.location,
        video_url=payload.video_url,
        framework=payload.framework,
        reminder_minutes=payload.reminder_minutes,
    )
    return Status(201, session_out(member, access_session(viewer=member, session_id=session.pk)))


@router.get("/sessions/{session_id}", response={200: SessionOut, 404: ErrorOut})
def session_detail(request: HttpRequest, session_id: int) -> dict[str, Any]:
    member = viewer(request)
    return session_out(member, access_session(viewer=member, session_id=session_id))


@router.patch("/sessions/{session_id}", response={200: SessionOut, **ERRORS})
def session_update(request: HttpRequest, session_id: int, payload: SessionPatch) -> dict[str, Any]:
    """Reschedule or change place, link or reminder; everyone gets an updated invitation."""
    member = viewer(request)
    session = access_session(viewer=member, session_id=session_id)
    services.session_update(actor=member, session=session, **payload.dict(exclude_unset=True))
    return session_out(member, access_session(viewer=member, session_id=session_id))


@router.post("/sessions/{session_id}/cancel", response={200: SessionOut, **ERRORS})
def session_cancel(request: HttpRequest, session_id: int, payload: ReasonIn) -> dict[str, Any]:
    member = viewer(request)
    session = access_session(viewer=member, session_id=session_id)
    services.session_cancel(actor=member, session=session, reason=payload.reason)
    return session_out(member, access_session(viewer=member, session_id=session_id))


@router.post("/sessions/{session_id}/no-show", response={200: SessionOut, **ERRORS})
def session_no_show(request: HttpRequest, session_id: int, payload: ReasonIn) -> dict[str, Any]:
    member = viewer(request)
    session = access_session(viewer=member, session_id=session_id)
    services.session_mark_no_show(actor=member, session=session, reason=payload.reason)
    return session_out(member, access_session(viewer=member, session_id=session_id))


@router.put("/sessions/{session_id}/agenda", response={200: SessionOut, **ERRORS})
def session_agenda(request: HttpRequest, session_id: int, payload: AgendaIn) -> dict[str, Any]:
    """The seller sets the agenda."""
    member = viewer(request)
    session = access_session(viewer=member, session_id=session_id)
    services.session_set_agenda(actor=member, session=session, agenda=payload.agenda)
    return session_out(member, access_session(viewer=member, session_id=session_id))


@router.get("/sessions/{session_id}/preparation", response={200: PreparationOut, **ERRORS})
def session_preparation(request: HttpRequest, session_id: int) -> dict[str, Any]:
    """The coach's own preparation: the framework and the questions they picked."""
    member = viewer(request)
    session = access_session(viewer=member, session_id=session_id)
    if not policy.can_view_preparation(member, session):
        raise Http404
    questions = selectors.prepared_questions(viewer=member, session=session)
    return {
        "framework": session.framework,
        "questions": [{"stage": q.stage, "text": q.text} for q in questions],
    }


@router.put("/sessions/{session_id}/preparation", response={200: PreparationOut, **ERRORS})
def session_prepare(request: HttpRequest, session_id: int, payload: PreparationIn) -> dict[str, Any]:
    member = viewer(request)
    session = access_session(viewer=member, session_id=session_id)
    services.session_prepare(
        actor=member,
        session=session,
        framework=payload.framework,
        questions=[(q.stage, q.text) for q in payload.questions],
    )
    return session_preparation(request, session_id)


@router.put("/sessions/{session_id}/outcomes", response={200: SessionOut, **ERRORS})
def session_outcomes(request: HttpRequest, session_id: int, payload: OutcomesIn) -> dict[str, Any]:
    member = viewer(request)
    session = access_session(viewer=member, session_id=session_id)
    services.session_set_outcomes(actor=member, session=session, outcomes=payload.outcomes)
    return session_out(member, access_session(viewer=member, session_id=session_id))


@router.get("/sessions/{session_id}/rating", response={200: SessionRatingOut | None, **ERRORS})
def session_rating(request: HttpRequest, session_id: int) -> Any:
    """The seller's rating; the seller and the coach see it, nobody else."""
    member = viewer(request)
    session = access_session(viewer=member, session_id=session_id)
    if not policy.can_view_rating(member, session):
        raise Http404
    rating = selectors.rating_for(viewer=member, session=session)
    _read(member, rating)
    return rating


@router.put("/sessions/{session_id}/rating", response={200: SessionRatingOut, **ERRORS})
def session_rate(request: HttpRequest, session_id: int, payload: SessionRatingIn) -> Any:
    member = viewer(request)
    session = access_session(viewer=member, session_id=session_id)
    return services.session_rate(
        actor=member, session=session, useful=payload.useful, comment=payload.comment
    )


@router.get("/sessions/{session_id}/history", response={200: list[SessionEventOut], **ERRORS})
def session_history(request: HttpRequest, session_id: int) -> list[dict[str, Any]]:
    """Planned, rescheduled, cancelled, no-show… with who and when."""
    member = viewer(request)
    session = access_session(viewer=member, session_id=session_id)
    if not policy.can_view_session_content(member, session):
        raise Http404
    events: list[SessionEvent] = selectors.session_events(viewer=member, session=session)
    return [{"kind": e.kind, "at": e.at, "actor": person(e.actor), "data": e.data} for e in events]


@router.get("/sessions/{session_id}/commitments-to-review", response={200: list[CommitmentOut], **ERRORS})
def session_commitments_to_review(request: HttpRequest, session_id: int) -> list[dict[str, Any]]:
    """Commitments carried into this session for review."""
    member = viewer(request)
    session = access_session(viewer=member, session_id=session_id)
    if not policy.can_view_session_content(member, session):
        raise Http404
    return [
        commitment_out(member, c) for c in selectors.commitments_to_review(viewer=member, session=session)
    ]


@router.get("/sessions/{session_id}/calendar.ics", response={200: None, 404: ErrorOut})
def session_ics(request: HttpRequest, session_id: int) -> HttpResponse:
    """The session as an iCalendar file."""
    member = viewer(request)
    session = access_session(viewer=member, session_id=session_id)
    if policy.session_access(member, session) < policy.SessionAccess.PARTICIPANT:
        raise Http404
    _read(member, session)
    response = HttpResponse(calendar.session_ics(session), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{calendar.session_filename(session)}"'
    return response


# --- ride-alongs --------------------------------------------------------------------------------


@router.get("/sessions/{session_id}/observation", response={200: ObservationOut, 404: ErrorOut})
def observation_detail(request: HttpRequest, session_id: int) -> dict[str, Any]:
    """The ride-along: rubric with the self-assessment and the coach's observation, as
    far as you may see them (the coach sees the self-assessment only next to their own)."""
    member = viewer(request)
    return observation_out(member, access_observation(viewer=member, session_id=session_id))


def _entries(payload: EntriesIn) -> dict[str, dict[str, Any]]:
    return {area: {"score": e.score, "comment": e.comment} for area, e in payload.entries.items()}


@router.put("/sessions/{session_id}/observation/self-assessment", response={200: ObservationOut, **ERRORS})
def observation_self_assess(request: HttpRequest, session_id: int, payload: EntriesIn) -> dict[str, Any]:
    """The seller assesses first. `entries` maps a skill area to a score (1-5 or null) and a comment."""
    member = viewer(request)
    observation = access_observation(viewer=member, session_id=session_id)
    services.observation_self_assess(
        actor=member, observation=observation, entries=_entries(payload), appointment=payload.appointment
    )
    return observation_out(member, access_observation(viewer=member, session_id=session_id))


@router.put("/sessions/{session_id}/observation/coach", response={200: ObservationOut, **ERRORS})
def observation_record(request: HttpRequest, session_id: int, payload: EntriesIn) -> dict[str, Any]:
    """The coach's observation, once the seller has assessed the appointment."""
    member = viewer(request)
    observation = access_observation(viewer=member, session_id=session_id)
    services.observation_record(actor=member, observation=observation, entries=_entries(payload))
    return observation_out(member, access_observation(viewer=member, session_id=session_id))


@router.post("/sessions/{session_id}/observation/reply", response={200: ObservationOut, **ERRORS})
def observation_reply(request: HttpRequest, session_id: int, payload: ReplyIn) -> dict[str, Any]:
    member = viewer(request)
    observation = access_observation(viewer=member, session_id=session_id)
    services.observation_reply(
        actor=member, observation=observation, reply=payload.reply, acknowledge=payload.acknowledge
    )
    return observation_out(member, access_observation(viewer=member, session_id=session_id))


@router.post("/sessions/{session_id}/observation/visibility", response={200: ObservationOut, **ERRORS})
def observation_visibility(request: HttpRequest, session_id: int, payload: VisibilityIn) -> dict[str, Any]:
    """Only the seller shares the ride-along with their manager, and stops sharing."""
    member = viewer(request)
    observation = access_observation(viewer=member, session_id=session_id)
    services.item_set_visibility(actor=member, item=observation, visibility=payload.visibility)
    return observation_out(member, access_observation(viewer=member, session_id=session_id))


# --- notes -------------------------------------------------------------------------------------------


@router.get("/notes", response=list[NoteOut])
@paginate(Pagination)
def note_list(request: HttpRequest, filters: Query[ListFilters]) -> list[dict[str, Any]]:
    member = viewer(request)
    relationship = _relationship_filter(member, filters.relationship)
    return _Paged(  # type: ignore[return-value]
        selectors.note_list(viewer=member, relationship=relationship), lambda n: note_out(member, n)
    )


@router.post("/notes", response={201: NoteOut, **ERRORS})
def note_create(request: HttpRequest, payload: NoteIn) -> Status[dict[str, Any]]:
    member = viewer(request)
    relationship = _required_relationship(member, payload.relationship_id)
    note = services.note_create(
        actor=member,
        relationship=relationship,
        text=payload.text,
        visibility=payload.visibility,
        session=access_session(viewer=member, session_id=payload.session_id) if payload.session_id else None,
        plan_item=access_plan_item(viewer=member, item_id=payload.plan_item_id)
        if payload.plan_item_id
        else None,
        commitment=access_commitment(viewer=member, commitment_id=payload.commitment_id)
        if payload.commitment_id
        else None,
    )
    return Status(201, note_out(member, access_note(viewer=member, note_id=note.pk)))


@router.get("/notes/{note_id}", response={200: NoteOut, 404: ErrorOut})
def note_detail(request: HttpRequest, note_id: int) -> dict[str, Any]:
    member = viewer(request)
    return note_out(member, access_note(viewer=member, note_id=note_id))


def _patch_text_and_visibility(member: Membership, item: Any, payload: Any, update: Any) -> None:
    """Stop sharing before an edit, share after it: a shared item itself never changes.

    Whether the member may share or stop sharing is asked first, outside the transaction,
    so that a refusal stays on the audit record."""
    visibility = payload.dict(exclude_unset=True).get("visibility")
    if visibility is not None:
        services.consent_check(actor=member, item=item, visibility=visibility)
    _patch_in_one_transaction(member, item, payload, update)


@transaction.atomic
def _patch_in_one_transaction(member: Membership, item: Any, payload: Any, update: Any) -> None:
    changes = payload.dict(exclude_unset=True)
    visibility = changes.pop("visibility", None)
    if visibility is not None and item.visibility == Visibility.SHARED_WITH_MANAGER:
        item = services.item_set_visibility(actor=member, item=item, visibility=visibility)
        visibility = None
    if changes:
        update(item, changes)
    if visibility is not None:
        services.item_set_visibility(actor=member, item=item, visibility=visibility)


@router.patch("/notes/{note_id}", response={200: NoteOut, **ERRORS})
def note_update(request: HttpRequest, note_id: int, payload: TextPatch) -> dict[str, Any]:
    """Change the text, or who can read it (`shared_with_manager`: the seller only)."""
    member = viewer(request)
    note = access_note(viewer=member, note_id=note_id)
    _patch_text_and_visibility(
        member, note, payload, lambda item, changes: services.note_update(actor=member, note=item, **changes)
    )
    return note_out(member, access_note(viewer=member, note_id=note_id))


@router.delete("/notes/{note_id}", response={204: None, **ERRORS})
def note_delete(request: HttpRequest, note_id: int) -> Status[None]:
    member = viewer(request)
    services.note_delete(actor=member, note=access_note(viewer=member, note_id=note_id))
    return Status(204, None)


# --- plan and proposals ----------------------------------------------------------------------------------


@router.get("/plan-items", response=list[PlanItemOut])
@paginate(Pagination)
def plan_item_list(request: HttpRequest, filters: Query[ListFilters]) -> list[dict[str, Any]]:
    member = viewer(request)
    relationship = _relationship_filter(member, filters.relationship)
    return _Paged(  # type: ignore[return-value]
        selectors.plan_item_list(viewer=member, relationship=relationship),
        lambda i: plan_item_out(member, i),
    )


@router.post("/plan-items", response={201: PlanItemOut, **ERRORS})
def plan_item_create(request: HttpRequest, payload: PlanItemIn) -> Status[dict[str, Any]]:
    """Add to your own development plan (the seller only)."""
    member = viewer(request)
    relationship = _required_relationship(member, payload.relationship_id)
    item = services.plan_item_create(
        actor=member,
        relationship=relationship,
        layer=payload.layer,
        text=payload.text,
        follows_from_id=payload.follows_from_id,
        visibility=payload.visibility,
    )
    return Status(201, plan_item_out(member, access_plan_item(viewer=member, item_id=item.pk)))


@router.get("/plan-items/{item_id}", response={200: PlanItemOut, 404: ErrorOut})
def plan_item_detail(request: HttpRequest, item_id: int) -> dict[str, Any]:
    member = viewer(request)
    return plan_item_out(member, access_plan_item(viewer=member, item_id=item_id))


@router.patch("/plan-items/{item_id}", response={200: PlanItemOut, **ERRORS})
def plan_item_update(request: HttpRequest, item_id: int, payload: PlanItemPatch) -> dict[str, Any]:
    member = viewer(request)
    item = access_plan_item(viewer=member, item_id=item_id)
    _patch_text_and_visibility(
        member,
        item,
        payload,
        lambda obj, changes: services.plan_item_update(actor=member, item=obj, **changes),
    )
    return plan_item_out(member, access_plan_item(viewer=member, item_id=item_id))


@router.get("/plan-items/{item_id}/history", response={200: list[RevisionOut], 404: ErrorOut})
def plan_item_history(request: HttpRequest, item_id: int) -> list[dict[str, Any]]:
    member = viewer(request)
    item = access_plan_item(viewer=member, item_id=item_id)
    if not policy.can_view_item_history(member, item):
        raise Http404
    revisions = selectors.plan_item_history(viewer=member, item=item)
    _read(member, *revisions)
    return [
        {
            "changed_at": r.changed_at,
            "changed_by": person(r.changed_by),
            "change": r.change,
            "layer": r.layer,
            "text": r.text,
            "status": r.status,
            "visibility": r.visibility,
        }
        for r in revisions
    ]


@router.get("/proposals", response=list[ProposalOut])
@paginate(Pagination)
def proposal_list(request: HttpRequest, filters: Query[ListFilters]) -> list[dict[str, Any]]:
    member = viewer(request)
    relationship = _relationship_filter(member, filters.relationship)
    return _Paged(  # type: ignore[return-value]
        selectors.proposal_list(viewer=member, relationship=relationship),
        lambda p: proposal_out(member, p),
    )


@router.post("/proposals", response={201: ProposalOut, **ERRORS})
def proposal_create(request: HttpRequest, payload: ProposalIn) -> Status[dict[str, Any]]:
    """The coach proposes a plan item (`kind` plan_item, with `layer`) or a commitment
    (`kind` commitment, with `due_on`); the seller decides."""
    member = viewer(request)
    relationship = _required_relationship(member, payload.relationship_id)
    proposal = services.proposal_create(
        actor=member,
        relationship=relationship,
        kind=payload.kind,
        text=payload.text,
        rationale=payload.rationale,
        layer=payload.layer,
        follows_from_id=payload.follows_from_id,
        due_on=payload.due_on,
        session=access_session(viewer=member, session_id=payload.session_id) if payload.session_id else None,
    )
    return Status(201, proposal_out(member, access_proposal(viewer=member, proposal_id=proposal.pk)))


@router.post("/proposals/{proposal_id}/accept", response={200: ProposalOut, **ERRORS})
def proposal_accept(request: HttpRequest, proposal_id: int, payload: AcceptIn) -> dict[str, Any]:
    member = viewer(request)
    proposal = access_proposal(viewer=member, proposal_id=proposal_id)
    services.proposal_accept(
        actor=member, proposal=proposal, due_on=payload.due_on, visibility=payload.visibility
    )
    return proposal_out(member, access_proposal(viewer=member, proposal_id=proposal_id))


@router.post("/proposals/{proposal_id}/decline", response={200: ProposalOut, **ERRORS})
def proposal_decline(request: HttpRequest, proposal_id: int, payload: DeclineIn) -> dict[str, Any]:
    member = viewer(request)
    proposal = access_proposal(viewer=member, proposal_id=proposal_id)
    services.proposal_decline(actor=member, proposal=proposal, comment=payload.comment)
    return proposal_out(member, access_proposal(viewer=member, proposal_id=proposal_id))


@router.post("/proposals/{proposal_id}/withdraw", response={200: ProposalOut, **ERRORS})
def proposal_withdraw(request: HttpRequest, proposal_id: int) -> dict[str, Any]:
    member = viewer(request)
    proposal = access_proposal(viewer=member, proposal_id=proposal_id)
    services.proposal_withdraw(actor=member, proposal=proposal)
    return proposal_out(member, access_proposal(viewer=member, proposal_id=proposal_id))


# --- commitments ------------------------------------------------------------------------------------------


@router.get("/commitments", response=list[CommitmentOut])
@paginate(Pagination)
def commitment_list(request: HttpRequest, filters: Query[CommitmentFilters]) -> list[dict[str, Any]]:
    member = viewer(request)
    relationship = _relationship_filter(member, filters.relationship)
    commitments = selectors.commitment_list(
        viewer=member, relationship=relationship, open_only=filters.open, overdue_only=filters.overdue
    )
    return _Paged(commitments, lambda c: commitment_out(member, c))  # type: ignore[return-value]


@router.post("/commitments", response={201: CommitmentOut, **ERRORS})
def commitment_create(request: HttpRequest, payload: CommitmentIn) -> Status[dict[str, Any]]:
    """What you (the seller) choose to do, and by when."""
    member = viewer(request)
    relationship = _required_relationship(member, payload.relationship_id)
    commitment = services.commitment_create(
        actor=member,
        relationship=relationship,
        text=payload.text,
        due_on=payload.due_on,
        session=access_session(viewer=member, session_id=payload.session_id) if payload.session_id else None,
        visibility=payload.visibility,
    )
    return Status(201, commitment_out(member, access_commitment(viewer=member, commitment_id=commitment.pk)))


@router.get("/commitments/{commitment_id}", response={200: CommitmentOut, 404: ErrorOut})
def commitment_detail(request: HttpRequest, commitment_id: int) -> dict[str, Any]:
    member = viewer(request)
    return commitment_out(member, access_commitment(viewer=member, commitment_id=commitment_id))


@router.patch("/commitments/{commitment_id}", response={200: CommitmentOut, **ERRORS})
def commitment_update(request: HttpRequest, commitment_id: int, payload: CommitmentPatch) -> dict[str, Any]:
    member = viewer(request)
    commitment = access_commitment(viewer=member, commitment_id=commitment_id)
    _patch_text_and_visibility(
        member,
        commitment,
        payload,
        lambda obj, changes: services.commitment_update(actor=member, commitment=obj, **changes),
    )
    return commitment_out(member, access_commitment(viewer=member, commitment_id=commitment_id))


@router.post("/commitments/{commitment_id}/review", response={200: CommitmentOut, **ERRORS})
def commitment_review(request: HttpRequest, commitment_id: int, payload: ReviewIn) -> dict[str, Any]:
    """Done, partly or not done, with your reflection; usually in the next session."""
    member = viewer(request)
    commitment = access_commitment(viewer=member, commitment_id=commitment_id)
    services.commitment_review(
        actor=member,
        commitment=commitment,
        status=payload.status,
        reflection=payload.reflection,
        session=access_session(viewer=member, session_id=payload.session_id) if payload.session_id else None,
    )
    return commitment_out(member, access_commitment(viewer=member, commitment_id=commitment_id))


# --- frameworks and question banks --------------------------------------------------------------------


@router.get("/frameworks", response=list[FrameworkOut])
def framework_list(request: HttpRequest, language: str | None = None) -> list[dict[str, Any]]:
    """The conversation frameworks, their stages and banks of open questions, with your own."""
    member = viewer(request)
    lang = frameworks.language_code(language)
    result = []
    for framework in frameworks.FRAMEWORKS.values():
        bank = selectors.question_bank(viewer=member, framework_key=framework.key, language=lang)
        result.append(
            {
                "key": framework.key,
                "name": framework.title(lang),
                "description": framework.summary(lang),
                "stages": [
                    {
                        "key": entry.stage.key,
                        "name": entry.stage.title(lang),
                        "purpose": entry.stage.aim(lang),
                        "questions": entry.bank,
                        "own_questions": [q.text for q in entry.own],
                    }
                    for entry in bank
                ],
            }
        )
    return result


@router.get("/questions", response=list[CustomQuestionOut])
def custom_question_list(request: HttpRequest) -> Any:
    """Your own questions."""
    return list(selectors.custom_question_list(viewer=viewer(request)))


@router.post("/questions", response={201: CustomQuestionOut, **ERRORS})
def custom_question_add(request: HttpRequest, payload: CustomQuestionIn) -> Status[Any]:
    member = viewer(request)
    return Status(201, services.custom_question_add(actor=member, **payload.dict()))


@router.delete("/questions/{question_id}", response={204: None, **ERRORS})
def custom_question_delete(request: HttpRequest, question_id: int) -> Status[None]:
    member = viewer(request)
    services.custom_question_delete(
        actor=member, question=access_custom_question(viewer=member, question_id=question_id)
    )
    return Status(204, None)


# --- calendar feed ----------------------------------------------------------------------------------------


@router.post("/calendar-feed", response={201: FeedOut})
def calendar_feed_create(request: HttpRequest) -> Status[dict[str, str]]:
    """A new secret address for your calendar feed (shown only in this answer); any
    earlier address stops working."""
    _feed, raw = services.calendar_feed_create(user=cast(User, request.user))
    return Status(201, {"url": request.build_absolute_uri(reverse("coaching:calendar-feed", args=[raw]))})


@router.delete("/calendar-feed", response={204: None})
def calendar_feed_revoke(request: HttpRequest) -> Status[None]:
    services.calendar_feed_revoke(user=cast(User, request.user))
    return Status(204, None)
