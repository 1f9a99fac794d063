"""Who sees what of a pulse survey (matrix row "pulse-survey answer"), the threshold on
the pages and in the API, and query counts."""

from __future__ import annotations

import pytest
from django.test import Client

from salescoach.accounts.services import api_token_create
from salescoach.organisations.models import Membership, Role
from salescoach.surveys import selectors
from salescoach.surveys.models import SurveyResponse
from tests.conftest import People
from tests.factories import MembershipFactory
from tests.surveys.helpers import answer_all, close, grow_team, likert_answers, start_run

pytestmark = pytest.mark.django_db

SECRET = "Unique-open-answer-8812"


def api(member: Membership, language: str = "en") -> Client:
    _, raw = api_token_create(user=member.user, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE=language)


@pytest.fixture
def superior(people: People) -> Membership:
    boss = MembershipFactory(
        organisation=people.org, roles=[Role.SALES_MANAGER], user__full_name="Sue Superior"
    )
    people.manager.reports_to = boss
    people.manager.save()
    return boss


def test_the_matrix_row_for_pulse_survey_answers(people: People, superior: Membership, client_for) -> None:
    grow_team(people.team, 6)
    run = close_after(start_run(people.manager, team=people.team), [4, 4, 5, 3, 4, 2])
    slug = people.org.slug
    # manager, superior, programme owner: aggregates at the threshold
    for member in (people.manager, superior, people.owner):
        page = client_for(member).get(f"/o/{slug}/surveys/runs/{run.pk}/")
        assert page.status_code == 200
        body = page.content.decode()
        assert "Based on 6 responses" in body and SECRET in body
        results = api(member).get(f"/api/v1/surveys/runs/{run.pk}/results").json()
        assert results["responses"] == 6 and results["questions"][0]["answers"] == 6
    # the seller (a respondent), their coach, other managers, other orgs: nothing (404)
    for member in (people.seller, people.coach, people.other_manager, people.other_seller, people.outsider):
        assert (
            client_for(member).get(f"/o/{member.organisation.slug}/surveys/runs/{run.pk}/").status_code == 404
        )
        assert api(member).get(f"/api/v1/surveys/runs/{run.pk}/results").status_code == 404
    # the respondent: that they took part, and nothing of their answers
    home = client_for(people.seller).get(f"/o/{slug}/surveys/").content.decode()
    assert "You took part" in home and SECRET not in home
    mine = api(people.seller).get("/api/v1/surveys/invitations").json()
    assert mine == [
        {
            "run_id": run.pk,
            "title": run.title,
            "opens_on": run.opens_on.isoformat(),
            "closes_on": run.closes_on.isoformat(),
            "open": False,
            "took_part": True,
        }
    ]
    export = api(people.seller).get("/api/v1/me/export").json()
    assert export["surveys"]["participation"][0]["took_part"] is True
    assert SECRET not in str(export) and "answers" not in export["surveys"]["participation"][0]


def close_after(run, values):  # type: ignore[no-untyped-def]
    invitees = [i.membership for i in run.invitations.select_related("membership").order_by("pk")]
    from salescoach.surveys import services

    for member, value in zip(invitees, values, strict=False):
        services.response_submit(actor=member, run=run, answers=likert_answers(run, value, SECRET))
    return close(run)


def test_results_wait_until_the_survey_closes(people: People, client_for) -> None:
    grow_team(people.team, 6)
    run = start_run(people.manager, team=people.team)
    answer_all(run, [5, 5, 5, 5, 5, 5], SECRET)
    page = client_for(people.manager).get(f"/o/{people.org.slug}/surveys/runs/{run.pk}/").content.decode()
    assert "Results are shown after the survey closes" in page and SECRET not in page
    assert "Took part" in page and "6 / 6" in page  # participation at the threshold: shown
    results = api(people.manager).get(f"/api/v1/surveys/runs/{run.pk}/results").json()
    assert results["runs"][0]["status"] == "open" and results["questions"][0]["answers"] is None


def test_too_few_responses_show_nothing_not_even_the_count(people: People, client_for) -> None:
    grow_team(people.team, 6)
    run = close_after(start_run(people.manager, team=people.team), [1, 2, 1, 2])
    page = client_for(people.manager).get(f"/o/{people.org.slug}/surveys/runs/{run.pk}/").content.decode()
    assert "fewer than 5" in page and "No results to show" in page
    assert SECRET not in page and "4 / 6" not in page
    results = api(people.manager).get(f"/api/v1/surveys/runs/{run.pk}/results").json()
    assert results["runs"][0] == {**results["runs"][0], "status": "too_few_responses", "responses": None}
    assert all(q["answers"] is None and q["distribution"] is None for q in results["questions"])
    runs = api(people.manager).get("/api/v1/surveys/runs").json()
    assert runs[0]["took_part"] is None


def test_an_optional_question_answered_by_too_few_is_suppressed_alone(people: People) -> None:
    grow_team(people.team, 6)
    run = start_run(people.manager, team=people.team)
    invitees = [i.membership for i in run.invitations.select_related("membership").order_by("pk")]
    from salescoach.surveys import services

    for index, member in enumerate(invitees):
        text = SECRET if index < 2 else ""  # only two write an open answer
        services.response_submit(actor=member, run=run, answers=likert_answers(run, 4, text))
    close(run)
    results = selectors.survey_results(viewer=people.manager, template_id=run.template_id, run_ids=[run.pk])
    assert results is not None
    statements = [q for q in results.questions if q.question.is_likert]
    (open_question,) = [q for q in results.questions if not q.question.is_likert]
    assert all(q.answers == 6 and q.mean == 4 for q in statements)
    assert not open_question.published and open_question.texts == [] and open_question.runs_left_out == 1


