"""The access log of coaching data: every read by someone other than the author, every
consent change and every refused attempt is recorded -- cheaply -- and the seller sees
them; nobody's content ever reaches the log."""

from __future__ import annotations

import pytest
from django.test import Client

from salescoach.coaching import services
from salescoach.coaching.models import Note
from salescoach.privacy.models import AuditAction, AuditEntry, AuditOutcome
from salescoach.privacy.services import audit_reads
from tests.coaching.conftest import Coaching, make_coaching, past_session, plan_session
from tests.coaching.test_api import Api
from tests.conftest import People

pytestmark = pytest.mark.django_db


@pytest.fixture
def coaching(people: People) -> Coaching:
    return make_coaching(people)


def reads(**filters: object) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=AuditAction.READ, **filters).order_by("id"))


def seller_notes(c: Coaching, count: int) -> list[Note]:
    return [
        services.note_create(actor=c.seller, relationship=c.relationship, text=f"SECRET-note-{i}")
        for i in range(count)
    ]


def test_the_coach_reading_the_sellers_notes_is_recorded_once_per_note(
    coaching: Coaching, client_for
) -> None:
    notes = seller_notes(coaching, 3)
    url = f"/o/{coaching.people.org.slug}/coaching/{coaching.relationship.pk}/"
    assert client_for(coaching.coach).get(url).status_code == 200
    entries = reads(actor_membership_id=coaching.coach.pk, object_type="coaching.note")
    assert sorted(int(e.object_id) for e in entries) == sorted(n.pk for n in notes)
    assert {e.subject_membership_id for e in entries} == {coaching.seller.pk}
    assert {e.detail for e in entries} == {"via:page"}
    # The author's own reads are not recorded.
    client_for(coaching.seller).get(url)
    assert not reads(actor_membership_id=coaching.seller.pk, object_type="coaching.note")


def test_recording_reads_costs_one_insert_whatever_the_number_of_items(
    coaching: Coaching, client_for, django_assert_num_queries
) -> None:
    url = f"/o/{coaching.people.org.slug}/coaching/{coaching.relationship.pk}/?notes=all"
    client = client_for(coaching.coach)
    seller_notes(coaching, 2)
    client.get(url)  # warm up the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    seller_notes(coaching, 20)
    before = AuditEntry.objects.count()
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
    inserts = [
        q for q in many.captured_queries if q["sql"].startswith("INSERT") and "privacy_auditentry" in q["sql"]
    ]
    assert len(inserts) == 1
    assert AuditEntry.objects.count() - before == 22


def test_reads_outside_a_request_are_one_bulk_insert(coaching: Coaching, django_assert_num_queries) -> None:
    notes = list(
        Note.objects.select_related("relationship").filter(pk__in=[n.pk for n in seller_notes(coaching, 5)])
    )
    with django_assert_num_queries(1):
        assert audit_reads(viewer=coaching.coach, objects=notes, via="export") == 5


def test_the_seller_sees_who_read_their_coaching_data(coaching: Coaching, client_for) -> None:
    seller_notes(coaching, 1)
    services.note_create(
        actor=coaching.seller,
        relationship=coaching.relationship,
        text="SHARED-with-manager",
        visibility="shared_with_manager",
    )
    slug = coaching.people.org.slug
    client_for(coaching.coach).get(f"/o/{slug}/coaching/{coaching.relationship.pk}/")
    client_for(coaching.manager).get(f"/o/{slug}/coaching/{coaching.relationship.pk}/")
    page = client_for(coaching.seller).get(f"/o/{slug}/privacy/").content.decode()
    assert coaching.coach.user.full_name in page
    assert coaching.manager.user.full_name in page
    assert "SECRET" not in page and "SHARED-with" not in page
    # Never content on the log: ids and codes only.
    for entry in AuditEntry.objects.all():
        assert "SECRET" not in str(entry.__dict__) and "SHARED" not in str(entry.__dict__)


