"""Demo evaluations for Noordwind: one annual cycle, with evaluations in every state.

Idempotent: the cycle is found by its name and an evaluation by (cycle, seller); only
what is missing is created (through the services, so the history is real), and
existing rows are never changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from salescoach.evaluations import rules, services
from salescoach.evaluations.models import Evaluation, EvaluationCycle
from salescoach.organisations.models import Membership, Organisation

CYCLE = "Jaarbeoordeling 2025"

CRITERIA = [
    {
        "name": "Klantgerichtheid",
        "description": "Begrijpt wat de klant echt nodig heeft en stemt het voorstel daarop af.",
    },
    {
        "name": "Resultaat",
        "description": "Haalt de afgesproken targets en bouwt een gezonde pijplijn op.",
    },
    {
        "name": "Samenwerking",
        "description": "Deelt kennis, helpt collega's verder en stemt af met binnendienst en techniek.",
    },
    {
        "name": "Vakmanschap",
        "description": "Kent de producten en de markt en blijft bijleren.",
    },
    {
        "name": "Forecast en administratie",
        "description": "Houdt de pijplijn actueel in het CRM en voorspelt betrouwbaar.",
    },
]


@dataclass(frozen=True)
class Plan:
    seller: str  # e-mail
    manager: str  # e-mail
    days_from_today: int
    at: time
    state: str  # planned, draft, shared, signed
    ratings: tuple[int, ...] = ()
    comments: tuple[str, ...] = ()
    overall: str = ""
    seller_comment: str = ""


def _nw(local: str) -> str:
    return f"{local}@noordwind.example"


PLANS = [
    Plan(
        "seller@noordwind.example",
        "manager@noordwind.example",
        -6,
        time(10, 0),
        "shared",
        (4, 3, 4, 4, 3),
        (
            "Stelt goede vragen in het eerste gesprek en komt met voorstellen die passen.",
            "Target voor 92% gehaald; twee grote deals schoven door naar januari.",
            "Helpt nieuwe collega's op weg met de productdemo.",
            "Kent het aanbod goed; de nieuwe dienstverlening vraagt nog aandacht.",
            "De forecast liep dit jaar vaak achter op wat er in het CRM stond.",
        ),
        "Een stevig jaar met een duidelijke groei in de tweede helft. Voor 2026 spreken we af dat "
        "de pijplijn elke vrijdag bijgewerkt is.",
    ),
    Plan(
        _nw("kevin.bosman"),
        "manager@noordwind.example",
        -21,
        time(14, 0),
        "signed",
        (3, 4, 3, 3, 4),
        (
            "Luistert goed, maar gaat soms te snel naar de prijs.",
            "Target ruim gehaald, vooral door bestaande klanten.",
            "Werkt prettig samen met de binnendienst.",
            "Productkennis op orde.",
            "Betrouwbare forecast, netjes bijgehouden.",
        ),
        "Goed resultaat. Nieuwe klanten binnenhalen is de uitdaging voor volgend jaar.",
        "Ik herken het beeld. Voor nieuwe klanten wil ik graag vaker met een collega mee naar een "
        "eerste afspraak.",
    ),
    Plan(
        _nw("iris.vermeer"),
        "manager@noordwind.example",
        9,
        time(9, 30),
        "draft",
        (4, 4),
        ("Sterk in grote, complexe trajecten.", ""),
    ),
    Plan(_nw("stefan.kuipers"), "manager@noordwind.example", 16, time(11, 0), "planned"),
    Plan(
        _nw("lisa.mulder"),
        _nw("jeroen.bakker"),
        -14,
        time(15, 30),
        "signed",
        (5, 4, 4, 4, 4),
        (
            "Klanten noemen haar uit zichzelf als vast aanspreekpunt.",
            "Target gehaald en twee nieuwe grote accounts geopend.",
            "Neemt het voortouw bij het regio-overleg.",
            "Volgt de ontwikkelingen in de markt op de voet.",
            "Forecast klopt bijna altijd.",
        ),
        "Uitstekend jaar.",
        "Dank je. Ik wil volgend jaar graag meer tijd voor het opleiden van nieuwe collega's.",
    ),
    Plan(
        _nw("daan.smit"),
        _nw("jeroen.bakker"),
        -3,
        time(13, 0),
        "shared",
        (3, 2, 4, 3, 3),
        (
            "Goede gesprekken, maar de opvolging blijft soms liggen.",
            "Target voor 78% gehaald.",
            "Een fijne collega die altijd bijspringt.",
            "Kent de standaardproducten goed.",
            "Pijplijn is vaak niet actueel.",
        ),
        "Een jaar met ups en downs. We maken samen een plan voor de opvolging van offertes.",
    ),
]


def _free_day(seller: Membership, manager: Membership, day: date, at: time) -> date:
    """The planned day, or the nearest one without a clash with coaching (product rule 2:
    the demo's coaching history is relative to today as well)."""
    for offset in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7):
        candidate = day + timedelta(days=offset)
        moment = timezone.make_aware(datetime.combine(candidate, at))
        if not rules.coaching_conflicts(seller=seller, day=candidate, at=moment, evaluator=manager):
            return candidate
    return day


def load(stdout: object | None = None) -> None:
    organisation = Organisation.objects.filter(slug="noordwind").first()
    if organisation is None:
        return
    members = {
        m.user.email: m
        for m in Membership.objects.filter(organisation=organisation)
        .select_related("user", "organisation", "reports_to", "team")
        .prefetch_related("role_assignments")
    }
    owner = members["director@noordwind.example"]
    cycle = EvaluationCycle.objects.filter(organisation=organisation, name=CYCLE).first()
    if cycle is None:
        cycle = services.cycle_create(
            actor=owner,
            name=CYCLE,
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
            criteria=CRITERIA,
            scale_max=5,
            scale_low_label="Ruim onder verwachting",
            scale_high_label="Ruim boven verwachting",
        )
    today = timezone.localdate()
    for plan in PLANS:
        seller, manager = members[plan.seller], members[plan.manager]
        if Evaluation.objects.filter(cycle=cycle, seller=seller).exists():
            continue
        evaluation = services.evaluation_create(
            actor=manager,
            cycle=cycle,
            seller_id=seller.pk,
            day=_free_day(seller, manager, today + timedelta(days=plan.days_from_today), plan.at),
            at=plan.at,
        )
        if plan.state == "planned":
            continue
        criteria = list(cycle.criteria.all())
        evaluation = services.evaluation_update(
            actor=manager,
            evaluation=evaluation,
            ratings={c.pk: r for c, r in zip(criteria, plan.ratings, strict=False)},
            comments={c.pk: t for c, t in zip(criteria, plan.comments, strict=False)},
            overall_comment=plan.overall,
        )
        if plan.state == "draft":
            continue
        evaluation.evaluator = manager
        evaluation = services.evaluation_share(actor=manager, evaluation=evaluation)
        evaluation.evaluator = manager
        if plan.seller_comment:
            evaluation = services.evaluation_seller_comment(
                actor=seller, evaluation=evaluation, text=plan.seller_comment
            )
            evaluation.evaluator = manager
        if plan.state == "signed":
            services.evaluation_sign(actor=seller, evaluation=evaluation)
