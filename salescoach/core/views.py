"""Entry pages: where a logged-in person lands, and the home page of each role."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from salescoach.accounts.models import User
from salescoach.core.health import health_checks
from salescoach.core.home import home_sections
from salescoach.core.http import SESSION_ORGANISATION, OrgRequest, org_view
from salescoach.organisations.selectors import (
    membership_list_for_user,
    pending_invitations_for_user,
)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send the person to the organisation they used last, or let them choose."""
    user = cast(User, request.user)
    memberships = list(membership_list_for_user(user=user))
    last = request.session.get(SESSION_ORGANISATION)
    for membership in memberships:
        if membership.organisation.slug == last:
            return redirect("core:org-home", org_slug=last)
    if len(memberships) == 1:
        return redirect("core:org-home", org_slug=memberships[0].organisation.slug)
    return render(
        request,
        "core/choose_organisation.html",
        {
            "memberships": memberships,
            "invitations": pending_invitations_for_user(user=user),
        },
    )


@org_view
def org_home(request: OrgRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {
            "sections": home_sections(request.membership),
            "invitations": pending_invitations_for_user(user=request.user),
            "section": "home",
        },
    )


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness in one answer: 200 when every check passes, else 503."""
    checks = health_checks()
    healthy = all(check == "ok" for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
