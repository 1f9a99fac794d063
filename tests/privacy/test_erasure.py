"""Erasure of a person who leaves: asked by them or by a programme owner, confirmed by a
programme owner, on the record; afterwards no trace of their coaching text -- nor of their
name or e-mail address -- is left anywhere in the database, while figures for groups stay."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from salescoach.accounts.services import api_token_create
from salescoach.coaching import services
from salescoach.coaching.models import (
    CoachingRelationship,
    CoachingSession,
    Observation,
    PlanItem,
    SessionRating,
)
from salescoach.organisations.models import Membership, MembershipStatus, Role, RoleAssignment
from salescoach.privacy.erasure import ERASED_NAME
from salescoach.privacy.models import AuditAction, AuditEntry, AuditOutcome, ErasureRequest, ErasureStatus
from tests.coaching.conftest import Coaching, make_coaching, past_session, plan_session
from tests.conftest import People

pytestmark = pytest.mark.django_db


def api(member: Membership) -> Client:
    _, raw = api_token_create(user=member.user, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en")


def post(client: Client, path: str, data: dict[str, Any] | None = None) -> Any:
    return client.post(f"/api/v1{path}", json.dumps(data or {}), content_type="application/json")


@pytest.fixture
def coaching(people: People) -> Coaching:
    return make_coaching(people)


def database_rows() -> list[tuple[str, str]]:
    """Every value of every column of every table, as text: (table, value)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from the database
            for row in cursor.fetchall():
                for value in row:
                    if value is None:
                        continue
                    text = (
                        value.decode(errors="ignore") if isinstance(value, bytes | memoryview) else str(value)
                    )
                    found.append((table, text))
    return found


def traces(texts: list[str]) -> dict[str, list[str]]:
    rows = database_rows()
    return {
        t: sorted({table for table, value in rows if t in value})
        for t in texts
        if any(t in v for _, v in rows)
    }


def plant_everything(c: Coaching) -> tuple[list[str], list[str]]:
    """The seller writes (and is written about) in every kind of coaching content, and also
    coaches a colleague. Returns (their texts and texts about them, the colleague's own texts)."""
    people = c.people
    seller, coach, rel = c.seller, c.coach, c.relationship
    mine: list[str] = []

    def t(name: str) -> str:
        text = f"ERASE-ME-{name}-91c"
        mine.append(text)
        return text

    # As the coachee.
    held = past_session(plan_session(rel, coach, days=1), days_ago=5)
    ahead = plan_session(rel, coach, days=3)
    services.note_create(actor=seller, relationship=rel, text=t("private-note"), visibility="private")
    services.note_create(actor=seller, relationship=rel, text=t("pair-note"), session=held)
    services.note_create(
        actor=seller, relationship=rel, text=t("shared-note"), visibility="shared_with_manager"
    )
    services.note_create(actor=coach, relationship=rel, text=t("coach-note-about-her"))
    services.note_create(actor=coach, relationship=rel, text=t("coach-private-note"), visibility="private")
    item = services.plan_item_create(actor=seller, relationship=rel, layer="pitfall", text=t("plan-v1"))
    services.plan_item_update(actor=seller, item=item, text=t("plan-v2"))
    commitment = services.commitment_create(
        actor=seller, relationship=rel, text=t("commitment"), due_on=timezone.localdate(), session=held
    )
    services.commitment_review(actor=seller, commitment=commitment, status="done", reflection=t("reflection"))
    proposal = services.proposal_create(
        actor=coach,
        relationship=rel,
        kind="plan_item",
        layer="choice",
        text=t("proposal"),
        rationale=t("why"),
    )
    services.proposal_decline(actor=seller, proposal=proposal, comment=t("decline-comment"))
    accepted = services.proposal_create(
        actor=coach, relationship=rel, kind="plan_item", layer="belief", text=t("accepted")
    )
    services.proposal_accept(actor=seller, proposal=accepted)
    services.session_set_agenda(actor=seller, session=ahead, agenda=t("agenda"))
    services.session_prepare(
        actor=coach, session=ahead, framework="grow", questions=[("goal", t("prepared"))]
    )
    services.session_set_outcomes(actor=coach, session=held, outcomes=t("outcomes"))
    services.session_rate(actor=seller, session=held, useful=True, comment=t("rating"))
    cancelled = plan_session(rel, coach, days=4)
    services.session_cancel(actor=seller, session=cancelled, reason=t("cancel-reason"))
    ride = past_session(plan_session(rel, coach, days=5, kind="ride_along"), days_ago=2)
    observation = Observation.objects.get(session=ride)
    services.observation_self_assess(
        actor=seller,
        observation=observation,
        entries={"opening": {"score": 3, "comment": t("self-comment")}},
        appointment=t("appointment"),
    )
    services.observation_record(
        actor=coach, observation=observation, entries={"opening": {"score": 2, "comment": t("coach-comment")}}
    )
    services.observation_reply(actor=seller, observation=observation, reply=t("reply"))
    services.agreement_propose(
        actor=seller,
        relationship=rel,
        result_to_reach=t("result"),
        manager_role=t("manager-role"),
        coach_role=t("coach-role"),
        review_on=timezone.localdate() + timedelta(days=60),
    )

    # As a peer coach of a colleague.
    RoleAssignment.objects.create(membership=seller, role=Role.SENIOR_SELLER)
    seller = Membership.objects.prefetch_related("role_assignments").get(pk=seller.pk)
    colleague = people.colleague
    peer = services.relationship_create(actor=people.owner, coach_id=seller.pk, coachee_id=colleague.pk)
    peer_session = past_session(plan_session(peer, seller, days=6, kind="ride_along"), days_ago=1)
    services.note_create(actor=seller, relationship=peer, text=t("note-as-coach"))
    services.note_create(actor=seller, relationship=peer, text=t("private-as-coach"), visibility="private")
    services.proposal_create(
        actor=seller, relationship=peer, kind="plan_item", layer="choice", text=t("peer-proposal")
    )
    services.session_set_outcomes(actor=seller, session=peer_session, outcomes=t("peer-outcomes"))
    peer_obs = Observation.objects.get(session=peer_session)
    services.observation_self_assess(
        actor=colleague,
        observation=peer_obs,
        entries={"opening": {"score": 4, "comment": "COLLEAGUE-self-77"}},
    )
    services.observation_record(
        actor=seller,
        observation=peer_obs,
        entries={"opening": {"score": 3, "comment": t("peer-coach-comment")}},
    )
    upcoming_peer = plan_session(peer, seller, days=7)
    services.session_prepare(
        actor=seller, session=upcoming_peer, framework="grow", questions=[("goal", t("peer-prepared"))]
    )
    services.custom_question_add(
        actor=seller, framework="grow", stage="goal", text=t("own-question"), language="nl"
    )
    services.plan_item_create(actor=colleague, relationship=peer, layer="pitfall", text="COLLEAGUE-plan-77")
    services.note_create(actor=colleague, relationship=peer, text="COLLEAGUE-note-77")
    return mine, ["COLLEAGUE-plan-77", "COLLEAGUE-note-77", "COLLEAGUE-self-77"]


