"""The demo's coaches have coaching-style trends; its consultants have intakes and
re-assessments; and a second load changes nothing (tests/core/test_demo.py checks the
whole database)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from salescoach.craft.models import Intake, IntakeKind, StyleSample
from salescoach.craft.selectors import style_overview
from salescoach.organisations.models import Membership, Role

pytestmark = pytest.mark.django_db


def load(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())


def test_consultants_have_intakes_and_reassessments(settings) -> None:
    load(settings)
    consultants = Membership.objects.filter(
        organisation__slug="noordwind", team__name="Adviesteam", role_assignments__role=Role.NON_SALES
    )
    assert consultants.count() == 6
    for consultant in consultants:
        assert Intake.objects.filter(coachee=consultant, kind=IntakeKind.INTAKE).count() == 1
    thomas = Intake.objects.filter(coachee__user__email="consultant@noordwind.example").order_by("taken_on")
    first, second = thomas
    assert second.kind == IntakeKind.REASSESSMENT and second.baseline == first
    assert second.role_score < first.role_score
    assert Intake.objects.filter(kind=IntakeKind.REASSESSMENT).count() == 5


def test_coaches_have_trends_and_the_director_sees_the_aggregate(settings) -> None:
    load(settings)
    coaches = StyleSample.objects.values("coach").distinct().count()
    assert coaches == 7
    director = Membership.objects.get(
        user__email="director@noordwind.example", organisation__slug="noordwind"
    )
    overview = style_overview(viewer=director)
    shown = [row for row in overview.rows if row.texts]
    assert len(shown) >= 5
    assert all(row.coaches >= 5 for row in shown)
    # The coaches ask more over time.
    assert shown[-1].ask_ratio > shown[0].ask_ratio


def test_a_second_load_adds_nothing(settings) -> None:
    load(settings)
    counts = (StyleSample.objects.count(), Intake.objects.count())
    load(settings)
    assert (StyleSample.objects.count(), Intake.objects.count()) == counts
