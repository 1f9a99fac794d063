"""Every impact figure of an organisation, decided together for privacy.

The figures a viewer can ask for -- the organisation, each programme, coaching model and
team and every combination of them, each whole and by band, for each period window --
form one family. Suppression is decided over the whole family at once, the same for
every viewer, so that no two answers (to the same or different people, for different
filters or periods) can be combined to reveal a small group.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np

from salescoach.insights.stats.impact import BANDS, DEFAULT_SETTINGS, SLOTS, Settings, estimate_impact
from salescoach.insights.stats.panel import Panel
from salescoach.insights.stats.report import empty_report, figure
from salescoach.insights.stats.suppression import Decision, Figure, suppress

FILTER_DIMENSIONS = ("programme", "coaching_model", "team")

Window = tuple[int, int] | None
Filters = tuple[tuple[str, Hashable], ...]
FigureKey = tuple[Window, Filters, str]

# Whole groups before bands; among the bands the core first (where coaching is expected
# to matter most), so it is the one kept when not all three can be shown.
SLOT_PRIORITY = ("all", "core", "top", "bottom")


def dimension_sets(dimensions: Sequence[str]) -> list[tuple[str, ...]]:
    """Every combination of filters, coarsest (none: the organisation) first."""
    return [combo for size in range(len(dimensions) + 1) for combo in combinations(dimensions, size)]


@dataclass(frozen=True)
class ImpactRelease:
    metric: str
    min_group_size: int
    # (estimate, standard error, degrees of freedom, coached, comparison) of every figure.
    estimates: Mapping[FigureKey, tuple[float, float, float, int, int]]
    decision: Decision
    family: Sequence[Figure]

    def figure(self, key: FigureKey) -> dict[str, Any]:
        """One figure in the contract shape (its interval is worked out when asked for:
        a page shows a few of the family's thousands)."""
        e, se, df, n_coached, n_comparison = self.estimates[key]
        return figure(
            self.metric,
            estimate=e,
            se=se,
            df=df,
            n_coached=n_coached,
            n_comparison=n_comparison,
            shown=self.decision.is_published(key),
        )

    def report(self, filters: Mapping[str, Hashable] | None = None, window: Window = None) -> dict[str, Any]:
        """The figure for one selection in the contract shape, with its bands."""
        key = canonical_filters(filters or {})
        if (window, key, "all") not in self.estimates:
            return empty_report(self.metric)
        result = self.figure((window, key, "all"))
        result["by_band"] = {band: self.figure((window, key, band)) for band in BANDS}
        return result


def canonical_filters(filters: Mapping[str, Hashable]) -> Filters:
    return tuple((d, filters[d]) for d in FILTER_DIMENSIONS if filters.get(d) is not None)


def impact_release(
    panel: Panel,
    metric: str,
    *,
    min_group_size: int,
    windows: Sequence[Window] = (None,),
    dimensions: Sequence[str] = FILTER_DIMENSIONS,
    settings: Settings = DEFAULT_SETTINGS,
    released: Iterable[Figure] = (),
) -> ImpactRelease:
    """Estimate every figure of the family and decide which may be shown.

    ``windows`` are period ranges (first, last; ``None`` for all periods), in priority
    order: put windows shown earlier first.
    """
    estimates: dict[FigureKey, tuple[float, float, float, int, int]] = {}
    ordered: list[tuple[tuple[int, int, int], Figure]] = []
    for w_rank, window in enumerate(windows):
        part = panel if window is None else panel.window(*window)
        for d_rank, dims in enumerate(dimension_sets(dimensions)):
            labels, values = part.labels(dims)
            if not values or not (labels >= 0).any():
                continue
            est = estimate_impact(part, metric, groups=labels, n_groups=len(values), settings=settings)
            order = np.argsort(labels, kind="stable")
            bounds = np.searchsorted(labels[order], np.arange(len(values) + 1))
            for code, value in enumerate(values):
                rows = order[bounds[code] : bounds[code + 1]]
                filters = tuple(zip(dims, value, strict=True))
                for s, slot in enumerate(SLOTS):
                    key: FigureKey = (window, filters, slot)
                    estimates[key] = (
                        float(est.estimate[code, s]),
                        float(est.se[code, s]),
                        float(est.df[code, s]),
                        int(est.n_coached[code, s]),
                        int(est.n_comparison[code, s]),
                    )
                    members = {
                        "coached": rows[est.coached[rows, s]],
                        "comparison": rows[est.comparison[rows, s]],
                    }
                    rank = (w_rank, SLOT_PRIORITY.index(slot), d_rank)
                    ordered.append((rank, Figure(key=key, members=members)))
    ordered.sort(key=lambda item: item[0])  # stable: groups keep their sorted order
    family = [f for _, f in ordered]
    decision = suppress(family, min_group_size=min_group_size, released=released)
    return ImpactRelease(
        metric=metric, min_group_size=min_group_size, estimates=estimates, decision=decision, family=family
    )
