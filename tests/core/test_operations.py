"""Request ids, structured logs, size limits and clean failures when the database is down."""

from __future__ import annotations

import json
import logging
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from salescoach.core.observability import JsonFormatter, RequestIdFilter
from tests.conftest import People

pytestmark = pytest.mark.django_db


def test_every_response_has_a_request_id(db: None, settings) -> None:  # type: ignore[no-untyped-def]
    first = Client().get("/healthz")["X-Request-ID"]
    second = Client().get("/healthz")["X-Request-ID"]
    assert first != second and len(first) == 32
    # A proxy's id is only trusted when the proxy is.
    assert Client().get("/healthz", HTTP_X_REQUEST_ID="from-proxy-123")["X-Request-ID"] != "from-proxy-123"
    settings.TRUST_PROXY_HEADERS = True
    assert Client().get("/healthz", HTTP_X_REQUEST_ID="from-proxy-123")["X-Request-ID"] == "from-proxy-123"
    assert Client().get("/healthz", HTTP_X_REQUEST_ID="bad id\n")["X-Request-ID"] != "bad id\n"


def test_json_log_lines_carry_the_request_id() -> None:
    record = logging.LogRecord("salescoach", logging.WARNING, __file__, 1, "import job %s failed", (7,), None)
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "import job 7 failed"
    assert line["level"] == "WARNING" and line["request_id"] == "-"


def test_oversized_requests_are_refused_before_reading(db: None, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MAX_REQUEST_BYTES = 1000
    response = Client().post("/api/v1/imports/members", data=b"x" * 2000, content_type="text/csv")
    assert response.status_code == 413
    assert response.json()["detail"]


def test_a_database_outage_gives_a_clean_503(people: People, client_for) -> None:
    client = client_for(people.seller)
    client.raise_request_exception = False
    with mock.patch("salescoach.core.views.home_sections", side_effect=OperationalError("server closed")):
        page = client.get(f"/o/{people.org.slug}/")
    assert page.status_code == 503
    body = page.content.decode()
    assert "briefly unavailable" in body and "Traceback" not in body and "server closed" not in body
    assert page["Retry-After"] == "5"


def test_a_database_outage_in_the_api_gives_json(people: People) -> None:
    from salescoach.accounts.services import api_token_create

    _, raw = api_token_create(user=people.seller.user, name="t")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en")
    client.raise_request_exception = False
    with mock.patch("salescoach.organisations.selectors.team_list", side_effect=OperationalError("gone")):
        response = client.get("/api/v1/teams")
    assert response.status_code == 503
    assert response.json() == {"detail": "SalesCoach is briefly unavailable. Please try again in a moment."}


def test_an_unexpected_error_shows_no_internals(people: People, client_for) -> None:
    client = client_for(people.seller)
    client.raise_request_exception = False
    with mock.patch("salescoach.core.views.home_sections", side_effect=RuntimeError("secret internals")):
        page = client.get(f"/o/{people.org.slug}/")
    assert page.status_code == 500
    assert "secret internals" not in page.content.decode()


def test_liveness_needs_nothing_but_the_process(db: None) -> None:
    from django.db import connection

    with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
        assert Client().get("/healthz/live").json() == {"status": "ok"}
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unavailable"
