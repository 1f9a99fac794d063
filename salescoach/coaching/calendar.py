"""Sessions as iCalendar: one event per session, for the personal feed, the download and
the e-mail attachment.

An event holds only logistics -- kind, people, time, place, video link and a link back
to SalesCoach. Never the agenda, notes or anything else a calendar might show to
someone looking over the person's shoulder (or to whoever they share the calendar with).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from salescoach.coaching.models import CoachingSession, SessionKind, SessionStatus
from salescoach.privacy import policy

PRODID = "-//SalesCoach//Coaching sessions//NL"


def session_title(session: CoachingSession) -> str:
    relationship = session.relationship
    names = {"seller": relationship.coachee.user.full_name, "coach": relationship.coach.user.full_name}
    if session.kind == SessionKind.RIDE_ALONG:
        return _("Ride-along: %(seller)s with %(coach)s") % names
    if session.kind == SessionKind.TRIAD:
        return _("Triad meeting: %(seller)s, manager and %(coach)s") % names
    return _("Coaching: %(seller)s and %(coach)s") % names


def session_url(session: CoachingSession) -> str:
    slug = session.relationship.organisation.slug
    return settings.SITE_URL + reverse("coaching:session-detail", args=[slug, session.pk])


def session_event(session: CoachingSession) -> Event:
    event = Event()
    event.add("uid", f"{session.uid}@salescoach")
    event.add("dtstamp", session.updated_at or timezone.now())
    event.add("sequence", session.sequence)
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", session_title(session))
    url = session_url(session)
    if session.location:
        event.add("location", session.location)
    elif session.video_url:
        event.add("location", session.video_url)
    description = [_("Details in SalesCoach: %(url)s") % {"url": url}]
    if session.video_url:
        description.insert(0, _("Video link: %(url)s") % {"url": session.video_url})
    event.add("description", "\n".join(description))
    event.add("url", url)
    event.add("status", "CANCELLED" if session.status == SessionStatus.CANCELLED else "CONFIRMED")
    coach = session.relationship.coach
    organizer = vCalAddress(f"mailto:{coach.user.email}")
    organizer.params["cn"] = vText(coach.user.full_name)
    event.add("organizer", organizer)
    for person in policy.session_participants(session):
        attendee = vCalAddress(f"mailto:{person.user.email}")
        attendee.params["cn"] = vText(person.user.full_name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=False)
    return event


def calendar_bytes(
    sessions: Iterable[CoachingSession], *, name: str, method: str | None = None, language: str | None = None
) -> bytes:
    """An iCalendar file with one event per session."""
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", name)
        if method:
            calendar.add("method", method)
        for session in sessions:
            calendar.add_component(session_event(session))
        return calendar.to_ical()


def session_ics(session: CoachingSession, *, method: str | None = None, language: str | None = None) -> bytes:
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        return calendar_bytes([session], name=session_title(session), method=method)


def session_filename(session: CoachingSession) -> str:
    day = timezone.localtime(session.starts_at).strftime("%Y-%m-%d")
    return f"coaching-{day}-{session.pk}.ics"
