"""Home page sections about the organisation, its teams and the member's own place."""

from __future__ import annotations

from salescoach.core.home import HomeSection
from salescoach.organisations import selectors
from salescoach.organisations.models import Membership, MembershipStatus, Role
from salescoach.privacy import rules


def organisation_overview(member: Membership) -> list[HomeSection]:
    if not rules.is_programme_owner(member):
        return []
    return [
        HomeSection(
            "organisations/home/overview.html",
            {
                "counts": selectors.organisation_counts(viewer=member),
                "teams": selectors.team_list(viewer=member),
                "open_invitations": selectors.invitation_list(viewer=member).filter(status="pending").count(),
            },
        )
    ]


def managed_teams(member: Membership) -> list[HomeSection]:
    if not member.has_role(Role.SALES_MANAGER):
        return []
    teams = list(selectors.team_list(viewer=member).filter(manager=member))
    if not teams:
        return []
    members = (
        selectors.member_list(viewer=member)
        .filter(team__in=teams, status=MembershipStatus.ACTIVE)
        .exclude(pk=member.pk)
    )
    return [HomeSection("organisations/home/managed_teams.html", {"teams": teams, "members": members})]


def my_place(member: Membership) -> list[HomeSection]:
    team = member.team
    manager = member.reports_to
    if team is None and manager is None:
        return []
    if team is not None and team.manager_id == member.pk:
        team = None  # the manager's own team is shown in full above
    colleagues = (
        selectors.member_list(viewer=member, team_id=team.pk, status=MembershipStatus.ACTIVE).exclude(
            pk=member.pk
        )
        if team is not None
        else []
    )
    return [
        HomeSection(
            "organisations/home/my_place.html",
            {"team": team, "manager": manager, "colleagues": colleagues},
        )
    ]
