"""Evaluation pages (with their own look) and the JSON API, end to end."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from salescoach.accounts.services import api_token_create
from salescoach.evaluations import rules
from salescoach.evaluations.models import Evaluation, EvaluationCycle, EvaluationStatus
from salescoach.organisations.models import Membership, Role
from tests.conftest import People
from tests.evaluations.helpers import fill, make_cycle, make_evaluation
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def api(member: Membership, language: str = "en") -> Client:
    _, raw = api_token_create(user=member.user, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE=language)


def test_evaluation_pages_look_clearly_different_from_other_pages(people: People, client_for) -> None:
    evaluation = make_evaluation(people.manager, people.seller, make_cycle(people.owner))
    client = client_for(people.manager)
    slug = people.org.slug
    for path in [
        "evaluations/",
        f"evaluations/cycles/{evaluation.cycle_id}/",
        f"evaluations/cycles/{evaluation.cycle_id}/plan/",
        f"evaluations/{evaluation.pk}/",
        f"evaluations/{evaluation.pk}/edit/",
        f"evaluations/{evaluation.pk}/schedule/",
    ]:
        page = client.get(f"/o/{slug}/{path}").content.decode()
        assert 'class="app evaluation-zone"' in page, path
        assert "evaluations/evaluations.css" in page, path
        assert 'Beoordeling</span> / <span lang="en">Performance evaluation' in page, path
        assert "This is a performance evaluation, not coaching." in page, path
    home = client.get(f"/o/{slug}/").content.decode()
    assert "evaluation-zone" not in home and "evaluations.css" not in home
    dutch = client_for(people.manager, language="nl").get(f"/o/{slug}/evaluations/").content.decode()
    assert "Dit is een beoordeling, geen coaching." in dutch


def test_the_whole_flow_through_the_pages(people: People, client_for) -> None:
    slug = people.org.slug
    owner, manager, seller = client_for(people.owner), client_for(people.manager), client_for(people.seller)
    response = owner.post(
        f"/o/{slug}/evaluations/cycles/new/",
        {
            "name": "Jaarbeoordeling 2025",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "criteria": "Client focus: listens well\nResults\n\nTeamwork",
            "scale_max": 4,
            "scale_low_label": "Low",
            "scale_high_label": "High",
        },
    )
    cycle = EvaluationCycle.objects.get(name="Jaarbeoordeling 2025")
    assert response["Location"] == f"/o/{slug}/evaluations/cycles/{cycle.pk}/"
    assert [c.name for c in cycle.criteria.all()] == ["Client focus", "Results", "Teamwork"]
    assert cycle.criteria.first().description == "listens well"  # type: ignore[union-attr]
    assert "Plan an evaluation" in manager.get(f"/o/{slug}/evaluations/cycles/{cycle.pk}/").content.decode()
    response = manager.post(
        f"/o/{slug}/evaluations/cycles/{cycle.pk}/plan/",
        {"seller": people.seller.pk, "date": "2026-01-20", "time": "10:00"},
    )
    evaluation = Evaluation.objects.get()
    assert response["Location"] == f"/o/{slug}/evaluations/{evaluation.pk}/"
    assert "Your manager is preparing this evaluation" in seller.get(response["Location"]).content.decode()
    data = {f"rating_{c.pk}": "3" for c in cycle.criteria.all()}
    data |= {f"comment_{c.pk}": "Fine" for c in cycle.criteria.all()} | {"overall_comment": "A good year"}
    bad = manager.post(
        f"/o/{slug}/evaluations/{evaluation.pk}/edit/", {**data, f"rating_{cycle.criteria.first().pk}": "9"}
    )  # type: ignore[union-attr]
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()
    assert manager.post(f"/o/{slug}/evaluations/{evaluation.pk}/edit/", data).status_code == 302
    manager.post(f"/o/{slug}/evaluations/{evaluation.pk}/share/")
    page = seller.get(f"/o/{slug}/evaluations/{evaluation.pk}/").content.decode()
    assert "A good year" in page and "3/4" in page and "Sign" in page
    seller.post(f"/o/{slug}/evaluations/{evaluation.pk}/comment/", {"seller_comment": "Agreed, mostly."})
    seller.post(f"/o/{slug}/evaluations/{evaluation.pk}/sign/")
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SIGNED and evaluation.seller_comment == "Agreed, mostly."
    page = manager.get(f"/o/{slug}/evaluations/{evaluation.pk}/").content.decode()
    assert "Agreed, mostly." in page and "Signed by the seller" in page


def test_a_coaching_clash_is_shown_on_the_planning_page(
    people: People, client_for, monkeypatch: pytest.MonkeyPatch
) -> None:
    cycle = make_cycle(people.owner)
    monkeypatch.setattr(
        rules, "coaching_conflicts", lambda **kw: [rules.CoachingConflict(rules.SAME_DAY_AS_COACHING)]
    )
    response = client_for(people.manager).post(
        f"/o/{people.org.slug}/evaluations/cycles/{cycle.pk}/plan/",
        {"seller": people.seller.pk, "date": "2026-01-20", "time": "10:00"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "You also coach this seller" in page
    assert not Evaluation.objects.exists()
    answer = api(people.manager).post(
        "/api/v1/evaluations",
        {"cycle_id": cycle.pk, "seller_id": people.seller.pk, "date": "2026-01-20", "time": "10:00"},
        "application/json",
    )
    assert answer.status_code == 400 and "You also coach this seller" in answer.json()["errors"]["date"][0]


def test_the_list_and_detail_run_a_fixed_number_of_queries(
    people: People, client_for, django_assert_max_num_queries
) -> None:
    cycle = make_cycle(people.owner)
    for _ in range(20):
        seller = MembershipFactory(organisation=people.org, roles=[Role.SELLER], team=people.team)
        fill(people.manager, make_evaluation(people.manager, seller, cycle))
    make_cycle(people.owner, name="Second")
    evaluation = Evaluation.objects.first()
    owner, manager = client_for(people.owner), client_for(people.manager)
    for client in (owner, manager):
        with django_assert_max_num_queries(14):
            assert client.get(f"/o/{people.org.slug}/evaluations/").status_code == 200
        with django_assert_max_num_queries(14):
            assert client.get(f"/o/{people.org.slug}/evaluations/cycles/{cycle.pk}/").status_code == 200
        with django_assert_max_num_queries(16):
            assert client.get(f"/o/{people.org.slug}/evaluations/{evaluation.pk}/").status_code == 200  # type: ignore[union-attr]
    # The home page of a manager of a big team: every app's sections (one query each for
    # evaluations and open surveys, one for the coaching sections) -- a fixed number,
    # whatever the size of the team.
    with django_assert_max_num_queries(19):
        assert manager.get(f"/o/{people.org.slug}/").status_code == 200
    client = api(people.owner)
    with django_assert_max_num_queries(10):
        assert client.get("/api/v1/evaluations?limit=50").json()["count"] == 20


def test_the_whole_flow_through_the_api(people: People) -> None:
    owner, manager, seller = api(people.owner), api(people.manager), api(people.seller)
    cycle = owner.post(
        "/api/v1/evaluations/cycles",
        {
            "name": "Review 2025",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "criteria": [{"name": "Client focus"}, {"name": "Results", "description": "Targets met"}],
        },
        "application/json",
    ).json()
    assert [c["name"] for c in cycle["criteria"]] == ["Client focus", "Results"]
    assert manager.post("/api/v1/evaluations/cycles", {}, "application/json").status_code in (403, 422)
    created = manager.post(
        "/api/v1/evaluations",
        {"cycle_id": cycle["id"], "seller_id": people.seller.pk, "date": "2026-01-20", "time": "10:00"},
        "application/json",
    )
    assert created.status_code == 201
    evaluation = created.json()
    assert evaluation["status"] == "draft" and evaluation["content_visible"] is True
    seller_view = seller.get(f"/api/v1/evaluations/{evaluation['id']}").json()
    assert seller_view["content_visible"] is False and seller_view["ratings"] is None
    ratings = [{"criterion_id": c["id"], "rating": 4, "comment": "Solid"} for c in cycle["criteria"]]
    patched = manager.patch(
        f"/api/v1/evaluations/{evaluation['id']}",
        {"ratings": ratings, "overall_comment": "Steady growth"},
        "application/json",
    ).json()
    assert [r["rating"] for r in patched["ratings"]] == [4, 4]
    moved = manager.post(
        f"/api/v1/evaluations/{evaluation['id']}/schedule",
        {"date": "2026-01-22", "time": "09:30"},
        "application/json",
    ).json()
    assert moved["scheduled_for"].startswith("2026-01-22")
    missing = manager.post(f"/api/v1/evaluations/{evaluation['id']}/schedule", {}, "application/json")
    assert missing.status_code == 400 and "date" in missing.json()["errors"]
    assert manager.post(f"/api/v1/evaluations/{evaluation['id']}/share").json()["status"] == "shared"
    commented = seller.post(
        f"/api/v1/evaluations/{evaluation['id']}/seller-comment",
        {"seller_comment": "Thanks"},
        "application/json",
    ).json()
    assert commented["seller_comment"] == "Thanks" and commented["overall_comment"] == "Steady growth"
    signed = seller.post(f"/api/v1/evaluations/{evaluation['id']}/sign").json()
    assert signed["status"] == "signed"
    assert [h["kind"] for h in signed["history"]] == [
        "created",
        "edited",
        "rescheduled",
        "shared",
        "seller_commented",
        "signed",
    ]
    closed = owner.post(f"/api/v1/evaluations/cycles/{cycle['id']}/close").json()
    assert closed["status"] == "closed"


def test_api_errors_are_translated(people: People) -> None:
    cycle = make_cycle(people.owner)
    answer = api(people.manager, language="nl").post(
        "/api/v1/evaluations",
        {"cycle_id": cycle.pk, "seller_id": people.other_seller.pk, "date": "2026-01-20", "time": "10:00"},
        "application/json",
    )
    assert answer.status_code == 400
    assert answer.json()["errors"]["seller"] == ["Je kunt alleen de mensen beoordelen die je aanstuurt."]


def test_the_seller_and_the_manager_see_their_evaluations_at_home(people: People, client_for) -> None:
    evaluation = make_evaluation(
        people.manager, people.seller, make_cycle(people.owner), day=date(2026, 3, 5)
    )
    seller_home = client_for(people.seller).get(f"/o/{people.org.slug}/").content.decode()
    manager_home = client_for(people.manager).get(f"/o/{people.org.slug}/").content.decode()
    assert "Your evaluations" in seller_home and f"/evaluations/{evaluation.pk}/" in seller_home
    assert "Evaluations you are writing" in manager_home and "Sanne Seller" in manager_home
    coach_home = client_for(people.coach).get(f"/o/{people.org.slug}/").content.decode()
    assert "/evaluations/" not in coach_home  # no link, not even in the navigation
