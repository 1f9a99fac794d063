"""May viewer V see or change coaching item X? The one place that decides.

Every selector, page, API operation, export, e-mail and calendar feed asks this module;
nothing else decides who sees coaching content. It follows the default visibility
matrix in PRODUCT.md and denies whatever the matrix does not name:

- ``private``: the author only;
- ``coach_and_seller``: the seller and the coach of that one coaching relationship
  (a seller's other coaches see nothing of it);
- ``shared_with_manager``: also the seller's manager. Only the seller sets it, item by
  item, and only the seller takes it back; while shared, nobody edits the item.

The manager further sees that sessions took place, with their dates, when the triad
agreement says the coach reports that (the default), and the logistics of a triad
session they take part in. The programme owner sees relationships and triad agreements,
never coaching content. The manager's superior, other coaches and other sellers see
nothing; another organisation sees nothing at all.

Each rule has a Python form (for one object) and, where lists need it, a query form
(``*_q``) that selects the same objects, so that lists and single objects agree.
Callers load ``relationship__coachee__team`` with the objects they pass in.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils import timezone

from salescoach.organisations.models import Membership, Role
from salescoach.privacy import matrix
from salescoach.privacy.matrix import Column
from salescoach.privacy.visibility import Visibility

if TYPE_CHECKING:
    from salescoach.coaching.models import (
        CoachingRelationship,
        CoachingSession,
        Commitment,
        Note,
        Observation,
        PlanItem,
        Proposal,
        TriadAgreement,
    )

    Item = Note | PlanItem | Commitment | Observation


class SessionAccess(enum.IntEnum):
    """How much of a session a viewer may see; each level includes the ones below."""

    NONE = 0
    DATE = 1  # that it took place, and when (the manager, if the agreement says so)
    PARTICIPANT = 2  # time, place, kind and agenda (the manager in a triad session)
    FULL = 3  # everything the session holds that is not someone's private note


# --- who is who ---------------------------------------------------------------------


def manager_id_of(coachee: Membership) -> int | None:
    """The coachee's manager: their line manager, or else their team's manager."""
    if coachee.reports_to_id is not None:
        return coachee.reports_to_id
    if coachee.team_id is not None:
        return coachee.team.manager_id  # type: ignore[union-attr]
    return None


def _in_org(viewer: Membership, relationship: CoachingRelationship) -> bool:
    return viewer.is_active and viewer.organisation_id == relationship.organisation_id


def is_seller(viewer: Membership, relationship: CoachingRelationship) -> bool:
    return _in_org(viewer, relationship) and relationship.coachee_id == viewer.pk


def is_coach(viewer: Membership, relationship: CoachingRelationship) -> bool:
    return _in_org(viewer, relationship) and relationship.coach_id == viewer.pk


def is_manager(viewer: Membership, relationship: CoachingRelationship) -> bool:
    return _in_org(viewer, relationship) and manager_id_of(relationship.coachee) == viewer.pk


def is_seller_or_coach(viewer: Membership, relationship: CoachingRelationship) -> bool:
    return is_seller(viewer, relationship) or is_coach(viewer, relationship)


def is_coach_of(coach: Membership, coachee: Membership) -> bool:
    """Whether ``coach`` coaches ``coachee`` now, in an open relationship of their organisation."""
    from salescoach.coaching.models import CoachingRelationship, RelationshipStatus

    if not coach.is_active or coach.organisation_id != coachee.organisation_id:
        return False
    return (
        CoachingRelationship.objects.filter(coach=coach, coachee=coachee)
        .exclude(status=RelationshipStatus.ENDED)
        .exists()
    )


def is_programme_owner(viewer: Membership, relationship: CoachingRelationship) -> bool:
    return _in_org(viewer, relationship) and viewer.has_role(Role.PROGRAMME_OWNER)


def _org_q(viewer: Membership, prefix: str) -> Q:
    if not viewer.is_active:
        return Q(pk__in=[])
    return Q(**{f"{prefix}organisation_id": viewer.organisation_id})


def _seller_or_coach_q(viewer: Membership, prefix: str) -> Q:
    return Q(**{f"{prefix}coachee_id": viewer.pk}) | Q(**{f"{prefix}coach_id": viewer.pk})


def manager_q(viewer: Membership, prefix: str) -> Q:
    return Q(**{f"{prefix}coachee__reports_to_id": viewer.pk}) | Q(
        **{f"{prefix}coachee__reports_to__isnull": True, f"{prefix}coachee__team__manager_id": viewer.pk}
    )


# --- relationships and triad agreements ----------------------------------------------


def can_view_relationship(viewer: Membership, relationship: CoachingRelationship) -> bool:
    """That the relationship exists, who is in it and its agreement -- not its content."""
    return (
        is_seller_or_coach(viewer, relationship)
        or is_manager(viewer, relationship)
        or is_programme_owner(viewer, relationship)
    )


def relationships_visible_q(viewer: Membership, prefix: str = "") -> Q:
    scope = _org_q(viewer, prefix)
    if viewer.has_role(Role.PROGRAMME_OWNER):
        return scope
    return scope & (_seller_or_coach_q(viewer, prefix) | manager_q(viewer, prefix))


def can_create_relationship(viewer: Membership, coachee: Membership) -> bool:
    """The programme owner, or the coachee's own manager, sets up coaching."""
    if not viewer.is_active or coachee.organisation_id != viewer.organisation_id:
        return False
    return viewer.has_role(Role.PROGRAMME_OWNER) or manager_id_of(coachee) == viewer.pk


