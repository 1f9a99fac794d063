"""Entry pages: where a logged-in person lands, and the home page of each role."""

from __future__ import annotations

import logging
import sys
from typing import cast

from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from salescoach.accounts.models import User
from salescoach.core.health import health_checks
from salescoach.core.home import home_sections
from salescoach.core.http import SESSION_ORGANISATION, OrgRequest, org_view
from salescoach.core.middleware import problem_response
from salescoach.organisations.selectors import (
    membership_list_for_user,
    pending_invitations_for_user,
)

logger = logging.getLogger(__name__)


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


def liveness(request: HttpRequest) -> JsonResponse:
    """The process answers; nothing else is checked (restart only when this fails)."""
    return JsonResponse({"status": "ok"})


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness in one answer: 200 when every check passes, else 503."""
    checks = health_checks()
    healthy = all(check == "ok" for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler: a database outage becomes a clear 503, anything else a plain 500
    page. Neither shows internals. Django reconnects by itself on a later request
    (CONN_HEALTH_CHECKS), so the app recovers without a restart."""
    exception = sys.exc_info()[1]
    if isinstance(exception, OperationalError | InterfaceError):
        logger.warning("database unavailable: %s", type(exception).__name__)
        return problem_response(
            request, 503, _("SalesCoach is briefly unavailable. Please try again in a moment.")
        )
    if request.path.startswith("/api/"):
        return problem_response(request, 500, _("Something went wrong. Please try again in a moment."))
    return HttpResponse(render_to_string("500.html"), status=500)
