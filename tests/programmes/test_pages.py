"""Programme pages: the overview, set-up (also from the advisor), health, evidence, export."""

from __future__ import annotations

import pytest
from django.utils import timezone

from salescoach.organisations.models import Team
from salescoach.programmes import services
from salescoach.programmes.models import CoachTraining, IncentiveTerms, Programme
from tests.conftest import People
from tests.factories import MembershipFactory, TeamFactory
from tests.programmes.helpers import days_ago, make_programme, senior

pytestmark = pytest.mark.django_db


def url(people: People, tail: str = "") -> str:
    return f"/o/{people.org.slug}/programmes/{tail}"


def test_overview_lists_the_programmes_with_their_health(people: People, client_for) -> None:
    make_programme(people)
    page = client_for(people.owner).get(url(people))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Team A" in text and "The manager coaches + An external coach" in text
    assert "Coaching programmes" in text  # in the navigation too
    manager_page = client_for(people.manager).get(url(people)).content.decode()
    assert "Team A" in manager_page
    assert "Team A" not in client_for(people.other_manager).get(url(people)).content.decode()
    assert client_for(people.seller).get(url(people)).status_code == 403
    assert client_for(people.coach).get(url(people)).status_code == 403


def grow(people: People, teams: int) -> None:
    """More teams with programmes, coaches and evidence."""
    for _i in range(teams):
        manager = MembershipFactory(organisation=people.org, roles=["sales_manager"], reports_to=people.owner)
        team = TeamFactory(organisation=people.org, manager=manager, name=f"Team X{Team.objects.count()}")
        for _ in range(3):
            MembershipFactory(organisation=people.org, roles=["seller"], team=team, reports_to=manager)
        programme = make_programme(people, team_id=team.pk, coaches=[(people.coach.pk, "external_coach")])
        services.activity_record(
            actor=people.owner, programme=programme, held_on=days_ago(3), coach_ids=[people.coach.pk]
        )
        services.alignment_record(
            actor=people.owner, programme=programme, coach_id=people.coach.pk, held_on=days_ago(3)
        )
        services.capacity_record(
            actor=people.owner, programme=programme, hours_available=5, tasks=[("Reports", 2)]
        )
        CoachTraining.objects.create(
            organisation=people.org, coach=manager, completed_on=days_ago(40), provider="X"
        )


def test_health_pages_take_a_fixed_number_of_queries(
    people: People, client_for, django_assert_max_num_queries
) -> None:
    make_programme(people)
    grow(people, 1)
    client = client_for(people.owner)
    programme = Programme.objects.get(team=people.team)
    client.get(url(people))  # warm up (session, translations)
    with django_assert_max_num_queries(32) as small_list:
        assert client.get(url(people)).status_code == 200
    with django_assert_max_num_queries(34) as detail:
        assert client.get(url(people, f"{programme.pk}/")).status_code == 200
    grow(people, 4)
    with django_assert_max_num_queries(len(small_list.captured_queries)):
        page = client.get(url(people))
    assert page.content.decode().count("Team X") == 5
    with django_assert_max_num_queries(len(detail.captured_queries)):
        client.get(url(people, f"{programme.pk}/"))


def test_health_page_for_the_owner_and_the_teams_manager_only(people: People, client_for) -> None:
    programme = make_programme(people)
    for member in (people.owner, people.manager):
        page = client_for(member).get(url(people, f"{programme.pk}/"))
        assert page.status_code == 200
        text = page.content.decode()
        for title in (
            "Coaching training",
            "Coach-the-coach by the manager",
            "Onboarding of the external coach",
        ):
            assert title in text
        assert "Trend" in text and "Next step" in text
    for member in (people.seller, people.coach, people.other_manager, people.outsider):
        assert client_for(member).get(url(people, f"{programme.pk}/")).status_code == 404


def test_health_page_in_dutch(people: People, client_for) -> None:
    programme = make_programme(people)
    text = client_for(people.manager, "nl").get(url(people, f"{programme.pk}/")).content.decode()
    assert "Coachingtraining" in text and "Volgende stap" in text
    assert "Coaching training" not in text


def test_set_up_from_the_advisors_recommendation(people: People, client_for) -> None:
    client = client_for(people.owner)
    advice = client.post(
        url(people, "advisor/") + f"?team={people.team.pk}",
        {
            "team_size": 2,
            "manager_hours_per_month": 2,
            "manager_trained": "no",
            "senior_sellers_willing": 0,
            "budget_internal_coach": "no",
            "budget_external_coach": "yes",
            "trust": "medium",
            "experience": "mixed",
            "non_sales": "none",
            "cadence_hours": "4",
        },
    )
    text = advice.content.decode()
    assert 'id="setup-programme"' in text and "models=external_coach" in text and "cadence=4" in text
    form = client.get(url(people, f"new/?models=external_coach&cadence=4&team={people.team.pk}"))
    page = form.content.decode()
    assert "Filled in from the advisor" in page
    assert (
        'value="external_coach" class="form-check-input" id="id_coaching_models_3" checked'
        in page.replace("\n", "")
        or ('value="external_coach"' in page and "checked" in page)
    )
    assert form.context["form"].initial["cadence_min_hours"] == 4.0
    assert form.context["form"].initial["team"] == people.team.pk
    response = client.post(
        url(people, "new/"),
        {
            "team": people.team.pk,
            "coaching_models": ["external_coach"],
            "external_coaches": [people.coach.pk],
            "goals": "Sellers trust an outside coach.",
            "starts_on": timezone.localdate().isoformat(),
            "cadence_min_hours": "4",
            "cadence_max_hours": "5",
            "period": "quarter",
            "alignment_interval_days": 30,
            "ride_along_target": 3,
        },
    )
    programme = Programme.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/programmes/{programme.pk}/")
    assert programme.cadence_min_hours == 4


