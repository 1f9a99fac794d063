"""How API callers authenticate, and in which organisation they act.

A personal access token (Authorization: Bearer ...) or the browser session. The
organisation is the token's own when it is limited to one; otherwise the
X-Organisation header or ?organisation=<slug>; otherwise the caller's only one.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer

from salescoach.accounts.services import api_token_authenticate
from salescoach.organisations.models import Membership, MembershipStatus


class BearerAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = api_token_authenticate(raw=token)
        if api_token is None:
            return None
        request.user = api_token.user
        request.api_token = api_token  # type: ignore[attr-defined]
        return api_token.user


class SessionAuth(APIKeyCookie):
    """The logged-in browser session (with Django's CSRF check on changes)."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return request.user if request.user.is_authenticated else None


def viewer(request: HttpRequest) -> Membership:
    """The caller's active membership in the organisation they act in."""
    token = getattr(request, "api_token", None)
    memberships = list(
        Membership.objects.filter(user_id=request.user.pk or 0, status=MembershipStatus.ACTIVE)
        .select_related("organisation", "user", "team", "reports_to__user")
        .prefetch_related("role_assignments")
    )
    if token is not None and token.organisation_id is not None:
        slug = token.organisation.slug
    else:
        slug = request.headers.get("X-Organisation") or request.GET.get("organisation") or ""
    if slug:
        for membership in memberships:
            if membership.organisation.slug == slug:
                request.sc_membership = membership  # type: ignore[attr-defined]
                return membership
        raise HttpError(404, _("Not Found"))
    if len(memberships) == 1:
        request.sc_membership = memberships[0]  # type: ignore[attr-defined]
        return memberships[0]
    if not memberships:
        raise HttpError(403, _("You are not an active member of any organisation."))
    raise HttpError(
        400,
        _(
            "You are a member of several organisations; name one with the X-Organisation "
            "header or ?organisation=<slug>."
        ),
    )
