"""The safeguards of each coaching model, as live checks.

Every check reads a ``Snapshot`` (everything about one programme, loaded for many
programmes at once in a fixed number of queries by ``load_snapshots``) and a day, and
answers a ``Check``: ok / attention / problem, the evidence behind it and the next
action. The checks are pure functions of the snapshot, so the trend -- the same check
at the end of the previous periods -- costs no queries, and the thresholds can be tested
at and around their edges without a database (tests/programmes/test_safeguards.py).

Thresholds are constants here and documented in docs/PROGRAMMES.md.

Privacy (product rule 1): the checks count sessions and confirmations, never read what
was said. Ride-alongs are counted only in relationships whose triad agreement says the
coach reports that sessions take place; pulse surveys are used only as published
(closed runs with at least the organisation's minimum group size, per question).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from django.db.models import Count, OuterRef, Subquery, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from salescoach.programmes import rubric
from salescoach.programmes.models import (
    AlignmentMeeting,
    CoachGuidance,
    CoachTraining,
    GuidanceKind,
    IncentiveTerms,
    ManagerCapacity,
    ModelChoice,
    Programme,
    ProgrammeCoach,
    ProgrammeCoachee,
    SuitabilityAssessment,
    TeamActivity,
)
from salescoach.results.periods import MONTH, Period, month_of, quarter_of

# --- thresholds (docs/PROGRAMMES.md) ----------------------------------------------------------------
TRAINING_GRACE_DAYS = (
    90  # a coach without training: attention for this long after appointment, then a problem
)
MIN_CONVERSATIONS = 1  # coach-the-coach conversations per period
MIN_OBSERVED = 1  # observed coaching sessions with feedback per period
CAPACITY_ATTENTION_PCT = Decimal(20)  # a shortfall up to this share of the hours needed is "attention"
ATTENDANCE_OK_PCT = 75  # share of team meetings and activities a coach attends
ATTENDANCE_ATTENTION_PCT = 50
SURVEY_OK = Decimal("3.5")  # mean of the published answers (1-5)
SURVEY_ATTENTION = Decimal("3.0")
SURVEY_MAX_AGE_DAYS = 183  # a pulse survey at least every half year
SURVEY_TEMPLATES = {
    ModelChoice.INTERNAL_COACH: "internal-coach-respect",
    ModelChoice.EXTERNAL_COACH: "coach-acceptance",
}
ONBOARDING_DAYS = 60  # an external coach completes onboarding within this many days
AGREEMENT_GRACE_DAYS = 30  # a new relationship has this long to get its triad agreement confirmed
ASSESSMENT_GRACE_DAYS = 30
ALIGNMENT_ATTENTION_FACTOR = Decimal("1.5")  # up to 1.5 x the agreed interval: attention
TREND_PERIODS = 3


class Status(StrEnum):
    OK = "ok"
    ATTENTION = "attention"
    PROBLEM = "problem"

    @property
    def label(self) -> str:
        return {"ok": _("OK"), "attention": _("Needs attention"), "problem": _("Problem")}[self.value]

    @property
    def rank(self) -> int:
        return {"ok": 0, "attention": 1, "problem": 2}[self.value]


@dataclass
class Check:
    key: str
    model: str  # a ModelChoice value, or "all"
    title: str
    status: Status
    evidence: list[str]
    next_action: str
    subject: str = ""  # the coach it is about, if one
    trend: list[tuple[str, Status]] = field(default_factory=list)  # oldest period first, current last

    @property
    def ident(self) -> str:
        return f"{self.key}:{self.subject}"


# --- the snapshot ------------------------------------------------------------------------------------


@dataclass
class Relationship:
    coach_id: int
    coachee_id: int
    started_on: date
    confirmed_on: date | None  # when its first fully confirmed agreement was confirmed
    reports_sessions: bool


@dataclass
class SurveyRun:
    template_key: str
    closes_on: date
    closed_on: date  # closes_on, or the day it was closed early
    responses: int
    mean: Decimal | None  # of the published Likert answers; None when nothing is published


@dataclass
class Snapshot:
    programme: Programme
    coaches: list[ProgrammeCoach]
    coachee_ids: list[int]
    min_group_size: int
    trainings: dict[int, list[CoachTraining]] = field(default_factory=dict)
    guidance: list[CoachGuidance] = field(default_factory=list)
    capacities: list[ManagerCapacity] = field(default_factory=list)  # newest first
    tasks: dict[int, list[tuple[str, Decimal]]] = field(default_factory=dict)  # delegable, per capacity
    assessments: dict[int, list[SuitabilityAssessment]] = field(default_factory=dict)
    incentives: dict[int, IncentiveTerms] = field(default_factory=dict)
    activities: list[tuple[date, set[int]]] = field(default_factory=list)
    alignments: dict[int, list[date]] = field(default_factory=dict)
    relationships: list[Relationship] = field(default_factory=list)
    ride_alongs: dict[int, list[date]] = field(default_factory=dict)  # per coach, reported ones
    clashes: list[date] = field(default_factory=list)  # evaluation days that had coaching by the same manager
    surveys: list[SurveyRun] = field(default_factory=list)

    @property
    def manager_id(self) -> int:
        return self.programme.team.manager_id

    def coaches_in(self, *models: str) -> list[ProgrammeCoach]:
        return [c for c in self.coaches if c.model in models]


def _local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def load_snapshots(programmes: Iterable[Programme], *, today: date | None = None) -> dict[int, Snapshot]:
    """Everything the checks need for these programmes, in a fixed number of queries
    (however many programmes): the caller passes programmes with ``team__manager``
    selected and the organisation (for its minimum group size)."""
    from salescoach.coaching.models import (
        CoachingRelationship,
        CoachingSession,
        Reporting,
        SessionKind,
        SessionStatus,
        TriadAgreement,
    )
    from salescoach.evaluations.models import Evaluation
    from salescoach.surveys.models import QuestionKind, SurveyAnswer
    from salescoach.surveys.models import SurveyRun as Run

    programmes = list(programmes)
    if not programmes:
        return {}
    today = today or timezone.localdate()
    since = today - timedelta(days=3 * 92 + 400)  # three quarters of trend, and surveys of the last year
    ids = [p.pk for p in programmes]
    snaps = {
        p.pk: Snapshot(programme=p, coaches=[], coachee_ids=[], min_group_size=p.organisation.min_group_size)
        for p in programmes
    }
    for coach in (
        ProgrammeCoach.objects.filter(programme_id__in=ids)
        .select_related("member__user")
        .order_by("model", "member__user__full_name")
    ):
        snaps[coach.programme_id].coaches.append(coach)
    for programme_id, member_id in ProgrammeCoachee.objects.filter(programme_id__in=ids).values_list(
        "programme_id", "member_id"
    ):
        snaps[programme_id].coachee_ids.append(member_id)
    coach_ids = {c.member_id for s in snaps.values() for c in s.coaches}
    coachee_ids = {m for s in snaps.values() for m in s.coachee_ids}
    trainings: dict[int, list[CoachTraining]] = defaultdict(list)
    for training in CoachTraining.objects.filter(coach_id__in=coach_ids):
        trainings[training.coach_id].append(training)
    for snap in snaps.values():
        snap.trainings = {c.member_id: trainings.get(c.member_id, []) for c in snap.coaches}
    for guidance in CoachGuidance.objects.filter(programme_id__in=ids, held_on__gte=since):
        snaps[guidance.programme_id].guidance.append(guidance)
    for capacity in ManagerCapacity.objects.filter(programme_id__in=ids).prefetch_related("tasks"):
        snaps[capacity.programme_id].capacities.append(capacity)
        snaps[capacity.programme_id].tasks[capacity.pk] = [
            (t.name, t.hours_per_month) for t in capacity.tasks.all()
        ]
    for assessment in SuitabilityAssessment.objects.filter(programme_id__in=ids):
        snaps[assessment.programme_id].assessments.setdefault(assessment.candidate_id, []).append(assessment)
    for terms in IncentiveTerms.objects.filter(programme_id__in=ids):
        snaps[terms.programme_id].incentives[terms.coach_id] = terms
    present: dict[int, set[int]] = defaultdict(set)
    through = TeamActivity.coaches_present.through
    for activity_id, member_id in through.objects.filter(
        teamactivity__programme_id__in=ids, teamactivity__held_on__gte=since
    ).values_list("teamactivity_id", "membership_id"):
        present[activity_id].add(member_id)
    for activity in TeamActivity.objects.filter(programme_id__in=ids, held_on__gte=since).only(
        "pk", "programme_id", "held_on"
    ):
        snaps[activity.programme_id].activities.append((activity.held_on, present.get(activity.pk, set())))
    for alignment in AlignmentMeeting.objects.filter(programme_id__in=ids).only(
        "programme_id", "coach_id", "held_on"
    ):
        snaps[alignment.programme_id].alignments.setdefault(alignment.coach_id, []).append(alignment.held_on)

    # Coaching relationships between the programmes' coaches and coachees: only dates
    # and whether the agreement is confirmed -- never content.
    first_confirmed = (
        TriadAgreement.objects.filter(relationship=OuterRef("pk"), confirmed_at__isnull=False)
        .order_by("confirmed_at")
        .values("confirmed_at")[:1]
    )
    relationships = (
        CoachingRelationship.objects.filter(coach_id__in=coach_ids, coachee_id__in=coachee_ids)
        .exclude(status="ended")
        .annotate(confirmed=Subquery(first_confirmed))
        .values_list("coach_id", "coachee_id", "started_on", "confirmed", "reporting")
    )
    by_pair: list[Relationship] = [
        Relationship(
            coach,
            coachee,
            started,
            _local_day(confirmed) if confirmed else None,
            reporting == Reporting.SESSIONS,
        )
        for coach, coachee, started, confirmed, reporting in relationships
    ]
    for snap in snaps.values():
        mine = {c.member_id for c in snap.coaches}
        theirs = set(snap.coachee_ids)
        snap.relationships = [r for r in by_pair if r.coach_id in mine and r.coachee_id in theirs]

    # Ride-alongs of internal and external coaches, in relationships that report sessions.
    riders = {
        c.member_id
        for s in snaps.values()
        for c in s.coaches
        if c.model in (ModelChoice.INTERNAL_COACH, ModelChoice.EXTERNAL_COACH)
    }
    rides: dict[int, list[date]] = defaultdict(list)
    if riders:
        start = timezone.make_aware(datetime.combine(since, datetime.min.time()))
        for coach_id, starts_at in CoachingSession.objects.filter(
            relationship__coach_id__in=riders,
            relationship__reporting=Reporting.SESSIONS,
            kind=SessionKind.RIDE_ALONG,
            status=SessionStatus.SCHEDULED,
            starts_at__gte=start,
            starts_at__lte=timezone.now(),
        ).values_list("relationship__coach_id", "starts_at"):
            rides[coach_id].append(_local_day(starts_at))
    for snap in snaps.values():
        snap.ride_alongs = {c.member_id: rides.get(c.member_id, []) for c in snap.coaches}

    # Product rule 2: evaluation days on which the same manager also coached the seller.
    managers = {s.manager_id: s for s in snaps.values() if s.programme.has_model(ModelChoice.MANAGER)}
    if managers:
        start = timezone.make_aware(datetime.combine(since, datetime.min.time()))
        evaluations = set()
        for evaluator_id, seller_id, moment in Evaluation.objects.filter(
            evaluator_id__in=managers, scheduled_for__gte=start
        ).values_list("evaluator_id", "seller_id", "scheduled_for"):
            evaluations.add((evaluator_id, seller_id, _local_day(moment)))
        sessions = set()
        for coach_id, coachee_id, moment in CoachingSession.objects.filter(
            relationship__coach_id__in=managers, status=SessionStatus.SCHEDULED, starts_at__gte=start
        ).values_list("relationship__coach_id", "relationship__coachee_id", "starts_at"):
            sessions.add((coach_id, coachee_id, _local_day(moment)))
        for manager_id, _seller_id, day in sorted(evaluations & sessions, key=lambda t: t[2]):
            managers[manager_id].clashes.append(day)

    # Pulse surveys of the teams, as published (see salescoach/surveys/selectors.py).
    team_ids = {s.programme.team_id: s for s in snaps.values()}
    runs = list(
        Run.objects.filter(
            team_id__in=team_ids,
            template__key__in=SURVEY_TEMPLATES.values(),
            template__organisation__isnull=True,
            closes_on__gte=since,
        )
        .annotate(response_count=Count("responses", distinct=True))
        .values_list("pk", "team_id", "template__key", "closes_on", "closed_early_at", "response_count")
    )
    published: dict[int, list[tuple[int, int]]] = defaultdict(list)
    if runs:
        for run_id, _question_id, n, total in (
            SurveyAnswer.objects.filter(
                response__run_id__in=[r[0] for r in runs],
                question__kind=QuestionKind.LIKERT,
                value__isnull=False,
            )
            .values_list("response__run_id", "question_id")
            .annotate(n=Count("id"), total=Sum("value"))
            .order_by()
        ):
            published[run_id].append((n, total))
    for run_id, team_id, key, closes_on, closed_early_at, responses in runs:
        snap = team_ids[team_id]
        closed_on = min(closes_on, _local_day(closed_early_at)) if closed_early_at else closes_on
        cells = [(n, t) for n, t in published.get(run_id, []) if n >= snap.min_group_size]
        mean = None
        if responses >= snap.min_group_size and cells:
            mean = (Decimal(sum(t for _n, t in cells)) / sum(n for n, _t in cells)).quantize(Decimal("0.01"))
        snap.surveys.append(SurveyRun(key, closes_on, closed_on, responses, mean))
    return snaps


# --- the checks ----------------------------------------------------------------------------------------


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def _number(value: Decimal) -> str:
    """12.50 -> 12.5, 20.00 -> 20 (never 2E+1)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _hours(value: Decimal | float) -> str:
    return _number(Decimal(str(value)).quantize(Decimal("0.1")))


