"""The whole coaching cycle through the JSON API, with the same rules as the pages, and
the personal export: everything the seller may see, and nothing else."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from salescoach.accounts.services import api_token_create
from salescoach.coaching.models import CoachingSession, Commitment
from salescoach.organisations.models import Membership
from tests.coaching.conftest import at
from tests.conftest import People

pytestmark = pytest.mark.django_db


class Api:
    def __init__(self, member: Membership) -> None:
        _, raw = api_token_create(user=member.user, name="test")
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en")

    def call(self, method: str, path: str, data: dict[str, Any] | None = None, expect: int = 200) -> Any:
        response = self.client.generic(
            method, f"/api/v1{path}", data=json.dumps(data or {}), content_type="application/json"
        )
        assert response.status_code == expect, (method, path, response.status_code, response.content[:300])
        if response.status_code == 204 or not response.content:
            return None
        if response["Content-Type"].startswith("application/json"):
            return response.json()
        return response.content

    def get(self, path: str, expect: int = 200) -> Any:
        return self.call("GET", path, expect=expect)

    def post(self, path: str, data: dict[str, Any] | None = None, expect: int = 200) -> Any:
        return self.call("POST", path, data, expect)

    def put(self, path: str, data: dict[str, Any] | None = None, expect: int = 200) -> Any:
        return self.call("PUT", path, data, expect)

    def patch(self, path: str, data: dict[str, Any] | None = None, expect: int = 200) -> Any:
        return self.call("PATCH", path, data, expect)


def test_the_whole_coaching_cycle_through_the_api(people: People) -> None:
    owner, seller, coach, manager = (
        Api(people.owner),
        Api(people.seller),
        Api(people.coach),
        Api(people.manager),
    )
    colleague = Api(people.colleague)

    # Set up: the programme owner links coach and seller.
    rel = owner.post(
        "/coaching/relationships", {"coach_id": people.coach.pk, "coachee_id": people.seller.pk}, expect=201
    )
    assert rel["coach_kind"] == "external_coach" and rel["agreement_state"] == "missing"
    rid = rel["id"]

    # Triad agreement: written by the coach, confirmed by the seller and the manager.
    review_on = (timezone.localdate() + timedelta(days=90)).isoformat()
    agreement = coach.post(
        f"/coaching/relationships/{rid}/agreements",
        {
            "result_to_reach": "Tien nieuwe klanten",
            "manager_role": "Pijplijn",
            "coach_role": "Groei",
            "review_on": review_on,
        },
        expect=201,
    )
    assert agreement["confirmed_at"] is None
    seller.post(f"/coaching/agreements/{agreement['id']}/confirm")
    assert manager.post(f"/coaching/agreements/{agreement['id']}/confirm")["confirmed_at"] is not None
    assert owner.get(f"/coaching/relationships/{rid}")["agreement_state"] == "confirmed"
    colleague.get(f"/coaching/agreements/{agreement['id']}", expect=404)

    # A session, the seller's agenda, the coach's preparation.
    first = coach.post(
        f"/coaching/relationships/{rid}/sessions",
        {"starts_at": at(1, 10).isoformat(), "duration_minutes": 60, "location": "Kantoor Amersfoort"},
        expect=201,
    )
    sid = first["id"]
    assert first["access"] == "full" and first["framework"] == "grow"
    coach.put(f"/coaching/sessions/{sid}/agenda", {"agenda": "x"}, expect=403)
    assert seller.put(f"/coaching/sessions/{sid}/agenda", {"agenda": "Prijsbezwaren bij Hendriks BV"})[
        "agenda"
    ]
    frameworks = coach.get("/coaching/frameworks?language=nl")
    grow = next(f for f in frameworks if f["key"] == "grow")
    question = grow["stages"][0]["questions"][0]
    prep = coach.put(
        f"/coaching/sessions/{sid}/preparation",
        {"framework": "grow", "questions": [{"stage": "goal", "text": question}]},
    )
    assert prep["questions"] == [{"stage": "goal", "text": question}]
    coach.put(
        f"/coaching/sessions/{sid}/preparation",
        {"framework": "grow", "questions": [{"stage": "closing", "text": question}]},
        expect=400,
    )
    seller.get(f"/coaching/sessions/{sid}/preparation", expect=404)

    # Notes, and the seller's commitments: one of their own, one the coach proposed.
    note = coach.post(
        "/coaching/notes",
        {"relationship_id": rid, "session_id": sid, "text": "Kiest zelf voor een belronde"},
        expect=201,
    )
    assert note["visibility"] == "coach_and_seller"
    own = seller.post(
        "/coaching/commitments",
        {
            "relationship_id": rid,
            "session_id": sid,
            "text": "Drie open vragen per gesprek",
            "due_on": timezone.localdate().isoformat(),
        },
        expect=201,
    )
    coach.post(
        "/coaching/commitments",
        {"relationship_id": rid, "text": "x", "due_on": timezone.localdate().isoformat()},
        expect=403,
    )
    proposal = coach.post(
        "/coaching/proposals",
        {
            "relationship_id": rid,
            "kind": "commitment",
            "text": "Elke vrijdag je pijplijn doorlopen",
            "due_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
            "session_id": sid,
        },
        expect=201,
    )
    coach.post(f"/coaching/proposals/{proposal['id']}/accept", expect=403)
    accepted = seller.post(f"/coaching/proposals/{proposal['id']}/accept")
    assert accepted["status"] == "accepted" and accepted["commitment_id"]
    body = seller.post(f"/coaching/proposals/{proposal['id']}/accept", expect=400)
    assert "already been accepted" in body["detail"]

    # The next session reviews them.
    second = coach.post(
        f"/coaching/relationships/{rid}/sessions",
        {"starts_at": at(14, 10).isoformat(), "ends_at": at(14, 11).isoformat()},
        expect=201,
    )
    to_review = seller.get(f"/coaching/sessions/{second['id']}/commitments-to-review")
    assert {c["id"] for c in to_review} == {own["id"], accepted["commitment_id"]}
    reviewed = seller.post(
        f"/coaching/commitments/{own['id']}/review",
        {"status": "partly", "reflection": "Lukte bij twee klanten", "session_id": second["id"]},
    )
    assert reviewed["status"] == "partly" and reviewed["reviewed_in_id"] == second["id"]

    # Rating once the first session has taken place; the coach reads it, the manager does not.
    seller.put(f"/coaching/sessions/{sid}/rating", {"useful": True}, expect=400)
    CoachingSession.objects.filter(pk=sid).update(
        starts_at=timezone.now() - timedelta(hours=2),
        ends_at=timezone.now() - timedelta(hours=1),
        remind_at=None,
    )
    assert (
        seller.put(f"/coaching/sessions/{sid}/rating", {"useful": True, "comment": "Scherp"})["useful"]
        is True
    )
    assert coach.get(f"/coaching/sessions/{sid}/rating")["comment"] == "Scherp"
    coach.put(f"/coaching/sessions/{sid}/rating", {"useful": False}, expect=403)
    # The manager knows the session took place, and nothing more.
    assert manager.get(f"/coaching/sessions/{sid}") == {
        "id": sid,
        "relationship_id": rid,
        "access": "date",
        "starts_at": manager.get(f"/coaching/sessions/{sid}")["starts_at"],
        "ends_at": None,
        "kind": None,
        "status": None,
        "location": None,
        "video_url": None,
        "manager": None,
        "agenda": None,
        "framework": None,
        "outcomes": None,
        "status_reason": None,
        "reminder_minutes": None,
    }
    manager.get(f"/coaching/sessions/{sid}/rating", expect=404)
    manager.get(f"/coaching/notes/{note['id']}", expect=404)

    # Sharing is the seller's choice, item by item, and revocable.
    coach.patch(f"/coaching/notes/{note['id']}", {"visibility": "shared_with_manager"}, expect=403)
    seller.patch(f"/coaching/notes/{note['id']}", {"visibility": "shared_with_manager"})
    assert manager.get(f"/coaching/notes/{note['id']}")["text"] == "Kiest zelf voor een belronde"
    seller.patch(f"/coaching/notes/{note['id']}", {"visibility": "coach_and_seller"})
    manager.get(f"/coaching/notes/{note['id']}", expect=404)

    # The development plan: the seller writes, the coach proposes.
    pitfall = seller.post(
        "/coaching/plan-items",
        {"relationship_id": rid, "layer": "pitfall", "text": "Ik ga te snel naar de prijs"},
        expect=201,
    )
    coach.post("/coaching/plan-items", {"relationship_id": rid, "layer": "choice", "text": "x"}, expect=403)
    plan_proposal = coach.post(
        "/coaching/proposals",
        {
            "relationship_id": rid,
            "kind": "plan_item",
            "layer": "opportunity",
            "text": "Eerst de impact van het probleem laten benoemen",
            "follows_from_id": pitfall["id"],
        },
        expect=201,
    )
    seller.post(f"/coaching/proposals/{plan_proposal['id']}/accept")
    plan = seller.get(f"/coaching/plan-items?relationship={rid}")
    assert [i["layer"] for i in plan["items"]] == ["pitfall", "opportunity"]
    assert plan["items"][1]["follows_from_id"] == pitfall["id"]
    seller.patch(
        f"/coaching/plan-items/{pitfall['id']}", {"text": "Ik noem de prijs voordat de klant de waarde ziet"}
    )
    assert len(seller.get(f"/coaching/plan-items/{pitfall['id']}/history")) == 2

    # A ride-along: the seller assesses first, then the coach; then side by side.
    ride = coach.post(
        f"/coaching/relationships/{rid}/sessions",
        {"kind": "ride_along", "starts_at": at(3, 13).isoformat(), "duration_minutes": 180},
        expect=201,
    )
    assert ride["framework"] == "plan_do_review"
    seller.put(
        f"/coaching/sessions/{ride['id']}/observation/self-assessment",
        {"entries": {"opening": {"score": 4}}},
        expect=400,
    )
    CoachingSession.objects.filter(pk=ride["id"]).update(
        starts_at=timezone.now() - timedelta(hours=4),
        ends_at=timezone.now() - timedelta(hours=1),
        remind_at=None,
    )
    coach.put(
        f"/coaching/sessions/{ride['id']}/observation/coach",
        {"entries": {"opening": {"score": 3}}},
        expect=400,
    )
    seller.put(
        f"/coaching/sessions/{ride['id']}/observation/self-assessment",
        {"entries": {"opening": {"score": 4, "comment": "Goed begin"}}, "appointment": "Hendriks BV"},
    )
    blind = coach.get(f"/coaching/sessions/{ride['id']}/observation")
    assert blind["self_assessment_visible"] is False and blind["rubric"][1]["self_score"] is None
    done = coach.put(
        f"/coaching/sessions/{ride['id']}/observation/coach",
        {"entries": {"opening": {"score": 3, "comment": "Agenda niet afgestemd"}}},
    )
    assert (done["rubric"][1]["self_score"], done["rubric"][1]["coach_score"]) == (4, 3)
    acknowledged = seller.post(
        f"/coaching/sessions/{ride['id']}/observation/reply", {"reply": "Herkenbaar", "acknowledge": True}
    )
    assert acknowledged["acknowledged_at"] is not None
    manager.get(f"/coaching/sessions/{ride['id']}/observation", expect=404)

    # Reschedule and cancel, all in the history.
    coach.patch(
        f"/coaching/sessions/{second['id']}",
        {"starts_at": at(15, 9).isoformat(), "ends_at": at(15, 10).isoformat()},
    )
    coach.post(f"/coaching/sessions/{second['id']}/cancel", {"reason": ""}, expect=400)
    coach.post(f"/coaching/sessions/{second['id']}/cancel", {"reason": "Klant verzette de afspraak"})
    history = seller.get(f"/coaching/sessions/{second['id']}/history")
    assert [e["kind"] for e in history] == ["planned", "rescheduled", "cancelled"]
    assert history[2]["data"]["reason"] == "Klant verzette de afspraak"
    ics = seller.get(f"/coaching/sessions/{sid}/calendar.ics")
    assert b"BEGIN:VCALENDAR" in ics


def test_bad_input_through_the_api(people: People) -> None:
    owner, seller, coach = Api(people.owner), Api(people.seller), Api(people.coach)
    rid = owner.post(
        "/coaching/relationships", {"coach_id": people.coach.pk, "coachee_id": people.seller.pk}, expect=201
    )["id"]
    start = at(2, 10)
    body = coach.post(
        f"/coaching/relationships/{rid}/sessions",
        {"starts_at": start.isoformat(), "ends_at": (start - timedelta(minutes=30)).isoformat()},
        expect=400,
    )
    assert body["errors"]["ends_at"] == ["The session must end after it starts."]
    coach.post(
        f"/coaching/relationships/{rid}/sessions",
        {"starts_at": start.isoformat(), "duration_minutes": 60},
        expect=201,
    )
    body = seller.post(
        f"/coaching/relationships/{rid}/sessions",
        {"starts_at": start.isoformat(), "duration_minutes": 30},
        expect=400,
    )
    assert "already has a coaching session" in body["errors"]["starts_at"][0]
    body = seller.post(
        "/coaching/commitments",
        {
            "relationship_id": rid,
            "text": "x",
            "due_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        },
        expect=400,
    )
    assert body["errors"]["due_on"]
    body = seller.post("/coaching/notes", {"relationship_id": rid, "text": "x" * 10_001}, expect=400)
    assert "at most 10000" in body["errors"]["text"][0]
    assert not Commitment.objects.exists()


def test_the_export_holds_everything_the_seller_may_see_and_nothing_else(people: People) -> None:
    from salescoach.coaching import selectors
    from tests.coaching.conftest import make_coaching
    from tests.coaching.test_pages import plant

    coaching = make_coaching(people)
    texts = plant(coaching)
    export = Api(people.seller).get("/me/export")
    notes = export["coaching_notes"]
    assert all({"text", "visibility"} <= set(n) for n in notes)
    assert all(n["visibility"] in {"private", "coach_and_seller", "shared_with_manager"} for n in notes)
    blob = json.dumps(export)
    seen = {name for name, text in texts.items() if text in blob}
    # The seller sees everything about themselves except the coach's private note and
    # the coach's preparation.
    assert seen == set(texts) - {"coach_private", "prepared"}
    # ...and every item the selectors show the seller is in the export.
    seller = coaching.seller
    exported = {(n["type"], n["id"]) for n in notes}
    for note in selectors.note_list(viewer=seller):
        assert ("note", note.pk) in exported
    for item in selectors.plan_item_list(viewer=seller):
        assert ("plan_item", item.pk) in exported
    for commitment in selectors.commitment_list(viewer=seller):
        assert ("commitment", commitment.pk) in exported
    by_text = {n["text"]: n for n in notes}
    assert by_text[texts["seller_private"]]["visibility"] == "private"
    assert by_text[texts["shared_note"]]["visibility"] == "shared_with_manager"
    assert len(export["coaching_sessions"]) == 3 and len(export["triad_agreements"]) == 1

    # Another seller's export holds none of it; the manager's holds no coaching text.
    assert not any(text in json.dumps(Api(people.colleague).get("/me/export")) for text in texts.values())
    assert not any(text in json.dumps(Api(people.manager).get("/me/export")) for text in texts.values())
    coach_export = json.dumps(Api(people.coach).get("/me/export"))
    assert texts["seller_private"] not in coach_export and texts["coach_private"] in coach_export


def test_a_token_for_one_organisation_exports_that_organisation_only(people: People) -> None:
    from tests.factories import MembershipFactory

    MembershipFactory(organisation=people.outsider_org, user=people.coach.user, roles=["external_coach"])
    _, raw = api_token_create(user=people.coach.user, name="t", organisation=people.outsider_org)
    data = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/me/export").json()
    assert [o["organisation"]["slug"] for o in data["organisations"]] == [people.outsider_org.slug]
