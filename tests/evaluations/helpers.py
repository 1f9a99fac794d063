"""Builders for evaluation tests: a cycle, and an evaluation planned by the seller's manager."""

from __future__ import annotations

from datetime import date, time

from salescoach.evaluations import services
from salescoach.evaluations.models import Evaluation, EvaluationCycle
from salescoach.organisations.models import Membership

CRITERIA = [
    {"name": "Client focus", "description": "Understands what the client needs"},
    {"name": "Results", "description": ""},
    {"name": "Teamwork", "description": ""},
]


def make_cycle(owner: Membership, name: str = "Review 2025") -> EvaluationCycle:
    return services.cycle_create(
        actor=owner,
        name=name,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        criteria=CRITERIA,
        scale_max=5,
    )


def make_evaluation(
    manager: Membership, seller: Membership, cycle: EvaluationCycle, day: date = date(2026, 1, 20)
) -> Evaluation:
    return services.evaluation_create(
        actor=manager, cycle=cycle, seller_id=seller.pk, day=day, at=time(10, 0)
    )


def fill(manager: Membership, evaluation: Evaluation, rating: int = 4, text: str = "Good work") -> Evaluation:
    criteria = list(evaluation.cycle.criteria.all())
    return services.evaluation_update(
        actor=manager,
        evaluation=evaluation,
        ratings={c.pk: rating for c in criteria},
        comments={c.pk: f"{text} on {c.name}" for c in criteria},
        overall_comment=f"{text} overall",
    )