def period_of(programme: Programme, day: date) -> Period:
    return month_of(day) if programme.period == MONTH else quarter_of(day)


def _name(coach: ProgrammeCoach) -> str:
    return coach.member.user.full_name


def check_training(s: Snapshot, period: Period, as_of: date) -> list[Check]:
    """Models 1 and 2: every manager-coach and senior-seller coach completed a coaching training."""
    checks = []
    for coach in s.coaches_in(ModelChoice.MANAGER, ModelChoice.SENIOR_SELLERS):
        done = [t for t in s.trainings.get(coach.member_id, []) if t.completed_on <= as_of]
        name = _name(coach)
        if done:
            latest = max(done, key=lambda t: t.completed_on)
            status, action = Status.OK, _("Nothing to do.")
            evidence = [
                _("%(name)s completed a coaching training on %(day)s (%(provider)s).")
                % {"name": name, "day": _day(latest.completed_on), "provider": latest.provider}
            ]
        else:
            since = max(coach.appointed_on, s.programme.starts_on)
            days = (as_of - since).days
            status = Status.ATTENTION if days <= TRAINING_GRACE_DAYS else Status.PROBLEM
            evidence = [
                ngettext(
                    "%(name)s has no coaching training on record, %(days)d day after starting to coach.",
                    "%(name)s has no coaching training on record, %(days)d days after starting to coach.",
                    max(days, 0),
                )
                % {"name": name, "days": max(days, 0)}
            ]
            action = _("Book a coaching training for %(name)s and record it when completed.") % {"name": name}
        checks.append(
            Check("training", coach.model, _("Coaching training"), status, evidence, action, subject=name)
        )
    return checks


