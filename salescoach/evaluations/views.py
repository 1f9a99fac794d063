"""Pages for performance evaluations. Thin: access, validate, one service call, render.

Every page here carries the evaluation look (templates/evaluations/base.html): a
coloured band that says this is an evaluation and not coaching.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salescoach.core.forms import add_service_error
from salescoach.core.http import OrgRequest, org_view
from salescoach.evaluations import rules, selectors, services
from salescoach.evaluations.forms import (
    CycleForm,
    EvaluationCreateForm,
    EvaluationFilterForm,
    EvaluationForm,
    ScheduleForm,
    SellerCommentForm,
    parse_criteria,
)
from salescoach.evaluations.models import Evaluation
from salescoach.privacy.access import access_evaluation, access_evaluation_cycle

SECTION = "evaluations"


@org_view
def evaluation_list(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    cycles = list(selectors.cycle_list(viewer=viewer))
    filters = EvaluationFilterForm(request.GET or None, cycles=cycles)
    criteria: dict[str, Any] = {}
    if filters.is_valid():
        data = filters.cleaned_data
        criteria = {"cycle_id": data["cycle"], "status": data["status"] or None}
    page = Paginator(selectors.evaluation_list(viewer=viewer, **criteria), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "evaluations/evaluation_list.html",
        {
            "cycles": cycles,
            "filters": filters,
            "page": page,
            "can_manage_cycles": rules.can_manage_cycles(viewer),
            "section": SECTION,
        },
    )


@org_view
def cycle_create(request: OrgRequest) -> HttpResponse:
    if not rules.can_manage_cycles(request.membership):
        raise PermissionDenied(_("Only a programme owner can set up evaluation cycles."))
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cycle = services.cycle_create(
                actor=request.membership,
                name=data["name"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                criteria=parse_criteria(data["criteria"]),
                scale_max=data["scale_max"],
                scale_low_label=data["scale_low_label"],
                scale_high_label=data["scale_high_label"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The cycle “%(name)s” has been created.") % {"name": cycle.name})
            return redirect("evaluations:cycle-detail", request.organisation.slug, cycle.pk)
    return render(request, "evaluations/cycle_form.html", {"form": form, "section": SECTION})


@org_view
def cycle_detail(request: OrgRequest, cycle_id: int) -> HttpResponse:
    viewer = request.membership
    cycle = access_evaluation_cycle(viewer=viewer, cycle_id=cycle_id)
    return render(
        request,
        "evaluations/cycle_detail.html",
        {
            "cycle": cycle,
            "evaluations": selectors.evaluation_list(viewer=viewer, cycle_id=cycle.pk),
            "can_manage_cycles": rules.can_manage_cycles(viewer),
            "can_plan": cycle.is_open and selectors.evaluable_members(viewer=viewer).exists(),
            "section": SECTION,
        },
    )


@org_view
@require_POST
def cycle_close(request: OrgRequest, cycle_id: int) -> HttpResponse:
    cycle = access_evaluation_cycle(viewer=request.membership, cycle_id=cycle_id)
    try:
        services.cycle_close(actor=request.membership, cycle=cycle)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The cycle has been closed."))
    return redirect("evaluations:cycle-detail", request.organisation.slug, cycle.pk)


@org_view
def evaluation_create(request: OrgRequest, cycle_id: int) -> HttpResponse:
    viewer = request.membership
    cycle = access_evaluation_cycle(viewer=viewer, cycle_id=cycle_id)
    sellers = selectors.evaluable_members(viewer=viewer)
    if not sellers.exists():
        raise PermissionDenied(_("Only a manager can plan evaluations, for the people they manage."))
    form = EvaluationCreateForm(request.POST or None, sellers=sellers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evaluation = services.evaluation_create(
                actor=viewer, cycle=cycle, seller_id=data["seller"].pk, day=data["date"], at=data["time"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The evaluation has been planned."))
            return redirect("evaluations:detail", request.organisation.slug, evaluation.pk)
    return render(
        request, "evaluations/evaluation_create.html", {"form": form, "cycle": cycle, "section": SECTION}
    )


def _detail_context(request: OrgRequest, evaluation: Evaluation, **extra: Any) -> dict[str, Any]:
    viewer = request.membership
    return {
        "evaluation": evaluation,
        "can_read_content": rules.can_read_content(viewer, evaluation),
        "is_evaluator": rules.is_evaluator(viewer, evaluation),
        "can_edit": rules.can_edit_evaluation(viewer, evaluation),
        "can_schedule": rules.can_schedule_evaluation(viewer, evaluation),
        "can_share": rules.can_share_evaluation(viewer, evaluation),
        "can_reopen": rules.can_reopen_evaluation(viewer, evaluation),
        "can_respond": rules.can_respond_as_seller(viewer, evaluation),
        "is_seller": viewer.pk == evaluation.seller_id,
        "section": SECTION,
        **extra,
    }


@org_view
def evaluation_detail(request: OrgRequest, evaluation_id: int) -> HttpResponse:
    evaluation = access_evaluation(viewer=request.membership, evaluation_id=evaluation_id)
    comment_form = SellerCommentForm(initial={"seller_comment": evaluation.seller_comment})
    return render(
        request,
        "evaluations/evaluation_detail.html",
        _detail_context(request, evaluation, comment_form=comment_form),
    )


@org_view
def evaluation_edit(request: OrgRequest, evaluation_id: int) -> HttpResponse:
    viewer = request.membership
    evaluation = access_evaluation(viewer=viewer, evaluation_id=evaluation_id)
    if not rules.can_edit_evaluation(viewer, evaluation):
        raise PermissionDenied(
            _("Only the manager who writes this evaluation can change it, and only before it is shared.")
        )
    form = EvaluationForm(request.POST or None, evaluation=evaluation)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_update(
                actor=viewer,
                evaluation=evaluation,
                ratings=form.ratings(),
                comments=form.comments(),
                overall_comment=form.cleaned_data["overall_comment"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The evaluation has been saved."))
            return redirect("evaluations:detail", request.organisation.slug, evaluation.pk)
    return render(
        request,
        "evaluations/evaluation_edit.html",
        {"form": form, "evaluation": evaluation, "section": SECTION},
    )


@org_view
def evaluation_schedule(request: OrgRequest, evaluation_id: int) -> HttpResponse:
    viewer = request.membership
    evaluation = access_evaluation(viewer=viewer, evaluation_id=evaluation_id)
    if not rules.can_schedule_evaluation(viewer, evaluation):
        raise PermissionDenied(
            _("Only the manager who writes this evaluation can move it, until it is signed.")
        )
    local = timezone.localtime(evaluation.scheduled_for)
    form = ScheduleForm(request.POST or None, initial={"date": local.date(), "time": local.time()})
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_schedule(
                actor=viewer,
                evaluation=evaluation,
                day=form.cleaned_data["date"],
                at=form.cleaned_data["time"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The evaluation meeting has been moved."))
            return redirect("evaluations:detail", request.organisation.slug, evaluation.pk)
    return render(
        request,
        "evaluations/evaluation_schedule.html",
        {"form": form, "evaluation": evaluation, "section": SECTION},
    )


def _action(
    request: OrgRequest, evaluation_id: int, service: Callable[..., Evaluation], done: str, **kwargs: Any
) -> HttpResponse:
    evaluation = access_evaluation(viewer=request.membership, evaluation_id=evaluation_id)
    try:
        service(actor=request.membership, evaluation=evaluation, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("evaluations:detail", request.organisation.slug, evaluation.pk)


@org_view
@require_POST
def evaluation_share(request: OrgRequest, evaluation_id: int) -> HttpResponse:
    return _action(
        request,
        evaluation_id,
        services.evaluation_share,
        _("The evaluation has been shared with the seller."),
    )


@org_view
@require_POST
def evaluation_reopen(request: OrgRequest, evaluation_id: int) -> HttpResponse:
    return _action(
        request, evaluation_id, services.evaluation_reopen, _("You can change the evaluation again.")
    )


@org_view
@require_POST
def evaluation_comment(request: OrgRequest, evaluation_id: int) -> HttpResponse:
    form = SellerCommentForm(request.POST)
    text = form.cleaned_data["seller_comment"] if form.is_valid() else request.POST.get("seller_comment", "")
    return _action(
        request,
        evaluation_id,
        services.evaluation_seller_comment,
        _("Your comments have been saved."),
        text=text,
    )


@org_view
@require_POST
def evaluation_sign(request: OrgRequest, evaluation_id: int) -> HttpResponse:
    return _action(request, evaluation_id, services.evaluation_sign, _("You have signed the evaluation."))
