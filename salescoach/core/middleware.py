"""Middleware for every request: security headers and size limits."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# The interactive API docs (Swagger UI, served from our own static files) set
# inline style attributes; scripts stay limited to our own origin.
CSP_API_DOCS = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            docs = request.path.startswith("/api/v1/docs")
            response["Content-Security-Policy"] = CSP_API_DOCS if docs else CSP
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        # Every answer of the application may hold personal data -- pages and API answers for a
        # logged-in person, but also an invitation or password-reset page, a calendar feed, a
        # download: never cache any of them. (Static files never reach this middleware:
        # WhiteNoise answers them first, with their own long-lived caching.)
        if "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "no-store, private"
        return response


class RequestSizeLimitMiddleware:
    """Refuse bodies larger than MAX_REQUEST_BYTES before reading them (413)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return problem_response(request, 413, _("The request is too large."))
        return self.get_response(request)


def problem_response(request: HttpRequest, status: int, message: str) -> HttpResponse:
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        response: HttpResponse = JsonResponse({"detail": message}, status=status)
    else:
        response = HttpResponse(
            render_to_string("core/problem.html", {"message": message, "status": status}),
            status=status,
        )
    if status == 503:
        response["Retry-After"] = "5"
    return response
