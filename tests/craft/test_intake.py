"""The intake for non-sales professionals, end to end in Dutch and in English; the
re-assessment after three months; and who may see the result."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.translation import override

from salescoach.craft import analyser, services
from salescoach.craft.intake import ITEM_KEYS, ITEMS, QUESTIONS, level, score
from salescoach.craft.models import Blockade, Intake, IntakeKind
from salescoach.organisations.models import Membership, Role
from salescoach.privacy import rules
from tests.conftest import People
from tests.factories import MembershipFactory

ROLE_HEAVY = {key: (5 if key.startswith("role") else 2) for key in ITEM_KEYS}
CALMER = {key: (3 if key.startswith("role") else 2) for key in ITEM_KEYS}


@pytest.fixture
def consultant(people: People) -> Membership:
    return MembershipFactory(
        organisation=people.org,
        user__email="consultant@example.com",
        user__full_name="Connie Consultant",
        roles=[Role.NON_SALES],
        team=people.team,
        reports_to=people.manager,
    )


def intake_url(people: People, suffix: str = "") -> str:
    return f"/o/{people.org.slug}/intake/{suffix}"


def in_language(client: Client, language: str) -> Client:
    client.cookies["django_language"] = language
    return client


def test_scoring_and_the_suggested_focus() -> None:
    scores = score(dict.fromkeys(ITEM_KEYS, 5))
    assert (scores.role, scores.fear, scores.capacity) == (100, 100, 100)
    assert scores.focus == Blockade.ROLE  # ties go to role rejection first
    fear = score({key: (4 if key.startswith("fear") else 2) for key in ITEM_KEYS})
    assert (fear.role, fear.fear, fear.capacity, fear.focus) == (25, 75, 25, Blockade.FEAR)
    assert [level(v) for v in (0, 37, 38, 61, 62, 100)] == [
        "low",
        "low",
        "moderate",
        "moderate",
        "high",
        "high",
    ]
    assert len(ITEMS) == 12
    assert {item.blockade for item in ITEMS} == set(Blockade)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_question_in_the_question_sets_is_an_open_question(language: str) -> None:
    with override(language):
        for blockade, questions in QUESTIONS.items():
            assert len(questions) >= 4, blockade
            for question in questions:
                result = analyser.analyse(str(question), language)
                assert [s.label for s in result.sentences] == [analyser.OPEN], (language, str(question))
                assert analyser.analyse(str(question)).language == language, str(question)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "start", "focus_text", "question"),
    [
        (
            "nl",
            "Start de intake",
            "Verkopen is niet mijn rol",
            "Wat betekent je vak voor jou als een klant om hulp vraagt?",
        ),
        (
            "en",
            "Start the intake",
            "Selling is not my role",
            "What does your profession mean to you when a client asks for help?",
        ),
    ],
)
def test_the_intake_end_to_end(
    people: People,
    consultant: Membership,
    client_for,
    language: str,
    start: str,
    focus_text: str,
    question: str,
) -> None:
    client = in_language(client_for(consultant), language)
    home = client.get(f"/o/{people.org.slug}/").content.decode()
    assert intake_url(people) in home
    page = client.get(intake_url(people)).content.decode()
    assert start in page
    form = client.get(intake_url(people, "new/"))
    assert form.status_code == 200
    html = form.content.decode()
    assert html.count('type="radio"') == 12 * 5
    with override(language):
        assert str(ITEMS[0].text) in html
    # A missing answer is named, and nothing is stored.
    incomplete = client.post(intake_url(people, "new/"), dict.fromkeys(ITEM_KEYS[:-1], 3))
    assert incomplete.status_code == 200
    assert not Intake.objects.exists()
    response = client.post(intake_url(people, "new/"), ROLE_HEAVY)
    intake = Intake.objects.get()
    assert response.status_code == 302
    assert response["Location"] == intake_url(people, f"{intake.pk}/")
    assert (intake.kind, intake.focus, intake.role_score, intake.fear_score) == (
        IntakeKind.INTAKE,
        Blockade.ROLE,
        100,
        25,
    )
    result = client.get(response["Location"]).content.decode()
    assert focus_text in result
    assert question in result
    # Too early for a re-assessment: the pages say when, and the form is not offered.
    assert client.get(intake_url(people)).context["status"].can_take is False
    assert 'type="radio"' not in client.get(intake_url(people, "new/")).content.decode()
    again = client.post(intake_url(people, "new/"), CALMER)
    assert again.status_code == 200
    assert Intake.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "down"), [("nl", "50 punten gedaald"), ("en", "Down 50 points")])
def test_the_reassessment_after_three_months_shows_the_change(
    people: People, consultant: Membership, client_for, language: str, down: str
) -> None:
    first = services.intake_submit(
        actor=consultant, answers=ROLE_HEAVY, taken_on=timezone.localdate() - timedelta(days=95)
    )
    client = in_language(client_for(consultant), language)
    assert client.get(intake_url(people)).context["status"].can_take is True
    response = client.post(intake_url(people, "new/"), CALMER)
    second = Intake.objects.exclude(pk=first.pk).get()
    assert (second.kind, second.baseline, second.role_score) == (IntakeKind.REASSESSMENT, first, 50)
    html = client.get(response["Location"]).content.decode()
    assert 'data-change="-50"' in html
    assert down in html


def test_three_months_means_calendar_months() -> None:
    from datetime import date

    assert services.add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert services.add_months(date(2025, 1, 31), -2) == date(2024, 11, 30)


@pytest.mark.django_db
def test_the_intake_is_for_non_sales_professionals(people: People, client_for) -> None:
    for member in (people.seller, people.coach, people.manager, people.owner):
        client = client_for(member)
        assert client.get(intake_url(people)).status_code == 403
        assert client.post(intake_url(people, "new/"), ROLE_HEAVY).status_code == 403
    assert not Intake.objects.exists()


@pytest.mark.django_db
def test_only_the_coachee_sees_the_result_until_coaching_relationships_exist(
    people: People, consultant: Membership, client_for
) -> None:
    intake = services.intake_submit(actor=consultant, answers=ROLE_HEAVY)
    detail = intake_url(people, f"{intake.pk}/")
    assert client_for(consultant).get(detail).status_code == 200
    colleague = MembershipFactory(organisation=people.org, roles=[Role.NON_SALES], team=people.team)
    for member in (people.manager, people.owner, people.coach, people.seller, colleague):
        assert client_for(member).get(detail).status_code == 404, member
    assert (
        client_for(people.outsider).get(f"/o/{people.outsider_org.slug}/intake/{intake.pk}/").status_code
        == 404
    )


@pytest.mark.django_db
def test_the_coachees_coach_sees_the_result_through_the_one_rule(
    people: People, consultant: Membership, client_for, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The coaching workspace answers rules.is_coach_of; this is where it plugs in."""
    intake = services.intake_submit(actor=consultant, answers=ROLE_HEAVY)
    detail = intake_url(people, f"{intake.pk}/")
    monkeypatch.setattr(
        rules,
        "is_coach_of",
        lambda coach, coachee: coach.pk == people.coach.pk and coachee.pk == consultant.pk,
    )
    response = client_for(people.coach).get(detail)
    assert response.status_code == 200
    assert "Connie Consultant" in response.content.decode()
    assert client_for(people.manager).get(detail).status_code == 404


@pytest.mark.django_db
def test_the_result_page_costs_few_queries(
    people: People, consultant: Membership, client_for, django_assert_max_num_queries
) -> None:
    first = services.intake_submit(
        actor=consultant, answers=ROLE_HEAVY, taken_on=timezone.localdate() - timedelta(days=100)
    )
    second = services.intake_submit(actor=consultant, answers=CALMER)
    client = client_for(consultant)
    with django_assert_max_num_queries(10):
        assert client.get(intake_url(people, f"{second.pk}/")).status_code == 200
    with django_assert_max_num_queries(10):
        page = client.get(intake_url(people)).content.decode()
    assert len(re.findall(r"/intake/\d+/", page)) >= 2
    assert first.pk != second.pk


@pytest.mark.django_db
def test_answers_are_checked(consultant: Membership) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.intake_submit(actor=consultant, answers={**ROLE_HEAVY, "fear_1": 6, "role_2": "x"})
    assert set(error.value.error_dict) == {"fear_1", "role_2"}
