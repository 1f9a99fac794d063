"""Organisations with a known coaching effect, built in the database with the factories
(tests/factories.py) and bulk inserts: sellers, coaching relationships, monthly targets
and closed deals whose amounts carry the effect from the month coaching started."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import numpy as np
from django.utils import timezone

from salescoach.coaching.models import (
    CoachingRelationship,
    CoachingSession,
    Commitment,
    CommitmentStatus,
    Observation,
    ObservationEntry,
    Perspective,
    SessionKind,
    SessionRating,
)
from salescoach.organisations.models import Membership, Organisation, Role, Team
from salescoach.privacy.visibility import Visibility
from salescoach.results.models import FunnelStage, Opportunity, PeriodKind, StageKind, Target
from salescoach.results.rollup import refresh_monthly_results
from salescoach.results.services import funnel_ensure
from tests.factories import MembershipFactory

TARGET = 10_000


def first_of(month_number: int) -> date:
    return date(month_number // 12, month_number % 12 + 1, 1)


@dataclass
class World:
    organisation: Organisation
    team: Team
    coach: Membership
    sellers: list[Membership]
    starts: dict[int, int | None]  # seller pk -> month number coaching started
    first_month: int
    months: int
    effect: float
    relationships: list[CoachingRelationship] = field(default_factory=list)

    @property
    def coached(self) -> list[Membership]:
        return [s for s in self.sellers if self.starts[s.pk] is not None]


def build_world(
    *,
    organisation: Organisation,
    team: Team,
    n_sellers: int = 30,
    months: int = 24,
    first: date = date(2024, 1, 1),
    effect: float = 0.2,
    noise: float = 0.03,
    coached_share: float = 0.5,
    seed: int = 3,
    coach: Membership | None = None,
) -> World:
    """``n_sellers`` sellers in ``team`` with a target of 10,000 each month and one won and
    one lost deal a month. Attainment = the seller's level + a common season + noise, plus
    ``effect`` from the month their coaching starts (staggered over the middle third)."""
    rng = np.random.default_rng(seed)
    org = organisation
    stages = funnel_ensure(organisation_id=org.pk)
    won_stage = next(s for s in stages if s.kind == StageKind.WON)
    lost_stage = next(s for s in stages if s.kind == StageKind.LOST)
    coach = coach or MembershipFactory(organisation=org, roles=[Role.INTERNAL_COACH])
    sellers = [
        MembershipFactory(organisation=org, roles=[Role.SELLER], team=team, reports_to=team.manager)
        for _ in range(n_sellers)
    ]
    first_month = first.year * 12 + first.month - 1
    n_coached = int(round(n_sellers * coached_share))
    starts: dict[int, int | None] = {}
    for k, seller in enumerate(sellers):
        starts[seller.pk] = first_month + months // 3 + (k % (months // 3)) if k < n_coached else None
    world = World(org, team, coach, sellers, starts, first_month, months, effect)
    for seller in world.coached:
        world.relationships.append(
            CoachingRelationship.objects.create(
                organisation=org,
                coach=coach,
                coachee=seller,
                team=team,
                coach_kind="internal_coach",
                started_on=first_of(starts[seller.pk]) + timedelta(days=2),  # type: ignore[arg-type]
            )
        )
    season = rng.normal(0, 0.05, months)
    targets, deals = [], []
    for seller in sellers:
        level = 0.9 + rng.normal(0, 0.1)
        for j in range(months):
            month = first_month + j
            start = starts[seller.pk]
            value = level + season[j] + rng.normal(0, noise)
            if start is not None and month >= start:
                value += effect
            day = first_of(month)
            targets.append(
                Target(
                    organisation=org,
                    member=seller,
                    period_kind=PeriodKind.MONTH,
                    period_start=day,
                    amount=Decimal(TARGET),
                )
            )
            amount = Decimal(str(round(TARGET * max(value, 0.01), 2)))
            close = day + timedelta(days=14)
            deals.append(_deal(org, seller, won_stage, f"W-{seller.pk}-{j}", amount, close, 40))
            deals.append(_deal(org, seller, lost_stage, f"L-{seller.pk}-{j}", Decimal(5000), close, None))
    Target.objects.bulk_create(targets)
    Opportunity.objects.bulk_create(deals)
    refresh_monthly_results(organisation_id=org.pk)  # what an import does
    return world


def _deal(
    org: Organisation,
    owner: Membership,
    stage: FunnelStage,
    crm_id: str,
    amount: Decimal,
    close: date,
    cycle: int | None,
) -> Opportunity:
    return Opportunity(
        organisation=org,
        crm_id=crm_id,
        name=crm_id,
        owner=owner,
        stage=stage,
        crm_stage=stage.name,
        status=stage.kind,
        amount=amount,
        amount_base=amount,
        close_date=close,
        created_date=close - timedelta(days=cycle) if cycle else None,
        cycle_days=cycle,
    )


def add_coaching_activity(world: World, *, shared: bool = True, per_month: int = 2) -> None:
    """Sessions (an hour each), ratings, commitments and ride-along scores for every
    coached seller from their start: shared with the manager when ``shared``."""
    sessions, ratings, commitments, observations = [], [], [], []
    visibility = Visibility.SHARED_WITH_MANAGER if shared else Visibility.COACH_AND_SELLER
    tz = timezone.get_current_timezone()
    end = world.first_month + world.months
    for rel in world.relationships:
        start = world.starts[rel.coachee_id]
        assert start is not None
        for month in range(start, end):
            for k in range(per_month):
                day = first_of(month) + timedelta(days=3 + 10 * k)
                begins = datetime.combine(day, time(9, 0), tzinfo=tz)
                kind = SessionKind.RIDE_ALONG if k == 1 else SessionKind.ONE_TO_ONE
                sessions.append(
                    CoachingSession(
                        relationship=rel, kind=kind, starts_at=begins, ends_at=begins + timedelta(hours=1)
                    )
                )
    CoachingSession.objects.bulk_create(sessions)
    for index, session in enumerate(sessions):
        rel = session.relationship
        ratings.append(SessionRating(session=session, useful=index % 4 != 0, rated_by=rel.coachee))
        commitments.append(
            Commitment(
                relationship=rel,
                session=session,
                text="plan",
                due_on=session.starts_at.date() + timedelta(days=7),
                created_by=rel.coachee,
                status=CommitmentStatus.DONE if index % 3 else CommitmentStatus.NOT_DONE,
                visibility=visibility,
            )
        )
        if session.kind == SessionKind.RIDE_ALONG:
            observations.append(
                Observation(
                    session=session,
                    visibility=visibility,
                    self_assessed_at=session.ends_at,
                    observed_at=session.ends_at,
                )
            )
    SessionRating.objects.bulk_create(ratings)
    Commitment.objects.bulk_create(commitments)
    Observation.objects.bulk_create(observations)
    entries = []
    for index, observation in enumerate(observations):
        for perspective, score in ((Perspective.SELF, 4), (Perspective.COACH, 2 + index % 3)):
            entries.append(
                ObservationEntry(
                    observation=observation, area="needs_discovery", perspective=perspective, score=score
                )
            )
    ObservationEntry.objects.bulk_create(entries)
