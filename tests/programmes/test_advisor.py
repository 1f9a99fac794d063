from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.test import Client

from salescoach.accounts.services import api_token_create
from salescoach.programmes.advisor import (
    AdvisorInputError,
    CoachingModel,
    Experience,
    NonSales,
    TeamAnswers,
    Trust,
    advise,
)
from tests.conftest import People

DOC = Path(__file__).resolve().parents[2] / "docs" / "ADVISOR.md"
M, S, E = CoachingModel.MANAGER, CoachingModel.SENIOR_SELLERS, CoachingModel.EXTERNAL_COACH


def worked_examples() -> list[dict]:  # type: ignore[type-arg]
    blocks = re.findall(r"```json\n(.*?)\n```", DOC.read_text(), flags=re.S)
    return [json.loads(b) for b in blocks]


def answers(**overrides: object) -> TeamAnswers:
    base: dict[str, object] = {
        "team_size": 6,
        "manager_hours_per_month": 18,
        "manager_trained": True,
        "senior_sellers_willing": 0,
        "budget_internal_coach": False,
        "budget_external_coach": False,
    }
    base.update(overrides)
    return TeamAnswers(**base)  # type: ignore[arg-type]


def test_the_docs_have_worked_examples() -> None:
    assert len(worked_examples()) >= 5


@pytest.mark.parametrize("example", worked_examples(), ids=lambda e: "+".join(e["recommended"]))
def test_worked_examples_in_the_docs_match_the_code(example: dict) -> None:  # type: ignore[type-arg]
    given = dict(example["answers"])
    given["intended_models"] = tuple(CoachingModel(m) for m in given.get("intended_models", []))
    for key, kind in (("trust", Trust), ("experience", Experience), ("non_sales", NonSales)):
        if key in given:
            given[key] = kind(given[key])
    advice = advise(TeamAnswers(**given))
    assert [m.value for m in advice.recommended] == example["recommended"]
    assert {m.value: s for m, s in advice.scores.items()} == example["scores"]
    assert len(advice.warnings) == example.get("warnings", 0)


@pytest.mark.parametrize(
    ("hours", "points"),
    [(18, 3), (17.9, 1), (9, 1), (8.9, -3), (0.5, -3)],
)
def test_capacity_rule_at_its_thresholds(hours: float, points: int) -> None:
    advice = advise(answers(manager_hours_per_month=hours, manager_trained=False))
    r1 = next(s for s in advice.steps if s.rule == "R1")
    assert r1.points == {M: points}


def test_capacity_rule_names_the_gap_and_the_span_that_fits() -> None:
    advice = advise(answers(manager_hours_per_month=12))
    assert advice.hours_needed == 18 and advice.manager_shortfall_hours == 6 and advice.span_that_fits == 4
    assert "6 h short" in next(s.text for s in advice.steps if s.rule == "R1")


def test_no_hours_rules_the_manager_out() -> None:
    advice = advise(answers(manager_hours_per_month=0, budget_external_coach=True))
    assert M not in advice.feasible and advice.recommended == [E]


@pytest.mark.parametrize(("seniors", "points"), [(0, None), (1, 1), (2, 3), (3, 3)])
def test_senior_capacity_at_its_thresholds(seniors: int, points: int | None) -> None:
    # 6 people: with 2 seniors, 6 places for 4 others.
    advice = advise(answers(senior_sellers_willing=seniors))
    r4 = next(s for s in advice.steps if s.rule == "R4")
    if points is None:
        assert S in r4.ruled_out
    else:
        assert r4.points == {S: points}


def test_span_rule_starts_above_ten() -> None:
    assert not any(s.rule == "R3" for s in advise(answers(team_size=10, manager_hours_per_month=30)).steps)
    assert any(s.rule == "R3" for s in advise(answers(team_size=11, manager_hours_per_month=33)).steps)


def test_internal_coach_team_size_rule() -> None:
    assert not any(s.rule == "R9" for s in advise(answers(team_size=7, budget_internal_coach=True)).steps)
    assert any(s.rule == "R9" for s in advise(answers(team_size=8, budget_internal_coach=True)).steps)


def test_low_trust_favours_an_outsider() -> None:
    advice = advise(answers(trust=Trust.LOW, budget_external_coach=True, manager_hours_per_month=12))
    assert advice.recommended[0] == E


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"team_size": 0}, "team_size"),
        ({"manager_hours_per_month": -1}, "manager_hours_per_month"),
        ({"manager_hours_per_month": 500}, "manager_hours_per_month"),
        ({"senior_sellers_willing": 7}, "senior_sellers_willing"),
        ({"cadence_hours": 0}, "cadence_hours"),
    ],
)
def test_impossible_answers_are_refused(overrides: dict, field: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(AdvisorInputError) as error:
        advise(answers(**overrides))
    assert field in error.value.errors


def test_risks_and_safeguards_follow_the_recommendation() -> None:
    advice = advise(answers(manager_hours_per_month=12, budget_external_coach=True, non_sales=NonSales.MOST))
    assert set(advice.risks) == set(advice.safeguards) == {M, E}
    assert any("spy" in str(r) for r in advice.risks[E])


@pytest.mark.django_db
def test_advisor_page_and_api(people: People, client_for) -> None:
    owner = client_for(people.owner)
    page = owner.get(f"/o/{people.org.slug}/programmes/advisor/?team={people.team.pk}")
    assert page.status_code == 200
    assert page.context["form"].initial["team_size"] == 2  # the seller and the colleague
    result = owner.post(
        f"/o/{people.org.slug}/programmes/advisor/",
        {
            "team_size": 7,
            "manager_hours_per_month": 24,
            "manager_trained": "yes",
            "senior_sellers_willing": 1,
            "budget_internal_coach": "no",
            "budget_external_coach": "no",
            "trust": "high",
            "experience": "mixed",
            "non_sales": "none",
            "cadence_hours": 3,
        },
    )
    assert "How the advisor reasoned" in result.content.decode()
    assert result.context["advice"].recommended == [M]
    assert client_for(people.seller).get(f"/o/{people.org.slug}/programmes/advisor/").status_code == 403

    _, raw = api_token_create(user=people.owner.user, name="t")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="nl")
    body = api.post(
        "/api/v1/programmes/advisor",
        {
            "team_size": 8,
            "manager_hours_per_month": 6,
            "manager_trained": False,
            "senior_sellers_willing": 0,
            "budget_internal_coach": False,
            "budget_external_coach": True,
            "trust": "low",
            "experience": "senior",
        },
        content_type="application/json",
    ).json()
    assert body["recommended"] == ["external_coach"]
    assert body["steps"][0]["rule"] == "R1" and "coachinguren" in body["steps"][0]["text"]
    bad = api.post(
        "/api/v1/programmes/advisor",
        {
            "team_size": 0,
            "manager_hours_per_month": 1,
            "manager_trained": False,
            "senior_sellers_willing": 0,
            "budget_internal_coach": False,
            "budget_external_coach": False,
        },
        content_type="application/json",
    )
    assert bad.status_code == 400 and "team_size" in bad.json()["errors"]


@pytest.mark.django_db
def test_prefilling_from_another_organisations_team_is_404(people: People, client_for) -> None:
    outsider = client_for(people.outsider)
    response = outsider.get(f"/o/{people.outsider_org.slug}/programmes/advisor/?team={people.team.pk}")
    assert response.status_code == 404
    assert outsider.get(f"/o/{people.outsider_org.slug}/programmes/advisor/?team=abc").status_code == 404
