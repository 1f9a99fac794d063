"""Pages for pulse surveys: answering (anonymously), starting and following surveys, and
results at the threshold only."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salescoach.core.forms import add_service_error
from salescoach.core.http import OrgRequest, org_view
from salescoach.organisations.models import Membership, Team
from salescoach.privacy.access import access_survey_run, access_survey_run_to_answer, access_survey_template
from salescoach.surveys import rules, selectors, services
from salescoach.surveys.forms import ResponseForm, ResultsFilterForm, RunForm, TemplateForm
from salescoach.surveys.models import SurveyInvitation

SECTION = "surveys"


def _counts(runs: list[Any], threshold: int) -> list[dict[str, Any]]:
    return [{"run": run, "responded": selectors.shown_count(run.responded_count, threshold)} for run in runs]


@org_view
def survey_home(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    threshold = viewer.organisation.min_group_size
    runs = list(selectors.run_list(viewer=viewer)[:50])
    return render(
        request,
        "surveys/home.html",
        {
            "invitations": list(selectors.my_invitations(viewer=viewer)[:50]),
            "runs": _counts(runs, threshold),
            "can_run": rules.can_run_surveys(viewer),
            "can_manage_templates": rules.can_manage_templates(viewer),
            "threshold": threshold,
            "section": SECTION,
        },
    )


@org_view
def respond(request: OrgRequest, run_id: int) -> HttpResponse:
    viewer = request.membership
    run = access_survey_run_to_answer(viewer=viewer, run_id=run_id)
    invitation = SurveyInvitation.objects.get(run=run, membership=viewer)
    form = ResponseForm(request.POST if request.method == "POST" else None, run=run)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(actor=viewer, run=run, answers=form.answers())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you. Your answers have been stored anonymously."))
            return redirect("surveys:home", request.organisation.slug)
    return render(
        request,
        "surveys/respond.html",
        {"run": run, "invitation": invitation, "form": form, "section": SECTION},
    )


@org_view
def run_create(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    if not rules.can_run_surveys(viewer):
        raise PermissionDenied(_("Only a programme owner or a manager can start a survey."))
    form = RunForm(
        request.POST or None,
        templates=selectors.template_choices(viewer=viewer),
        teams=Team.objects.filter(rules.surveyable_teams_q(viewer)).order_by("name"),
        members=Membership.objects.filter(rules.surveyable_members_q(viewer))
        .select_related("user")
        .order_by("user__full_name"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run = services.run_create(
                actor=viewer,
                template_id=data["template"].pk,
                title=data["title"],
                team_id=data["team"].pk if data["team"] else None,
                member_ids=[m.pk for m in data["members"]],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The survey has started; the people in the group have been invited."))
            return redirect("surveys:run-detail", request.organisation.slug, run.pk)
    return render(
        request,
        "surveys/run_form.html",
        {"form": form, "threshold": viewer.organisation.min_group_size, "section": SECTION},
    )


@org_view
def run_detail(request: OrgRequest, run_id: int) -> HttpResponse:
    viewer = request.membership
    run = access_survey_run(viewer=viewer, run_id=run_id)
    threshold = viewer.organisation.min_group_size
    results = selectors.survey_results(viewer=viewer, template_id=run.template_id, run_ids=[run.pk])
    return render(
        request,
        "surveys/run_detail.html",
        {
            "run": run,
            "responded": selectors.shown_count(run.responded_count, threshold),  # type: ignore[attr-defined]
            "results": results,
            "can_close": rules.can_close_run(viewer, run) and not run.is_closed,
            "threshold": threshold,
            "section": SECTION,
        },
    )


@org_view
@require_POST
def run_close(request: OrgRequest, run_id: int) -> HttpResponse:
    run = access_survey_run(viewer=request.membership, run_id=run_id)
    try:
        services.run_close(actor=request.membership, run=run)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The survey has been closed."))
    return redirect("surveys:run-detail", request.organisation.slug, run.pk)


@org_view
def results(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    if not rules.can_run_surveys(viewer) and not selectors.run_list(viewer=viewer).exists():
        raise PermissionDenied(_("Survey results are for managers and programme owners."))
    templates = selectors.template_choices(viewer=viewer)
    teams = Team.objects.filter(pk__in=selectors.run_list(viewer=viewer).values("team_id")).order_by("name")
    filters = ResultsFilterForm(request.GET or None, templates=templates, teams=teams)
    outcome = None
    if filters.is_valid():
        data = filters.cleaned_data
        outcome = selectors.survey_results(
            viewer=viewer,
            template_id=data["template"].pk,
            team_id=data["team"].pk if data["team"] else None,
            closes_from=data["closes_from"],
            closes_until=data["closes_until"],
        )
    return render(
        request,
        "surveys/results.html",
        {"filters": filters, "results": outcome, "section": SECTION},
    )


@org_view
def template_list(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    return render(
        request,
        "surveys/template_list.html",
        {
            "templates": selectors.template_list(viewer=viewer),
            "can_manage_templates": rules.can_manage_templates(viewer),
            "section": SECTION,
        },
    )


@org_view
def template_detail(request: OrgRequest, template_id: int) -> HttpResponse:
    template = access_survey_template(viewer=request.membership, template_id=template_id)
    return render(request, "surveys/template_detail.html", {"template": template, "section": SECTION})


@org_view
def template_create(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    if not rules.can_manage_templates(viewer):
        raise PermissionDenied(_("Only a programme owner can write survey templates."))
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            template = services.template_create(
                actor=viewer,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                questions=form.questions(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The survey template has been saved."))
            return redirect("surveys:template-detail", request.organisation.slug, template.pk)
    return render(request, "surveys/template_form.html", {"form": form, "section": SECTION})
