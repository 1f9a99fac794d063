"""Demo data of the craft app: coaching-style trends of Noordwind's coaches and the
intakes and re-assessments of the consultants in the Adviesteam.

The trends are made by the analyser itself from short Dutch question plans written for
the demo, so the figures on the pages are real analyses. Idempotent: a coach who has
any style sample, or a consultant who has any intake, is left alone.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from salescoach.craft import services
from salescoach.craft.models import Intake, StyleSample, StyleSource
from salescoach.organisations.models import Membership, MembershipStatus

OPEN = [
    "Wat wil je uit het gesprek met de inkoper halen?",
    "Hoe kijk je terug op de demo van vorige week?",
    "Welke vragen heeft de klant nog niet beantwoord?",
    "Wat maakt deze klant voor jou belangrijk?",
    "Waar zie je zelf de grootste kans in dit traject?",
    "Hoe wil je het gesprek openen?",
    "Wat zou je anders doen als je het opnieuw mocht doen?",
    "Welke keuze ga je maken voor de opvolging?",
    "Wat heb je van mij nodig om dit voor elkaar te krijgen?",
    "Hoe merk je dat de klant twijfelt?",
    "Vertel eens hoe de klant reageerde op de prijs.",
    "Wie bij de klant zou je nog meer willen spreken?",
]
CLOSED = [
    "Heb je de beslisser al gesproken?",
    "Ben je tevreden over de voorbereiding?",
    "Staat de vervolgafspraak al gepland?",
    "Was de klant op tijd?",
    "Heb je de offerte verstuurd?",
]
DIRECTIVE = [
    "Je moet de klant eerder bellen.",
    "Stuur vandaag nog een samenvatting.",
    "Zorg dat de beslisser bij het volgende gesprek zit.",
    "Ik zou eerst naar hun budget vragen.",
    "Misschien kun je beter wachten met korting.",
    "Vraag aan het eind om een vervolgafspraak.",
    "Probeer de klant meer aan het woord te laten.",
    "Je moet je pijplijn beter bijhouden.",
]
STATEMENT = [
    "Je opening was sterk.",
    "De klant leek ontspannen.",
    "Het gesprek duurde een half uur.",
    "Goed dat je de agenda vooraf had gestuurd.",
]

# Coaches of Noordwind, and how far along they are: the share of open questions they
# start with and where they get to after six months.
COACHES = [
    ("coach@kompas-coaching.example", 0.65, 0.8),
    ("peercoach@noordwind.example", 0.3, 0.6),
    ("femke.smit@noordwind.example", 0.35, 0.55),
    ("lotte.degraaf@noordwind.example", 0.55, 0.75),
    ("jeroen.bakker@noordwind.example", 0.15, 0.45),
    ("sandra.visser@noordwind.example", 0.25, 0.4),
    ("manager@noordwind.example", 0.2, 0.5),
]
MONTHS = 6

# Consultants: answers (1-5) to the twelve statements at the intake and, where given,
# at the re-assessment three months later, in the order role_1..4, fear_1..4, capacity_1..4.
CONSULTANTS = [
    (
        "consultant@noordwind.example",
        [4, 4, 5, 4, 3, 3, 2, 3, 3, 4, 3, 3],
        [3, 2, 3, 3, 2, 3, 2, 2, 3, 3, 3, 3],
    ),
    (
        "esther.vanbeek@noordwind.example",
        [2, 2, 3, 2, 4, 5, 4, 4, 3, 3, 2, 3],
        [2, 2, 2, 2, 3, 3, 3, 3, 3, 2, 2, 2],
    ),
    (
        "joost.maas@noordwind.example",
        [3, 4, 3, 4, 2, 2, 2, 3, 4, 5, 4, 4],
        [3, 3, 3, 3, 2, 2, 2, 2, 3, 3, 3, 3],
    ),
    (
        "mila.ramdin@noordwind.example",
        [2, 2, 2, 3, 3, 4, 3, 3, 4, 3, 3, 5],
        [2, 1, 2, 2, 3, 3, 3, 2, 2, 2, 3, 3],
    ),
    (
        "pieter.wouters@noordwind.example",
        [4, 5, 4, 5, 4, 4, 3, 4, 3, 3, 4, 3],
        [3, 4, 3, 4, 3, 3, 3, 3, 3, 3, 3, 3],
    ),
    ("hanna.dewit@noordwind.example", [3, 3, 2, 3, 4, 4, 4, 3, 3, 2, 3, 4], None),
]
ITEM_ORDER = (
    [f"role_{i}" for i in range(1, 5)]
    + [f"fear_{i}" for i in range(1, 5)]
    + [f"capacity_{i}" for i in range(1, 5)]
)


def _member(email: str, slug: str = "noordwind") -> Membership | None:
    return (
        Membership.objects.filter(user__email=email, organisation__slug=slug, status=MembershipStatus.ACTIVE)
        .select_related("organisation")
        .prefetch_related("role_assignments")
        .first()
    )


def _plan(rng: random.Random, share_open: float) -> str:
    """A short question plan with about the given share of open questions."""
    sentences = []
    for _ in range(rng.randint(4, 7)):
        draw = rng.random()
        if draw < share_open:
            sentences.append(rng.choice(OPEN))
        elif draw < share_open + (1 - share_open) * 0.35:
            sentences.append(rng.choice(CLOSED))
        else:
            sentences.append(rng.choice(DIRECTIVE))
    sentences.insert(rng.randint(0, len(sentences)), rng.choice(STATEMENT))
    return " ".join(sentences)


def _load_trends(stdout: object | None) -> None:
    today = timezone.localdate()
    sources = [StyleSource.PRACTICE, StyleSource.SESSION_PREPARATION, StyleSource.FEEDBACK]
    for email, start, end in COACHES:
        coach = _member(email)
        if coach is None or StyleSample.objects.filter(coach=coach).exists():
            continue
        rng = random.Random(email)  # demo data, not security
        for month in range(MONTHS):
            share = start + (end - start) * month / (MONTHS - 1)
            for _ in range(rng.randint(2, 4)):
                days_ago = (MONTHS - 1 - month) * 30 + rng.randint(0, 27)
                services.style_sample_record(
                    actor=coach,
                    text=_plan(rng, share),
                    language="nl",
                    source=rng.choice(sources),
                    analysed_on=today - timedelta(days=days_ago),
                )


def _load_intakes(stdout: object | None) -> None:
    today = timezone.localdate()
    for email, first, second in CONSULTANTS:
        consultant = _member(email)
        if consultant is None or Intake.objects.filter(coachee=consultant).exists():
            continue
        intake_day = today - timedelta(days=125 if second else 30)
        services.intake_submit(
            actor=consultant, answers=dict(zip(ITEM_ORDER, first, strict=True)), taken_on=intake_day
        )
        if second:
            services.intake_submit(
                actor=consultant,
                answers=dict(zip(ITEM_ORDER, second, strict=True)),
                taken_on=today - timedelta(days=20),
            )


def load(stdout: object | None = None) -> None:
    _load_trends(stdout)
    _load_intakes(stdout)
