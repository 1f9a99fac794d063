"""Demo pulse surveys for Noordwind: closed surveys with enough responses in Team Noord,
Team Oost and Team Zuid, too few in Team West (so the threshold shows), and one survey
still open in which the demo seller has not answered yet.

Idempotent: a survey is found by its title in the organisation; only missing ones are
created, with their invitations and anonymous responses, and nothing existing changes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from salescoach.organisations.models import Membership, MembershipStatus, Organisation, Team
from salescoach.surveys.models import (
    QuestionKind,
    SurveyAnswer,
    SurveyInvitation,
    SurveyResponse,
    SurveyRun,
    SurveyTemplate,
)


@dataclass(frozen=True)
class DemoRun:
    title: str
    template: str  # built-in key
    team: str
    created_by: str  # e-mail
    closes_in_days: int  # negative: closed
    responses: int
    mood: float  # the average answer the demo aims for
    texts: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()  # e-mails not invited (e.g. the coach the survey is about)


MANAGER = "manager@noordwind.example"
DIRECTOR = "director@noordwind.example"

RUNS = [
    DemoRun(
        "Teampuls najaar – Team Noord",
        "team-pulse",
        "Team Noord",
        "jeroen.bakker@noordwind.example",
        -20,
        6,
        3.9,
        (
            "Fijn dat we nu elke maand een vast moment voor ontwikkeling hebben.",
            "De targets voor het vierde kwartaal voelen krap.",
            "Meer ruimte om iets nieuws te proberen bij bestaande klanten.",
            "Het teamoverleg gaat bijna alleen over de forecast.",
            "Ik merk dat ik rustiger een gesprek in ga dan vorig jaar.",
        ),
    ),
    DemoRun(
        "Teampuls najaar – Team Oost",
        "team-pulse",
        "Team Oost",
        "sandra.visser@noordwind.example",
        -18,
        5,
        3.5,
        ("Meer tijd om met een senior collega mee te lopen zou helpen.",),
    ),
    DemoRun(
        "Teampuls najaar – Team West",
        "team-pulse",
        "Team West",
        MANAGER,
        -19,
        3,  # below the threshold of 5: no results for this one
        3.2,
    ),
    DemoRun(
        "Vertrouwen in de coach – Team West",
        "coach-acceptance",
        "Team West",
        DIRECTOR,
        -10,
        5,
        4.1,
        (
            "Ik merk dat wat ik vertel echt bij de coach blijft.",
            "Soms twijfel ik nog wat er met de afspraken gebeurt na een gesprek.",
        ),
    ),
    DemoRun(
        "Respect voor de interne coach – Team Zuid",
        "internal-coach-respect",
        "Team Zuid",
        DIRECTOR,
        -12,
        6,
        4.0,
        ("Lotte zou vaker mee mogen naar klantafspraken.",),
        exclude=("lotte.degraaf@noordwind.example",),
    ),
    DemoRun(
        "Teampuls december – Team West",
        "team-pulse",
        "Team West",
        MANAGER,
        11,
        2,  # still open; the demo seller has not answered yet
        3.6,
        exclude=(),
    ),
]

DEMO_SELLER = "seller@noordwind.example"


def _value(rng: random.Random, mood: float) -> int:
    return max(1, min(5, round(rng.gauss(mood, 0.8))))


def _create(organisation: Organisation, spec: DemoRun, rng: random.Random) -> None:
    team = Team.objects.get(organisation=organisation, name=spec.team)
    template = SurveyTemplate.objects.get(organisation=None, key=spec.template)
    creator = Membership.objects.get(organisation=organisation, user__email=spec.created_by)
    members = list(
        Membership.objects.filter(team=team, status=MembershipStatus.ACTIVE)
        .exclude(pk=team.manager_id)
        .exclude(user__email__in=spec.exclude)
        .order_by("user__email")
    )
    today = timezone.localdate()
    closes_on = today + timedelta(days=spec.closes_in_days)
    run = SurveyRun.objects.create(
        organisation=organisation,
        template=template,
        title=spec.title,
        team=team,
        created_by=creator,
        opens_on=closes_on - timedelta(days=14),
        closes_on=closes_on,
        invited_count=len(members),
    )
    rng.shuffle(members)
    SurveyInvitation.objects.bulk_create([SurveyInvitation(run=run, membership=m) for m in members])
    # Who took part: anyone but the demo seller, so she still has a survey to answer.
    respondents = [m for m in members if m.user.email != DEMO_SELLER][: spec.responses]
    SurveyInvitation.objects.filter(run=run, membership__in=respondents).update(responded=True)
    questions = list(template.questions.all())
    texts = list(spec.texts)
    responses, answers = [], []
    for _ in respondents:
        response = SurveyResponse(run=run)
        responses.append(response)
        for question in questions:
            if question.kind == QuestionKind.LIKERT:
                answers.append(
                    SurveyAnswer(response=response, question=question, value=_value(rng, spec.mood))
                )
            elif texts:
                answers.append(SurveyAnswer(response=response, question=question, text=texts.pop()))
    SurveyResponse.objects.bulk_create(responses)
    SurveyAnswer.objects.bulk_create(answers)


def load(stdout: object | None = None) -> None:
    organisation = Organisation.objects.filter(slug="noordwind").first()
    if organisation is None:
        return
    rng = random.Random(2025)  # the same demo every time
    for spec in RUNS:
        if not SurveyRun.objects.filter(organisation=organisation, title=spec.title).exists():
            _create(organisation, spec, rng)
