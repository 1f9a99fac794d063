"""The programmes' part of a person's data export and of their erasure: what the
programmes hold about them as a coach, coachee or candidate (never others' data)."""

from __future__ import annotations

from typing import Any

from salescoach.organisations.models import Membership
from salescoach.programmes import rubric
from salescoach.programmes.models import (
    CoachGuidance,
    CoachTraining,
    DigestPreference,
    IncentiveTerms,
    ProgrammeCoach,
    ProgrammeCoachee,
    SuitabilityAssessment,
)

Record = dict[str, Any]


def export_member(*, member: Membership) -> dict[str, list[Record]]:
    org = member.organisation.slug
    roles: list[Record] = [
        {
            "organisation": org,
            "team": c.programme.team.name,
            "as": "coach",
            "model": c.model,
            "since": c.appointed_on.isoformat(),
        }
        for c in ProgrammeCoach.objects.filter(member=member).select_related("programme__team")
    ] + [
        {"organisation": org, "team": c.programme.team.name, "as": "coachee"}
        for c in ProgrammeCoachee.objects.filter(member=member).select_related("programme__team")
    ]
    trainings = [
        {"organisation": org, "completed_on": t.completed_on.isoformat(), "provider": t.provider}
        for t in CoachTraining.objects.filter(coach=member)
    ]
    guidance = [
        {"organisation": org, "kind": g.kind, "held_on": g.held_on.isoformat(), "feedback": g.feedback}
        for g in CoachGuidance.objects.filter(coach=member)
    ]
    assessments = list(SuitabilityAssessment.objects.filter(candidate=member))
    result = rubric.outcome([a.scores for a in assessments])
    suitability = [
        {"organisation": org, "assessed_on": a.assessed_on.isoformat(), "scores": a.scores}
        for a in assessments
    ]
    if result is not None:
        suitability.append(
            {
                "organisation": org,
                "outcome": "suitable" if result.suitable else "not_suitable",
                "overall": str(result.overall),
            }
        )
    incentives = [
        {
            "organisation": org,
            "target_reduction_pct_per_coachee": str(t.target_reduction_pct_per_coachee),
            "max_target_reduction_pct": str(t.max_target_reduction_pct),
            "bonus_amount": str(t.bonus_amount),
            "bonus_share_pct": str(t.bonus_share_pct),
            "full_payout_improvement_pts": str(t.full_payout_improvement_pts),
        }
        for t in IncentiveTerms.objects.filter(coach=member)
    ]
    preference = DigestPreference.objects.filter(membership=member).first()
    return {
        "programmes": roles,
        "coaching_trainings": trainings,
        "coach_the_coach": guidance,
        "suitability_assessments": suitability,
        "incentive_terms": incentives,
        "programme_digest": [{"organisation": org, "weekly": preference is None or preference.weekly_digest}],
    }


def erase_member_data(*, member: Membership) -> int:
    """Delete what the programmes hold about an erased member; returns how many rows."""
    deleted = 0
    for qs in (
        CoachGuidance.objects.filter(coach=member),
        SuitabilityAssessment.objects.filter(candidate=member),
        CoachTraining.objects.filter(coach=member),
        IncentiveTerms.objects.filter(coach=member),
        ProgrammeCoach.objects.filter(member=member),
        ProgrammeCoachee.objects.filter(member=member),
        DigestPreference.objects.filter(membership=member),
    ):
        deleted += qs.delete()[0]
    return deleted
