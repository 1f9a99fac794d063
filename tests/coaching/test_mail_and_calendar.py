"""Session e-mails with their calendar attachment, reminders, the personal calendar
feed and the .ics download: logistics only, never what is said in coaching."""

from __future__ import annotations

import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from icalendar import Calendar

from salescoach.coaching import services
from salescoach.coaching.models import CoachingSession
from tests.coaching.conftest import Coaching, make_coaching, past_session, plan_session
from tests.conftest import People

pytestmark = pytest.mark.django_db

SECRET_AGENDA = "Mijn twijfel over de overstap naar Zuidwest"


def ics_of(message: mail.EmailMessage) -> Calendar:
    attachments = [a for a in message.attachments if a[2].startswith("text/calendar")]
    assert len(attachments) == 1
    return Calendar.from_ical(attachments[0][1])


def test_planning_sends_each_participant_an_invitation_with_a_calendar_file(
    coaching: Coaching, django_capture_on_commit_callbacks
) -> None:
    coaching.seller.user.language = "en"
    coaching.seller.user.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session = plan_session(coaching.relationship, coaching.coach, days=3, location="Kantoor Utrecht")
    assert sorted(m.to[0] for m in mail.outbox) == ["coach@example.com", "seller@example.com"]
    by_person = {m.to[0]: m for m in mail.outbox}
    assert "Coaching session planned" in by_person["seller@example.com"].subject  # in the seller's language
    assert "Coachgesprek gepland" in by_person["coach@example.com"].subject
    calendar = ics_of(by_person["coach@example.com"])
    assert calendar["METHOD"] == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert str(event["UID"]) == f"{session.uid}@salescoach"
    assert event["LOCATION"] == "Kantoor Utrecht"
    assert event.decoded("DTSTART") == session.starts_at


def test_a_triad_session_invites_the_manager_too(
    coaching: Coaching, django_capture_on_commit_callbacks
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        plan_session(coaching.relationship, coaching.coach, days=3, kind="triad")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "coach@example.com",
        "manager@example.com",
        "seller@example.com",
    ]


def test_changes_and_cancellations_update_the_calendars(
    coaching: Coaching, django_capture_on_commit_callbacks
) -> None:
    session = plan_session(coaching.relationship, coaching.coach, days=3)
    services.session_set_agenda(actor=coaching.seller, session=session, agenda=SECRET_AGENDA)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.session_update(actor=coaching.seller, session=session, location="Online")
    assert len(mail.outbox) == 2
    event = ics_of(mail.outbox[0]).walk("VEVENT")[0]
    assert event["SEQUENCE"] == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.session_cancel(actor=coaching.coach, session=session, reason="Klantbezoek verschoven")
    calendar = ics_of(mail.outbox[0])
    assert calendar["METHOD"] == "CANCEL"
    assert calendar.walk("VEVENT")[0]["STATUS"] == "CANCELLED"
    for message in mail.outbox:
        assert SECRET_AGENDA not in message.body
        assert SECRET_AGENDA not in str(message.alternatives[0][0])
        assert SECRET_AGENDA not in str(message.attachments[0][1])


def test_no_mail_for_a_session_recorded_afterwards(
    coaching: Coaching, django_capture_on_commit_callbacks
) -> None:
    mail.outbox.clear()
    start = timezone.now() - timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.session_plan(
            actor=coaching.coach,
            relationship=coaching.relationship,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
        )
    assert mail.outbox == []


