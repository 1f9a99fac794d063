"""Who may see or change what: every permission question as a named function.

Default deny: a rule answers yes only for the cases it names. Selectors use the
query forms (``*_q``) so that lists and single-object access agree.
"""

from __future__ import annotations

from django.db.models import Q

from salescoach.organisations.models import Membership, MembershipStatus, Role, Team


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


def coaches(viewer: Membership) -> bool:
    """Whether the member coaches (by role): they get the question bank in the navigation."""
    return viewer.is_active and viewer.has_role(
        Role.SALES_MANAGER, Role.SENIOR_SELLER, Role.INTERNAL_COACH, Role.EXTERNAL_COACH
    )


def can_view_team(viewer: Membership, team: Team) -> bool:
    return Team.objects.filter(visible_teams_q(viewer), pk=team.pk).exists()


def can_view_member(viewer: Membership, member: Membership) -> bool:
    return Membership.objects.filter(visible_members_q(viewer), pk=member.pk).exists()


def can_use_advisor(viewer: Membership) -> bool:
    """The coaching-model advisor is for those who set up coaching: programme owners and managers."""
    return viewer.is_active and viewer.has_role(Role.PROGRAMME_OWNER, Role.SALES_MANAGER)