def test_pooled_results_leave_small_groups_out_and_say_so(people: People, client_for) -> None:
    grow_team(people.team, 6)
    grow_team(people.other_team, 6)
    first = close_after(start_run(people.owner, team=people.team, title="Jan"), [5, 5, 5, 5, 5])
    close_after(start_run(people.owner, team=people.other_team, title="Feb"), [1, 1])
    page = (
        client_for(people.owner)
        .get(f"/o/{people.org.slug}/surveys/results/?template={first.template_id}")
        .content.decode()
    )
    assert "Based on 5 responses" in page
    assert "1 survey in this selection had fewer than 5 responses and is left out of every figure." in page
    answer = api(people.owner).get(f"/api/v1/surveys/results?template={first.template_id}").json()
    assert answer["responses"] == 5
    assert answer["questions"][0]["distribution"] == {"1": 0, "2": 0, "3": 0, "4": 0, "5": 5}
    assert [r["status"] for r in answer["runs"]] == ["too_few_responses", "published"]


def test_a_seller_has_no_results(people: People, client_for) -> None:
    assert client_for(people.seller).get(f"/o/{people.org.slug}/surveys/results/").status_code == 403
    assert api(people.seller).get("/api/v1/surveys/results?template=1").status_code == 403


def test_answering_through_the_page_and_the_api(people: People, client_for) -> None:
    grow_team(people.team, 6)
    run = start_run(people.manager, team=people.team)
    slug = people.org.slug
    seller = client_for(people.seller)
    form = seller.get(f"/o/{slug}/surveys/runs/{run.pk}/answer/").content.decode()
    assert "Your answers are anonymous" in form and "Strongly agree" in form
    questions = list(run.template.questions.all())
    data = {f"q{q.pk}": "4" for q in questions if q.is_likert}
    bad = seller.post(f"/o/{slug}/surveys/runs/{run.pk}/answer/", {})
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()
    assert seller.post(f"/o/{slug}/surveys/runs/{run.pk}/answer/", data).status_code == 302
    again = seller.get(f"/o/{slug}/surveys/runs/{run.pk}/answer/").content.decode()
    assert "You have taken part in this survey" in again
    colleague = api(people.colleague)
    answers = {str(q.pk): 3 for q in questions if q.is_likert}
    assert (
        colleague.post(
            f"/api/v1/surveys/runs/{run.pk}/answers", {"answers": answers}, "application/json"
        ).status_code
        == 201
    )
    twice = colleague.post(f"/api/v1/surveys/runs/{run.pk}/answers", {"answers": answers}, "application/json")
    assert twice.status_code == 400 and "already taken part" in twice.json()["detail"]
    assert SurveyResponse.objects.count() == 2
    # Someone not invited: the survey does not exist for them.
    assert (
        api(people.other_seller)
        .post(f"/api/v1/surveys/runs/{run.pk}/answers", {"answers": answers}, "application/json")
        .status_code
        == 404
    )


def test_starting_a_survey_through_the_page_and_the_api(people: People, client_for) -> None:
    members = grow_team(people.team, 5)
    from salescoach.surveys.models import SurveyTemplate

    template = SurveyTemplate.objects.get(key="coach-acceptance")
    page = client_for(people.manager).post(
        f"/o/{people.org.slug}/surveys/new/",
        {
            "template": template.pk,
            "team": people.team.pk,
            "opens_on": "2030-01-01",
            "closes_on": "2030-01-10",
        },
    )
    assert page.status_code == 302
    small = api(people.manager).post(
        "/api/v1/surveys/runs",
        {
            "template_id": template.pk,
            "member_ids": [m.pk for m in members[:3]],
            "opens_on": "2030-01-01",
            "closes_on": "2030-01-05",
        },
        "application/json",
    )
    assert small.status_code == 400 and "This group has 3 people" in small.json()["errors"]["members"][0]
    created = api(people.manager).post(
        "/api/v1/surveys/runs",
        {
            "template_id": template.pk,
            "member_ids": [m.pk for m in members],
            "opens_on": "2030-01-01",
            "closes_on": "2030-01-05",
        },
        "application/json",
    )
    assert (
        created.status_code == 201
        and created.json()["invited"] == 5
        and created.json()["status"] == "not_open_yet"
    )


def test_pages_run_a_fixed_number_of_queries(
    people: People, client_for, django_assert_max_num_queries
) -> None:
    grow_team(people.team, 12)
    runs = [close_after(start_run(people.owner, team=people.team, title=f"R{i}"), [4] * 8) for i in range(3)]
    owner, seller = client_for(people.owner), client_for(people.seller)
    slug = people.org.slug
    with django_assert_max_num_queries(12):
        assert owner.get(f"/o/{slug}/surveys/").status_code == 200
    with django_assert_max_num_queries(15):
        assert owner.get(f"/o/{slug}/surveys/runs/{runs[0].pk}/").status_code == 200
    with django_assert_max_num_queries(17):
        assert owner.get(f"/o/{slug}/surveys/results/?template={runs[0].template_id}").status_code == 200
    with django_assert_max_num_queries(12):
        assert seller.get(f"/o/{slug}/surveys/").status_code == 200
