"""Changes to coaching programmes and their evidence. Each service checks the actor's
right, validates everything before it writes (all errors at once, per field) and runs in
one transaction: bad input leaves nothing half-saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salescoach.organisations.models import COACHEE_ROLES, Membership, MembershipStatus, Role, Team
from salescoach.privacy.access import access_team
from salescoach.programmes import rubric, rules
from salescoach.programmes.models import (
    MAX_GOALS,
    MAX_NAME,
    ActivityKind,
    AlignmentMeeting,
    CoachGuidance,
    CoachTraining,
    DelegableTask,
    DigestPreference,
    GuidanceKind,
    IncentiveTerms,
    ManagerCapacity,
    ModelChoice,
    PeriodChoice,
    Programme,
    ProgrammeCoach,
    ProgrammeCoachee,
    SuitabilityAssessment,
    TeamActivity,
)

MODEL_ORDER = [m.value for m in ModelChoice]
CADENCE_MIN, CADENCE_MAX = Decimal("0.5"), Decimal("20")
MAX_TASKS = 20
MAX_COACHES = 50
EARLIEST = date(2000, 1, 1)

# The role a member must hold to coach in a model (the manager model: being the team's manager).
MODEL_ROLE = {
    ModelChoice.SENIOR_SELLERS: Role.SENIOR_SELLER,
    ModelChoice.INTERNAL_COACH: Role.INTERNAL_COACH,
    ModelChoice.EXTERNAL_COACH: Role.EXTERNAL_COACH,
}


T = TypeVar("T")


def _must(value: T | None) -> T:
    """A value validated before (errors were raised otherwise)."""
    if value is None:
        raise ValidationError(_("This field is required."))
    return value


def _deny(message: str | None = None) -> PermissionDenied:
    return PermissionDenied(message or _("You are not allowed to do this."))


def holds_model(member: Membership, model: str, team: Team) -> bool:
    if model == ModelChoice.MANAGER:
        return member.pk == team.manager_id
    role = MODEL_ROLE.get(ModelChoice(model)) if model in MODEL_ORDER else None
    return role is not None and member.has_role(role)


def _decimal(
    value: Any, *, field: str, low: Decimal, high: Decimal, errors: dict[str, str]
) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        errors[field] = _("Enter a number.")
        return None
    if not number.is_finite():
        errors[field] = _("Enter a number.")
        return None
    if not low <= number <= high:
        errors[field] = _("Enter a number from %(low)s to %(high)s.") % {"low": low, "high": high}
        return None
    return number


def _date(value: Any, *, field: str, errors: dict[str, str], required: bool = True) -> date | None:
    if value in (None, ""):
        if required:
            errors[field] = _("Enter a date.")
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            errors[field] = _("Enter a valid date.")
            return None
    if not isinstance(value, date) or value < EARLIEST or value.year > 2100:
        errors[field] = _("Enter a valid date.")
        return None
    return value


def _members(organisation_id: int, ids: Iterable[Any]) -> dict[int, Membership]:
    clean = {int(i) for i in ids if str(i).isdigit() and len(str(i)) < 12}
    return {
        m.pk: m
        for m in Membership.objects.filter(
            organisation_id=organisation_id, status=MembershipStatus.ACTIVE, pk__in=clean
        )
        .select_related("user")
        .prefetch_related("role_assignments")
    }


# --- programmes ----------------------------------------------------------------------------------


def _clean_programme(
    *,
    team: Team,
    coaching_models: Iterable[str],
    goals: str,
    starts_on: Any,
    cadence_min_hours: Any,
    cadence_max_hours: Any,
    period: str,
    alignment_interval_days: Any,
    ride_along_target: Any,
    coaches: Iterable[tuple[Any, str]],
    coachee_ids: Iterable[Any] | None,
) -> tuple[dict[str, Any], list[tuple[Membership, str]], list[Membership]]:
    errors: dict[str, str] = {}
    chosen = list(dict.fromkeys(str(m) for m in coaching_models))
    unknown = [m for m in chosen if m not in MODEL_ORDER]
    if unknown:
        errors["coaching_models"] = _("Unknown coaching model: %(models)s.") % {"models": ", ".join(unknown)}
    elif not chosen:
        errors["coaching_models"] = _("Choose at least one coaching model.")
    chosen = [m for m in MODEL_ORDER if m in chosen]
    goals = (goals or "").strip()
    if not goals:
        errors["goals"] = _("Describe what the programme should achieve.")
    elif len(goals) > MAX_GOALS:
        errors["goals"] = _("Keep the goals under %(n)d characters.") % {"n": MAX_GOALS}
    start = _date(starts_on, field="starts_on", errors=errors)
    low = _decimal(
        cadence_min_hours, field="cadence_min_hours", low=CADENCE_MIN, high=CADENCE_MAX, errors=errors
    )
    high = _decimal(
        cadence_max_hours, field="cadence_max_hours", low=CADENCE_MIN, high=CADENCE_MAX, errors=errors
    )
    if low is not None and high is not None and high < low:
        errors["cadence_max_hours"] = _("The maximum cannot be below the minimum.")
    if period not in PeriodChoice.values:
        errors["period"] = _("Choose month or quarter.")
    interval = _decimal(
        alignment_interval_days,
        field="alignment_interval_days",
        low=Decimal(7),
        high=Decimal(180),
        errors=errors,
    )
    rides = _decimal(
        ride_along_target, field="ride_along_target", low=Decimal(0), high=Decimal(100), errors=errors
    )

    # Coaches: each holds the model they are put in; each chosen model has a coach.
    coach_list = [(str(member_id), str(model)) for member_id, model in list(coaches)[: MAX_COACHES + 1]]
    if len(coach_list) > MAX_COACHES:
        errors["coaches"] = _("At most %(n)d coaches.") % {"n": MAX_COACHES}
    found = _members(team.organisation_id, (m for m, _model in coach_list))
    pairs: list[tuple[Membership, str]] = []
    coach_errors: list[str] = []
    for member_id, model in coach_list:
        member = found.get(int(member_id)) if member_id.isdigit() and len(member_id) < 12 else None
        if member is None:
            coach_errors.append(
                _("Coach %(id)s is not an active member of this organisation.") % {"id": member_id}
            )
            continue
        if model not in chosen:
            coach_errors.append(
                _("%(name)s is put in a model this programme does not use.") % {"name": member.full_name}
            )
            continue
        if not holds_model(member, model, team):
            coach_errors.append(
                _("%(name)s cannot coach as “%(model)s”: %(why)s")
                % {
                    "name": member.full_name,
                    "model": ModelChoice(model).label,
                    "why": _("only the team's manager coaches in this model.")
                    if model == ModelChoice.MANAGER
                    else _("they do not have the role “%(role)s”.")
                    % {"role": Role(MODEL_ROLE[ModelChoice(model)]).label},
                }
            )
            continue
        if (member, model) not in pairs:
            pairs.append((member, model))
    if ModelChoice.MANAGER in chosen and not any(m == ModelChoice.MANAGER for _member, m in pairs):
        # The manager model's coach is the team's manager: added, never asked for.
        manager = Membership.objects.select_related("user").get(pk=team.manager_id)
        pairs.append((manager, ModelChoice.MANAGER))
    for model in chosen:
        if not any(m == model for _member, m in pairs) and not coach_errors:
            coach_errors.append(
                _("“%(model)s” has no coach: choose at least one, or leave the model out.")
                % {"model": ModelChoice(model).label}
            )
    if coach_errors:
        errors["coaches"] = " ".join(coach_errors)

    # Coachees: the team's sellers and non-sales professionals (all of them by default).
    team_coachees = {
        m.pk: m
        for m in Membership.objects.filter(
            team=team, status=MembershipStatus.ACTIVE, role_assignments__role__in=COACHEE_ROLES
        )
        .exclude(pk=team.manager_id)
        .distinct()
    }
    if coachee_ids is None:
        # A senior seller who coaches in this programme is not also one of its coachees.
        coaching = {member.pk for member, _model in pairs}
        coachees = [m for m in team_coachees.values() if m.pk not in coaching]
    else:
        ids = [str(i) for i in coachee_ids]
        wrong = [i for i in ids if not (i.isdigit() and len(i) < 12 and int(i) in team_coachees)]
        if wrong:
            errors["coachees"] = _("Coachees must be sellers or non-sales professionals of the team.")
        coachees = [team_coachees[int(i)] for i in dict.fromkeys(ids) if i not in wrong]
    if errors:
        raise ValidationError(errors)
    assert start is not None and low is not None and high is not None  # noqa: S101 - checked above
    data = {
        "coaching_models": chosen,
        "goals": goals,
        "starts_on": start,
        "cadence_min_hours": low,
        "cadence_max_hours": high,
        "period": period,
        "alignment_interval_days": int(interval or 30),
        "ride_along_target": int(rides if rides is not None else 3),
    }
    return data, pairs, coachees


def _set_people(
    programme: Programme, pairs: list[tuple[Membership, str]], coachees: list[Membership]
) -> None:
    keep = set()
    for member, model in pairs:
        coach, _created = ProgrammeCoach.objects.get_or_create(
            programme=programme,
            member=member,
            model=model,
            defaults={"appointed_on": programme.starts_on},
        )
        keep.add(coach.pk)
    programme.coaches.exclude(pk__in=keep).delete()
    programme.coachees.exclude(member__in=coachees).delete()
    existing = set(programme.coachees.values_list("member_id", flat=True))
    ProgrammeCoachee.objects.bulk_create(
        [ProgrammeCoachee(programme=programme, member=m) for m in coachees if m.pk not in existing]
    )


@transaction.atomic
def programme_create(
    *,
    actor: Membership,
    team_id: Any,
    coaching_models: Iterable[str],
    goals: str,
    starts_on: Any,
    cadence_min_hours: Any = Decimal("3"),
    cadence_max_hours: Any = Decimal("5"),
    period: str = PeriodChoice.QUARTER,
    alignment_interval_days: Any = 30,
    ride_along_target: Any = 3,
    coaches: Iterable[tuple[Any, str]] = (),
    coachee_ids: Iterable[Any] | None = None,
) -> Programme:
    team = access_team(viewer=actor, team_id=team_id)
    if not rules.can_set_up_programme(actor, team):
        raise _deny(_("Only the programme owner or the team's manager sets up its programme."))
    if Programme.objects.filter(team=team).exists():
        raise ValidationError({"team": _("This team already has a programme: change that one.")})
    data, pairs, coachees = _clean_programme(
        team=team,
        coaching_models=coaching_models,
        goals=goals,
        starts_on=starts_on,
        cadence_min_hours=cadence_min_hours,
        cadence_max_hours=cadence_max_hours,
        period=period,
        alignment_interval_days=alignment_interval_days,
        ride_along_target=ride_along_target,
        coaches=coaches,
        coachee_ids=coachee_ids,
    )
    programme = Programme.objects.create(
        organisation_id=actor.organisation_id, team=team, created_by=actor, **data
    )
    _set_people(programme, pairs, coachees)
    return programme


@transaction.atomic
def programme_update(
    *,
    actor: Membership,
    programme: Programme,
    coaching_models: Iterable[str],
    goals: str,
    starts_on: Any,
    cadence_min_hours: Any,
    cadence_max_hours: Any,
    period: str,
    alignment_interval_days: Any,
    ride_along_target: Any,
    coaches: Iterable[tuple[Any, str]],
    coachee_ids: Iterable[Any] | None = None,
) -> Programme:
    if not rules.can_change_programme(actor, programme):
        raise _deny(_("Only the programme owner or the team's manager changes the programme."))
    programme = Programme.objects.select_for_update().select_related("team").get(pk=programme.pk)
    data, pairs, coachees = _clean_programme(
        team=programme.team,
        coaching_models=coaching_models,
        goals=goals,
        starts_on=starts_on,
        cadence_min_hours=cadence_min_hours,
        cadence_max_hours=cadence_max_hours,
        period=period,
        alignment_interval_days=alignment_interval_days,
        ride_along_target=ride_along_target,
        coaches=coaches,
        coachee_ids=coachee_ids,
    )
    for name, value in data.items():
        setattr(programme, name, value)
    programme.updated_at = timezone.now()
    programme.save()
    _set_people(programme, pairs, coachees)
    return programme


# --- evidence ------------------------------------------------------------------------------------


def _require(actor: Membership, programme: Programme, kind: str) -> None:
    if not rules.can_record_evidence(actor, programme, kind):
        raise _deny()


def _programme_coach(
    programme: Programme, coach_id: Any, *, models: Iterable[str] | None = None
) -> Membership:
    qs = programme.coaches.select_related("member__user")
    if models is not None:
        qs = qs.filter(model__in=list(models))
    text = str(coach_id)
    found = qs.filter(member_id=int(text)).first() if text.isdigit() and len(text) < 12 else None
    if found is None:
        raise ValidationError({"coach": _("Choose a coach of this programme.")})
    return found.member


def _text(value: Any, *, field: str, max_length: int, required: bool, errors: dict[str, str]) -> str:
    text = str(value or "").strip()
    if required and not text:
        errors[field] = _("This field is required.")
    elif len(text) > max_length:
        errors[field] = _("Keep this under %(n)d characters.") % {"n": max_length}
    return text


def _not_future(day: date | None, *, field: str, errors: dict[str, str]) -> None:
    if day is not None and day > timezone.localdate():
        errors[field] = _("This date is in the future: record it once it has happened.")


@transaction.atomic
def training_record(
    *, actor: Membership, programme: Programme, coach_id: Any, completed_on: Any, provider: str
) -> CoachTraining:
    _require(actor, programme, rules.TRAINING)
    coach = _programme_coach(programme, coach_id)
    errors: dict[str, str] = {}
    day = _date(completed_on, field="completed_on", errors=errors)
    _not_future(day, field="completed_on", errors=errors)
    name = _text(provider, field="provider", max_length=MAX_NAME, required=True, errors=errors)
    if errors:
        raise ValidationError(errors)
    return CoachTraining.objects.create(
        organisation_id=programme.organisation_id,
        coach=coach,
        completed_on=_must(day),
        provider=name,
        recorded_by=actor,
    )


@transaction.atomic
def guidance_record(
    *, actor: Membership, programme: Programme, kind: str, held_on: Any, feedback: str = ""
) -> CoachGuidance:
    _require(actor, programme, rules.GUIDANCE)
    if not programme.has_model(ModelChoice.MANAGER):
        raise ValidationError(_("Coach-the-coach is a safeguard of the model in which the manager coaches."))
    errors: dict[str, str] = {}
    if kind not in GuidanceKind.values:
        errors["kind"] = _("Choose a conversation or an observed session.")
    day = _date(held_on, field="held_on", errors=errors)
    _not_future(day, field="held_on", errors=errors)
    text = _text(
        feedback,
        field="feedback",
        max_length=MAX_GOALS,
        required=kind == GuidanceKind.OBSERVED,
        errors=errors,
    )
    if kind == GuidanceKind.OBSERVED and "feedback" in errors and not text:
        errors["feedback"] = _("An observed session counts with the feedback you gave on the coaching.")
    if errors:
        raise ValidationError(errors)
    manager = programme.team.manager
    # The superior guides; a programme owner may record it on their behalf.
    guide = manager.reports_to or actor
    return CoachGuidance.objects.create(
        programme=programme, coach=manager, guide=guide, kind=kind, held_on=_must(day), feedback=text
    )


@transaction.atomic
def capacity_record(
    *,
    actor: Membership,
    programme: Programme,
    hours_available: Any,
    tasks: Iterable[tuple[str, Any]] = (),
    recorded_on: Any = None,
) -> ManagerCapacity:
    _require(actor, programme, rules.CAPACITY)
    errors: dict[str, str] = {}
    hours = _decimal(
        hours_available, field="hours_available", low=Decimal(0), high=Decimal(200), errors=errors
    )
    day = _date(recorded_on or timezone.localdate(), field="recorded_on", errors=errors)
    _not_future(day, field="recorded_on", errors=errors)
    clean_tasks: list[tuple[str, Decimal]] = []
    task_list = list(tasks)[: MAX_TASKS + 1]
    if len(task_list) > MAX_TASKS:
        errors["tasks"] = _("At most %(n)d tasks.") % {"n": MAX_TASKS}
    for name, task_hours in task_list:
        task_errors: dict[str, str] = {}
        label = _text(name, field="tasks", max_length=MAX_NAME, required=True, errors=task_errors)
        value = _decimal(task_hours, field="tasks", low=Decimal("0.5"), high=Decimal(200), errors=task_errors)
        if task_errors:
            errors["tasks"] = _("Every task needs a name and its hours a month (0.5 to 200).")
        elif value is not None:
            clean_tasks.append((label, value))
    if errors:
        raise ValidationError(errors)
    capacity = ManagerCapacity.objects.create(
        programme=programme, recorded_on=_must(day), hours_available=_must(hours), recorded_by=actor
    )
    DelegableTask.objects.bulk_create(
        [DelegableTask(capacity=capacity, name=n, hours_per_month=h) for n, h in clean_tasks]
    )
    return capacity


@transaction.atomic
def assessment_record(
    *, actor: Membership, programme: Programme, candidate_id: Any, assessed_on: Any, scores: Any
) -> SuitabilityAssessment:
    _require(actor, programme, rules.ASSESSMENT)
    if not programme.has_model(ModelChoice.SENIOR_SELLERS):
        raise ValidationError(_("The suitability assessment is a safeguard of the senior-seller model."))
    errors: dict[str, str] = {}
    text = str(candidate_id)
    candidate = (
        Membership.objects.filter(
            organisation_id=programme.organisation_id,
            status=MembershipStatus.ACTIVE,
            role_assignments__role=Role.SENIOR_SELLER,
            pk=int(text),
        ).first()
        if text.isdigit() and len(text) < 12
        else None
    )
    if candidate is None:
        errors["candidate"] = _("Choose a senior seller of this organisation.")
    elif candidate.pk == actor.pk:
        errors["candidate"] = _("Nobody assesses themselves.")
    day = _date(assessed_on, field="assessed_on", errors=errors)
    _not_future(day, field="assessed_on", errors=errors)
    clean, score_errors = rubric.clean_scores(scores)
    errors.update(score_errors)
    if (
        not errors
        and SuitabilityAssessment.objects.filter(
            programme=programme, candidate=candidate, assessor=actor, assessed_on=_must(day)
        ).exists()
    ):
        errors["assessed_on"] = _("You already assessed this person on this day.")
    if errors:
        raise ValidationError(errors)
    return SuitabilityAssessment.objects.create(
        programme=programme, candidate=_must(candidate), assessor=actor, assessed_on=_must(day), scores=clean
    )


@transaction.atomic
def incentive_set(
    *,
    actor: Membership,
    programme: Programme,
    coach_id: Any,
    target_reduction_pct_per_coachee: Any,
    bonus_amount: Any,
    bonus_share_pct: Any,
    max_target_reduction_pct: Any = Decimal("30"),
    full_payout_improvement_pts: Any = Decimal("10"),
) -> IncentiveTerms:
    _require(actor, programme, rules.INCENTIVE)
    coach = _programme_coach(programme, coach_id, models=[ModelChoice.SENIOR_SELLERS])
    errors: dict[str, str] = {}
    reduction = _decimal(
        target_reduction_pct_per_coachee,
        field="target_reduction_pct_per_coachee",
        low=Decimal(0),
        high=Decimal(100),
        errors=errors,
    )
    if "target_reduction_pct_per_coachee" in errors and _is_negative(target_reduction_pct_per_coachee):
        errors["target_reduction_pct_per_coachee"] = _(
            "A target reduction cannot be negative: coaching should lower the target, never raise it."
        )
    cap = _decimal(
        max_target_reduction_pct,
        field="max_target_reduction_pct",
        low=Decimal(0),
        high=Decimal(100),
        errors=errors,
    )
    share = _decimal(
        bonus_share_pct, field="bonus_share_pct", low=Decimal(0), high=Decimal(100), errors=errors
    )
    if "bonus_share_pct" in errors and _is_above(bonus_share_pct, Decimal(100)):
        errors["bonus_share_pct"] = _("A share of the bonus cannot be more than 100%.")
    amount = _decimal(
        bonus_amount, field="bonus_amount", low=Decimal(0), high=Decimal("9999999999"), errors=errors
    )
    full = _decimal(
        full_payout_improvement_pts,
        field="full_payout_improvement_pts",
        low=Decimal("0.1"),
        high=Decimal(100),
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)
    terms, _created = IncentiveTerms.objects.update_or_create(
        programme=programme,
        coach=coach,
        defaults={
            "target_reduction_pct_per_coachee": reduction,
            "max_target_reduction_pct": cap,
            "bonus_amount": amount,
            "bonus_share_pct": share,
            "full_payout_improvement_pts": full,
            "updated_at": timezone.now(),
        },
    )
    return terms


def _is_negative(value: Any) -> bool:
    try:
        return Decimal(str(value)) < 0
    except (InvalidOperation, ValueError, TypeError):
        return False


def _is_above(value: Any, limit: Decimal) -> bool:
    try:
        number = Decimal(str(value))
        return number.is_finite() and number > limit
    except (InvalidOperation, ValueError, TypeError):
        return False


@transaction.atomic
def activity_record(
    *,
    actor: Membership,
    programme: Programme,
    held_on: Any,
    coach_ids: Iterable[Any],
    kind: str = ActivityKind.MEETING,
    title: str = "",
) -> TeamActivity:
    _require(actor, programme, rules.ACTIVITY)
    errors: dict[str, str] = {}
    if kind not in ActivityKind.values:
        errors["kind"] = _("Choose a team meeting or a team activity.")
    day = _date(held_on, field="held_on", errors=errors)
    _not_future(day, field="held_on", errors=errors)
    name = _text(title, field="title", max_length=MAX_NAME, required=False, errors=errors)
    coaches = {c.member_id for c in programme.coaches.all()}
    ids = [str(i) for i in coach_ids]
    present = [int(i) for i in ids if i.isdigit() and len(i) < 12 and int(i) in coaches]
    if len(present) != len(ids):
        errors["coaches_present"] = _("Only coaches of this programme can be marked present.")
    if errors:
        raise ValidationError(errors)
    activity = TeamActivity.objects.create(programme=programme, kind=kind, held_on=_must(day), title=name)
    activity.coaches_present.set(present)
    return activity


@transaction.atomic
def alignment_record(
    *, actor: Membership, programme: Programme, coach_id: Any, held_on: Any
) -> AlignmentMeeting:
    _require(actor, programme, rules.ALIGNMENT)
    coach = _programme_coach(programme, coach_id)
    errors: dict[str, str] = {}
    day = _date(held_on, field="held_on", errors=errors)
    _not_future(day, field="held_on", errors=errors)
    if coach.pk == programme.team.manager_id:
        errors["coach"] = _("The manager who coaches does not need to align with themselves.")
    if errors:
        raise ValidationError(errors)
    return AlignmentMeeting.objects.create(
        programme=programme, coach=coach, manager_id=programme.team.manager_id, held_on=_must(day)
    )


@transaction.atomic
def introduction_record(
    *, actor: Membership, programme: Programme, coach_id: Any, introduced_on: Any
) -> ProgrammeCoach:
    _require(actor, programme, rules.INTRODUCTION)
    coach = _programme_coach(
        programme, coach_id, models=[ModelChoice.EXTERNAL_COACH, ModelChoice.INTERNAL_COACH]
    )
    errors: dict[str, str] = {}
    day = _date(introduced_on, field="introduced_on", errors=errors)
    _not_future(day, field="introduced_on", errors=errors)
    if errors:
        raise ValidationError(errors)
    rows = programme.coaches.filter(
        member=coach, model__in=[ModelChoice.EXTERNAL_COACH, ModelChoice.INTERNAL_COACH]
    )
    rows.update(introduced_on=day)
    return rows.first()  # type: ignore[return-value]


@transaction.atomic
def digest_set(*, actor: Membership, weekly: bool) -> DigestPreference:
    preference, _created = DigestPreference.objects.update_or_create(
        membership=actor, defaults={"weekly_digest": bool(weekly)}
    )
    return preference
