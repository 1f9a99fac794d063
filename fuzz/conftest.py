"""The API fuzz run (schemathesis): its own pytest session on a database with the demo
organisations, so that every operation meets real objects of every role.

    .venv/bin/pytest fuzz        (make test runs it after the suite)
"""

from __future__ import annotations

from typing import Any

import pytest

DEMO_ROLES = {
    "programme_owner": "director@noordwind.example",
    "manager": "manager@noordwind.example",
    "seller": "seller@noordwind.example",
    "external_coach": "coach@kompas-coaching.example",
    "peer_coach": "peercoach@noordwind.example",
    "consultant": "consultant@noordwind.example",
    "outsider": "outsider@zuidwest.example",
}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> dict[str, str]:
    from django.conf import settings
    from django.core.management import call_command

    from salescoach.accounts.models import User
    from salescoach.accounts.services import api_token_create
    from salescoach.organisations.models import Organisation

    with django_db_blocker.unblock():
        settings.DEBUG = True
        call_command("load_demo", verbosity=0)
        settings.DEBUG = False
        tokens = {}
        for role, email in DEMO_ROLES.items():
            user = User.objects.get(email=email)
            organisation = Organisation.objects.get(slug="zuidwest" if role == "outsider" else "noordwind")
            tokens[role] = api_token_create(user=user, name="fuzz", organisation=organisation)[1]
    return tokens


@pytest.fixture(scope="session", autouse=True)
def keep_test_connection() -> Any:
    """The WSGI application closes "old" database connections at the start and end of
    every request; inside a test's transaction that would close the test's own
    connection (on PostgreSQL). Django's test client unhooks this the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="session")
def tokens(django_db_setup: dict[str, str]) -> dict[str, str]:
    return django_db_setup