def test_reminders_are_sent_once(coaching: Coaching, django_capture_on_commit_callbacks) -> None:
    session = plan_session(coaching.relationship, coaching.coach, days=3, reminder_minutes=1440)
    assert services.send_due_reminders() == 0  # not due yet
    CoachingSession.objects.filter(pk=session.pk).update(remind_at=timezone.now() - timedelta(minutes=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_session_reminders", stdout=StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == ["coach@example.com", "seller@example.com"]
    assert "Herinnering" in mail.outbox[0].subject
    assert ics_of(mail.outbox[0])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_reminders() == 0
    assert mail.outbox == []
    session.refresh_from_db()
    assert session.reminder_sent_at is not None


def test_a_cancelled_session_gets_no_reminder(coaching: Coaching) -> None:
    session = plan_session(coaching.relationship, coaching.coach, days=3, reminder_minutes=1440)
    services.session_cancel(actor=coaching.coach, session=session, reason="x")
    CoachingSession.objects.filter(pk=session.pk).update(remind_at=timezone.now() - timedelta(minutes=1))
    assert services.send_due_reminders() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_never_claim_the_same_reminder(people: People) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SKIP LOCKED needs PostgreSQL")
    coaching = make_coaching(people)
    first = plan_session(coaching.relationship, coaching.coach, days=3, reminder_minutes=1440)
    second = plan_session(coaching.relationship, coaching.coach, days=4, reminder_minutes=1440)
    CoachingSession.objects.update(remind_at=timezone.now() - timedelta(minutes=1))
    locked, release = threading.Event(), threading.Event()

    def other_worker() -> None:
        # Another worker holds the first session while it works.
        try:
            with transaction.atomic():
                list(CoachingSession.objects.select_for_update().filter(pk=first.pk))
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    assert locked.wait(10)
    try:
        assert services.send_due_reminders() == 1  # only the second; the first is skipped, not waited for
        assert CoachingSession.objects.get(pk=second.pk).reminder_sent_at is not None
        assert CoachingSession.objects.get(pk=first.pk).reminder_sent_at is None
    finally:
        release.set()
        thread.join()
    assert services.send_due_reminders() == 1
    assert services.send_due_reminders() == 0


def test_the_calendar_feed_is_secret_revocable_and_holds_only_logistics(coaching: Coaching, client) -> None:
    one_to_one = plan_session(coaching.relationship, coaching.coach, days=3, location="Kantoor")
    services.session_set_agenda(actor=coaching.seller, session=one_to_one, agenda=SECRET_AGENDA)
    triad = plan_session(coaching.relationship, coaching.coach, days=4, kind="triad")
    _feed, raw = services.calendar_feed_create(user=coaching.seller.user)
    response = client.get(f"/calendar/{raw}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert SECRET_AGENDA.encode() not in response.content
    uids = {str(e["UID"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert uids == {f"{one_to_one.uid}@salescoach", f"{triad.uid}@salescoach"}
    # The manager's feed holds the triad meeting they attend, not the one-to-one.
    _feed, manager_raw = services.calendar_feed_create(user=coaching.manager.user)
    manager_uids = {
        str(e["UID"])
        for e in Calendar.from_ical(client.get(f"/calendar/{manager_raw}.ics").content).walk("VEVENT")
    }
    assert manager_uids == {f"{triad.uid}@salescoach"}
    services.calendar_feed_revoke(user=coaching.seller.user)
    assert client.get(f"/calendar/{raw}.ics").status_code == 404
    assert client.get("/calendar/not-a-real-secret.ics").status_code == 404


def test_the_calendar_settings_page_shows_a_new_address_once(coaching: Coaching, client_for) -> None:
    client = client_for(coaching.seller)
    response = client.post("/calendar/", {"action": "create"})
    assert response.status_code == 200
    url = response.context["new_url"]
    assert "/calendar/" in url and url.endswith(".ics")
    assert client.get(url.replace("http://testserver", "")).status_code == 200
    assert response.context["new_url"] not in client.get("/calendar/").content.decode()


def test_ics_download_per_session(coaching: Coaching, client_for) -> None:
    session = past_session(plan_session(coaching.relationship, coaching.coach, days=3), days_ago=2)
    slug = coaching.people.org.slug
    response = client_for(coaching.seller).get(f"/o/{slug}/coaching/sessions/{session.pk}/calendar.ics")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    Calendar.from_ical(response.content)
    # The manager may know the session took place, but it is not their meeting.
    assert (
        client_for(coaching.manager).get(f"/o/{slug}/coaching/sessions/{session.pk}/calendar.ics").status_code
        == 404
    )
