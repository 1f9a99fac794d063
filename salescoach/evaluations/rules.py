"""Who may see or change a performance evaluation, and where coaching plugs in.

Matrix row "performance evaluation" (docs/PRIVACY.md, PRODUCT.md):

- the seller: read, comment, sign -- once the manager has shared it (a draft is the
  manager's working copy; the seller sees that it is planned, and when);
- the seller's coach: nothing, unless the seller shares it (``coach_may_see_evaluation``,
  which answers no until sharing exists);
- the seller's manager (who writes the evaluation): read and write;
- the manager's superior and the programme owner: read (not drafts);
- anybody else, and other organisations: nothing (404).

``coaching_conflicts`` and ``quoted_coaching_content`` are where the coaching workspace
plugs in product rule 2 ("coaching and evaluation never mix", decided in
salescoach/privacy/separation.py); the services refuse whatever they report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext as _

from salescoach.organisations.models import Membership, MembershipStatus
from salescoach.privacy.rules import is_programme_owner

if TYPE_CHECKING:
    from salescoach.evaluations.models import Evaluation


# --- who sees what ------------------------------------------------------------------------


def coach_may_see_evaluation(viewer: Membership, evaluation: Evaluation) -> bool:
    """The seller's coach sees an evaluation only when the seller shares it with them.

    Sharing evaluations with the coach does not exist yet: the answer is no.
    """
    return False


def evaluations_shared_with_coach_q(viewer: Membership) -> Q:
    """The query form of ``coach_may_see_evaluation``: nothing yet."""
    return Q(pk__in=[])


def visible_evaluations_q(viewer: Membership) -> Q:
    scope = Q(organisation_id=viewer.organisation_id)
    if not viewer.is_active:
        return scope & Q(pk__in=[])
    if is_programme_owner(viewer):
        return scope
    return scope & (
        Q(seller_id=viewer.pk)
        | Q(evaluator_id=viewer.pk)
        | Q(evaluator__reports_to_id=viewer.pk)  # the manager's superior
        | evaluations_shared_with_coach_q(viewer)
    )


def can_view_evaluation(viewer: Membership, evaluation: Evaluation) -> bool:
    if not viewer.is_active or evaluation.organisation_id != viewer.organisation_id:
        return False
    return (
        is_programme_owner(viewer)
        or viewer.pk in (evaluation.seller_id, evaluation.evaluator_id)
        or evaluation.evaluator.reports_to_id == viewer.pk
        or coach_may_see_evaluation(viewer, evaluation)
    )


def is_evaluator(viewer: Membership, evaluation: Evaluation) -> bool:
    return viewer.is_active and viewer.pk == evaluation.evaluator_id


def can_read_content(viewer: Membership, evaluation: Evaluation) -> bool:
    """Ratings and comments: the manager always, the other readers once it is shared."""
    from salescoach.evaluations.models import EvaluationStatus

    if not can_view_evaluation(viewer, evaluation):
        return False
    return is_evaluator(viewer, evaluation) or evaluation.status != EvaluationStatus.DRAFT


def can_edit_evaluation(viewer: Membership, evaluation: Evaluation) -> bool:
    from salescoach.evaluations.models import EvaluationStatus

    return (
        is_evaluator(viewer, evaluation)
        and evaluation.status == EvaluationStatus.DRAFT
        and evaluation.cycle.is_open
    )


def can_schedule_evaluation(viewer: Membership, evaluation: Evaluation) -> bool:
    from salescoach.evaluations.models import EvaluationStatus

    return (
        is_evaluator(viewer, evaluation)
        and evaluation.status != EvaluationStatus.SIGNED
        and evaluation.cycle.is_open
    )


def can_share_evaluation(viewer: Membership, evaluation: Evaluation) -> bool:
    return can_edit_evaluation(viewer, evaluation)


def can_reopen_evaluation(viewer: Membership, evaluation: Evaluation) -> bool:
    from salescoach.evaluations.models import EvaluationStatus

    return (
        is_evaluator(viewer, evaluation)
        and evaluation.status == EvaluationStatus.SHARED
        and evaluation.cycle.is_open
    )


def can_respond_as_seller(viewer: Membership, evaluation: Evaluation) -> bool:
    """Comment on and sign a shared evaluation: the seller alone."""
    from salescoach.evaluations.models import EvaluationStatus

    return (
        viewer.is_active
        and viewer.pk == evaluation.seller_id
        and evaluation.status == EvaluationStatus.SHARED
    )


# --- cycles and who can be evaluated ------------------------------------------------------


def can_manage_cycles(viewer: Membership) -> bool:
    return is_programme_owner(viewer)


def evaluable_members_q(viewer: Membership) -> Q:
    """The people whose evaluation the viewer writes: their direct reports and the
    members of the teams they manage (not themselves)."""
    if not viewer.is_active:
        return Q(pk__in=[])
    return (
        Q(organisation_id=viewer.organisation_id, status=MembershipStatus.ACTIVE)
        & (Q(reports_to_id=viewer.pk) | Q(team__manager_id=viewer.pk))
        & ~Q(pk=viewer.pk)
    )


def is_manager_of(viewer: Membership, member: Membership) -> bool:
    return Membership.objects.filter(evaluable_members_q(viewer), pk=member.pk).exists()


def visible_cycles_q(viewer: Membership) -> Q:
    scope = Q(organisation_id=viewer.organisation_id)
    if not viewer.is_active:
        return scope & Q(pk__in=[])
    if is_programme_owner(viewer) or Membership.objects.filter(evaluable_members_q(viewer)).exists():
        return scope
    return scope & Q(
        pk__in=_evaluation_model().objects.filter(visible_evaluations_q(viewer)).values("cycle_id")
    )


def _evaluation_model() -> type[Evaluation]:
    from salescoach.evaluations.models import Evaluation

    return Evaluation


# --- where coaching plugs in (product rule 2) ----------------------------------------------


SAME_MEETING = "same_meeting"
SAME_DAY_AS_COACHING = "same_day_as_coaching"
SELLER_UNAVAILABLE = "seller_unavailable"


@dataclass(frozen=True)
class CoachingConflict:
    """Why an evaluation cannot be held on a day."""

    kind: str  # SAME_MEETING, SAME_DAY_AS_COACHING or SELLER_UNAVAILABLE

    @property
    def message(self) -> str:
        if self.kind == SAME_MEETING:
            return _(
                "A coaching session with this seller is planned at this moment. An evaluation and "
                "a coaching session are never the same meeting."
            )
        if self.kind == SAME_DAY_AS_COACHING:
            return _(
                "You also coach this seller and have a coaching session with them on this day. "
                "Hold the evaluation on another day, so that coaching never turns into an evaluation."
            )
        if self.kind == SELLER_UNAVAILABLE:
            return _("The seller is not available at this moment: they have another appointment.")
        return _("This day clashes with coaching.")


def coaching_conflicts(
    *, seller: Membership, day: date, at: datetime | None = None, evaluator: Membership | None = None
) -> list[CoachingConflict]:
    """What in coaching stops an evaluation of ``seller`` on ``day`` (at ``at``, by ``evaluator``).

    The coaching workspace answers through salescoach/privacy/separation.py:

    - an evaluation and a coaching session cannot be the same meeting
      (``SAME_MEETING``, or ``SELLER_UNAVAILABLE`` for an evaluator who is not the
      seller's coach and so may not learn of the session);
    - when the seller's manager is also the seller's coach, there is no evaluation on
      the day of a coaching session with that seller (``SAME_DAY_AS_COACHING``).

    The scheduling services call it (through this module, so tests can replace it)
    and refuse the date with each conflict's message.
    """
    from salescoach.privacy.separation import evaluation_clashes

    return [
        CoachingConflict(kind)
        for kind in evaluation_clashes(seller=seller, day=day, at=at, evaluator=evaluator)
    ]


def quoted_coaching_content(
    *, seller: Membership, texts: list[str], evaluator: Membership | None = None
) -> bool:
    """Whether any of the texts quotes the seller's coaching content that the evaluator can
    read -- what the seller shared with them, or, when they also coach the seller,
    anything of that coaching (salescoach/privacy/separation.py says what a quote is).
    The services refuse such texts."""
    from salescoach.privacy.separation import quotes_coaching_content

    return quotes_coaching_content(seller=seller, texts=texts, evaluator=evaluator)
