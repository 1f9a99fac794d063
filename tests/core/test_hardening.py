"""Every kind of answer the application gives -- HTML pages, JSON, downloads, calendar
files and feeds, CSV, the admin, the API docs, error pages -- is never cached and carries
the security headers; no page runs an inline script; errors show no internals."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib import admin
from django.test import Client
from django.utils import timezone

from salescoach.accounts.models import User
from salescoach.accounts.services import api_token_create
from salescoach.coaching import services as coaching
from tests.conftest import People

pytestmark = pytest.mark.django_db


def assert_hardened(response, what: str, *, docs: bool = False) -> None:  # type: ignore[no-untyped-def]
    assert "no-store" in response["Cache-Control"], (what, response["Cache-Control"])
    assert response["X-Content-Type-Options"] == "nosniff", what
    assert response["Referrer-Policy"] == "same-origin", what
    csp = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert csp["script-src"] == "'self'", (what, csp)
    assert csp["object-src"] == "'none'" and csp["frame-ancestors"] == "'none'", what
    assert csp["style-src"] == ("'self' 'unsafe-inline'" if docs else "'self'"), (what, csp)


def inline_scripts(html: str) -> list[str]:
    scripts = [
        t for t in re.findall(r"<script\b[^>]*>", html) if "src=" not in t and "application/json" not in t
    ]
    handlers = re.findall(r"\son[a-z]+=\"", html)
    return scripts + handlers


def test_every_kind_of_answer_is_never_cached_and_hardened(people: People, client_for) -> None:
    slug = people.org.slug
    relationship = coaching.relationship_create(
        actor=people.owner, coach_id=people.coach.pk, coachee_id=people.seller.pk
    )
    starts = timezone.now() + timedelta(days=2)
    session = coaching.session_plan(
        actor=people.coach, relationship=relationship, starts_at=starts, ends_at=starts + timedelta(hours=1)
    )
    seller, owner = client_for(people.seller), client_for(people.owner)
    _, raw = api_token_create(user=people.seller.user, name="t")
    token = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    _feed, feed = coaching.calendar_feed_create(user=people.seller.user)
    answers = {
        "html page": seller.get(f"/o/{slug}/"),
        "json api": token.get("/api/v1/me"),
        "json export download": seller.get("/privacy/export/"),
        "json export api": token.get("/api/v1/me/export"),
        "ics download": seller.get(f"/o/{slug}/coaching/sessions/{session.pk}/calendar.ics"),
        "ics api": token.get(f"/api/v1/coaching/sessions/{session.pk}/calendar.ics"),
        "ics feed (no login)": Client().get(f"/calendar/{feed}.ics"),
        "csv template": owner.get(f"/o/{slug}/imports/members/template.csv"),
        "404 page": seller.get(f"/o/{slug}/coaching/999999/"),
        "404 anonymous": Client().get("/no-such-page/"),
        "api 404": token.get("/api/v1/coaching/notes/999999"),
        "login page": Client().get("/accounts/login/"),
        "openapi schema": token.get("/api/v1/openapi.json"),
    }
    assert answers["ics feed (no login)"]["Content-Type"].startswith("text/calendar")
    assert answers["csv template"]["Content-Type"].startswith("text/csv")
    assert answers["json export download"]["Content-Disposition"].startswith("attachment")
    for what, response in answers.items():
        assert response.status_code in (200, 404), (what, response.status_code)
        assert_hardened(response, what)
    assert_hardened(token.get("/api/v1/docs"), "api docs", docs=True)


def test_the_admin_and_the_api_docs_run_no_inline_script(people: People) -> None:
    User.objects.create_superuser(email="operator@example.com", password="operator-pass-1", full_name="Op")
    client = Client()
    assert client.login(username="operator@example.com", password="operator-pass-1")
    urls = ["/admin/", "/api/v1/docs"]
    for model in admin.site._registry:
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        urls += [base, f"{base}add/"]
    urls.append(f"/admin/organisations/membership/{people.seller.pk}/change/")
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 403), url
        assert not inline_scripts(response.content.decode()), url
        assert_hardened(response, url, docs=url.startswith("/api/v1/docs"))


def test_error_pages_show_no_internals(people: People, client_for) -> None:
    page = client_for(people.seller).get(f"/o/{people.org.slug}/coaching/notes/999999/edit/").content.decode()
    for internal in ("Traceback", "urlpatterns", "DEBUG", "Http404", "salescoach/", "Using the URLconf"):
        assert internal not in page, internal
    api = Client(
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=people.seller.user, name='t')[1]}",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert api.get("/api/v1/coaching/notes/999999").json() == {"detail": "Not Found"}
