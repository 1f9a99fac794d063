from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from salescoach.organisations.models import COACHEE_ROLES, Membership, MembershipStatus, Role, Team


def team_profile(*, team: Team) -> dict[str, Any]:
    """What the advisor can prefill from a team the viewer may see (one query)."""
    counts = (
        Membership.objects.filter(team=team, status=MembershipStatus.ACTIVE)
        .exclude(pk=team.manager_id)
        .aggregate(
            coachees=Count("pk", filter=Q(role_assignments__role__in=COACHEE_ROLES), distinct=True),
            seniors=Count("pk", filter=Q(role_assignments__role=Role.SENIOR_SELLER), distinct=True),
            non_sales=Count("pk", filter=Q(role_assignments__role=Role.NON_SALES), distinct=True),
        )
    )
    coachees = counts["coachees"] or 0
    share = (counts["non_sales"] or 0) / coachees if coachees else 0
    return {
        "team_size": max(coachees, 1),
        "senior_sellers_willing": counts["seniors"] or 0,
        "non_sales": "most" if share > 0.5 else "some" if share > 0 else "none",
    }
