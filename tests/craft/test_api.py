"""POST /api/v1/coaching-style/analyze: the contract of CONTRACTS.md, and its edges."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.test.utils import override_settings

from salescoach.accounts.services import api_token_create
from salescoach.craft.models import StyleSample
from salescoach.organisations.models import Membership
from tests.conftest import People

URL = "/api/v1/coaching-style/analyze"


def api_client(member: Membership, **headers: str) -> Client:
    _, raw = api_token_create(user=member.user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", **headers)


def post(client: Client, payload: dict[str, Any]) -> Any:
    return client.post(URL, payload, content_type="application/json")


@pytest.mark.django_db
def test_the_contract_shape(people: People) -> None:
    response = post(
        api_client(people.coach),
        {"text": "Je moet de klant eerder bellen. Wat wil je bereiken?", "language": None},
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {"language", "sentences", "ask_ratio"}
    assert body["language"] == "nl"
    assert body["ask_ratio"] == 0.5
    first, second = body["sentences"]
    assert set(first) == {"text", "label", "cues", "suggestion"}
    assert first == {
        "text": "Je moet de klant eerder bellen.",
        "label": "directive",
        "cues": ["Je moet"],
        "suggestion": "Wat zou er gebeuren als je de klant eerder belt?",
    }
    assert second["label"] == "open_question" and second["suggestion"] is None
    assert body["counts"] == {"open_question": 1, "closed_question": 0, "directive": 1, "statement": 0}
    assert body["language_source"] == "detected"
    assert {s["label"] for s in body["sentences"]} <= {
        "open_question",
        "closed_question",
        "directive",
        "statement",
    }


@pytest.mark.django_db
def test_a_given_language_is_used(people: People) -> None:
    body = post(api_client(people.seller), {"text": "Call the client.", "language": "en"}).json()
    assert body["language"] == "en"
    assert body["language_source"] == "given"
    assert body["sentences"][0]["label"] == "directive"


@pytest.mark.django_db
def test_language_may_be_left_out(people: People) -> None:
    body = post(api_client(people.seller), {"text": "Did you call the client?"}).json()
    assert body["language"] == "en"
    assert body["sentences"][0]["label"] == "closed_question"
    assert body["sentences"][0]["suggestion"] == "Where do things stand with the client?"


@pytest.mark.django_db
def test_zero_questions_and_directives_give_ask_ratio_zero(people: People) -> None:
    body = post(api_client(people.coach), {"text": "Goed gedaan. De klant was blij."}).json()
    assert body["ask_ratio"] == 0
    assert body["counts"]["statement"] == 2


@pytest.mark.django_db
def test_empty_text_is_an_empty_answer_in_the_request_language(people: People) -> None:
    body = post(api_client(people.coach, HTTP_ACCEPT_LANGUAGE="en"), {"text": "  👍 "}).json()
    assert body["sentences"] == []
    assert body["ask_ratio"] == 0
    assert body["language"] == "en"
    assert body["notice"]


@pytest.mark.django_db
def test_too_little_text_says_which_language_it_was_read_in(people: People) -> None:
    body = post(api_client(people.coach, HTTP_ACCEPT_LANGUAGE="nl"), {"text": "xyzzy"}).json()
    assert body["language"] == "nl"
    assert body["language_source"] == "fallback"
    assert "Nederlands" in body["notice"]


@pytest.mark.django_db
def test_another_language_answers_400_and_names_it(people: People) -> None:
    response = post(
        api_client(people.coach, HTTP_ACCEPT_LANGUAGE="en"),
        {"text": "Du solltest den Kunden früher anrufen. Was denkst du?"},
    )
    assert response.status_code == 400
    body = response.json()
    assert "German" in body["detail"]
    assert "text" in body["errors"]


@pytest.mark.django_db
def test_more_than_100000_characters_answers_400(people: People) -> None:
    client = api_client(people.coach, HTTP_ACCEPT_LANGUAGE="en")
    assert post(client, {"text": "Bel de klant. " * 7142}).status_code == 200  # 99,988 characters
    response = post(client, {"text": "a" * 100_001})
    assert response.status_code == 400
    assert "100,000" in response.json()["detail"]


@pytest.mark.django_db
def test_an_unknown_language_is_a_validation_error(people: People) -> None:
    assert post(api_client(people.coach), {"text": "Hallo", "language": "de"}).status_code == 422
    assert post(api_client(people.coach), {"language": "nl"}).status_code == 422


@pytest.mark.django_db
def test_it_needs_a_login(people: People) -> None:
    assert Client().post(URL, {"text": "Bel"}, content_type="application/json").status_code == 401


@pytest.mark.django_db
def test_nothing_is_stored_unless_asked_and_then_never_the_text(people: People) -> None:
    client = api_client(people.coach)
    post(client, {"text": "Je moet de klant eerder bellen."})
    assert not StyleSample.objects.exists()
    response = post(client, {"text": "Je moet de klant eerder bellen. Wat wil je?", "record": True})
    assert response.status_code == 200
    sample = StyleSample.objects.get()
    assert (sample.coach, sample.directives, sample.open_questions, sample.source) == (
        people.coach,
        1,
        1,
        "api",
    )
    stored = [str(getattr(sample, f.attname)) for f in StyleSample._meta.concrete_fields]
    assert not any("klant" in value for value in stored)


@pytest.mark.django_db
def test_recording_needs_a_coach_role(people: People) -> None:
    response = post(api_client(people.seller), {"text": "Bel de klant.", "record": True})
    assert response.status_code == 403
    assert not StyleSample.objects.exists()


@pytest.mark.django_db
@override_settings(CRAFT_ANALYSES_PER_MINUTE=3)
def test_a_runaway_client_is_slowed_down(people: People) -> None:
    client = api_client(people.coach)
    answers = [post(client, {"text": "Bel de klant."}).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert int(post(client, {"text": "Bel"})["Retry-After"]) > 0


@pytest.mark.django_db
def test_it_is_in_the_published_schema(people: People) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/coaching-style/analyze"]["post"]
    assert "200" in operation["responses"]
