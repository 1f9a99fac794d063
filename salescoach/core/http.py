"""The request type of pages inside an organisation, and the decorator that makes one."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django_htmx.middleware import HtmxDetails

from salescoach.accounts.models import User
from salescoach.organisations.models import Membership, Organisation
from salescoach.privacy.access import access_membership_of_user
from salescoach.privacy.services import AuditedRefusal, RecordedRefusal, audit_denied


class OrgRequest(HttpRequest):
    """A request inside an organisation: who is asking, as which member."""

    user: User
    htmx: HtmxDetails
    membership: Membership
    organisation: Organisation


SESSION_ORGANISATION = "organisation"


def org_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Resolve ``org_slug`` from the URL to the viewer's own active membership (or 404)."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, org_slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        membership = access_membership_of_user(user=cast(User, request.user), organisation_slug=org_slug)
        org_request = cast(OrgRequest, request)
        org_request.membership = membership
        org_request.organisation = membership.organisation
        if request.session.get(SESSION_ORGANISATION) != org_slug:
            request.session[SESSION_ORGANISATION] = org_slug
        try:
            return view(org_request, *args, **kwargs)
        except RecordedRefusal:
            raise
        except AuditedRefusal as refusal:
            audit_denied(actor=membership, **refusal.entry)
            raise
        except PermissionDenied:
            # Every refused page or action is on record (the page's name, never its data).
            match = request.resolver_match
            audit_denied(actor=membership, object_type="page", object_id=match.view_name if match else "")
            raise

    return wrapper
