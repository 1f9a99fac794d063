"""Reading the audit log, as seen by a viewer.

Two readers, following the visibility matrix: a member sees who accessed their
coaching data (row "who accessed S's coaching data": S only); the programme owner
sees the rest of the organisation's log -- everything except entries about coaching
data, which belong to the seller alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from salescoach.organisations.models import Membership
from salescoach.privacy import rules
from salescoach.privacy.models import AuditAction, AuditEntry, AuditOutcome

# Object types of coaching content start with this (the coaching app's label); a
# non-sales professional's intake, which their coach may read, counts as coaching data too.
COACHING_OBJECT_PREFIX = "coaching."
OTHER_COACHING_TYPES = ("craft.intake",)
# What a seller sees on "who accessed your coaching data": reads and refusals by others,
# and attempts by others to change what they share.
ACCESS_LOG_ACTIONS = (
    AuditAction.READ,
    AuditAction.ACCESS_DENIED,
    AuditAction.CONSENT_GRANT,
    AuditAction.CONSENT_REVOKE,
)

OTHER_TYPES: dict[str, str | Promise] = {
    "page": _("Page"),
    "api": _("API operation"),
}


def is_coaching_q() -> Q:
    return Q(object_type__startswith=COACHING_OBJECT_PREFIX) | Q(object_type__in=OTHER_COACHING_TYPES)


def coaching_access_log(*, viewer: Membership) -> QuerySet[AuditEntry]:
    """Who read or tried to read the viewer's coaching data, newest first (not the viewer)."""
    return (
        AuditEntry.objects.filter(
            is_coaching_q(),
            organisation_id=viewer.organisation_id,
            subject_membership_id=viewer.pk,
            action__in=ACCESS_LOG_ACTIONS,
        )
        .exclude(actor_membership_id=viewer.pk)
        .order_by("-at", "-id")
    )


def organisation_audit_log(
    *, viewer: Membership, action: str | None = None, outcome: str | None = None
) -> QuerySet[AuditEntry]:
    """The organisation's log for its programme owner, without entries about coaching data
    (only the retention task's deletions, which name a relationship and nothing else)."""
    if not rules.can_read_audit_log(viewer):
        return AuditEntry.objects.none()
    # Retention deletions name a relationship, never content: the owner sees them.
    qs = AuditEntry.objects.filter(organisation_id=viewer.organisation_id).exclude(
        is_coaching_q() & ~Q(action=AuditAction.RETENTION_DELETE)
    )
    if action:
        qs = qs.filter(action=action)
    if outcome:
        qs = qs.filter(outcome=outcome)
    return qs.order_by("-at", "-id")


@dataclass(frozen=True)
class AuditRow:
    """An entry ready to show: names instead of ids, a label for the object type."""

    at: datetime
    action: str
    action_label: str
    outcome: str
    outcome_label: str
    actor_name: str
    actor_member_id: int | None
    object_label: str
    object_type: str
    object_id: str
    subject_name: str
    detail: str


def object_type_label(object_type: str) -> str:
    if object_type in OTHER_TYPES:
        return str(OTHER_TYPES[object_type])
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type
    return str(model._meta.verbose_name).capitalize()


def describe(entries: list[AuditEntry], *, viewer: Membership) -> list[AuditRow]:
    """Rows for a page, with one query for the names of the people involved.

    Only members of the viewer's organisation are named; anyone else is "someone
    outside the organisation".
    """
    ids = {e.actor_membership_id for e in entries} | {e.subject_membership_id for e in entries}
    ids.discard(None)
    names = dict(
        Membership.objects.filter(organisation_id=viewer.organisation_id, pk__in=ids).values_list(
            "pk", "user__full_name"
        )
    )
    outside = str(_("someone outside the organisation"))
    actions = dict(AuditAction.choices)
    outcomes = dict(AuditOutcome.choices)
    rows = []
    for e in entries:
        actor = names.get(e.actor_membership_id) if e.actor_membership_id else None
        rows.append(
            AuditRow(
                at=e.at,
                action=e.action,
                action_label=str(actions.get(e.action, e.action)),
                outcome=e.outcome,
                outcome_label=str(outcomes.get(e.outcome, e.outcome)),
                actor_name=actor or outside,
                actor_member_id=e.actor_membership_id if actor else None,
                object_label=object_type_label(e.object_type),
                object_type=e.object_type,
                object_id=e.object_id,
                subject_name=names.get(e.subject_membership_id, "") if e.subject_membership_id else "",
                detail=e.detail,
            )
        )
    return rows
