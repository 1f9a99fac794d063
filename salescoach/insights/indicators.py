"""Leading and lagging indicators as a viewer may see them: the input from the tables
(``data``), the figures decided for the whole organisation (``stats.indicators``), and
which indicators each viewer sees -- read from the visibility matrix.

Which matrix row each indicator comes from (``INDICATOR_ROWS``) decides who may see it as
a group figure: a viewer sees an indicator when their column of that row grants a read
or an aggregate. With the default matrix:

- programme owner: coaching hours (``session_took_place``: agg), usefulness
  (``session_rating``: agg) and every result indicator;
- manager of the team: coaching hours (counted only for relationships whose agreement
  reports sessions: what they may read anyway), follow-through and skills (from the
  items sellers shared with them: ``shared_item``), and the results;
- the manager's superior: the results only.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils import timezone

from salescoach.insights import data
from salescoach.insights.stats.indicators import (
    BAND_PERIODS,
    DEFAULT_CADENCE_HOURS,
    INDICATORS,
    SUMS,
    IndicatorPanel,
    IndicatorRelease,
    empty_panel,
    indicator_release,
)
from salescoach.organisations.models import Membership, Organisation, Role, Team
from salescoach.privacy import matrix
from salescoach.privacy.matrix import Column
from salescoach.results.cache import remembered

INDICATOR_ROWS = {
    "coaching_hours": "session_took_place",
    "usefulness": "session_rating",
    "follow_through": "shared_item",
    "skill": "shared_item",
    "attainment": "results",
    "win_rate": "results",
    "average_deal_size": "results",
    "cycle_length": "results",
    "pipeline_coverage": "results",
}
MONTHS_SHOWN = 12


def cadence_for(*, team_id: int | None = None) -> tuple[float, float]:
    """The coaching hours per seller per month a team aims for: its programme's cadence,
    else ``settings.INSIGHTS_CADENCE_HOURS`` or the advised 3-5."""
    from django.conf import settings

    from salescoach.programmes.models import Programme

    if team_id is not None:
        cadence = Programme.objects.filter(team_id=team_id).values_list(
            "cadence_min_hours", "cadence_max_hours"
        )
        for minimum, maximum in cadence:
            return float(minimum), float(maximum)
    low, high = getattr(settings, "INSIGHTS_CADENCE_HOURS", DEFAULT_CADENCE_HOURS)
    return float(low), float(high)


def visible_indicators(columns: set[Column]) -> list[str]:
    """The indicators a viewer in these matrix columns sees as group figures."""
    shown = []
    for indicator in INDICATORS:
        row = matrix.ROWS[INDICATOR_ROWS[indicator.key]]
        if any(row.grant(c).reads or row.grant(c).aggregate for c in columns):
            shown.append(indicator.key)
    return shown


def columns_for_team(viewer: Membership, team: Team | None) -> set[Column]:
    """Who the viewer is to the sellers of ``team`` (None: the whole organisation)."""
    columns: set[Column] = set()
    if viewer.has_role(Role.PROGRAMME_OWNER):
        columns.add(Column.OWNER)
    if team is not None:
        if team.manager_id == viewer.pk:
            columns.add(Column.MANAGER)
        elif team.manager.reports_to_id == viewer.pk:
            columns.add(Column.SUPERIOR)
    return columns


def month_range(until: int | None = None, count: int = MONTHS_SHOWN) -> list[int]:
    last = until if until is not None else data.month_of(timezone.localdate())
    return list(range(last - count + 1, last + 1))


def indicator_panel(
    organisation: Organisation,
    first: int,
    last: int,
    *,
    loaded: data.ReadResults | None = None,
    coaching_from: int | None = None,
) -> IndicatorPanel:
    """The sums per seller and month from the tables, months ``first``..``last``: one
    query per source (sellers, currency and rates, targets, deals, relationships,
    sessions, ratings, commitments, ride-along scores), added up with NumPy. Coaching
    activity is read from month ``coaching_from`` on (default ``first``): the months
    before the ones shown only serve to band the sellers by their results."""
    found = data.sellers(organisation.pk)
    if not found:
        return empty_panel()
    records = data.seller_records(found)
    ids = np.array([s.pk for s in found], dtype=np.int64)  # sorted: data.sellers orders by pk
    n, width = len(found), last - first + 1
    org = organisation.pk
    found_results = loaded() if loaded else data.results(org)
    sums = {k: np.zeros((n, width)) for k in SUMS} | found_results.sums(ids, first, last)

    def add(keys: list[str], rows: list[tuple[Any, ...]], at: tuple[int, ...]) -> None:
        """Add columns ``at`` of ``rows`` (seller, month, numbers...) into ``keys``."""
        if rows:
            table = np.nan_to_num(np.array(rows, dtype=float))
            data.scatter(sums, ids, first, table, dict(zip(keys, at, strict=True)))

    index = {int(pk): i for i, pk in enumerate(ids.tolist())}
    for seller, spans in data.coached_months(org).items():
        i = index.get(seller)
        if i is None:
            continue
        for start, end in spans:
            lo, hi = max(start, first), min(end if end is not None else last, last)
            if lo <= hi:
                sums["coached"][i, lo - first : hi - first + 1] = 1.0
    since = first if coaching_from is None else coaching_from
    add(["hours", "rated", "useful"], data.session_months(org, since=since), at=(2, 3, 4))
    follow = data.commitment_follow_through(org, since=since)
    add(["reviewed", "followed"], [(s, m, r, d + 0.5 * p) for s, m, r, d, p in follow], at=(2, 3))
    add(["observed", "skill"], data.coach_skill_scores(org, since=since), at=(3, 2))
    return IndicatorPanel(
        seller_ids=ids,
        first_period=first,
        n_periods=width,
        sums=sums,
        attributes={
            "team": [r.team for r in records],
            "programme": [r.programme for r in records],
            "coaching_model": [r.coaching_model for r in records],
        },
    )


@dataclass
class Indicators:
    """What a page, the API, the CSV and the PDF show: the same figures."""

    months: list[int]
    release: IndicatorRelease
    keys: list[str]  # the indicators this viewer sees
    cadence: tuple[float, float]

    def rows(self, filters: dict[str, Hashable] | None = None, slot: str = "all") -> list[dict[str, Any]]:
        return [{"indicator": key, "series": self.release.series(key, filters, slot)} for key in self.keys]


def organisation_indicators(
    *, organisation: Organisation, months: Sequence[int] | None = None, loaded: data.ReadResults | None = None
) -> tuple[list[int], IndicatorRelease]:
    """Every figure of the organisation for ``months`` (default: the last twelve), the
    same for every viewer."""
    shown = list(months) if months else month_range()
    minimum = max(3, organisation.min_group_size)

    def compute() -> IndicatorRelease:
        panel = indicator_panel(
            organisation, shown[0] - BAND_PERIODS, shown[-1], loaded=loaded, coaching_from=shown[0]
        )
        return indicator_release(panel, months=shown, min_group_size=minimum)

    release = remembered(organisation.pk, f"insights:indicators:{shown[0]}-{shown[-1]}:{minimum}", compute)
    return shown, release


def team_indicators(
    *,
    viewer: Membership,
    team: Team,
    months: Sequence[int] | None = None,
    loaded: data.ReadResults | None = None,
) -> Indicators:
    """A team's indicators as ``viewer`` may see them (the caller checked access)."""
    shown, release = organisation_indicators(organisation=team.organisation, months=months, loaded=loaded)
    keys = visible_indicators(columns_for_team(viewer, team))
    return Indicators(shown, release, keys, cadence_for(team_id=team.pk))


def org_indicators(
    *, viewer: Membership, months: Sequence[int] | None = None, loaded: data.ReadResults | None = None
) -> Indicators:
    """The organisation's indicators, for its programme owner (the caller checked)."""
    shown, release = organisation_indicators(organisation=viewer.organisation, months=months, loaded=loaded)
    keys = visible_indicators(columns_for_team(viewer, None))
    return Indicators(shown, release, keys, cadence_for())
