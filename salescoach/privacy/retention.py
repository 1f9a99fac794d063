"""Retention: coaching content is deleted a set number of months after a coaching
relationship ends (``Organisation.coaching_retention_months``, 24 by default).

``apply_retention`` is the scheduled job (salescoach/core/scheduling.py, daily; the
scheduler runs it exactly once per slot, and running it twice deletes nothing twice). It
deletes the content of every ended relationship whose date has come (see
``deletion.purge_relationships`` for what goes and what stays) and puts one entry per
relationship on the audit record. ``retention_overview`` is what the programme owner
sees: per relationship the dates and whether content is waiting -- never the content,
and no count of items (counts of a seller's notes are theirs: product rule 1).
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from salescoach.organisations.models import Membership
from salescoach.privacy import rules
from salescoach.privacy.deletion import has_content_q, purge_relationships
from salescoach.privacy.models import AuditAction, AuditEntry, AuditOutcome

logger = logging.getLogger(__name__)

SOON_DAYS = 30


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def deletion_date(ended_on: date | None, months: int) -> date | None:
    """The day the content of a relationship that ended on ``ended_on`` is deleted."""
    return add_months(ended_on, months) if ended_on is not None else None


def apply_retention(*, today: date | None = None) -> int:
    """Delete the content of every ended relationship past its retention date; returns how
    many relationships were purged."""
    from salescoach.coaching.models import CoachingRelationship, RelationshipStatus

    today = today or timezone.localdate()
    candidates = (
        CoachingRelationship.objects.filter(status=RelationshipStatus.ENDED, ended_on__isnull=False)
        .filter(has_content_q())
        .select_related("organisation")
        .order_by("pk")
    )
    due = [
        r
        for r in candidates
        if (when := deletion_date(r.ended_on, r.organisation.coaching_retention_months)) is not None
        and when <= today
    ]
    if not due:
        return 0
    now = timezone.now()
    with transaction.atomic():
        deleted = purge_relationships([r.pk for r in due])
        AuditEntry.objects.bulk_create(
            [
                AuditEntry(
                    at=now,
                    organisation_id=r.organisation_id,
                    action=AuditAction.RETENTION_DELETE,
                    object_type="coaching.coachingrelationship",
                    object_id=str(r.pk),
                    subject_membership_id=r.coachee_id,
                    outcome=AuditOutcome.ALLOWED,
                    detail=f"months:{r.organisation.coaching_retention_months}",
                )
                for r in due
            ]
        )
    logger.info("retention: content of %d relationships deleted (%d rows)", len(due), deleted.total)
    return len(due)


def run_scheduled() -> None:
    """The job in SCHEDULE (no arguments)."""
    apply_retention()


# --- what the organisation sees ----------------------------------------------------------------


@dataclass(frozen=True)
class RetentionRow:
    relationship_id: int
    coachee: str
    coach: str
    started_on: date
    ended_on: date
    deletes_on: date
    state: str  # "due" (deleted at the next run), "scheduled", "deleted" (nothing left)


@dataclass(frozen=True)
class RetentionOverview:
    months: int
    rows: list[RetentionRow]
    open_relationships: int

    def count(self, state: str) -> int:
        return sum(1 for r in self.rows if r.state == state)

    @property
    def soon(self) -> int:
        """Scheduled within SOON_DAYS days."""
        limit = timezone.localdate() + timedelta(days=SOON_DAYS)
        return sum(1 for r in self.rows if r.state == "scheduled" and r.deletes_on <= limit)


def retention_overview(*, viewer: Membership) -> RetentionOverview:
    """Per ended relationship: when its content is (or was) deleted. Two queries."""
    from salescoach.coaching.models import CoachingRelationship, RelationshipStatus

    months = viewer.organisation.coaching_retention_months
    if not rules.can_view_retention(viewer):
        return RetentionOverview(months, [], 0)
    relationships = CoachingRelationship.objects.filter(organisation_id=viewer.organisation_id)
    ended = (
        relationships.filter(status=RelationshipStatus.ENDED, ended_on__isnull=False)
        .annotate(content=has_content_q())
        .select_related("coach__user", "coachee__user")
    )
    today = timezone.localdate()
    rows = []
    for r in ended:
        deletes_on = add_months(r.ended_on, months)  # type: ignore[arg-type]
        if not r.content:
            state = "deleted"
        elif deletes_on <= today:
            state = "due"
        else:
            state = "scheduled"
        rows.append(
            RetentionRow(
                r.pk,
                r.coachee.user.full_name,
                r.coach.user.full_name,
                r.started_on,
                r.ended_on,  # type: ignore[arg-type]
                deletes_on,
                state,
            )
        )
    rows.sort(key=lambda row: (row.state == "deleted", row.deletes_on, row.relationship_id))
    open_count = relationships.exclude(status=RelationshipStatus.ENDED).count()
    return RetentionOverview(months, rows, open_count)
