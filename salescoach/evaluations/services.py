"""Changes to evaluation cycles and evaluations. Each service checks the actor's right,
validates everything before writing, runs in one transaction and writes the history."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from salescoach.evaluations import rules
from salescoach.evaluations.models import (
    CycleStatus,
    Evaluation,
    EvaluationCriterion,
    EvaluationCycle,
    EvaluationEvent,
    EvaluationEventKind,
    EvaluationRating,
    EvaluationStatus,
)
from salescoach.organisations.models import Membership
from salescoach.privacy.services import RefusedReference, records_refused_references

MAX_CRITERIA = 30
MAX_COMMENT = 3000
MAX_OVERALL = 5000


def _text(value: str | None, *, field: str, max_length: int, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > max_length:
        raise ValidationError({field: _("This can be at most %(max)d characters.") % {"max": max_length}})
    return text


def _event(evaluation: Evaluation, actor: Membership, kind: str, fields: Iterable[str] = ()) -> None:
    EvaluationEvent.objects.create(evaluation=evaluation, actor=actor, kind=kind, fields=sorted(fields))


def _lock(evaluation: Evaluation) -> Evaluation:
    """The evaluation, locked for this transaction and read afresh."""
    locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    locked.cycle = EvaluationCycle.objects.get(pk=locked.cycle_id)
    locked.evaluator = evaluation.evaluator
    return locked


# --- cycles ------------------------------------------------------------------------------


def _clean_criteria(criteria: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    cleaned: list[tuple[str, str]] = []
    seen: set[str] = set()
    for item in criteria:
        name = _text(item.get("name"), field="criteria", max_length=120)
        description = _text(item.get("description"), field="criteria", max_length=1000)
        if not name:
            continue
        if name.lower() in seen:
            raise ValidationError({"criteria": _("The criterion “%(name)s” appears twice.") % {"name": name}})
        seen.add(name.lower())
        cleaned.append((name, description))
    if not cleaned:
        raise ValidationError({"criteria": _("Add at least one criterion.")})
    if len(cleaned) > MAX_CRITERIA:
        raise ValidationError(
            {"criteria": _("A cycle can have at most %(max)d criteria.") % {"max": MAX_CRITERIA}}
        )
    return cleaned


@transaction.atomic
def cycle_create(
    *,
    actor: Membership,
    name: str,
    period_start: date,
    period_end: date,
    criteria: Iterable[Mapping[str, Any]],
    scale_max: int = 5,
    scale_low_label: str = "",
    scale_high_label: str = "",
) -> EvaluationCycle:
    """A new evaluation cycle with its criteria (programme owner)."""
    if not rules.can_manage_cycles(actor):
        raise PermissionDenied(_("Only a programme owner can set up evaluation cycles."))
    name = _text(name, field="name", max_length=120, required=True)
    if EvaluationCycle.objects.filter(organisation_id=actor.organisation_id, name__iexact=name).exists():
        raise ValidationError({"name": _("A cycle with this name already exists.")})
    if period_start is None or period_end is None:
        raise ValidationError({"period_end": _("Enter the period the cycle covers.")})
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period ends before it starts.")})
    if not isinstance(scale_max, int) or not 2 <= scale_max <= 10:
        raise ValidationError({"scale_max": _("The highest rating must be between 2 and 10.")})
    cleaned = _clean_criteria(criteria)
    cycle = EvaluationCycle.objects.create(
        organisation_id=actor.organisation_id,
        name=name,
        period_start=period_start,
        period_end=period_end,
        scale_max=scale_max,
        scale_low_label=_text(scale_low_label, field="scale_low_label", max_length=60),
        scale_high_label=_text(scale_high_label, field="scale_high_label", max_length=60),
        created_by=actor,
    )
    EvaluationCriterion.objects.bulk_create(
        [
            EvaluationCriterion(cycle=cycle, position=i, name=n, description=d)
            for i, (n, d) in enumerate(cleaned, start=1)
        ]
    )
    return cycle


@transaction.atomic
def cycle_close(*, actor: Membership, cycle: EvaluationCycle) -> EvaluationCycle:
    """Close a cycle: its evaluations can no longer be changed by the manager."""
    if not rules.can_manage_cycles(actor) or cycle.organisation_id != actor.organisation_id:
        raise PermissionDenied(_("Only a programme owner can close an evaluation cycle."))
    if cycle.status == CycleStatus.CLOSED:
        raise ValidationError(_("This cycle is already closed."))
    cycle.status = CycleStatus.CLOSED
    cycle.save(update_fields=["status"])
    return cycle


# --- scheduling ----------------------------------------------------------------------------


def _meeting(day: date | None, at: time | None) -> datetime:
    if day is None:
        raise ValidationError({"date": _("Choose the date of the evaluation meeting.")})
    if at is None:
        raise ValidationError({"time": _("Choose the time of the evaluation meeting.")})
    return timezone.make_aware(datetime.combine(day, at))


def _check_coaching(seller: Membership, scheduled_for: datetime, evaluator: Membership) -> None:
    """Product rule 2: refuse a day that clashes with coaching, and say why."""
    day = timezone.localtime(scheduled_for).date()
    conflicts = rules.coaching_conflicts(seller=seller, day=day, at=scheduled_for, evaluator=evaluator)
    if conflicts:
        reasons = " ".join(c.message for c in conflicts)
        raise ValidationError(
            {
                "date": _("The evaluation cannot be held on %(day)s. %(reasons)s")
                % {"day": formats.date_format(day, "DATE_FORMAT"), "reasons": reasons}
            }
        )


@records_refused_references
@transaction.atomic
def evaluation_create(
    *, actor: Membership, cycle: EvaluationCycle, seller_id: Any, day: date | None, at: time | None
) -> Evaluation:
    """Plan a seller's evaluation in a cycle; the actor, their manager, will fill it in."""
    if cycle.organisation_id != actor.organisation_id:
        raise PermissionDenied
    if not cycle.is_open:
        raise ValidationError(_("This cycle is closed."))
    seller = (
        Membership.objects.filter(rules.evaluable_members_q(actor), pk=seller_id)
        .select_related("user")
        .first()
        if seller_id is not None
        else None
    )
    if seller is None:
        raise RefusedReference(
            {"seller": _("You can only evaluate the people you manage.")},
            model=Membership,
            ids=[seller_id],
            subject_column="id",
        )
    if Evaluation.objects.filter(cycle=cycle, seller=seller).exists():
        raise ValidationError(
            {
                "seller": _("%(name)s already has an evaluation in this cycle.")
                % {"name": seller.user.full_name}
            }
        )
    scheduled_for = _meeting(day, at)
    _check_coaching(seller, scheduled_for, actor)
    evaluation = Evaluation.objects.create(
        organisation_id=actor.organisation_id,
        cycle=cycle,
        seller=seller,
        evaluator=actor,
        scheduled_for=scheduled_for,
    )
    EvaluationRating.objects.bulk_create(
        [EvaluationRating(evaluation=evaluation, criterion=c) for c in cycle.criteria.all()]
    )
    _event(evaluation, actor, EvaluationEventKind.CREATED, ["scheduled_for"])
    return evaluation


