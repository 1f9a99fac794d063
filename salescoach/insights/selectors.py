"""Reads for Insights: the adapter from the results and coaching tables to the
statistics core, and the figures as a viewer may see them.

The core (``salescoach.insights.stats``) knows nothing of Django; this module builds its
input and applies the organisation's privacy threshold.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F

from salescoach.insights import data
from salescoach.insights.stats.panel import SellerPeriod, SellerRecord, build_panel
from salescoach.insights.stats.release import impact_release
from salescoach.insights.stats.report import empty_report
from salescoach.organisations.models import Membership, Organisation, Team

METRICS = ("attainment", "win_rate", "cycle_length")


def impact_data(
    *, organisation: Organisation, loaded: data.Results | None = None
) -> tuple[list[SellerRecord], list[SellerPeriod]]:
    """The impact estimator's input for one organisation: one query per source
    (salescoach/insights/data.py does the reading).

    Everything is scoped to ``organisation``; periods are calendar months,
    ``year * 12 + month - 1`` (see ``stats.panel.month_index``):

    1. Sellers -- active memberships with a coachee role (seller, non-sales professional):
       ``id`` -> ``SellerRecord.seller_id``; ``team_id`` -> ``team``; the team's programme
       id -> ``programme`` and the programme's coaching model -> ``coaching_model`` (both
       from the team's programme: ``data.programme_of_team``).
       Coaching start, in the same query as a subquery: the earliest ``started_on`` of the
       seller's coaching relationships (any coach, any status except ones that ended on
       or before the day they were to start) -> its month -> ``coaching_start``; ``None``
       when there is none. Only the fact and date that coaching started are read -- no
       coaching content.
    2. Targets per seller and month (quarter targets spread evenly over their three
       months, a month's own target first): ``member``, ``period_start``, ``amount`` in
       the reporting currency -> ``SellerPeriod.target``.
    3. Closed opportunities, aggregated in the database by owner and month of the close
       date (``GROUP BY owner, month``): sum of ``amount_base`` of won ones (the reporting
       currency; deals without an exchange rate are left out of amounts, as the results
       dashboards do) -> ``won_amount``; count of won -> ``won``; count of lost ->
       ``lost``; sum over won ones of ``cycle_days`` -> ``won_cycle_days``.

    Rows 2 and 3 are merged on (seller, period) into one ``SellerPeriod`` each. Months
    without a target have ``target=None`` (attainment missing, not zero).
    """
    found = data.sellers(organisation.pk)
    if not found:
        return [], []
    records = data.seller_records(found)
    ids = {s.pk for s in found}
    # Read the organisation's results whole (the index on (organisation, close_date)
    # serves it) and keep the sellers' rows: cheaper than a list of thousands of ids.
    rows = [r for r in data.seller_periods(organisation.pk, loaded=loaded) if r.seller_id in ids]
    return records, rows


def team_impact(*, viewer: Membership, team: Team, metric: str) -> dict[str, Any]:
    """The coaching impact on ``metric`` for ``team``, in the API's contract shape.

    The caller has checked access (``access_team_insights``). The figures are decided for
    the whole organisation at once, the same for every viewer, so that no combination of
    answers reveals a group below ``min_group_size``.
    """
    organisation = team.organisation
    sellers, rows = impact_data(organisation=organisation)
    if not sellers:
        return empty_report(metric)
    release = impact_release(
        build_panel(sellers, rows), metric, min_group_size=max(3, organisation.min_group_size)
    )
    return release.report({"team": team.pk})


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
    sellers, rows = impact_data(organisation=organisation)
    enough = len(coachee_ids) >= minimum and sellers
    panel = build_panel(sellers, rows) if enough else None
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
    for seller, month, value, _n in data.session_hours(organisation.pk):
        if lo <= month <= hi:
            hours[seller] = hours.get(seller, 0.0) + value
    rated: dict[int, tuple[int, int]] = {}
    for seller, month, count, useful in data.session_ratings(organisation.pk):
        if lo <= month <= hi:
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
    loaded: data.Results | None = None,
) -> list[dict[str, Any]]:
    """The impact figures of one selection for several metrics, reading the tables once."""
    sellers, rows = impact_data(organisation=organisation, loaded=loaded)
    if not sellers:
        return [empty_report(metric) for metric in metrics]
    panel = build_panel(sellers, rows)
    minimum = max(3, organisation.min_group_size)
    return [impact_release(panel, metric, min_group_size=minimum).report(filters or {}) for metric in metrics]


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
    loaded = data.results(organisation.pk)
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
