"""The data the impact estimator consumes, and the arrays it works on.

The interface is deliberately small so that it can be built from the results and
coaching tables with one query each (see ``salescoach.insights.selectors``):

- ``SellerRecord``: one per seller -- their id, the period their coaching started (the
  first start of any coaching relationship; ``None`` if never coached) and the filter
  attributes (team, programme, coaching model), each ``None`` when unknown.
- ``SellerPeriod``: one per seller and period in which they had a target or closed
  deals -- the target and the won amount (attainment = won amount / target), the number
  of deals won and lost (win rate = won / (won + lost)) and the summed sales-cycle days
  of the deals won (cycle length = days / won).

Periods are whole numbers that count consecutive periods (months: ``year * 12 + month - 1``;
quarters work the same way). A period with no row, no target or no closed deal is
missing for that metric -- never zero.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

METRICS = ("attainment", "win_rate", "cycle_length")
DIMENSIONS = ("team", "programme", "coaching_model")

# A coaching start that never happened sorts after every period.
NEVER = np.iinfo(np.int64).max // 4


@dataclass(frozen=True)
class SellerRecord:
    seller_id: int
    coaching_start: int | None = None
    team: Hashable | None = None
    programme: Hashable | None = None
    coaching_model: Hashable | None = None


@dataclass(frozen=True)
class SellerPeriod:
    seller_id: int
    period: int
    target: float | None = None
    won_amount: float = 0.0
    won: int = 0
    lost: int = 0
    won_cycle_days: float = 0.0


def month_index(year: int, month: int) -> int:
    """The period number of a calendar month."""
    return year * 12 + month - 1


@dataclass(frozen=True)
class Panel:
    """Sellers by periods, as arrays. Row ``i`` is ``seller_ids[i]``; column ``j`` is
    period ``first_period + j``.

    ``start`` holds each seller's coaching start as a column index (``NEVER`` if never
    coached; negative if coached before the first column). Each metric has a value and a
    weight per cell: NaN and 0 where missing. The weight says how much data stands behind
    a value (1 for attainment, closed deals for win rate, won deals for cycle length) and
    is used when a seller's periods are pooled into a baseline.
    """

    seller_ids: np.ndarray
    first_period: int
    start: np.ndarray
    values: dict[str, np.ndarray]
    weights: dict[str, np.ndarray]
    attributes: dict[str, list[Hashable | None]] = field(default_factory=dict)

    @property
    def n_sellers(self) -> int:
        return int(self.seller_ids.shape[0])

    @property
    def n_periods(self) -> int:
        return int(next(iter(self.values.values())).shape[1]) if self.values else 0

    def window(self, first: int, last: int) -> Panel:
        """The panel restricted to periods ``first``..``last`` (inclusive, as period numbers):
        everything outside is as if it had never been recorded."""
        lo = max(first - self.first_period, 0)
        hi = max(min(last - self.first_period + 1, self.n_periods), lo)
        start = np.where(self.start >= NEVER, NEVER, self.start - lo)
        return Panel(
            seller_ids=self.seller_ids,
            first_period=self.first_period + lo,
            start=start,
            values={m: v[:, lo:hi] for m, v in self.values.items()},
            weights={m: w[:, lo:hi] for m, w in self.weights.items()},
            attributes=self.attributes,
        )

    def labels(self, dimensions: Sequence[str]) -> tuple[np.ndarray, list[tuple[Hashable, ...]]]:
        """Group code per seller for the combination of ``dimensions`` (-1 where any of them
        is unknown) and the value tuple of each code, in a stable order (values sorted by
        their text, the first dimension varying slowest)."""
        if not dimensions:
            return np.zeros(self.n_sellers, dtype=np.int64), [()]
        combined = np.zeros(self.n_sellers, dtype=np.int64)
        known = np.ones(self.n_sellers, dtype=bool)
        levels: list[list[Hashable]] = []
        for d in dimensions:
            column = self.attributes.get(d, [None] * self.n_sellers)
            distinct = sorted({v for v in column if v is not None}, key=repr)
            code = {v: k for k, v in enumerate(distinct)}
            codes = np.array([code.get(v, -1) if v is not None else -1 for v in column], dtype=np.int64)
            known &= codes >= 0
            combined = combined * max(len(distinct), 1) + np.maximum(codes, 0)
            levels.append(distinct)
        present, inverse = np.unique(combined[known], return_inverse=True)
        labels = np.full(self.n_sellers, -1, dtype=np.int64)
        labels[known] = inverse
        values: list[tuple[Hashable, ...]] = []
        for number in present.tolist():
            parts = []
            for distinct in reversed(levels):
                size = max(len(distinct), 1)
                parts.append(distinct[number % size])
                number //= size
            values.append(tuple(reversed(parts)))
        return labels, values


def build_panel(sellers: Iterable[SellerRecord], rows: Iterable[SellerPeriod]) -> Panel:
    """Arrays from the records. Rows of sellers without a record are ignored; duplicated
    (seller, period) rows are added up."""
    seller_list = sorted(sellers, key=lambda s: s.seller_id)
    index = {s.seller_id: i for i, s in enumerate(seller_list)}
    row_list = [r for r in rows if r.seller_id in index]
    n = len(seller_list)
    periods = [r.period for r in row_list]
    first = min(periods) if periods else 0
    n_periods = (max(periods) - first + 1) if periods else 0

    target = np.zeros((n, n_periods))
    has_target = np.zeros((n, n_periods), dtype=bool)
    amount = np.zeros((n, n_periods))
    won = np.zeros((n, n_periods))
    lost = np.zeros((n, n_periods))
    days = np.zeros((n, n_periods))
    if row_list:
        i = np.fromiter((index[r.seller_id] for r in row_list), dtype=np.int64, count=len(row_list))
        j = np.fromiter((r.period - first for r in row_list), dtype=np.int64, count=len(row_list))
        t = np.fromiter(
            (r.target if r.target is not None else np.nan for r in row_list), dtype=float, count=len(row_list)
        )
        np.add.at(target, (i, j), np.nan_to_num(t))
        np.logical_or.at(has_target, (i, j), ~np.isnan(t))
        np.add.at(amount, (i, j), np.fromiter((r.won_amount for r in row_list), dtype=float))
        np.add.at(won, (i, j), np.fromiter((r.won for r in row_list), dtype=float))
        np.add.at(lost, (i, j), np.fromiter((r.lost for r in row_list), dtype=float))
        np.add.at(days, (i, j), np.fromiter((r.won_cycle_days for r in row_list), dtype=float))

    start = np.array(
        [NEVER if s.coaching_start is None else s.coaching_start - first for s in seller_list], dtype=np.int64
    )
    return panel_from_arrays(
        seller_ids=np.array([s.seller_id for s in seller_list], dtype=np.int64),
        first_period=first,
        start=start,
        target=np.where(has_target & (target > 0), target, np.nan),
        won_amount=amount,
        won=won,
        lost=lost,
        won_cycle_days=days,
        attributes={d: [getattr(s, d) for s in seller_list] for d in DIMENSIONS},
    )


def panel_from_arrays(
    *,
    seller_ids: np.ndarray,
    first_period: int,
    start: np.ndarray,
    target: np.ndarray,
    won_amount: np.ndarray,
    won: np.ndarray,
    lost: np.ndarray,
    won_cycle_days: np.ndarray,
    attributes: dict[str, list[Hashable | None]] | None = None,
) -> Panel:
    """The metrics from the raw amounts (all arrays sellers x periods; ``target`` NaN or
    <= 0 where there was none)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        has_target = np.isfinite(target) & (target > 0)
        attainment = np.where(has_target, won_amount / np.where(has_target, target, 1.0), np.nan)
        closed = won + lost
        win_rate = np.where(closed > 0, won / np.where(closed > 0, closed, 1.0), np.nan)
        cycle = np.where(won > 0, won_cycle_days / np.where(won > 0, won, 1.0), np.nan)
    return Panel(
        seller_ids=np.asarray(seller_ids, dtype=np.int64),
        first_period=first_period,
        start=np.asarray(start, dtype=np.int64),
        values={"attainment": attainment, "win_rate": win_rate, "cycle_length": cycle},
        weights={
            "attainment": has_target.astype(float),
            "win_rate": np.where(closed > 0, closed, 0.0),
            "cycle_length": np.where(won > 0, won, 0.0),
        },
        attributes=attributes or {},
    )
