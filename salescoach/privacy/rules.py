"""Who may see or change what: every permission question as a named function.

Default deny: a rule answers yes only for the cases it names. Selectors use the
query forms (``*_q``) so that lists and single-object access agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from salescoach.organisations.models import Membership, MembershipStatus, Role, Team

if TYPE_CHECKING:
    from salescoach.privacy.models import ErasureRequest


def is_programme_owner(viewer: Membership) -> bool:
    return viewer.is_active and viewer.has_role(Role.PROGRAMME_OWNER)


def can_manage_people(viewer: Membership) -> bool:
    """Invite, import, change and deactivate members; create and change teams."""
    return is_programme_owner(viewer)


def visible_teams_q(viewer: Membership) -> Q:
    scope = Q(organisation_id=viewer.organisation_id)
    if not viewer.is_active:
        return scope & Q(pk__in=[])
    if is_programme_owner(viewer):
        return scope
    return scope & (
        Q(manager_id=viewer.pk)  # teams they manage
        | Q(pk=viewer.team_id)  # their own team
        | Q(manager__reports_to_id=viewer.pk)  # teams of managers they guide
    )


def visible_members_q(viewer: Membership) -> Q:
    scope = Q(organisation_id=viewer.organisation_id)
    if not viewer.is_active:
        return scope & Q(pk__in=[])
    if is_programme_owner(viewer):
        return scope
    related = (
        Q(pk=viewer.pk)
        | Q(pk=viewer.reports_to_id)
        | Q(reports_to_id=viewer.pk)
        | Q(team__manager_id=viewer.pk)
    )
    if viewer.team_id is not None:
        # Team mates and the manager of the viewer's team.
        related |= Q(team_id=viewer.team_id) | Q(
            pk__in=Team.objects.filter(pk=viewer.team_id).values("manager_id")
        )
    related |= _coaching_partners_q(viewer)
    return scope & Q(status=MembershipStatus.ACTIVE) & related


def _coaching_partners_q(viewer: Membership) -> Q:
    """A coach and their coachee see each other's member record."""
    from salescoach.coaching.models import CoachingRelationship

    return Q(pk__in=CoachingRelationship.objects.filter(coach_id=viewer.pk).values("coachee_id")) | Q(
        pk__in=CoachingRelationship.objects.filter(coachee_id=viewer.pk).values("coach_id")
    )


def can_view_team(viewer: Membership, team: Team) -> bool:
    return Team.objects.filter(visible_teams_q(viewer), pk=team.pk).exists()


def can_view_member(viewer: Membership, member: Membership) -> bool:
    return Membership.objects.filter(visible_members_q(viewer), pk=member.pk).exists()


def can_use_advisor(viewer: Membership) -> bool:
    """The coaching-model advisor is for those who set up coaching: programme owners and managers."""
    return viewer.is_active and viewer.has_role(Role.PROGRAMME_OWNER, Role.SALES_MANAGER)


def can_view_team_insights(viewer: Membership, team: Team) -> bool:
    """Team aggregates (impact of coaching, indicators): the programme owner, the team's
    manager and that manager's own superior -- never sellers or coaches (the visibility
    matrix gives them no one else's results)."""
    if not viewer.is_active or team.organisation_id != viewer.organisation_id:
        return False
    if is_programme_owner(viewer):
        return True
    return viewer.pk in (team.manager_id, team.manager.reports_to_id)


# --- coaching craft --------------------------------------------------------------------
# Membership roles that coach: managers coach their team (model 1), senior sellers their
# peers (model 2), internal and external coaches (models 3 and 4).
CRAFT_COACH_ROLES = (Role.SALES_MANAGER, Role.SENIOR_SELLER, Role.INTERNAL_COACH, Role.EXTERNAL_COACH)


def is_coach_of(coach: Membership, coachee: Membership) -> bool:
    """Does ``coach`` coach ``coachee`` (in the same organisation)?

    The answer comes from the coaching relationships (salescoach/privacy/policy.py).
    Everything that "the coachee's coach may see" (the non-sales intake results) asks
    this one question.
    """
    from salescoach.privacy.policy import is_coach_of as coaches_in_a_relationship

    return coaches_in_a_relationship(coach, coachee)


def can_practise_coaching(viewer: Membership) -> bool:
    """The ask-don't-tell practice page and one's own coaching-style trend."""
    return viewer.is_active and viewer.has_role(*CRAFT_COACH_ROLES)


def can_view_style_overview(viewer: Membership) -> bool:
    """Coaching-style figures of the organisation's coaches, aggregated above the threshold."""
    return is_programme_owner(viewer)


def can_take_intake(viewer: Membership) -> bool:
    """The sales-blockade intake is for professionals who are asked to sell."""
    return viewer.is_active and viewer.has_role(Role.NON_SALES)


def can_view_intake_of(viewer: Membership, coachee: Membership) -> bool:
    """An intake belongs to the coachee; their coach may read it, nobody else."""
    if not viewer.is_active or viewer.organisation_id != coachee.organisation_id:
        return False
    return viewer.pk == coachee.pk or is_coach_of(viewer, coachee)


# --- privacy: audit log, settings, personal data ---------------------------------------------


def can_read_audit_log(viewer: Membership) -> bool:
    """The organisation's audit log (without entries about coaching data)."""
    return is_programme_owner(viewer)


def can_change_privacy_settings(viewer: Membership) -> bool:
    """Such as the minimum group size for aggregates."""
    return is_programme_owner(viewer)


# --- erasure of a person who leaves ----------------------------------------------------------


def can_request_erasure(viewer: Membership, member: Membership) -> bool:
    """One's own erasure, or (programme owner) that of any member of the organisation."""
    if not viewer.is_active or member.organisation_id != viewer.organisation_id:
        return False
    return viewer.pk == member.pk or is_programme_owner(viewer)


def can_decide_erasure(viewer: Membership, request: ErasureRequest) -> bool:
    """A programme owner of the organisation confirms or declines -- never their own erasure."""
    return (
        is_programme_owner(viewer)
        and request.organisation_id == viewer.organisation_id
        and request.member_id != viewer.pk
    )


def can_withdraw_erasure(viewer: Membership, request: ErasureRequest) -> bool:
    return (
        viewer.is_active
        and request.organisation_id == viewer.organisation_id
        and viewer.pk in (request.member_id, request.requested_by_id)
    )


# --- retention ----------------------------------------------------------------------------------


def can_view_retention(viewer: Membership) -> bool:
    """What is due for deletion: dates, never content."""
    return is_programme_owner(viewer)