def can_end_relationship(viewer: Membership, relationship: CoachingRelationship) -> bool:
    return relationship.is_open and (
        is_programme_owner(viewer, relationship)
        or is_manager(viewer, relationship)
        or is_coach(viewer, relationship)
    )


def can_view_agreement(viewer: Membership, agreement: TriadAgreement) -> bool:
    relationship = agreement.relationship
    if not _in_org(viewer, relationship):
        return False
    return can_view_relationship(viewer, relationship) or viewer.pk in agreement.party_ids()


def agreements_visible_q(viewer: Membership) -> Q:
    return relationships_visible_q(viewer, "relationship__") | (
        _org_q(viewer, "relationship__") & Q(manager_id=viewer.pk)
    )


def can_propose_agreement(viewer: Membership, relationship: CoachingRelationship) -> bool:
    """Seller, coach and manager write the agreement; any of them may propose a change."""
    return relationship.is_open and (
        is_seller_or_coach(viewer, relationship) or is_manager(viewer, relationship)
    )


def can_confirm_agreement(viewer: Membership, agreement: TriadAgreement) -> bool:
    return _in_org(viewer, agreement.relationship) and viewer.pk in agreement.party_ids()


# --- sessions ------------------------------------------------------------------------


def session_access(viewer: Membership, session: CoachingSession) -> SessionAccess:
    relationship = session.relationship
    if is_seller_or_coach(viewer, relationship):
        return SessionAccess.FULL
    if not is_manager(viewer, relationship) and not (
        _in_org(viewer, relationship) and session.manager_id == viewer.pk
    ):
        return SessionAccess.NONE
    if session.kind == "triad" and session.manager_id == viewer.pk:
        return SessionAccess.PARTICIPANT
    from salescoach.coaching.models import Reporting

    if (
        is_manager(viewer, relationship)
        and relationship.reporting == Reporting.SESSIONS
        and session.took_place
    ):
        return SessionAccess.DATE
    return SessionAccess.NONE


def sessions_visible_q(viewer: Membership) -> Q:
    """Sessions the viewer may see at any level (list pages then ask session_access)."""
    from salescoach.coaching.models import Reporting, SessionStatus

    rel = "relationship__"
    took_place = Q(status=SessionStatus.SCHEDULED, starts_at__lte=timezone.now())
    return _org_q(viewer, rel) & (
        _seller_or_coach_q(viewer, rel)
        | Q(kind="triad", manager_id=viewer.pk)
        | (manager_q(viewer, rel) & Q(relationship__reporting=Reporting.SESSIONS) & took_place)
    )


def calendar_sessions_q(member: Membership) -> Q:
    """Sessions the member takes part in: their calendar feed and their e-mails."""
    rel = "relationship__"
    return _org_q(member, rel) & (_seller_or_coach_q(member, rel) | Q(kind="triad", manager_id=member.pk))


def session_participants(session: CoachingSession) -> list[Membership]:
    """Who is invited to and reminded of a session (active members only)."""
    relationship = session.relationship
    people = [relationship.coachee, relationship.coach]
    if session.kind == "triad" and session.manager is not None:
        people.append(session.manager)
    seen: set[int] = set()
    result = []
    for person in people:
        if person.is_active and person.pk not in seen:
            seen.add(person.pk)
            result.append(person)
    return result


