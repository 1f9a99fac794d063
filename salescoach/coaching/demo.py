"""Demo coaching history: a year of coaching at Noordwind (and a little at Zuidwest).

Every team shows its coaching model: the manager coaches in Team Noord, senior sellers
in Team Oost, an internal coach (with many ride-alongs) in Team Zuid, the external coach
Ingrid Hoekstra in Team West and for the consultants of the Adviesteam. Sanne de Vries
(seller@) has a written-out year with Ingrid, with several items shared with her manager
Mark de Jong (manager@) and many that are not. Follow-through differs per person:
some keep nearly every commitment, some struggle and have overdue ones.

Idempotent: a relationship is found by its coach and coachee; when it exists, nothing of
it is touched. Everything is written directly (no e-mails are sent) and dated relative
to the day the demo is loaded.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from salescoach.coaching import demo_stories as stories
from salescoach.coaching.demo_themes import (
    APPOINTMENTS,
    CANCEL_REASONS,
    CLIENTS,
    COACH_COMMENTS,
    GENERAL_SESSIONS,
    LOW_RATINGS,
    NO_SHOW_REASONS,
    RATING_COMMENTS,
    REPLIES,
    SELF_COMMENTS,
    THEMES,
)
from salescoach.coaching.frameworks import FRAMEWORKS
from salescoach.coaching.models import (
    AgreementConfirmation,
    CoachingRelationship,
    CoachingSession,
    Commitment,
    CustomQuestion,
    Note,
    Observation,
    ObservationEntry,
    PlanItem,
    PlanItemRevision,
    PreparedQuestion,
    Proposal,
    SessionEvent,
    SessionRating,
    TriadAgreement,
)
from salescoach.coaching.rubric import default_rubric_keys
from salescoach.coaching.services import coach_kind_for
from salescoach.organisations.models import Membership, Organisation
from salescoach.privacy.policy import manager_id_of

NW = "@noordwind.example"
INGRID = "coach@kompas-coaching.example"
DURATION = {"one_to_one": 60, "triad": 75, "ride_along": 150}
PLACES = {
    INGRID: ("Kantoor Noordwind, Amsterdam", "https://meet.kompas-coaching.example/ingrid-hoekstra"),
    f"lotte.degraaf{NW}": ("Kantoor Eindhoven, spreekkamer 2", ""),
    f"peercoach{NW}": ("Kantoor Zwolle", "https://teams.noordwind.example/bas-hendriks"),
    f"femke.smit{NW}": ("Kantoor Zwolle", ""),
    f"jeroen.bakker{NW}": ("Kantoor Groningen, kamer van Jeroen", ""),
    f"willem.dekker{NW}": ("Kantoor Utrecht", "https://teams.noordwind.example/willem-dekker"),
    "manager@noordwind.example": ("Kantoor Amsterdam", ""),
}


@dataclass
class Plan:
    coach: str
    coachee: str
    org: str = "noordwind"
    theme: str = ""
    second: str = ""  # a second development theme, for the second half of the year
    story: list[dict[str, Any]] = field(default_factory=list)
    agreements: list[dict[str, Any]] = field(default_factory=list)
    pattern: str = "mixed"  # reliable, mixed, struggling, improving
    frameworks: tuple[str, ...] = ("grow",)
    cadence: int = 21
    weekday: int = 1  # Monday is 0
    hour: float = 9.0
    rides: int = 0  # a ride-along every n sessions
    shares: bool = False
    agreement: str = "confirmed"  # confirmed, pending_manager, missing, review_due
    extra: int = 1  # general sessions besides the theme
    future: int = 1


def nw(local: str) -> str:
    return f"{local}{NW}"


PLANS: list[Plan] = [
    # Team West: the external coach, and the manager who coaches Iris too.
    Plan(
        INGRID,
        "seller@noordwind.example",
        story=stories.SANNE,
        agreements=stories.SANNE_AGREEMENTS,
        cadence=17,
        weekday=1,
        hour=9.0,
        shares=True,
    ),
    Plan(
        INGRID,
        nw("kevin.bosman"),
        theme="price",
        second="closing",
        pattern="mixed",
        frameworks=("grow", "oskar"),
        weekday=1,
        hour=10.5,
        rides=3,
        cadence=21,
        extra=2,
    ),
    Plan(
        INGRID,
        nw("iris.vermeer"),
        theme="executive",
        second="time",
        pattern="reliable",
        frameworks=("solution_focused", "grow"),
        weekday=1,
        hour=13.5,
        rides=4,
        shares=True,
        cadence=21,
        extra=2,
    ),
    Plan(
        INGRID,
        nw("stefan.kuipers"),
        theme="prospecting",
        second="time",
        pattern="struggling",
        frameworks=("grow",),
        weekday=3,
        hour=9.0,
        cadence=21,
        extra=2,
    ),
    Plan(
        INGRID,
        nw("laura.postma"),
        theme="discovery",
        second="price",
        pattern="improving",
        frameworks=("grow", "oskar"),
        weekday=3,
        hour=10.5,
        rides=3,
        agreement="review_due",
        cadence=21,
        extra=1,
    ),
    Plan(
        INGRID,
        nw("niels.bakker"),
        theme="closing",
        pattern="mixed",
        frameworks=("grow",),
        weekday=3,
        hour=13.5,
        agreement="pending_manager",
        cadence=28,
        extra=0,
    ),
    Plan(
        "manager@noordwind.example",
        nw("iris.vermeer"),
        theme="accounts",
        pattern="reliable",
        frameworks=("grow",),
        weekday=4,
        hour=11.0,
        cadence=35,
        extra=0,
    ),
    # The consultants who are asked to sell.
    Plan(
        INGRID,
        "consultant@noordwind.example",
        story=stories.THOMAS,
        agreements=[stories.THOMAS_AGREEMENT],
        cadence=28,
        weekday=4,
        hour=9.5,
        shares=True,
    ),
    Plan(
        INGRID,
        nw("esther.vanbeek"),
        theme="pushy",
        second="payoff",
        pattern="improving",
        frameworks=("solution_focused", "clear"),
        weekday=3,
        hour=15.0,
        cadence=28,
        extra=1,
    ),
    Plan(
        nw("willem.dekker"),
        nw("joost.maas"),
        theme="payoff",
        pattern="mixed",
        frameworks=("clear",),
        weekday=2,
        hour=14.0,
        cadence=28,
        extra=1,
    ),
    Plan(
        nw("willem.dekker"),
        nw("mila.ramdin"),
        theme="role",
        pattern="reliable",
        frameworks=("clear", "grow"),
        weekday=2,
        hour=15.5,
        cadence=28,
        shares=True,
        extra=1,
    ),
    # Team Noord: the manager coaches -- with little time, so not everyone and not often.
    Plan(
        nw("jeroen.bakker"),
        nw("lisa.mulder"),
        theme="discovery",
        pattern="reliable",
        weekday=0,
        hour=16.0,
        cadence=28,
        rides=5,
        shares=True,
        extra=1,
    ),
    Plan(
        nw("jeroen.bakker"),
        nw("daan.smit"),
        theme="time",
        pattern="struggling",
        weekday=4,
        hour=16.0,
        cadence=35,
        extra=0,
    ),
    Plan(
        nw("jeroen.bakker"),
        nw("emma.dejong"),
        theme="closing",
        pattern="mixed",
        weekday=2,
        hour=8.5,
        cadence=35,
        extra=0,
    ),
    Plan(
        nw("jeroen.bakker"),
        nw("julia.bos"),
        theme="accounts",
        pattern="reliable",
        weekday=0,
        hour=8.5,
        cadence=28,
        shares=True,
        extra=1,
    ),
    Plan(nw("jeroen.bakker"), nw("noor.vos"), agreement="missing", future=1),
    # Team Oost: senior sellers coach their colleagues.
    Plan(
        nw("peercoach"),
        nw("lucas.meijer"),
        story=stories.LUCAS,
        agreements=[stories.LUCAS_AGREEMENT],
        cadence=14,
        weekday=2,
        hour=8.0,
    ),
    Plan(
        nw("peercoach"),
        nw("sophie.dekker"),
        theme="executive",
        pattern="mixed",
        frameworks=("grow", "clear"),
        weekday=4,
        hour=8.0,
        rides=3,
        cadence=21,
        extra=1,
    ),
    Plan(
        nw("peercoach"),
        nw("milan.jansen"),
        theme="prospecting",
        pattern="improving",
        frameworks=("grow",),
        weekday=0,
        hour=17.0,
        cadence=21,
        extra=1,
    ),
    Plan(
        nw("femke.smit"),
        nw("anna.kok"),
        theme="price",
        pattern="reliable",
        frameworks=("solution_focused", "grow"),
        weekday=1,
        hour=8.0,
        rides=3,
        cadence=21,
        shares=True,
        extra=1,
    ),
    Plan(
        nw("femke.smit"),
        nw("thijs.peters"),
        theme="time",
        pattern="mixed",
        frameworks=("solution_focused",),
        weekday=3,
        hour=8.0,
        cadence=21,
        extra=1,
    ),
    Plan(
        nw("femke.smit"),
        nw("sara.willems"),
        theme="closing",
        pattern="improving",
        frameworks=("grow", "solution_focused"),
        weekday=0,
        hour=12.0,
        cadence=28,
        extra=1,
    ),
    # Team Zuid: an internal coach who is part of the team and joins client appointments.
    Plan(
        nw("lotte.degraaf"),
        nw("ruben.vanleeuwen"),
        theme="executive",
        second="accounts",
        pattern="mixed",
        frameworks=("clear", "grow"),
        weekday=0,
        hour=9.0,
        rides=2,
        cadence=21,
        extra=1,
    ),
    Plan(
        nw("lotte.degraaf"),
        nw("eva.brouwer"),
        theme="phone",
        second="closing",
        pattern="reliable",
        frameworks=("clear",),
        weekday=0,
        hour=13.0,
        rides=2,
        shares=True,
        cadence=21,
        extra=1,
    ),
    Plan(
        nw("lotte.degraaf"),
        nw("jesse.vandenbroek"),
        theme="price",
        second="time",
        pattern="struggling",
        frameworks=("clear", "grow"),
        weekday=2,
        hour=9.0,
        rides=2,
        cadence=21,
        extra=1,
    ),
    Plan(
        nw("lotte.degraaf"),
        nw("fleur.schouten"),
        theme="phone",
        second="discovery",
        pattern="improving",
        frameworks=("grow",),
        weekday=2,
        hour=13.0,
        rides=2,
        cadence=21,
        extra=1,
    ),
    Plan(
        nw("lotte.degraaf"),
        nw("tim.hoekstra"),
        theme="closing",
        second="prospecting",
        pattern="mixed",
        frameworks=("clear",),
        weekday=4,
        hour=9.0,
        rides=2,
        cadence=21,
        extra=1,
    ),
    Plan(
        nw("lotte.degraaf"),
        nw("yara.bouali"),
        theme="discovery",
        second="executive",
        pattern="reliable",
        frameworks=("clear", "grow"),
        weekday=4,
        hour=13.0,
        rides=2,
        shares=True,
        cadence=21,
        extra=1,
    ),
    # Zuidwest: the same external coach, another client.
    Plan(
        INGRID,
        "j.verhoeven@zuidwest.example",
        org="zuidwest",
        theme="discovery",
        pattern="mixed",
        frameworks=("grow",),
        weekday=2,
        hour=10.0,
        cadence=28,
        extra=0,
    ),
]

OWN_QUESTIONS = [
    (INGRID, "grow", "reality", "nl", "Wat zou je klant zeggen als ik hem vroeg hoe dat gesprek ging?"),
    (INGRID, "grow", "options", "nl", "Welke keuze zou je maken als het target er even niet was?"),
    (INGRID, "oskar", "scaling", "nl", "Wat is het kleinste verschil tussen vandaag en één punt hoger?"),
    (INGRID, "grow", "goal", "en", "What would make this hour worth your time?"),
    (
        nw("lotte.degraaf"),
        "plan_do_review",
        "plan",
        "nl",
        "Welk signaal van de klant wil je vandaag niet missen?",
    ),
    (
        nw("lotte.degraaf"),
        "clear",
        "explore",
        "nl",
        "Wat heb je van de klant geleerd dat je nog niet gebruikt?",
    ),
    (nw("peercoach"), "grow", "way_forward", "nl", "Wie in het team kan je hierbij helpen?"),
]


# --- building one relationship ------------------------------------------------------------


class Builder:
    def __init__(
        self, plan: Plan, organisation: Organisation, members: dict[str, Membership], busy: dict[int, list]
    ):
        self.plan = plan
        self.organisation = organisation
        self.coach = members[plan.coach]
        self.coachee = members[plan.coachee]
        self.busy = busy
        self.rng = random.Random(f"{plan.coach}|{plan.coachee}")  # the same demo on every machine
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.first = self.coachee.user.full_name.split()[0]
        clients = self.rng.sample(CLIENTS, 2)
        self.fill = {"first": self.first, "client": clients[0], "client2": clients[1]}
        manager_id = manager_id_of(self.coachee)
        self.manager = Membership.objects.select_related("user").get(pk=manager_id) if manager_id else None
        self.plan_items: dict[str, PlanItem] = {}
        self.open_commitments: list[Commitment] = []

    def text(self, template: str) -> str:
        return template.format(**self.fill)

    # --- time --------------------------------------------------------------------------

    def at(self, day: date, hour: float) -> datetime:
        moment = time(int(hour), int(round((hour % 1) * 60)))
        return datetime.combine(day, moment, tzinfo=timezone.get_current_timezone())

    def free_slot(self, day: date, hour: float, minutes: int) -> tuple[datetime, datetime]:
        """The first moment from ``day`` at ``hour`` when coach and coachee are both free."""
        people = [self.coach.user_id, self.coachee.user_id]
        for _ in range(30):
            if day.weekday() < 5:
                for start_hour in (hour, hour + 2, hour - 2, hour + 4):
                    if not 8 <= start_hour <= 17:
                        continue
                    start = self.at(day, start_hour)
                    end = start + timedelta(minutes=minutes)
                    if all(not (s < end and start < e) for p in people for s, e in self.busy[p]):
                        for p in people:
                            self.busy[p].append((start, end))
                        return start, end
            day += timedelta(days=1)
        raise RuntimeError("no free slot for the demo")  # pragma: no cover

    def schedule(self, specs: list[dict[str, Any]]) -> list[date]:
        """Dates for the sessions: the last held one a few days ago, the future ones ahead."""
        plan = self.plan
        dates: list[date] = [date.min] * len(specs)
        held = [i for i, spec in enumerate(specs) if not spec.get("future")]
        future = [i for i, spec in enumerate(specs) if spec.get("future")]
        day = self.today + timedelta(days=3)
        for index in future:
            while day.weekday() != plan.weekday:
                day += timedelta(days=1)
            dates[index] = day
            day += timedelta(days=plan.cadence)
        day = self.today - timedelta(days=4)
        for index in reversed(held):
            while day.weekday() != plan.weekday:
                day -= timedelta(days=1)
            dates[index] = day
            day -= timedelta(days=specs[index].get("gap") or plan.cadence)
        return dates

    # --- the relationship ----------------------------------------------------------------

    def build(self) -> None:
        specs = self.plan.story or self.themed_specs()
        dates = self.schedule(specs)
        started = (dates[0] if dates else self.today) - timedelta(days=10)
        if self.plan.agreement == "missing":
            started = self.today - timedelta(days=9)
        self.relationship = CoachingRelationship.objects.create(
            organisation=self.organisation,
            coach=self.coach,
            coachee=self.coachee,
            team=self.coachee.team,
            coach_kind=coach_kind_for(self.coach, self.coachee),
            started_on=started,
            created_by=self.coach if self.plan.coach == "manager@noordwind.example" else None,
            created_at=self.at(started, 9),
        )
        self.agreements(started, specs, dates)
        previous_held: CoachingSession | None = None
        for number, (spec, day) in enumerate(zip(specs, dates, strict=True)):
            session = self.session(number, spec, day)
            if session.status == "scheduled" and session.starts_at < self.now:
                self.review_open(session)
                self.content(number, spec, session, last=self.is_last_held(number, specs))
                previous_held = session
            elif spec.get("future"):
                self.future_content(spec, session)
        if previous_held is not None:
            self.finish_open_commitments(previous_held)

    def is_last_held(self, number: int, specs: list[dict[str, Any]]) -> bool:
        later = specs[number + 1 :]
        return not any(not s.get("future") and not s.get("status") for s in later)

    def themed_specs(self) -> list[dict[str, Any]]:
        plan = self.plan
        if not plan.theme:
            return [{"future": True, "framework": "grow", "agenda": ""}] * plan.future
        specs: list[dict[str, Any]] = []
        general = list(GENERAL_SESSIONS)
        self.rng.shuffle(general)
        beats = [{**beat, "theme": plan.theme} for beat in THEMES[plan.theme]["sessions"]]
        for _ in range(plan.extra):
            beats.insert(self.rng.randint(2, len(beats) - 1), {**general.pop(), "theme": plan.theme})
        if plan.second:
            # Half way through the year the seller chooses a new theme, and the triad
            # agreement changes with it.
            second = [{**beat, "theme": plan.second} for beat in THEMES[plan.second]["sessions"]]
            second[0] = {**second[0], "agreement_version": 2}
            if general:
                second.insert(2, {**general.pop(), "theme": plan.second})
            beats += second
        for number, beat in enumerate(beats):
            framework = plan.frameworks[number % len(plan.frameworks)]
            spec: dict[str, Any] = {"beat": beat, "framework": framework, "theme": beat["theme"]}
            if beat.get("agreement_version"):
                spec["agreement_version"] = beat["agreement_version"]
            specs.append(spec)
            if plan.rides and (number + 1) % plan.rides == 0:
                appointment = self.rng.choice(APPOINTMENTS)
                specs.append(
                    {
                        "kind": "ride_along",
                        "framework": "plan_do_review",
                        "ride": True,
                        "theme": beat["theme"],
                        "appointment": appointment,
                        "agenda": "Meelopen: " + appointment + ".",
                        "notes": [
                            (
                                stories.C,
                                stories.PAIR,
                                "Vooraf samen doorgenomen: het doel van {first}, de vragen die "
                                "{first} wil stellen en waar ik vooral op let.",
                            ),
                        ],
                    }
                )
        # A cancellation or a no-show now and then, as in real life.
        if len(specs) > 4 and self.rng.random() < 0.6:
            specs.insert(self.rng.randint(2, len(specs) - 2), {"status": "cancelled", "framework": "grow"})
        if plan.pattern == "struggling":
            specs.insert(len(specs) - 1, {"status": "no_show", "framework": "grow"})
        for number in range(plan.future):
            future: dict[str, Any] = {"future": True, "framework": plan.frameworks[0]}
            if number == 0 and self.rng.random() < 0.4:
                future["agenda"] = "Terugblik op mijn voornemen, en wat ik daarna wil oppakken."
                future["prepare"] = [
                    (stage.key, self.rng.randrange(4)) for stage in FRAMEWORKS[future["framework"]].stages
                ]
            specs.append(future)
        return specs

    def agreements(self, started: date, specs: list[dict[str, Any]], dates: list[date]) -> None:
        plan = self.plan
        if plan.agreement == "missing":
            return
        versions = plan.agreements or [self.themed_agreement(plan.theme)]
        first_written = started + timedelta(days=2)
        if plan.second:
            versions = [versions[0], {**self.themed_agreement(plan.second), "created_by": "seller"}]
        elif not plan.agreements and first_written + timedelta(days=150) < self.today:
            # Reviewed after about five months and confirmed again, unchanged: a second version.
            versions = [{**versions[0], "review_after_days": 150}, {**versions[0], "created_by": "manager"}]
        for number, spec in enumerate(versions, start=1):
            index = next((i for i, s in enumerate(specs) if s.get("agreement_version") == number), None)
            if number == 1:
                written = first_written
            elif index is not None:
                written = dates[index]
            else:
                written = first_written + timedelta(days=150)
            review_on = written + timedelta(days=spec["review_after_days"])
            if number == len(versions):
                if "review_in_days" in spec:
                    review_on = self.today + timedelta(days=spec["review_in_days"])
                elif review_on <= self.today:
                    review_on = self.today + timedelta(days=self.rng.randint(20, 90))
                if plan.agreement == "review_due":
                    review_on = self.today - timedelta(days=12)
            author = {"coach": self.coach, "seller": self.coachee, "manager": self.manager or self.coach}[
                spec.get("created_by", "coach")
            ]
            agreement = TriadAgreement.objects.create(
                relationship=self.relationship,
                version=number,
                result_to_reach=self.text(spec["result_to_reach"]),
                manager_role=self.text(spec["manager_role"]),
                coach_role=self.text(spec["coach_role"]),
                reporting=spec.get("reporting", "sessions"),
                cadence=spec.get("cadence", "biweekly"),
                review_on=review_on,
                seller=self.coachee,
                coach=self.coach,
                manager=self.manager,
                created_by=author,
                created_at=self.at(written, 17),
            )
            parties = [author] + [
                p for p in (self.coachee, self.coach, self.manager) if p and p.pk != author.pk
            ]
            confirmed_at = None
            for offset, party in enumerate(dict.fromkeys(parties)):
                if plan.agreement == "pending_manager" and self.manager and party.pk == self.manager.pk:
                    continue
                confirmed_at = self.at(written + timedelta(days=offset), 17.5)
                AgreementConfirmation.objects.create(
                    agreement=agreement, member=party, confirmed_at=confirmed_at
                )
            if plan.agreement != "pending_manager":
                agreement.confirmed_at = confirmed_at
                agreement.save(update_fields=["confirmed_at"])
                self.relationship.reporting = agreement.reporting
                self.relationship.save(update_fields=["reporting"])

    def themed_agreement(self, theme_key: str) -> dict[str, Any]:
        theme = THEMES.get(theme_key, THEMES["discovery"])
        coach_name = self.coach.user.full_name.split()[0]
        manager_name = self.manager.user.full_name.split()[0] if self.manager else ""
        if self.relationship.coach_kind == "manager":
            manager_role = (
                f"{coach_name} is manager én coach. Targets, pijplijn en beoordeling bespreekt {coach_name} in het "
                "maandgesprek, nooit in een coachgesprek; coachgesprekken gaan alleen over de ontwikkeling van {first}."
            )
            coach_role = f"{coach_name} stelt vragen en legt keuzes voor; {{first}} kiest zelf."
        else:
            manager_role = (
                f"{manager_name} stuurt op target, pijplijn en forecast en houdt tijd vrij voor de coaching. "
                f"{manager_name} vraagt de coach niet naar de inhoud van de gesprekken."
            )
            coach_role = (
                f"{coach_name} werkt met {{first}} aan vaardigheden en keuzes, loopt mee bij klantafspraken en meldt "
                f"{manager_name} alleen dat er gesprekken plaatsvinden."
            )
        return {
            "result_to_reach": theme["result"],
            "manager_role": manager_role,
            "coach_role": coach_role,
            "reporting": "sessions",
            "cadence": {14: "biweekly", 21: "three_weekly"}.get(self.plan.cadence, "monthly"),
            "review_after_days": 180,
        }

    # --- sessions ----------------------------------------------------------------------

    def session(self, number: int, spec: dict[str, Any], day: date) -> CoachingSession:
        kind = spec.get("kind", "one_to_one")
        start, end = self.free_slot(day, self.plan.hour if kind != "ride_along" else 13.0, DURATION[kind])
        office, video = PLACES.get(self.plan.coach, ("", ""))
        location = office
        video_url = video if number % 3 == 1 else ""
        if kind == "ride_along":
            appointment = (
                (spec.get("observation") or {}).get("appointment") or spec.get("appointment") or "{client}"
            )
            location, video_url = self.text(appointment).split(",")[0], ""
        status = spec.get("status", "scheduled")
        reason = spec.get("reason") or ""
        if status == "cancelled" and not reason:
            reason = self.rng.choice(CANCEL_REASONS)
        if status == "no_show" and not reason:
            reason = self.rng.choice(NO_SHOW_REASONS)
        planned_at = max(start - timedelta(days=12), self.at(self.relationship.started_on, 10))
        session = CoachingSession.objects.create(
            relationship=self.relationship,
            kind=kind,
            starts_at=start,
            ends_at=end,
            location=location,
            video_url=video_url,
            status=status,
            status_reason=reason,
            status_changed_by=(self.coachee if status == "cancelled" else self.coach)
            if status != "scheduled"
            else None,
            status_changed_at=start - timedelta(hours=20)
            if status == "cancelled"
            else (end if status == "no_show" else None),
            manager=self.manager if kind == "triad" else None,
            framework=spec.get("framework") or "grow",
            reminder_minutes=1440,
            remind_at=start - timedelta(days=1),
            reminder_sent_at=start - timedelta(days=1) if start - timedelta(days=1) < self.now else None,
            sequence=1 if spec.get("moved") or status != "scheduled" else 0,
            created_by=self.coach,
            created_at=planned_at,
            updated_at=planned_at,
        )
        SessionEvent.objects.create(
            session=session,
            kind="planned",
            actor=self.coach,
            at=planned_at,
            data={"starts_at": start.isoformat(), "ends_at": end.isoformat()},
        )
        if spec.get("moved"):
            old = start - timedelta(days=spec["moved"])
            SessionEvent.objects.create(
                session=session,
                kind="rescheduled",
                actor=self.coachee,
                at=planned_at + timedelta(days=3),
                data={
                    "old_starts_at": old.isoformat(),
                    "old_ends_at": (old + (end - start)).isoformat(),
                    "starts_at": start.isoformat(),
                    "ends_at": end.isoformat(),
                },
            )
        if status != "scheduled":
            SessionEvent.objects.create(
                session=session,
                kind=status,
                actor=session.status_changed_by,
                at=session.status_changed_at or end,
                data={"reason": reason},
            )
        if kind == "ride_along":
            Observation.objects.create(session=session, rubric=default_rubric_keys(), created_at=planned_at)
        return session

    def content(self, number: int, spec: dict[str, Any], session: CoachingSession, *, last: bool) -> None:
        if "beat" in spec:
            spec = self.from_beat(spec)
        start = session.starts_at
        if spec.get("agenda"):
            session.agenda = self.text(spec["agenda"])
            SessionEvent.objects.create(
                session=session, kind="agenda", actor=self.coachee, at=start - timedelta(days=2)
            )
        if spec.get("outcomes"):
            session.outcomes = self.text(spec["outcomes"])
        session.save(update_fields=["agenda", "outcomes"])
        self.prepare(session, spec)
        for offset, (author, visibility, text) in enumerate(spec.get("notes", [])):
            if visibility == stories.SHARED and not self.plan.shares:
                visibility = stories.PAIR
            self.note(session, author, visibility, self.text(text), start + timedelta(minutes=65 + offset))
        proposed = {proposal[3] for proposal in spec.get("proposals", [])}
        entries = spec.get("plan", [])
        # Items that grow out of an accepted proposal come after it.
        for key, layer, text, parent, status, visibility, _unused in entries:
            if parent not in proposed:
                at = start + timedelta(minutes=55)
                self.plan_item(key, layer, self.text(text), parent, status, visibility, at)
        for proposal in spec.get("proposals", []):
            self.proposal(session, *proposal)
        for key, layer, text, parent, status, visibility, _unused in entries:
            if parent in proposed:
                at = start + timedelta(days=1, hours=1)
                self.plan_item(key, layer, self.text(text), parent, status, visibility, at)
        for text, outcome, reflection, days in spec.get("commitments", []):
            self.commitment(session, self.text(text), outcome, self.text(reflection), days)
        if spec.get("declined_proposal"):
            self.declined_proposal(session)
        if spec.get("observation") or spec.get("ride"):
            self.observation(
                session,
                spec.get("observation"),
                appointment=spec.get("appointment", ""),
                theme=spec.get("theme") or self.plan.theme,
                last=last,
            )
        rating = spec.get("rating", self.themed_rating())
        if rating is not None and not (last and self.plan.coachee == "seller@noordwind.example"):
            useful, comment = rating
            SessionRating.objects.create(
                session=session,
                useful=useful,
                comment=self.text(comment),
                rated_by=self.coachee,
                created_at=session.ends_at + timedelta(hours=3),
                updated_at=session.ends_at + timedelta(hours=3),
            )
        if last and self.plan.coachee == "seller@noordwind.example":
            Proposal.objects.create(
                relationship=self.relationship,
                session=session,
                kind="commitment",
                text="Na elk eerste gesprek de klant binnen een dag een korte samenvatting sturen.",
                rationale="Je vertelde dat klanten je samenvattingen in het gesprek waarderen. Dit is een manier om "
                "dat vast te houden; jij kiest.",
                due_on=self.today + timedelta(days=14),
                proposed_by=self.coach,
                created_at=session.ends_at,
            )

    def from_beat(self, spec: dict[str, Any]) -> dict[str, Any]:
        beat = spec["beat"]
        notes = [(stories.C, stories.PAIR, beat["coach"])]
        if beat.get("seller"):
            notes.append((stories.S, stories.PAIR, beat["seller"]))
        if beat.get("private"):
            notes.append((stories.C, stories.PRIV, beat["private"]))
        if beat.get("seller_private"):
            notes.append((stories.S, stories.PRIV, beat["seller_private"]))
        if beat.get("share"):
            notes.append((stories.S, stories.SHARED, beat["share"]))
        theme_key = spec["theme"]
        chain = {item[0]: item for item in THEMES[theme_key]["chain"]}
        plan = []
        proposals = []
        for name in beat.get("plan", []):
            _name, layer, text, parent_name = chain[name]
            key = f"{theme_key}:{name}"
            parent = f"{theme_key}:{parent_name}" if parent_name else None
            status = "achieved" if layer == "result" and self.plan.pattern == "reliable" else "active"
            visibility = stories.SHARED if layer == "result" and self.plan.shares else stories.PAIR
            if layer == "opportunity":
                proposals.append(
                    (
                        "plan_item",
                        layer,
                        parent,
                        key,
                        text,
                        "Je noemde dit zelf een paar keer; kijk of het bij je past.",
                        "accepted",
                    )
                )
            else:
                plan.append((key, layer, text, parent, status, visibility, False))
        text, done, partly, not_done, days = beat["commitment"]
        outcome = self.outcome()
        reflection = {"done": done, "partly": partly, "not_done": not_done}.get(outcome, "")
        return {
            **spec,
            "agenda": beat["agenda"],
            "outcomes": beat["outcomes"],
            "notes": notes,
            "plan": plan,
            "proposals": proposals,
            "commitments": [(text, outcome, reflection, days)],
        }

    def outcome(self) -> str:
        pattern = self.plan.pattern
        self.counter = getattr(self, "counter", 0) + 1
        n = self.counter
        if pattern == "reliable":
            return "partly" if n % 4 == 0 else "done"
        if pattern == "struggling":
            return ("not_done", "partly", "not_done", "not_done", "partly")[n % 5]
        if pattern == "improving":
            return "not_done" if n <= 2 else ("partly" if n == 3 else "done")
        return ("done", "partly", "not_done", "done", "done", "partly")[n % 6]

    def themed_rating(self) -> tuple[bool, str] | None:
        roll = self.rng.random()
        if roll < 0.15:
            return None
        if roll < 0.23:
            return False, self.rng.choice(LOW_RATINGS)
        return True, self.rng.choice(RATING_COMMENTS)

    def prepare(self, session: CoachingSession, spec: dict[str, Any]) -> None:
        framework = FRAMEWORKS[session.framework]
        picks = spec.get("prepare")
        if picks is None:
            picks = [(stage.key, self.rng.randrange(len(stage.bank("nl")))) for stage in framework.stages]
        rows = []
        for position, (stage_key, index) in enumerate(picks):
            bank = framework.stage(stage_key).bank("nl")
            rows.append(
                PreparedQuestion(
                    session=session,
                    stage=stage_key,
                    text=bank[index % len(bank)],
                    position=position,
                    created_at=session.starts_at - timedelta(days=1),
                )
            )
        unique = {(row.stage, row.text): row for row in rows}
        PreparedQuestion.objects.bulk_create(unique.values())
        SessionEvent.objects.create(
            session=session,
            kind="prepared",
            actor=self.coach,
            at=session.starts_at - timedelta(hours=20),
            data={"framework": session.framework},
        )

    def note(
        self, session: CoachingSession | None, author: str, visibility: str, text: str, at: datetime
    ) -> None:
        member = self.coach if author == stories.C else self.coachee
        Note.objects.create(
            relationship=self.relationship,
            session=session,
            author=member,
            text=text,
            visibility=visibility,
            unshared_visibility=stories.PAIR if visibility == stories.SHARED else visibility,
            shared_at=at + timedelta(hours=2) if visibility == stories.SHARED else None,
            created_at=at,
            updated_at=at,
        )

    def plan_item(
        self,
        key: str,
        layer: str,
        text: str,
        parent: str | None,
        status: str,
        visibility: str,
        at: datetime,
        proposal: Proposal | None = None,
    ) -> PlanItem:
        if visibility == stories.SHARED and not self.plan.shares:
            visibility = stories.PAIR
        item = PlanItem.objects.create(
            relationship=self.relationship,
            layer=layer,
            text=text,
            follows_from=self.plan_items.get(parent or ""),
            status="active",
            visibility=visibility,
            unshared_visibility=stories.PAIR if visibility == stories.SHARED else visibility,
            shared_at=at + timedelta(days=1) if visibility == stories.SHARED else None,
            created_by=self.coachee,
            created_at=at,
            updated_at=at,
        )
        PlanItemRevision.objects.create(
            item=item,
            changed_by=self.coachee,
            changed_at=at,
            change="accepted" if proposal else "created",
            layer=layer,
            text=text,
            status="active",
            visibility=visibility,
        )
        if status != "active":
            later = min(at + timedelta(days=60), self.now - timedelta(days=2))
            item.status = status
            item.updated_at = later
            item.save(update_fields=["status", "updated_at"])
            PlanItemRevision.objects.create(
                item=item,
                changed_by=self.coachee,
                changed_at=later,
                change="edited",
                layer=layer,
                text=text,
                status=status,
                visibility=visibility,
            )
        self.plan_items[key] = item
        return item

    def proposal(
        self,
        session: CoachingSession,
        kind: str,
        layer: str,
        parent: str | None,
        key: str,
        text: str,
        rationale: str,
        decision: str,
    ) -> None:
        at = session.starts_at + timedelta(minutes=50)
        proposal = Proposal.objects.create(
            relationship=self.relationship,
            session=session,
            kind=kind,
            text=self.text(text),
            rationale=self.text(rationale),
            layer=layer,
            follows_from=self.plan_items.get(parent or ""),
            proposed_by=self.coach,
            created_at=at,
            status=decision,
            decided_at=at + timedelta(days=1),
        )
        if decision == "accepted":
            proposal.plan_item = self.plan_item(
                key, layer, proposal.text, parent, "active", stories.PAIR, at + timedelta(days=1), proposal
            )
            proposal.save(update_fields=["plan_item"])

    def declined_proposal(self, session: CoachingSession) -> None:
        kind, text, rationale, comment = stories.SANNE_PROPOSAL_DECLINED
        at = session.starts_at + timedelta(minutes=50)
        Proposal.objects.create(
            relationship=self.relationship,
            session=session,
            kind=kind,
            text=text,
            rationale=rationale,
            due_on=session.starts_at.date() + timedelta(days=14),
            proposed_by=self.coach,
            created_at=at,
            status="declined",
            decided_at=at + timedelta(hours=20),
            decision_comment=comment,
        )

    def commitment(
        self, session: CoachingSession, text: str, outcome: str, reflection: str, days: int
    ) -> None:
        made = session.starts_at + timedelta(minutes=50)
        made_on = timezone.localtime(made).date()
        due_on = made_on + timedelta(days=max(days, 1))
        commitment = Commitment.objects.create(
            relationship=self.relationship,
            session=session,
            text=text,
            due_on=due_on,
            created_by=self.coachee,
            created_at=made,
            updated_at=made,
            visibility=stories.PAIR,
            unshared_visibility=stories.PAIR,
        )
        commitment.planned_outcome = (outcome, reflection, days)  # type: ignore[attr-defined]
        self.open_commitments.append(commitment)

    def review_open(self, session: CoachingSession) -> None:
        """Commitments of earlier sessions are looked back on in this one."""
        for commitment in list(self.open_commitments):
            outcome, reflection, _days = commitment.planned_outcome  # type: ignore[attr-defined]
            if outcome == "open" or commitment.session_id == session.pk:
                continue
            commitment.status = outcome
            commitment.reflection = reflection
            commitment.reviewed_in = session
            commitment.reviewed_at = session.starts_at + timedelta(minutes=15)
            commitment.updated_at = commitment.reviewed_at
            commitment.save(
                update_fields=["status", "reflection", "reviewed_in", "reviewed_at", "updated_at"]
            )
            self.open_commitments.remove(commitment)

    def finish_open_commitments(self, last: CoachingSession) -> None:
        """Commitments of the last session stay open: due soon, or (for some) overdue."""
        for commitment in self.open_commitments:
            outcome, _reflection, days = commitment.planned_outcome  # type: ignore[attr-defined]
            made_on = timezone.localtime(commitment.created_at).date()
            if outcome == "open":
                due = self.today + timedelta(days=days)
            elif self.plan.pattern == "struggling":
                due = self.today - timedelta(days=3)
            else:
                due = self.today + timedelta(days=self.rng.randint(3, 12))
            commitment.due_on = max(due, made_on)
            commitment.save(update_fields=["due_on"])

    def observation(
        self,
        session: CoachingSession,
        spec: dict[str, Any] | None,
        *,
        appointment: str,
        theme: str,
        last: bool,
    ) -> None:
        observation = Observation.objects.get(session=session)
        end = session.ends_at
        if spec is None:
            spec = self.themed_observation(appointment, theme)
            if last and self.plan.coachee == nw("kevin.bosman"):
                spec = {**spec, "coach": None}  # the coach still has to write
        observation.appointment = self.text(spec["appointment"])
        rows = []
        for area, (score, comment) in spec["self"].items():
            rows.append(
                ObservationEntry(
                    observation=observation,
                    area=area,
                    perspective="self",
                    score=score,
                    comment=self.text(comment),
                )
            )
        observation.self_assessed_at = end + timedelta(hours=3)
        if spec.get("coach"):
            for area, (score, comment) in spec["coach"].items():
                rows.append(
                    ObservationEntry(
                        observation=observation,
                        area=area,
                        perspective="coach",
                        score=score,
                        comment=self.text(comment),
                    )
                )
            observation.observed_at = end + timedelta(days=1)
            if spec.get("reply"):
                observation.seller_reply = self.text(spec["reply"])
            if spec.get("acknowledged"):
                observation.acknowledged_at = end + timedelta(days=2)
        if spec.get("shared") and self.plan.shares:
            observation.visibility = stories.SHARED
            observation.shared_at = end + timedelta(days=3)
        ObservationEntry.objects.bulk_create(rows)
        observation.save()

    def themed_observation(self, appointment: str, theme: str) -> dict[str, Any]:
        self.rides_done = getattr(self, "rides_done", 0) + 1
        weak = THEMES[theme]["weak"]
        growth = min(self.rides_done - 1, 2)
        coach: dict[str, tuple[int | None, str]] = {}
        own: dict[str, tuple[int | None, str]] = {}
        for area in default_rubric_keys():
            base = 3 + (1 if growth >= 1 and self.rng.random() < 0.5 else 0)
            if area == weak:
                base = 2 + growth
            base = max(2, min(5, base))
            if area == "handling_objections" and self.rng.random() < 0.3:
                own[area] = (None, "")
                coach[area] = (None, "Er kwam geen bezwaar op tafel.")
                continue
            coach[area] = (base, COACH_COMMENTS[area][base])
            self_score = max(
                3, min(5, base + (1 if area == weak and growth == 0 else self.rng.choice((0, 0, 1))))
            )
            own[area] = (self_score, SELF_COMMENTS[area][self_score] if self.rng.random() < 0.6 else "")
        area_title = {
            "preparation": "voorbereiding",
            "opening": "de opening",
            "needs_discovery": "behoefteonderzoek",
            "presenting_value": "waarde presenteren",
            "handling_objections": "bezwaren",
            "closing": "afsluiten",
        }[weak]
        return {
            "appointment": appointment,
            "self": own,
            "coach": coach,
            "reply": self.rng.choice(REPLIES).format(area=area_title),
            "acknowledged": True,
            "shared": self.plan.shares and self.rides_done == 2,
        }

    def future_content(self, spec: dict[str, Any], session: CoachingSession) -> None:
        if spec.get("agenda"):
            session.agenda = self.text(spec["agenda"])
            session.save(update_fields=["agenda"])
            SessionEvent.objects.create(
                session=session, kind="agenda", actor=self.coachee, at=self.now - timedelta(days=1)
            )
        if spec.get("prepare"):
            self.prepare(session, spec)


def _busy_times() -> dict[int, list]:
    busy: dict[int, list] = {}
    sessions = CoachingSession.objects.filter(status="scheduled").values_list(
        "relationship__coach__user_id", "relationship__coachee__user_id", "starts_at", "ends_at"
    )
    for coach, coachee, start, end in sessions:
        busy.setdefault(coach, []).append((start, end))
        busy.setdefault(coachee, []).append((start, end))
    return busy


def load(stdout: object | None = None) -> None:
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=["noordwind", "zuidwest"])}
    if "noordwind" not in organisations:
        return
    members: dict[str, dict[str, Membership]] = {}
    for slug, organisation in organisations.items():
        members[slug] = {
            m.user.email: m
            for m in Membership.objects.filter(organisation=organisation)
            .select_related("user", "team", "reports_to")
            .prefetch_related("role_assignments")
        }
    busy = _busy_times()
    for plan in PLANS:
        org_members = members.get(plan.org, {})
        coach, coachee = org_members.get(plan.coach), org_members.get(plan.coachee)
        if coach is None or coachee is None:
            continue
        if CoachingRelationship.objects.filter(coach=coach, coachee=coachee).exists():
            continue
        for user_id in (coach.user_id, coachee.user_id):
            busy.setdefault(user_id, [])
        Builder(plan, organisations[plan.org], org_members, busy).build()
    for email, framework, stage, language, text in OWN_QUESTIONS:
        owner = members["noordwind"].get(email)
        if owner is not None:
            CustomQuestion.objects.get_or_create(
                owner=owner, framework=framework, stage=stage, language=language, text=text
            )