def check_guidance(s: Snapshot, period: Period, as_of: date) -> list[Check]:
    """Model 1: the manager's superior guides their coaching -- at least MIN_CONVERSATIONS
    coach-the-coach conversations and MIN_OBSERVED observed sessions with feedback per period."""
    if not s.programme.has_model(ModelChoice.MANAGER):
        return []
    manager = s.programme.team.manager
    in_period = [g for g in s.guidance if period.start <= g.held_on <= as_of and g.held_on < period.end]
    talks = sum(1 for g in in_period if g.kind == GuidanceKind.CONVERSATION)
    observed = sum(1 for g in in_period if g.kind == GuidanceKind.OBSERVED and g.feedback)
    evidence = [
        _(
            "%(period)s: %(talks)d coach-the-coach conversation(s), %(observed)d observed session(s) with feedback."
        )
        % {"period": period.label, "talks": talks, "observed": observed}
    ]
    if manager.reports_to_id is None:
        return [
            Check(
                "guidance",
                ModelChoice.MANAGER,
                _("Coach-the-coach by the manager's superior"),
                Status.PROBLEM,
                [*evidence, _("The manager has no superior on record to guide their coaching.")],
                _("Record who the manager reports to, so that someone guides their coaching."),
            )
        ]
    met = (talks >= MIN_CONVERSATIONS) + (observed >= MIN_OBSERVED)
    status = {2: Status.OK, 1: Status.ATTENTION, 0: Status.PROBLEM}[met]
    missing = []
    if talks < MIN_CONVERSATIONS:
        missing.append(_("a coach-the-coach conversation"))
    if observed < MIN_OBSERVED:
        missing.append(_("an observed coaching session with feedback"))
    action = (
        _("Nothing to do.")
        if not missing
        else _("%(guide)s plans %(what)s with %(manager)s before %(end)s.")
        % {
            "guide": manager.reports_to.user.full_name if manager.reports_to else "",
            "what": _(" and ").join(str(m) for m in missing),
            "manager": manager.user.full_name,
            "end": _day(period.end - timedelta(days=1)),
        }
    )
    return [
        Check(
            "guidance",
            ModelChoice.MANAGER,
            _("Coach-the-coach by the manager's superior"),
            status,
            evidence,
            action,
        )
    ]


