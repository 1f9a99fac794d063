"""Home page section: the member's own evaluations (as seller) and the ones they write
(as manager), from one query."""

from __future__ import annotations

from django.db.models import Q

from salescoach.core.home import HomeSection
from salescoach.evaluations.models import Evaluation, EvaluationStatus
from salescoach.organisations.models import Membership


def evaluations(member: Membership) -> list[HomeSection]:
    open_ones = list(
        Evaluation.objects.filter(
            Q(seller=member) | Q(evaluator=member),
            organisation_id=member.organisation_id,
            status__in=[EvaluationStatus.DRAFT, EvaluationStatus.SHARED],
        )
        .select_related("cycle", "seller__user", "evaluator__user")
        .order_by("scheduled_for", "pk")[:20]
    )
    sections = []
    to_write = [e for e in open_ones if e.evaluator_id == member.pk]
    mine = [e for e in open_ones if e.seller_id == member.pk]
    if to_write:
        sections.append(HomeSection("evaluations/home/to_write.html", {"evaluations": to_write}))
    if mine:
        sections.append(HomeSection("evaluations/home/mine.html", {"evaluations": mine}))
    return sections
