"""The main navigation: which sections a member sees, by role.

Each app adds its sections here; a section is shown when its rule says so, and the
pages behind it still check access themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from salescoach.insights import rules as insights_rules
from salescoach.organisations.models import Membership, Role
from salescoach.privacy import rules
from salescoach.programmes import rules as programme_rules
from salescoach.results import rules as results_rules


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    section: str
    visible: Callable[[Membership], bool]
    group: str = ""  # items of one group share a dropdown; a group of one is a plain link


# The dropdowns, in the order they appear (each where its first item would stand).
GROUPS: dict[str, str | Promise] = {
    "coaching": _("Coaching"),
    "organisation": _("Organisation"),
}


@dataclass
class NavEntry:
    """What the navigation bar shows: one link, or a dropdown of several."""

    label: str | Promise
    items: list[NavItem]

    @property
    def sections(self) -> set[str]:
        return {item.section for item in self.items}


def _leads_people(member: Membership) -> bool:
    return rules.is_programme_owner(member) or member.has_role(Role.SALES_MANAGER)


def _takes_part_in_evaluations(member: Membership) -> bool:
    """Everyone who can be evaluated or evaluates; not a coach as such (rule 2)."""
    return rules.is_programme_owner(member) or member.has_role(
        Role.SALES_MANAGER, Role.SELLER, Role.NON_SALES, Role.SENIOR_SELLER
    )


NAV_ITEMS: list[NavItem] = [
    NavItem(_("Home"), "core:org-home", "home", lambda m: True),
    NavItem(_("Results"), "results:dashboard", "results", results_rules.can_view_results),
    NavItem(_("Insights"), "insights:home", "insights", insights_rules.can_view_insights),
    NavItem(_("Coaching workspace"), "coaching:overview", "coaching", lambda m: True, "coaching"),
    NavItem(_("Question bank"), "coaching:questions", "questions", rules.can_practise_coaching, "coaching"),
    NavItem(
        _("Practise asking"), "craft:practice", "craft-practice", rules.can_practise_coaching, "coaching"
    ),
    NavItem(
        _("Coaching style"), "craft:overview", "craft-overview", rules.can_view_style_overview, "coaching"
    ),
    NavItem(_("Intake"), "craft:intake", "craft-intake", rules.can_take_intake, "coaching"),
    NavItem(_("Teams"), "organisations:team-list", "teams", _leads_people, "organisation"),
    NavItem(_("People"), "organisations:member-list", "people", _leads_people, "organisation"),
    NavItem(
        _("Coaching programmes"),
        "programmes:list",
        "programmes",
        programme_rules.can_view_programmes,
        "organisation",
    ),
    NavItem(_("Surveys"), "surveys:home", "surveys", lambda m: True, "organisation"),
    NavItem(_("Evaluations"), "evaluations:list", "evaluations", _takes_part_in_evaluations),
    NavItem(_("Privacy"), "privacy:home", "privacy", lambda m: True),
]


def nav_for(member: Membership) -> list[NavEntry]:
    """The member's navigation: visible items, grouped into dropdowns where a group has
    more than one visible item."""
    entries: list[NavEntry] = []
    by_group: dict[str, NavEntry] = {}
    for item in NAV_ITEMS:
        if not item.visible(member):
            continue
        if item.group and item.group in by_group:
            by_group[item.group].items.append(item)
            continue
        entry = NavEntry(GROUPS[item.group] if item.group else item.label, [item])
        entries.append(entry)
        if item.group:
            by_group[item.group] = entry
    for entry in entries:
        if len(entry.items) == 1:
            entry.label = entry.items[0].label
    return entries
