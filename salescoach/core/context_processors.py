from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from salescoach.core.navigation import nav_for
from salescoach.organisations.selectors import membership_list_for_user


def navigation(request: HttpRequest) -> dict[str, Any]:
    membership = getattr(request, "membership", None)
    if membership is None or not request.user.is_authenticated:
        return {}
    return {
        "membership": membership,
        "organisation": membership.organisation,
        "nav_items": nav_for(membership),
        # Evaluated lazily: only pages that render the switcher run the query.
        "switcher_memberships": lambda: list(membership_list_for_user(user=request.user)),
    }
