"""Demo people: Noordwind Solutions B.V. (four sales teams, one per coaching model, and
a team of consultants who are asked to sell) and the small Zuidwest Groep.

Idempotent: everything is found by its natural key (slug, e-mail, team name) and only
created when missing; existing rows are never changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from salescoach.accounts.models import User
from salescoach.organisations.models import (
    Membership,
    MembershipStatus,
    Organisation,
    Role,
    RoleAssignment,
    Team,
)
from salescoach.organisations.services import build_invitation

DEMO_PASSWORD = "salescoach-demo"  # noqa: S105 - published on purpose; load_demo refuses in production

P = Role.PROGRAMME_OWNER
M = Role.SALES_MANAGER
S = Role.SELLER
N = Role.NON_SALES
SS = Role.SENIOR_SELLER
IC = Role.INTERNAL_COACH
EC = Role.EXTERNAL_COACH


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    roles: tuple[str, ...]
    team: str | None = None
    reports_to: str | None = None  # e-mail
    title: str = ""
    crm_id: str = ""
    status: str = MembershipStatus.ACTIVE


@dataclass(frozen=True)
class TeamSpec:
    name: str
    manager: str  # e-mail
    description: str


def _nw(local: str) -> str:
    return f"{local}@noordwind.example"


DIRECTOR = "director@noordwind.example"
MANAGER = "manager@noordwind.example"
SELLER = "seller@noordwind.example"
COACH = "coach@kompas-coaching.example"
PEERCOACH = "peercoach@noordwind.example"
CONSULTANT = "consultant@noordwind.example"
OUTSIDER = "outsider@zuidwest.example"

NOORDWIND_TEAMS = [
    TeamSpec(
        "Team Noord",
        _nw("jeroen.bakker"),
        "Accountmanagement grote klanten in Groningen, Friesland en Drenthe. De manager coacht zelf.",
    ),
    TeamSpec(
        "Team Oost",
        _nw("sandra.visser"),
        "Nieuwe klanten in Overijssel en Gelderland. Ervaren senior verkopers coachen hun collega's.",
    ),
    TeamSpec(
        "Team Zuid",
        _nw("ahmed.elamrani"),
        "Binnendienst en accountmanagement Brabant en Limburg, met een interne salescoach in het team.",
    ),
    TeamSpec(
        "Team West",
        MANAGER,
        "Zakelijke markt Randstad. Werkt met een externe coach van Kompas Coaching.",
    ),
    TeamSpec(
        "Adviesteam",
        _nw("willem.dekker"),
        "Consultants en engineers die naast hun vakwerk ook nieuwe opdrachten binnenhalen.",
    ),
]

NOORDWIND_PEOPLE = [
    Person(DIRECTOR, "Marieke van den Berg", (P,), title="Salesdirecteur"),
    # Managers report to the director, who guides their coaching.
    Person(
        _nw("jeroen.bakker"), "Jeroen Bakker", (M,), "Team Noord", DIRECTOR, "Salesmanager Noord", "005A1"
    ),
    Person(_nw("sandra.visser"), "Sandra Visser", (M,), "Team Oost", DIRECTOR, "Salesmanager Oost", "005A2"),
    Person(
        _nw("ahmed.elamrani"), "Ahmed El Amrani", (M,), "Team Zuid", DIRECTOR, "Salesmanager Zuid", "005A3"
    ),
    Person(MANAGER, "Mark de Jong", (M,), "Team West", DIRECTOR, "Salesmanager West", "005A4"),
    Person(_nw("willem.dekker"), "Willem Dekker", (M,), "Adviesteam", DIRECTOR, "Manager Advies", "005A5"),
    # Team Noord: the manager coaches.
    Person(
        _nw("lisa.mulder"),
        "Lisa Mulder",
        (S,),
        "Team Noord",
        _nw("jeroen.bakker"),
        "Accountmanager",
        "005B01",
    ),
    Person(
        _nw("daan.smit"), "Daan Smit", (S,), "Team Noord", _nw("jeroen.bakker"), "Accountmanager", "005B02"
    ),
    Person(
        _nw("emma.dejong"),
        "Emma de Jong",
        (S,),
        "Team Noord",
        _nw("jeroen.bakker"),
        "Accountmanager",
        "005B03",
    ),
    Person(
        _nw("sem.vandijk"),
        "Sem van Dijk",
        (S,),
        "Team Noord",
        _nw("jeroen.bakker"),
        "Accountmanager",
        "005B04",
    ),
    Person(
        _nw("julia.bos"),
        "Julia Bos",
        (S,),
        "Team Noord",
        _nw("jeroen.bakker"),
        "Key accountmanager",
        "005B05",
    ),
    Person(
        PEERCOACH,
        "Bas Hendriks",
        (S, SS),
        "Team Noord",
        _nw("jeroen.bakker"),
        "Senior accountmanager",
        "005B06",
    ),
    Person(_nw("noor.vos"), "Noor Vos", (S,), "Team Noord", _nw("jeroen.bakker"), "Accountmanager", "005B07"),
    # Team Oost: senior sellers coach (Bas Hendriks from Team Noord, and Femke Smit).
    Person(
        _nw("femke.smit"),
        "Femke Smit",
        (S, SS),
        "Team Oost",
        _nw("sandra.visser"),
        "Senior accountmanager",
        "005C01",
    ),
    Person(
        _nw("lucas.meijer"),
        "Lucas Meijer",
        (S,),
        "Team Oost",
        _nw("sandra.visser"),
        "Accountmanager",
        "005C02",
    ),
    Person(
        _nw("sophie.dekker"),
        "Sophie Dekker",
        (S,),
        "Team Oost",
        _nw("sandra.visser"),
        "Accountmanager",
        "005C03",
    ),
    Person(
        _nw("milan.jansen"),
        "Milan Jansen",
        (S,),
        "Team Oost",
        _nw("sandra.visser"),
        "Business developer",
        "005C04",
    ),
    Person(_nw("anna.kok"), "Anna Kok", (S,), "Team Oost", _nw("sandra.visser"), "Accountmanager", "005C05"),
    Person(
        _nw("thijs.peters"),
        "Thijs Peters",
        (S,),
        "Team Oost",
        _nw("sandra.visser"),
        "Accountmanager",
        "005C06",
    ),
    Person(
        _nw("sara.willems"),
        "Sara Willems",
        (S,),
        "Team Oost",
        _nw("sandra.visser"),
        "Business developer",
        "005C07",
    ),
    # Team Zuid: an internal coach who is part of the team.
    Person(_nw("lotte.degraaf"), "Lotte de Graaf", (IC,), "Team Zuid", DIRECTOR, "Interne salescoach"),
    Person(
        _nw("ruben.vanleeuwen"),
        "Ruben van Leeuwen",
        (S,),
        "Team Zuid",
        _nw("ahmed.elamrani"),
        "Accountmanager",
        "005D01",
    ),
    Person(
        _nw("eva.brouwer"),
        "Eva Brouwer",
        (S,),
        "Team Zuid",
        _nw("ahmed.elamrani"),
        "Binnendienst verkoper",
        "005D02",
    ),
    Person(
        _nw("jesse.vandenbroek"),
        "Jesse van den Broek",
        (S,),
        "Team Zuid",
        _nw("ahmed.elamrani"),
        "Accountmanager",
        "005D03",
    ),
    Person(
        _nw("fleur.schouten"),
        "Fleur Schouten",
        (S,),
        "Team Zuid",
        _nw("ahmed.elamrani"),
        "Binnendienst verkoper",
        "005D04",
    ),
    Person(
        _nw("tim.hoekstra"),
        "Tim Hoekstra",
        (S,),
        "Team Zuid",
        _nw("ahmed.elamrani"),
        "Accountmanager",
        "005D05",
    ),
    Person(
        _nw("yara.bouali"),
        "Yara Bouali",
        (S,),
        "Team Zuid",
        _nw("ahmed.elamrani"),
        "Accountmanager",
        "005D06",
    ),
    # Team West: an external coach.
    Person(SELLER, "Sanne de Vries", (S,), "Team West", MANAGER, "Accountmanager", "005E01"),
    Person(_nw("kevin.bosman"), "Kevin Bosman", (S,), "Team West", MANAGER, "Accountmanager", "005E02"),
    Person(_nw("iris.vermeer"), "Iris Vermeer", (S,), "Team West", MANAGER, "Key accountmanager", "005E03"),
    Person(_nw("stefan.kuipers"), "Stefan Kuipers", (S,), "Team West", MANAGER, "Accountmanager", "005E04"),
    Person(_nw("laura.postma"), "Laura Postma", (S,), "Team West", MANAGER, "Accountmanager", "005E05"),
    Person(_nw("niels.bakker"), "Niels Bakker", (S,), "Team West", MANAGER, "Business developer", "005E06"),
    Person(COACH, "Ingrid Hoekstra", (EC,), None, None, "Externe coach, Kompas Coaching"),
    # The consultants who are asked to sell.
    Person(
        CONSULTANT,
        "Thomas Vermeulen",
        (N,),
        "Adviesteam",
        _nw("willem.dekker"),
        "Senior consultant",
        "005F01",
    ),
    Person(
        _nw("esther.vanbeek"),
        "Esther van Beek",
        (N,),
        "Adviesteam",
        _nw("willem.dekker"),
        "Procesingenieur",
        "005F02",
    ),
    Person(
        _nw("joost.maas"),
        "Joost Maas",
        (N,),
        "Adviesteam",
        _nw("willem.dekker"),
        "Registeraccountant",
        "005F03",
    ),
    Person(
        _nw("mila.ramdin"), "Mila Ramdin", (N,), "Adviesteam", _nw("willem.dekker"), "IT-architect", "005F04"
    ),
    Person(
        _nw("pieter.wouters"),
        "Pieter Wouters",
        (N,),
        "Adviesteam",
        _nw("willem.dekker"),
        "Consultant",
        "005F05",
    ),
    Person(
        _nw("hanna.dewit"), "Hanna de Wit", (N,), "Adviesteam", _nw("willem.dekker"), "Engineer", "005F06"
    ),
    # Invited, not yet joined.
    Person(
        _nw("rick.vandam"),
        "Rick van Dam",
        (S,),
        "Team Noord",
        _nw("jeroen.bakker"),
        "Accountmanager",
        status=MembershipStatus.INVITED,
    ),
    Person(
        _nw("zoe.koster"),
        "Zoë Koster",
        (S,),
        "Team West",
        MANAGER,
        "Accountmanager",
        status=MembershipStatus.INVITED,
    ),
]

ZUIDWEST_TEAMS = [
    TeamSpec("Verkoop Zeeland", "h.martens@zuidwest.example", "Regioteam Zeeland en West-Brabant."),
]

ZUIDWEST_PEOPLE = [
    Person(OUTSIDER, "Kees Brouwer", (P,), title="Commercieel directeur"),
    Person("h.martens@zuidwest.example", "Hilde Martens", (M,), "Verkoop Zeeland", OUTSIDER, "Verkoopleider"),
    Person(
        "j.verhoeven@zuidwest.example",
        "Jan Verhoeven",
        (S,),
        "Verkoop Zeeland",
        "h.martens@zuidwest.example",
        "Accountmanager",
    ),
    Person(
        "l.devos@zuidwest.example",
        "Linda de Vos",
        (S,),
        "Verkoop Zeeland",
        "h.martens@zuidwest.example",
        "Accountmanager",
    ),
    Person(
        "m.kramer@zuidwest.example",
        "Mehmet Kramer",
        (S,),
        "Verkoop Zeeland",
        "h.martens@zuidwest.example",
        "Binnendienst",
    ),
    Person(COACH, "Ingrid Hoekstra", (EC,), None, None, "Externe coach, Kompas Coaching"),
]


def _load_organisation(
    name: str, slug: str, teams: list[TeamSpec], people: list[Person], password_hash: str
) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(slug=slug, defaults={"name": name})
    now = timezone.now()
    members: dict[str, Membership] = {}
    new_members: set[str] = set()
    # Managers and superiors first, so that everyone's line manager exists.
    ordered = sorted(people, key=lambda p: (p.reports_to is not None, P not in p.roles, M not in p.roles))
    for person in ordered:
        user, _ = User.objects.get_or_create(
            email=person.email,
            defaults={
                "full_name": person.name,
                "password": password_hash
                if person.status == MembershipStatus.ACTIVE
                else make_password(None),
            },
        )
        member, created = Membership.objects.get_or_create(
            organisation=organisation,
            user=user,
            defaults={
                "status": person.status,
                "job_title": person.title,
                "crm_user_id": person.crm_id,
                "reports_to": members.get(person.reports_to or ""),
                "activated_at": now if person.status == MembershipStatus.ACTIVE else None,
            },
        )
        members[person.email] = member
        if created:
            new_members.add(person.email)
        for role in person.roles:
            RoleAssignment.objects.get_or_create(membership=member, role=role)
        if created and person.status == MembershipStatus.INVITED:
            inviter = members.get(people[0].email)
            invitation = build_invitation(member, inviter)
            invitation.save()
    for spec in teams:
        team, _ = Team.objects.get_or_create(
            organisation=organisation,
            name=spec.name,
            defaults={"manager": members[spec.manager], "description": spec.description},
        )
        for person in people:
            member = members[person.email]
            if person.team == spec.name and person.email in new_members:
                member.team = team
                member.save(update_fields=["team"])
    return organisation


def load(stdout: object | None = None) -> None:
    password_hash = make_password(DEMO_PASSWORD)
    _load_organisation(
        "Noordwind Solutions B.V.", "noordwind", NOORDWIND_TEAMS, NOORDWIND_PEOPLE, password_hash
    )
    _load_organisation("Zuidwest Groep", "zuidwest", ZUIDWEST_TEAMS, ZUIDWEST_PEOPLE, password_hash)
