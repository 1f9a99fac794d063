"""Shared fixtures: one organisation with the people of the visibility matrix, and an
outsider organisation. Names follow the roles: ``people.seller``, ``people.outsider``…"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
from django.test import Client

from salescoach.organisations.models import Membership, Organisation, Role, Team
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, TeamFactory

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by
# fixtures there are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@dataclass
class People:
    org: Organisation
    owner: Membership  # programme owner, and the managers' superior
    manager: Membership  # manages `team`
    team: Team
    seller: Membership  # in `team`, reports to `manager`
    colleague: Membership  # another seller in `team`
    coach: Membership  # external coach, no team
    other_manager: Membership
    other_team: Team
    other_seller: Membership
    outsider_org: Organisation
    outsider: Membership  # programme owner of the other organisation
    outsider_team: Team
    outsider_seller: Membership


def make_people() -> People:
    org = OrganisationFactory(name="Noordwind Test", slug="noordwind-test")
    owner = MembershipFactory(
        organisation=org,
        user__email="owner@example.com",
        user__full_name="Olga Owner",
        roles=[Role.PROGRAMME_OWNER],
    )
    manager = MembershipFactory(
        organisation=org,
        user__email="manager@example.com",
        user__full_name="Mark Manager",
        roles=[Role.SALES_MANAGER],
        reports_to=owner,
    )
    team = TeamFactory(organisation=org, name="Team A", manager=manager)
    manager.team = team
    manager.save()
    seller = MembershipFactory(
        organisation=org,
        user__email="seller@example.com",
        user__full_name="Sanne Seller",
        roles=[Role.SELLER],
        team=team,
        reports_to=manager,
    )
    colleague = MembershipFactory(
        organisation=org,
        user__email="colleague@example.com",
        roles=[Role.SELLER],
        team=team,
        reports_to=manager,
    )
    coach = MembershipFactory(organisation=org, user__email="coach@example.com", roles=[Role.EXTERNAL_COACH])
    other_manager = MembershipFactory(
        organisation=org,
        user__email="other.manager@example.com",
        roles=[Role.SALES_MANAGER],
        reports_to=owner,
    )
    other_team = TeamFactory(organisation=org, name="Team B", manager=other_manager)
    other_seller = MembershipFactory(
        organisation=org,
        user__email="other.seller@example.com",
        roles=[Role.SELLER],
        team=other_team,
        reports_to=other_manager,
    )
    outsider_org = OrganisationFactory(name="Zuidwest Test", slug="zuidwest-test")
    outsider = MembershipFactory(
        organisation=outsider_org,
        user__email="outsider@example.com",
        roles=[Role.PROGRAMME_OWNER, Role.SALES_MANAGER],
    )
    outsider_team = TeamFactory(organisation=outsider_org, name="Team Z", manager=outsider)
    outsider_seller = MembershipFactory(
        organisation=outsider_org,
        user__email="outsider.seller@example.com",
        roles=[Role.SELLER],
        team=outsider_team,
    )
    return People(
        org,
        owner,
        manager,
        team,
        seller,
        colleague,
        coach,
        other_manager,
        other_team,
        other_seller,
        outsider_org,
        outsider,
        outsider_team,
        outsider_seller,
    )


@pytest.fixture
def people(db: None) -> People:
    return make_people()


def login(client: Client, member: Membership) -> Client:
    assert client.login(username=member.user.email, password=PASSWORD)
    return client


@pytest.fixture
def client_for(client: Client):  # type: ignore[no-untyped-def]
    def _client_for(member: Membership, language: str = "en") -> Client:
        fresh = Client(HTTP_ACCEPT_LANGUAGE=language)
        return login(fresh, member)

    return _client_for


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Counters such as failed logins live in the cache; every test starts clean."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _english_by_default() -> None:
    """Code outside a request speaks the default language (Dutch); tests read it in
    English unless they switch on purpose."""
    from django.utils import translation

    translation.activate("en")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """On SQLite the test database may empty the audit log between transactional tests
    (see the guard in salescoach/privacy/migrations/0001_initial.py); tests of the
    append-only rule switch the guard back within their own transaction."""
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("UPDATE privacy_audit_guard SET flush_allowed = 1")
    yield


@pytest.fixture
def audit_guard_as_in_production(db: None) -> None:
    """The audit log exactly as an application database has it (only differs on SQLite)."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("UPDATE privacy_audit_guard SET flush_allowed = 0")