@dataclass(frozen=True)
class CapacityGap:
    needed: Decimal
    available: Decimal
    shortfall: Decimal
    coachees: int
    delegate: list[tuple[str, Decimal]]  # the tasks that close the gap (largest first)
    delegate_hours: Decimal
    delegate_closes_gap: bool
    span_that_fits: int
    hand_over: int


def capacity_gap(
    *, coachees: int, cadence: Decimal, available: Decimal, tasks: list[tuple[str, Decimal]]
) -> CapacityGap:
    """Hours needed (coachees x cadence) against hours available, and the two remedies:
    delegate named tasks (largest first, until the gap is closed), or coach fewer people."""
    needed = Decimal(coachees) * cadence
    shortfall = max(Decimal(0), needed - available)
    chosen: list[tuple[str, Decimal]] = []
    freed = Decimal(0)
    for name, hours in sorted(tasks, key=lambda t: (-t[1], t[0])):
        if freed >= shortfall:
            break
        chosen.append((name, hours))
        freed += hours
    fits = int(math.floor(available / cadence)) if cadence > 0 else coachees
    return CapacityGap(
        needed=needed,
        available=available,
        shortfall=shortfall,
        coachees=coachees,
        delegate=chosen if shortfall > 0 else [],
        delegate_hours=freed if shortfall > 0 else Decimal(0),
        delegate_closes_gap=freed >= shortfall,
        span_that_fits=min(fits, coachees),
        hand_over=max(0, coachees - fits),
    )


