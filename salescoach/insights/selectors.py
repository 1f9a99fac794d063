"""Reads for Insights: the adapter from the results and coaching tables to the
statistics core, and the figures as a viewer may see them.

The core (``salescoach.insights.stats``) knows nothing of Django; this module builds its
input and applies the organisation's privacy threshold.
"""

from __future__ import annotations

from typing import Any

from salescoach.insights.stats.panel import SellerPeriod, SellerRecord, build_panel
from salescoach.insights.stats.release import impact_release
from salescoach.insights.stats.report import empty_report
from salescoach.organisations.models import Membership, Organisation, Team

METRICS = ("attainment", "win_rate", "cycle_length")


def impact_data(*, organisation: Organisation) -> tuple[list[SellerRecord], list[SellerPeriod]]:
    """The impact estimator's input for one organisation: one query per source.

    Not wired yet -- the results (targets, opportunities) and coaching (relationships)
    tables are being built on their own branches. Until they are on main this returns no
    data, and every figure honestly says ``insufficient_data`` with ``n_coached`` 0.

    What it will read (everything scoped to ``organisation``; periods are calendar months,
    ``year * 12 + month - 1``, see ``stats.panel.month_index``):

    1. Sellers -- active memberships with a coachee role (seller, non-sales professional):
       ``id`` -> ``SellerRecord.seller_id``; ``team_id`` -> ``team``; the team's programme
       id -> ``programme`` and the programme's coaching model -> ``coaching_model`` (both
       ``None`` until the programmes issue adds them).
       Coaching start, in the same query as a subquery: the earliest ``start`` date of the
       seller's coaching relationships (any coach, any status except ones cancelled before
       they started) -> its month -> ``coaching_start``; ``None`` when there is none.
       Only the fact and date that coaching started are read -- no coaching content.
    2. Targets per seller and month (quarter targets spread evenly over their three
       months): ``owner``, ``period``, ``amount`` -> ``SellerPeriod.target``.
    3. Closed opportunities, aggregated in the database by owner and month of the close
       date (``GROUP BY owner, month``): sum of ``amount`` of won ones (in the
       organisation's currency; other currencies converted or left out, as the results
       dashboards do) -> ``won_amount``; count of won -> ``won``; count of lost ->
       ``lost``; sum over won ones of (close date - created date) in days ->
       ``won_cycle_days``.

    Rows 2 and 3 are merged on (seller, period) into one ``SellerPeriod`` each. Months
    without a target have ``target=None`` (attainment missing, not zero).
    """
    return [], []


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