def can_plan_session(viewer: Membership, relationship: CoachingRelationship) -> bool:
    return relationship.is_open and is_seller_or_coach(viewer, relationship)


def can_change_session(viewer: Membership, session: CoachingSession) -> bool:
    """Reschedule, change the place, cancel: until the session starts."""
    return session.is_upcoming and session_access(viewer, session) == SessionAccess.FULL


def can_mark_no_show(viewer: Membership, session: CoachingSession) -> bool:
    return session.took_place and session_access(viewer, session) == SessionAccess.FULL


def can_set_agenda(viewer: Membership, session: CoachingSession) -> bool:
    """The seller sets the agenda."""
    return session.is_scheduled and is_seller(viewer, session.relationship)


def can_view_agenda(viewer: Membership, session: CoachingSession) -> bool:
    return session_access(viewer, session) >= SessionAccess.PARTICIPANT


def can_prepare_session(viewer: Membership, session: CoachingSession) -> bool:
    """The coach's preparation (framework and questions) is the coach's own."""
    return session.is_scheduled and is_coach(viewer, session.relationship)


def can_view_preparation(viewer: Membership, session: CoachingSession) -> bool:
    return is_coach(viewer, session.relationship)


def can_view_session_content(viewer: Membership, session: CoachingSession) -> bool:
    """Outcomes, history, commitments to review: the seller and the coach."""
    return session_access(viewer, session) == SessionAccess.FULL


def can_write_outcomes(viewer: Membership, session: CoachingSession) -> bool:
    return session.status != "cancelled" and can_view_session_content(viewer, session)


def can_rate_session(viewer: Membership, session: CoachingSession) -> bool:
    """The seller rates a session once it has taken place."""
    return session.took_place and is_seller(viewer, session.relationship)


def can_view_rating(viewer: Membership, session: CoachingSession) -> bool:
    return is_seller_or_coach(viewer, session.relationship)


# --- notes, plan items, commitments, observations ------------------------------------


def author_id(item: Any) -> int | None:
    """Who wrote the item; an observation has two authors and no private form."""
    for field in ("author_id", "created_by_id"):
        if hasattr(item, field):
            return getattr(item, field)
    return None


def _kind(item: Any) -> str:
    return type(item).__name__


# Which row of the visibility matrix an item falls under, by its visibility and kind.
_PAIR_ROWS = {"Note": "note_pair", "PlanItem": "plan", "Commitment": "plan", "Observation": "ride_along"}


def item_row(kind: str, visibility: str) -> str:
    if visibility == Visibility.PRIVATE:
        return "note_private"
    if visibility == Visibility.SHARED_WITH_MANAGER:
        return "shared_item"
    return _PAIR_ROWS[kind]


def columns_of(viewer: Membership, relationship: CoachingRelationship) -> set[Column]:
    """Who the viewer is to the relationship's seller: the columns of the matrix."""
    if not _in_org(viewer, relationship):
        return {Column.OUTSIDER}
    columns = set()
    if is_seller(viewer, relationship):
        columns.add(Column.SELLER)
    if is_coach(viewer, relationship):
        columns.add(Column.COACH)
    manager_id = manager_id_of(relationship.coachee)
    if manager_id == viewer.pk:
        columns.add(Column.MANAGER)
    if viewer.has_role(Role.PROGRAMME_OWNER):
        columns.add(Column.OWNER)
    # The superior is asked about last, and only for someone with no other place here:
    # it reads the manager's own line, which the other columns never need.
    if not columns and manager_id is not None and _manager_reports_to(relationship.coachee) == viewer.pk:
        columns.add(Column.SUPERIOR)
    return columns or {Column.OTHER}


def _manager_reports_to(coachee: Membership) -> int | None:
    if coachee.reports_to_id is not None:
        return coachee.reports_to.reports_to_id  # type: ignore[union-attr]
    return coachee.team.manager.reports_to_id  # type: ignore[union-attr]


def can_view_item(viewer: Membership, item: Item) -> bool:
    """What the matrix row of the item (by its visibility) lets the viewer's columns read."""
    relationship = relationship_of(item)
    row = matrix.ROWS[item_row(_kind(item), item.visibility)]
    for column in columns_of(viewer, relationship):
        cell = row.grant(column)
        if cell.reads and (not cell.author_only or author_id(item) == viewer.pk):
            return True
    return False


