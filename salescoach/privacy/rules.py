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
    return scope & Q(status=MembershipStatus.ACTIVE) & related


def can_view_team(viewer: Membership, team: Team) -> bool:
    return Team.objects.filter(visible_teams_q(viewer), pk=team.pk).exists()


def can_view_member(viewer: Membership, member: Membership) -> bool:
    return Membership.objects.filter(visible_members_q(viewer), pk=member.pk).exists()


# --- privacy: audit log, settings, personal data ---------------------------------------------


def can_read_audit_log(viewer: Membership) -> bool:
    """The organisation's audit log (without entries about coaching data)."""
    return is_programme_owner(viewer)


def can_change_privacy_settings(viewer: Membership) -> bool:
    """Such as the minimum group size for aggregates."""
    return is_programme_owner(viewer)
