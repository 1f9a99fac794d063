"""Home page sections: the way to your own results and to your team's.

They run no query of their own: the home page gathers every app's sections, and the
figures are one click away on the results pages.
"""

from __future__ import annotations

from django.utils import timezone

from salescoach.core.home import HomeSection
from salescoach.organisations.models import COACHEE_ROLES, Membership, Role
from salescoach.results.periods import quarter_of


def my_results(member: Membership) -> list[HomeSection]:
    if not member.is_active or not member.has_role(*COACHEE_ROLES):
        return []
    return [HomeSection("results/home/mine.html", {"period": quarter_of(timezone.localdate())})]


def team_results(member: Membership) -> list[HomeSection]:
    if not member.is_active or not member.has_role(Role.SALES_MANAGER):
        return []
    return [HomeSection("results/home/team.html", {"period": quarter_of(timezone.localdate())})]
