"""Product rule 2, both ways: an evaluation and a coaching session are never the same
meeting, and a manager who also coaches the seller holds no evaluation on the day of a
coaching session with them (nor the reverse) -- refused with the reason, on the pages
and in the API. And an evaluation does not quote coaching content."""

from __future__ import annotations

import json
from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from salescoach.accounts.services import api_token_create
from salescoach.coaching import services as coaching
from salescoach.coaching.models import CoachingRelationship, CoachingSession
from salescoach.evaluations import services as evaluations
from salescoach.evaluations.models import Evaluation, EvaluationCycle
from salescoach.organisations.models import Membership
from salescoach.privacy import separation
from tests.coaching.conftest import at
from tests.conftest import People
from tests.evaluations.helpers import make_cycle

pytestmark = pytest.mark.django_db

DAYS = 10  # the day everything happens, DAYS from today


def api(member: Membership) -> Client:
    _, raw = api_token_create(user=member.user, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en")


def post_json(client: Client, path: str, data: dict) -> tuple[int, dict]:  # type: ignore[type-arg]
    response = client.post(f"/api/v1{path}", json.dumps(data), content_type="application/json")
    return response.status_code, response.json()


@pytest.fixture
def manager_coaches(people: People) -> CoachingRelationship:
    """Model 1: the seller's manager is also their coach."""
    return coaching.relationship_create(
        actor=people.owner, coach_id=people.manager.pk, coachee_id=people.seller.pk
    )


@pytest.fixture
def external(people: People) -> CoachingRelationship:
    return coaching.relationship_create(
        actor=people.owner, coach_id=people.coach.pk, coachee_id=people.seller.pk
    )


@pytest.fixture
def cycle(people: People) -> EvaluationCycle:
    return make_cycle(people.owner)


def session(relationship: CoachingRelationship, actor: Membership, hour: int = 10) -> CoachingSession:
    starts = at(DAYS, hour)
    return coaching.session_plan(
        actor=actor, relationship=relationship, starts_at=starts, ends_at=starts + timedelta(hours=1)
    )


def the_day() -> date:
    return timezone.localdate() + timedelta(days=DAYS)


def plan_evaluation(people: People, cycle: EvaluationCycle, hour: int, day: date | None = None) -> Evaluation:
    return evaluations.evaluation_create(
        actor=people.manager, cycle=cycle, seller_id=people.seller.pk, day=day or the_day(), at=time(hour, 0)
    )


# --- an evaluation on a coaching day ---------------------------------------------------------


def test_no_evaluation_on_the_day_the_manager_coaches_the_seller(
    people: People, manager_coaches: CoachingRelationship, cycle: EvaluationCycle, client_for
) -> None:
    session(manager_coaches, people.manager, hour=9)
    with pytest.raises(ValidationError) as error:
        plan_evaluation(people, cycle, hour=15)
    assert "You also coach this seller" in error.value.message_dict["date"][0]
    # The page and the API say the same.
    response = client_for(people.manager).post(
        f"/o/{people.org.slug}/evaluations/cycles/{cycle.pk}/plan/",
        {"seller": people.seller.pk, "date": the_day().isoformat(), "time": "15:00"},
    )
    assert response.status_code == 200 and "You also coach this seller" in response.content.decode()
    status, body = post_json(
        api(people.manager),
        "/evaluations",
        {"cycle_id": cycle.pk, "seller_id": people.seller.pk, "date": the_day().isoformat(), "time": "15:00"},
    )
    assert status == 400 and "so that coaching never turns into an evaluation" in body["errors"]["date"][0]
    assert not Evaluation.objects.exists()
    # The next day is fine; moving it back onto the coaching day is refused.
    evaluation = plan_evaluation(people, cycle, hour=15, day=the_day() + timedelta(days=1))
    with pytest.raises(ValidationError):
        evaluations.evaluation_schedule(
            actor=people.manager, evaluation=evaluation, day=the_day(), at=time(16, 0)
        )


def test_no_coaching_session_on_the_day_of_the_managers_evaluation(
    people: People, manager_coaches: CoachingRelationship, cycle: EvaluationCycle, client_for
) -> None:
    plan_evaluation(people, cycle, hour=15)
    for actor in (people.manager, people.seller):
        with pytest.raises(ValidationError) as error:
            session(manager_coaches, actor, hour=9)
        message = error.value.message_dict["starts_at"][0]
        assert "holds their performance evaluation on" in message and "choose another day" in message
    response = client_for(people.seller).post(
        f"/o/{people.org.slug}/coaching/{manager_coaches.pk}/sessions/new/",
        {
            "kind": "one_to_one",
            "day": the_day().isoformat(),
            "start": "09:00",
            "duration": 60,
            "reminder": "",
        },
    )
    assert response.status_code == 200 and "holds their performance evaluation" in response.content.decode()
    starts = at(DAYS, 9)
    status, body = post_json(
        api(people.manager),
        f"/coaching/relationships/{manager_coaches.pk}/sessions",
        {"starts_at": starts.isoformat(), "duration_minutes": 60},
    )
    assert status == 400 and "holds their performance evaluation" in body["detail"]
    assert not CoachingSession.objects.exists()
    # Moving a session of another day onto the evaluation day is refused too.
    other = coaching.session_plan(
        actor=people.manager,
        relationship=manager_coaches,
        starts_at=at(DAYS + 1, 9),
        ends_at=at(DAYS + 1, 10),
    )
    with pytest.raises(ValidationError):
        coaching.session_update(actor=people.manager, session=other, starts_at=starts, ends_at=at(DAYS, 10))


def test_another_coach_may_coach_on_the_evaluation_day_but_not_in_the_same_meeting(
    people: People, external: CoachingRelationship, cycle: EvaluationCycle
) -> None:
    plan_evaluation(people, cycle, hour=15)
    session(external, people.coach, hour=9)  # the same day, another coach: fine
    # At the evaluation's hour: refused -- the external coach only hears the seller is busy.
    with pytest.raises(ValidationError) as error:
        session(external, people.coach, hour=15)
    message = error.value.message_dict["starts_at"][0]
    assert "not available" in message and "evaluation" not in message
    # The seller, who knows their evaluation, is told why.
    with pytest.raises(ValidationError) as error:
        session(external, people.seller, hour=15)
    assert "never the same meeting" in error.value.message_dict["starts_at"][0]


def test_an_evaluation_in_the_same_meeting_as_coaching_is_refused_without_telling_the_manager_about_it(
    people: People, external: CoachingRelationship, cycle: EvaluationCycle
) -> None:
    session(external, people.coach, hour=10)
    with pytest.raises(ValidationError) as error:
        plan_evaluation(people, cycle, hour=10)
    message = error.value.message_dict["date"][0]
    assert "not available" in message and "coaching" not in message.lower()
    plan_evaluation(people, cycle, hour=14)  # later that day: fine, the manager does not coach


def test_clashes_are_what_the_separation_module_says(
    people: People, manager_coaches: CoachingRelationship
) -> None:
    s = session(manager_coaches, people.manager, hour=10)
    assert separation.evaluation_clashes(
        seller=people.seller, day=the_day(), at=s.starts_at, evaluator=people.manager
    ) == [separation.SAME_MEETING, separation.SAME_DAY]
    assert separation.evaluation_clashes(seller=people.seller, day=the_day() + timedelta(days=1)) == []
    s.status = "cancelled"
    s.save()
    assert separation.evaluation_clashes(seller=people.seller, day=the_day(), evaluator=people.manager) == []


# --- quoting coaching content ------------------------------------------------------------------

SHARED = "Ik merk dat ik bij koude acquisitie steeds uitstel zoek omdat ik bang ben voor afwijzing."
PRIVATE_PAIR = "Mijn grootste zorg is dat mijn partner het moeilijk heeft en ik daardoor minder slaap krijg."


def evaluation_with_shared_content(people: People, relationship: CoachingRelationship) -> Evaluation:
    coaching.note_create(
        actor=people.seller, relationship=relationship, text=SHARED, visibility="shared_with_manager"
    )
    coaching.note_create(actor=people.seller, relationship=relationship, text=PRIVATE_PAIR)
    coaching.commitment_create(
        actor=people.seller,
        relationship=relationship,
        text="Bel elke week drie nieuwe klanten.",
        due_on=timezone.localdate() + timedelta(days=7),
        visibility="shared_with_manager",
    )
    return plan_evaluation(people, make_cycle(people.owner), hour=10, day=date(2026, 1, 20))


def update(people: People, evaluation: Evaluation, text: str) -> None:
    evaluations.evaluation_update(actor=people.manager, evaluation=evaluation, overall_comment=text)


def test_an_evaluation_may_not_quote_what_the_seller_shared(
    people: People, external: CoachingRelationship
) -> None:
    evaluation = evaluation_with_shared_content(people, external)
    quoted = "In de coaching schreef ze: bij koude acquisitie steeds uitstel zoek, omdat ik bang ben."
    with pytest.raises(ValidationError, match="quotes the seller's coaching content"):
        update(people, evaluation, quoted)
    with pytest.raises(ValidationError):  # a short item, quoted whole (5 words or more)
        update(people, evaluation, "Afgesproken: bel elke week drie nieuwe klanten!")
    # Everyday words are not a quote, and what the manager could never see is not compared.
    update(
        people,
        evaluation,
        "Koude acquisitie blijft een aandachtspunt; drie nieuwe klanten per week is het doel.",
    )
    update(people, evaluation, PRIVATE_PAIR)
    evaluation.refresh_from_db()
    assert evaluation.overall_comment == PRIVATE_PAIR


def test_a_manager_who_coaches_may_not_quote_any_of_that_coaching(
    people: People, manager_coaches: CoachingRelationship
) -> None:
    evaluation = evaluation_with_shared_content(people, manager_coaches)
    with pytest.raises(ValidationError):
        update(people, evaluation, "Zoals je zei: " + PRIVATE_PAIR.lower())
    response = api(people.manager).patch(
        f"/api/v1/evaluations/{evaluation.pk}",
        json.dumps({"overall_comment": PRIVATE_PAIR}),
        content_type="application/json",
    )
    assert response.status_code == 400 and "coaching content" in response.json()["detail"]


def test_what_a_quote_is() -> None:
    source = ["een twee drie vier vijf zes zeven acht negen tien"]
    assert separation.quotes(["... Drie, vier, vijf; zes zeven acht negen tien!"], source)
    assert not separation.quotes(["drie vier vijf zes zeven acht negen"], source)  # 7 words
    assert separation.quotes(["x een twee drie vier vijf y"], ["een twee drie vier vijf"])
    assert not separation.quotes(["een twee drie vier"], ["een twee drie vier"])  # too short to tell
