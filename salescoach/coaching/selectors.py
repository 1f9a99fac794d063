"""Reads of the coaching workspace, always as seen by a viewer.

Every query here is filtered by the privacy policy (salescoach/privacy/policy.py);
nothing reads coaching content around it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from salescoach.coaching import frameworks
from salescoach.coaching.models import (
    AgreementConfirmation,
    CoachingRelationship,
    CoachingSession,
    Commitment,
    CommitmentStatus,
    CustomQuestion,
    Note,
    Observation,
    PlanItem,
    PlanItemRevision,
    PreparedQuestion,
    Proposal,
    ProposalStatus,
    RelationshipStatus,
    SessionEvent,
    SessionRating,
    SessionStatus,
    TriadAgreement,
)
from salescoach.organisations.models import Membership
from salescoach.privacy import policy

RELATIONSHIP_RELATED = (
    "organisation",
    "coach__user",
    "coachee__user",
    "coachee__team__manager__user",
    "coachee__reports_to__user",
    "team",
)


# What lists of sessions, notes, plan items, commitments, proposals and observations fetch
# of their relationship: its people and team, and the coachee's team (whose manager id the
# policy reads) -- not the manager's or line manager's own rows, which no list shows.
# Every table joined costs PostgreSQL planning time: with the whole RELATIONSHIP_RELATED
# these queries joined fourteen tables, beyond the planner's exhaustive search, and
# planning them took far longer than running them (docs/PERFORMANCE.md, "Load").
CONTENT_RELATIONSHIP_RELATED = (
    "organisation",
    "coach__user",
    "coachee__user",
    "coachee__team",
    "team",
)


def _rel(prefix: str) -> list[str]:
    return [f"{prefix}{path}" for path in CONTENT_RELATIONSHIP_RELATED]


# --- relationships ---------------------------------------------------------------------------


def relationship_list(
    *, viewer: Membership, role: str | None = None, include_ended: bool = True
) -> QuerySet[CoachingRelationship]:
    """Relationships the viewer may see; ``role`` narrows to where the viewer is the
    ``coach``, the ``coachee`` or the coachee's ``manager``."""
    qs = CoachingRelationship.objects.filter(policy.relationships_visible_q(viewer))
    if role == "coach":
        qs = qs.filter(coach=viewer)
    elif role == "coachee":
        qs = qs.filter(coachee=viewer)
    elif role == "manager":
        qs = qs.filter(policy.manager_q(viewer, ""))
    if not include_ended:
        qs = qs.exclude(status=RelationshipStatus.ENDED)
    return qs.select_related(*RELATIONSHIP_RELATED).order_by("status", "coachee__user__full_name", "pk")


# --- triad agreements -------------------------------------------------------------------------


@dataclass
class AgreementStatus:
    """Where a relationship stands with its triad agreement."""

    latest: TriadAgreement | None
    confirmed: TriadAgreement | None  # the newest version all parties confirmed
    waiting_for: list[int] = field(default_factory=list)  # member ids yet to confirm the latest

    @property
    def state(self) -> str:
        if self.latest is None:
            return "missing"
        if self.latest.confirmed_at is None:
            return "pending" if self.confirmed is not None else "unconfirmed"
        if self.latest.review_on < timezone.localdate():
            return "review_due"
        return "confirmed"

    @property
    def needs_attention(self) -> bool:
        return self.state != "confirmed"

    def waits_for(self, member: Membership) -> bool:
        return member.pk in self.waiting_for


def agreement_list(
    *, viewer: Membership, relationship: CoachingRelationship | None = None
) -> QuerySet[TriadAgreement]:
    qs = TriadAgreement.objects.filter(policy.agreements_visible_q(viewer))
    if relationship is not None:
        qs = qs.filter(relationship=relationship)
    return (
        qs.select_related(
            *_rel("relationship__"), "seller__user", "coach__user", "manager__user", "created_by__user"
        )
        .prefetch_related(
            Prefetch("confirmations", queryset=AgreementConfirmation.objects.select_related("member__user"))
        )
        .order_by("relationship_id", "-version")
    )


