"""Coaching-programme pages: the advisor, programmes per team, their health and evidence."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from salescoach.core.forms import add_service_error
from salescoach.core.http import OrgRequest, org_view
from salescoach.organisations.models import Team
from salescoach.organisations.selectors import team_list
from salescoach.privacy import rules as privacy_rules
from salescoach.privacy.access import access_programme, access_team
from salescoach.programmes import rules, safeguards, selectors, services
from salescoach.programmes.advisor import DEFAULT_CADENCE_HOURS, AdvisorInputError, advise
from salescoach.programmes.forms import (
    COACH_FIELDS,
    ActivityForm,
    AdvisorForm,
    AlignmentForm,
    AssessmentForm,
    CapacityForm,
    GuidanceForm,
    IncentiveForm,
    IntroductionForm,
    ProgrammeForm,
    TrainingForm,
)
from salescoach.programmes.incentives import to_csv
from salescoach.programmes.models import DigestPreference, ModelChoice, Programme
from salescoach.programmes.selectors import team_profile
from salescoach.results.periods import parse_period


@org_view
def advisor(request: OrgRequest) -> HttpResponse:
    if not privacy_rules.can_use_advisor(request.membership):
        raise PermissionDenied
    team = None
    initial: dict[str, object] = {
        "cadence_hours": DEFAULT_CADENCE_HOURS,
        "trust": "medium",
        "experience": "mixed",
        "non_sales": "none",
    }
    if request.GET.get("team"):
        team = access_team(viewer=request.membership, team_id=request.GET["team"])
        initial.update(team_profile(team=team))
    form = AdvisorForm(request.POST or None, initial=initial)
    advice = None
    if request.method == "POST" and form.is_valid():
        try:
            advice = advise(form.answers())
        except AdvisorInputError as error:
            for name, message in error.errors.items():
                form.add_error(name, message)
    setup_query = ""
    if advice is not None and rules.can_view_programmes(request.membership):
        from urllib.parse import urlencode

        params: list[tuple[str, object]] = [("models", m.value) for m in advice.recommended]
        params.append(("cadence", form.cleaned_data["cadence_hours"]))
        if team is not None:
            params.append(("team", team.pk))
        setup_query = urlencode(params)
    return render(
        request,
        "programmes/advisor.html",
        {
            "form": form,
            "advice": advice,
            "team": team,
            "teams": team_list(viewer=request.membership),
            "setup_query": setup_query,
            "section": "programmes",
        },
    )


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@org_view
def programme_list(request: OrgRequest) -> HttpResponse:
    _require(rules.can_view_programmes(request.membership))
    programmes = list(selectors.programme_list(viewer=request.membership))
    health = selectors.programme_health(programmes=programmes)
    rows = [
        {
            "programme": p,
            "counts": safeguards.counts(health[p.pk]),
            "worst": safeguards.worst(health[p.pk]),
            "needs": [c for c in health[p.pk] if c.status != safeguards.Status.OK][:3],
        }
        for p in programmes
    ]
    with_programme = {p.team_id for p in programmes}
    open_teams = [
        t
        for t in team_list(viewer=request.membership)
        if t.pk not in with_programme and rules.can_set_up_programme(request.membership, t)
    ]
    preference = DigestPreference.objects.filter(membership=request.membership).first()
    return render(
        request,
        "programmes/programme_list.html",
        {
            "rows": rows,
            "open_teams": open_teams,
            "digest_on": preference is None or preference.weekly_digest,
            "future_managers": selectors.future_managers(viewer=request.membership),
            "section": "programmes",
        },
    )


@org_view
def digest_toggle(request: OrgRequest) -> HttpResponse:
    if request.method != "POST":
        raise Http404
    _require(rules.can_view_programmes(request.membership))
    preference = services.digest_set(actor=request.membership, weekly=request.POST.get("weekly") == "on")
    if request.htmx:
        return render(request, "programmes/partials/digest.html", {"digest_on": preference.weekly_digest})
    messages.success(request, _("Your digest setting has been saved."))
    return redirect("programmes:list", request.organisation.slug)


def _creatable_teams(request: OrgRequest) -> list[Team]:
    taken = set(
        Programme.objects.filter(organisation_id=request.organisation.pk).values_list("team_id", flat=True)
    )
    return [
        t
        for t in team_list(viewer=request.membership).select_related("manager")
        if t.pk not in taken and rules.can_set_up_programme(request.membership, t)
    ]


def _programme_kwargs(form: ProgrammeForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "coaching_models": data["coaching_models"],
        "goals": data["goals"],
        "starts_on": data["starts_on"],
        "cadence_min_hours": data["cadence_min_hours"],
        "cadence_max_hours": data["cadence_max_hours"],
        "period": data["period"],
        "alignment_interval_days": data["alignment_interval_days"],
        "ride_along_target": data["ride_along_target"],
        "coaches": form.coaches(),
    }


@org_view
def programme_create(request: OrgRequest) -> HttpResponse:
    _require(rules.can_view_programmes(request.membership))
    teams = _creatable_teams(request)
    initial: dict[str, Any] = {
        "starts_on": timezone.localdate(),
        "cadence_min_hours": 3,
        "cadence_max_hours": 5,
        "period": "quarter",
        "alignment_interval_days": 30,
        "ride_along_target": 3,
    }
    # Pre-filled from the advisor's recommendation.
    models = [m for m in request.GET.getlist("models") if m in ModelChoice.values]
    from_advisor = bool(models)
    if models:
        initial["coaching_models"] = models
    cadence = request.GET.get("cadence", "")
    try:
        value = float(cadence)
        if 0.5 <= value <= 20:
            initial["cadence_min_hours"] = value
            initial["cadence_max_hours"] = max(value, 5)
    except ValueError:
        pass
    team_id = request.GET.get("team", "")
    if team_id.isdigit() and any(t.pk == int(team_id) for t in teams):
        initial["team"] = int(team_id)
    form = ProgrammeForm(request.POST or None, viewer=request.membership, teams=teams, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(
                actor=request.membership, team_id=form.cleaned_data["team"], **_programme_kwargs(form)
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The programme of %(team)s has been set up.") % {"team": programme.team.name}
            )
            return redirect("programmes:detail", request.organisation.slug, programme.pk)
    return render(
        request,
        "programmes/programme_form.html",
        {"form": form, "programme": None, "from_advisor": from_advisor, "section": "programmes"},
    )


@org_view
def programme_edit(request: OrgRequest, programme_id: int) -> HttpResponse:
    programme = access_programme(viewer=request.membership, programme_id=programme_id)
    _require(rules.can_change_programme(request.membership, programme))
    people = selectors.programme_people(programme=programme)
    initial: dict[str, Any] = {
        "coaching_models": programme.coaching_models,
        "goals": programme.goals,
        "starts_on": programme.starts_on,
        "cadence_min_hours": programme.cadence_min_hours,
        "cadence_max_hours": programme.cadence_max_hours,
        "period": programme.period,
        "alignment_interval_days": programme.alignment_interval_days,
        "ride_along_target": programme.ride_along_target,
    }
    for model, name in COACH_FIELDS.items():
        initial[name] = [c.member_id for c in people["coaches"] if c.model == model]
    form = ProgrammeForm(request.POST or None, viewer=request.membership, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(
                actor=request.membership, programme=programme, **_programme_kwargs(form)
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The programme has been saved."))
            return redirect("programmes:detail", request.organisation.slug, programme.pk)
    return render(
        request,
        "programmes/programme_form.html",
        {"form": form, "programme": programme, "from_advisor": False, "section": "programmes"},
    )


@org_view
def programme_detail(request: OrgRequest, programme_id: int) -> HttpResponse:
    programme = access_programme(viewer=request.membership, programme_id=programme_id)
    checks = selectors.programme_health(programmes=[programme])[programme.pk]
    people = selectors.programme_people(programme=programme)
    kinds = [
        k
        for k, _label in _evidence_links(programme)
        if rules.can_record_evidence(request.membership, programme, k)
    ]
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "checks": checks,
            "counts": safeguards.counts(checks),
            "worst": safeguards.worst(checks),
            "coaches": people["coaches"],
            "coachees": people["coachees"],
            "evidence_links": [(k, label) for k, label in _evidence_links(programme) if k in kinds],
            "can_change": rules.can_change_programme(request.membership, programme),
            "can_export": rules.can_export_incentives(request.membership)
            and programme.has_model(ModelChoice.SENIOR_SELLERS),
            "period": selectors.incentive_period(programme, timezone.localdate()).previous(),
            "section": "programmes",
        },
    )


def _evidence_links(programme: Programme) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    has = programme.has_model
    if has(ModelChoice.MANAGER) or has(ModelChoice.SENIOR_SELLERS):
        links.append((rules.TRAINING, _("Coaching training")))
    if has(ModelChoice.MANAGER):
        links += [(rules.GUIDANCE, _("Coach-the-coach")), (rules.CAPACITY, _("Manager's capacity"))]
    if has(ModelChoice.SENIOR_SELLERS):
        links += [(rules.ASSESSMENT, _("Suitability assessment")), (rules.INCENTIVE, _("Incentive terms"))]
    if has(ModelChoice.INTERNAL_COACH) or has(ModelChoice.EXTERNAL_COACH):
        links += [
            (rules.ACTIVITY, _("Team meeting or activity")),
            (rules.INTRODUCTION, _("Introduction of a coach")),
        ]
    if any(m != ModelChoice.MANAGER for m in programme.coaching_models):
        links.append((rules.ALIGNMENT, _("Alignment of manager and coach")))
    return links


def _coach_choices(
    programme: Programme, *models: str, exclude_manager: bool = False
) -> list[tuple[int, str]]:
    seen: dict[int, str] = {}
    for coach in programme.coaches.select_related("member__user").order_by("member__user__full_name"):
        if models and coach.model not in models:
            continue
        if exclude_manager and coach.member_id == programme.team.manager_id:
            continue
        seen.setdefault(coach.member_id, coach.member.user.full_name)
    return list(seen.items())


def _evidence_form(kind: str, programme: Programme, data: Any) -> tuple[Any, Callable[..., Any]]:
    """The form of one kind of evidence, and how to save it."""
    organisation_id = programme.organisation_id
    form: Any
    if kind == rules.TRAINING:
        form = TrainingForm(data)
        form.fields["coach"].choices = _coach_choices(
            programme, ModelChoice.MANAGER, ModelChoice.SENIOR_SELLERS
        )
        return form, lambda actor, d: services.training_record(
            actor=actor,
            programme=programme,
            coach_id=d["coach"],
            completed_on=d["completed_on"],
            provider=d["provider"],
        )
    if kind == rules.GUIDANCE:
        form = GuidanceForm(data)
        return form, lambda actor, d: services.guidance_record(
            actor=actor, programme=programme, kind=d["kind"], held_on=d["held_on"], feedback=d["feedback"]
        )
    if kind == rules.CAPACITY:
        form = CapacityForm(data)
        return form, lambda actor, d: services.capacity_record(
            actor=actor, programme=programme, hours_available=d["hours_available"], tasks=form.task_list()
        )
    if kind == rules.ASSESSMENT:
        from salescoach.organisations.models import Role
        from salescoach.programmes.forms import _role_choices

        form = AssessmentForm(data)
        form.fields["candidate"].choices = _role_choices(organisation_id, Role.SENIOR_SELLER)
        return form, lambda actor, d: services.assessment_record(
            actor=actor,
            programme=programme,
            candidate_id=d["candidate"],
            assessed_on=d["assessed_on"],
            scores=form.scores(),
        )
    if kind == rules.INCENTIVE:
        form = IncentiveForm(data)
        form.fields["coach"].choices = _coach_choices(programme, ModelChoice.SENIOR_SELLERS)
        return form, lambda actor, d: services.incentive_set(
            actor=actor,
            programme=programme,
            coach_id=d["coach"],
            target_reduction_pct_per_coachee=d["target_reduction_pct_per_coachee"],
            max_target_reduction_pct=d["max_target_reduction_pct"],
            bonus_amount=d["bonus_amount"],
            bonus_share_pct=d["bonus_share_pct"],
            full_payout_improvement_pts=d["full_payout_improvement_pts"],
        )
    if kind == rules.ACTIVITY:
        form = ActivityForm(data)
        form.fields["coaches_present"].choices = _coach_choices(programme, exclude_manager=True)
        return form, lambda actor, d: services.activity_record(
            actor=actor,
            programme=programme,
            kind=d["kind"],
            held_on=d["held_on"],
            title=d["title"],
            coach_ids=d["coaches_present"],
        )
    if kind == rules.ALIGNMENT:
        form = AlignmentForm(data)
        form.fields["coach"].choices = _coach_choices(programme, exclude_manager=True)
        return form, lambda actor, d: services.alignment_record(
            actor=actor, programme=programme, coach_id=d["coach"], held_on=d["held_on"]
        )
    if kind == rules.INTRODUCTION:
        form = IntroductionForm(data)
        form.fields["coach"].choices = _coach_choices(
            programme, ModelChoice.EXTERNAL_COACH, ModelChoice.INTERNAL_COACH
        )
        return form, lambda actor, d: services.introduction_record(
            actor=actor, programme=programme, coach_id=d["coach"], introduced_on=d["introduced_on"]
        )
    raise Http404


@org_view
def evidence(request: OrgRequest, programme_id: int, kind: str) -> HttpResponse:
    programme = access_programme(viewer=request.membership, programme_id=programme_id)
    if kind not in rules.EVIDENCE_KINDS:
        raise Http404
    _require(rules.can_record_evidence(request.membership, programme, kind))
    form, save = _evidence_form(kind, programme, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            save(request.membership, form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Recorded."))
            return redirect("programmes:detail", request.organisation.slug, programme.pk)
    title = dict(_evidence_links(programme)).get(kind, "")
    return render(
        request,
        "programmes/evidence_form.html",
        {"form": form, "programme": programme, "kind": kind, "title": title, "section": "programmes"},
    )


@org_view
def incentives_csv(request: OrgRequest, programme_id: int) -> HttpResponse:
    programme = access_programme(viewer=request.membership, programme_id=programme_id)
    _require(rules.can_export_incentives(request.membership))
    period = parse_period(request.GET.get("period", ""), allow_year=False)
    if period is None:
        period = selectors.incentive_period(programme, timezone.localdate()).previous()
    lines = selectors.incentive_report(programme=programme, period=period)
    response = HttpResponse(to_csv(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="incentives-{programme.team_id}-{period.key}.csv"'
    )
    return response
