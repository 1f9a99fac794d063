"""The seller's one overview of everything they share with their manager, with "stop
sharing" on each item -- on a page and in the API; nobody else can stop (or start) it."""

from __future__ import annotations

import pytest

from salescoach.coaching import services
from salescoach.coaching.models import Observation
from salescoach.privacy.models import AuditAction, AuditEntry, AuditOutcome
from tests.coaching.conftest import Coaching, make_coaching, past_session, plan_session
from tests.coaching.test_api import Api
from tests.conftest import People

pytestmark = pytest.mark.django_db


@pytest.fixture
def coaching(people: People) -> Coaching:
    return make_coaching(people)


def share_one_of_each(c: Coaching) -> dict[str, object]:
    rel, seller = c.relationship, c.seller
    note = services.note_create(
        actor=seller, relationship=rel, text="SHARED-note", visibility="shared_with_manager"
    )
    item = services.plan_item_create(
        actor=seller, relationship=rel, layer="pitfall", text="SHARED-plan", visibility="shared_with_manager"
    )
    from django.utils import timezone

    commitment = services.commitment_create(
        actor=seller,
        relationship=rel,
        text="SHARED-commitment",
        due_on=timezone.localdate(),
        visibility="shared_with_manager",
    )
    ride = past_session(plan_session(rel, c.coach, kind="ride_along"), days_ago=2)
    observation = Observation.objects.get(session=ride)
    services.observation_self_assess(
        actor=seller,
        observation=observation,
        entries={"opening": {"score": 3, "comment": "fine"}},
        appointment="SHARED-ride-along",
    )
    services.item_set_visibility(actor=seller, item=observation, visibility="shared_with_manager")
    services.note_create(actor=seller, relationship=rel, text="NOT-shared")
    return {"note": note, "plan_item": item, "commitment": commitment, "observation": observation}


def test_the_overview_lists_everything_shared_and_stops_each(
    coaching: Coaching, client_for, django_assert_max_num_queries
) -> None:
    items = share_one_of_each(coaching)
    slug = coaching.people.org.slug
    seller = client_for(coaching.seller)
    with django_assert_max_num_queries(14):
        page = seller.get(f"/o/{slug}/privacy/sharing/").content.decode()
    for text in ("SHARED-note", "SHARED-plan", "SHARED-commitment", "SHARED-ride-along"):
        assert text in page
    assert "NOT-shared" not in page and page.count("Stop sharing") == 4
    manager_page = f"/o/{slug}/coaching/{coaching.relationship.pk}/"
    assert "SHARED-note" in client_for(coaching.manager).get(manager_page).content.decode()

    # Stop sharing the note on the page, the rest through the API.
    response = seller.post(f"/o/{slug}/privacy/sharing/stop/", {"kind": "note", "item_id": items["note"].pk})
    assert response.status_code == 302
    assert "SHARED-note" not in client_for(coaching.manager).get(manager_page).content.decode()
    api = Api(coaching.seller)
    listed = api.get("/privacy/sharing")
    assert {row["kind"] for row in listed} == {"plan_item", "commitment", "observation"}
    for row in listed:
        assert api.post("/privacy/sharing/stop", {"kind": row["kind"], "id": row["id"]})["visibility"] != (
            "shared_with_manager"
        )
    assert api.get("/privacy/sharing") == []
    assert "You share nothing" in seller.get(f"/o/{slug}/privacy/sharing/").content.decode()
    body = client_for(coaching.manager).get(manager_page).content.decode()
    assert "SHARED-" not in body
    revoked = AuditEntry.objects.filter(
        action=AuditAction.CONSENT_REVOKE,
        outcome=AuditOutcome.ALLOWED,
        actor_membership_id=coaching.seller.pk,
    )
    assert set(revoked.values_list("object_type", flat=True)) == {
        "coaching.note",
        "coaching.planitem",
        "coaching.commitment",
        "coaching.observation",
    }


@pytest.mark.parametrize("who", ["manager", "coach"])
def test_only_the_seller_stops_sharing(coaching: Coaching, client_for, who: str) -> None:
    items = share_one_of_each(coaching)
    actor = getattr(coaching, who)
    for kind, item in items.items():
        key = item.session_id if kind == "observation" else item.pk  # type: ignore[attr-defined]
        body = Api(actor).post("/privacy/sharing/stop", {"kind": kind, "id": key}, expect=403)
        assert "Only the seller" in body["detail"]
        item.refresh_from_db()  # type: ignore[attr-defined]
        assert item.visibility == "shared_with_manager"  # type: ignore[attr-defined]
    response = client_for(actor).post(
        f"/o/{coaching.people.org.slug}/privacy/sharing/stop/", {"kind": "note", "item_id": items["note"].pk}
    )
    assert response.status_code == 403
    assert (
        AuditEntry.objects.filter(
            action=AuditAction.CONSENT_REVOKE, outcome=AuditOutcome.DENIED, actor_membership_id=actor.pk
        ).count()
        == 5
    )
    # The manager's overview of "what they share" is empty: it is the seller's own.
    assert Api(actor).get("/privacy/sharing") == []


def test_a_forged_or_unknown_item_answers_404(coaching: Coaching, client_for) -> None:
    other = services.note_create(
        actor=coaching.people.colleague,
        relationship=coaching.other_relationship,
        text="colleague",
        visibility="shared_with_manager",
    )
    api = Api(coaching.seller)
    api.post("/privacy/sharing/stop", {"kind": "note", "id": other.pk}, expect=404)
    api.post("/privacy/sharing/stop", {"kind": "wish", "id": other.pk}, expect=404)
    other.refresh_from_db()
    assert other.visibility == "shared_with_manager"
    entry = AuditEntry.objects.get(actor_membership_id=coaching.seller.pk, action=AuditAction.ACCESS_DENIED)
    assert entry.subject_membership_id == coaching.people.colleague.pk


def test_a_seller_without_manager_is_told_so(people: People, client_for) -> None:
    people.colleague.reports_to = None
    people.colleague.team = None
    people.colleague.save()
    page = client_for(people.colleague).get(f"/o/{people.org.slug}/privacy/sharing/").content.decode()
    assert "nobody to share with" in page
