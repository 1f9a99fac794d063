"""Results in the JSON API: the same figures as the dashboards, deals, targets and the
funnel, as the caller may see them (a coach: only agreed indicators, never deals)."""

# No "from __future__ import annotations" here: django-ninja reads the annotations at run time.

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from salescoach.api.auth import viewer
from salescoach.api.schemas import ErrorOut
from salescoach.organisations.models import Membership, Team
from salescoach.privacy.access import (
    access_funnel_stage,
    access_opportunity,
    access_results_member,
    access_results_team,
)
from salescoach.results import rules, selectors
from salescoach.results.models import Opportunity, Target
from salescoach.results.periods import Period, parse_period, quarter_of
from salescoach.results.selectors import Dashboard, Figures, Person

router = Router(tags=["results"])

ERRORS: dict[int, Any] = {400: ErrorOut, 404: ErrorOut}


# --- shapes ----------------------------------------------------------------------------------


class TeamRef(Schema):
    id: int
    name: str


class PersonRef(Schema):
    id: int
    full_name: str
    email: str
    team: TeamRef | None


class FiguresOut(Schema):
    target_amount: Decimal | None
    target_count: int | None
    won_amount: Decimal
    won_count: int
    lost_count: int
    attainment_pct: Decimal | None
    count_attainment_pct: Decimal | None
    open_amount: Decimal
    open_count: int
    weighted_pipeline: Decimal
    forecast: Decimal
    forecast_pct: Decimal | None
    coverage: Decimal | None
    win_rate_pct: Decimal | None
    average_deal_size: Decimal | None
    cycle_days: Decimal | None
    unconverted_deals: int


class PersonFiguresOut(Schema):
    person: PersonRef
    figures: FiguresOut


class StageOut(Schema):
    id: int
    name: str
    kind: str
    probability: int
    position: int


class StageFiguresOut(Schema):
    stage: StageOut
    count: int
    amount: Decimal
    weighted: Decimal


class MonthOut(Schema):
    period: str
    won_amount: Decimal
    forecast: Decimal
    target_amount: Decimal | None


class TeamFiguresOut(Schema):
    team: TeamRef | None
    people: int
    figures: FiguresOut


class DashboardOut(Schema):
    period: str
    start: date
    end: date
    currency: str
    team: TeamRef | None
    person: PersonRef | None
    total: FiguresOut
    people: list[PersonFiguresOut]
    teams: list[TeamFiguresOut]
    funnel: list[StageFiguresOut]
    months: list[MonthOut]


class StageChangeOut(Schema):
    stage: str
    crm_stage: str
    entered_on: date
    source: str


class OpportunityOut(Schema):
    id: int
    crm_id: str
    name: str
    account: str
    owner: PersonRef
    stage: str
    crm_stage: str
    status: str
    amount: Decimal | None
    currency: str
    probability: int | None
    effective_probability: int
    created_date: date | None
    close_date: date
    lost_reason: str


class OpportunityDetailOut(OpportunityOut):
    history: list[StageChangeOut]


class TargetOut(Schema):
    person: PersonRef
    period: str
    amount: Decimal | None
    count: int | None
    currency: str


class FunnelStageOut(StageOut):
    crm_names: list[str]


class FunnelOut(Schema):
    currency: str
    stages: list[FunnelStageOut]


class CoacheeOut(Schema):
    person: PersonRef
    indicators: dict[str, Decimal | int | None]


class DashboardFilters(Schema):
    period: str | None = None
    team: int | None = None


class OpportunityFilters(Schema):
    period: str | None = None
    team: int | None = None
    owner: int | None = None
    stage: int | None = None
    status: str | None = None
    q: str | None = None


# --- helpers ---------------------------------------------------------------------------------


def _optional_period(text: str | None) -> Period | None:
    if not text:
        return None
    found = parse_period(text)
    if found is None:
        raise HttpError(
            400, _("Write the period as 2026-03 (a month), 2026-Q1 (a quarter) or 2026 (a year).")
        )
    return found


