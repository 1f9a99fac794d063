"""Demo results for Noordwind: two years of deals and targets, and the quarter ahead.

Every seller and consultant of the demo organisation gets quarterly targets and a
pipeline of deals with Dutch accounts, as a CRM would export them: won and lost deals
in the past (with their stage history), open deals closing in the coming months. The
people differ: a few top performers, a broad middle, a few who struggle; the core
performers of the coached teams slowly win more often, as coaching means them to.

Idempotent: deals are found by their CRM id, targets by person and period, set-up by
its natural key; only what is missing is created, nothing existing is changed.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone, translation

from salescoach.organisations.models import Membership, MembershipStatus, Organisation, Role
from salescoach.results.models import (
    ExchangeRate,
    FunnelStage,
    Opportunity,
    ResultsSettings,
    StageChange,
    StageChangeSource,
    StageKind,
    Target,
)
from salescoach.results.periods import add_months, quarter_of
from salescoach.results.rollup import refresh_monthly_results
from salescoach.results.services import funnel_ensure

# Performance per person (the others are core performers).
TOP = {
    "julia.bos@noordwind.example",
    "peercoach@noordwind.example",
    "femke.smit@noordwind.example",
    "ruben.vanleeuwen@noordwind.example",
    "iris.vermeer@noordwind.example",
    "esther.vanbeek@noordwind.example",
}
BOTTOM = {
    "noor.vos@noordwind.example",
    "sara.willems@noordwind.example",
    "fleur.schouten@noordwind.example",
    "niels.bakker@noordwind.example",
    "joost.maas@noordwind.example",
}

ACCOUNTS = {
    "Team Noord": [
        "Zorggroep Hunzeland",
        "Gemeente Oostermeer",
        "Agrarisch Loonbedrijf Veenstra",
        "Waddenzuivel B.V.",
        "Bouwbedrijf Hoekstra B.V.",
        "Energiecoöperatie Drentse Aa",
        "Scholengroep Lauwers",
        "Transportbedrijf Kuipers & Zn.",
        "Hotel De Drie Linden",
        "Installatietechniek Noordoost",
        "Woonstichting Eemsland",
        "Metaalbewerking Haren",
    ],
    "Team Oost": [
        "Textielfabriek Twentewol",
        "Gemeente Berkelland",
        "Logistiek Centrum Deventer",
        "Zorginstelling De IJsselhof",
        "Vleeswarenfabriek Achterhoek",
        "Machinebouw Hengelo B.V.",
        "Autobedrijf Oldenzaal",
        "Waterschap Rijn en Berkel",
        "Drukkerij De Veluwe",
        "Kinderopvang Zonnestraal",
        "Tuincentrum Het Hoge Veld",
    ],
    "Team Zuid": [
        "Brabantse Bouwmaterialen",
        "Maasziekenhuis Venlo",
        "Gemeente Peelland",
        "Kunststoffen Helmond B.V.",
        "Limburgse Bierbrouwerij De Gulp",
        "Hoveniersbedrijf Van Gils",
        "Technische Unie Eindhoven",
        "Camping De Kempen",
        "Schoonmaakbedrijf Brabant Schoon",
        "Accountantskantoor Van Rooij",
        "Logistiek Moerdijk",
    ],
    "Team West": [
        "Havenbedrijf Zeehaven Delta",
        "Advocatenkantoor Van der Meer",
        "Gemeente Kennemerland",
        "Verzekeraar De Duinkant",
        "Bloemenveiling Westland",
        "Hogeschool Leidse Rijn",
        "Vastgoedbeheer Amstelkwartier",
        "Reclamebureau Grachtengordel",
        "Farmaceutica Bio Delta",
        "Architectenbureau Spaarne",
        "Thuiszorg Haaglanden",
        "Rederij Noordzee Shipping Ltd",
    ],
    "Adviesteam": [
        "Waterbedrijf Midden-Nederland",
        "Provincie Flevoland",
        "Netbeheerder Stroomlijn",
        "Ziekenhuis Gelderse Vallei-Zuid",
        "Zuivelcoöperatie Friesland",
        "Gemeente Zeewolde",
        "Chemiepark Botlek",
        "Universiteit Twente-Noord",
    ],
}

DEALS = {
    "Team Noord": [
        "Onderhoudscontract installaties",
        "Uitbreiding licenties",
        "Vervanging werkplekken",
        "Raamovereenkomst",
        "Beveiliging en monitoring",
        "Verlenging servicecontract",
    ],
    "Team Oost": [
        "Nieuwe klant: eerste order",
        "Proefproject",
        "Uitrol fase 1",
        "Jaarcontract onderhoud",
        "Pilot digitalisering",
        "Migratie naar de cloud",
    ],
    "Team Zuid": [
        "Herhaalorder",
        "Uitbreiding contract",
        "Nieuwe vestiging",
        "Serviceabonnement",
        "Vervanging apparatuur",
        "Meerjarenovereenkomst",
    ],
    "Team West": [
        "Raamcontract",
        "Strategisch partnerschap",
        "Implementatie en training",
        "Uitbreiding gebruikers",
        "Aanbesteding",
        "Internationale uitrol",
    ],
    "Adviesteam": [
        "Haalbaarheidsstudie",
        "Procesoptimalisatie",
        "Adviestraject energietransitie",
        "Audit en rapportage",
        "Architectuurreview",
        "Vervolgopdracht",
    ],
}

LOST_REASONS = [
    "Prijs te hoog",
    "Gekozen voor een concurrent",
    "Geen budget",
    "Project uitgesteld",
    "Geen beslissing genomen",
    "Niet de juiste oplossing",
]

# Typical size of a deal and of a quarter's target, per team (EUR).
DEAL_SIZE = {
    "Team Noord": 28000,
    "Team Oost": 18000,
    "Team Zuid": 15000,
    "Team West": 34000,
    "Adviesteam": 22000,
}
DEALS_PER_MONTH = {"Team Noord": 6, "Team Oost": 8, "Team Zuid": 9, "Team West": 5, "Adviesteam": 3}
MONTHS_BACK = 24
MONTHS_AHEAD = 4


@dataclass(frozen=True)
class Band:
    win_rate: float
    size: float  # times the team's typical deal
    volume: float  # times the team's typical number of deals
    improves: float  # win rate gained over the two years


BANDS = {
    "top": Band(0.42, 1.25, 1.15, 0.02),
    "core": Band(0.27, 1.0, 1.0, 0.07),
    "bottom": Band(0.15, 0.8, 0.8, 0.02),
}


def _band(email: str) -> Band:
    return BANDS["top" if email in TOP else "bottom" if email in BOTTOM else "core"]


def _rng(*parts: object) -> random.Random:
    return random.Random(zlib.crc32("|".join(str(p) for p in parts).encode()))


def _stages(organisation: Organisation) -> list[FunnelStage]:
    with translation.override("nl"):
        return funnel_ensure(organisation_id=organisation.pk)


def _sellers(organisation: Organisation) -> list[Membership]:
    return list(
        Membership.objects.filter(
            organisation=organisation,
            status=MembershipStatus.ACTIVE,
            role_assignments__role__in=[Role.SELLER, Role.NON_SALES],
            team__isnull=False,
        )
        .select_related("user", "team")
        .distinct()
        .order_by("pk")
    )


def _targets(
    organisation: Organisation, sellers: list[Membership], first_quarter: date, quarters: int
) -> None:
    existing = set(
        Target.objects.filter(organisation=organisation, period_kind="quarter").values_list(
            "member_id", "period_start"
        )
    )
    new = []
    for seller in sellers:
        team = seller.team.name if seller.team else "Team Noord"
        band = _band(seller.user.email)
        rng = _rng("target", seller.user.email)
        typical = DEAL_SIZE[team] * DEALS_PER_MONTH[team] * 3 * 0.3  # what a core seller wins in a quarter
        base = Decimal(round(typical * (1.1 if band is BANDS["top"] else 1.0) / 5000) * 5000)
        for i in range(quarters):
            start = add_months(first_quarter, 3 * i)
            if (seller.pk, start) in existing:
                continue
            growth = Decimal(1 + 0.03 * (i // 4)) * Decimal(str(round(rng.uniform(0.95, 1.05), 2)))
            amount = (base * growth / 1000).quantize(Decimal("1")) * 1000
            count = max(1, round(float(amount) / DEAL_SIZE[team]))
            new.append(
                Target(
                    organisation=organisation,
                    member=seller,
                    period_kind="quarter",
                    period_start=start,
                    amount=amount,
                    count=count,
                    currency="EUR",
                )
            )
    Target.objects.bulk_create(new)


def _deals(
    organisation: Organisation,
    sellers: list[Membership],
    stages: list[FunnelStage],
    today: date,
    gbp: Decimal,
) -> None:
    open_stages = [s for s in stages if s.kind == StageKind.OPEN]
    won_stage = next(s for s in stages if s.kind == StageKind.WON)
    lost_stage = next(s for s in stages if s.kind == StageKind.LOST)
    existing = set(Opportunity.objects.filter(organisation=organisation).values_list("crm_id", flat=True))
    start = add_months(date(today.year, today.month, 1), -MONTHS_BACK)
    new_deals: list[Opportunity] = []
    histories: list[tuple[Opportunity, list[tuple[FunnelStage, date]]]] = []
    for seller in sellers:
        team = seller.team.name if seller.team else "Team Noord"
        band = _band(seller.user.email)
        rng = _rng("deals", seller.user.email)
        accounts, names = ACCOUNTS[team], DEALS[team]
        count = round(DEALS_PER_MONTH[team] * band.volume * (MONTHS_BACK + MONTHS_AHEAD))
        span = (MONTHS_BACK + MONTHS_AHEAD) * 30
        prefix = seller.crm_user_id.replace("005", "006") if seller.crm_user_id else f"006M{seller.pk}"
        for n in range(count):
            crm_id = f"{prefix}-{n + 1:04d}"
            # Draw everything for every deal, so that the same deal comes out the same on
            # every run, also when it exists already.
            created = start + timedelta(days=rng.randrange(span))
            cycle = int(rng.triangular(14, 150, 45))
            close = created + timedelta(days=cycle)
            size = DEAL_SIZE[team] * band.size * rng.lognormvariate(0, 0.45)
            amount = Decimal(max(1500, round(size / 250) * 250))
            account = rng.choice(accounts)
            deal_name = f"{rng.choice(names)} – {account.split(' B.V.')[0]}"
            progress = (created - start).days / span
            wins = rng.random() < band.win_rate + band.improves * progress
            reached = rng.randrange(len(open_stages)) if not wins else len(open_stages) - 1
            open_at = rng.randrange(len(open_stages))
            lost_reason = rng.choice(LOST_REASONS)
            currency = "GBP" if account.endswith("Ltd") else "EUR"
            if crm_id in existing or created > today + timedelta(days=20):
                continue
            if close <= today:
                stage = won_stage if wins else lost_stage
                path = open_stages[: reached + 1] + [stage]
            else:
                stage = open_stages[open_at]
                path = open_stages[: open_at + 1]
            # Entered each stage spread over the deal's life; the last one on its close date.
            steps = len(path)
            entered = [created + timedelta(days=round(cycle * i / max(steps - 1, 1))) for i in range(steps)]
            if stage.kind == StageKind.OPEN:
                entered = [min(d, today) for d in entered]
            deal = Opportunity(
                organisation=organisation,
                crm_id=crm_id,
                name=deal_name,
                account_name=account,
                owner=seller,
                stage=stage,
                crm_stage=stage.name,
                status=stage.kind,
                amount=amount,
                currency=currency,
                amount_base=(amount * gbp).quantize(Decimal("0.01")) if currency == "GBP" else amount,
                probability=None,
                created_date=created,
                close_date=close,
                cycle_days=cycle,
                lost_reason=lost_reason if stage.kind == StageKind.LOST else "",
            )
            new_deals.append(deal)
            histories.append((deal, list(zip(path, entered, strict=True))))
    Opportunity.objects.bulk_create(new_deals, batch_size=1000)
    refresh_monthly_results(organisation_id=organisation.pk, owner_ids={d.owner_id for d in new_deals})
    StageChange.objects.bulk_create(
        [
            StageChange(
                opportunity=deal,
                stage=stage,
                crm_stage=stage.name,
                entered_on=day,
                source=StageChangeSource.EXPORT,
            )
            for deal, path in histories
            for stage, day in path
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )


def load(stdout: object | None = None) -> None:
    organisation = Organisation.objects.filter(slug="noordwind").first()
    if organisation is None:
        return
    ResultsSettings.objects.get_or_create(organisation=organisation, defaults={"currency": "EUR"})
    gbp, _created = ExchangeRate.objects.get_or_create(
        organisation=organisation, currency="GBP", defaults={"rate": Decimal("1.17")}
    )
    ExchangeRate.objects.get_or_create(
        organisation=organisation, currency="USD", defaults={"rate": Decimal("0.92")}
    )
    stages = _stages(organisation)
    sellers = _sellers(organisation)
    today = timezone.localdate()
    first_quarter = quarter_of(add_months(date(today.year, today.month, 1), -MONTHS_BACK)).start
    _targets(organisation, sellers, first_quarter, quarters=MONTHS_BACK // 3 + 3)
    _deals(organisation, sellers, stages, today, gbp.rate)
