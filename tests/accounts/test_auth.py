from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from salescoach.organisations.models import MembershipStatus
from tests.conftest import People
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def post_login(client: Client, email: str, password: str, address: str = "10.0.0.1"):  # type: ignore[no-untyped-def]
    return client.post(
        "/accounts/login/",
        {"username": email, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_login_with_email_rotates_the_session_key(people: People) -> None:
    client = Client()
    client.get("/accounts/login/")
    client.session.save()
    before = client.session.session_key
    response = post_login(client, "SELLER@example.com ", PASSWORD)
    assert response.status_code == 302
    assert client.session.session_key != before
    assert response.wsgi_request.user.email == "seller@example.com"


def test_session_cookie_flags(people: People) -> None:
    response = post_login(Client(), "seller@example.com", PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert settings.SESSION_SAVE_EVERY_REQUEST  # idle timeout: the expiry moves with each request
    assert cookie["max-age"] == settings.SESSION_COOKIE_AGE


def test_wrong_password_gets_a_clear_error(people: People) -> None:
    response = post_login(Client(), "seller@example.com", "wrong")
    assert response.status_code == 200
    assert "e-mail address or password is not correct" in response.content.decode()


def test_failed_logins_are_limited_per_account(people: People) -> None:
    client = Client()
    for i in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        post_login(client, "seller@example.com", "wrong", address=f"10.0.0.{i}")
    response = post_login(client, "seller@example.com", PASSWORD, address="10.0.1.1")
    assert response.status_code == 200
    assert "Too many failed attempts" in response.content.decode()
    # Another account is not affected.
    assert post_login(Client(), "colleague@example.com", PASSWORD).status_code == 302


def test_failed_logins_are_limited_per_address(people: People, settings) -> None:
    settings.LOGIN_FAILURES_PER_ADDRESS = 3
    for i in range(3):
        post_login(Client(), f"nobody{i}@example.com", "wrong", address="10.9.9.9")
    response = post_login(Client(), "seller@example.com", PASSWORD, address="10.9.9.9")
    assert "Too many failed attempts" in response.content.decode()
    assert post_login(Client(), "seller@example.com", PASSWORD, address="10.9.9.8").status_code == 302


def test_a_deactivated_member_cannot_log_in(people: People) -> None:
    people.seller.status = MembershipStatus.DEACTIVATED
    people.seller.save()
    response = post_login(Client(), "seller@example.com", PASSWORD)
    assert response.status_code == 200
    assert "Your access has been ended" in response.content.decode()


def test_password_reset_by_email(people: People) -> None:
    response = Client().post("/accounts/password/reset/", {"email": "seller@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://[^\s]+/accounts/password/reset/[^\s]+/", mail.outbox[0].body)
    assert link
    client = Client()
    path = link.group(0).split("127.0.0.1:8000", 1)[-1]
    form = client.get(path, follow=True)
    assert form.status_code == 200
    response = client.post(
        form.redirect_chain[-1][0], {"new_password1": "n3w-Secret-pass", "new_password2": "n3w-Secret-pass"}
    )
    assert response.status_code == 302
    assert post_login(Client(), "seller@example.com", "n3w-Secret-pass").status_code == 302


def test_password_reset_email_uses_the_recipients_language(people: People) -> None:
    people.seller.user.language = "nl"
    people.seller.user.save()
    Client().post("/accounts/password/reset/", {"email": "seller@example.com"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "wachtwoord" in mail.outbox[0].subject.lower()


def test_password_change_keeps_the_session(people: People, client_for) -> None:
    client = client_for(people.seller)
    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": "An0ther-good-one", "new_password2": "An0ther-good-one"},
    )
    assert response.status_code == 302
    assert client.get(f"/o/{people.org.slug}/").status_code == 200


def test_logout_needs_post(people: People, client_for) -> None:
    client = client_for(people.seller)
    assert client.get("/accounts/logout/").status_code == 405
    client.post("/accounts/logout/")
    assert client.get(f"/o/{people.org.slug}/").status_code == 302


def test_language_choice_is_remembered(people: People, client_for) -> None:
    client = client_for(people.seller)
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    people.seller.user.refresh_from_db()
    assert people.seller.user.language == "nl"
    fresh = Client()
    response = post_login(fresh, "seller@example.com", PASSWORD)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nl"


def test_browser_language_is_the_default(people: People) -> None:
    assert 'lang="en"' in Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="nl"' in Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="nl-NL").content.decode()
    assert 'lang="nl"' in Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
