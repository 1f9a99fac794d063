"""Changes in the coaching workspace. Each service asks the privacy policy whether the
actor may do it, validates everything before it writes, and runs in one transaction:
an error leaves nothing half-saved.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Mapping
from contextlib import suppress
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from salescoach.accounts.models import User
from salescoach.coaching import frameworks
from salescoach.coaching.models import (
    LAYER_ORDER,
    MAX_AGENDA,
    MAX_NOTE,
    MAX_PLACE,
    MAX_QUESTION,
    MAX_SHORT,
    MAX_TEXT,
    MAX_URL,
    AgreementConfirmation,
    Cadence,
    CalendarFeed,
    CoachingRelationship,
    CoachingSession,
    CoachKind,
    Commitment,
    CommitmentStatus,
    CustomQuestion,
    Note,
    Observation,
    ObservationEntry,
    Perspective,
    PlanItem,
    PlanItemRevision,
    PlanItemStatus,
    PlanLayer,
    PreparedQuestion,
    Proposal,
    ProposalKind,
    ProposalStatus,
    RelationshipStatus,
    Reporting,
    SessionEvent,
    SessionEventKind,
    SessionKind,
    SessionRating,
    SessionStatus,
    TriadAgreement,
)
from salescoach.coaching.rubric import SCALE, default_rubric_keys
from salescoach.core.queue import enqueue_on_commit
from salescoach.organisations.models import Membership, MembershipStatus, Role
from salescoach.privacy import policy
from salescoach.privacy.visibility import Visibility

MIN_SESSION_MINUTES = 15
MAX_SESSION_MINUTES = 12 * 60
REMINDER_CHOICES = (15, 60, 120, 24 * 60, 2 * 24 * 60)
MAX_PREPARED_QUESTIONS = 40


class _Unset:
    pass


UNSET: Any = _Unset()


def _deny(message: str | None = None) -> PermissionDenied:
    return PermissionDenied(message or _("You are not allowed to do this."))


# --- validation helpers ----------------------------------------------------------------


def clean_text(value: str | None, *, field: str, max_length: int, required: bool = False) -> str:
    """Text as the person typed it (kept as text, never interpreted), trimmed and limited."""
    text = (value or "").replace("\x00", "").strip()
    if required and not text:
        raise ValidationError({field: _("This field cannot be empty.")})
    if len(text) > max_length:
        raise ValidationError(
            {
                field: _("This can be at most %(max)d characters; it is %(length)d.")
                % {"max": max_length, "length": len(text)}
            }
        )
    return text


def _clean_choice(value: str, choices: Iterable[str], *, field: str) -> str:
    if value not in set(choices):
        raise ValidationError({field: _("“%(value)s” is not one of the choices.") % {"value": value}})
    return value


def _clean_url(value: str | None) -> str:
    url = clean_text(value, field="video_url", max_length=MAX_URL)
    if url:
        try:
            URLValidator(schemes=["https", "http"])(url)
        except ValidationError:
            raise ValidationError(
                {"video_url": _("Enter a full web address, starting with https://.")}
            ) from None
    return url


def _clean_visibility(value: str, *, allow_private: bool = True) -> str:
    allowed = [v for v in Visibility.values if allow_private or v != Visibility.PRIVATE]
    return _clean_choice(value, allowed, field="visibility")


def _active_member(organisation_id: int, member_id: Any, *, field: str) -> Membership:
    try:
        member = (
            Membership.objects.select_related("user", "team", "reports_to")
            .prefetch_related("role_assignments")
            .get(pk=int(member_id), organisation_id=organisation_id, status=MembershipStatus.ACTIVE)
        )
    except (Membership.DoesNotExist, TypeError, ValueError):
        raise ValidationError(
            {field: _("This person is not an active member of this organisation.")}
        ) from None
    return member


def _require_open(relationship: CoachingRelationship) -> None:
    if not relationship.is_open:
        raise ValidationError(_("This coaching relationship has ended."))


# --- relationships -----------------------------------------------------------------------


def coach_kind_for(coach: Membership, coachee: Membership) -> str:
    """The kind of coach follows from who the coach is to the coachee."""
    if policy.manager_id_of(coachee) == coach.pk:
        return CoachKind.MANAGER
    for role, kind in (
        (Role.EXTERNAL_COACH, CoachKind.EXTERNAL_COACH),
        (Role.INTERNAL_COACH, CoachKind.INTERNAL_COACH),
        (Role.SENIOR_SELLER, CoachKind.SENIOR_SELLER),
    ):
        if coach.has_role(role):
            return kind
    raise ValidationError(
        {
            "coach": _(
                "%(name)s cannot coach %(coachee)s: they are not %(coachee)s's manager and have no "
                "coaching role (senior seller, internal coach or external coach)."
            )
            % {"name": coach.user.full_name, "coachee": coachee.user.full_name}
        }
    )


@transaction.atomic
def relationship_create(
    *, actor: Membership, coach_id: Any, coachee_id: Any, started_on: date | None = None
) -> CoachingRelationship:
    organisation_id = actor.organisation_id
    coachee = _active_member(organisation_id, coachee_id, field="coachee")
    coach = _active_member(organisation_id, coach_id, field="coach")
    if not policy.can_create_relationship(actor, coachee):
        raise _deny(_("Only the programme owner or the coachee's manager can set up coaching."))
    if coach.pk == coachee.pk:
        raise ValidationError({"coach": _("Nobody can coach themselves.")})
    kind = coach_kind_for(coach, coachee)
    clash = CoachingRelationship.objects.filter(coach=coach, coachee=coachee).exclude(
        status=RelationshipStatus.ENDED
    )
    if clash.exists():
        raise ValidationError(
            {
                "coach": _("%(coach)s already coaches %(coachee)s.")
                % {"coach": coach.user.full_name, "coachee": coachee.user.full_name}
            }
        )
    return CoachingRelationship.objects.create(
        organisation_id=organisation_id,
        coach=coach,
        coachee=coachee,
        team=coachee.team,
        coach_kind=kind,
        started_on=started_on or timezone.localdate(),
        created_by=actor,
    )


@transaction.atomic
def relationship_end(
    *, actor: Membership, relationship: CoachingRelationship, ended_on: date | None = None
) -> CoachingRelationship:
    if not policy.can_end_relationship(actor, relationship):
        raise _deny()
    ended_on = ended_on or timezone.localdate()
    if ended_on < relationship.started_on:
        raise ValidationError({"ended_on": _("The end cannot be before the start.")})
    relationship.status = RelationshipStatus.ENDED
    relationship.ended_on = ended_on
    relationship.save(update_fields=["status", "ended_on"])
    # Sessions still ahead are called off; the history stays.
    for session in relationship.sessions.filter(status=SessionStatus.SCHEDULED, starts_at__gt=timezone.now()):
        _cancel(session, actor=actor, reason=_("The coaching relationship has ended."))
    return relationship


# --- triad agreements ------------------------------------------------------------------------


@transaction.atomic
def agreement_propose(
    *,
    actor: Membership,
    relationship: CoachingRelationship,
    result_to_reach: str,
    manager_role: str,
    coach_role: str,
    reporting: str = Reporting.SESSIONS,
    cadence: str = Cadence.BIWEEKLY,
    review_on: date | None = None,
) -> TriadAgreement:
    """A new version of the agreement; its author confirms it by writing it."""
    if not policy.can_propose_agreement(actor, relationship):
        raise _deny(_("Only the seller, their manager and their coach write the triad agreement."))
    relationship = CoachingRelationship.objects.select_for_update().get(pk=relationship.pk)
    data = {
        "result_to_reach": clean_text(
            result_to_reach, field="result_to_reach", max_length=MAX_TEXT, required=True
        ),
        "manager_role": clean_text(manager_role, field="manager_role", max_length=MAX_TEXT, required=True),
        "coach_role": clean_text(coach_role, field="coach_role", max_length=MAX_TEXT, required=True),
        "reporting": _clean_choice(reporting, Reporting.values, field="reporting"),
        "cadence": _clean_choice(cadence, Cadence.values, field="cadence"),
    }
    if review_on is None:
        raise ValidationError({"review_on": _("Choose a date to review the agreement.")})
    if review_on <= timezone.localdate():
        raise ValidationError({"review_on": _("The review date must be in the future.")})
    coachee = relationship.coachee
    latest = relationship.agreements.order_by("-version").first()
    agreement = TriadAgreement.objects.create(
        relationship=relationship,
        version=(latest.version + 1) if latest else 1,
        review_on=review_on,
        seller=coachee,
        coach=relationship.coach,
        manager_id=policy.manager_id_of(coachee),
        created_by=actor,
        **data,
    )
    _confirm(agreement, actor)
    return agreement


def _confirm(agreement: TriadAgreement, actor: Membership) -> None:
    AgreementConfirmation.objects.create(agreement=agreement, member=actor)
    confirmed = set(agreement.confirmations.values_list("member_id", flat=True))
    if agreement.party_ids() <= confirmed:
        agreement.confirmed_at = timezone.now()
        agreement.save(update_fields=["confirmed_at"])
        CoachingRelationship.objects.filter(pk=agreement.relationship_id).update(
            reporting=agreement.reporting
        )
        agreement.relationship.reporting = agreement.reporting


@transaction.atomic
def agreement_confirm(*, actor: Membership, agreement: TriadAgreement) -> TriadAgreement:
    if not policy.can_confirm_agreement(actor, agreement):
        raise _deny(_("Only the seller, the manager and the coach named in the agreement confirm it."))
    agreement = TriadAgreement.objects.select_for_update().select_related("relationship").get(pk=agreement.pk)
    latest = (
        TriadAgreement.objects.filter(relationship_id=agreement.relationship_id).order_by("-version").first()
    )
    if latest is not None and latest.pk != agreement.pk:
        raise ValidationError(_("A newer version of this agreement exists; confirm that one instead."))
    if agreement.confirmations.filter(member=actor).exists():
        raise ValidationError(_("You have already confirmed this version."))
    _confirm(agreement, actor)
    return agreement


# --- sessions ----------------------------------------------------------------------------------


def _clean_times(starts_at: datetime | None, ends_at: datetime | None) -> tuple[datetime, datetime]:
    if starts_at is None:
        raise ValidationError({"starts_at": _("Choose when the session starts.")})
    if ends_at is None:
        raise ValidationError({"ends_at": _("Choose when the session ends.")})
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValidationError({"starts_at": _("Give times with a time zone.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The session must end after it starts.")})
    minutes = (ends_at - starts_at).total_seconds() / 60
    if minutes < MIN_SESSION_MINUTES:
        raise ValidationError(
            {"ends_at": _("A session lasts at least %(min)d minutes.") % {"min": MIN_SESSION_MINUTES}}
        )
    if minutes > MAX_SESSION_MINUTES:
        raise ValidationError(
            {"ends_at": _("A session lasts at most %(max)d hours.") % {"max": MAX_SESSION_MINUTES // 60}}
        )
    return starts_at, ends_at


def _clean_reminder(reminder_minutes: int | None, starts_at: datetime) -> datetime | None:
    if reminder_minutes is None:
        return None
    if reminder_minutes not in REMINDER_CHOICES:
        raise ValidationError({"reminder_minutes": _("Choose one of the offered reminder times.")})
    remind_at = starts_at - timedelta(minutes=reminder_minutes)
    if remind_at <= timezone.now():
        raise ValidationError(
            {
                "reminder_minutes": _(
                    "That reminder would be in the past. Choose a shorter time, or no reminder."
                )
            }
        )
    return remind_at


def _check_overlap(
    relationship: CoachingRelationship,
    starts_at: datetime,
    ends_at: datetime,
    *,
    exclude: int | None = None,
    manager: Membership | None = None,
) -> None:
    """Nobody takes part in two sessions at once, in any organisation."""
    people = [relationship.coach, relationship.coachee]
    if manager is not None:
        people.append(manager)
    # Lock the people first, so that two requests cannot both book the same hour.
    list(User.objects.select_for_update().filter(pk__in=[m.user_id for m in people]).order_by("pk"))
    overlapping = CoachingSession.objects.filter(
        status=SessionStatus.SCHEDULED, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).exclude(pk=exclude or 0)
    for member in people:
        busy = overlapping.filter(
            Q(relationship__coach__user_id=member.user_id)
            | Q(relationship__coachee__user_id=member.user_id)
            | Q(kind=SessionKind.TRIAD, manager__user_id=member.user_id)
        ).first()
        if busy is not None:
            local_start = timezone.localtime(busy.starts_at)
            local_end = timezone.localtime(busy.ends_at)
            raise ValidationError(
                {
                    "starts_at": _(
                        "%(name)s already has a coaching session from %(start)s to %(end)s on %(day)s. "
                        "Choose another time."
                    )
                    % {
                        "name": member.user.full_name,
                        "start": local_start.strftime("%H:%M"),
                        "end": local_end.strftime("%H:%M"),
                        "day": date_format(local_start.date(), "DATE_FORMAT"),
                    }
                }
            )


def _check_evaluations(
    relationship: CoachingRelationship, starts_at: datetime, ends_at: datetime, *, actor: Membership
) -> None:
    """Product rule 2 (salescoach/privacy/separation.py): no coaching session in the same
    meeting as a performance evaluation, nor -- when the coach is also the seller's manager
    -- on the day of an evaluation they hold with the seller. The reason is given to those
    who may know of the evaluation (the seller, and the coach who also evaluates); another
    coach only hears that the seller is not available, as evaluations are not theirs to see."""
    from salescoach.privacy.separation import SAME_DAY, session_clashes

    clashes = session_clashes(relationship=relationship, starts_at=starts_at, ends_at=ends_at)
    if not clashes:
        return
    names = {
        "seller": relationship.coachee.user.full_name,
        "coach": relationship.coach.user.full_name,
        "day": date_format(timezone.localtime(starts_at).date(), "DATE_FORMAT"),
    }
    may_know = actor.pk == relationship.coachee_id or SAME_DAY in clashes
    if not may_know:
        message = _("%(seller)s is not available at this time. Choose another time.") % names
    elif SAME_DAY in clashes:
        message = (
            _(
                "%(coach)s is also %(seller)s's manager and holds their performance evaluation on %(day)s. "
                "A coaching session is never held on the day of an evaluation by the same manager, so that "
                "coaching never turns into an evaluation: choose another day."
            )
            % names
        )
    else:  # SAME_MEETING
        message = (
            _(
                "A performance evaluation of %(seller)s is planned at this time. A coaching session and an "
                "evaluation are never the same meeting: choose another time."
            )
            % names
        )
    raise ValidationError({"starts_at": message})


def _event(session: CoachingSession, kind: str, actor: Membership | None, **data: Any) -> None:
    SessionEvent.objects.create(session=session, kind=kind, actor=actor, data=data)


def _notify(session: CoachingSession, message: str) -> None:
    from salescoach.coaching.tasks import send_session_mail

    if session.ends_at > timezone.now():
        session_id = session.pk
        enqueue_on_commit(send_session_mail, session_id, message)


def _ensure_observation(session: CoachingSession) -> None:
    if session.kind == SessionKind.RIDE_ALONG:
        Observation.objects.get_or_create(session=session, defaults={"rubric": default_rubric_keys()})


@transaction.atomic
def session_plan(
    *,
    actor: Membership,
    relationship: CoachingRelationship,
    kind: str = SessionKind.ONE_TO_ONE,
    starts_at: datetime | None,
    ends_at: datetime | None,
    location: str = "",
    video_url: str = "",
    framework: str | None = None,
    reminder_minutes: int | None = None,
) -> CoachingSession:
    if not policy.can_plan_session(actor, relationship):
        raise _deny(_("Only the coach and the seller plan their sessions."))
    _require_open(relationship)
    kind = _clean_choice(kind, SessionKind.values, field="kind")
    starts_at, ends_at = _clean_times(starts_at, ends_at)
    framework_key = frameworks.get_framework(framework or frameworks.default_framework_for(kind)).key
    location = clean_text(location, field="location", max_length=MAX_PLACE)
    video_url = _clean_url(video_url)
    remind_at = _clean_reminder(reminder_minutes, starts_at)
    manager = None
    if kind == SessionKind.TRIAD:
        manager_id = policy.manager_id_of(relationship.coachee)
        if manager_id is None:
            raise ValidationError(
                {"kind": _("A triad session needs the seller's manager, and this seller has none.")}
            )
        manager = Membership.objects.select_related("user").get(pk=manager_id)
        if manager.pk == relationship.coach_id:
            raise ValidationError({"kind": _("The manager is the coach here: plan a one-to-one instead.")})
    _check_overlap(relationship, starts_at, ends_at, manager=manager)
    _check_evaluations(relationship, starts_at, ends_at, actor=actor)
    now = timezone.now()
    session = CoachingSession.objects.create(
        relationship=relationship,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        video_url=video_url,
        manager=manager,
        framework=framework_key,
        reminder_minutes=reminder_minutes,
        remind_at=remind_at,
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    _ensure_observation(session)
    _event(
        session, SessionEventKind.PLANNED, actor, starts_at=starts_at.isoformat(), ends_at=ends_at.isoformat()
    )
    _notify(session, "invitation")
    return session


@transaction.atomic
def session_update(
    *,
    actor: Membership,
    session: CoachingSession,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    location: str | None = None,
    video_url: str | None = None,
    reminder_minutes: Any = UNSET,
) -> CoachingSession:
    """Reschedule a session or change its place, link or reminder."""
    session = CoachingSession.objects.select_for_update().get(pk=session.pk)
    session = _reload_session(session.pk)
    if not policy.can_change_session(actor, session):
        raise _deny(_("Only the coach and the seller change a session, and only before it starts."))
    new_start, new_end = _clean_times(starts_at or session.starts_at, ends_at or session.ends_at)
    moved = (new_start, new_end) != (session.starts_at, session.ends_at)
    if moved:
        _check_overlap(session.relationship, new_start, new_end, exclude=session.pk, manager=session.manager)
        _check_evaluations(session.relationship, new_start, new_end, actor=actor)
    changes: dict[str, Any] = {}
    if location is not None:
        changes["location"] = clean_text(location, field="location", max_length=MAX_PLACE)
    if video_url is not None:
        changes["video_url"] = _clean_url(video_url)
    minutes = session.reminder_minutes if reminder_minutes is UNSET else reminder_minutes
    if moved or reminder_minutes is not UNSET:
        changes["remind_at"] = _clean_reminder(minutes, new_start)
        changes["reminder_minutes"] = minutes
        changes["reminder_sent_at"] = None
    old = (session.starts_at, session.ends_at)
    for field, value in changes.items():
        setattr(session, field, value)
    session.starts_at, session.ends_at = new_start, new_end
    session.sequence += 1
    session.updated_at = timezone.now()
    session.save()
    if moved:
        _event(
            session,
            SessionEventKind.RESCHEDULED,
            actor,
            old_starts_at=old[0].isoformat(),
            old_ends_at=old[1].isoformat(),
            starts_at=new_start.isoformat(),
            ends_at=new_end.isoformat(),
        )
    else:
        _event(session, SessionEventKind.CHANGED, actor)
    _notify(session, "update")
    return session


def _reload_session(session_id: int) -> CoachingSession:
    return CoachingSession.objects.select_related(
        "relationship__coach__user",
        "relationship__coachee__user",
        "relationship__coachee__team",
        "manager__user",
    ).get(pk=session_id)


def _cancel(session: CoachingSession, *, actor: Membership, reason: str) -> None:
    session.status = SessionStatus.CANCELLED
    session.status_reason = reason
    session.status_changed_by = actor
    session.status_changed_at = timezone.now()
    session.sequence += 1
    session.updated_at = timezone.now()
    session.save()
    _event(session, SessionEventKind.CANCELLED, actor, reason=reason)
    _notify(session, "cancellation")


@transaction.atomic
def session_cancel(*, actor: Membership, session: CoachingSession, reason: str) -> CoachingSession:
    session = CoachingSession.objects.select_for_update().get(pk=session.pk)
    session = _reload_session(session.pk)
    if not policy.can_change_session(actor, session):
        raise _deny(_("Only the coach and the seller cancel a session, and only before it starts."))
    reason = clean_text(reason, field="reason", max_length=MAX_SHORT, required=True)
    _cancel(session, actor=actor, reason=reason)
    return session


@transaction.atomic
def session_mark_no_show(*, actor: Membership, session: CoachingSession, reason: str = "") -> CoachingSession:
    session = CoachingSession.objects.select_for_update().get(pk=session.pk)
    session = _reload_session(session.pk)
    if session.is_scheduled and not session.has_started:
        raise ValidationError(_("A session can only be marked as a no-show once it has started."))
    if not policy.can_mark_no_show(actor, session):
        raise _deny()
    reason = clean_text(reason, field="reason", max_length=MAX_SHORT)
    session.status = SessionStatus.NO_SHOW
    session.status_reason = reason
    session.status_changed_by = actor
    session.status_changed_at = timezone.now()
    session.updated_at = timezone.now()
    session.save()
    _event(session, SessionEventKind.NO_SHOW, actor, reason=reason)
    return session


@transaction.atomic
def session_set_agenda(*, actor: Membership, session: CoachingSession, agenda: str) -> CoachingSession:
    if not policy.can_set_agenda(actor, session):
        raise _deny(_("The seller sets the agenda."))
    session.agenda = clean_text(agenda, field="agenda", max_length=MAX_AGENDA)
    session.updated_at = timezone.now()
    session.save(update_fields=["agenda", "updated_at"])
    _event(session, SessionEventKind.AGENDA, actor)
    return session


@transaction.atomic
def session_prepare(
    *,
    actor: Membership,
    session: CoachingSession,
    framework: str,
    questions: Iterable[tuple[str, str]],
) -> CoachingSession:
    """The coach chooses the framework and the questions (stage, text) to bring."""
    if not policy.can_prepare_session(actor, session):
        raise _deny(_("The coach prepares the session."))
    chosen = frameworks.get_framework(framework)
    rows: list[PreparedQuestion] = []
    seen: set[tuple[str, str]] = set()
    for stage_key, text in questions:
        chosen.stage(stage_key)  # a stage that does not exist is an error
        text = clean_text(text, field="questions", max_length=MAX_QUESTION)
        if not text or (stage_key, text) in seen:
            continue
        seen.add((stage_key, text))
        rows.append(PreparedQuestion(session=session, stage=stage_key, text=text, position=len(rows)))
    if len(rows) > MAX_PREPARED_QUESTIONS:
        raise ValidationError(
            {
                "questions": _("Choose at most %(max)d questions for one session.")
                % {"max": MAX_PREPARED_QUESTIONS}
            }
        )
    stage_order = {key: i for i, key in enumerate(chosen.stage_keys)}
    rows.sort(key=lambda row: (stage_order[row.stage], row.position))
    for position, row in enumerate(rows):
        row.position = position
    session.prepared_questions.all().delete()
    PreparedQuestion.objects.bulk_create(rows)
    session.framework = chosen.key
    session.updated_at = timezone.now()
    session.save(update_fields=["framework", "updated_at"])
    _event(session, SessionEventKind.PREPARED, actor, framework=chosen.key)
    bank = {q for stage in chosen.stages for language in stage.questions for q in stage.questions[language]}
    _record_coaching_style(actor, [row.text for row in rows if row.text not in bank], "session_preparation")
    return session


def _record_coaching_style(actor: Membership, texts: list[str], source: str) -> None:
    """Count how much of what the coach wrote asks and how much tells, for the coach's own
    trend (the counts only, never the text). A nudge: it never stops the coaching work."""
    from salescoach.craft.services import style_sample_record

    text = "\n".join(t for t in texts if t.strip())
    if not text:
        return
    with suppress(ValidationError, PermissionDenied):
        style_sample_record(actor=actor, text=text, source=source)


@transaction.atomic
def session_set_outcomes(*, actor: Membership, session: CoachingSession, outcomes: str) -> CoachingSession:
    if not policy.can_write_outcomes(actor, session):
        raise _deny()
    session.outcomes = clean_text(outcomes, field="outcomes", max_length=MAX_NOTE)
    session.updated_at = timezone.now()
    session.save(update_fields=["outcomes", "updated_at"])
    return session


@transaction.atomic
def session_rate(
    *, actor: Membership, session: CoachingSession, useful: bool | None, comment: str = ""
) -> SessionRating:
    if session.is_scheduled and not session.has_started:
        raise ValidationError(_("You can rate a session once it has taken place."))
    if not policy.can_rate_session(actor, session):
        raise _deny(_("Only the seller rates a session that took place."))
    if useful is None:
        raise ValidationError({"useful": _("Say whether the session was useful.")})
    comment = clean_text(comment, field="comment", max_length=MAX_TEXT)
    rating, created = SessionRating.objects.get_or_create(
        session=session, defaults={"useful": useful, "comment": comment, "rated_by": actor}
    )
    if not created:
        rating.useful = useful
        rating.comment = comment
        rating.updated_at = timezone.now()
        rating.save(update_fields=["useful", "comment", "updated_at"])
    return rating


# --- the coach's own questions --------------------------------------------------------------------


@transaction.atomic
def custom_question_add(
    *, actor: Membership, framework: str, stage: str, text: str, language: str
) -> CustomQuestion:
    if not policy.can_keep_question_bank(actor):
        raise _deny()
    chosen = frameworks.get_framework(framework)
    chosen.stage(stage)
    language = _clean_choice(language, frameworks.LANGUAGES, field="language")
    text = clean_text(text, field="text", max_length=MAX_QUESTION, required=True)
    if CustomQuestion.objects.filter(
        owner=actor, framework=chosen.key, stage=stage, language=language, text=text
    ).exists():
        raise ValidationError({"text": _("This question is already in your bank.")})
    return CustomQuestion.objects.create(
        owner=actor, framework=chosen.key, stage=stage, language=language, text=text
    )


@transaction.atomic
def custom_question_delete(*, actor: Membership, question: CustomQuestion) -> None:
    if question.owner_id != actor.pk:
        raise _deny()
    question.delete()


# --- notes -------------------------------------------------------------------------------------------


def _check_target(relationship: CoachingRelationship, target: Any, field: str) -> None:
    if target is None:
        return
    owner = target.relationship_id
    if owner != relationship.pk:
        raise ValidationError({field: _("This does not belong to the same coaching relationship.")})


@transaction.atomic
def note_create(
    *,
    actor: Membership,
    relationship: CoachingRelationship,
    text: str,
    visibility: str = Visibility.COACH_AND_SELLER,
    session: CoachingSession | None = None,
    plan_item: PlanItem | None = None,
    commitment: Commitment | None = None,
) -> Note:
    if not policy.can_write_note(actor, relationship):
        raise _deny(_("Only the seller and the coach write notes here."))
    text = clean_text(text, field="text", max_length=MAX_NOTE, required=True)
    visibility = _clean_visibility(visibility)
    _check_target(relationship, session, "session")
    _check_target(relationship, plan_item, "plan_item")
    _check_target(relationship, commitment, "commitment")
    for target in (plan_item, commitment):
        if target is not None and not policy.can_view_item(actor, target):
            raise ValidationError(_("This does not belong to the same coaching relationship."))
    now = timezone.now()
    note = Note(
        relationship=relationship,
        session=session,
        plan_item=plan_item,
        commitment=commitment,
        author=actor,
        text=text,
        visibility=Visibility.PRIVATE if visibility == Visibility.PRIVATE else Visibility.COACH_AND_SELLER,
        created_at=now,
        updated_at=now,
    )
    note.unshared_visibility = note.visibility
    if visibility == Visibility.SHARED_WITH_MANAGER:
        if not policy.is_seller(actor, relationship):
            from salescoach.privacy.models import AuditAction
            from salescoach.privacy.services import AuditedRefusal

            raise AuditedRefusal(
                _(
                    "Only the seller shares their coaching items with their manager, and only the seller "
                    "stops sharing them. This attempt has been recorded."
                ),
                entry={
                    "action": AuditAction.CONSENT_GRANT,
                    "object_type": "coaching.note",
                    "subject": relationship.coachee,
                },
            )
        if not policy.can_share_item(actor, note):
            raise ValidationError(
                {"visibility": _("There is no manager to share this with: you do not report to anyone here.")}
            )
        note.visibility = Visibility.SHARED_WITH_MANAGER
        note.shared_at = now
    note.save()
    return note


@transaction.atomic
def note_update(*, actor: Membership, note: Note, text: str) -> Note:
    if not policy.can_edit_item(actor, note):
        raise _deny(
            _(
                "You cannot change this note. A note shared with the manager is changed only after the seller stops sharing it."
            )
        )
    note.text = clean_text(text, field="text", max_length=MAX_NOTE, required=True)
    note.updated_at = timezone.now()
    note.save(update_fields=["text", "updated_at"])
    return note


@transaction.atomic
def note_delete(*, actor: Membership, note: Note) -> None:
    if not policy.can_delete_item(actor, note):
        raise _deny(_("Only the author deletes a note, and not while it is shared with the manager."))
    note.delete()


def consent_action(item: Note | PlanItem | Commitment | Observation, visibility: str) -> str | None:
    """``consent_grant`` when the change shares the item with the manager, ``consent_revoke``
    when it stops sharing, None for a switch between private and coach-and-seller."""
    from salescoach.privacy.models import AuditAction

    if visibility == item.visibility:
        return None
    if visibility == Visibility.SHARED_WITH_MANAGER:
        return AuditAction.CONSENT_GRANT
    if item.visibility == Visibility.SHARED_WITH_MANAGER:
        return AuditAction.CONSENT_REVOKE
    return None


def consent_check(
    *, actor: Membership, item: Note | PlanItem | Commitment | Observation, visibility: str
) -> None:
    """Refuse -- on the record, with the item and whose it is -- a share or an end of
    sharing by anyone but the seller. Called before any change is made (and outside any
    transaction, so that the refusal stays on record)."""
    from salescoach.privacy.services import RecordedRefusal, audit_denied, object_type_of

    visibility = _clean_visibility(visibility)
    action = consent_action(item, visibility)
    if action is None:
        return
    allowed = (
        policy.can_share_item(actor, item)
        if visibility == Visibility.SHARED_WITH_MANAGER
        else policy.can_unshare_item(actor, item)
    )
    if allowed:
        return
    relationship = policy.relationship_of(item)
    audit_denied(
        action=action,
        object_type=object_type_of(item),
        object_id=item.pk,
        actor=actor,
        subject=relationship.coachee,
    )
    if policy.is_seller(actor, relationship):
        raise RecordedRefusal(_("There is no manager to share this with: you do not report to anyone here."))
    if policy.is_manager(actor, relationship) and not policy.is_coach(actor, relationship):
        raise RecordedRefusal(
            _(
                "Only the seller decides what they share with you. You cannot share their coaching "
                "items or stop them being shared; this attempt has been recorded."
            )
        )
    raise RecordedRefusal(
        _(
            "Only the seller shares their coaching items with their manager, and only the seller "
            "stops sharing them. This attempt has been recorded."
        )
    )


def item_set_visibility(
    *, actor: Membership, item: Note | PlanItem | Commitment | Observation, visibility: str
) -> Any:
    """Share with the manager, stop sharing, or switch between private and coach-and-seller.

    Sharing and stopping are the seller's alone (``consent_check``); both go on the audit
    record, and so does any refused attempt. The manager loses access on their next
    request: every read asks the policy afresh.
    """
    visibility = _clean_visibility(visibility)
    consent_check(actor=actor, item=item, visibility=visibility)
    return _item_set_visibility(actor=actor, item=item, visibility=visibility)


def sharing_stop(*, actor: Membership, item: Note | PlanItem | Commitment | Observation) -> Any:
    """Stop sharing an item with the manager; it goes back to who could read it before."""
    if item.visibility != Visibility.SHARED_WITH_MANAGER:
        raise ValidationError(_("This item is not shared with the manager."))
    return item_set_visibility(actor=actor, item=item, visibility=item.unshared_visibility)


@transaction.atomic
def _item_set_visibility(
    *, actor: Membership, item: Note | PlanItem | Commitment | Observation, visibility: str
) -> Any:
    from salescoach.privacy.services import audit_record, object_type_of

    model = type(item)
    item = model.objects.select_for_update().get(pk=item.pk)
    item = model.objects.select_related(*_item_relations(item)).get(pk=item.pk)
    current = item.visibility
    if visibility == current:
        return item
    action = consent_action(item, visibility)
    now = timezone.now()
    if visibility == Visibility.SHARED_WITH_MANAGER:
        if not policy.can_share_item(actor, item):
            raise _deny(_("Only the seller shares an item with their manager."))
        item.unshared_visibility = current
        item.visibility = visibility
        item.shared_at = now
    elif current == Visibility.SHARED_WITH_MANAGER:
        if not policy.can_unshare_item(actor, item):
            raise _deny(_("Only the seller stops sharing an item."))
        # Back to where it was, unless the author chooses otherwise.
        if visibility != item.unshared_visibility and policy.author_id(item) != actor.pk:
            visibility = item.unshared_visibility
        if visibility == Visibility.PRIVATE and isinstance(item, Observation):
            visibility = Visibility.COACH_AND_SELLER
        item.visibility = visibility
        item.shared_at = None
    else:
        if not policy.can_change_privacy(actor, item):
            raise _deny(_("Only the author makes an item private or visible to the coach."))
        item.visibility = visibility
        item.unshared_visibility = visibility
    item.save(update_fields=["visibility", "unshared_visibility", "shared_at"])
    if isinstance(item, PlanItem):
        _revision(item, actor, "visibility")
    if action is not None:
        audit_record(
            action=action,
            object_type=object_type_of(item),
            object_id=item.pk,
            actor=actor,
            subject=policy.relationship_of(item).coachee,
        )
    return item


def _item_relations(item: Any) -> list[str]:
    if isinstance(item, Observation):
        return ["session__relationship__coachee__team", "session__relationship__coach"]
    return ["relationship__coachee__team", "relationship__coach"]


# --- development plan ------------------------------------------------------------------------------------


def _revision(item: PlanItem, actor: Membership, change: str) -> None:
    PlanItemRevision.objects.create(
        item=item,
        changed_by=actor,
        change=change,
        layer=item.layer,
        text=item.text,
        status=item.status,
        visibility=item.visibility,
    )


def _clean_follows_from(
    actor: Membership, relationship: CoachingRelationship, follows_from_id: Any, layer: str
) -> PlanItem | None:
    if follows_from_id in (None, ""):
        return None
    try:
        parent = PlanItem.objects.select_related("relationship__coachee__team").get(
            pk=int(follows_from_id), relationship=relationship
        )
    except (PlanItem.DoesNotExist, TypeError, ValueError):
        raise ValidationError({"follows_from": _("Choose an item of this plan.")}) from None
    if not policy.can_view_item(actor, parent):
        raise ValidationError({"follows_from": _("Choose an item of this plan.")})
    if LAYER_ORDER.index(parent.layer) >= LAYER_ORDER.index(layer):
        raise ValidationError(
            {
                "follows_from": _(
                    "An item can only follow from an earlier part of the chain: pitfall, development "
                    "opportunity, choice, belief, behaviour, result."
                )
            }
        )
    return parent


@transaction.atomic
def plan_item_create(
    *,
    actor: Membership,
    relationship: CoachingRelationship,
    layer: str,
    text: str,
    follows_from_id: Any = None,
    visibility: str = Visibility.COACH_AND_SELLER,
    proposal: Proposal | None = None,
) -> PlanItem:
    if not policy.can_write_plan(actor, relationship):
        raise _deny(
            _("The development plan is the seller's: only they add to it. A coach can propose items.")
        )
    layer = _clean_choice(layer, PlanLayer.values, field="layer")
    text = clean_text(text, field="text", max_length=MAX_SHORT, required=True)
    visibility = _clean_visibility(visibility)
    parent = _clean_follows_from(actor, relationship, follows_from_id, layer)
    now = timezone.now()
    item = PlanItem(
        relationship=relationship,
        layer=layer,
        text=text,
        follows_from=parent,
        created_by=actor,
        created_at=now,
        updated_at=now,
        visibility=Visibility.PRIVATE if visibility == Visibility.PRIVATE else Visibility.COACH_AND_SELLER,
    )
    item.unshared_visibility = item.visibility
    if visibility == Visibility.SHARED_WITH_MANAGER:
        if not policy.can_share_item(actor, item):
            raise ValidationError({"visibility": _("This seller has no manager to share with.")})
        item.visibility = Visibility.SHARED_WITH_MANAGER
        item.shared_at = now
    item.save()
    _revision(item, actor, "accepted" if proposal else "created")
    return item


@transaction.atomic
def plan_item_update(
    *,
    actor: Membership,
    item: PlanItem,
    text: str | None = None,
    layer: str | None = None,
    status: str | None = None,
    follows_from_id: Any = UNSET,
) -> PlanItem:
    if not policy.can_edit_item(actor, item):
        raise _deny(
            _(
                "Only the seller changes their plan; an item shared with the manager is changed after sharing stops."
            )
        )
    if text is not None:
        item.text = clean_text(text, field="text", max_length=MAX_SHORT, required=True)
    if layer is not None:
        item.layer = _clean_choice(layer, PlanLayer.values, field="layer")
    if status is not None:
        item.status = _clean_choice(status, PlanItemStatus.values, field="status")
    if follows_from_id is not UNSET:
        parent = _clean_follows_from(actor, item.relationship, follows_from_id, item.layer)
        if parent is not None and parent.pk == item.pk:
            raise ValidationError({"follows_from": _("An item cannot follow from itself.")})
        item.follows_from = parent
    elif item.follows_from_id is not None:
        _clean_follows_from(actor, item.relationship, item.follows_from_id, item.layer)
    # Items that follow from this one must stay further along the chain.
    for child in item.leads_to.all():
        if LAYER_ORDER.index(child.layer) <= LAYER_ORDER.index(item.layer):
            raise ValidationError(
                {"layer": _("Items that follow from this one would come before it in the chain.")}
            )
    item.updated_at = timezone.now()
    item.save()
    _revision(item, actor, "edited")
    return item


# --- proposals -------------------------------------------------------------------------------------------------


@transaction.atomic
def proposal_create(
    *,
    actor: Membership,
    relationship: CoachingRelationship,
    kind: str,
    text: str,
    rationale: str = "",
    layer: str = "",
    follows_from_id: Any = None,
    due_on: date | None = None,
    session: CoachingSession | None = None,
) -> Proposal:
    if not policy.can_propose(actor, relationship):
        raise _deny(_("Only the coach proposes; the seller decides."))
    kind = _clean_choice(kind, ProposalKind.values, field="kind")
    text = clean_text(text, field="text", max_length=MAX_SHORT, required=True)
    rationale = clean_text(rationale, field="rationale", max_length=MAX_TEXT)
    _check_target(relationship, session, "session")
    parent = None
    if kind == ProposalKind.PLAN_ITEM:
        layer = _clean_choice(layer, PlanLayer.values, field="layer")
        parent = _clean_follows_from(actor, relationship, follows_from_id, layer)
        due_on = None
    else:
        layer = ""
        if due_on is None:
            raise ValidationError({"due_on": _("Choose a due date.")})
        if due_on < timezone.localdate():
            raise ValidationError({"due_on": _("The due date cannot be before today.")})
    return Proposal.objects.create(
        relationship=relationship,
        session=session,
        kind=kind,
        text=text,
        rationale=rationale,
        layer=layer,
        follows_from=parent,
        due_on=due_on,
        proposed_by=actor,
    )


def _lock_open_proposal(proposal: Proposal) -> Proposal:
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != ProposalStatus.OPEN:
        raise ValidationError(
            _("This proposal has already been %(status)s.") % {"status": locked.get_status_display().lower()}
        )
    return Proposal.objects.select_related("relationship__coachee__team", "relationship__coach").get(
        pk=proposal.pk
    )


@transaction.atomic
def proposal_accept(
    *,
    actor: Membership,
    proposal: Proposal,
    due_on: date | None = None,
    visibility: str = Visibility.COACH_AND_SELLER,
) -> Proposal:
    """The seller makes the proposal their own; only then is it part of the plan."""
    if not policy.can_decide_proposal(actor, proposal):
        raise _deny(_("Only the seller accepts a proposal; a coach cannot accept their own."))
    proposal = _lock_open_proposal(proposal)
    relationship = proposal.relationship
    if proposal.kind == ProposalKind.PLAN_ITEM:
        proposal.plan_item = plan_item_create(
            actor=actor,
            relationship=relationship,
            layer=proposal.layer,
            text=proposal.text,
            follows_from_id=proposal.follows_from_id,
            visibility=visibility,
            proposal=proposal,
        )
    else:
        proposal.commitment = commitment_create(
            actor=actor,
            relationship=relationship,
            text=proposal.text,
            due_on=due_on or proposal.due_on,
            session=proposal.session,
            visibility=visibility,
        )
    proposal.status = ProposalStatus.ACCEPTED
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["plan_item", "commitment", "status", "decided_at"])
    return proposal


@transaction.atomic
def proposal_decline(*, actor: Membership, proposal: Proposal, comment: str = "") -> Proposal:
    if not policy.can_decide_proposal(actor, proposal):
        raise _deny(_("Only the seller declines a proposal."))
    proposal = _lock_open_proposal(proposal)
    proposal.decision_comment = clean_text(comment, field="comment", max_length=MAX_TEXT)
    proposal.status = ProposalStatus.DECLINED
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["decision_comment", "status", "decided_at"])
    return proposal


@transaction.atomic
def proposal_withdraw(*, actor: Membership, proposal: Proposal) -> Proposal:
    if not policy.can_withdraw_proposal(actor, proposal):
        raise _deny(_("Only the coach who made a proposal withdraws it."))
    proposal = _lock_open_proposal(proposal)
    proposal.status = ProposalStatus.WITHDRAWN
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_at"])
    return proposal


# --- commitments --------------------------------------------------------------------------------------------------


@transaction.atomic
def commitment_create(
    *,
    actor: Membership,
    relationship: CoachingRelationship,
    text: str,
    due_on: date | None,
    session: CoachingSession | None = None,
    visibility: str = Visibility.COACH_AND_SELLER,
) -> Commitment:
    if not policy.can_write_plan(actor, relationship):
        raise _deny(_("Commitments are the seller's: only they make one. A coach can propose one."))
    text = clean_text(text, field="text", max_length=MAX_SHORT, required=True)
    if due_on is None:
        raise ValidationError({"due_on": _("Choose a due date.")})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("A commitment cannot be due before the day it is made.")})
    visibility = _clean_visibility(visibility)
    _check_target(relationship, session, "session")
    now = timezone.now()
    commitment = Commitment(
        relationship=relationship,
        session=session,
        text=text,
        due_on=due_on,
        created_by=actor,
        created_at=now,
        updated_at=now,
        visibility=Visibility.PRIVATE if visibility == Visibility.PRIVATE else Visibility.COACH_AND_SELLER,
    )
    commitment.unshared_visibility = commitment.visibility
    if visibility == Visibility.SHARED_WITH_MANAGER:
        if not policy.can_share_item(actor, commitment):
            raise ValidationError({"visibility": _("This seller has no manager to share with.")})
        commitment.visibility = Visibility.SHARED_WITH_MANAGER
        commitment.shared_at = now
    commitment.save()
    return commitment


@transaction.atomic
def commitment_update(
    *, actor: Membership, commitment: Commitment, text: str | None = None, due_on: date | None = None
) -> Commitment:
    if not policy.can_edit_item(actor, commitment):
        raise _deny(
            _("Only the seller changes their commitment, and not while it is shared with the manager.")
        )
    if not commitment.is_open:
        raise ValidationError(_("This commitment has been reviewed; it no longer changes."))
    if text is not None:
        commitment.text = clean_text(text, field="text", max_length=MAX_SHORT, required=True)
    if due_on is not None:
        if due_on < timezone.localtime(commitment.created_at).date():
            raise ValidationError({"due_on": _("A commitment cannot be due before the day it was made.")})
        commitment.due_on = due_on
    commitment.updated_at = timezone.now()
    commitment.save(update_fields=["text", "due_on", "updated_at"])
    return commitment


@transaction.atomic
def commitment_review(
    *,
    actor: Membership,
    commitment: Commitment,
    status: str,
    reflection: str = "",
    session: CoachingSession | None = None,
) -> Commitment:
    """The seller looks back: done, partly or not done, and what they learned."""
    if not policy.can_review_commitment(actor, commitment):
        raise _deny(_("The seller reviews their own commitments."))
    status = _clean_choice(
        status, [CommitmentStatus.DONE, CommitmentStatus.PARTLY, CommitmentStatus.NOT_DONE], field="status"
    )
    reflection = clean_text(reflection, field="reflection", max_length=MAX_TEXT)
    _check_target(commitment.relationship, session, "session")
    if session is not None and session.pk == commitment.session_id:
        raise ValidationError(
            {"session": _("A commitment is reviewed in a later session than the one it was made in.")}
        )
    commitment.status = status
    commitment.reflection = reflection
    commitment.reviewed_in = session
    commitment.reviewed_at = timezone.now()
    commitment.updated_at = commitment.reviewed_at
    commitment.save(update_fields=["status", "reflection", "reviewed_in", "reviewed_at", "updated_at"])
    return commitment


# --- ride-alongs ---------------------------------------------------------------------------------------------------


def _clean_entries(
    observation: Observation, entries: Mapping[str, Mapping[str, Any]]
) -> dict[str, tuple[int | None, str]]:
    cleaned: dict[str, tuple[int | None, str]] = {}
    for area, values in entries.items():
        if area not in observation.rubric:
            raise ValidationError({"entries": _("The rubric has no skill area “%(area)s”.") % {"area": area}})
        raw_score: Any = values.get("score")
        score: int | None = None
        if raw_score not in ("", None):
            try:
                score = int(raw_score)
            except (TypeError, ValueError):
                score = -1
            if score not in SCALE:
                raise ValidationError({"entries": _("Scores go from 1 to 5.")})
        comment = clean_text(values.get("comment"), field="entries", max_length=MAX_TEXT)
        cleaned[area] = (score, comment)
    if not any(score is not None or comment for score, comment in cleaned.values()):
        raise ValidationError({"entries": _("Score or describe at least one skill area.")})
    return cleaned


def _save_entries(
    observation: Observation, perspective: str, cleaned: dict[str, tuple[int | None, str]]
) -> None:
    observation.entries.filter(perspective=perspective).delete()
    ObservationEntry.objects.bulk_create(
        [
            ObservationEntry(
                observation=observation, area=area, perspective=perspective, score=score, comment=comment
            )
            for area, (score, comment) in cleaned.items()
        ]
    )


def _lock_observation(observation: Observation) -> Observation:
    Observation.objects.select_for_update().get(pk=observation.pk)
    return Observation.objects.select_related(
        "session__relationship__coachee__team", "session__relationship__coach"
    ).get(pk=observation.pk)


@transaction.atomic
def observation_self_assess(
    *,
    actor: Membership,
    observation: Observation,
    entries: Mapping[str, Mapping[str, Any]],
    appointment: str | None = None,
) -> Observation:
    observation = _lock_observation(observation)
    if not observation.session.has_started:
        raise ValidationError(_("You assess a ride-along once the client appointment has taken place."))
    if not policy.can_self_assess(actor, observation):
        if policy.is_seller(actor, observation.session.relationship):
            raise ValidationError(
                _("The coach has written their observation; your self-assessment is final.")
            )
        raise _deny(_("Only the seller writes the self-assessment."))
    cleaned = _clean_entries(observation, entries)
    if appointment is not None:
        observation.appointment = clean_text(appointment, field="appointment", max_length=MAX_PLACE)
    _save_entries(observation, Perspective.SELF, cleaned)
    observation.self_assessed_at = timezone.now()
    observation.save(update_fields=["appointment", "self_assessed_at"])
    return observation


@transaction.atomic
def observation_record(
    *, actor: Membership, observation: Observation, entries: Mapping[str, Mapping[str, Any]]
) -> Observation:
    observation = _lock_observation(observation)
    if not policy.can_observe(actor, observation):
        if policy.is_coach(actor, observation.session.relationship) and observation.self_assessed_at is None:
            raise ValidationError(
                _("The seller assesses the appointment first; then you write your observation.")
            )
        raise _deny(_("Only the coach writes the observation."))
    cleaned = _clean_entries(observation, entries)
    _save_entries(observation, Perspective.COACH, cleaned)
    observation.observed_at = timezone.now()
    observation.save(update_fields=["observed_at"])
    _record_coaching_style(actor, [comment for _score, comment in cleaned.values()], "feedback")
    return observation


@transaction.atomic
def observation_reply(
    *, actor: Membership, observation: Observation, reply: str, acknowledge: bool = False
) -> Observation:
    observation = _lock_observation(observation)
    if not policy.can_reply_to_observation(actor, observation):
        raise _deny(_("The seller replies once the coach has written the observation."))
    observation.seller_reply = clean_text(reply, field="reply", max_length=MAX_TEXT)
    if acknowledge and observation.acknowledged_at is None:
        observation.acknowledged_at = timezone.now()
    observation.save(update_fields=["seller_reply", "acknowledged_at"])
    return observation


# --- calendar feeds -----------------------------------------------------------------------------------------------


def _feed_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def calendar_feed_create(*, user: User) -> tuple[CalendarFeed, str]:
    """A new secret feed address; any earlier one stops working."""
    now = timezone.now()
    CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
    raw = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(user=user, key_hash=_feed_hash(raw), prefix=raw[:8], created_at=now)
    return feed, raw


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> int:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def calendar_feed_authenticate(*, raw: str) -> CalendarFeed | None:
    if not raw or len(raw) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(key_hash=_feed_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is not None:
        now = timezone.now()
        if feed.last_used_at is None or (now - feed.last_used_at).total_seconds() > 300:
            CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    return feed


# --- reminders ------------------------------------------------------------------------------------------------------


def send_due_reminders(*, now: datetime | None = None, limit: int = 500) -> int:
    """Claim the reminders that are due and queue their e-mails; returns how many.

    Safe with several workers at once: each claims rows under ``FOR UPDATE SKIP LOCKED``
    and marks them sent in the same transaction, so a reminder is queued exactly once.
    """
    from salescoach.coaching.tasks import send_session_mail

    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            CoachingSession.objects.select_for_update(skip_locked=True)
            .filter(
                status=SessionStatus.SCHEDULED,
                reminder_sent_at__isnull=True,
                remind_at__lte=now,
                starts_at__gt=now,
            )
            .order_by("remind_at")
            .values_list("pk", flat=True)[:limit]
        )
        if not ids:
            return 0
        claimed = CoachingSession.objects.filter(pk__in=ids, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
        for session_id in ids:
            transaction.on_commit(partial(send_session_mail.enqueue, session_id, "reminder"))
    return claimed
