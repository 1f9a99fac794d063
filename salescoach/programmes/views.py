"""The coaching-model advisor page."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from salescoach.core.http import OrgRequest, org_view
from salescoach.organisations.selectors import team_list
from salescoach.privacy import rules
from salescoach.privacy.access import access_team
from salescoach.programmes.advisor import DEFAULT_CADENCE_HOURS, AdvisorInputError, advise
from salescoach.programmes.forms import AdvisorForm
from salescoach.programmes.selectors import team_profile


@org_view
def advisor(request: OrgRequest) -> HttpResponse:
    if not rules.can_use_advisor(request.membership):
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
    return render(
        request,
        "programmes/advisor.html",
        {
            "form": form,
            "advice": advice,
            "team": team,
            "teams": team_list(viewer=request.membership),
            "section": "programmes",
        },
    )
