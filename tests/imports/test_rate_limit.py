"""Imports are heavy work: a person may start IMPORTS_PER_MINUTE of them a minute, in the
API (429 with Retry-After) and on the import page (the form says so); others are not
affected, and nothing is written by a refused import."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from salescoach.accounts.services import api_token_create
from salescoach.imports.models import ImportJob
from salescoach.results.models import Target
from tests.results.conftest import FILES
from tests.results.conftest import sales as sales  # the fixture, used by name

pytestmark = pytest.mark.django_db


def api_client(member) -> Client:
    _token, raw = api_token_create(user=member.user, name="api", organisation=member.organisation)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="nl")


def post_targets(c: Client):
    with (FILES / "targets_en.csv").open("rb") as handle:
        return c.post("/api/v1/imports/targets", {"file": handle, "dry_run": "true"})


@override_settings(IMPORTS_PER_MINUTE=2)
def test_the_api_answers_429_above_the_limit(sales) -> None:
    manager = api_client(sales.manager)
    answers = [post_targets(manager) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    refused = answers[-1]
    assert refused.json() == {"detail": "Te veel imports in korte tijd; probeer het over een minuut opnieuw."}
    assert 0 < int(refused["Retry-After"]) <= 60
    assert Target.objects.count() == 0
    # The limit is per person: the programme owner still imports.
    assert post_targets(api_client(sales.owner)).status_code == 200


@override_settings(IMPORTS_PER_MINUTE=1)
def test_the_import_page_says_so_above_the_limit(
    sales, client_for, django_capture_on_commit_callbacks
) -> None:
    owner = client_for(sales.owner, "nl")
    url = f"/o/{sales.org.slug}/imports/members/"

    def upload() -> SimpleUploadedFile:
        return SimpleUploadedFile("people.csv", b"email,full name,roles\nnew@example.com,New Person,seller\n")

    with django_capture_on_commit_callbacks(execute=True):
        assert owner.post(url, {"file": upload()}).status_code == 302
    refused = owner.post(url, {"file": upload()})
    assert refused.status_code == 429
    assert "Te veel imports in korte tijd" in refused.content.decode()
    assert ImportJob.objects.count() == 1