def test_after_an_erasure_no_trace_of_the_persons_coaching_text_or_identity_remains(
    coaching: Coaching, client_for
) -> None:
    people = coaching.people
    seller = people.seller
    email, name = "unique-person-91c@example.com", "Erika Uniquename-91c"
    seller.user.email, seller.user.full_name = email, name
    seller.user.save()
    mine, theirs = plant_everything(coaching)
    assert set(traces(mine)) == set(mine)  # every planted text is in the database now
    sessions_before = CoachingSession.objects.filter(relationship=coaching.relationship).count()
    held_rating = SessionRating.objects.get(session__relationship=coaching.relationship)

    # She asks, on her privacy page; the programme owner confirms.
    slug = people.org.slug
    client_for(seller).post(f"/o/{slug}/privacy/erasure/mine/")
    request = ErasureRequest.objects.get(member=seller, status=ErasureStatus.PENDING)
    response = client_for(people.owner).post(
        f"/o/{slug}/privacy/erasure/{request.pk}/", {"decision": "confirm"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == ErasureStatus.DONE and request.decided_by == people.owner

    left = traces([*mine, email, name])
    assert left == {}, left
    # The colleague's own words stay; so do the facts figures are made of.
    assert set(traces(theirs)) == set(theirs)
    assert CoachingSession.objects.filter(relationship=coaching.relationship).count() == sessions_before
    held_rating.refresh_from_db()
    assert held_rating.useful is True and held_rating.comment == ""
    assert not PlanItem.objects.filter(relationship=coaching.relationship).exists()
    member = Membership.objects.select_related("user").get(pk=seller.pk)
    assert member.status == MembershipStatus.DEACTIVATED and member.user.full_name == ERASED_NAME
    assert not member.user.is_active and not member.user.has_usable_password()
    assert not CoachingRelationship.objects.filter(coachee=member).exclude(status="ended").exists()
    # She can no longer log in; the record says who asked and who confirmed, with ids only.
    assert not Client().login(username=email, password="a-Str0ng-test-password")
    entries = AuditEntry.objects.filter(action=AuditAction.ERASURE, object_id=str(seller.pk)).order_by("id")
    assert [(e.detail, e.actor_membership_id) for e in entries] == [
        ("requested", seller.pk),
        ("confirmed", people.owner.pk),
    ]


def test_an_external_coach_in_two_organisations_stays_elsewhere(people: People) -> None:
    from tests.factories import MembershipFactory

    elsewhere = MembershipFactory(
        organisation=people.outsider_org, user=people.coach.user, roles=[Role.EXTERNAL_COACH]
    )
    request = post(api(people.owner), "/privacy/erasure-requests", {"member_id": people.coach.pk}).json()
    answer = post(api(people.other_manager), f"/privacy/erasure-requests/{request['id']}/confirm")
    assert answer.status_code == 404  # not theirs to see
    answer = post(api(people.owner), f"/privacy/erasure-requests/{request['id']}/confirm")
    assert answer.status_code == 200 and answer.json()["member"] == ERASED_NAME
    member = Membership.objects.select_related("user").get(pk=people.coach.pk)
    assert member.user_id != elsewhere.user_id and member.user.full_name == ERASED_NAME
    elsewhere.refresh_from_db()
    assert elsewhere.user.full_name == people.coach.user.full_name and elsewhere.user.is_active


def test_only_a_programme_owner_confirms_and_never_their_own(people: People) -> None:
    own = post(api(people.owner), "/privacy/erasure-requests", {"member_id": people.owner.pk})
    assert own.status_code == 201
    answer = post(api(people.owner), f"/privacy/erasure-requests/{own.json()['id']}/confirm")
    assert answer.status_code == 403 and "never their own" in answer.json()["detail"]
    mine = post(api(people.seller), "/privacy/erasure-requests", {"member_id": people.seller.pk}).json()
    answer = post(api(people.seller), f"/privacy/erasure-requests/{mine['id']}/confirm")
    assert answer.status_code == 403
    assert Membership.objects.get(pk=people.seller.pk).is_active
    # The seller may withdraw their own request.
    assert (
        post(api(people.seller), f"/privacy/erasure-requests/{mine['id']}/reject").json()["status"]
        == "rejected"
    )
    refused = AuditEntry.objects.filter(action=AuditAction.ERASURE, outcome=AuditOutcome.DENIED)
    assert set(refused.values_list("actor_membership_id", flat=True)) == {people.owner.pk, people.seller.pk}


def test_nobody_else_asks_for_someones_erasure(people: People, client_for) -> None:
    answer = post(api(people.colleague), "/privacy/erasure-requests", {"member_id": people.seller.pk})
    assert answer.status_code == 403 and "your own erasure" in answer.json()["detail"]
    response = client_for(people.manager).post(
        f"/o/{people.org.slug}/privacy/erasure/", {"member": people.seller.pk}
    )
    assert response.status_code == 403
    assert not ErasureRequest.objects.exists()
    assert AuditEntry.objects.filter(
        action=AuditAction.ERASURE, outcome=AuditOutcome.DENIED, actor_membership_id=people.colleague.pk
    ).exists()


def test_an_erasure_of_someone_in_another_organisation_is_refused_and_recorded(people: People) -> None:
    answer = post(api(people.owner), "/privacy/erasure-requests", {"member_id": people.outsider_seller.pk})
    assert answer.status_code == 400
    assert answer.json()["errors"]["member"] == ["This person is not a member of your organisation."]
    dutch = Client(
        HTTP_AUTHORIZATION=api(people.owner).defaults["HTTP_AUTHORIZATION"], HTTP_ACCEPT_LANGUAGE="nl"
    )
    answer = post(dutch, "/privacy/erasure-requests", {"member_id": people.outsider_seller.pk})
    assert "organisatie" in answer.json()["errors"]["member"][0]
    assert not ErasureRequest.objects.exists()
    assert Membership.objects.get(pk=people.outsider_seller.pk).is_active
    refused = AuditEntry.objects.filter(
        action=AuditAction.ACCESS_DENIED,
        object_type="organisations.membership",
        object_id=str(people.outsider_seller.pk),
        actor_membership_id=people.owner.pk,
    )
    assert refused.count() == 2
    # The other organisation's own programme owner cannot see or decide this organisation's requests.
    request = post(api(people.owner), "/privacy/erasure-requests", {"member_id": people.seller.pk}).json()
    assert post(api(people.outsider), f"/privacy/erasure-requests/{request['id']}/confirm").status_code == 404


def test_a_second_request_while_one_waits_is_refused(people: People) -> None:
    assert (
        post(api(people.seller), "/privacy/erasure-requests", {"member_id": people.seller.pk}).status_code
        == 201
    )
    again = post(api(people.owner), "/privacy/erasure-requests", {"member_id": people.seller.pk})
    assert again.status_code == 400 and "already waiting" in again.json()["detail"]


def test_the_erasure_pages(people: People, client_for) -> None:
    owner = client_for(people.owner)
    slug = people.org.slug
    owner.post(f"/o/{slug}/privacy/erasure/", {"member": people.colleague.pk})
    page = owner.get(f"/o/{slug}/privacy/erasure/").content.decode()
    assert "Confirm and erase" in page and people.colleague.user.full_name in page
    seller_page = client_for(people.seller).get(f"/o/{slug}/privacy/erasure/").content.decode()
    assert people.colleague.user.full_name not in seller_page and "Ask to erase my data" in seller_page