def test_api_lists_record_only_the_page_they_return(coaching: Coaching) -> None:
    seller_notes(coaching, 5)
    Api(coaching.coach).get(f"/coaching/notes?relationship={coaching.relationship.pk}&limit=2")
    entries = reads(actor_membership_id=coaching.coach.pk)
    assert len(entries) == 2 and {e.detail for e in entries} == {"via:api"}


def test_the_export_records_what_others_wrote(coaching: Coaching) -> None:
    services.note_create(actor=coaching.coach, relationship=coaching.relationship, text="coach wrote this")
    seller_notes(coaching, 1)
    Api(coaching.seller).get("/me/export")
    entries = reads(actor_membership_id=coaching.seller.pk, object_type="coaching.note")
    assert len(entries) == 1 and entries[0].detail == "via:export"
    assert AuditEntry.objects.filter(
        action=AuditAction.EXPORT, actor_membership_id=coaching.seller.pk
    ).exists()


def test_the_managers_calendar_feed_records_the_triad_session(coaching: Coaching, client_for) -> None:
    session = plan_session(coaching.relationship, coaching.coach, kind="triad")
    client = client_for(coaching.manager)
    client.post("/calendar/")
    from salescoach.coaching.models import CalendarFeed
    from salescoach.coaching.services import calendar_feed_create

    CalendarFeed.objects.all().delete()
    _feed, raw = calendar_feed_create(user=coaching.manager.user)
    assert Client().get(f"/calendar/{raw}.ics").status_code == 200
    entries = reads(actor_membership_id=coaching.manager.pk, object_type="coaching.coachingsession")
    assert [(e.object_id, e.detail, e.subject_membership_id) for e in entries] == [
        (str(session.pk), "via:calendar", coaching.seller.pk)
    ]


def test_the_manager_reading_session_dates_is_recorded(coaching: Coaching, client_for) -> None:
    held = past_session(plan_session(coaching.relationship, coaching.coach), days_ago=3)
    client_for(coaching.manager).get(f"/o/{coaching.people.org.slug}/coaching/sessions/{held.pk}/")
    assert reads(actor_membership_id=coaching.manager.pk, object_type="coaching.coachingsession")


# --- consent ------------------------------------------------------------------------------


def test_sharing_and_stopping_are_recorded_and_take_effect_on_the_next_request(
    coaching: Coaching, client_for
) -> None:
    note = services.note_create(
        actor=coaching.seller, relationship=coaching.relationship, text="PLANTED-to-share"
    )
    slug = coaching.people.org.slug
    seller, manager = client_for(coaching.seller), client_for(coaching.manager)
    seller.post(f"/o/{slug}/coaching/notes/{note.pk}/visibility/", {"visibility": "shared_with_manager"})
    assert (
        "PLANTED-to-share" in manager.get(f"/o/{slug}/coaching/{coaching.relationship.pk}/").content.decode()
    )
    assert Api(coaching.manager).get(f"/coaching/notes/{note.pk}")["text"] == "PLANTED-to-share"
    seller.post(f"/o/{slug}/coaching/notes/{note.pk}/visibility/", {"visibility": "coach_and_seller"})
    assert (
        "PLANTED-to-share"
        not in manager.get(f"/o/{slug}/coaching/{coaching.relationship.pk}/").content.decode()
    )
    Api(coaching.manager).get(f"/coaching/notes/{note.pk}", expect=404)
    actions = list(
        AuditEntry.objects.filter(object_type="coaching.note", object_id=str(note.pk))
        .exclude(action=AuditAction.READ)
        .order_by("id")
        .values_list("action", "outcome", "actor_membership_id", "subject_membership_id")
    )
    assert actions == [
        (AuditAction.CONSENT_GRANT, AuditOutcome.ALLOWED, coaching.seller.pk, coaching.seller.pk),
        (AuditAction.CONSENT_REVOKE, AuditOutcome.ALLOWED, coaching.seller.pk, coaching.seller.pk),
        (AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, coaching.manager.pk, coaching.seller.pk),
    ]


