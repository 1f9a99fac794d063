"""Reads of evaluation cycles and evaluations, always as seen by a viewer."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from salescoach.evaluations import rules
from salescoach.evaluations.models import (
    Evaluation,
    EvaluationCriterion,
    EvaluationCycle,
    EvaluationEvent,
    EvaluationRating,
)
from salescoach.organisations.models import Membership


def cycle_list(*, viewer: Membership) -> QuerySet[EvaluationCycle]:
    return (
        EvaluationCycle.objects.filter(rules.visible_cycles_q(viewer))
        .annotate(
            evaluation_count=Count(
                "evaluations",
                filter=Q(evaluations__in=Evaluation.objects.filter(rules.visible_evaluations_q(viewer))),
            )
        )
        .prefetch_related(
            Prefetch("criteria", queryset=EvaluationCriterion.objects.order_by("position", "pk"))
        )
        .order_by("-period_start", "name")
    )


def evaluation_list(
    *,
    viewer: Membership,
    cycle_id: int | None = None,
    status: str | None = None,
    seller_id: int | None = None,
) -> QuerySet[Evaluation]:
    qs = Evaluation.objects.filter(rules.visible_evaluations_q(viewer))
    if cycle_id is not None:
        qs = qs.filter(cycle_id=cycle_id)
    if status:
        qs = qs.filter(status=status)
    if seller_id is not None:
        qs = qs.filter(seller_id=seller_id)
    return qs.select_related(
        "cycle", "seller__user", "seller__team", "evaluator__user", "evaluator__reports_to"
    ).order_by("-scheduled_for", "pk")


def with_content(qs: QuerySet[Evaluation]) -> QuerySet[Evaluation]:
    """Ratings with their criteria, and the history, for detail pages and exports."""
    return qs.prefetch_related(
        Prefetch(
            "ratings",
            queryset=EvaluationRating.objects.select_related("criterion").order_by(
                "criterion__position", "criterion__pk"
            ),
        ),
        Prefetch(
            "events", queryset=EvaluationEvent.objects.select_related("actor__user").order_by("at", "pk")
        ),
        Prefetch("cycle__criteria", queryset=EvaluationCriterion.objects.order_by("position", "pk")),
    )


def evaluable_members(*, viewer: Membership) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(rules.evaluable_members_q(viewer))
        .select_related("user", "team")
        .order_by("user__full_name", "pk")
    )
