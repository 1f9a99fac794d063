"""Builders for programme tests on the `people` fixture."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from salescoach.organisations.models import Membership, Role
from salescoach.programmes import services
from salescoach.programmes.models import Programme
from tests.conftest import People
from tests.factories import MembershipFactory


def senior(people: People, name: str = "Femke Senior") -> Membership:
    return MembershipFactory(
        organisation=people.org,
        user__full_name=name,
        roles=[Role.SELLER, Role.SENIOR_SELLER],
        team=people.team,
        reports_to=people.manager,
    )


def make_programme(people: People, models: list[str] | None = None, **kwargs: Any) -> Programme:
    models = models or ["manager", "external_coach"]
    coaches = kwargs.pop("coaches", None)
    if coaches is None:
        coaches = [(people.coach.pk, "external_coach")] if "external_coach" in models else []
    return services.programme_create(
        actor=kwargs.pop("actor", people.owner),
        team_id=kwargs.pop("team_id", people.team.pk),
        coaching_models=models,
        goals=kwargs.pop("goals", "Every seller works on one skill a quarter."),
        starts_on=kwargs.pop("starts_on", timezone.localdate() - timedelta(days=100)),
        coaches=coaches,
        **kwargs,
    )


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)
