"""The JSON API under /api/v1/: one NinjaAPI, a router per business domain.

Endpoints call the same services, selectors and access gate as the pages.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from salescoach.accounts.api import router as accounts_router
from salescoach.api.auth import BearerAuth, SessionAuth
from salescoach.coaching.api import router as coaching_router
from salescoach.craft.api import router as craft_router
from salescoach.evaluations.api import router as evaluations_router
from salescoach.imports.api import router as imports_router
from salescoach.insights.api import router as insights_router
from salescoach.organisations.api import router as organisations_router
from salescoach.privacy.api import router as privacy_router
from salescoach.privacy.services import AuditedRefusal, RecordedRefusal, audit_denied
from salescoach.programmes.api import router as programmes_router
from salescoach.results.api import router as results_router
from salescoach.surveys.api import router as surveys_router

api = NinjaAPI(
    title="SalesCoach API",
    version="1",
    description=(
        "Authenticate with a personal access token: `Authorization: Bearer <token>`. "
        "Create one under *API tokens* in the app, or with "
        "`python manage.py create_api_token EMAIL`. A token limited to an organisation "
        "acts there; otherwise name the organisation with the `X-Organisation` header "
        "(or `?organisation=<slug>`) when you belong to several. Objects you may not "
        "see answer 404, exactly like objects that do not exist."
    ),
    urls_namespace="api",
    auth=[BearerAuth(), SessionAuth()],
)

api.add_router("/", accounts_router)
api.add_router("/", organisations_router)
api.add_router("/imports", imports_router)
api.add_router("/", programmes_router)
api.add_router("/insights", insights_router)
api.add_router("/", craft_router)
api.add_router("/", privacy_router)
api.add_router("/coaching", coaching_router)
api.add_router("/", evaluations_router)
api.add_router("/", surveys_router)
api.add_router("/results", results_router)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = (
        {field: [str(m) for m in ValidationError(msgs).messages] for field, msgs in exc.error_dict.items()}
        if hasattr(exc, "error_dict")
        else {}
    )
    return api.create_response(request, {"detail": " ".join(exc.messages), "errors": errors}, status=400)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    # Every refused operation is on record: the operation, never its data.
    if isinstance(exc, AuditedRefusal):
        audit_denied(
            actor=getattr(request, "sc_membership", None),
            actor_user=request.user if request.user.is_authenticated else None,
            **exc.entry,
        )
    elif not isinstance(exc, RecordedRefusal):
        match = request.resolver_match
        audit_denied(
            object_type="api",
            object_id=f"{request.method} /{match.route if match else ''}",
            actor=getattr(request, "sc_membership", None),
            actor_user=request.user if request.user.is_authenticated else None,
        )
    detail = str(exc) or _("You are not allowed to do this.")
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not Found")}, status=404)
