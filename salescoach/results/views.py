"""Results pages: dashboards for a person, a team and the organisation, deals, the
funnel set-up, and the follow-up steps of an import. Thin: access, validate, one
service or selector call, render."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salescoach.core.forms import add_service_error
from salescoach.core.http import OrgRequest, org_view
from salescoach.imports import services as import_services
from salescoach.imports.models import ImportJob
from salescoach.organisations.models import COACH_ROLES, Membership, MembershipStatus
from salescoach.privacy.access import (
    access_column_mapping,
    access_exchange_rate,
    access_funnel_stage,
    access_import_job,
    access_opportunity,
    access_results_member,
    access_results_team,
    access_stage_alias,
)
from salescoach.results import cache as figures_cache
from salescoach.results import rules, selectors, services
from salescoach.results.followups import file_columns, unresolved_values
from salescoach.results.formats import (
    OPPORTUNITY_FIELDS,
    OPPORTUNITY_REQUIRED,
    TARGET_FIELDS,
    TARGET_REQUIRED,
)
from salescoach.results.forms import (
    ColumnMappingForm,
    CurrencyForm,
    DashboardFilterForm,
    DealFilterForm,
    ExchangeRateForm,
    FunnelStageForm,
    ResolveForm,
    StageAliasForm,
)
from salescoach.results.models import ColumnMapping, ExchangeRate, StageKind
from salescoach.results.periods import Period, parse_period, quarter_of
from salescoach.results.presentation import chart_data, csv_rows

SECTION = "results"


def _period(request: OrgRequest, default: Period | None = None) -> Period:
    found = parse_period(request.GET.get("period", ""))
    return found or default or quarter_of(timezone.localdate())


def _team_choices(viewer: Membership) -> Any:
    teams = selectors.results_team_list(viewer=viewer)
    return teams if rules.is_programme_owner(viewer) or teams.exists() else None


def _dashboard_page(
    request: OrgRequest, *, team: Any = None, member: Membership | None = None
) -> HttpResponse:
    viewer = request.membership
    period = _period(request)
    teams = _team_choices(viewer) if member is None else None
    form = DashboardFilterForm(
        initial={"period": period.key, "team": team.pk if team else None},
        today=timezone.localdate(),
        teams=teams,
    )
    data = selectors.dashboard(viewer=viewer, period=period, team=team, member=member)
    shared = selectors.shared_scope(viewer=viewer, team=team, member=member)
    return render(
        request,
        "results/dashboard.html",
        {
            "section": SECTION,
            "data": data,
            "period": period,
            "form": form,
            "chart": chart_data(data),
            "team": team,
            "member": member,
            "can_import": rules.can_import_results(viewer),
            "can_configure": rules.can_configure_funnel(viewer),
            "has_coachees": viewer.has_role(*COACH_ROLES) or bool(rules.coach_agreed_indicators(viewer)),
            # The per-team table is kept only for a dashboard every allowed viewer shares;
            # a viewer's own selection gets a key of its own that is never kept.
            "figures_key": f"{figures_cache.generation(viewer.organisation_id)}:{shared or viewer.pk}",
            "figures_seconds": figures_cache.cache_seconds() if shared else 0,
        },
    )


@org_view
def dashboard(request: OrgRequest) -> HttpResponse:
    team_id = request.GET.get("team")
    team = access_results_team(viewer=request.membership, team_id=team_id) if team_id else None
    return _dashboard_page(request, team=team)


@org_view
def team_dashboard(request: OrgRequest, team_id: int) -> HttpResponse:
    team = access_results_team(viewer=request.membership, team_id=team_id)
    return _dashboard_page(request, team=team)


@org_view
def person(request: OrgRequest, member_id: int) -> HttpResponse:
    member = access_results_member(viewer=request.membership, member_id=member_id)
    return _dashboard_page(request, member=member)


@org_view
def mine(request: OrgRequest) -> HttpResponse:
    return redirect("results:person", request.organisation.slug, request.membership.pk)


@org_view
def export_csv(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    period = _period(request)
    team_id = request.GET.get("team")
    member_id = request.GET.get("member")
    team = access_results_team(viewer=viewer, team_id=team_id) if team_id else None
    member = access_results_member(viewer=viewer, member_id=member_id) if member_id else None
    data = selectors.dashboard(viewer=viewer, period=period, team=team, member=member)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"salescoach-results-{period.key}{'-' + str(team.pk) if team else ''}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # lets Excel recognise UTF-8
    csv.writer(response).writerows(csv_rows(data))
    return response


@org_view
def coachees(request: OrgRequest) -> HttpResponse:
    period = _period(request)
    return render(
        request,
        "results/coachees.html",
        {
            "section": SECTION,
            "period": period,
            "form": DashboardFilterForm(
                initial={"period": period.key}, today=timezone.localdate(), teams=None
            ),
            "rows": selectors.coach_results(viewer=request.membership, period=period),
        },
    )


# --- deals ---------------------------------------------------------------------------------


@org_view
def deals(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    form = DealFilterForm(
        request.GET or None,
        today=timezone.localdate(),
        stages=selectors.funnel_stage_list(viewer=viewer),
        owners=selectors.results_member_list(viewer=viewer).filter(status=MembershipStatus.ACTIVE),
    )
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "period": parse_period(data["period"]) if data.get("period") else None,
            "stage": data.get("stage"),
            "owner": data.get("owner"),
            "status": data.get("status") or None,
            "search": data.get("q") or None,
        }
    page = Paginator(selectors.opportunity_list(viewer=viewer, **filters), 50).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "results/deals.html",
        {"section": SECTION, "form": form, "page": page, "query": query.urlencode()},
    )


@org_view
def deal(request: OrgRequest, opportunity_id: int) -> HttpResponse:
    opportunity = access_opportunity(viewer=request.membership, opportunity_id=opportunity_id)
    return render(
        request,
        "results/deal.html",
        {
            "section": SECTION,
            "deal": opportunity,
            "history": opportunity.stage_changes.select_related("stage").order_by("entered_on", "pk"),
        },
    )


# --- the funnel and other set-up ------------------------------------------------------------


def _require_funnel(viewer: Membership) -> None:
    if not rules.can_configure_funnel(viewer):
        raise Http404


@org_view
def funnel(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    _require_funnel(viewer)
    services.funnel_ensure(organisation_id=viewer.organisation_id)
    stages = selectors.funnel_stage_list(viewer=viewer)
    settings_row = services.results_settings_get(organisation=request.organisation)
    action = request.POST.get("action") if request.method == "POST" else None
    stage_form = FunnelStageForm(
        request.POST if action == "stage" else None, initial={"kind": StageKind.OPEN}
    )
    alias_form = StageAliasForm(request.POST if action == "alias" else None, stages=stages)
    currency_form = CurrencyForm(
        request.POST if action == "currency" else None, initial={"currency": settings_row.currency}
    )
    rate_form = ExchangeRateForm(request.POST if action == "rate" else None)
    try:
        if action == "stage" and stage_form.is_valid():
            services.funnel_stage_create(actor=viewer, **stage_form.cleaned_data)
            messages.success(request, _("The stage has been added."))
            return redirect("results:funnel", request.organisation.slug)
        if action == "alias" and alias_form.is_valid():
            services.stage_alias_create(
                actor=viewer, stage=alias_form.cleaned_data["stage"], name=alias_form.cleaned_data["name"]
            )
            messages.success(request, _("The CRM stage name has been mapped."))
            return redirect("results:funnel", request.organisation.slug)
        if action == "currency" and currency_form.is_valid():
            services.results_currency_set(actor=viewer, currency=currency_form.cleaned_data["currency"])
            messages.success(request, _("The reporting currency has been saved."))
            return redirect("results:funnel", request.organisation.slug)
        if action == "rate" and rate_form.is_valid():
            services.exchange_rate_set(actor=viewer, **rate_form.cleaned_data)
            messages.success(request, _("The exchange rate has been saved."))
            return redirect("results:funnel", request.organisation.slug)
    except ValidationError as error:
        form = {"stage": stage_form, "alias": alias_form, "currency": currency_form, "rate": rate_form}[
            action or ""
        ]
        add_service_error(form, error)
    return render(
        request,
        "results/funnel.html",
        {
            "section": SECTION,
            "stages": stages,
            "settings": settings_row,
            "rates": ExchangeRate.objects.filter(organisation_id=viewer.organisation_id),
            "mappings": ColumnMapping.objects.filter(organisation_id=viewer.organisation_id).order_by(
                "kind", "-updated_at"
            )
            if rules.can_import_results(viewer)
            else [],
            "stage_form": stage_form,
            "alias_form": alias_form,
            "currency_form": currency_form,
            "rate_form": rate_form,
        },
    )


@org_view
def funnel_stage(request: OrgRequest, stage_id: int) -> HttpResponse:
    stage = access_funnel_stage(viewer=request.membership, stage_id=stage_id)
    form = FunnelStageForm(
        request.POST or None,
        initial={"name": stage.name, "kind": stage.kind, "probability": stage.probability},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.funnel_stage_update(actor=request.membership, stage=stage, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The stage has been saved."))
            return redirect("results:funnel", request.organisation.slug)
    return render(request, "results/funnel_stage.html", {"section": SECTION, "stage": stage, "form": form})


@org_view
@require_POST
def funnel_stage_move(request: OrgRequest, stage_id: int) -> HttpResponse:
    stage = access_funnel_stage(viewer=request.membership, stage_id=stage_id)
    services.funnel_stage_move(
        actor=request.membership, stage=stage, up=request.POST.get("direction") == "up"
    )
    return redirect("results:funnel", request.organisation.slug)


@org_view
@require_POST
def funnel_stage_delete(request: OrgRequest, stage_id: int) -> HttpResponse:
    stage = access_funnel_stage(viewer=request.membership, stage_id=stage_id)
    try:
        services.funnel_stage_delete(actor=request.membership, stage=stage)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The stage has been removed."))
    return redirect("results:funnel", request.organisation.slug)


@org_view
@require_POST
def stage_alias_delete(request: OrgRequest, alias_id: int) -> HttpResponse:
    alias = access_stage_alias(viewer=request.membership, alias_id=alias_id)
    services.stage_alias_delete(actor=request.membership, alias=alias)
    messages.success(request, _("The CRM stage name has been removed."))
    return redirect("results:funnel", request.organisation.slug)


@org_view
@require_POST
def exchange_rate_delete(request: OrgRequest, rate_id: int) -> HttpResponse:
    rate = access_exchange_rate(viewer=request.membership, rate_id=rate_id)
    services.exchange_rate_delete(actor=request.membership, rate=rate)
    messages.success(request, _("The exchange rate has been removed."))
    return redirect("results:funnel", request.organisation.slug)


@org_view
@require_POST
def column_mapping_delete(request: OrgRequest, mapping_id: int) -> HttpResponse:
    mapping = access_column_mapping(viewer=request.membership, mapping_id=mapping_id)
    services.column_mapping_delete(actor=request.membership, mapping=mapping)
    messages.success(request, _("The column match has been removed."))
    return redirect("results:funnel", request.organisation.slug)


# --- follow-up steps of an import ---------------------------------------------------------


def _results_job(request: OrgRequest, job_id: int) -> ImportJob:
    job = access_import_job(viewer=request.membership, job_id=job_id)
    if job.kind not in ("opportunities", "targets") or not rules.can_import_results(request.membership):
        raise Http404
    return job


def _check_again(request: OrgRequest, job: ImportJob) -> HttpResponse:
    try:
        import_services.import_job_recheck(actor=request.membership, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.info(request, _("Saved. The file is being checked again."))
    return redirect("imports:job", request.organisation.slug, job.pk)


@org_view
def import_columns(request: OrgRequest, job_id: int) -> HttpResponse:
    job = _results_job(request, job_id)
    columns = file_columns(job)
    if columns is None:
        messages.error(request, _("This file is no longer available; upload it again."))
        return redirect("imports:job", request.organisation.slug, job.pk)
    fields, required = (
        (OPPORTUNITY_FIELDS, OPPORTUNITY_REQUIRED)
        if job.kind == "opportunities"
        else (TARGET_FIELDS, TARGET_REQUIRED)
    )
    form = ColumnMappingForm(
        request.POST or None,
        fields=fields,
        required=required,
        headers=columns.headers,
        initial_mapping=dict(columns.detected.label),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.column_mapping_save(
                actor=request.membership,
                kind=job.kind,
                headers=columns.headers,
                mapping={name: form.cleaned_data.get(name, "") for name, _label in fields},
                required=required,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return _check_again(request, job)
    return render(
        request,
        "results/import_columns.html",
        {"section": SECTION, "job": job, "form": form, "headers": columns.headers},
    )


@org_view
def import_owners(request: OrgRequest, job_id: int) -> HttpResponse:
    job = _results_job(request, job_id)
    values = unresolved_values(job, "owner") if job.kind == "opportunities" else []
    members = (
        Membership.objects.filter(organisation_id=request.membership.organisation_id)
        .exclude(status=MembershipStatus.DEACTIVATED)
        .select_related("user")
        .order_by("user__full_name")
    )
    form = ResolveForm(
        request.POST or None,
        values=values,
        queryset=members,
        label_from=lambda m: f"{m.user.full_name} <{m.user.email}>",
    )
    if request.method == "POST" and form.is_valid():
        services.owner_aliases_resolve(actor=request.membership, choices=form.choices())
        return _check_again(request, job)
    return render(
        request,
        "results/import_resolve.html",
        {
            "section": SECTION,
            "job": job,
            "form": form,
            "title": _("Match the owners"),
            "intro": _(
                "These owners in the file are not recognised as members by e-mail address, CRM user id "
                "or name. Choose who each one is; SalesCoach remembers it for the next import."
            ),
        },
    )


@org_view
def import_stages(request: OrgRequest, job_id: int) -> HttpResponse:
    job = _results_job(request, job_id)
    if not rules.can_configure_funnel(request.membership):
        raise Http404
    services.funnel_ensure(organisation_id=request.membership.organisation_id)
    values = unresolved_values(job, "stage") if job.kind == "opportunities" else []
    form = ResolveForm(
        request.POST or None, values=values, queryset=selectors.funnel_stage_list(viewer=request.membership)
    )
    if request.method == "POST" and form.is_valid():
        services.stage_aliases_resolve(actor=request.membership, choices=form.choices())
        return _check_again(request, job)
    return render(
        request,
        "results/import_resolve.html",
        {
            "section": SECTION,
            "job": job,
            "form": form,
            "title": _("Map the stages"),
            "intro": _(
                "These stages in the file are not in your funnel. Choose the stage of the funnel each "
                "one belongs to; SalesCoach remembers it for the next import."
            ),
        },
    )
