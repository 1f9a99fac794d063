"""Builders for survey tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from salescoach.organisations.models import Membership, Role, Team
from salescoach.surveys import services
from salescoach.surveys.models import SurveyRun, SurveyTemplate
from tests.factories import MembershipFactory


def builtin(key: str = "team-pulse") -> SurveyTemplate:
    return SurveyTemplate.objects.get(organisation=None, key=key)


def grow_team(team: Team, size: int) -> list[Membership]:
    """Make sure the team has ``size`` active members besides its manager."""
    members = list(team.members.exclude(pk=team.manager_id).filter(status="active"))
    while len(members) < size:
        members.append(
            MembershipFactory(
                organisation=team.organisation, roles=[Role.SELLER], team=team, reports_to=team.manager
            )
        )
    return members


def start_run(
    actor: Membership,
    *,
    team: Team | None = None,
    members: list[Membership] | None = None,
    template: SurveyTemplate | None = None,
    title: str = "Pulse",
) -> SurveyRun:
    today = timezone.localdate()
    return services.run_create(
        actor=actor,
        template_id=(template or builtin()).pk,
        title=title,
        team_id=team.pk if team else None,
        member_ids=[m.pk for m in members or []],
        opens_on=today,
        closes_on=today + timedelta(days=7),
    )


def likert_answers(run: SurveyRun, value: int, text: str = "") -> dict[int, Any]:
    answers: dict[int, Any] = {}
    for q in run.template.questions.all():
        answers[q.pk] = value if q.is_likert else text
    return answers


def answer_all(run: SurveyRun, values: list[int], text: str = "") -> list[Membership]:
    """The first len(values) invitees answer, each with one value for every statement."""
    invitees = [i.membership for i in run.invitations.select_related("membership").order_by("pk")]
    for member, value in zip(invitees, values, strict=False):
        services.response_submit(actor=member, run=run, answers=likert_answers(run, value, text))
    return invitees[: len(values)]


def close(run: SurveyRun) -> SurveyRun:
    SurveyRun.objects.filter(pk=run.pk).update(closed_early_at=timezone.now())
    run.refresh_from_db()
    return run