def check_capacity(s: Snapshot, period: Period, as_of: date) -> list[Check]:
    """Model 1: coaching hours needed (coachees x minimum cadence) against the hours the manager has."""
    if not s.programme.has_model(ModelChoice.MANAGER):
        return []
    title = _("The manager's time for coaching")
    current = next((c for c in s.capacities if c.recorded_on <= as_of), None)
    coached = {r.coachee_id for r in s.relationships if r.coach_id == s.manager_id and r.started_on <= as_of}
    coachees = len(coached) or len(s.coachee_ids)
    cadence = s.programme.cadence_min_hours
    if current is None:
        return [
            Check(
                "capacity",
                ModelChoice.MANAGER,
                title,
                Status.ATTENTION,
                [_("No record yet of the hours the manager has for coaching.")],
                _(
                    "Record the hours a month the manager can give to coaching, and the tasks that could be delegated."
                ),
            )
        ]
    gap = capacity_gap(
        coachees=coachees,
        cadence=cadence,
        available=current.hours_available,
        tasks=s.tasks.get(current.pk, []),
    )
    evidence = [
        ngettext(
            "%(coachees)d coachee × %(cadence)s h = %(needed)s h of coaching a month; the manager has %(available)s h (recorded %(day)s).",
            "%(coachees)d coachees × %(cadence)s h = %(needed)s h of coaching a month; the manager has %(available)s h (recorded %(day)s).",
            coachees,
        )
        % {
            "coachees": coachees,
            "cadence": _hours(cadence),
            "needed": _hours(gap.needed),
            "available": _hours(gap.available),
            "day": _day(current.recorded_on),
        }
    ]
    if gap.shortfall <= 0:
        return [Check("capacity", ModelChoice.MANAGER, title, Status.OK, evidence, _("Nothing to do."))]
    status = (
        Status.ATTENTION if gap.shortfall * 100 <= gap.needed * CAPACITY_ATTENTION_PCT else Status.PROBLEM
    )
    evidence.append(_("Short by %(hours)s h a month.") % {"hours": _hours(gap.shortfall)})
    if gap.delegate and gap.delegate_closes_gap:
        remedy_one = _(
            "Delegate %(tasks)s to support staff: that frees %(hours)s h, enough to close the gap."
        ) % {
            "tasks": ", ".join(f"{name} ({_hours(hours)} h)" for name, hours in gap.delegate),
            "hours": _hours(gap.delegate_hours),
        }
    elif gap.delegate:
        remedy_one = _(
            "Delegating every named task (%(tasks)s) frees %(hours)s h: still %(left)s h short."
        ) % {
            "tasks": ", ".join(f"{name} ({_hours(hours)} h)" for name, hours in gap.delegate),
            "hours": _hours(gap.delegate_hours),
            "left": _hours(gap.shortfall - gap.delegate_hours),
        }
    else:
        remedy_one = _(
            "Name the tasks support staff could take over, with their hours, to see what delegating frees."
        )
    remedy_two = _(
        "Or reduce the span of control: %(available)s h covers %(fits)d coachees at %(cadence)s h, so %(hand)d would move to another coach or manager."
    ) % {
        "available": _hours(gap.available),
        "fits": gap.span_that_fits,
        "cadence": _hours(cadence),
        "hand": gap.hand_over,
    }
    return [Check("capacity", ModelChoice.MANAGER, title, status, evidence, f"{remedy_one} {remedy_two}")]


def check_separation(s: Snapshot, period: Period, as_of: date) -> list[Check]:
    """Model 1 (product rule 2): no evaluation on a day the same manager coached the seller."""
    if not s.programme.has_model(ModelChoice.MANAGER):
        return []
    count = sum(1 for day in s.clashes if period.start <= day <= as_of and day < period.end)
    evidence = [
        ngettext(
            "%(period)s: %(count)d evaluation held on a day of coaching by the same manager.",
            "%(period)s: %(count)d evaluations held on a day of coaching by the same manager.",
            count,
        )
        % {"period": period.label, "count": count}
    ]
    if count == 0:
        return [
            Check(
                "separation",
                ModelChoice.MANAGER,
                _("Coaching and evaluation kept apart"),
                Status.OK,
                evidence,
                _("Nothing to do."),
            )
        ]
    return [
        Check(
            "separation",
            ModelChoice.MANAGER,
            _("Coaching and evaluation kept apart"),
            Status.PROBLEM,
            evidence,
            _(
                "Hold evaluations on other days than coaching sessions, and talk with the manager about keeping the two apart."
            ),
        )
    ]


