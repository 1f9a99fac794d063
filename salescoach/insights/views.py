"""Insights pages: the organisation's and a team's figures (with CSV and PDF), a seller's
own timeline, a coach's effectiveness. Thin: access, one selector, render."""

from __future__ import annotations

import csv
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from salescoach.core.http import OrgRequest, org_view
from salescoach.insights import rules, selectors
from salescoach.insights.pdf import render_pdf
from salescoach.insights.presentation import chart_data, csv_rows, timeline_chart
from salescoach.insights.timeline import coachee_list, seller_timeline
from salescoach.organisations.models import Team
from salescoach.privacy.access import access_effectiveness_coach, access_team_insights, access_timeline_member
from salescoach.results.periods import add_months, parse_period
from salescoach.results.presentation import safe_cell

SECTION = "insights"


def _until(request: OrgRequest) -> int | None:
    found = parse_period(request.GET.get("period", ""))
    if found is None:
        return None
    last = add_months(found.end, -1)
    return last.year * 12 + last.month - 1


def _months(request: OrgRequest) -> list[int] | None:
    from salescoach.insights.indicators import month_range

    until = _until(request)
    return month_range(until) if until is not None else None


def _period_key(months: list[int]) -> str:
    last = months[-1]
    return f"{last // 12}-{last % 12 + 1:02d}"


@org_view
def home(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    from salescoach.results.selectors import results_team_list

    teams = [t for t in results_team_list(viewer=viewer) if rules.can_view_team_insights(viewer, t)]
    from salescoach.coaching.models import CoachingRelationship

    is_coach = CoachingRelationship.objects.filter(coach_id=viewer.pk).exists()
    return render(
        request,
        "insights/home.html",
        {
            "section": SECTION,
            "teams": teams,
            "can_view_org": rules.can_view_org_insights(viewer),
            "coachees": list(coachee_list(viewer)),
            "is_coach": is_coach,
        },
    )


def _scope_context(request: OrgRequest, team: Team | None) -> dict[str, Any]:
    report = selectors.insights_report(viewer=request.membership, team=team, months=_months(request))
    return {
        "section": SECTION,
        "report": report,
        "chart": chart_data(report),
        "period_key": _period_key(report["months"]),
        "generated": timezone.localdate(),
    }


def _org_scope(request: OrgRequest) -> None:
    if not rules.can_view_org_insights(request.membership):
        raise PermissionDenied(rules.TEAM_INSIGHTS_DENIED)


@org_view
def organisation(request: OrgRequest) -> HttpResponse:
    _org_scope(request)
    return render(request, "insights/figures.html", _scope_context(request, None))


@org_view
def team(request: OrgRequest, team_id: int) -> HttpResponse:
    found = access_team_insights(viewer=request.membership, team_id=team_id)
    return render(request, "insights/figures.html", _scope_context(request, found))


def _csv(request: OrgRequest, team: Team | None) -> HttpResponse:
    context = _scope_context(request, team)
    report = context["report"]
    slots = ["all"] if team is not None else ["all", "top", "core", "bottom"]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    scope = f"team-{team.pk}" if team is not None else "organisation"
    response["Content-Disposition"] = (
        f'attachment; filename="salescoach-insights-{scope}-{context["period_key"]}.csv"'
    )
    response.write("\ufeff")  # lets Excel recognise UTF-8
    rows = csv_rows(report["indicators"], report["impacts"], report["filters"], slots)
    csv.writer(response).writerows([[safe_cell(cell) for cell in row] for row in rows])
    return response


@org_view
def organisation_csv(request: OrgRequest) -> HttpResponse:
    _org_scope(request)
    return _csv(request, None)


@org_view
def team_csv(request: OrgRequest, team_id: int) -> HttpResponse:
    return _csv(request, access_team_insights(viewer=request.membership, team_id=team_id))


def _pdf(request: OrgRequest, team: Team | None) -> HttpResponse:
    context = _scope_context(request, team)
    pdf = render_pdf(request, "insights/report_pdf.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    scope = f"team-{team.pk}" if team is not None else "organisation"
    response["Content-Disposition"] = (
        f'inline; filename="salescoach-insights-{scope}-{context["period_key"]}.pdf"'
    )
    return response


@org_view
def organisation_pdf(request: OrgRequest) -> HttpResponse:
    _org_scope(request)
    return _pdf(request, None)


@org_view
def team_pdf(request: OrgRequest, team_id: int) -> HttpResponse:
    return _pdf(request, access_team_insights(viewer=request.membership, team_id=team_id))


@org_view
def timeline(request: OrgRequest, member_id: int) -> HttpResponse:
    seller = access_timeline_member(viewer=request.membership, member_id=member_id)
    found = seller_timeline(viewer=request.membership, seller=seller, until=_until(request))
    return render(
        request,
        "insights/timeline.html",
        {"section": SECTION, "timeline": found, "chart": timeline_chart(found), "own": found.own},
    )


@org_view
def coach(request: OrgRequest, member_id: int) -> HttpResponse:
    found = access_effectiveness_coach(viewer=request.membership, member_id=member_id)
    from salescoach.insights.presentation import impact_summary

    result = selectors.coach_effectiveness(
        organisation=request.organisation, coach=found, months=_months(request)
    )
    metrics = [impact_summary(report) for report in result["metrics"].values()]
    return render(
        request,
        "insights/coach.html",
        {"section": SECTION, "coach": found, "result": result, "metrics": metrics},
    )