def _period(text: str | None) -> Period:
    """The period asked for; this quarter by default."""
    return _optional_period(text) or quarter_of(timezone.localdate())


def _team(team: Team | None) -> dict[str, Any] | None:
    return {"id": team.pk, "name": team.name} if team else None


def _person(member: Membership) -> dict[str, Any]:
    return {
        "id": member.pk,
        "full_name": member.user.full_name,
        "email": member.user.email,
        "team": _team(member.team),
    }


def _listed(person: Person) -> dict[str, Any]:
    team = {"id": person.team_id, "name": person.team_name} if person.team_id else None
    return {"id": person.pk, "full_name": person.full_name, "email": person.email, "team": team}


def _figures(f: Figures) -> dict[str, Any]:
    return {
        "target_amount": f.target_amount,
        "target_count": f.target_count,
        "won_amount": f.won_amount,
        "won_count": f.won_count,
        "lost_count": f.lost_count,
        "attainment_pct": f.attainment,
        "count_attainment_pct": f.count_attainment,
        "open_amount": f.open_amount,
        "open_count": f.open_count,
        "weighted_pipeline": f.weighted,
        "forecast": f.forecast,
        "forecast_pct": f.forecast_attainment,
        "coverage": f.coverage,
        "win_rate_pct": f.win_rate,
        "average_deal_size": f.average_deal_size,
        "cycle_days": f.cycle_days,
        "unconverted_deals": f.unconverted,
    }


def _stage(stage: Any) -> dict[str, Any]:
    return {
        "id": stage.pk,
        "name": stage.name,
        "kind": stage.kind,
        "probability": stage.probability,
        "position": stage.position,
    }


def _dashboard(data: Dashboard) -> dict[str, Any]:
    return {
        "period": data.period.key,
        "start": data.period.start,
        "end": data.period.end,
        "currency": data.currency,
        "team": _team(data.team),
        "person": _person(data.member) if data.member else None,
        "total": _figures(data.total),
        "people": [{"person": _listed(p.member), "figures": _figures(p.figures)} for p in data.people],
        "teams": [
            {
                "team": {"id": t.team_id, "name": t.name} if t.team_id else None,
                "people": t.people,
                "figures": _figures(t.figures),
            }
            for t in data.teams
        ],
        "funnel": [
            {"stage": _stage(s.stage), "count": s.count, "amount": s.amount, "weighted": s.weighted}
            for s in data.stages
        ],
        "months": [
            {
                "period": m.period.key,
                "won_amount": m.won_amount,
                "forecast": m.forecast,
                "target_amount": m.target_amount,
            }
            for m in data.months
        ],
    }


def _opportunity(deal: Opportunity) -> dict[str, Any]:
    return {
        "id": deal.pk,
        "crm_id": deal.crm_id,
        "name": deal.name,
        "account": deal.account_name,
        "owner": _person(deal.owner),
        "stage": deal.stage.name,
        "crm_stage": deal.crm_stage,
        "status": deal.status,
        "amount": deal.amount,
        "currency": deal.currency,
        "probability": deal.probability,
        "effective_probability": deal.effective_probability,
        "created_date": deal.created_date,
        "close_date": deal.close_date,
        "lost_reason": deal.lost_reason,
    }


# --- endpoints -------------------------------------------------------------------------------


@router.get("/dashboard", response={200: DashboardOut, **ERRORS})
def dashboard(request: HttpRequest, filters: Query[DashboardFilters]) -> Any:
    """The figures of everyone whose results you may read (the organisation for a
    programme owner, your team for a manager, yourself for a seller), per person, per
    stage and per month, for a period (default: this quarter). ``team`` narrows it to one team."""
    actor = viewer(request)
    team = access_results_team(viewer=actor, team_id=filters.team) if filters.team is not None else None
    return _dashboard(selectors.dashboard(viewer=actor, period=_period(filters.period), team=team))


