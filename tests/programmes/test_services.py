"""Programme and evidence services: rights, validation, nothing half-saved."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from salescoach.programmes import services
from salescoach.programmes.models import (
    CoachGuidance,
    IncentiveTerms,
    ManagerCapacity,
    Programme,
    ProgrammeCoach,
    ProgrammeCoachee,
    SuitabilityAssessment,
)
from tests.conftest import People
from tests.programmes.helpers import days_ago, make_programme, senior

pytestmark = pytest.mark.django_db


def test_a_programme_with_the_manager_and_an_external_coach(people: People) -> None:
    programme = make_programme(people)
    coaches = {(c.member_id, c.model) for c in programme.coaches.all()}
    assert coaches == {(people.manager.pk, "manager"), (people.coach.pk, "external_coach")}
    assert set(programme.coachees.values_list("member_id", flat=True)) == {
        people.seller.pk,
        people.colleague.pk,
    }
    assert programme.coaching_models == ["manager", "external_coach"]
    assert programme.cadence_min_hours == 3 and programme.cadence_max_hours == 5


def nothing_saved() -> None:
    assert not Programme.objects.exists()
    assert not ProgrammeCoach.objects.exists() and not ProgrammeCoachee.objects.exists()


def test_a_model_without_a_coach_is_refused(people: People) -> None:
    with pytest.raises(ValidationError) as error:
        make_programme(people, ["external_coach"], coaches=[])
    assert "“An external coach” has no coach" in error.value.message_dict["coaches"][0]
    nothing_saved()


def test_a_coach_in_a_model_they_do_not_hold_is_refused(people: People) -> None:
    with pytest.raises(ValidationError) as error:
        make_programme(people, ["senior_sellers"], coaches=[(people.coach.pk, "senior_sellers")])
    message = error.value.message_dict["coaches"][0]
    assert "cannot coach as “Successful senior sellers coach”" in message and "Senior seller" in message
    nothing_saved()
    with pytest.raises(ValidationError) as error:
        make_programme(people, ["manager"], coaches=[(people.other_manager.pk, "manager")])
    assert "only the team's manager" in error.value.message_dict["coaches"][0]
    with pytest.raises(ValidationError) as error:
        make_programme(people, ["manager"], coaches=[(people.coach.pk, "external_coach")])
    assert "does not use" in error.value.message_dict["coaches"][0]
    nothing_saved()


def test_other_bad_input_is_reported_at_once(people: People) -> None:
    with pytest.raises(ValidationError) as error:
        make_programme(
            people,
            ["nonsense"],
            goals="",
            cadence_min_hours=4,
            cadence_max_hours=3,
            period="year",
            coaches=[],
        )
    assert set(error.value.message_dict) >= {"coaching_models", "goals", "period"}
    with pytest.raises(ValidationError) as error:
        make_programme(people, ["manager"], cadence_min_hours=4, cadence_max_hours=3)
    assert error.value.message_dict == {"cadence_max_hours": ["The maximum cannot be below the minimum."]}
    with pytest.raises(ValidationError):
        make_programme(people, [], coaches=[])
    nothing_saved()


def test_who_may_set_up_a_programme(people: People) -> None:
    make_programme(people, ["manager"], actor=people.manager)  # their own team
    with pytest.raises(ValidationError):
        make_programme(people, ["manager"])  # one per team
    with pytest.raises(Http404):
        make_programme(people, ["manager"], actor=people.other_manager)  # not their team: not visible
    with pytest.raises(PermissionDenied):
        make_programme(people, ["manager"], actor=people.seller, team_id=people.team.pk)
    with pytest.raises(Http404):
        make_programme(people, ["manager"], actor=people.outsider)


def test_update_replaces_models_and_coaches(people: People) -> None:
    programme = make_programme(people)
    femke = senior(people)
    services.programme_update(
        actor=people.owner,
        programme=programme,
        coaching_models=["senior_sellers"],
        goals="Peers coach peers.",
        starts_on=programme.starts_on,
        cadence_min_hours=Decimal("3.5"),
        cadence_max_hours=5,
        period="month",
        alignment_interval_days=21,
        ride_along_target=2,
        coaches=[(femke.pk, "senior_sellers")],
    )
    programme.refresh_from_db()
    assert programme.coaching_models == ["senior_sellers"] and programme.period == "month"
    assert list(programme.coaches.values_list("member_id", "model")) == [(femke.pk, "senior_sellers")]
    # The senior seller who coaches is not a coachee of the programme.
    assert femke.pk not in set(programme.coachees.values_list("member_id", flat=True))
    with pytest.raises(PermissionDenied):
        services.programme_update(
            actor=people.colleague,
            programme=programme,
            coaching_models=["manager"],
            goals="x",
            starts_on=programme.starts_on,
            cadence_min_hours=3,
            cadence_max_hours=5,
            period="month",
            alignment_interval_days=30,
            ride_along_target=3,
            coaches=[],
        )


def test_assessment_scores_outside_the_rubric_save_nothing(people: People) -> None:
    femke = senior(people)
    programme = make_programme(people, ["senior_sellers"], coaches=[(femke.pk, "senior_sellers")])
    scores = dict.fromkeys(
        [
            "motivation",
            "listening",
            "patience",
            "integrity",
            "credibility",
            "capacity",
            "potential",
            "future_manager",
        ],
        4,
    )
    with pytest.raises(ValidationError) as error:
        services.assessment_record(
            actor=people.manager,
            programme=programme,
            candidate_id=femke.pk,
            assessed_on=days_ago(1),
            scores={**scores, "integrity": 7, "patience": 0},
        )
    assert error.value.message_dict["integrity"] == ["7 is outside the rubric: give a score from 1 to 5."]
    assert "patience" in error.value.message_dict
    assert not SuitabilityAssessment.objects.exists()
    with pytest.raises(PermissionDenied):  # a candidate does not assess themselves
        services.assessment_record(
            actor=femke, programme=programme, candidate_id=femke.pk, assessed_on=days_ago(1), scores=scores
        )
    assessment = services.assessment_record(
        actor=people.manager,
        programme=programme,
        candidate_id=femke.pk,
        assessed_on=days_ago(1),
        scores=scores,
    )
    assert assessment.scores["integrity"] == 4
    with pytest.raises(ValidationError):  # the same assessor on the same day
        services.assessment_record(
            actor=people.manager,
            programme=programme,
            candidate_id=femke.pk,
            assessed_on=days_ago(1),
            scores=scores,
        )
    with pytest.raises(ValidationError):  # the seller holds no senior-seller role
        services.assessment_record(
            actor=people.owner,
            programme=programme,
            candidate_id=people.seller.pk,
            assessed_on=days_ago(1),
            scores=scores,
        )


def test_incentive_terms_refuse_a_negative_reduction_and_a_share_over_100(people: People) -> None:
    femke = senior(people)
    programme = make_programme(people, ["senior_sellers"], coaches=[(femke.pk, "senior_sellers")])

    def terms(**values: object) -> IncentiveTerms:
        data = {"target_reduction_pct_per_coachee": 4, "bonus_amount": 6000, "bonus_share_pct": 25, **values}
        return services.incentive_set(actor=people.owner, programme=programme, coach_id=femke.pk, **data)

    with pytest.raises(ValidationError) as error:
        terms(target_reduction_pct_per_coachee=-5, bonus_share_pct=101)
    assert error.value.message_dict["target_reduction_pct_per_coachee"] == [
        "A target reduction cannot be negative: coaching should lower the target, never raise it."
    ]
    assert error.value.message_dict["bonus_share_pct"] == ["A share of the bonus cannot be more than 100%."]
    with pytest.raises(ValidationError):
        terms(bonus_amount="NaN")
    assert not IncentiveTerms.objects.exists()
    assert terms().bonus_share_pct == 25
    assert terms(bonus_share_pct=100).bonus_share_pct == 100  # the edge is allowed, and updates
    assert IncentiveTerms.objects.count() == 1
    with pytest.raises(PermissionDenied):  # payroll terms are the programme owner's
        services.incentive_set(
            actor=people.manager,
            programme=programme,
            coach_id=femke.pk,
            target_reduction_pct_per_coachee=4,
            bonus_amount=1,
            bonus_share_pct=1,
        )
    with pytest.raises(ValidationError):  # only senior-seller coaches have incentive terms
        services.incentive_set(
            actor=people.owner,
            programme=programme,
            coach_id=people.manager.pk,
            target_reduction_pct_per_coachee=4,
            bonus_amount=1,
            bonus_share_pct=1,
        )


def test_coach_the_coach_is_recorded_by_the_superior(people: People) -> None:
    programme = make_programme(people, ["manager"])
    with pytest.raises(PermissionDenied):
        services.guidance_record(
            actor=people.manager, programme=programme, kind="conversation", held_on=days_ago(2)
        )
    with pytest.raises(ValidationError) as error:
        services.guidance_record(
            actor=people.owner, programme=programme, kind="observed", held_on=days_ago(2)
        )
    assert "feedback" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.guidance_record(
            actor=people.owner, programme=programme, kind="conversation", held_on=days_ago(-3)
        )
    assert "future" in error.value.message_dict["held_on"][0]
    record = services.guidance_record(
        actor=people.owner,
        programme=programme,
        kind="observed",
        held_on=days_ago(2),
        feedback="Asked, did not tell.",
    )
    assert record.guide == people.owner and record.coach == people.manager
    assert CoachGuidance.objects.count() == 1


def test_capacity_with_tasks_all_or_nothing(people: People) -> None:
    programme = make_programme(people, ["manager"])
    with pytest.raises(ValidationError) as error:
        services.capacity_record(
            actor=people.manager, programme=programme, hours_available=8, tasks=[("Forecast", 4), ("", "x")]
        )
    assert "tasks" in error.value.message_dict and not ManagerCapacity.objects.exists()
    with pytest.raises(ValidationError):
        services.capacity_record(actor=people.manager, programme=programme, hours_available=-1)
    capacity = services.capacity_record(
        actor=people.manager, programme=programme, hours_available="8", tasks=[("Forecast", "4")]
    )
    assert [t.name for t in capacity.tasks.all()] == ["Forecast"]


def test_evidence_is_for_the_people_running_the_programme(people: People) -> None:
    programme = make_programme(people)
    for actor in (people.seller, people.colleague, people.coach, people.other_manager):
        with pytest.raises(PermissionDenied):
            services.activity_record(actor=actor, programme=programme, held_on=days_ago(1), coach_ids=[])
    activity = services.activity_record(
        actor=people.manager, programme=programme, held_on=days_ago(1), coach_ids=[people.coach.pk]
    )
    assert list(activity.coaches_present.all()) == [people.coach]
    with pytest.raises(ValidationError):
        services.activity_record(
            actor=people.manager, programme=programme, held_on=days_ago(1), coach_ids=[people.seller.pk]
        )
    with pytest.raises(ValidationError):  # the coaching manager needs no alignment with themselves
        services.alignment_record(
            actor=people.manager, programme=programme, coach_id=people.manager.pk, held_on=days_ago(1)
        )
    services.alignment_record(
        actor=people.manager, programme=programme, coach_id=people.coach.pk, held_on=days_ago(1)
    )
    services.introduction_record(
        actor=people.owner, programme=programme, coach_id=people.coach.pk, introduced_on=days_ago(3)
    )
    assert programme.coaches.get(member=people.coach).introduced_on == days_ago(3)
    with pytest.raises(ValidationError):
        services.training_record(
            actor=people.owner,
            programme=programme,
            coach_id=people.seller.pk,
            completed_on=days_ago(3),
            provider="X",
        )
