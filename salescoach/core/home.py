"""The home page is built from sections that each app contributes for a member's roles."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import import_string

from salescoach.organisations.models import Membership


@dataclass
class HomeSection:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


# Each provider returns the sections it has for this member (often none). The order
# here is the order on the page.
HOME_PROVIDERS = [
    "salescoach.organisations.home.organisation_overview",
    "salescoach.coaching.home.seller_coaching",
    "salescoach.coaching.home.coach_coaching",
    "salescoach.coaching.home.manager_coaching",
    "salescoach.organisations.home.managed_teams",
    "salescoach.organisations.home.my_place",
    "salescoach.craft.home.coaching_style",
    "salescoach.craft.home.intake",
    "salescoach.evaluations.home.evaluations",
    "salescoach.surveys.home.open_surveys",
    "salescoach.results.home.team_results",
    "salescoach.results.home.my_results",
]


def home_sections(member: Membership) -> list[HomeSection]:
    sections: list[HomeSection] = []
    for path in HOME_PROVIDERS:
        provider: Callable[[Membership], list[HomeSection]] = import_string(path)
        sections.extend(provider(member))
    return sections
