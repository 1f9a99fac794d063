"""Forged ids in a form or an API payload: refused with a clear message, on the audit
record (when the object exists), and nothing changed."""

from __future__ import annotations

import pytest
from django.test import Client

from salescoach.accounts.services import api_token_create
from salescoach.evaluations.models import Evaluation
from salescoach.organisations.models import Membership
from salescoach.privacy.models import AuditAction, AuditEntry, AuditOutcome
from salescoach.surveys.models import SurveyRun
from salescoach.surveys.services import template_create
from tests.conftest import People
from tests.evaluations.helpers import make_cycle
from tests.surveys.helpers import builtin, grow_team

pytestmark = pytest.mark.django_db


def api(member: Membership, language: str = "en") -> Client:
    _, raw = api_token_create(user=member.user, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE=language)


def refusals() -> list[tuple[str, str, int | None]]:
    return list(
        AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED, outcome=AuditOutcome.DENIED)
        .order_by("id")
        .values_list("object_type", "object_id", "subject_membership_id")
    )


def test_evaluating_someone_one_does_not_manage(people: People) -> None:
    cycle = make_cycle(people.owner)
    for victim in (people.other_seller.pk, people.outsider_seller.pk, 999999):
        answer = api(people.manager, language="nl").post(
            "/api/v1/evaluations",
            {"cycle_id": cycle.pk, "seller_id": victim, "date": "2026-01-20", "time": "10:00"},
            "application/json",
        )
        assert answer.status_code == 400
        assert answer.json()["errors"]["seller"] == ["Je kunt alleen de mensen beoordelen die je aanstuurt."]
    assert not Evaluation.objects.exists()
    assert refusals() == [
        ("organisations.membership", str(people.other_seller.pk), people.other_seller.pk),
        ("organisations.membership", str(people.outsider_seller.pk), people.outsider_seller.pk),
    ]  # the id that does not exist is not recorded: nothing to protect, nothing to learn


def test_surveying_a_team_people_or_a_template_one_may_not_use(people: People) -> None:
    grow_team(people.other_team, 5)
    members = grow_team(people.team, 5)
    foreign_template = template_create(actor=people.outsider, name="Theirs", questions=[{"text": "Q"}])
    client = api(people.manager)
    base = {"opens_on": "2030-01-01", "closes_on": "2030-01-05"}
    other_team = client.post(
        "/api/v1/surveys/runs",
        {**base, "template_id": builtin().pk, "team_id": people.other_team.pk},
        "application/json",
    )
    assert other_team.status_code == 400 and "team" in other_team.json()["errors"]
    other_people = client.post(
        "/api/v1/surveys/runs",
        {
            **base,
            "template_id": builtin().pk,
            "member_ids": [m.pk for m in members[:4]] + [people.other_seller.pk],
        },
        "application/json",
    )
    assert other_people.status_code == 400 and "members" in other_people.json()["errors"]
    other_template = client.post(
        "/api/v1/surveys/runs",
        {**base, "template_id": foreign_template.pk, "team_id": people.team.pk},
        "application/json",
    )
    assert other_template.status_code == 400 and "template" in other_template.json()["errors"]
    assert not SurveyRun.objects.exists()
    assert refusals() == [
        ("organisations.team", str(people.other_team.pk), None),
        ("organisations.membership", str(people.other_seller.pk), people.other_seller.pk),
        ("surveys.surveytemplate", str(foreign_template.pk), None),
    ]
    assert set(AuditEntry.objects.values_list("actor_membership_id", flat=True)) == {people.manager.pk}
