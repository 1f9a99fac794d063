"""Every safeguard rule at and around its thresholds (docs/PROGRAMMES.md).

The checks are pure functions of a Snapshot, so these tests build snapshots in memory:
no database, and every edge can be placed exactly.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from salescoach.accounts.models import User
from salescoach.organisations.models import Membership, Team
from salescoach.programmes import rubric, safeguards
from salescoach.programmes.models import (
    CoachGuidance,
    CoachTraining,
    IncentiveTerms,
    ManagerCapacity,
    Programme,
    ProgrammeCoach,
    SuitabilityAssessment,
)
from salescoach.programmes.safeguards import (
    Relationship,
    Snapshot,
    Status,
    SurveyRun,
    capacity_gap,
    period_of,
)

OK, ATTENTION, PROBLEM = Status.OK, Status.ATTENTION, Status.PROBLEM
TODAY = date(2026, 11, 25)  # in Q4 2026
START = date(2026, 1, 1)


def member(pk: int, name: str, reports_to: Membership | None = None) -> Membership:
    m = Membership(pk=pk, user=User(pk=pk, full_name=name, email=f"{pk}@example.com"))
    if reports_to is not None:
        m.reports_to = reports_to
    return m


SUPERIOR = member(1, "Sylvia Superior")
COACH = member(10, "Chris Coach")


def snapshot(models: list[str], *, superior: bool = True, **programme: Any) -> Snapshot:
    manager = member(2, "Mark Manager", SUPERIOR if superior else None)
    team = Team(pk=1, name="Team A", manager=manager)
    p = Programme(
        pk=1,
        team=team,
        coaching_models=models,
        goals="x",
        starts_on=programme.pop("starts_on", START),
        cadence_min_hours=programme.pop("cadence", Decimal(3)),
        period=programme.pop("period", "quarter"),
        alignment_interval_days=programme.pop("interval", 30),
        ride_along_target=programme.pop("rides", 3),
    )
    coaches = []
    for model in models:
        who = manager if model == "manager" else COACH
        coaches.append(ProgrammeCoach(programme=p, member=who, model=model, appointed_on=START))
    return Snapshot(programme=p, coaches=coaches, coachee_ids=[20, 21, 22, 23, 24], min_group_size=5)


def status(snap: Snapshot, check: Any, as_of: date = TODAY) -> Status:
    checks = check(snap, period_of(snap.programme, as_of), as_of)
    assert len(checks) == 1, checks
    return checks[0].status


def only(snap: Snapshot, check: Any, as_of: date = TODAY) -> safeguards.Check:
    checks = check(snap, period_of(snap.programme, as_of), as_of)
    assert len(checks) == 1
    return checks[0]


# --- every model ----------------------------------------------------------------------------------


def rel(started: date, confirmed: date | None, coach: int = 10, coachee: int = 20) -> Relationship:
    return Relationship(coach, coachee, started, confirmed, True)


def test_agreements_all_confirmed_some_waiting_and_late() -> None:
    snap = snapshot(["external_coach"])
    assert status(snap, safeguards.check_agreements) == ATTENTION  # no relationships yet
    snap.relationships = [rel(START, START + timedelta(days=3)), rel(START, START, coachee=21)]
    assert status(snap, safeguards.check_agreements) == OK
    snap.relationships.append(rel(TODAY - timedelta(days=30), None, coachee=22))
    assert status(snap, safeguards.check_agreements) == ATTENTION  # 30 days: still within grace
    snap.relationships[-1] = rel(TODAY - timedelta(days=31), None, coachee=22)
    check = only(snap, safeguards.check_agreements)
    assert check.status == PROBLEM and "2 of 3" in check.evidence[0]
    # Confirmed only after the day asked about: not yet confirmed then.
    snap.relationships[-1] = rel(START, TODAY)
    assert status(snap, safeguards.check_agreements, TODAY - timedelta(days=1)) == PROBLEM


@pytest.mark.parametrize(
    ("days_ago", "expected"), [(0, OK), (30, OK), (31, ATTENTION), (45, ATTENTION), (46, PROBLEM)]
)
def test_alignment_within_the_agreed_interval(days_ago: int, expected: Status) -> None:
    snap = snapshot(["manager", "external_coach"], interval=30)
    snap.alignments = {COACH.pk: [TODAY - timedelta(days=days_ago), TODAY - timedelta(days=200)]}
    checks = safeguards.check_alignment(snap, period_of(snap.programme, TODAY), TODAY)
    assert [c.subject for c in checks] == ["Chris Coach"]  # the coaching manager aligns with nobody
    assert checks[0].status == expected


def test_alignment_none_yet() -> None:
    snap = snapshot(["internal_coach"], interval=30)
    assert status(snap, safeguards.check_alignment, START + timedelta(days=30)) == ATTENTION
    assert status(snap, safeguards.check_alignment, START + timedelta(days=31)) == PROBLEM


# --- model 1: the manager coaches ------------------------------------------------------------------


def test_training_done_or_within_grace() -> None:
    snap = snapshot(["manager"])
    assert status(snap, safeguards.check_training, START + timedelta(days=90)) == ATTENTION
    assert status(snap, safeguards.check_training, START + timedelta(days=91)) == PROBLEM
    snap.trainings = {2: [CoachTraining(coach_id=2, completed_on=TODAY, provider="Academie")]}
    assert status(snap, safeguards.check_training, TODAY - timedelta(days=1)) == PROBLEM  # not yet then
    check = only(snap, safeguards.check_training)
    assert check.status == OK and "Academie" in check.evidence[0]


def guidance(kind: str, day: date, feedback: str = "") -> CoachGuidance:
    return CoachGuidance(kind=kind, held_on=day, feedback=feedback)


def test_coach_the_coach_per_period() -> None:
    snap = snapshot(["manager"])
    q4 = date(2026, 10, 1)
    assert status(snap, safeguards.check_guidance) == PROBLEM
    snap.guidance = [guidance("conversation", q4)]
    assert status(snap, safeguards.check_guidance) == ATTENTION
    snap.guidance.append(guidance("observed", q4 - timedelta(days=1), "Good questions"))  # Q3: another period
    assert status(snap, safeguards.check_guidance) == ATTENTION
    snap.guidance.append(guidance("observed", q4, ""))  # without feedback it does not count
    assert status(snap, safeguards.check_guidance) == ATTENTION
    snap.guidance.append(guidance("observed", TODAY, "Let the seller choose"))
    assert status(snap, safeguards.check_guidance) == OK
    assert (
        status(snap, safeguards.check_guidance, date(2026, 9, 30)) == ATTENTION
    )  # Q3: only the observed one


def test_coach_the_coach_without_a_superior() -> None:
    snap = snapshot(["manager"], superior=False)
    check = only(snap, safeguards.check_guidance)
    assert check.status == PROBLEM and "superior" in check.evidence[-1]


def capacity(snap: Snapshot, hours: str, tasks: list[tuple[str, int]] | None = None) -> None:
    record = ManagerCapacity(pk=1, recorded_on=START, hours_available=Decimal(hours))
    snap.capacities = [record]
    snap.tasks = {1: [(name, Decimal(h)) for name, h in tasks or []]}


@pytest.mark.parametrize(
    ("hours", "expected"),
    [("15", OK), ("16", OK), ("12", ATTENTION), ("11.9", PROBLEM), ("0", PROBLEM)],
)
def test_capacity_against_the_hours_needed(hours: str, expected: Status) -> None:
    # 5 coachees x 3 h = 15 h needed; 20% of that is 3 h.
    snap = snapshot(["manager"])
    capacity(snap, hours)
    assert status(snap, safeguards.check_capacity) == expected


def test_capacity_unknown_and_the_two_remedies_with_numbers() -> None:
    snap = snapshot(["manager"])
    assert status(snap, safeguards.check_capacity) == ATTENTION
    capacity(snap, "11", [("Forecast report", 4), ("Quotes", 3), ("CRM clean-up", 2)])
    check = only(snap, safeguards.check_capacity)
    assert check.status == PROBLEM
    assert "15 h" in check.evidence[0] and "11 h" in check.evidence[0] and "Short by 4 h" in check.evidence[1]
    assert "Forecast report (4 h)" in check.next_action and "Quotes" not in check.next_action
    assert "enough to close the gap" in check.next_action
    assert "covers 3 coachees" in check.next_action and "2 would move" in check.next_action


def test_capacity_gap_picks_tasks_until_the_gap_is_closed() -> None:
    tasks = [("a", Decimal(2)), ("b", Decimal(4)), ("c", Decimal(3))]
    gap = capacity_gap(coachees=5, cadence=Decimal(3), available=Decimal(10), tasks=tasks)
    assert gap.shortfall == 5 and [n for n, _h in gap.delegate] == ["b", "c"] and gap.delegate_closes_gap
    assert gap.span_that_fits == 3 and gap.hand_over == 2
    short = capacity_gap(coachees=5, cadence=Decimal(3), available=Decimal(3), tasks=tasks)
    assert short.delegate_hours == 9 and not short.delegate_closes_gap and short.span_that_fits == 1
    enough = capacity_gap(coachees=5, cadence=Decimal(3), available=Decimal(15), tasks=tasks)
    assert enough.shortfall == 0 and enough.delegate == [] and enough.hand_over == 0


def test_evaluation_on_a_coaching_day_is_counted_per_period() -> None:
    snap = snapshot(["manager"])
    assert status(snap, safeguards.check_separation) == OK
    snap.clashes = [date(2026, 9, 30)]  # Q3
    assert status(snap, safeguards.check_separation) == OK
    assert status(snap, safeguards.check_separation, date(2026, 9, 30)) == PROBLEM
    snap.clashes.append(date(2026, 10, 2))
    check = only(snap, safeguards.check_separation)
    assert check.status == PROBLEM and ": 1 evaluation" in check.evidence[0]


def test_manager_checks_only_for_the_manager_model() -> None:
    snap = snapshot(["external_coach"])
    period = period_of(snap.programme, TODAY)
    for check in (safeguards.check_guidance, safeguards.check_capacity, safeguards.check_separation):
        assert check(snap, period, TODAY) == []


# --- model 2: senior sellers -------------------------------------------------------------------------


def scores(value: int, **overrides: int) -> dict[str, int]:
    return {**dict.fromkeys(rubric.KEYS, value), **overrides}


def test_rubric_outcome_at_the_thresholds() -> None:
    # 3.5 overall is suitable; 3.375 is not.
    at = rubric.outcome([scores(4, listening=3, patience=3, integrity=3, credibility=3)])
    assert at is not None and at.overall == Decimal("3.50") and at.suitable
    below = rubric.outcome([scores(3, motivation=4, listening=4, patience=4)])
    assert below is not None and below.overall == Decimal("3.38") and not below.suitable
    # A criterion at 2.5 (mean of two assessors) passes; below it fails whatever the mean.
    floor = rubric.outcome([scores(5, integrity=2), scores(4, integrity=3)])
    assert floor is not None and floor.means["integrity"] == Decimal("2.50") and floor.suitable
    gap = rubric.outcome([scores(5, integrity=2)])
    assert (
        gap is not None
        and gap.overall > rubric.SUITABLE_AT
        and not gap.suitable
        and gap.weakest == ["integrity"]
    )
    # Future manager: suitable and at least 4.0 on that criterion.
    assert rubric.outcome([scores(4)]).future_manager  # type: ignore[union-attr]
    assert not rubric.outcome([scores(4, future_manager=3), scores(4, future_manager=4)]).future_manager  # type: ignore[union-attr]
    assert not rubric.outcome([scores(2, future_manager=5)]).future_manager  # type: ignore[union-attr]
    assert rubric.outcome([]) is None


@pytest.mark.parametrize("bad", [0, 6, -1, "x", None, True, 3.5])
def test_scores_outside_the_rubric_are_refused(bad: Any) -> None:
    clean, errors = rubric.clean_scores(scores(3, patience=bad))
    assert "patience" in errors and "patience" not in clean
    assert list(errors) == ["patience"]


def test_unknown_or_missing_criteria_are_refused() -> None:
    _clean, errors = rubric.clean_scores({"charm": 5})
    assert "scores" in errors and "motivation" in errors
    assert rubric.clean_scores("nope")[1] == {"scores": "Give a score for every criterion."}
    assert rubric.clean_scores(scores(5))[1] == {}


def assessment(day: date, values: dict[str, int]) -> SuitabilityAssessment:
    return SuitabilityAssessment(candidate_id=COACH.pk, assessed_on=day, scores=values)


def test_suitability_before_after_or_not_assessed() -> None:
    snap = snapshot(["senior_sellers"])
    assert status(snap, safeguards.check_suitability, START + timedelta(days=30)) == ATTENTION
    assert status(snap, safeguards.check_suitability, START + timedelta(days=31)) == PROBLEM
    snap.assessments = {COACH.pk: [assessment(START + timedelta(days=1), scores(4))]}
    assert status(snap, safeguards.check_suitability) == ATTENTION  # only after appointment
    snap.assessments[COACH.pk].append(assessment(START, scores(4)))
    check = only(snap, safeguards.check_suitability)
    assert check.status == OK and any("future manager" in e for e in check.evidence)
    snap.assessments = {COACH.pk: [assessment(START, scores(3))]}
    assert status(snap, safeguards.check_suitability) == PROBLEM


def test_incentive_terms_on_record() -> None:
    snap = snapshot(["senior_sellers"])
    assert status(snap, safeguards.check_incentive) == ATTENTION
    snap.incentives = {
        COACH.pk: IncentiveTerms(
            target_reduction_pct_per_coachee=Decimal("4.00"),
            max_target_reduction_pct=Decimal("20.00"),
            bonus_share_pct=Decimal("25.00"),
            bonus_amount=Decimal(6000),
        )
    }
    check = only(snap, safeguards.check_incentive)
    assert check.status == OK and "4%" in check.evidence[0] and "at most 20%" in check.evidence[0]


def test_training_is_checked_for_senior_sellers_too() -> None:
    snap = snapshot(["senior_sellers"])
    assert status(snap, safeguards.check_training, START + timedelta(days=91)) == PROBLEM
    assert (
        safeguards.check_training(snapshot(["internal_coach"]), period_of(snap.programme, TODAY), TODAY) == []
    )


# --- models 3 and 4: internal and external coach --------------------------------------------------------


@pytest.mark.parametrize(
    ("attended", "held", "expected"),
    [(3, 4, OK), (4, 4, OK), (14, 19, ATTENTION), (2, 4, ATTENTION), (1, 4, PROBLEM), (0, 3, PROBLEM)],
)
def test_part_of_the_team(attended: int, held: int, expected: Status) -> None:
    snap = snapshot(["internal_coach"])
    q4 = date(2026, 10, 1)
    snap.activities = [(q4 + timedelta(days=i), {COACH.pk} if i < attended else set()) for i in range(held)]
    snap.activities.append((q4 - timedelta(days=1), set()))  # Q3: not counted
    assert status(snap, safeguards.check_attendance) == expected


def test_part_of_the_team_without_meetings_recorded() -> None:
    assert status(snapshot(["external_coach"]), safeguards.check_attendance) == ATTENTION


@pytest.mark.parametrize(
    ("count", "expected"), [(4, OK), (3, OK), (2, ATTENTION), (1, PROBLEM), (0, PROBLEM)]
)
def test_ride_alongs_against_the_target(count: int, expected: Status) -> None:
    snap = snapshot(["external_coach"], rides=3)
    snap.ride_alongs = {
        COACH.pk: [date(2026, 10, 1) + timedelta(days=i) for i in range(count)] + [date(2026, 9, 1)]
    }
    assert status(snap, safeguards.check_ride_alongs) == expected


def test_ride_along_target_of_one_and_of_zero() -> None:
    snap = snapshot(["internal_coach"], rides=1)
    assert status(snap, safeguards.check_ride_alongs) == PROBLEM
    assert status(snapshot(["internal_coach"], rides=0), safeguards.check_ride_alongs) == OK


def run(
    mean: str | None, closed_days_ago: int = 10, key: str = "coach-acceptance", responses: int = 6
) -> SurveyRun:
    closed = TODAY - timedelta(days=closed_days_ago)
    return SurveyRun(key, closed, closed, responses, Decimal(mean) if mean is not None else None)


@pytest.mark.parametrize(
    ("mean", "expected"),
    [("4.20", OK), ("3.50", OK), ("3.49", ATTENTION), ("3.00", ATTENTION), ("2.99", PROBLEM)],
)
def test_trust_survey_thresholds(mean: str, expected: Status) -> None:
    snap = snapshot(["external_coach"])
    snap.surveys = [run("1.00", closed_days_ago=100), run(mean)]  # the newest counts
    assert status(snap, safeguards.check_survey) == expected


def test_survey_missing_unpublished_old_or_of_the_other_model() -> None:
    snap = snapshot(["internal_coach"])
    assert only(snap, safeguards.check_survey).evidence == ["No pulse survey in the last six months."]
    snap.surveys = [run("4.5", key="coach-acceptance")]  # the external coach's survey
    assert status(snap, safeguards.check_survey) == ATTENTION
    snap.surveys = [run(None, key="internal-coach-respect", responses=3)]
    assert "fewer answers" in only(snap, safeguards.check_survey).evidence[0]
    snap.surveys = [run("4.5", key="internal-coach-respect", closed_days_ago=183)]
    assert status(snap, safeguards.check_survey) == OK
    snap.surveys = [run("4.5", key="internal-coach-respect", closed_days_ago=184)]
    assert status(snap, safeguards.check_survey) == ATTENTION
    # A run that closes today is not closed yet on the day asked about.
    snap.surveys = [run("4.5", key="internal-coach-respect", closed_days_ago=0)]
    assert status(snap, safeguards.check_survey) == ATTENTION


def test_onboarding_of_an_external_coach() -> None:
    snap = snapshot(["external_coach"])
    day60, day61 = START + timedelta(days=60), START + timedelta(days=61)
    check = only(snap, safeguards.check_onboarding, day60)
    assert check.status == ATTENTION and "0 of 4" in check.evidence[0]
    assert status(snap, safeguards.check_onboarding, day61) == PROBLEM
    snap.coaches[0].introduced_on = START + timedelta(days=2)
    snap.relationships = [rel(START, START + timedelta(days=5))]
    snap.ride_alongs = {COACH.pk: [START + timedelta(days=20)]}
    snap.activities = [(START + timedelta(days=9), {COACH.pk})]
    assert status(snap, safeguards.check_onboarding, day61) == OK
    assert (
        status(snap, safeguards.check_onboarding, START + timedelta(days=10)) == ATTENTION
    )  # no ride-along yet
    assert (
        safeguards.check_onboarding(snapshot(["internal_coach"]), period_of(snap.programme, TODAY), TODAY)
        == []
    )


# --- health and trend ------------------------------------------------------------------------------------


def test_health_has_a_trend_per_check_from_the_programme_start() -> None:
    snap = snapshot(["manager"], starts_on=START)
    snap.guidance = [guidance("conversation", date(2026, 8, 1)), guidance("observed", date(2026, 8, 2), "ok")]
    checks = safeguards.health(snap, today=TODAY)
    by_key = {c.key: c for c in checks}
    assert [s for _label, s in by_key["guidance"].trend] == [PROBLEM, OK, PROBLEM]  # Q2, Q3, Q4
    assert [label for label, _s in by_key["guidance"].trend] == ["Q2 2026", "Q3 2026", "Q4 2026"]
    late = snapshot(["manager"], starts_on=date(2026, 9, 15))
    assert len(safeguards.health(late, today=TODAY)[0].trend) == 2  # Q3 and Q4 only
    assert safeguards.worst(checks) == PROBLEM
    assert sum(safeguards.counts(checks).values()) == len(checks)


def test_a_monthly_programme_checks_per_month() -> None:
    snap = snapshot(["external_coach"], period="month", rides=1)
    snap.ride_alongs = {COACH.pk: [date(2026, 10, 31)]}
    assert status(snap, safeguards.check_ride_alongs) == PROBLEM  # November has none
    assert status(snap, safeguards.check_ride_alongs, date(2026, 10, 31)) == OK
