"""The demo programmes: every Noordwind team has one, each with its own mix of healthy and
problematic safeguards; loading again changes nothing; the demo logins still work."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from salescoach.programmes.models import Programme
from salescoach.programmes.safeguards import Status
from salescoach.programmes.selectors import programme_health

pytestmark = pytest.mark.django_db


def test_each_team_shows_a_different_mix(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    programmes = list(
        Programme.objects.filter(organisation__slug="noordwind").select_related(
            "organisation", "team__manager__user", "team__manager__reports_to__user"
        )
    )
    assert {p.team.name for p in programmes} == {
        "Team Noord",
        "Team Oost",
        "Team Zuid",
        "Team West",
        "Adviesteam",
    }
    health = programme_health(programmes=programmes)
    mixes = {}
    for programme in programmes:
        statuses = {c.ident: c.status for c in health[programme.pk]}
        mixes[programme.team.name] = tuple(sorted(statuses.items()))
    assert len(set(mixes.values())) == 5
    by_team = {p.team.name: {c.key: c.status for c in health[p.pk]} for p in programmes}
    assert by_team["Team Zuid"] and set(by_team["Team Zuid"].values()) == {Status.OK}  # the healthy one
    assert by_team["Team Noord"]["capacity"] == Status.PROBLEM
    assert (
        by_team["Team West"]["alignment"] == Status.PROBLEM
        and by_team["Team West"]["training"] == Status.PROBLEM
    )
    assert (
        by_team["Adviesteam"]["onboarding"] == Status.ATTENTION
        and by_team["Adviesteam"]["survey"] == Status.ATTENTION
    )
    oost = {c.ident: c.status for c in health[next(p.pk for p in programmes if p.team.name == "Team Oost")]}
    assert oost["suitability:Femke Smit"] == Status.OK and oost["training:Bas Hendriks"] == Status.PROBLEM

    count = Programme.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert Programme.objects.count() == count

    client = Client()
    assert client.login(username="director@noordwind.example", password="salescoach-demo")
    page = client.get("/o/noordwind/programmes/")
    assert page.status_code == 200 and "Femke Smit" in page.content.decode()  # a future manager
