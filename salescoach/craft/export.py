"""The craft part of a person's data export.

A provider for the export registry (``EXPORT_PROVIDERS`` in salescoach/privacy/export.py,
on the coaching workspace branch): called once per active membership, it returns the
person's own coaching-style counts (as a coach) and their own intakes (as a coachee).
There is no coaching text to export: the craft app never stores one.
"""

from __future__ import annotations

from typing import Any

from salescoach.craft.models import Intake, StyleSample
from salescoach.organisations.models import Membership

Record = dict[str, Any]


def export_member(*, member: Membership) -> dict[str, list[Record]]:
    org = member.organisation.slug
    samples = [
        {
            "organisation": org,
            "analysed_on": sample.analysed_on.isoformat(),
            "source": sample.source,
            "language": sample.language,
            "open_questions": sample.open_questions,
            "closed_questions": sample.closed_questions,
            "directives": sample.directives,
            "statements": sample.statements,
        }
        for sample in StyleSample.objects.filter(coach=member).order_by("analysed_on", "pk")
    ]
    intakes = [
        {
            "id": intake.pk,
            "organisation": org,
            "kind": intake.kind,
            "taken_on": intake.taken_on.isoformat(),
            "answers": intake.answers,
            "scores": {
                "role_rejection": intake.role_score,
                "fear_of_rejection": intake.fear_score,
                "no_skills_time_payoff": intake.capacity_score,
            },
            "suggested_focus": intake.focus,
            "first_intake_id": intake.baseline_id,
        }
        for intake in Intake.objects.filter(coachee=member).order_by("taken_on", "pk")
    ]
    return {"coaching_style_samples": samples, "intakes": intakes}
