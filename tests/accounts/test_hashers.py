"""Passwords are stored with Argon2id (OWASP's parameters); older hashes still log in and
are stored again with it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.hashers import identify_hasher, make_password
from django.test import Client, override_settings

from salescoach.accounts.hashers import Argon2idHasher
from tests.conftest import People

pytestmark = pytest.mark.django_db

# The production list (the test settings use a fast hasher).
PRODUCTION = override_settings(
    PASSWORD_HASHERS=[
        "salescoach.accounts.hashers.Argon2idHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        "django.contrib.auth.hashers.ScryptPasswordHasher",
    ]
)


def test_the_production_settings_store_passwords_with_argon2id() -> None:
    from config import settings as production

    assert production.PASSWORD_HASHERS[0] == "salescoach.accounts.hashers.Argon2idHasher"
    assert settings.PASSWORD_HASHERS != production.PASSWORD_HASHERS  # the suite hashes fast


@PRODUCTION
def test_a_new_password_is_argon2id_with_owasp_parameters() -> None:
    encoded = make_password("a long passphrase for the test")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert isinstance(identify_hasher(encoded), Argon2idHasher)


@PRODUCTION
def test_an_older_pbkdf2_password_logs_in_and_is_stored_again(people: People) -> None:
    user = people.seller.user
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
        user.set_password("a long passphrase for the test")
        user.save(update_fields=["password"])
    assert user.password.startswith("pbkdf2_sha256$")
    response = Client().post(
        "/accounts/login/", {"username": user.email, "password": "a long passphrase for the test"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
