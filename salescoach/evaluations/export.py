"""The evaluations' part of a personal data export (see salescoach/privacy/export.py):
the person's own evaluations, as they may see them (no drafts' content)."""

from __future__ import annotations

from typing import Any

from salescoach.accounts.models import User
from salescoach.evaluations import rules
from salescoach.evaluations.models import Evaluation
from salescoach.evaluations.selectors import with_content
from salescoach.organisations.models import Membership


def evaluations_section(*, user: User, memberships: list[Membership]) -> list[dict[str, Any]]:
    by_id = {m.pk: m for m in memberships}
    evaluations = with_content(
        Evaluation.objects.filter(seller__in=memberships).select_related(
            "cycle", "organisation", "evaluator__user", "evaluator__reports_to"
        )
    ).order_by("scheduled_for", "pk")
    out = []
    for evaluation in evaluations:
        member = by_id[evaluation.seller_id]
        evaluation.seller = member
        item: dict[str, Any] = {
            "organisation": evaluation.organisation.slug,
            "cycle": evaluation.cycle.name,
            "period": [evaluation.cycle.period_start.isoformat(), evaluation.cycle.period_end.isoformat()],
            "manager": evaluation.evaluator.user.full_name,
            "scheduled_for": evaluation.scheduled_for.isoformat(),
            "status": evaluation.status,
            "history": [
                {"at": e.at.isoformat(), "what": e.kind, "by": e.actor.user.full_name if e.actor else None}
                for e in evaluation.events.all()
            ],
        }
        if rules.can_read_content(member, evaluation):
            item["ratings"] = [
                {
                    "criterion": r.criterion.name,
                    "rating": r.rating,
                    "scale_max": evaluation.cycle.scale_max,
                    "comment": r.comment,
                }
                for r in evaluation.ratings.all()
            ]
            item["overall_comment"] = evaluation.overall_comment
            item["your_comments"] = evaluation.seller_comment
            item["signed_at"] = evaluation.signed_at.isoformat() if evaluation.signed_at else None
        out.append(item)
    return out
