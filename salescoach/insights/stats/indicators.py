"""Leading and lagging indicators per group and month, released under the privacy rule.

Improvement comes before results (product rule 5): next to the results (lagging:
attainment, win rate, average deal size, sales-cycle length, pipeline coverage) the
product follows what changes first (leading: coaching hours per coached seller against
the cadence target, commitment follow-through, the coach's skill scores from ride-alongs,
how useful sellers found their sessions).

Every figure is a ratio of two sums over the sellers of a group in one month (the group's
attainment is its won amount over its target, as on the results dashboards), and counts
the sellers who contribute to it (its *basis*: the sellers with a target, with closed
deals, coached that month...). Which figures may be shown is decided with
``suppression.suppress`` per basis and month, for the whole organisation at once: the
organisation, every programme, coaching model and team and their combinations, and the
performance bands of the organisation, programmes and coaching models. A seller's data of
one month is not the data of another month, so months are decided independently (a month
shown today is decided the same way tomorrow). Team figures are not split by band: with
teams of under 25 a band is almost always below the minimum, and every band figure shown
for a team would withhold the organisation's.

Plain NumPy, no Django (``salescoach.insights.indicators`` builds the input).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from salescoach.insights.stats.impact import BANDS, _bands
from salescoach.insights.stats.release import canonical_filters, dimension_sets
from salescoach.insights.stats.suppression import PUBLISHED, decide

DIMENSIONS = ("programme", "coaching_model", "team")
SLOTS = ("all", *BANDS)
# Gartner's advice: 3 to 5 coaching hours per seller per month. The programmes issue will
# let a programme set its own cadence (see salescoach.insights.indicators.cadence_for).
DEFAULT_CADENCE_HOURS = (3.0, 5.0)
BAND_PERIODS = 6

# The sums each seller has per month (arrays sellers x months, zero where nothing).
SUMS = (
    "target",  # target amount (0: none)
    "has_target",
    "won_amount",
    "won",
    "lost",
    "won_cycle_days",
    "open_amount",
    "coached",  # 1 when a coaching relationship ran in the month
    "hours",  # coaching hours of sessions that took place
    "rated",
    "useful",
    "reviewed",  # shared commitments reviewed (by due month)
    "followed",  # done = 1, partly = 0.5
    "observed",  # shared ride-along scores by the coach
    "skill",  # their sum
    "self_observed",
    "self_skill",
)

Arrays = Mapping[str, np.ndarray]


@dataclass(frozen=True)
class Indicator:
    key: str
    kind: str  # "leading" or "lagging"
    basis: str  # sellers who contribute; indicators with one basis share suppression
    numerator: Callable[[Arrays], np.ndarray]
    denominator: Callable[[Arrays], np.ndarray]
    scale: float = 1.0  # applied to the ratio (e.g. per seller)
    digits: int = 3


def _basis(a: Arrays, key: str) -> np.ndarray:
    if key == "target":
        return a["has_target"] > 0
    if key == "closed":
        return (a["won"] + a["lost"]) > 0
    if key == "won":
        return a["won"] > 0
    if key == "coverage":
        return (a["has_target"] > 0) & (a["target"] > a["won_amount"])
    if key == "coached":
        return a["coached"] > 0
    if key == "rated":
        return a["rated"] > 0
    if key == "reviewed":
        return a["reviewed"] > 0
    if key == "observed":
        return a["observed"] > 0
    raise KeyError(key)


INDICATORS: tuple[Indicator, ...] = (
    Indicator("coaching_hours", "leading", "coached", lambda a: a["hours"], lambda a: a["coached"], digits=2),
    Indicator("follow_through", "leading", "reviewed", lambda a: a["followed"], lambda a: a["reviewed"]),
    Indicator("skill", "leading", "observed", lambda a: a["skill"], lambda a: a["observed"], digits=2),
    Indicator("usefulness", "leading", "rated", lambda a: a["useful"], lambda a: a["rated"]),
    Indicator("attainment", "lagging", "target", lambda a: a["won_amount"], lambda a: a["target"]),
    Indicator("win_rate", "lagging", "closed", lambda a: a["won"], lambda a: a["won"] + a["lost"]),
    Indicator("average_deal_size", "lagging", "won", lambda a: a["won_amount"], lambda a: a["won"], digits=0),
    Indicator("cycle_length", "lagging", "won", lambda a: a["won_cycle_days"], lambda a: a["won"], digits=1),
    Indicator(
        "pipeline_coverage",
        "lagging",
        "coverage",
        lambda a: a["open_amount"],
        lambda a: np.maximum(a["target"] - a["won_amount"], 0.0),
        digits=2,
    ),
)
BY_KEY = {i.key: i for i in INDICATORS}
LEADING = tuple(i.key for i in INDICATORS if i.kind == "leading")
LAGGING = tuple(i.key for i in INDICATORS if i.kind == "lagging")


@dataclass(frozen=True)
class IndicatorPanel:
    """Sellers (rows) by months (columns ``first_period ..``), with the sums above."""

    seller_ids: np.ndarray
    first_period: int
    n_periods: int
    sums: dict[str, np.ndarray]
    attributes: dict[str, list[Hashable | None]] = field(default_factory=dict)

    @property
    def n_sellers(self) -> int:
        return int(self.seller_ids.shape[0])

    def labels(self, dimensions: Sequence[str]) -> tuple[np.ndarray, list[tuple[Hashable, ...]]]:
        from salescoach.insights.stats.panel import Panel

        # Reuse the impact panel's grouping (same codes, same order).
        shim = Panel(self.seller_ids, self.first_period, np.zeros(0), {}, {}, self.attributes)
        return shim.labels(dimensions)

    def bands(self) -> np.ndarray:
        """Slot per seller and month (1 top, 2 core, 3 bottom, 0 none): their attainment
        over the ``BAND_PERIODS`` months before, ranked among every seller with one."""
        n, t_count = self.n_sellers, self.n_periods
        target = self.sums["target"]
        has = self.sums["has_target"] > 0
        with np.errstate(divide="ignore", invalid="ignore"):
            att = np.where(has, self.sums["won_amount"] / np.where(has, target, 1.0), 0.0)
        pad = ((0, 0), (1, 0))
        cum = np.pad(np.cumsum(att, axis=1), pad)
        cum_n = np.pad(np.cumsum(has, axis=1, dtype=np.int64), pad)
        band = np.zeros((n, t_count), dtype=np.int64)
        for t in range(t_count):
            lo = max(0, t - BAND_PERIODS)
            count = cum_n[:, t] - cum_n[:, lo]
            with np.errstate(divide="ignore", invalid="ignore"):
                mean = np.where(count > 0, (cum[:, t] - cum[:, lo]) / count, np.nan)
            band[:, t] = _bands(mean, np.isfinite(mean), (0.2, 0.8))
        return band


@dataclass
class IndicatorRelease:
    """Every indicator figure of the organisation for some months, and what may be shown."""

    min_group_size: int
    months: list[int]
    # (month, filters, slot, indicator) -> (value, sellers) for published figures only.
    values: dict[tuple[int, tuple[tuple[str, Hashable], ...], str, str], tuple[float, int]]
    groups: dict[str, list[tuple[Hashable, ...]]]  # dims (joined) -> the values present
    family_size: int = 0

    def figure(
        self, indicator: str, month: int, filters: Mapping[str, Hashable] | None = None, slot: str = "all"
    ) -> dict[str, Any] | None:
        """``{"value", "n"}`` or None when withheld or without data."""
        found = self.values.get((month, canonical_filters(filters or {}), slot, indicator))
        if found is None:
            return None
        return {"value": found[0], "n": found[1]}

    def series(
        self, indicator: str, filters: Mapping[str, Hashable] | None = None, slot: str = "all"
    ) -> list[dict[str, Any] | None]:
        return [self.figure(indicator, m, filters, slot) for m in self.months]


def indicator_release(
    panel: IndicatorPanel,
    *,
    months: Sequence[int],
    min_group_size: int,
    dimensions: Sequence[str] = DIMENSIONS,
    indicators: Sequence[Indicator] = INDICATORS,
) -> IndicatorRelease:
    """Compute and decide every figure of the family for ``months`` (period numbers)."""
    wanted = [m for m in months if 0 <= m - panel.first_period < panel.n_periods]
    columns = np.array([m - panel.first_period for m in wanted], dtype=np.int64)
    sums = {k: v[:, columns] if v.size else np.zeros((panel.n_sellers, 0)) for k, v in panel.sums.items()}
    band_all = (
        panel.bands()[:, columns] if panel.n_periods else np.zeros((panel.n_sellers, 0), dtype=np.int64)
    )
    width = len(wanted)
    present = [d for d in dimensions if any(v is not None for v in panel.attributes.get(d, []))]
    dim_sets = dimension_sets(present)
    labelled = [(dims, *panel.labels(dims)) for dims in dim_sets]
    release = IndicatorRelease(min_group_size, list(months), {}, {})
    for dims, _labels, values in labelled:
        release.groups[",".join(dims)] = values

    bases = {i.basis for i in indicators}
    masks = {b: _basis(sums, b) for b in bases}
    numerators = {i.key: i.numerator(sums) for i in indicators}
    denominators = {i.key: i.denominator(sums) for i in indicators}
    bands = [None, *(band_all == k for k in range(1, len(SLOTS)))]
    filters_of = {
        dims: [tuple(zip(dims, value, strict=True)) for value in values] for dims, _, values in labelled
    }
    no_members = np.zeros(0, dtype=np.int64)
    for basis in sorted(bases):
        mask = masks[basis]
        measured = [i for i in indicators if i.basis == basis]
        for col in range(width):
            # The family of this basis and month as arrays: figure index and member of every
            # member of every figure, and each figure's sums of numerator and denominator.
            keys: list[tuple[tuple[tuple[str, Hashable], ...], str]] = []
            owners: list[np.ndarray] = []
            members: list[np.ndarray] = []
            sizes: list[np.ndarray] = []
            totals: dict[str, list[np.ndarray]] = {f"{i.key}/{part}": [] for i in measured for part in "nd"}
            for slot_index, slot in enumerate(SLOTS):
                for dims, labels, values in labelled:
                    if slot != "all" and "team" in dims:
                        continue  # no bands per team (see the module's docstring)
                    inside = mask[:, col] & (labels >= 0)
                    in_band = bands[slot_index]
                    if in_band is not None:
                        inside &= in_band[:, col]
                    rows = np.flatnonzero(inside)
                    if rows.size == 0:
                        continue
                    codes = labels[rows]
                    order = np.argsort(codes, kind="stable")
                    found, counts = np.unique(codes, return_counts=True)
                    owners.append(len(keys) + np.searchsorted(found, codes[order]))
                    members.append(rows[order])
                    sizes.append(counts)
                    group_filters = filters_of[dims]
                    keys.extend((group_filters[code], slot) for code in found.tolist())
                    for i in measured:
                        for part, of in (("n", numerators), ("d", denominators)):
                            group = np.bincount(codes, weights=of[i.key][rows, col], minlength=len(values))
                            totals[f"{i.key}/{part}"].append(group[found])
            release.family_size += len(keys)
            if not keys:
                continue
            flat = {
                "coached": (np.concatenate(owners), np.concatenate(members)),
                "comparison": (no_members,) * 2,
            }
            outcome = decide(flat, len(keys), min_group_size=min_group_size)
            shown = np.flatnonzero(outcome == PUBLISHED).tolist()
            n = np.concatenate(sizes).tolist()
            for i in measured:
                num = np.concatenate(totals[f"{i.key}/n"]).tolist()
                den = np.concatenate(totals[f"{i.key}/d"]).tolist()
                for k in shown:
                    if den[k] > 0:
                        filters, slot = keys[k]
                        ratio = round(num[k] / den[k] * i.scale, i.digits)
                        release.values[(wanted[col], filters, slot, i.key)] = (ratio, n[k])
    return release


def empty_panel() -> IndicatorPanel:
    return IndicatorPanel(np.zeros(0, dtype=np.int64), 0, 0, {k: np.zeros((0, 0)) for k in SUMS}, {})