@transaction.atomic
def evaluation_schedule(
    *, actor: Membership, evaluation: Evaluation, day: date | None, at: time | None
) -> Evaluation:
    """Move the evaluation meeting."""
    locked = _lock(evaluation)
    if not rules.can_schedule_evaluation(actor, locked):
        raise PermissionDenied(
            _("Only the manager who writes this evaluation can move it, until it is signed.")
        )
    scheduled_for = _meeting(day, at)
    _check_coaching(evaluation.seller, scheduled_for, locked.evaluator)
    if scheduled_for != locked.scheduled_for:
        locked.scheduled_for = scheduled_for
        locked.updated_at = timezone.now()
        locked.save(update_fields=["scheduled_for", "updated_at"])
        _event(locked, actor, EvaluationEventKind.RESCHEDULED, ["scheduled_for"])
    evaluation.scheduled_for = locked.scheduled_for
    return evaluation


# --- the manager's form ---------------------------------------------------------------------


def _refuse_coaching_quotes(seller: Membership, texts: list[str], evaluator: Membership) -> None:
    if any(texts) and rules.quoted_coaching_content(
        seller=seller, texts=[t for t in texts if t], evaluator=evaluator
    ):
        raise ValidationError(
            _(
                "This text quotes the seller's coaching content. Coaching stays between the seller and "
                "their coach: an evaluation may not use it."
            )
        )