@pytest.mark.parametrize("who", ["manager", "coach"])
def test_nobody_but_the_seller_shares_or_stops_sharing(coaching: Coaching, client_for, who: str) -> None:
    actor = getattr(coaching, who)
    note = services.note_create(actor=coaching.seller, relationship=coaching.relationship, text="mine")
    shared = services.note_create(
        actor=coaching.seller,
        relationship=coaching.relationship,
        text="shared",
        visibility="shared_with_manager",
    )
    slug = coaching.people.org.slug
    client = client_for(actor)
    if who == "coach":  # the coach sees the unshared note, the manager does not
        response = client.post(
            f"/o/{slug}/coaching/notes/{note.pk}/visibility/", {"visibility": "shared_with_manager"}
        )
        assert response.status_code == 403
    response = client.post(
        f"/o/{slug}/coaching/notes/{shared.pk}/visibility/", {"visibility": "coach_and_seller"}
    )
    assert response.status_code == 403
    assert "Only the seller" in response.content.decode()
    body = Api(actor).patch(f"/coaching/notes/{shared.pk}", {"visibility": "private"}, expect=403)
    assert "Only the seller" in body["detail"]
    shared.refresh_from_db()
    note.refresh_from_db()
    assert shared.visibility == "shared_with_manager" and note.visibility == "coach_and_seller"
    refused = AuditEntry.objects.filter(
        actor_membership_id=actor.pk, outcome=AuditOutcome.DENIED, object_type="coaching.note"
    )
    assert refused.filter(action=AuditAction.CONSENT_REVOKE, object_id=str(shared.pk)).count() == 2
    assert set(refused.values_list("subject_membership_id", flat=True)) == {coaching.seller.pk}
    # ...and the seller sees the attempt on their privacy page.
    page = client_for(coaching.seller).get(f"/o/{slug}/privacy/").content.decode()
    assert actor.user.full_name in page and "Sharing stopped" in page


def test_a_seller_cannot_share_another_sellers_note(coaching: Coaching, client_for) -> None:
    other = coaching.other_relationship
    note = services.note_create(actor=coaching.people.colleague, relationship=other, text="colleague's")
    response = client_for(coaching.seller).post(
        f"/o/{coaching.people.org.slug}/coaching/notes/{note.pk}/visibility/",
        {"visibility": "shared_with_manager"},
    )
    assert response.status_code == 404
    note.refresh_from_db()
    assert note.visibility == "coach_and_seller"
    entry = AuditEntry.objects.get(actor_membership_id=coaching.seller.pk, action=AuditAction.ACCESS_DENIED)
    assert (entry.object_type, entry.object_id, entry.subject_membership_id) == (
        "coaching.note",
        str(note.pk),
        coaching.people.colleague.pk,
    )


def test_a_refused_lookup_of_a_missing_object_is_not_recorded(coaching: Coaching, client_for) -> None:
    client_for(coaching.manager).get(f"/o/{coaching.people.org.slug}/coaching/notes/987654/edit/")
    assert not AuditEntry.objects.filter(
        action=AuditAction.ACCESS_DENIED, object_type="coaching.note"
    ).exists()


def test_a_coach_cannot_write_a_note_straight_into_the_managers_view(coaching: Coaching) -> None:
    body = Api(coaching.coach).post(
        "/coaching/notes",
        {
            "relationship_id": coaching.relationship.pk,
            "text": "for the manager",
            "visibility": "shared_with_manager",
        },
        expect=403,
    )
    assert "Only the seller" in body["detail"]
    assert not Note.objects.filter(text="for the manager").exists()
    entry = AuditEntry.objects.get(action=AuditAction.CONSENT_GRANT, outcome=AuditOutcome.DENIED)
    assert (entry.actor_membership_id, entry.subject_membership_id, entry.object_type) == (
        coaching.coach.pk,
        coaching.seller.pk,
        "coaching.note",
    )