def agreement_statuses(relationships: list[CoachingRelationship]) -> dict[int, AgreementStatus]:
    """The agreement status of each relationship, in two queries whatever their number.

    The caller has already checked that the viewer may see these relationships.
    """
    ids = [r.pk for r in relationships]
    versions = (
        TriadAgreement.objects.filter(relationship_id__in=ids)
        .prefetch_related("confirmations")
        .order_by("relationship_id", "-version")
    )
    result = {pk: AgreementStatus(latest=None, confirmed=None) for pk in ids}
    for agreement in versions:
        status = result[agreement.relationship_id]
        if status.latest is None:
            status.latest = agreement
            confirmed = {c.member_id for c in agreement.confirmations.all()}
            status.waiting_for = sorted(agreement.party_ids() - confirmed)
        if status.confirmed is None and agreement.confirmed_at is not None:
            status.confirmed = agreement
    return result


# --- sessions -----------------------------------------------------------------------------------


def session_list(
    *,
    viewer: Membership,
    relationship: CoachingRelationship | None = None,
    upcoming: bool | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[CoachingSession]:
    qs = CoachingSession.objects.filter(policy.sessions_visible_q(viewer))
    if relationship is not None:
        qs = qs.filter(relationship=relationship)
    now = timezone.now()
    if upcoming is True:
        qs = qs.filter(status=SessionStatus.SCHEDULED, ends_at__gte=now)
    elif upcoming is False:
        qs = qs.filter(starts_at__lt=now)
    if since is not None:
        qs = qs.filter(starts_at__gte=since)
    if until is not None:
        qs = qs.filter(starts_at__lt=until)
    qs = qs.select_related(*_rel("relationship__"), "manager__user")
    return qs.order_by("-starts_at" if upcoming is False else "starts_at", "pk")


def calendar_session_list(
    *, member: Membership, since: datetime, until: datetime
) -> QuerySet[CoachingSession]:
    """The sessions the member takes part in, for their calendar."""
    return (
        CoachingSession.objects.filter(
            policy.calendar_sessions_q(member), starts_at__gte=since, starts_at__lt=until
        )
        .select_related(*_rel("relationship__"), "manager__user")
        .order_by("starts_at")
    )


def session_events(*, viewer: Membership, session: CoachingSession) -> list[SessionEvent]:
    if not policy.can_view_session_content(viewer, session):
        return []
    events = list(session.events.select_related("actor__user"))
    for event in events:
        # Times of a reschedule, as datetimes for the template's date filter.
        for key, attr in (("old_starts_at", "old_start"), ("starts_at", "new_start")):
            value = event.data.get(key)
            setattr(event, attr, datetime.fromisoformat(value) if value else None)
    return events


def prepared_questions(*, viewer: Membership, session: CoachingSession) -> list[PreparedQuestion]:
    if not policy.can_view_preparation(viewer, session):
        return []
    return list(session.prepared_questions.all())


def rating_for(*, viewer: Membership, session: CoachingSession) -> SessionRating | None:
    if not policy.can_view_rating(viewer, session):
        return None
    return SessionRating.objects.filter(session=session).first()


def ratings_for(*, viewer: Membership, sessions: list[CoachingSession]) -> dict[int, SessionRating]:
    allowed = [s.pk for s in sessions if policy.can_view_rating(viewer, s)]
    return {r.session_id: r for r in SessionRating.objects.filter(session_id__in=allowed)}


# --- notes, plan, commitments, proposals, observations ----------------------------------------


def note_list(
    *,
    viewer: Membership,
    relationship: CoachingRelationship | None = None,
    session: CoachingSession | None = None,
    plan_item: PlanItem | None = None,
    commitment: Commitment | None = None,
    free_only: bool = False,
) -> QuerySet[Note]:
    qs = Note.objects.filter(policy.items_visible_q(viewer, kind="Note", author_field="author_id"))
    if relationship is not None:
        qs = qs.filter(relationship=relationship)
    if session is not None:
        qs = qs.filter(session=session)
    if plan_item is not None:
        qs = qs.filter(plan_item=plan_item)
    if commitment is not None:
        qs = qs.filter(commitment=commitment)
    if free_only:
        qs = qs.filter(plan_item__isnull=True, commitment__isnull=True)
    return qs.select_related(*_rel("relationship__"), "author__user", "session").order_by("created_at", "pk")


def plan_item_list(
    *, viewer: Membership, relationship: CoachingRelationship | None = None
) -> QuerySet[PlanItem]:
    qs = PlanItem.objects.filter(
        policy.items_visible_q(viewer, kind="PlanItem", author_field="created_by_id")
    )
    if relationship is not None:
        qs = qs.filter(relationship=relationship)
    return qs.select_related(*_rel("relationship__"), "created_by__user").order_by("created_at", "pk")


@dataclass
class ChainLayer:
    key: str
    heading: str
    items: list[PlanItem]


def plan_chains(items: list[PlanItem]) -> list[ChainLayer]:
    """Plan items per layer of the chain, in chain order."""
    from salescoach.coaching.models import LAYER_HEADINGS, LAYER_ORDER

    by_layer: dict[str, list[PlanItem]] = {layer: [] for layer in LAYER_ORDER}
    for item in items:
        by_layer[item.layer].append(item)
    return [ChainLayer(layer, str(LAYER_HEADINGS[layer]), by_layer[layer]) for layer in LAYER_ORDER]


def plan_item_history(*, viewer: Membership, item: PlanItem) -> list[PlanItemRevision]:
    if not policy.can_view_item_history(viewer, item):
        return []
    return list(item.revisions.select_related("changed_by__user"))


def commitment_list(
    *,
    viewer: Membership,
    relationship: CoachingRelationship | None = None,
    open_only: bool = False,
    overdue_only: bool = False,
) -> QuerySet[Commitment]:
    qs = Commitment.objects.filter(
        policy.items_visible_q(viewer, kind="Commitment", author_field="created_by_id")
    )
    if relationship is not None:
        qs = qs.filter(relationship=relationship)
    if open_only or overdue_only:
        qs = qs.filter(status=CommitmentStatus.OPEN)
    if overdue_only:
        qs = qs.filter(due_on__lt=timezone.localdate())
    return qs.select_related(*_rel("relationship__"), "created_by__user", "session", "reviewed_in").order_by(
        "due_on", "pk"
    )


def commitments_to_review(*, viewer: Membership, session: CoachingSession) -> QuerySet[Commitment]:
    """Commitments carried into this session: made before it, not in it, and still open
    (or reviewed in it)."""
    if not policy.can_view_session_content(viewer, session):
        return Commitment.objects.none()
    return (
        commitment_list(viewer=viewer, relationship=session.relationship)
        .filter(created_at__lt=session.starts_at)
        .exclude(session=session)
        .filter(Q(status=CommitmentStatus.OPEN) | Q(reviewed_in=session))
    )


def proposal_list(
    *, viewer: Membership, relationship: CoachingRelationship | None = None, open_only: bool = False
) -> QuerySet[Proposal]:
    qs = Proposal.objects.filter(policy.proposals_visible_q(viewer))
    if relationship is not None:
        qs = qs.filter(relationship=relationship)
    if open_only:
        qs = qs.filter(status=ProposalStatus.OPEN)
    return qs.select_related(*_rel("relationship__"), "proposed_by__user", "follows_from", "session")


def observation_list(*, viewer: Membership) -> QuerySet[Observation]:
    return (
        Observation.objects.filter(
            policy.items_visible_q(
                viewer, kind="Observation", author_field=None, prefix="session__relationship__"
            )
        )
        .select_related(*_rel("session__relationship__"), "session")
        .prefetch_related("entries")
    )


def observation_for(*, viewer: Membership, session: CoachingSession) -> Observation | None:
    return observation_list(viewer=viewer).filter(session=session).first()


@dataclass
class ObservationRow:
    area_key: str
    title: str
    anchors: list[tuple[int, str]]
    self_score: int | None = None
    self_comment: str = ""
    coach_score: int | None = None
    coach_comment: str = ""


def observation_rows(
    *, viewer: Membership, observation: Observation, language: str | None = None
) -> list[ObservationRow]:
    """The rubric, side by side, with only the columns the viewer may see."""
    from salescoach.coaching.rubric import areas_for

    see_self = policy.can_see_self_assessment(viewer, observation)
    see_coach = policy.can_see_coach_observation(viewer, observation)
    entries = {(e.area, e.perspective): e for e in observation.entries.all()}
    rows = []
    for area in areas_for(observation.rubric):
        row = ObservationRow(area.key, area.title(language), area.anchor_list(language))
        own = entries.get((area.key, "self"))
        if see_self and own is not None:
            row.self_score, row.self_comment = own.score, own.comment
        coach = entries.get((area.key, "coach"))
        if see_coach and coach is not None:
            row.coach_score, row.coach_comment = coach.score, coach.comment
        rows.append(row)
    return rows


# --- what a seller shares -------------------------------------------------------------------------


@dataclass
class SharedItem:
    """One item the seller shares with their manager, for the overview of everything shared."""

    kind: str  # note, plan_item, commitment, observation
    item: Any
    relationship: CoachingRelationship
    text: str
    shared_at: datetime | None

    @property
    def key(self) -> int:
        """The id the item is known by in the pages and the API (a ride-along by its session)."""
        return int(self.item.session_id if self.kind == "observation" else self.item.pk)


def shared_items(*, viewer: Membership) -> list[SharedItem]:
    """Everything the viewer, as seller, shares with their manager now: four queries."""
    from salescoach.privacy.visibility import Visibility

    shared = Visibility.SHARED_WITH_MANAGER
    rows: list[SharedItem] = []
    for note in note_list(viewer=viewer).filter(relationship__coachee=viewer, visibility=shared):
        rows.append(SharedItem("note", note, note.relationship, note.text, note.shared_at))
    for item in plan_item_list(viewer=viewer).filter(relationship__coachee=viewer, visibility=shared):
        rows.append(SharedItem("plan_item", item, item.relationship, item.text, item.shared_at))
    for commitment in commitment_list(viewer=viewer).filter(relationship__coachee=viewer, visibility=shared):
        rows.append(
            SharedItem(
                "commitment", commitment, commitment.relationship, commitment.text, commitment.shared_at
            )
        )
    for observation in observation_list(viewer=viewer).filter(
        session__relationship__coachee=viewer, visibility=shared
    ):
        rows.append(
            SharedItem(
                "observation",
                observation,
                observation.session.relationship,
                observation.appointment,
                observation.shared_at,
            )
        )
    rows.sort(key=lambda row: (row.shared_at is None, -(row.shared_at.timestamp() if row.shared_at else 0)))
    return rows


# --- question banks -----------------------------------------------------------------------------


def custom_question_list(*, viewer: Membership, framework: str | None = None) -> QuerySet[CustomQuestion]:
    qs = CustomQuestion.objects.filter(policy.custom_questions_q(viewer))
    if framework:
        qs = qs.filter(framework=framework)
    return qs.order_by("framework", "stage", "pk")


@dataclass
class BankStage:
    stage: frameworks.Stage
    bank: list[str]
    own: list[CustomQuestion]


def question_bank(*, viewer: Membership, framework_key: str, language: str | None = None) -> list[BankStage]:
    """Each stage of a framework with its questions and the viewer's own, in one query."""
    framework = frameworks.get_framework(framework_key)
    lang = frameworks.language_code(language)
    own: dict[str, list[CustomQuestion]] = {}
    for question in custom_question_list(viewer=viewer, framework=framework.key):
        own.setdefault(question.stage, []).append(question)
    return [
        BankStage(stage, list(stage.bank(lang)), [q for q in own.get(stage.key, []) if q.language == lang])
        for stage in framework.stages
    ]


# --- the home pages ---------------------------------------------------------------------------------


def upcoming_sessions(*, viewer: Membership, role: str, limit: int = 5) -> list[CoachingSession]:
    qs = session_list(viewer=viewer, upcoming=True)
    qs = qs.filter(relationship__coach=viewer) if role == "coach" else qs.filter(relationship__coachee=viewer)
    return list(qs[:limit])


def sessions_to_rate(*, viewer: Membership, days: int = 30) -> list[CoachingSession]:
    since = timezone.now() - timedelta(days=days)
    return list(
        session_list(viewer=viewer, upcoming=False, since=since)
        .filter(relationship__coachee=viewer, status=SessionStatus.SCHEDULED, rating__isnull=True)
        .filter(ends_at__lte=timezone.now())[:5]
    )


def last_and_next_dates(sessions: list[CoachingSession]) -> dict[int, dict[str, Any]]:
    """For each relationship: the date of the last session held and the next one planned."""
    now = timezone.now()
    result: dict[int, dict[str, Any]] = {}
    for session in sessions:
        entry = result.setdefault(session.relationship_id, {"last": None, "next": None})
        if session.status != SessionStatus.SCHEDULED:
            continue
        if session.starts_at <= now:
            if entry["last"] is None or session.starts_at > entry["last"]:
                entry["last"] = session.starts_at
        elif entry["next"] is None or session.starts_at < entry["next"]:
            entry["next"] = session.starts_at
    return result


def review_date_passed(agreement: TriadAgreement | None, today: date | None = None) -> bool:
    return agreement is not None and agreement.review_on < (today or timezone.localdate())
