"""load_demo: idempotent, complete, and impossible by accident in production."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from salescoach.organisations.models import Membership, MembershipStatus, Organisation, Role, Team

pytestmark = pytest.mark.django_db

DEMO_LOGINS = {
    "director@noordwind.example": ("noordwind", {Role.PROGRAMME_OWNER}),
    "manager@noordwind.example": ("noordwind", {Role.SALES_MANAGER}),
    "seller@noordwind.example": ("noordwind", {Role.SELLER}),
    "coach@kompas-coaching.example": ("noordwind", {Role.EXTERNAL_COACH}),
    "peercoach@noordwind.example": ("noordwind", {Role.SELLER, Role.SENIOR_SELLER}),
    "consultant@noordwind.example": ("noordwind", {Role.NON_SALES}),
    "outsider@zuidwest.example": ("zuidwest", {Role.PROGRAMME_OWNER}),
}


def dump() -> str:
    """Every row of every table the demo writes, in a stable order."""
    out = io.StringIO()
    call_command(
        "dumpdata",
        exclude=["contenttypes", "auth.permission", "sessions", "admin.logentry", "django_tasks_database"],
        stdout=out,
    )
    return out.getvalue()


def load(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())


def test_load_demo_twice_changes_nothing_the_second_time(settings) -> None:
    load(settings)
    first = dump()
    load(settings)
    assert dump() == first
    assert len(json.loads(first)) > 100


def test_demo_logins_and_roles(settings) -> None:
    load(settings)
    for email, (slug, roles) in DEMO_LOGINS.items():
        member = Membership.objects.get(user__email=email, organisation__slug=slug)
        assert member.status == MembershipStatus.ACTIVE
        assert member.roles == roles, email
        assert member.user.check_password("salescoach-demo")
    coach_orgs = set(
        Membership.objects.filter(user__email="coach@kompas-coaching.example").values_list(
            "organisation__slug", flat=True
        )
    )
    assert coach_orgs == {"noordwind", "zuidwest"}
    assert not Membership.objects.filter(
        user__email="outsider@zuidwest.example", organisation__slug="noordwind"
    ).exists()


def test_noordwind_has_a_team_per_coaching_model_and_consultants(settings) -> None:
    load(settings)
    noordwind = Organisation.objects.get(slug="noordwind")
    assert noordwind.name == "Noordwind Solutions B.V."
    assert Team.objects.filter(organisation=noordwind).count() == 5
    assert 38 <= Membership.objects.filter(organisation=noordwind).count() <= 50
    manager = Membership.objects.get(user__email="manager@noordwind.example", organisation=noordwind)
    seller = Membership.objects.get(user__email="seller@noordwind.example", organisation=noordwind)
    director = Membership.objects.get(user__email="director@noordwind.example", organisation=noordwind)
    assert seller.team.manager == manager
    assert manager.reports_to == director
    assert (
        Membership.objects.filter(organisation=noordwind, role_assignments__role=Role.NON_SALES).count() >= 5
    )
    assert Organisation.objects.get(slug="zuidwest").name == "Zuidwest Groep"


def test_load_demo_keeps_other_data(settings, people) -> None:  # type: ignore[no-untyped-def]
    before = Membership.objects.filter(organisation=people.org).count()
    load(settings)
    assert Membership.objects.filter(organisation=people.org).count() == before


def test_load_demo_refuses_in_production(settings) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing"):
        call_command("load_demo", stdout=io.StringIO())
    assert not Organisation.objects.filter(slug="noordwind").exists()
    call_command("load_demo", "--allow-production", stdout=io.StringIO())
    assert Organisation.objects.filter(slug="noordwind").exists()
