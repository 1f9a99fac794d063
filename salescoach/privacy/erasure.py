"""Erasing a person who leaves (GDPR right to erasure), as the organisation does it.

1. The person themselves, or a programme owner, asks (``erasure_request``).
2. A programme owner -- not the person themselves -- confirms (``erasure_confirm``) or
   declines it (``erasure_reject``); the person or whoever asked may withdraw it first.
3. On confirmation, in one transaction (``erase_member``): every coaching text the person
   wrote is deleted, and all coaching content of their own coaching as a coachee; their
   coaching relationships end and sessions still ahead are cancelled; their intakes are
   deleted; their membership is deactivated and stripped of job title and CRM id; their
   identity is anonymised -- the account itself when this was their only organisation,
   otherwise the membership is moved to an anonymous account so that this organisation
   keeps no link to the person.

Kept, because figures need them and they hold no one's words: the relationships and
session dates, whether sessions were rated useful, the coach's ask/tell counts, survey
participation (answers were anonymous already), the audit log (ids only). Performance
evaluations are not coaching and stay, under the anonymised membership (see
docs/PRIVACY.md). Every step -- the request, a refusal, the decision -- is on the audit
record, with ids only.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salescoach.accounts.models import APIToken, User
from salescoach.organisations.models import Invitation, Membership, MembershipStatus
from salescoach.privacy import rules
from salescoach.privacy.deletion import Deleted, purge_authored_by, purge_relationships
from salescoach.privacy.models import AuditAction, AuditOutcome, ErasureRequest, ErasureStatus
from salescoach.privacy.services import (
    RecordedRefusal,
    RefusedReference,
    audit_record,
    records_refused_references,
)

# What an erased person is called from then on (a name in no language).
ERASED_NAME = "—"
ERASED_DOMAIN = "erased.invalid"


def _record(*, actor: Membership, member_id: Any, detail: str, outcome: str = AuditOutcome.ALLOWED) -> None:
    audit_record(
        action=AuditAction.ERASURE,
        object_type="organisations.membership",
        object_id=member_id,
        actor=actor,
        subject_id=member_id if isinstance(member_id, int) else None,
        outcome=outcome,
        detail=detail,
    )


def _refuse(*, actor: Membership, member_id: Any, detail: str, message: str) -> RecordedRefusal:
    _record(actor=actor, member_id=member_id, detail=detail, outcome=AuditOutcome.DENIED)
    return RecordedRefusal(message)


# --- asking -----------------------------------------------------------------------------------


def erasure_request(*, actor: Membership, member_id: Any) -> ErasureRequest:
    """Ask for the erasure of ``member_id``: oneself, or (programme owner) any member of
    one's organisation. Someone of another organisation is refused like a missing member."""
    pk = _int(member_id)
    member = (
        Membership.objects.filter(organisation_id=actor.organisation_id, pk=pk).select_related("user").first()
        if pk is not None
        else None
    )
    if member is not None and not rules.can_request_erasure(actor, member):
        raise _refuse(
            actor=actor,
            member_id=member.pk,
            detail="requested",
            message=_("You can ask for your own erasure; only a programme owner asks for someone else's."),
        )
    return _erasure_request(actor=actor, member=member, member_id=member_id)


def _int(value: Any) -> int | None:
    from salescoach.privacy.services import int_id_or_none

    return int_id_or_none(value)


@records_refused_references
@transaction.atomic
def _erasure_request(*, actor: Membership, member: Membership | None, member_id: Any) -> ErasureRequest:
    if member is None:
        raise RefusedReference(
            {"member": _("This person is not a member of your organisation.")},
            model=Membership,
            ids=[member_id],
            subject_column="id",
        )
    if _is_erased(member):
        raise ValidationError({"member": _("This person has already been erased.")})
    if ErasureRequest.objects.filter(member=member, status=ErasureStatus.PENDING).exists():
        raise ValidationError({"member": _("An erasure of this person is already waiting for confirmation.")})
    request = ErasureRequest.objects.create(
        organisation_id=actor.organisation_id, member=member, requested_by=actor
    )
    _record(actor=actor, member_id=member.pk, detail="requested")
    return request


def _is_erased(member: Membership) -> bool:
    return member.user.email.endswith("@" + ERASED_DOMAIN)


# --- deciding ---------------------------------------------------------------------------------


def erasure_confirm(*, actor: Membership, request: ErasureRequest) -> Deleted:
    """A programme owner confirms: the member is erased now. Returns what was deleted."""
    if not rules.can_decide_erasure(actor, request):
        raise _refuse(
            actor=actor,
            member_id=request.member_id,
            detail="confirmed",
            message=_(
                "Only a programme owner confirms an erasure, and never their own: another programme owner does."
            ),
        )
    return _erasure_confirm(actor=actor, request=request)