def test_the_form_says_what_is_wrong_and_saves_nothing(people: People, client_for) -> None:
    response = client_for(people.owner).post(
        url(people, "new/"),
        {
            "team": people.team.pk,
            "coaching_models": ["external_coach", "senior_sellers"],
            "goals": "x",
            "starts_on": timezone.localdate().isoformat(),
            "cadence_min_hours": "3",
            "cadence_max_hours": "5",
            "period": "quarter",
            "alignment_interval_days": 30,
            "ride_along_target": 3,
        },
    )
    assert response.status_code == 200
    assert "has no coach" in response.content.decode()
    assert not Programme.objects.exists()


def test_evidence_forms(people: People, client_for) -> None:
    programme = make_programme(people)
    client = client_for(people.manager)
    page = client.get(url(people, f"{programme.pk}/evidence/training/"))
    assert page.status_code == 200 and "Mark Manager" in page.content.decode()
    response = client.post(
        url(people, f"{programme.pk}/evidence/training/"),
        {"coach": people.manager.pk, "completed_on": days_ago(10).isoformat(), "provider": "Kompas"},
    )
    assert response.status_code == 302
    assert CoachTraining.objects.filter(coach=people.manager, provider="Kompas").exists()
    health = client.get(url(people, f"{programme.pk}/")).content.decode()
    assert "completed a coaching training" in health
    # The manager does not record coach-the-coach (their superior does) nor incentives.
    assert client.get(url(people, f"{programme.pk}/evidence/guidance/")).status_code == 403
    assert client.get(url(people, f"{programme.pk}/evidence/unknown/")).status_code == 404
    owner = client_for(people.owner)
    response = owner.post(
        url(people, f"{programme.pk}/evidence/capacity/"),
        {"hours_available": "4", "tasks": "Weekly forecast; 3\nQuotes; 2"},
    )
    assert response.status_code == 302
    health = owner.get(url(people, f"{programme.pk}/")).content.decode()
    assert "Delegate Weekly forecast (3 h)" in health


def test_assessment_form_shows_scores_outside_the_rubric(people: People, client_for) -> None:
    femke = senior(people)
    programme = make_programme(people, ["senior_sellers"], coaches=[(femke.pk, "senior_sellers")])
    data = {
        f"score_{k}": 4
        for k in (
            "motivation",
            "listening",
            "patience",
            "integrity",
            "credibility",
            "capacity",
            "potential",
            "future_manager",
        )
    }
    data.update(candidate=femke.pk, assessed_on=days_ago(1).isoformat(), score_listening=9)
    response = client_for(people.owner).post(url(people, f"{programme.pk}/evidence/assessment/"), data)
    assert response.status_code == 200 and "9 is outside the rubric" in response.content.decode()


def test_incentive_export_for_payroll(people: People, client_for) -> None:
    femke = senior(people)
    programme = make_programme(people, ["senior_sellers"], coaches=[(femke.pk, "senior_sellers")])
    IncentiveTerms.objects.create(
        programme=programme,
        coach=femke,
        target_reduction_pct_per_coachee=5,
        bonus_amount=1000,
        bonus_share_pct=20,
    )
    response = client_for(people.owner).get(url(people, f"{programme.pk}/incentives.csv?period=2026-Q3"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("period,coach_email") and lines[1].startswith("2026-Q3,")
    assert ",200.00," in lines[1]  # the tied bonus: 1000 x 20%
    assert client_for(people.manager).get(url(people, f"{programme.pk}/incentives.csv")).status_code == 403


def test_digest_opt_out(people: People, client_for) -> None:
    client = client_for(people.manager)
    response = client.post(url(people, "digest/"), {}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "checked" not in response.content.decode()
    assert people.manager.programme_digest.weekly_digest is False
    client.post(url(people, "digest/"), {"weekly": "on"})
    people.manager.refresh_from_db()
    assert people.manager.programme_digest.weekly_digest is True


def test_programme_edit(people: People, client_for) -> None:
    programme = make_programme(people)
    client = client_for(people.manager)
    page = client.get(url(people, f"{programme.pk}/edit/"))
    assert page.status_code == 200
    response = client.post(
        url(people, f"{programme.pk}/edit/"),
        {
            "coaching_models": ["manager"],
            "goals": "Only the manager now.",
            "starts_on": programme.starts_on.isoformat(),
            "cadence_min_hours": "3",
            "cadence_max_hours": "4",
            "period": "month",
            "alignment_interval_days": 30,
            "ride_along_target": 0,
        },
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.coaching_models == ["manager"] and programme.coaches.count() == 1
    assert client_for(people.seller).get(url(people, f"{programme.pk}/edit/")).status_code == 404


def test_import_page_is_offered(people: People, client_for) -> None:
    page = client_for(people.owner).get(f"/o/{people.org.slug}/imports/coaching-assignments/")
    assert page.status_code == 200 and "Import coaching assignments" in page.content.decode()
    assert (
        client_for(people.seller).get(f"/o/{people.org.slug}/imports/coaching-assignments/").status_code
        == 404
    )
