"""Home page sections of the coaching workspace: one for the seller, one for the coach,
one for the manager. Each reads through the selectors, so it shows only what the
privacy policy allows, in a fixed number of queries whatever the number of coachees."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from salescoach.coaching import selectors
from salescoach.coaching.models import CoachingRelationship, Observation
from salescoach.core.home import HomeSection
from salescoach.organisations.models import Membership
from salescoach.privacy import policy
from salescoach.privacy.services import audit_reads


def _involved(member: Membership) -> list[CoachingRelationship]:
    """The open relationships the member is in as coach, coachee or manager: one query
    shared by the three sections (most members are in none)."""
    cached: list[CoachingRelationship] | None = getattr(member, "_coaching_home", None)
    if cached is None:
        cached = list(
            selectors.relationship_list(viewer=member, include_ended=False).filter(
                Q(coach=member) | Q(coachee=member) | policy.manager_q(member, "")
            )
        )
        member._coaching_home = cached  # type: ignore[attr-defined]
    return cached


def seller_coaching(member: Membership) -> list[HomeSection]:
    relationships = [r for r in _involved(member) if r.coachee_id == member.pk]
    if not relationships:
        return []
    statuses = selectors.agreement_statuses(relationships)
    items = list(
        selectors.plan_item_list(viewer=member).filter(relationship__in=relationships, status="active")
    )
    observations = [
        o
        for o in selectors.observation_list(viewer=member).filter(
            session__relationship__in=relationships,
            session__starts_at__lte=timezone.now(),
            acknowledged_at__isnull=True,
        )
        if _seller_turn(o)
    ]
    proposals = list(
        selectors.proposal_list(viewer=member, open_only=True).filter(relationship__in=relationships)
    )
    audit_reads(viewer=member, objects=proposals, via="home")
    return [
        HomeSection(
            "coaching/home/seller.html",
            {
                "relationships": relationships,
                "attention": [(r, statuses[r.pk]) for r in relationships if statuses[r.pk].needs_attention],
                "sessions": selectors.upcoming_sessions(viewer=member, role="coachee"),
                "commitments": list(
                    selectors.commitment_list(viewer=member, open_only=True).filter(
                        relationship__in=relationships
                    )
                ),
                "plan": selectors.plan_chains(items),
                "plan_count": len(items),
                "proposals": proposals,
                "to_rate": selectors.sessions_to_rate(viewer=member),
                "observations": observations,
            },
        )
    ]


def _seller_turn(observation: Observation) -> bool:
    return observation.self_assessed_at is None or observation.observed_at is not None


def coach_coaching(member: Membership) -> list[HomeSection]:
    relationships = [r for r in _involved(member) if r.coach_id == member.pk]
    if not relationships:
        return []
    statuses = selectors.agreement_statuses(relationships)
    sessions = list(
        selectors.session_list(viewer=member)
        .filter(relationship__in=relationships)
        .filter(starts_at__gte=timezone.now() - timedelta(days=120))
    )
    dates = selectors.last_and_next_dates(sessions)
    overdue = list(
        selectors.commitment_list(viewer=member, overdue_only=True).filter(relationship__in=relationships)
    )
    audit_reads(viewer=member, objects=overdue, via="home")
    overdue_count: dict[int, int] = {}
    for commitment in overdue:
        overdue_count[commitment.relationship_id] = overdue_count.get(commitment.relationship_id, 0) + 1
    rows = [
        {
            "relationship": r,
            "status": statuses[r.pk],
            "last": dates.get(r.pk, {}).get("last"),
            "next": dates.get(r.pk, {}).get("next"),
            "overdue": overdue_count.get(r.pk, 0),
        }
        for r in relationships
    ]
    waiting = [
        (r, statuses[r.pk])
        for r in relationships
        if statuses[r.pk].state in {"missing", "unconfirmed", "pending", "review_due"}
    ]
    to_observe = list(
        selectors.observation_list(viewer=member).filter(
            session__relationship__in=relationships, self_assessed_at__isnull=False, observed_at__isnull=True
        )
    )
    return [
        HomeSection(
            "coaching/home/coach.html",
            {
                "rows": rows,
                "sessions": selectors.upcoming_sessions(viewer=member, role="coach"),
                "overdue": overdue,
                "waiting": waiting,
                "to_observe": to_observe,
            },
        )
    ]


def manager_coaching(member: Membership) -> list[HomeSection]:
    """What a manager sees of the coaching in their team: agreements to confirm, the
    dates of sessions that took place (as agreed) and what sellers chose to share."""
    relationships = [
        r
        for r in _involved(member)
        if policy.is_manager(member, r) and member.pk not in (r.coach_id, r.coachee_id)
    ]
    if not relationships:
        return []
    statuses = selectors.agreement_statuses(relationships)
    sessions = list(
        selectors.session_list(viewer=member, upcoming=False)
        .filter(relationship__in=relationships)
        .filter(starts_at__gte=timezone.now() - timedelta(days=120))
    )
    dates = selectors.last_and_next_dates(sessions)
    shared_notes = list(
        selectors.note_list(viewer=member)
        .filter(relationship__in=relationships, visibility="shared_with_manager")
        .order_by("-shared_at")[:5]
    )
    to_confirm = [(r, statuses[r.pk]) for r in relationships if statuses[r.pk].waits_for(member)]
    shown_dates = {
        (r.pk, dates.get(r.pk, {}).get("last")) for r in relationships if r.reporting == "sessions"
    }
    audit_reads(
        viewer=member,
        objects=[*shared_notes, *(s for s in sessions if (s.relationship_id, s.starts_at) in shown_dates)],
        via="home",
    )
    return [
        HomeSection(
            "coaching/home/manager.html",
            {
                "rows": [
                    {"relationship": r, "status": statuses[r.pk], "last": dates.get(r.pk, {}).get("last")}
                    for r in relationships
                ],
                "to_confirm": to_confirm,
                "shared_notes": shared_notes,
            },
        )
    ]
