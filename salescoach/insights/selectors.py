"""Reads for Insights: the adapter from the results and coaching tables to the
statistics core, and the figures as a viewer may see them.

The core (``salescoach.insights.stats``) knows nothing of Django; this module builds its
input and applies the organisation's privacy threshold.
"""

from __future__ import annotations

from typing import Any

from salescoach.insights import data
from salescoach.insights.stats.panel import SellerPeriod, SellerRecord, build_panel
from salescoach.insights.stats.release import impact_release
from salescoach.insights.stats.report import empty_report
from salescoach.organisations.models import Membership, Organisation, Team

METRICS = ("attainment", "win_rate", "cycle_length")


def impact_data(*, organisation: Organisation) -> tuple[list[SellerRecord], list[SellerPeriod]]:
    """The impact estimator's input for one organisation: one query per source
    (salescoach/insights/data.py does the reading).

    Everything is scoped to ``organisation``; periods are calendar months,
    ``year * 12 + month - 1`` (see ``stats.panel.month_index``):

    1. Sellers -- active memberships with a coachee role (seller, non-sales professional):
       ``id`` -> ``SellerRecord.seller_id``; ``team_id`` -> ``team``; the team's programme
       id -> ``programme`` and the programme's coaching model -> ``coaching_model`` (both
       ``None`` until the programmes issue adds them: ``data.programme_of_team``).
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
    rows = [r for r in data.seller_periods(organisation.pk) if r.seller_id in ids]
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
