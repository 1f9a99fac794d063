"""The printable report: the same template context as the page, rendered to PDF with
WeasyPrint. It never fetches anything over the network: stylesheets are inline in the
PDF template and other URLs are refused."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"The PDF report fetches nothing: {url}")


def render_html(request: HttpRequest, template: str, context: dict[str, Any]) -> str:
    return render_to_string(template, context, request=request)


def render_pdf(request: HttpRequest, template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    html = render_html(request, template, context)
    pdf = HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    return bytes(pdf or b"")