@transaction.atomic
def evaluation_update(
    *,
    actor: Membership,
    evaluation: Evaluation,
    ratings: Mapping[int, int | None] | None = None,
    comments: Mapping[int, str] | None = None,
    overall_comment: str | None = None,
) -> Evaluation:
    """Change ratings and comments (criterion id -> value) while the evaluation is a draft."""
    locked = _lock(evaluation)
    if not rules.can_edit_evaluation(actor, locked):
        raise PermissionDenied(
            _("Only the manager who writes this evaluation can change it, and only before it is shared.")
        )
    rows: dict[int | None, EvaluationRating] = {
        r.criterion_id: r for r in EvaluationRating.objects.filter(evaluation=locked)
    }
    scale_max = locked.cycle.scale_max
    changed: set[str] = set()
    new_texts: list[str] = []
    for criterion_id, value in (ratings or {}).items():
        row = rows.get(_as_int(criterion_id))
        if row is None:
            raise ValidationError({"ratings": _("This criterion is not part of the evaluation.")})
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= scale_max
        ):
            raise ValidationError(
                {f"rating_{row.criterion_id}": _("Choose a rating from 1 to %(max)d.") % {"max": scale_max}}
            )
        if row.rating != value:
            row.rating = value
            changed.add(f"rating:{row.criterion_id}")
    for criterion_id, text in (comments or {}).items():
        row = rows.get(_as_int(criterion_id))
        if row is None:
            raise ValidationError({"comments": _("This criterion is not part of the evaluation.")})
        text = _text(text, field=f"comment_{row.criterion_id}", max_length=MAX_COMMENT)
        if row.comment != text:
            row.comment = text
            new_texts.append(text)
            changed.add(f"comment:{row.criterion_id}")
    if overall_comment is not None:
        text = _text(overall_comment, field="overall_comment", max_length=MAX_OVERALL)
        if text != locked.overall_comment:
            locked.overall_comment = text
            new_texts.append(text)
            changed.add("overall_comment")
    _refuse_coaching_quotes(evaluation.seller, new_texts, locked.evaluator)
    if changed:
        EvaluationRating.objects.bulk_update(list(rows.values()), ["rating", "comment"])
        locked.updated_at = timezone.now()
        locked.save(update_fields=["overall_comment", "updated_at"])
        _event(locked, actor, EvaluationEventKind.EDITED, changed)
    return locked


def _as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@transaction.atomic
def evaluation_share(*, actor: Membership, evaluation: Evaluation) -> Evaluation:
    """Share the finished form with the seller, who can then read, comment and sign."""
    locked = _lock(evaluation)
    if not rules.can_share_evaluation(actor, locked):
        raise PermissionDenied(_("Only the manager who writes this evaluation can share it."))
    if EvaluationRating.objects.filter(evaluation=locked, rating__isnull=True).exists():
        raise ValidationError(_("Rate every criterion before you share the evaluation."))
    now = timezone.now()
    locked.status = EvaluationStatus.SHARED
    locked.shared_at = now
    locked.updated_at = now
    locked.save(update_fields=["status", "shared_at", "updated_at"])
    _event(locked, actor, EvaluationEventKind.SHARED)
    return locked


@transaction.atomic
def evaluation_reopen(*, actor: Membership, evaluation: Evaluation) -> Evaluation:
    """Take a shared evaluation back to change it (before the seller signs)."""
    locked = _lock(evaluation)
    if not rules.can_reopen_evaluation(actor, locked):
        raise PermissionDenied(
            _("Only the manager who writes this evaluation can take it back, and only before it is signed.")
        )
    locked.status = EvaluationStatus.DRAFT
    locked.updated_at = timezone.now()
    locked.save(update_fields=["status", "updated_at"])
    _event(locked, actor, EvaluationEventKind.REOPENED)
    return locked


# --- the seller's part ------------------------------------------------------------------------


@transaction.atomic
def evaluation_seller_comment(*, actor: Membership, evaluation: Evaluation, text: str) -> Evaluation:
    """The seller's own comments on a shared evaluation."""
    locked = _lock(evaluation)
    if not rules.can_respond_as_seller(actor, locked):
        raise PermissionDenied(_("Only the seller can comment on their evaluation, until they sign it."))
    text = _text(text, field="seller_comment", max_length=MAX_OVERALL)
    if text != locked.seller_comment:
        locked.seller_comment = text
        locked.updated_at = timezone.now()
        locked.save(update_fields=["seller_comment", "updated_at"])
        _event(locked, actor, EvaluationEventKind.SELLER_COMMENTED, ["seller_comment"])
    return locked


@transaction.atomic
def evaluation_sign(*, actor: Membership, evaluation: Evaluation) -> Evaluation:
    """The seller signs: they have read it (their comments say whether they agree)."""
    locked = _lock(evaluation)
    if not rules.can_respond_as_seller(actor, locked):
        raise PermissionDenied(_("Only the seller can sign their evaluation, once it is shared."))
    now = timezone.now()
    locked.status = EvaluationStatus.SIGNED
    locked.signed_at = now
    locked.updated_at = now
    locked.save(update_fields=["status", "signed_at", "updated_at"])
    _event(locked, actor, EvaluationEventKind.SIGNED)
    return locked