def _column_q(viewer: Membership, column: Column, prefix: str) -> Q:
    if column == Column.SELLER:
        return Q(**{f"{prefix}coachee_id": viewer.pk})
    if column == Column.COACH:
        return Q(**{f"{prefix}coach_id": viewer.pk})
    if column == Column.MANAGER:
        return manager_q(viewer, prefix)
    if column == Column.SUPERIOR:
        return Q(**{f"{prefix}coachee__reports_to__reports_to_id": viewer.pk}) | Q(
            **{
                f"{prefix}coachee__reports_to__isnull": True,
                f"{prefix}coachee__team__manager__reports_to_id": viewer.pk,
            }
        )
    if column == Column.OWNER:
        return Q() if viewer.has_role(Role.PROGRAMME_OWNER) else Q(pk__in=[])
    # Nobody else ever reads coaching content (matrix.check_invariants).
    raise ValueError(f"No query form for the column {column}.")


def items_visible_q(
    viewer: Membership, *, kind: str, author_field: str | None, prefix: str = "relationship__"
) -> Q:
    """The query form of can_view_item for one kind of item, built from the same matrix rows."""
    visible = Q(pk__in=[])
    for visibility in Visibility.values:
        if kind == "Observation" and visibility == Visibility.PRIVATE:
            continue  # an observation is never private
        row = matrix.ROWS[item_row(kind, visibility)]
        for column in matrix.COLUMNS:
            cell = row.grant(column)
            if not cell.reads:
                continue
            who = _column_q(viewer, column, prefix)
            if cell.author_only:
                if author_field is None:
                    continue
                who &= Q(**{author_field: viewer.pk})
            visible |= Q(visibility=visibility) & who
    return _org_q(viewer, prefix) & visible


def can_edit_item(viewer: Membership, item: Item) -> bool:
    """Change the text of a note, plan item or commitment.

    A shared item is read-only for everyone: the manager must see what the seller
    chose to share. The seller stops sharing first to change it.
    """
    if not can_view_item(viewer, item) or item.visibility == Visibility.SHARED_WITH_MANAGER:
        return False
    if item.visibility == Visibility.PRIVATE:
        return True  # the author, checked above
    relationship = item.relationship  # type: ignore[union-attr]
    if _kind(item) == "Note":
        return is_seller_or_coach(viewer, relationship)
    # The plan and the commitments are the seller's: the coach comments and proposes.
    return is_seller(viewer, relationship)


def can_delete_item(viewer: Membership, item: Item) -> bool:
    return (
        _kind(item) == "Note"
        and author_id(item) == viewer.pk
        and item.visibility != Visibility.SHARED_WITH_MANAGER
        and can_view_item(viewer, item)
    )


def relationship_of(item: Item) -> CoachingRelationship:
    if _kind(item) == "Observation":
        return item.session.relationship  # type: ignore[union-attr]
    return item.relationship  # type: ignore[union-attr]


def can_share_item(viewer: Membership, item: Item) -> bool:
    """Only the seller shares an item with their manager, one item at a time."""
    relationship = relationship_of(item)
    return (
        is_seller(viewer, relationship)
        and can_view_item(viewer, item)
        and item.visibility != Visibility.SHARED_WITH_MANAGER
        and manager_id_of(relationship.coachee) is not None
    )


def can_unshare_item(viewer: Membership, item: Item) -> bool:
    """Only the seller stops sharing; the manager loses access on the next request."""
    return item.visibility == Visibility.SHARED_WITH_MANAGER and is_seller(viewer, relationship_of(item))


def can_change_privacy(viewer: Membership, item: Item) -> bool:
    """Switch between private and coach-and-seller: the author of a note, plan item or
    commitment (an observation is always between seller and coach)."""
    return (
        _kind(item) != "Observation"
        and author_id(item) == viewer.pk
        and item.visibility != Visibility.SHARED_WITH_MANAGER
        and can_view_item(viewer, item)
    )


def can_view_item_history(viewer: Membership, item: Item) -> bool:
    """Earlier versions may hold what was never shared: seller and coach only."""
    return can_view_item(viewer, item) and is_seller_or_coach(viewer, relationship_of(item))


def can_write_note(viewer: Membership, relationship: CoachingRelationship) -> bool:
    return is_seller_or_coach(viewer, relationship)


def can_write_plan(viewer: Membership, relationship: CoachingRelationship) -> bool:
    """The plan and the commitments are the seller's own."""
    return relationship.is_open and is_seller(viewer, relationship)


