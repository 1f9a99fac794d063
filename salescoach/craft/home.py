"""Home page sections: a coach's own ask/tell balance, a coachee's intake."""

from __future__ import annotations

from salescoach.core.home import HomeSection
from salescoach.craft import selectors
from salescoach.organisations.models import Membership
from salescoach.privacy import rules


def coaching_style(member: Membership) -> list[HomeSection]:
    if not rules.can_practise_coaching(member):
        return []
    return [HomeSection("craft/home/coaching_style.html", {"recent": selectors.style_recent(viewer=member)})]


def intake(member: Membership) -> list[HomeSection]:
    if not rules.can_take_intake(member):
        return []
    return [HomeSection("craft/home/intake.html", {"status": selectors.intake_status(viewer=member)})]
