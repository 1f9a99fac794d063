"""The coaching pages: who sees what (planted texts), text shown as text, the forms'
errors, and a fixed number of queries on lists and home pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from salescoach.coaching import services
from salescoach.coaching.models import Observation
from salescoach.organisations.models import Role
from tests.coaching.conftest import Coaching, at, past_session, plan_session
from tests.conftest import People
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def plant(c: Coaching) -> dict[str, str]:
    """A unique text in every kind of coaching content; returns name -> text."""
    rel, seller, coach = c.relationship, c.seller, c.coach
    texts = {
        name: f"PLANTED-{name}-7f3a"
        for name in (
            "coach_private",
            "seller_private",
            "pair_note",
            "shared_note",
            "plan_pair",
            "plan_shared",
            "commitment_pair",
            "commitment_shared",
            "agenda",
            "outcomes",
            "rating",
            "proposal",
            "self_comment",
            "coach_comment",
            "reply",
            "prepared",
        )
    }
    held = past_session(plan_session(rel, coach, days=1), days_ago=7)
    upcoming = plan_session(rel, coach, days=2)
    services.note_create(
        actor=coach, relationship=rel, text=texts["coach_private"], visibility="private", session=held
    )
    services.note_create(actor=seller, relationship=rel, text=texts["seller_private"], visibility="private")
    services.note_create(actor=coach, relationship=rel, text=texts["pair_note"], session=held)
    services.note_create(
        actor=seller, relationship=rel, text=texts["shared_note"], visibility="shared_with_manager"
    )
    services.plan_item_create(actor=seller, relationship=rel, layer="pitfall", text=texts["plan_pair"])
    services.plan_item_create(
        actor=seller,
        relationship=rel,
        layer="result",
        text=texts["plan_shared"],
        visibility="shared_with_manager",
    )
    services.commitment_create(
        actor=seller, relationship=rel, text=texts["commitment_pair"], due_on=timezone.localdate()
    )
    services.commitment_create(
        actor=seller,
        relationship=rel,
        text=texts["commitment_shared"],
        due_on=timezone.localdate(),
        visibility="shared_with_manager",
    )
    services.session_set_agenda(actor=seller, session=upcoming, agenda=texts["agenda"])
    services.session_prepare(
        actor=coach, session=upcoming, framework="grow", questions=[("goal", texts["prepared"])]
    )
    services.session_set_outcomes(actor=coach, session=held, outcomes=texts["outcomes"])
    services.session_rate(actor=seller, session=held, useful=True, comment=texts["rating"])
    services.proposal_create(
        actor=coach, relationship=rel, kind="plan_item", layer="choice", text=texts["proposal"]
    )
    ride = past_session(plan_session(rel, coach, days=3, kind="ride_along"), days_ago=3)
    observation = Observation.objects.get(session=ride)
    services.observation_self_assess(
        actor=seller,
        observation=observation,
        entries={"opening": {"score": 3, "comment": texts["self_comment"]}},
    )
    services.observation_record(
        actor=coach,
        observation=observation,
        entries={"opening": {"score": 2, "comment": texts["coach_comment"]}},
    )
    services.observation_reply(actor=seller, observation=observation, reply=texts["reply"])
    return texts


SEES = {
    "seller": {
        "seller_private",
        "pair_note",
        "shared_note",
        "plan_pair",
        "plan_shared",
        "commitment_pair",
        "commitment_shared",
        "agenda",
        "outcomes",
        "rating",
        "proposal",
        "self_comment",
        "coach_comment",
        "reply",
    },
    "coach": {
        "coach_private",
        "pair_note",
        "shared_note",
        "plan_pair",
        "plan_shared",
        "commitment_pair",
        "commitment_shared",
        "agenda",
        "outcomes",
        "rating",
        "proposal",
        "self_comment",
        "coach_comment",
        "reply",
        "prepared",
    },
    "manager": {"shared_note", "plan_shared", "commitment_shared"},
    "owner": set(),
    "colleague": set(),
    "other_manager": set(),
    "outsider": set(),
}


def pages_for(c: Coaching, slug: str) -> list[str]:
    from salescoach.coaching.models import CoachingSession

    urls = [
        f"/o/{slug}/",
        f"/o/{slug}/coaching/",
        f"/o/{slug}/coaching/sessions/",
        f"/o/{slug}/coaching/{c.relationship.pk}/",
        f"/o/{slug}/coaching/{c.relationship.pk}/plan/",
        f"/o/{slug}/coaching/{c.relationship.pk}/agreement/",
    ]
    for session in CoachingSession.objects.filter(relationship=c.relationship):
        urls.append(f"/o/{slug}/coaching/sessions/{session.pk}/")
        if session.kind == "ride_along":
            urls.append(f"/o/{slug}/coaching/sessions/{session.pk}/ride-along/")
    from salescoach.coaching.models import PlanItem

    for item in PlanItem.objects.filter(relationship=c.relationship):
        urls.append(f"/o/{slug}/coaching/plan-items/{item.pk}/")
    return urls


def test_planted_texts_appear_only_where_the_matrix_allows(coaching: Coaching, client_for) -> None:
    texts = plant(coaching)
    people = coaching.people
    members = {
        "seller": people.seller,
        "coach": people.coach,
        "manager": people.manager,
        "owner": people.owner,
        "colleague": people.colleague,
        "other_manager": people.other_manager,
        "outsider": people.outsider,
    }
    urls = pages_for(coaching, people.org.slug)
    for role, member in members.items():
        client = client_for(member)
        seen: set[str] = set()
        for url in urls:
            response = client.get(url)
            assert response.status_code in (200, 404), (role, url, response.status_code)
            body = response.content.decode()
            seen |= {name for name, text in texts.items() if text in body}
        assert seen == SEES[role], (role, sorted(seen ^ SEES[role]))


def test_html_in_any_text_is_shown_as_text(coaching: Coaching, client_for) -> None:
    script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    services.note_create(actor=coaching.seller, relationship=coaching.relationship, text=script)
    session = plan_session(coaching.relationship, coaching.coach, days=2)
    services.session_set_agenda(actor=coaching.seller, session=session, agenda=script)
    slug = coaching.people.org.slug
    for url in (
        f"/o/{slug}/coaching/{coaching.relationship.pk}/",
        f"/o/{slug}/coaching/sessions/{session.pk}/",
    ):
        body = client_for(coaching.coach).get(url).content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_planning_through_the_page_and_overlap_errors_on_the_form(coaching: Coaching, client_for) -> None:
    slug = coaching.people.org.slug
    client = client_for(coaching.coach, language="nl")
    url = f"/o/{slug}/coaching/{coaching.relationship.pk}/sessions/new/"
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    data = {"kind": "one_to_one", "day": day, "start": "10:00", "duration": "60", "reminder": "1440"}
    response = client.post(url, data)
    assert response.status_code == 302
    response = client.post(url, {**data, "start": "10:30"})
    assert response.status_code == 200
    assert "heeft op" in response.content.decode() and "al een coachgesprek" in response.content.decode()
    response = client.post(url, {**data, "day": (timezone.localdate() - timedelta(days=1)).isoformat()})
    assert "herinnering zou in het verleden liggen" in response.content.decode()


def test_the_coach_cannot_write_the_sellers_agenda_or_plan_through_pages(
    coaching: Coaching, client_for
) -> None:
    slug = coaching.people.org.slug
    session = plan_session(coaching.relationship, coaching.coach, days=2)
    coach = client_for(coaching.coach)
    assert coach.post(f"/o/{slug}/coaching/sessions/{session.pk}/agenda/", {"agenda": "x"}).status_code == 403
    assert (
        coach.post(
            f"/o/{slug}/coaching/{coaching.relationship.pk}/plan/new/", {"layer": "pitfall", "text": "x"}
        ).status_code
        == 403
    )
    seller = client_for(coaching.seller)
    assert seller.get(f"/o/{slug}/coaching/sessions/{session.pk}/prepare/").status_code == 403


def test_prepare_page_picks_bank_questions_and_keeps_own_ones(coaching: Coaching, client_for) -> None:
    from salescoach.coaching.frameworks import GROW
    from salescoach.coaching.models import CustomQuestion, PreparedQuestion

    slug = coaching.people.org.slug
    session = plan_session(coaching.relationship, coaching.coach, days=2)
    client = client_for(coaching.coach, language="nl")
    url = f"/o/{slug}/coaching/sessions/{session.pk}/prepare/"
    body = client.get(url).content.decode()
    bank = GROW.stage("goal").bank("nl")
    assert bank[0] in body
    response = client.post(
        url,
        {
            "framework": "grow",
            "question": [f"goal::{bank[0]}", f"options::{GROW.stage('options').bank('nl')[1]}"],
            "own_reality": "Wat vertelde de inkoper van Van Dijk precies?",
            "keep_own": "1",
        },
    )
    assert response.status_code == 302
    assert PreparedQuestion.objects.filter(session=session).count() == 3
    assert CustomQuestion.objects.filter(owner=coaching.coach, stage="reality").exists()
    response = client.post(url, {"framework": "grow", "question": ["verkennen::Wat?"]})
    assert "heeft geen fase" in response.content.decode()
    assert PreparedQuestion.objects.filter(session=session).count() == 3


def test_the_export_download_on_the_settings_page(coaching: Coaching, client_for) -> None:
    services.note_create(actor=coaching.seller, relationship=coaching.relationship, text="mijn notitie")
    client = client_for(coaching.seller)
    assert "/privacy/export/" in client.get("/accounts/settings/").content.decode()
    response = client.get("/privacy/export/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = response.json()
    assert {"text": "mijn notitie", "visibility": "coach_and_seller"}.items() <= data["coaching_notes"][
        0
    ].items()


def many_coachees(people: People, coach_count: int, first_day: int = 1) -> list:
    relationships = []
    for n in range(coach_count):
        day = first_day + n
        seller = MembershipFactory(
            organisation=people.org, roles=[Role.SELLER], team=people.team, reports_to=people.manager
        )
        relationship = services.relationship_create(
            actor=people.owner, coach_id=people.coach.pk, coachee_id=seller.pk
        )
        services.agreement_propose(
            actor=people.coach,
            relationship=relationship,
            result_to_reach="r",
            manager_role="m",
            coach_role="c",
            review_on=timezone.localdate() + timedelta(days=30),
        )
        session = services.session_plan(
            actor=people.coach,
            relationship=relationship,
            starts_at=at(day, 9),
            ends_at=at(day, 10),
        )
        past_session(session, days_ago=day)
        services.session_plan(
            actor=people.coach,
            relationship=relationship,
            starts_at=at(day, 14),
            ends_at=at(day, 15),
        )
        services.commitment_create(
            actor=seller, relationship=relationship, text="x", due_on=timezone.localdate()
        )
        services.note_create(
            actor=seller, relationship=relationship, text="shared", visibility="shared_with_manager"
        )
        relationships.append(relationship)
    return relationships


def count_queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.mark.parametrize("role", ["coach", "manager", "seller", "owner"])
def test_home_and_lists_run_a_fixed_number_of_queries(people: People, client_for, role: str) -> None:
    """The same number of queries with 3 coachees as with 15, and never many."""
    relationships = many_coachees(people, 3)
    member = {
        "coach": people.coach,
        "manager": people.manager,
        "seller": relationships[0].coachee,
        "owner": people.owner,
    }[role]
    client = client_for(member)
    slug = people.org.slug
    urls = [
        f"/o/{slug}/",
        f"/o/{slug}/coaching/",
        f"/o/{slug}/coaching/sessions/",
        f"/o/{slug}/coaching/{relationships[0].pk}/",
    ]
    few = {url: count_queries(client, url) for url in urls}
    many_coachees(people, 12, first_day=10)
    many = {url: count_queries(client, url) for url in urls}
    assert many == few
    assert max(many.values()) <= 25, many


def test_the_programme_owner_pages_through_every_relationship(
    people: People, client_for, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from salescoach.coaching import views

    monkeypatch.setattr(views, "OVERVIEW_PAGE_SIZE", 2)
    relationships = {r.pk for r in many_coachees(people, 5)}
    client = client_for(people.owner)
    url = f"/o/{people.org.slug}/coaching/"
    seen: set[int] = set()
    for page in (1, 2, 3):
        response = client.get(url, {"page": page})
        assert response.status_code == 200
        shown = {r.pk for r in response.context["groups"][3][2]}
        assert len(shown) == (2 if page < 3 else 1)
        seen |= shown
        assert (
            f"Page {page} of 3" in response.content.decode()
            or f"Pagina {page} van 3" in response.content.decode()
        )
    assert seen == relationships
    # Out of range: the last page, not an error.
    assert client.get(url, {"page": 99}).status_code == 200
