"""Refused lookups are written to the audit log after the response has gone out."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from salescoach.privacy.services import deferred_audit, write_deferred


class DeferredAuditMiddleware:
    """Collects the request's refused-lookup entries and writes them when the response is
    closed -- after the WSGI/ASGI server has sent it -- so that neither the answer nor the
    time it takes tells whether a refused object exists."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        with deferred_audit() as pending:
            try:
                response = self.get_response(request)
            except BaseException:
                write_deferred(pending)
                raise
        # Django calls a response's closers when the server closes it; there is no public
        # API to add one, and this private list is what FileResponse uses too.
        response._resource_closers.append(lambda: write_deferred(pending))  # type: ignore[attr-defined]
        return response
