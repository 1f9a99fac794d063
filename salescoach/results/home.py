"""Home page sections: your own results this quarter, and your team's."""

from __future__ import annotations

from django.utils import timezone

from salescoach.core.home import HomeSection
from salescoach.organisations.models import COACHEE_ROLES, Membership
from salescoach.results import rules, selectors
from salescoach.results.periods import quarter_of


def my_results(member: Membership) -> list[HomeSection]:
    if not member.is_active or not member.has_role(*COACHEE_ROLES):
        return []
    period = quarter_of(timezone.localdate())
    data = selectors.dashboard(viewer=member, period=period, member=member)
    return [HomeSection("results/home/mine.html", {"data": data, "period": period})]


def team_results(member: Membership) -> list[HomeSection]:
    if not member.is_active or rules.is_programme_owner(member):
        return []
    if not rules.can_import_results(member):  # manages nobody
        return []
    period = quarter_of(timezone.localdate())
    data = selectors.dashboard(viewer=member, period=period)
    return [HomeSection("results/home/team.html", {"data": data, "period": period})]