def check_suitability(s: Snapshot, period: Period, as_of: date) -> list[Check]:
    """Model 2: every senior-seller coach was assessed suitable before appointment."""
    checks = []
    for coach in s.coaches_in(ModelChoice.SENIOR_SELLERS):
        name = _name(coach)
        done = [a for a in s.assessments.get(coach.member_id, []) if a.assessed_on <= as_of]
        result = rubric.outcome([a.scores for a in done])
        title = _("Suitability assessment")
        if result is None:
            days = (as_of - coach.appointed_on).days
            status = Status.ATTENTION if days <= ASSESSMENT_GRACE_DAYS else Status.PROBLEM
            checks.append(
                Check(
                    "suitability",
                    coach.model,
                    title,
                    status,
                    [_("%(name)s coaches without a suitability assessment.") % {"name": name}],
                    _("Assess %(name)s on the rubric, preferably with two assessors.") % {"name": name},
                    subject=name,
                )
            )
            continue
        evidence = [
            ngettext(
                "%(name)s: %(overall)s on average by %(n)d assessor (threshold %(threshold)s).",
                "%(name)s: %(overall)s on average by %(n)d assessors (threshold %(threshold)s).",
                result.assessors,
            )
            % {
                "name": name,
                "overall": result.overall,
                "n": result.assessors,
                "threshold": rubric.SUITABLE_AT,
            }
        ]
        if result.weakest:
            evidence.append(
                _("Below %(floor)s on: %(criteria)s.")
                % {
                    "floor": rubric.CRITERION_FLOOR,
                    "criteria": ", ".join(rubric.label_of(k) for k in result.weakest),
                }
            )
        if not result.suitable:
            checks.append(
                Check(
                    "suitability",
                    coach.model,
                    title,
                    Status.PROBLEM,
                    evidence,
                    _(
                        "%(name)s does not meet the criteria: choose another coach, or agree how to close the gap and assess again."
                    )
                    % {"name": name},
                    subject=name,
                )
            )
            continue
        before = any(a.assessed_on <= coach.appointed_on for a in done)
        if result.future_manager:
            evidence.append(_("Signal for the programme owner: potential future manager."))
        checks.append(
            Check(
                "suitability",
                coach.model,
                title,
                Status.OK if before else Status.ATTENTION,
                evidence if before else [*evidence, _("Assessed only after the appointment.")],
                _("Nothing to do.")
                if before
                else _("Assess candidates before they start coaching next time."),
                subject=name,
            )
        )
    return checks


def check_incentive(s: Snapshot, period: Period, as_of: date) -> list[Check]:
    """Model 2: every senior-seller coach has incentive terms (a lower target, a bonus share)."""
    checks = []
    for coach in s.coaches_in(ModelChoice.SENIOR_SELLERS):
        name = _name(coach)
        terms = s.incentives.get(coach.member_id)
        if terms is None:
            checks.append(
                Check(
                    "incentive",
                    coach.model,
                    _("Incentive terms"),
                    Status.ATTENTION,
                    [_("No incentive terms for %(name)s: coaching costs selling time.") % {"name": name}],
                    _(
                        "Agree a target reduction per coachee and a bonus share tied to the coachees' progress."
                    ),
                    subject=name,
                )
            )
            continue
        checks.append(
            Check(
                "incentive",
                coach.model,
                _("Incentive terms"),
                Status.OK,
                [
                    _(
                        "%(name)s: target %(reduction)s%% lower per coachee (at most %(cap)s%%); %(share)s%% of the bonus tied to the coachees' improvement."
                    )
                    % {
                        "name": name,
                        "reduction": _number(terms.target_reduction_pct_per_coachee),
                        "cap": _number(terms.max_target_reduction_pct),
                        "share": _number(terms.bonus_share_pct),
                    }
                ],
                _("Nothing to do."),
                subject=name,
            )
        )
    return checks


def check_attendance(s: Snapshot, period: Period, as_of: date) -> list[Check]:
    """Models 3 and 4: the coach takes part in team meetings and activities."""
    checks = []
    held = [
        (day, present) for day, present in s.activities if period.start <= day <= as_of and day < period.end
    ]
    for coach in s.coaches_in(ModelChoice.INTERNAL_COACH, ModelChoice.EXTERNAL_COACH):
        name = _name(coach)
        title = _("Part of the team")
        if not held:
            checks.append(
                Check(
                    "attendance",
                    coach.model,
                    title,
                    Status.ATTENTION,
                    [_("%(period)s: no team meetings or activities recorded.") % {"period": period.label}],
                    _("Record the team meetings and activities, and who of the coaches took part."),
                    subject=name,
                )
            )
            continue
        attended = sum(1 for _day_, present in held if coach.member_id in present)
        share = round(100 * attended / len(held))
        status = (
            Status.OK
            if share >= ATTENDANCE_OK_PCT
            else Status.ATTENTION
            if share >= ATTENDANCE_ATTENTION_PCT
            else Status.PROBLEM
        )
        checks.append(
            Check(
                "attendance",
                coach.model,
                title,
                status,
                [
                    _(
                        "%(period)s: %(name)s took part in %(attended)d of %(held)d team meetings and activities (%(share)d%%)."
                    )
                    % {
                        "period": period.label,
                        "name": name,
                        "attended": attended,
                        "held": len(held),
                        "share": share,
                    }
                ],
                _("Nothing to do.")
                if status == Status.OK
                else _(
                    "Invite %(name)s to every team meeting; a coach who is part of the team is trusted sooner."
                )
                % {"name": name},
                subject=name,
            )
        )
    return checks