def can_review_commitment(viewer: Membership, commitment: Commitment) -> bool:
    return is_seller(viewer, commitment.relationship) and can_view_item(viewer, commitment)


def can_propose(viewer: Membership, relationship: CoachingRelationship) -> bool:
    """The coach proposes plan items and commitments; the seller decides."""
    return relationship.is_open and is_coach(viewer, relationship)


def can_view_proposal(viewer: Membership, proposal: Proposal) -> bool:
    return is_seller_or_coach(viewer, proposal.relationship)


def proposals_visible_q(viewer: Membership) -> Q:
    return _org_q(viewer, "relationship__") & _seller_or_coach_q(viewer, "relationship__")


def can_decide_proposal(viewer: Membership, proposal: Proposal) -> bool:
    return is_seller(viewer, proposal.relationship)


def can_withdraw_proposal(viewer: Membership, proposal: Proposal) -> bool:
    return is_coach(viewer, proposal.relationship) and proposal.proposed_by_id == viewer.pk


# --- ride-alongs ---------------------------------------------------------------------


def can_self_assess(viewer: Membership, observation: Observation) -> bool:
    """The seller assesses first, and until the coach has written their observation."""
    return (
        observation.observed_at is None
        and observation.session.has_started
        and observation.visibility != Visibility.SHARED_WITH_MANAGER
        and is_seller(viewer, observation.session.relationship)
    )


def can_observe(viewer: Membership, observation: Observation) -> bool:
    """The coach writes only after the seller's self-assessment, until it is acknowledged."""
    return (
        observation.self_assessed_at is not None
        and observation.acknowledged_at is None
        and observation.visibility != Visibility.SHARED_WITH_MANAGER
        and is_coach(viewer, observation.session.relationship)
    )


def can_see_self_assessment(viewer: Membership, observation: Observation) -> bool:
    """The coach sees the self-assessment only next to their own finished observation,
    so that neither is coloured by the other."""
    relationship = observation.session.relationship
    if is_seller(viewer, relationship):
        return True
    return observation.observed_at is not None and can_view_item(viewer, observation)


def can_see_coach_observation(viewer: Membership, observation: Observation) -> bool:
    relationship = observation.session.relationship
    if is_coach(viewer, relationship):
        return True
    return observation.observed_at is not None and can_view_item(viewer, observation)


def can_reply_to_observation(viewer: Membership, observation: Observation) -> bool:
    return (
        observation.observed_at is not None
        and observation.visibility != Visibility.SHARED_WITH_MANAGER
        and is_seller(viewer, observation.session.relationship)
    )


# --- what the access log records -----------------------------------------------------------


def read_record(obj: Any) -> tuple[int, frozenset[int]] | None:
    """Whose coaching data ``obj`` is, and who wrote it: (the seller's member id, the
    authors' member ids), or None for what the access log does not record.

    A read by anyone outside the authors goes on the seller's access log. Content two
    people write together -- a session's agenda and outcomes, a ride-along observation --
    has the seller and the coach as authors, so their reads of it are not recorded, and
    everyone else's are. The coach's own preparation and question bank are theirs alone.
    Callers load the object's relationship (as the selectors do).
    """
    kind = _kind(obj)
    if kind == "Note":
        return obj.relationship.coachee_id, frozenset({obj.author_id})
    if kind in ("PlanItem", "Commitment"):
        return obj.relationship.coachee_id, frozenset({obj.created_by_id})
    if kind == "Proposal":
        return obj.relationship.coachee_id, frozenset({obj.proposed_by_id})
    if kind == "TriadAgreement":
        return obj.relationship.coachee_id, frozenset({obj.created_by_id})
    if kind == "PlanItemRevision":
        return obj.item.relationship.coachee_id, frozenset({obj.changed_by_id})
    if kind == "SessionRating":
        return obj.session.relationship.coachee_id, frozenset({obj.rated_by_id})
    if kind in ("CoachingSession", "Observation"):
        relationship = obj.relationship if kind == "CoachingSession" else obj.session.relationship
        return relationship.coachee_id, frozenset({relationship.coachee_id, relationship.coach_id})
    if kind == "Intake":
        return obj.coachee_id, frozenset({obj.coachee_id})
    return None


# --- the coach's own question bank -------------------------------------------------------


def can_keep_question_bank(viewer: Membership) -> bool:
    return viewer.is_active


def custom_questions_q(viewer: Membership) -> Q:
    return Q(owner_id=viewer.pk) if viewer.is_active else Q(pk__in=[])
