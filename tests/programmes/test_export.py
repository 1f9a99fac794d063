"""A person's programme data is in their export and goes with their erasure."""

from __future__ import annotations

import pytest

from salescoach.privacy.erasure import erase_member
from salescoach.programmes import services
from salescoach.programmes.export import export_member
from salescoach.programmes.models import CoachGuidance, CoachTraining, ProgrammeCoach
from tests.conftest import People
from tests.programmes.helpers import days_ago, make_programme

pytestmark = pytest.mark.django_db


def test_export_and_erasure(people: People) -> None:
    programme = make_programme(people, ["manager"])
    services.training_record(
        actor=people.owner,
        programme=programme,
        coach_id=people.manager.pk,
        completed_on=days_ago(5),
        provider="Kompas",
    )
    services.guidance_record(
        actor=people.owner,
        programme=programme,
        kind="observed",
        held_on=days_ago(2),
        feedback="FEEDBACK-ABOUT-MARK",
    )
    data = export_member(member=people.manager)
    assert data["coaching_trainings"][0]["provider"] == "Kompas"
    assert data["coach_the_coach"][0]["feedback"] == "FEEDBACK-ABOUT-MARK"
    assert data["programmes"][0]["as"] == "coach"
    assert export_member(member=people.seller)["programmes"][0]["as"] == "coachee"
    assert export_member(member=people.seller)["coach_the_coach"] == []
    erase_member(member=people.seller)
    assert not programme.coachees.filter(member=people.seller).exists()
    # The manager's own data goes when they are erased (after another manager takes the team).
    from salescoach.programmes.export import erase_member_data

    assert erase_member_data(member=people.manager) >= 3
    assert not CoachGuidance.objects.exists() and not CoachTraining.objects.exists()
    assert not ProgrammeCoach.objects.filter(member=people.manager).exists()
