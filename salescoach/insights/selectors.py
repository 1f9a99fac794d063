"""Reads for Insights: the adapter from the results and coaching tables to the
statistics core, and the figures as a viewer may see them.

The core (``salescoach.insights.stats``) knows nothing of Django; this module builds its
input and applies the organisation's privacy threshold.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
from django.db.models import F

from salescoach.insights import data
from salescoach.insights.stats.panel import DIMENSIONS, NEVER, Panel, panel_from_arrays
from salescoach.insights.stats.release import ImpactRelease, impact_release
from salescoach.insights.stats.report import empty_report
from salescoach.organisations.models import Membership, Organisation, Team
from salescoach.results.cache import remembered

METRICS = ("attainment", "win_rate", "cycle_length")


def impact_panel(*, organisation: Organisation, loaded: data.ReadResults | None = None) -> Panel | None:
    """The impact estimator's input for one organisation (None when it has no sellers),
    one query per source (salescoach/insights/data.py does the reading).

    Everything is scoped to ``organisation``; periods are calendar months,
    ``year * 12 + month - 1`` (see ``stats.panel.month_index``):

    1. Sellers -- active memberships with a coachee role (seller, non-sales professional),
       the panel's rows in id order, with their team, the team's programme and its
       coaching model (``data.programme_of_team``) as the filter attributes.
       Coaching start, in the same query as a subquery: the earliest ``started_on`` of the
       seller's coaching relationships (any coach, any status except ones that ended on
       or before the day they were to start) -> its month; never when there is none. Only
       the fact and date that coaching started are read -- no coaching content.
    2. Targets per seller and month (quarter targets spread evenly over their three
       months, a month's own target first), in the reporting currency.
    3. Closed deals per seller and month of the close date, from the monthly summary the
       results app keeps (``results.MonthlyResult``): won amount in the reporting currency
       (deals without an exchange rate are left out of amounts, as the results dashboards
       do), won, lost, and the summed sales-cycle days of the won ones.

    Months without a target have no attainment (missing, not zero); months without closed
    deals have no win rate or cycle length.
    """
    found = data.sellers(organisation.pk)
    if not found:
        return None
    records = data.seller_records(found)
    ids = np.array([s.pk for s in found], dtype=np.int64)  # sorted: data.sellers orders by pk
    found_results = loaded() if loaded else data.results(organisation.pk)
    targets, deals = found_results.targets, found_results.deals
    closed = deals[(deals[:, 3] + deals[:, 4]) > 0]
    months = np.concatenate([targets[:, 1], closed[:, 1]])
    months = months[np.isin(np.concatenate([targets[:, 0], closed[:, 0]]), ids)]
    first, last = (int(months.min()), int(months.max())) if months.size else (0, -1)
    sums = found_results.sums(ids, first, last, closed_only=True)
    starts = [r.coaching_start for r in records]
    return panel_from_arrays(
        seller_ids=ids,
        first_period=first,
        start=np.array([NEVER if m is None else m - first for m in starts], dtype=np.int64),
        target=np.where((sums["has_target"] > 0) & (sums["target"] > 0), sums["target"], np.nan),
        won_amount=sums["won_amount"],
        won=sums["won"],
        lost=sums["lost"],
        won_cycle_days=sums["won_cycle_days"],
        attributes={d: [getattr(r, d) for r in records] for d in DIMENSIONS},
    )


def team_impact(*, viewer: Membership, team: Team, metric: str) -> dict[str, Any]:
    """The coaching impact on ``metric`` for ``team``, in the API's contract shape.

    The caller has checked access (``access_team_insights``). The figures are decided for
    the whole organisation at once, the same for every viewer, so that no combination of
    answers reveals a group below ``min_group_size``.
    """
    release = organisation_impact(organisation=team.organisation, metric=metric)
    return release.report({"team": team.pk}) if release else empty_report(metric)


def organisation_impact(
    *,
    organisation: Organisation,
    metric: str,
    read_panel: Callable[[], Panel | None] | None = None,
) -> ImpactRelease | None:
    """Every impact figure of the organisation for ``metric``, decided together (None
    without sellers); remembered until the results change (``salescoach.results.cache``).
    ``read_panel`` shares one panel between metrics."""
    minimum = max(3, organisation.min_group_size)

    def compute() -> ImpactRelease | None:
        panel = read_panel() if read_panel else impact_panel(organisation=organisation)
        if panel is None:
            return None
        # The family (every figure's members) decided it; the figures alone are kept.
        return replace(impact_release(panel, metric, min_group_size=minimum), family=())

    return remembered(organisation.pk, f"insights:impact:{metric}:{minimum}", compute)


def coach_effectiveness(
    *,
    organisation: Organisation,
    coach: Membership,
    metrics: tuple[str, ...] = METRICS,
    months: list[int] | None = None,
) -> dict[str, Any]:
    """How a coach's coachees changed since their coaching started, against sellers of the
    organisation not yet coached in the same months (the impact estimator, with only this
    coach's coachees counted as coached), and their leading indicators next to every
    coached seller's.

    For the coach themselves and the programme owner (the caller checked access), and for
    the programmes issue's senior-seller bonus, which may call this directly. A coach
    with fewer coachees than the organisation's minimum group size gets no figures at all
    (``insufficient_data``, no counts): a figure about one or two coachees would be a
    figure about those people.
    """
    import numpy as np

    from salescoach.coaching.models import CoachingRelationship
    from salescoach.insights.stats.impact import estimate_impact
    from salescoach.insights.stats.report import figure

    minimum = max(3, organisation.min_group_size)
    coachee_ids = set(
        CoachingRelationship.objects.filter(organisation_id=organisation.pk, coach_id=coach.pk)
        .exclude(ended_on__isnull=False, ended_on__lte=F("started_on"))
        .values_list("coachee_id", flat=True)
    )
    result: dict[str, Any] = {
        "coach": {"id": coach.pk, "name": coach.full_name},
        "coachees": len(coachee_ids) if len(coachee_ids) >= minimum else None,
        "metrics": {},
        "leading": {},
    }
    enough = len(coachee_ids) >= minimum
    panel = impact_panel(organisation=organisation) if enough else None
    for metric in metrics:
        if panel is None:
            result["metrics"][metric] = _insufficient(metric, len(coachee_ids) >= minimum)
            continue
        treatable = np.isin(panel.seller_ids, list(coachee_ids))
        est = estimate_impact(panel, metric, treatable=treatable)
        n_coached = int(est.n_coached[0, 0])
        n_comparison = int(est.n_comparison[0, 0])
        shown = n_coached >= minimum and n_comparison >= minimum
        result["metrics"][metric] = figure(
            metric,
            estimate=float(est.estimate[0, 0]),
            se=float(est.se[0, 0]),
            df=float(est.df[0, 0]),
            n_coached=n_coached,
            n_comparison=n_comparison,
            shown=shown,
        )
    result["leading"] = _coach_leading(organisation, coachee_ids, minimum, months) if enough else {}
    return result


def _insufficient(metric: str, show_counts: bool) -> dict[str, Any]:
    from salescoach.insights.stats.report import figure

    return figure(
        metric,
        estimate=float("nan"),
        se=float("nan"),
        df=float("nan"),
        n_coached=0,
        n_comparison=0,
        shown=show_counts,
    )


def _coach_leading(
    organisation: Organisation, coachee_ids: set[int], minimum: int, months: list[int] | None
) -> dict[str, Any]:
    """Coaching hours per coached month and the share of sessions found useful, for the
    coach's coachees and for every coached seller of the organisation, over ``months``
    (default the last twelve). Aggregates of at least ``minimum`` sellers only."""
    from salescoach.insights.indicators import month_range

    shown = months or month_range()
    lo, hi = shown[0], shown[-1]
    coached: dict[int, set[int]] = {}
    for seller, spans in data.coached_months(organisation.pk).items():
        for start, end in spans:
            for m in range(max(start, lo), min(end if end is not None else hi, hi) + 1):
                coached.setdefault(seller, set()).add(m)
    hours: dict[int, float] = {}
    rated: dict[int, tuple[int, int]] = {}
    for seller, month, value, count, useful in data.session_months(organisation.pk, since=lo):
        if month <= hi:
            hours[seller] = hours.get(seller, 0.0) + value
            r, u = rated.get(seller, (0, 0))
            rated[seller] = (r + count, u + useful)

    def summary(ids: set[int]) -> dict[str, Any]:
        months_coached = sum(len(coached.get(i, ())) for i in ids)
        with_months = [i for i in ids if coached.get(i)]
        with_ratings = [i for i in ids if rated.get(i, (0, 0))[0]]
        r = sum(rated[i][0] for i in with_ratings)
        return {
            "coaching_hours": round(sum(hours.get(i, 0.0) for i in with_months) / months_coached, 2)
            if len(with_months) >= minimum and months_coached
            else None,
            "usefulness": round(sum(rated[i][1] for i in with_ratings) / r, 3)
            if len(with_ratings) >= minimum and r
            else None,
        }

    return {"coachees": summary(coachee_ids), "all_coached": summary(set(coached))}


def impact_reports(
    *,
    organisation: Organisation,
    filters: dict[str, Any] | None = None,
    metrics: tuple[str, ...] = METRICS,
    loaded: data.ReadResults | None = None,
) -> list[dict[str, Any]]:
    """The impact figures of one selection for several metrics (one panel for all)."""
    panel = functools.cache(functools.partial(impact_panel, organisation=organisation, loaded=loaded))
    releases = [organisation_impact(organisation=organisation, metric=m, read_panel=panel) for m in metrics]
    return [
        release.report(filters or {}) if release else empty_report(metric)
        for metric, release in zip(metrics, releases, strict=True)
    ]


def insights_report(
    *, viewer: Membership, team: Team | None, months: list[int] | None = None
) -> dict[str, Any]:
    """Everything an insights page shows for the organisation (``team`` None: the programme
    owner) or one team (the caller checked access): the impact of coaching on each metric
    with its bands, and the indicators by month -- for the organisation also by band and
    per team. The page, its CSV and its PDF all render this."""
    from salescoach.insights import indicators as ind
    from salescoach.insights.presentation import impact_summary, indicator_rows, month_key

    organisation = viewer.organisation
    filters: dict[str, Any] = {"team": team.pk} if team is not None else {}
    # Targets and deals are read once, for the impact figures and the indicators alike.
    loaded = functools.cache(functools.partial(data.results, organisation.pk))
    found = (
        ind.team_indicators(viewer=viewer, team=team, months=months, loaded=loaded)
        if team is not None
        else ind.org_indicators(viewer=viewer, months=months, loaded=loaded)
    )
    impacts = [
        impact_summary(r) for r in impact_reports(organisation=organisation, filters=filters, loaded=loaded)
    ]
    for impact in impacts:
        impact["bands"] = [
            {"band": band, **impact_summary({**impact["by_band"][band]})}
            for band in ("top", "core", "bottom")
        ]
    bands = []
    teams: list[dict[str, Any]] = []
    if team is None:
        from salescoach.insights.presentation import BAND_LABELS

        bands = [
            {"band": band, "label": BAND_LABELS[band], "rows": indicator_rows(found, {}, band)}
            for band in ("top", "core", "bottom")
        ]
        teams = [{"team": t} for t in Team.objects.filter(organisation=organisation).order_by("name")]
    return {
        "team": team,
        "months": found.months,
        "month_keys": [month_key(m) for m in found.months],
        "min_group_size": found.release.min_group_size,
        "cadence": found.cadence,
        "indicators": found,
        "rows": indicator_rows(found, filters),
        "bands": bands,
        "teams": teams,
        "impacts": impacts,
        "filters": filters,
    }