def check_ride_alongs(s: Snapshot, period: Period, as_of: date) -> list[Check]:
    """Models 3 and 4: ride-alongs at client appointments per period against the target."""
    target = s.programme.ride_along_target
    checks = []
    for coach in s.coaches_in(ModelChoice.INTERNAL_COACH, ModelChoice.EXTERNAL_COACH):
        name = _name(coach)
        count = sum(
            1
            for day in s.ride_alongs.get(coach.member_id, [])
            if period.start <= day <= as_of and day < period.end
        )
        half = math.ceil(target / 2)
        status = Status.OK if count >= target else Status.ATTENTION if count >= half else Status.PROBLEM
        checks.append(
            Check(
                "ride_alongs",
                coach.model,
                _("Ride-alongs at client appointments"),
                status,
                [
                    _("%(period)s: %(count)d ride-along(s) by %(name)s; the target is %(target)d.")
                    % {"period": period.label, "count": count, "name": name, "target": target}
                ],
                _("Nothing to do.")
                if status == Status.OK
                else _("Plan %(missing)d more ride-along(s) with sellers before %(end)s.")
                % {"missing": target - count, "end": _day(period.end - timedelta(days=1))},
                subject=name,
            )
        )
    return checks


def check_survey(s: Snapshot, period: Period, as_of: date) -> list[Check]:
    """Models 3 and 4: respected (internal) / trusted and on the sellers' side (external),
    from the newest published anonymous pulse survey."""
    checks = []
    for model, title in (
        (ModelChoice.INTERNAL_COACH, _("Respect for the internal coach (pulse survey)")),
        (ModelChoice.EXTERNAL_COACH, _("Trust in the external coach (pulse survey)")),
    ):
        if not s.programme.has_model(model):
            continue
        key = SURVEY_TEMPLATES[model]
        closed = sorted(
            (r for r in s.surveys if r.template_key == key and r.closed_on < as_of), key=lambda r: r.closed_on
        )
        recent = [r for r in closed if (as_of - r.closed_on).days <= SURVEY_MAX_AGE_DAYS]
        published = [r for r in recent if r.mean is not None]
        if not published:
            evidence = (
                [_("The last survey had fewer answers than the minimum group size, so it shows no result.")]
                if recent
                else [_("No pulse survey in the last six months.")]
            )
            checks.append(
                Check(
                    "survey",
                    model,
                    title,
                    Status.ATTENTION,
                    evidence,
                    _("Run the built-in pulse survey for the team; results show from %(n)d answers.")
                    % {"n": s.min_group_size},
                )
            )
            continue
        latest = published[-1]
        assert latest.mean is not None  # noqa: S101 - filtered above
        status = (
            Status.OK
            if latest.mean >= SURVEY_OK
            else Status.ATTENTION
            if latest.mean >= SURVEY_ATTENTION
            else Status.PROBLEM
        )
        checks.append(
            Check(
                "survey",
                model,
                title,
                status,
                [
                    _("Survey closed %(day)s: average %(mean)s of 5 (%(n)d answers).")
                    % {"day": _day(latest.closed_on), "mean": latest.mean, "n": latest.responses}
                ],
                _("Nothing to do.")
                if status == Status.OK
                else _(
                    "Discuss the results with the team and the coach, and agree what the coach does differently."
                ),
            )
        )
    return checks


def check_onboarding(s: Snapshot, period: Period, as_of: date) -> list[Check]:
    """Model 4: an external coach's onboarding -- introductions, triad agreements, first
    ride-along, first team meeting -- within ONBOARDING_DAYS of appointment."""
    checks = []
    for coach in s.coaches_in(ModelChoice.EXTERNAL_COACH):
        name = _name(coach)
        mine = [r for r in s.relationships if r.coach_id == coach.member_id and r.started_on <= as_of]
        steps = [
            (
                _("introduced to the team and management"),
                coach.introduced_on is not None and coach.introduced_on <= as_of,
            ),
            (
                _("triad agreements confirmed"),
                bool(mine) and all(r.confirmed_on is not None and r.confirmed_on <= as_of for r in mine),
            ),
            (_("first ride-along"), any(d <= as_of for d in s.ride_alongs.get(coach.member_id, []))),
            (_("first team meeting"), any(d <= as_of and coach.member_id in p for d, p in s.activities)),
        ]
        done = [str(label) for label, ok in steps if ok]
        todo = [str(label) for label, ok in steps if not ok]
        days = (as_of - coach.appointed_on).days
        status = Status.OK if not todo else Status.ATTENTION if days <= ONBOARDING_DAYS else Status.PROBLEM
        evidence = [
            _("%(name)s: %(done)d of %(all)d onboarding steps done.")
            % {"name": name, "done": len(done), "all": len(steps)}
        ]
        if todo:
            evidence.append(_("Still to do: %(steps)s.") % {"steps": ", ".join(todo)})
        checks.append(
            Check(
                "onboarding",
                coach.model,
                _("Onboarding of the external coach"),
                status,
                evidence,
                _("Nothing to do.")
                if not todo
                else _("Complete the onboarding: %(steps)s.") % {"steps": ", ".join(todo)},
                subject=name,
            )
        )
    return checks


