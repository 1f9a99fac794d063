"""Reads of organisations, teams, members and invitations, always as seen by a viewer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from salescoach.organisations.models import (
    Invitation,
    InvitationStatus,
    Membership,
    MembershipStatus,
    RoleAssignment,
    Team,
)
from salescoach.privacy import rules

if TYPE_CHECKING:
    from salescoach.accounts.models import User


def _with_people(qs: QuerySet[Membership]) -> QuerySet[Membership]:
    return qs.select_related("user", "team", "reports_to__user").prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.order_by("role"))
    )


def membership_list_for_user(*, user: User) -> QuerySet[Membership]:
    """The user's active memberships: the organisations they can switch between."""
    return (
        Membership.objects.filter(user=user, status=MembershipStatus.ACTIVE)
        .select_related("organisation")
        .prefetch_related("role_assignments")
        .order_by("organisation__name")
    )


def pending_invitations_for_user(*, user: User) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        membership__user=user,
        status=InvitationStatus.PENDING,
        expires_at__gt=timezone.now(),
    ).select_related("membership__organisation", "invited_by__user")


def team_list(*, viewer: Membership) -> QuerySet[Team]:
    return (
        Team.objects.filter(rules.visible_teams_q(viewer))
        .select_related("manager__user", "manager__reports_to__user")
        .annotate(member_count=Count("members", filter=Q(members__status=MembershipStatus.ACTIVE)))
        .order_by("name")
    )


def member_list(
    *,
    viewer: Membership,
    team_id: int | None = None,
    role: str | None = None,
    status: str | None = None,
    search: str | None = None,
) -> QuerySet[Membership]:
    qs = Membership.objects.filter(rules.visible_members_q(viewer))
    if team_id is not None:
        qs = qs.filter(team_id=team_id)
    if role:
        qs = qs.filter(role_assignments__role=role)
    if status:
        qs = qs.filter(status=status)
    if search:
        qs = qs.filter(
            Q(user__full_name__icontains=search)
            | Q(user__email__icontains=search)
            | Q(job_title__icontains=search)
        )
    return _with_people(qs).order_by("user__full_name", "pk")


def invitation_list(*, viewer: Membership) -> QuerySet[Invitation]:
    """Open and recent invitations of the organisation, for those who manage people."""
    if not rules.can_manage_people(viewer):
        return Invitation.objects.none()
    return (
        Invitation.objects.filter(membership__organisation_id=viewer.organisation_id)
        .select_related("membership__user", "membership__team", "invited_by__user")
        .order_by("-sent_at")
    )


def organisation_counts(*, viewer: Membership) -> dict[str, int]:
    """Head counts for the programme owner's overview, in one query."""
    if not rules.is_programme_owner(viewer):
        return {}
    return Membership.objects.filter(organisation_id=viewer.organisation_id).aggregate(
        active=Count("pk", filter=Q(status=MembershipStatus.ACTIVE)),
        invited=Count("pk", filter=Q(status=MembershipStatus.INVITED)),
        deactivated=Count("pk", filter=Q(status=MembershipStatus.DEACTIVATED)),
    )
