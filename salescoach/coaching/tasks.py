"""Background work of the coaching app: session e-mails with a calendar attachment."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from salescoach.coaching.calendar import session_filename, session_ics
from salescoach.coaching.models import CoachingSession, SessionStatus
from salescoach.core.mail import language_for, send_templated_mail
from salescoach.privacy import policy

MESSAGES = ("invitation", "update", "cancellation", "reminder")


@task()
def send_session_mail(session_id: int, message: str) -> int:
    """E-mail every participant of a session; returns how many e-mails were sent.

    The e-mail holds the logistics only (see policy.session_participants and
    calendar.py); the agenda and everything said in the session stay in the app.
    """
    if message not in MESSAGES:
        raise ValueError(message)
    session = (
        CoachingSession.objects.select_related(
            "relationship__organisation",
            "relationship__coach__user",
            "relationship__coachee__user",
            "relationship__coachee__team",
            "manager__user",
        )
        .filter(pk=session_id)
        .first()
    )
    if session is None or session.ends_at <= timezone.now():
        return 0
    if message == "reminder" and session.status != SessionStatus.SCHEDULED:
        return 0
    method = "CANCEL" if message == "cancellation" else "REQUEST"
    link = reverse("coaching:session-detail", args=[session.relationship.organisation.slug, session.pk])
    sent = 0
    for person in policy.session_participants(session):
        user = person.user
        send_templated_mail(
            to=user,
            template=f"coaching/email/session_{message}",
            context={
                "session": session,
                "link": link,
                "participants": policy.session_participants(session),
                # Why a session was cancelled is between seller and coach (a triad
                # manager hears that it was, not why).
                "show_reason": policy.is_seller_or_coach(person, session.relationship),
            },
            attachments=[
                (
                    session_filename(session),
                    session_ics(session, method=method, language=language_for(user)),
                    f"text/calendar; charset=utf-8; method={method}",
                )
            ],
        )
        sent += 1
    return sent