@transaction.atomic
def _erasure_confirm(*, actor: Membership, request: ErasureRequest) -> Deleted:
    locked = ErasureRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != ErasureStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    member = Membership.objects.select_related("user").get(pk=locked.member_id)
    deleted = erase_member(member=member)
    locked.status = ErasureStatus.DONE
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    _record(actor=actor, member_id=member.pk, detail="confirmed")
    return deleted


def erasure_reject(*, actor: Membership, request: ErasureRequest) -> ErasureRequest:
    """A programme owner declines, or the member or whoever asked withdraws the request."""
    if not rules.can_withdraw_erasure(actor, request) and not rules.can_decide_erasure(actor, request):
        raise _refuse(
            actor=actor,
            member_id=request.member_id,
            detail="rejected",
            message=_("Only a programme owner, the person or whoever asked can call off an erasure request."),
        )
    return _erasure_reject(actor=actor, request=request)


@transaction.atomic
def _erasure_reject(*, actor: Membership, request: ErasureRequest) -> ErasureRequest:
    locked = ErasureRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != ErasureStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    locked.status = ErasureStatus.REJECTED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    _record(actor=actor, member_id=locked.member_id, detail="rejected")
    return locked


# --- erasing ---------------------------------------------------------------------------------


def erase_member(*, member: Membership) -> Deleted:
    """Erase ``member`` (see the module docstring). Runs in the caller's transaction."""
    from salescoach.coaching.models import (
        CoachingRelationship,
        CoachingSession,
        RelationshipStatus,
        SessionStatus,
    )
    from salescoach.craft.models import Intake

    now = timezone.now()
    today = timezone.localdate()
    relationships = CoachingRelationship.objects.filter(organisation_id=member.organisation_id)
    as_coachee = list(relationships.filter(coachee=member).values_list("pk", flat=True))
    involved = relationships.filter(coachee=member) | relationships.filter(coach=member)
    deleted = purge_relationships(as_coachee)
    for name, number in purge_authored_by(member).counts.items():
        deleted.add(name, number)
    # Coaching with them ends; what was still ahead does not take place.
    CoachingSession.objects.filter(
        relationship__in=involved, status=SessionStatus.SCHEDULED, starts_at__gt=now
    ).update(status=SessionStatus.CANCELLED, status_changed_at=now, updated_at=now)
    involved.exclude(status=RelationshipStatus.ENDED).update(status=RelationshipStatus.ENDED, ended_on=today)
    deleted.add("intakes", Intake.objects.filter(coachee=member).delete()[0])
    from salescoach.programmes.export import erase_member_data

    deleted.add("programme_records", erase_member_data(member=member))
    Invitation.objects.filter(membership=member).delete()
    APIToken.objects.filter(user_id=member.user_id, organisation_id=member.organisation_id).delete()
    _anonymise_identity(member)
    return deleted


def _anonymise_identity(member: Membership) -> None:
    user = member.user
    others = Membership.objects.filter(user=user).exclude(pk=member.pk).exists()
    if others:
        # The person stays a member elsewhere (an external coach, say): this organisation
        # keeps an anonymous account instead of theirs.
        member.user = _anonymous_user(f"m{member.pk}")
    else:
        _anonymise_user(user)
    member.status = MembershipStatus.DEACTIVATED
    member.deactivated_at = member.deactivated_at or timezone.now()
    member.job_title = ""
    member.crm_user_id = ""
    member.save(update_fields=["user", "status", "deactivated_at", "job_title", "crm_user_id"])


def _anonymous_user(label: str) -> User:
    user = User(
        email=f"erased-{label}-{secrets.token_hex(4)}@{ERASED_DOMAIN}",
        full_name=ERASED_NAME,
        is_active=False,
    )
    user.set_unusable_password()
    user.save()
    return user


def _anonymise_user(user: User) -> None:
    from salescoach.coaching.models import CalendarFeed

    user.email = f"erased-u{user.pk}-{secrets.token_hex(4)}@{ERASED_DOMAIN}"
    user.full_name = ERASED_NAME
    user.language = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.session_stamp = secrets.token_hex(16)  # ends every login session at once
    user.save()
    APIToken.objects.filter(user=user).delete()
    CalendarFeed.objects.filter(user=user).delete()


def erasure_requests(*, viewer: Membership) -> Any:
    """The requests the viewer may see: all of the organisation for a programme owner,
    otherwise the ones about or by the viewer."""
    qs = ErasureRequest.objects.filter(organisation_id=viewer.organisation_id).select_related(
        "member__user", "requested_by__user", "decided_by__user"
    )
    if rules.is_programme_owner(viewer):
        return qs
    if not viewer.is_active:
        return qs.none()
    return qs.filter(member=viewer) | qs.filter(requested_by=viewer)