@router.get("/teams/{team_id}", response={200: DashboardOut, **ERRORS})
def team_dashboard(request: HttpRequest, team_id: int, period: str | None = None) -> Any:
    actor = viewer(request)
    team = access_results_team(viewer=actor, team_id=team_id)
    return _dashboard(selectors.dashboard(viewer=actor, period=_period(period), team=team))


@router.get("/people/{member_id}", response={200: DashboardOut, **ERRORS})
def person_dashboard(request: HttpRequest, member_id: int, period: str | None = None) -> Any:
    actor = viewer(request)
    member = access_results_member(viewer=actor, member_id=member_id)
    return _dashboard(selectors.dashboard(viewer=actor, period=_period(period), member=member))


@router.get("/opportunities", response=list[OpportunityOut])
@paginate(LimitOffsetPagination)
def opportunity_list(request: HttpRequest, filters: Query[OpportunityFilters]) -> Any:
    """Deals of the people whose results you may read, ordered by close date."""
    actor = viewer(request)
    deals = selectors.opportunity_list(
        viewer=actor,
        period=_optional_period(filters.period),
        team=access_results_team(viewer=actor, team_id=filters.team) if filters.team is not None else None,
        owner=access_results_member(viewer=actor, member_id=filters.owner)
        if filters.owner is not None
        else None,
        stage=access_funnel_stage(viewer=actor, stage_id=filters.stage)
        if filters.stage is not None
        else None,
        status=filters.status or None,
        search=filters.q or None,
    ).select_related("owner__team")
    return [_opportunity(d) for d in deals]


@router.get("/opportunities/{opportunity_id}", response={200: OpportunityDetailOut, **ERRORS})
def opportunity_detail(request: HttpRequest, opportunity_id: int) -> Any:
    deal = access_opportunity(viewer=viewer(request), opportunity_id=opportunity_id)
    data = _opportunity(deal)
    data["history"] = [
        {"stage": c.stage.name, "crm_stage": c.crm_stage, "entered_on": c.entered_on, "source": c.source}
        for c in deal.stage_changes.select_related("stage").order_by("entered_on", "pk")
    ]
    return data


@router.get("/targets", response=list[TargetOut])
@paginate(LimitOffsetPagination)
def target_list(request: HttpRequest, filters: Query[DashboardFilters]) -> Any:
    """Targets of the people whose results you may read; with ``period``, those whose
    month or quarter starts in it."""
    actor = viewer(request)
    targets = selectors.target_list(
        viewer=actor,
        period=_optional_period(filters.period),
        team=access_results_team(viewer=actor, team_id=filters.team) if filters.team is not None else None,
    ).select_related("member__team")
    return [_target(t) for t in targets]


def _target(target: Target) -> dict[str, Any]:
    period = Period(target.period_start, target.period_kind)
    return {
        "person": _person(target.member),
        "period": period.key,
        "amount": target.amount,
        "count": target.count,
        "currency": target.currency,
    }


@router.get("/funnel", response=FunnelOut)
def funnel(request: HttpRequest) -> Any:
    """The organisation's stages in order, their default probability and the CRM stage
    names mapped onto them."""
    from salescoach.results.services import results_settings_get

    actor = viewer(request)
    return {
        "currency": results_settings_get(organisation=actor.organisation).currency,
        "stages": [
            {**_stage(s), "crm_names": [a.name for a in s.aliases.all()]}
            for s in selectors.funnel_stage_list(viewer=actor)
        ],
    }


@router.get("/coachees", response=list[CoacheeOut])
def coachees(request: HttpRequest, period: str | None = None) -> Any:
    """For a coach: per coachee, only the result indicators their triad agreement names
    (none until such agreements exist). Never deals."""
    actor = viewer(request)
    if not rules.can_view_results(actor):
        return []
    return [
        {"person": _person(member), "indicators": indicators}
        for member, indicators in selectors.coach_results(viewer=actor, period=_period(period))
    ]
