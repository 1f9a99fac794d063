"""Fixtures of the coaching tests: the people of tests/conftest.py in coaching
relationships, and helpers to build sessions and content quickly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from salescoach.coaching import services
from salescoach.coaching.models import CoachingRelationship, CoachingSession, TriadAgreement
from salescoach.organisations.models import Membership, Role
from tests.conftest import People
from tests.factories import MembershipFactory


@dataclass
class Coaching:
    people: People
    relationship: CoachingRelationship  # people.coach coaches people.seller
    agreement: TriadAgreement  # confirmed by seller, manager and coach
    other_coach: Membership  # an internal coach of the same organisation, not the seller's
    other_relationship: CoachingRelationship  # other_coach coaches people.colleague

    @property
    def seller(self) -> Membership:
        return self.people.seller

    @property
    def coach(self) -> Membership:
        return self.people.coach

    @property
    def manager(self) -> Membership:
        return self.people.manager


def at(days: int = 1, hour: int = 10, minute: int = 0) -> datetime:
    """An aware datetime ``days`` from today at a fixed local time."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def plan_session(
    relationship: CoachingRelationship,
    actor: Membership,
    *,
    days: int = 1,
    hour: int = 10,
    minutes: int = 60,
    kind: str = "one_to_one",
    **extra: object,
) -> CoachingSession:
    starts = at(days, hour)
    return services.session_plan(
        actor=actor,
        relationship=relationship,
        kind=kind,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=minutes),
        **extra,  # type: ignore[arg-type]
    )


def past_session(session: CoachingSession, *, days_ago: int = 1) -> CoachingSession:
    """Move a session into the past, as if time had passed (tests only)."""
    starts = at(-days_ago, 10)
    CoachingSession.objects.filter(pk=session.pk).update(
        starts_at=starts, ends_at=starts + timedelta(hours=1), remind_at=None
    )
    session.refresh_from_db()
    return session


def make_coaching(people: People) -> Coaching:
    relationship = services.relationship_create(
        actor=people.owner, coach_id=people.coach.pk, coachee_id=people.seller.pk
    )
    agreement = services.agreement_propose(
        actor=people.coach,
        relationship=relationship,
        result_to_reach="Meer nieuwe klanten door betere gesprekken.",
        manager_role="Targets en pijplijn.",
        coach_role="Groei van de verkoper.",
        review_on=timezone.localdate() + timedelta(days=90),
    )
    services.agreement_confirm(actor=people.seller, agreement=agreement)
    services.agreement_confirm(actor=people.manager, agreement=agreement)
    agreement.refresh_from_db()
    other_coach = MembershipFactory(
        organisation=people.org, user__email="other.coach@example.com", roles=[Role.INTERNAL_COACH]
    )
    other_relationship = services.relationship_create(
        actor=people.owner, coach_id=other_coach.pk, coachee_id=people.colleague.pk
    )
    relationship.refresh_from_db()
    return Coaching(people, relationship, agreement, other_coach, other_relationship)


@pytest.fixture
def coaching(people: People) -> Coaching:
    return make_coaching(people)
