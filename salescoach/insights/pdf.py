"""The printable report: the same template context as the page, rendered to PDF with
WeasyPrint. It never fetches anything over the network: its stylesheet is read from the
app's static files and every URL is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"The PDF report fetches nothing: {url}")


def render_html(request: HttpRequest, template: str, context: dict[str, Any]) -> str:
    return render_to_string(template, context, request=request)


def render_pdf(request: HttpRequest, template: str, context: dict[str, Any]) -> bytes:
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML

    html = render_html(request, template, context)
    stylesheet = Path(str(finders.find("insights/report.css"))).read_text(encoding="utf-8")
    pdf = HTML(string=html, url_fetcher=_no_fetch).write_pdf(stylesheets=[CSS(string=stylesheet)])
    return bytes(pdf or b"")
