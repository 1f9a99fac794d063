"""Demo coaching programmes at Noordwind: one per team, each with its own mix of healthy
and problematic safeguards, so that the overview shows what the checks are for.

- Team Noord (the manager coaches): trained, but no observed session this period, too
  few hours for coaching (delegable tasks named), one relationship without an agreement.
- Team Oost (senior sellers): Femke Smit assessed before appointment (and a possible
  future manager), trained, with incentive terms; Bas Hendriks assessed only afterwards,
  no training, no incentive terms yet, alignment overdue.
- Team Zuid (an internal coach): Lotte de Graaf part of every team meeting, riding along,
  respected by the team: the healthy one.
- Team West (the manager plus an external coach): the manager never had coaching
  training; the external coach skips most team meetings, has not aligned with the
  manager for ten weeks and one triad agreement still waits for the manager.
- Adviesteam (an external coach, just started): onboarding under way, no pulse survey yet.

Idempotent: a team that has a programme is left alone. Everything is dated relative to
the day the demo is loaded and written directly (no e-mails).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from salescoach.organisations.models import COACHEE_ROLES, Membership, MembershipStatus, Organisation, Team
from salescoach.programmes.models import (
    ActivityKind,
    AlignmentMeeting,
    CoachGuidance,
    CoachTraining,
    DelegableTask,
    GuidanceKind,
    IncentiveTerms,
    ManagerCapacity,
    Programme,
    ProgrammeCoach,
    ProgrammeCoachee,
    SuitabilityAssessment,
    TeamActivity,
)
from salescoach.results.periods import quarter_of

NW = "@noordwind.example"
INGRID = "coach@kompas-coaching.example"
DIRECTOR = f"director{NW}"


def nw(local: str) -> str:
    return f"{local}{NW}"


def _programme(
    team: Team,
    models: list[str],
    goals: str,
    starts_on: date,
    coaches: list[tuple[Membership, str, date]],
    **extra: Any,
) -> Programme:
    programme = Programme.objects.create(
        organisation_id=team.organisation_id,
        team=team,
        coaching_models=models,
        goals=goals,
        starts_on=starts_on,
        **extra,
    )
    coach_ids = set()
    for member, model, appointed_on in coaches:
        ProgrammeCoach.objects.create(
            programme=programme, member=member, model=model, appointed_on=appointed_on
        )
        coach_ids.add(member.pk)
    coachees = (
        Membership.objects.filter(
            team=team, status=MembershipStatus.ACTIVE, role_assignments__role__in=COACHEE_ROLES
        )
        .exclude(pk=team.manager_id)
        .exclude(pk__in=coach_ids)
        .distinct()
    )
    ProgrammeCoachee.objects.bulk_create([ProgrammeCoachee(programme=programme, member=m) for m in coachees])
    return programme


def _meetings(programme: Programme, today: date, present: dict[int, float], weeks: int = 30) -> None:
    """A team meeting every other Monday for ``weeks`` weeks; each coach present in the
    given share of them (spread evenly, the latest ones first)."""
    monday = today - timedelta(days=today.weekday() + 7)
    titles = ["Teamoverleg", "Pipeline-review met het team", "Teamoverleg en kennisdeling"]
    counts: dict[int, float] = dict.fromkeys(present, 0.0)
    for index in range(0, weeks, 2):
        day = monday - timedelta(weeks=index)
        activity = TeamActivity.objects.create(
            programme=programme,
            kind=ActivityKind.MEETING,
            held_on=day,
            title=titles[(index // 2) % len(titles)],
        )
        attending = []
        for member_id, share in present.items():
            counts[member_id] += share
            if counts[member_id] >= 1:
                counts[member_id] -= 1
                attending.append(member_id)
        activity.coaches_present.set(attending)


def _assess(
    programme: Programme, candidate: Membership, assessor: Membership, day: date, scores: list[int]
) -> None:
    keys = [
        "motivation",
        "listening",
        "patience",
        "integrity",
        "credibility",
        "capacity",
        "potential",
        "future_manager",
    ]
    SuitabilityAssessment.objects.create(
        programme=programme,
        candidate=candidate,
        assessor=assessor,
        assessed_on=day,
        scores=dict(zip(keys, scores, strict=True)),
    )


def load(stdout: object | None = None) -> None:
    organisation = Organisation.objects.filter(slug="noordwind").first()
    if organisation is None:
        return
    members = {
        m.user.email: m for m in Membership.objects.filter(organisation=organisation).select_related("user")
    }
    teams = {t.name: t for t in Team.objects.filter(organisation=organisation).select_related("manager")}
    today = timezone.localdate()
    quarter = quarter_of(today)
    this_quarter = quarter.start + timedelta(days=min(10, (today - quarter.start).days))
    last_quarter = quarter.previous().start + timedelta(days=20)
    director = members.get(DIRECTOR)
    if director is None or len(teams) < 5:
        return

    def fresh(name: str) -> Team | None:
        team = teams.get(name)
        return team if team is not None and not Programme.objects.filter(team=team).exists() else None

    # Team Noord: the manager coaches.
    if (team := fresh("Team Noord")) is not None:
        jeroen = team.manager
        start = today - timedelta(days=300)
        programme = _programme(
            team,
            ["manager"],
            "Elke accountmanager werkt aan één eigen ontwikkelpunt per kwartaal; meer cross-sell bij "
            "bestaande klanten in het noorden zonder dat het teamoverleg alleen over de forecast gaat.",
            start,
            [(jeroen, "manager", start)],
        )
        CoachTraining.objects.create(
            organisation=organisation,
            coach=jeroen,
            completed_on=start - timedelta(days=60),
            provider="Kompas Academie – Coachend leidinggeven",
            recorded_by=director,
        )
        for day in (last_quarter, quarter.previous().previous().start + timedelta(days=25), this_quarter):
            if day <= today:
                CoachGuidance.objects.create(
                    programme=programme,
                    coach=jeroen,
                    guide=director,
                    kind=GuidanceKind.CONVERSATION,
                    held_on=day,
                )
        for day in (
            last_quarter + timedelta(days=30),
            quarter.previous().previous().start + timedelta(days=50),
        ):
            CoachGuidance.objects.create(
                programme=programme,
                coach=jeroen,
                guide=director,
                kind=GuidanceKind.OBSERVED,
                held_on=day,
                feedback="Goede open vragen in de opening; bij bezwaren schoot Jeroen snel in het geven van "
                "oplossingen. Afgesproken: eerst doorvragen, dan pas opties op tafel.",
            )
        earlier = ManagerCapacity.objects.create(
            programme=programme, recorded_on=start, hours_available=Decimal("9"), recorded_by=director
        )
        DelegableTask.objects.create(
            capacity=earlier, name="Wekelijkse forecastrapportage", hours_per_month=4
        )
        capacity = ManagerCapacity.objects.create(
            programme=programme,
            recorded_on=today - timedelta(days=40),
            hours_available=Decimal("11"),
            recorded_by=director,
        )
        for name, hours in (
            ("Wekelijkse forecastrapportage", 4),
            ("Offertes controleren voor de binnendienst", 3),
            ("CRM-opschoning na de kwartaalafsluiting", 2),
        ):
            DelegableTask.objects.create(capacity=capacity, name=name, hours_per_month=hours)

    # Team Oost: senior sellers coach.
    if (team := fresh("Team Oost")) is not None:
        sandra = team.manager
        femke, bas = members.get(nw("femke.smit")), members.get(nw("peercoach"))
        start = today - timedelta(days=270)
        if femke is not None and bas is not None:
            programme = _programme(
                team,
                ["senior_sellers"],
                "Nieuwe accountmanagers sneller zelfstandig laten prospecten, met collega's die het vak "
                "kennen als coach; tegelijk zicht op wie later een team zou kunnen leiden.",
                start,
                [(femke, "senior_sellers", start), (bas, "senior_sellers", start)],
                alignment_interval_days=30,
            )
            _assess(programme, femke, sandra, start - timedelta(days=21), [5, 4, 4, 5, 5, 4, 4, 5])
            _assess(programme, femke, director, start - timedelta(days=14), [4, 4, 5, 5, 4, 4, 5, 4])
            _assess(programme, bas, sandra, start + timedelta(days=45), [4, 3, 3, 5, 4, 3, 4, 3])
            CoachTraining.objects.create(
                organisation=organisation,
                coach=femke,
                completed_on=start - timedelta(days=5),
                provider="Salesacademie Oost – Peer coaching",
                recorded_by=director,
            )
            IncentiveTerms.objects.create(
                programme=programme,
                coach=femke,
                target_reduction_pct_per_coachee=Decimal("4"),
                max_target_reduction_pct=Decimal("20"),
                bonus_amount=Decimal("6000"),
                bonus_share_pct=Decimal("25"),
                full_payout_improvement_pts=Decimal("10"),
            )
            for coach, days in ((femke, [10, 38, 70, 100]), (bas, [40, 95])):
                for ago in days:
                    AlignmentMeeting.objects.create(
                        programme=programme, coach=coach, manager=sandra, held_on=today - timedelta(days=ago)
                    )

    # Team Zuid: an internal coach.
    if (team := fresh("Team Zuid")) is not None and (lotte := members.get(nw("lotte.degraaf"))) is not None:
        start = today - timedelta(days=330)
        programme = _programme(
            team,
            ["internal_coach"],
            "Binnendienst en buitendienst leren van elkaars klantgesprekken; elke verkoper krijgt "
            "minstens eens per maand de coach mee naar een klant.",
            start,
            [(lotte, "internal_coach", start)],
            ride_along_target=2,
        )
        ProgrammeCoach.objects.filter(programme=programme, member=lotte).update(
            introduced_on=start + timedelta(days=3)
        )
        _meetings(programme, today, {lotte.pk: 0.9})
        for ago in (8, 36, 65, 95, 126):
            AlignmentMeeting.objects.create(
                programme=programme, coach=lotte, manager=team.manager, held_on=today - timedelta(days=ago)
            )

    # Team West: the manager plus an external coach.
    if (team := fresh("Team West")) is not None and (ingrid := members.get(INGRID)) is not None:
        mark = team.manager
        start = today - timedelta(days=200)
        programme = _programme(
            team,
            ["manager", "external_coach"],
            "Meer nieuwe zakelijke klanten in de Randstad; de externe coach werkt aan gespreksvaardigheid, "
            "de manager aan pipeline en afspraken. Eén verhaal naar het team.",
            start,
            [(mark, "manager", start), (ingrid, "external_coach", start)],
        )
        ProgrammeCoach.objects.filter(programme=programme, member=ingrid).update(
            introduced_on=start + timedelta(days=7)
        )
        CoachGuidance.objects.create(
            programme=programme,
            coach=mark,
            guide=director,
            kind=GuidanceKind.CONVERSATION,
            held_on=this_quarter,
        )
        CoachGuidance.objects.create(
            programme=programme,
            coach=mark,
            guide=director,
            kind=GuidanceKind.CONVERSATION,
            held_on=last_quarter,
        )
        ManagerCapacity.objects.create(
            programme=programme, recorded_on=start, hours_available=Decimal("6"), recorded_by=director
        )
        _meetings(programme, today, {ingrid.pk: 0.3})
        for ago in (70, 120, 160):
            AlignmentMeeting.objects.create(
                programme=programme, coach=ingrid, manager=mark, held_on=today - timedelta(days=ago)
            )

    # Adviesteam: an external coach who has just started.
    if (team := fresh("Adviesteam")) is not None and (ingrid := members.get(INGRID)) is not None:
        start = today - timedelta(days=25)
        programme = _programme(
            team,
            ["external_coach"],
            "Consultants durven het gesprek over een vervolgopdracht aan te gaan, zonder zich verkoper "
            "te hoeven voelen; elk kwartaal minstens één eigen vervolgvoorstel per consultant.",
            start,
            [(ingrid, "external_coach", start)],
            period="month",
            ride_along_target=1,
        )
        # Not yet introduced to management: onboarding is under way.
        _meetings(programme, today, {ingrid.pk: 1.0}, weeks=4)
        AlignmentMeeting.objects.create(
            programme=programme, coach=ingrid, manager=team.manager, held_on=today - timedelta(days=5)
        )
