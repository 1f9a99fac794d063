"""The JSON API under /api/v1/: one NinjaAPI, a router per business domain.

Endpoints call the same services, selectors and access gate as the pages.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError

from salescoach.accounts.api import router as accounts_router
from salescoach.api.auth import BearerAuth, SessionAuth
from salescoach.api.schemas import ErrorOut, RequestProblemOut, ValidationErrorOut
from salescoach.coaching.api import router as coaching_router
from salescoach.core.throttle import RateLimited
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

# Answers any operation can give, whatever it documents itself: documented once, here,
# so that the published schema describes every status code a client can meet.
COMMON_RESPONSES: dict[str, tuple[str, str]] = {
    "400": ("The request is not valid (see `errors` per field).", "ValidationErrorOut"),
    "401": ("No valid token or session.", "ErrorOut"),
    "403": ("You may not do this.", "ErrorOut"),
    "404": ("Not found -- or not yours to see: the same answer.", "ErrorOut"),
    "413": ("The request is too large.", "ErrorOut"),
    "422": ("The request does not match this schema.", "RequestProblemOut"),
    "429": ("Too many requests; try again after Retry-After seconds.", "ErrorOut"),
}


class SalesCoachAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.setdefault("ErrorOut", ErrorOut.json_schema())
        components.setdefault("ValidationErrorOut", ValidationErrorOut.json_schema())
        components.setdefault("RequestProblemOut", RequestProblemOut.json_schema())
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, (description, component) in COMMON_RESPONSES.items():
                    responses.setdefault(
                        status,
                        {
                            "description": description,
                            "content": {
                                "application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}
                            },
                        },
                    )
        return schema


api = SalesCoachAPI(
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


@api.exception_handler(DataError)
@api.exception_handler(OverflowError)
def out_of_range(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A number beyond what the database stores (an id of 40 digits, say): the request is
    wrong, not the server."""
    return api.create_response(
        request, {"detail": _("A number in the request is out of range."), "errors": {}}, status=400
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    body: dict[str, Any] = {"detail": str(exc)}
    if exc.status_code == 400:
        body["errors"] = {}  # the 400 shape is always {"detail", "errors"}
    return api.create_response(request, body, status=exc.status_code)


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


@api.exception_handler(RateLimited)
def rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    response = api.create_response(request, {"detail": str(exc)}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not Found")}, status=404)