def check_agreements(s: Snapshot, period: Period, as_of: date) -> list[Check]:
    """Every model: every coaching relationship has a confirmed triad agreement."""
    title = _("Confirmed triad agreements")
    current = [r for r in s.relationships if r.started_on <= as_of]
    if not current:
        return [
            Check(
                "agreements",
                "all",
                title,
                Status.ATTENTION,
                [_("No coaching relationships between the programme's coaches and coachees yet.")],
                _("Set up the coaching relationships (or import them) so that coaching can start."),
            )
        ]
    missing = [r for r in current if r.confirmed_on is None or r.confirmed_on > as_of]
    late = [r for r in missing if (as_of - r.started_on).days > AGREEMENT_GRACE_DAYS]
    status = Status.OK if not missing else Status.PROBLEM if late else Status.ATTENTION
    evidence = [
        _("%(confirmed)d of %(all)d coaching relationships have a confirmed triad agreement.")
        % {"confirmed": len(current) - len(missing), "all": len(current)}
    ]
    if late:
        evidence.append(
            ngettext(
                "%(n)d has been waiting longer than %(days)d days.",
                "%(n)d have been waiting longer than %(days)d days.",
                len(late),
            )
            % {"n": len(late), "days": AGREEMENT_GRACE_DAYS}
        )
    return [
        Check(
            "agreements",
            "all",
            title,
            status,
            evidence,
            _("Nothing to do.")
            if not missing
            else _(
                "Ask seller, manager and coach to write and confirm the triad agreement of each relationship."
            ),
        )
    ]


def check_alignment(s: Snapshot, period: Period, as_of: date) -> list[Check]:
    """Every model: manager and each coach (other than the manager) met to align within
    the agreed interval."""
    interval = s.programme.alignment_interval_days
    checks = []
    seen: set[int] = set()
    for coach in s.coaches:
        # The manager who coaches aligns with nobody; a coach in two models is checked once.
        if coach.member_id == s.manager_id or coach.member_id in seen:
            continue
        seen.add(coach.member_id)
        name = _name(coach)
        meetings = [d for d in s.alignments.get(coach.member_id, []) if d <= as_of]
        title = _("Manager and coach aligned")
        if not meetings:
            days = (as_of - coach.appointed_on).days
            status = Status.ATTENTION if days <= interval else Status.PROBLEM
            evidence = [_("No alignment meeting of the manager with %(name)s on record.") % {"name": name}]
        else:
            last = max(meetings)
            days = (as_of - last).days
            status = (
                Status.OK
                if days <= interval
                else Status.ATTENTION
                if days <= interval * ALIGNMENT_ATTENTION_FACTOR
                else Status.PROBLEM
            )
            evidence = [
                _(
                    "Last alignment of the manager with %(name)s: %(day)s, %(days)d days ago (agreed: every %(interval)d days)."
                )
                % {"name": name, "day": _day(last), "days": days, "interval": interval}
            ]
        checks.append(
            Check(
                "alignment",
                "all",
                title,
                status,
                evidence,
                _("Nothing to do.")
                if status == Status.OK
                else _(
                    "Plan an alignment meeting of the manager and %(name)s: one story to the team, one result to reach."
                )
                % {"name": name},
                subject=name,
            )
        )
    return checks


CHECKS: list[Callable[[Snapshot, Period, date], list[Check]]] = [
    check_agreements,
    check_alignment,
    check_training,
    check_guidance,
    check_capacity,
    check_separation,
    check_suitability,
    check_incentive,
    check_attendance,
    check_ride_alongs,
    check_survey,
    check_onboarding,
]


def evaluate(s: Snapshot, as_of: date) -> list[Check]:
    period = period_of(s.programme, as_of)
    return [check for fn in CHECKS for check in fn(s, period, as_of)]


def health(s: Snapshot, *, today: date | None = None) -> list[Check]:
    """Every safeguard of the programme today, each with its status at the end of the
    previous TREND_PERIODS - 1 periods (the trend)."""
    today = today or timezone.localdate()
    current = evaluate(s, today)
    period = period_of(s.programme, today)
    history: list[tuple[str, dict[str, Status]]] = []
    for _i in range(TREND_PERIODS - 1):
        period = period.previous()
        as_of = period.end - timedelta(days=1)
        if as_of < s.programme.starts_on:
            break  # no trend from before the programme began
        history.insert(0, (period.label, {c.ident: c.status for c in evaluate(s, as_of)}))
    for check in current:
        check.trend = [
            (label, statuses[check.ident]) for label, statuses in history if check.ident in statuses
        ]
        check.trend.append((period_of(s.programme, today).label, check.status))
    return current


def worst(checks: list[Check]) -> Status:
    return max((c.status for c in checks), key=lambda s: s.rank, default=Status.OK)


def counts(checks: list[Check]) -> dict[str, int]:
    out = {s.value: 0 for s in Status}
    for check in checks:
        out[check.status.value] += 1
    return out
