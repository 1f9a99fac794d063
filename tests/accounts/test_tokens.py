from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from salescoach.accounts.models import APIToken
from tests.conftest import People

pytestmark = pytest.mark.django_db


def test_create_api_token_command_prints_only_the_token(people: People, capsys) -> None:
    call_command("create_api_token", "seller@example.com")
    output = capsys.readouterr().out
    assert output.count("\n") == 1
    raw = output.strip()
    assert raw.startswith("sc_") and " " not in raw
    assert (
        Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/me").json()["email"] == "seller@example.com"
    )


def test_create_api_token_command_limited_to_an_organisation(people: People, capsys) -> None:
    call_command("create_api_token", "seller@example.com", "--organisation", people.org.slug)
    token = APIToken.objects.get(user=people.seller.user)
    assert token.organisation == people.org
    with pytest.raises(CommandError):
        call_command("create_api_token", "seller@example.com", "--organisation", people.outsider_org.slug)
    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody@example.com")


def test_tokens_are_created_listed_and_revoked_in_the_pages(people: People, client_for) -> None:
    client = client_for(people.seller)
    response = client.post("/accounts/tokens/", {"name": "My script", "organisation": ""})
    raw = response.context["new_token"]
    assert raw in response.content.decode()
    token = APIToken.objects.get(user=people.seller.user)
    assert token.key_hash != raw and raw not in token.prefix + token.key_hash
    listing = client.get("/accounts/tokens/").content.decode()
    assert "My script" in listing and raw not in listing
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/me").status_code == 401


def test_tokens_through_the_api(people: People, client_for) -> None:
    client = client_for(people.seller)
    created = client.post("/api/v1/me/tokens", {"name": "ci"}, content_type="application/json")
    assert created.status_code == 201
    raw = created.json()["token"]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert [t["name"] for t in api.get("/api/v1/me/tokens").json()] == ["ci"]
    assert api.delete(f"/api/v1/me/tokens/{created.json()['id']}").status_code == 204
    assert api.get("/api/v1/me").status_code == 401
    assert client.post("/api/v1/me/tokens", {"name": ""}, content_type="application/json").status_code == 400
