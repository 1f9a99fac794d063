"""Pages of the craft app: the practice page, the live analysis fragment, the coach's own
trend, the programme owner's overview and the non-sales intake. Thin: access, validate,
one service call, render."""

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
from salescoach.craft import analyser, selectors, services
from salescoach.craft.forms import IntakeForm, PracticeForm
from salescoach.craft.intake import FOCUS_TEXT, ITEMS, ORDER, QUESTIONS, level
from salescoach.craft.models import Blockade, StyleSource
from salescoach.craft.presentation import present
from salescoach.craft.throttle import allow_analysis
from salescoach.privacy import rules
from salescoach.privacy.access import access_intake
from salescoach.privacy.services import audit_reads


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _language(value: str | None) -> str | None:
    return value if value in {"nl", "en"} else None


@org_view
def practice(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    _require(rules.can_practise_coaching(viewer), _("The practice page is for coaches."))
    form = PracticeForm(request.POST or None)
    analysis = None
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        language = _language(form.cleaned_data["language"])
        if request.POST.get("action") == "save":
            try:
                sample = services.style_sample_record(
                    actor=viewer, text=text, language=language, source=StyleSource.PRACTICE
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Kept for your trend: %(open)s open, %(closed)s closed, %(directives)s telling. "
                        "Your text itself has not been stored."
                    )
                    % {
                        "open": sample.open_questions,
                        "closed": sample.closed_questions,
                        "directives": sample.directives,
                    },
                )
                return redirect("craft:practice", request.organisation.slug)
        else:
            try:
                analysis = present(services.analyse_text(text=text, language=language))
            except ValidationError as error:
                add_service_error(form, error)
    return render(
        request,
        "craft/practice.html",
        {
            "form": form,
            "analysis": analysis,
            "recent": selectors.style_recent(viewer=viewer),
            "section": "craft-practice",
        },
    )


@org_view
@require_POST
def analyse(request: OrgRequest) -> HttpResponse:
    """The live analysis fragment of the style assistant component (HTMX)."""
    allowed, retry_after = allow_analysis(request.user.pk or 0)
    if not allowed:
        response = render(
            request,
            "craft/partials/analysis.html",
            {"problem": _("Many analyses in a short time; the assistant pauses for a moment.")},
            status=429,
        )
        response["Retry-After"] = str(retry_after)
        return response
    text = request.POST.get("text", "")
    try:
        result = services.analyse_text(text=text, language=_language(request.POST.get("language")))
    except ValidationError as error:
        return render(request, "craft/partials/analysis.html", {"problem": " ".join(error.messages)})
    view = present(result)
    # While the field is still empty the invitation to start writing says more than a notice.
    problem = None if result.status == analyser.EMPTY else view.problem
    return render(request, "craft/partials/analysis.html", {"analysis": view, "problem": problem})


def _chart(values: list[float | None], width: int = 600, height: int = 120) -> dict[str, Any]:
    """Points of a line chart of ratios (0-1) for an SVG; months without data are left out."""
    step = width / max(len(values) - 1, 1)
    dots = [
        (round(index * step), round(height - value * height))
        for index, value in enumerate(values)
        if value is not None
    ]
    return {"polyline": " ".join(f"{x},{y}" for x, y in dots), "dots": dots}


@org_view
def trend(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    _require(rules.can_practise_coaching(viewer), _("The coaching-style trend is for coaches."))
    rows = selectors.style_trend(viewer=viewer)
    return render(
        request,
        "craft/trend.html",
        {
            "rows": rows,
            "chart": _chart([row.ask_ratio for row in rows]),
            "has_data": any(row.texts for row in rows),
            "section": "craft-practice",
        },
    )


@org_view
def overview(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    _require(rules.can_view_style_overview(viewer), _("Only a programme owner can see this overview."))
    result = selectors.style_overview(viewer=viewer)
    return render(
        request,
        "craft/overview.html",
        {
            "overview": result,
            "chart": _chart([row.ask_ratio if row.texts else None for row in result.rows]),
            "section": "craft-overview",
        },
    )


# --- the intake for non-sales professionals ------------------------------------------------


@org_view
def intake_home(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    _require(rules.can_take_intake(viewer), _("The intake is for professionals who are asked to sell."))
    status = selectors.intake_status(viewer=viewer)
    return render(request, "craft/intake_home.html", {"status": status, "section": "craft-intake"})


@org_view
def intake_take(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    _require(rules.can_take_intake(viewer), _("The intake is for professionals who are asked to sell."))
    status = selectors.intake_status(viewer=viewer)
    form = IntakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            intake = services.intake_submit(actor=viewer, answers=form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you. Here is your result."))
            return redirect("craft:intake-detail", request.organisation.slug, intake.pk)
    groups = [
        (blockade, [form[item.key] for item in ITEMS if item.blockade == blockade]) for blockade in ORDER
    ]
    return render(
        request,
        "craft/intake_form.html",
        {"form": form, "groups": groups, "status": status, "section": "craft-intake"},
    )


@org_view
def intake_detail(request: OrgRequest, intake_id: int) -> HttpResponse:
    intake = access_intake(viewer=request.membership, intake_id=intake_id)
    # The coach reading a coachee's intake is on the coachee's access log.
    audit_reads(viewer=request.membership, objects=[intake, intake.baseline], via="page")
    baseline = intake.baseline
    blockades = []
    for blockade in ORDER:
        value = intake.score(blockade)
        before = baseline.score(blockade) if baseline else None
        blockades.append(
            {
                "key": blockade,
                "name": Blockade(blockade).label,
                "score": value,
                "level": level(value),
                "before": before,
                "change": None if before is None else value - before,
                "change_abs": None if before is None else abs(value - before),
                "is_focus": blockade == intake.focus,
                "questions": QUESTIONS[blockade],
            }
        )
    own = intake.coachee_id == request.membership.pk
    return render(
        request,
        "craft/intake_detail.html",
        {
            "intake": intake,
            "blockades": blockades,
            "focus_text": FOCUS_TEXT[intake.focus],
            "focus_name": Blockade(intake.focus).label,
            "own": own,
            "section": "craft-intake" if own else "",
        },
    )
