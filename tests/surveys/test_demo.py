"""The demo shows pulse surveys above and below the threshold, and evaluations in every state."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from salescoach.evaluations.models import Evaluation
from salescoach.organisations.models import Membership
from salescoach.surveys import selectors
from salescoach.surveys.models import SurveyRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())


def member(email: str) -> Membership:
    return (
        Membership.objects.select_related("organisation")
        .prefetch_related("role_assignments")
        .get(user__email=email, organisation__slug="noordwind")
    )


def test_demo_surveys_show_the_threshold(demo: None) -> None:
    director = member("director@noordwind.example")
    published = {}
    for run in SurveyRun.objects.filter(organisation__slug="noordwind"):
        results = selectors.survey_results(viewer=director, template_id=run.template_id, run_ids=[run.pk])
        assert results is not None
        published[run.title] = bool(results.published_runs)
    assert published == {
        "Teampuls najaar – Team Noord": True,
        "Teampuls najaar – Team Oost": True,
        "Teampuls najaar – Team West": False,  # three responses: below 5
        "Vertrouwen in de coach – Team West": True,
        "Respect voor de interne coach – Team Zuid": True,
        "Teampuls december – Team West": False,  # still open
    }
    seller = member("seller@noordwind.example")
    open_ones = [i for i in selectors.my_invitations(viewer=seller) if i.run.is_open and not i.responded]
    assert [i.run.title for i in open_ones] == ["Teampuls december – Team West"]


def test_demo_evaluations_are_in_every_state(demo: None) -> None:
    states = set(Evaluation.objects.filter(organisation__slug="noordwind").values_list("status", flat=True))
    assert states == {"draft", "shared", "signed"}
    mine = Evaluation.objects.get(seller__user__email="seller@noordwind.example")
    assert mine.status == "shared" and mine.evaluator.user.email == "manager@noordwind.example"
