"""Does coaching work? The effect of coaching on a result metric, for staggered starts.

Method (docs/INSIGHTS.md has the reasoning; this is the recipe):

1. Sellers are grouped by the period their coaching started (a *cohort* ``g``).
2. For every cohort ``g`` and every period ``t`` from ``g`` to ``g + post_periods - 1`` (a
   *cell*), each seller's change is their value in ``t`` minus their own baseline: the
   (weighted) mean of the ``base_periods`` periods before ``g``, of which at least
   ``min_base_observations`` must have a value.
3. The cell's effect is the coached sellers' mean change minus the mean change of the
   comparison sellers: those not yet coached in ``t`` (later cohorts and the never
   coached), from the same selection. A cell needs at least ``min_cell_controls`` of them.
   This is the group-time average treatment effect ATT(g, t) of Callaway and Sant'Anna
   (2021) with not-yet-treated controls and a pooled pre-period as base.
4. The estimate is the average of the cells weighted by their coached sellers, i.e. the
   average effect over all coached seller-periods in the first ``post_periods`` periods.
   Already-coached sellers are never used as comparison, which is what makes this valid
   where a two-way fixed-effects regression is not.
5. Uncertainty: the estimate is a smooth function of seller-level means, so its influence
   function is a sum of per-seller terms. Summing each seller's terms over all cells
   before squaring gives a variance that is clustered by seller (robust to any
   correlation between a seller's periods). Small-sample corrections (n / (n - 1) per
   cell for the comparison means, per figure for the coached sellers) and Student's t
   with Welch-Satterthwaite degrees of freedom give the interval.

Performance bands are decided per cohort on pre-coaching attainment: among all sellers
of the panel not yet coached at ``g``, those in the top 20% of mean attainment over the
``band_periods`` periods before ``g`` are *top*, the bottom 20% *bottom*, the rest *core*.
Coached and comparison sellers of a cohort are banded on the same periods, so that
regression to the mean affects both alike.

Everything is computed for many selections at once (``groups``: one code per seller, e.g.
their team) in one pass over the cohorts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from salescoach.insights.stats.panel import Panel

BANDS = ("top", "core", "bottom")
# Slot 0 is every seller of the selection; slots 1-3 are the bands in BANDS order.
SLOTS = ("all", *BANDS)


@dataclass(frozen=True)
class Settings:
    base_periods: int = 3
    min_base_observations: int = 2
    post_periods: int = 12
    min_cell_controls: int = 2
    band_periods: int = 6
    band_gap: int = 0  # periods between the end of the band window and the start
    band_cuts: tuple[float, float] = (0.2, 0.8)  # bottom below the first, top from the second


DEFAULT_SETTINGS = Settings()


@dataclass(frozen=True)
class GroupedEstimate:
    """Results per selection (first axis, ``n_groups``) and slot (second axis, ``SLOTS``).

    ``coached`` and ``comparison`` say, per seller and slot, whether the seller's data
    entered the figure of their own selection in that role (for the privacy thresholds).
    """

    metric: str
    groups: np.ndarray
    estimate: np.ndarray
    se: np.ndarray
    df: np.ndarray
    n_coached: np.ndarray
    n_comparison: np.ndarray
    coached: np.ndarray
    comparison: np.ndarray


def _window_sums(values: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cumulative sums along periods (with a leading zero column) of weight*value,
    weight and the number of observed periods: a window's sums are two subtractions."""
    observed = weights > 0
    wy = np.where(observed, weights * np.nan_to_num(values), 0.0)
    pad = ((0, 0), (1, 0))
    return (
        np.pad(np.cumsum(wy, axis=1), pad),
        np.pad(np.cumsum(np.where(observed, weights, 0.0), axis=1), pad),
        np.pad(np.cumsum(observed, axis=1, dtype=np.int64), pad),
    )


def _bands(attainment_mean: np.ndarray, pool: np.ndarray, cuts: tuple[float, float]) -> np.ndarray:
    """Slot per seller (1 top, 2 core, 3 bottom; 0 unknown) from their mid-rank percentile
    among the ``pool``."""
    band = np.zeros(attainment_mean.shape[0], dtype=np.int64)
    ranked = np.sort(attainment_mean[pool])
    if ranked.size == 0:
        return band
    x = attainment_mean[pool]
    pct = (np.searchsorted(ranked, x, "left") + np.searchsorted(ranked, x, "right")) / (2.0 * ranked.size)
    band[pool] = np.where(pct >= cuts[1], 1, np.where(pct < cuts[0], 3, 2))
    return band


def estimate_impact(
    panel: Panel,
    metric: str,
    *,
    groups: np.ndarray | None = None,
    n_groups: int = 1,
    settings: Settings = DEFAULT_SETTINGS,
    treatable: np.ndarray | None = None,
) -> GroupedEstimate:
    """The coaching effect on ``metric`` for every selection in ``groups`` (a code in
    ``0..n_groups-1`` per seller, -1 for sellers in none; default: one selection of all).

    Comparison sellers come from the coached seller's own selection; bands are ranked
    over the whole panel. ``treatable`` (a mask per seller) limits who counts as coached
    -- e.g. one coach's coachees -- while every not-yet-coached seller stays a comparison.
    """
    y = panel.values[metric]
    w = panel.weights[metric]
    n, t_count = y.shape
    start = panel.start
    grp = np.zeros(n, dtype=np.int64) if groups is None else np.asarray(groups, dtype=np.int64)
    in_scope = grp >= 0
    n_slots = len(SLOTS)
    n_keys = n_groups * n_slots

    observed = (w > 0) & np.isfinite(y)
    cum_wy, cum_w, cum_n = _window_sums(y, w)
    att = panel.values["attainment"]
    att_obs = np.isfinite(att)
    cum_att = np.pad(np.cumsum(np.where(att_obs, att, 0.0), axis=1), ((0, 0), (1, 0)))
    cum_att_n = np.pad(np.cumsum(att_obs, axis=1, dtype=np.int64), ((0, 0), (1, 0)))

    # Per seller and slot: summed (change - comparison mean) and count over coached cells,
    # the comparison part of the influence function, and whether the seller was used.
    t_dev = np.zeros((n, n_slots))
    t_cnt = np.zeros((n, n_slots))
    c_raw = np.zeros((n, n_slots))
    c_used = np.zeros((n, n_slots), dtype=bool)
    # Per selection and slot: coached seller-periods and their summed effect.
    m_total = np.zeros(n_keys)
    s_total = np.zeros(n_keys)

    cohorts = np.unique(start[in_scope & (start >= 1) & (start < t_count)])
    for g in cohorts.tolist():
        lo = max(0, g - settings.base_periods)
        base_n = cum_n[:, g] - cum_n[:, lo]
        with np.errstate(divide="ignore", invalid="ignore"):
            base = np.where(
                base_n >= settings.min_base_observations,
                (cum_wy[:, g] - cum_wy[:, lo]) / (cum_w[:, g] - cum_w[:, lo]),
                np.nan,
            )
        cohort = in_scope & (start == g) & np.isfinite(base)
        if treatable is not None:
            cohort &= treatable
        if not cohort.any():
            continue
        bhi = max(0, g - settings.band_gap)
        blo = max(0, bhi - settings.band_periods)
        att_n = cum_att_n[:, bhi] - cum_att_n[:, blo]
        with np.errstate(divide="ignore", invalid="ignore"):
            att_mean = np.where(att_n > 0, (cum_att[:, bhi] - cum_att[:, blo]) / att_n, np.nan)
        band = _bands(att_mean, np.isfinite(att_mean), settings.band_cuts)

        end = min(t_count, g + settings.post_periods)
        width = end - g
        cols = np.arange(g, end)
        # Only the cohort and the sellers not yet coached at g take part in its cells.
        r = np.flatnonzero(in_scope & np.isfinite(base) & (cohort | (start > g)))
        change = y[r, g:end] - base[r, None]
        usable = observed[r, g:end]
        treated = usable & cohort[r, None]
        control = usable & (start[r, None] > cols[None, :])
        if not treated.any() or not control.any():
            continue
        change = np.where(treated | control, change, 0.0)
        col_index = np.arange(width)[None, :]
        band_r = band[r]

        for slot_of, member in (
            (np.zeros(r.size, dtype=np.int64), np.ones(r.size, dtype=bool)),
            (band_r, band_r > 0),
        ):
            key = grp[r] * n_slots + slot_of
            cell = np.where(member, key, 0)[:, None] * width + col_index
            tm = treated & member[:, None]
            cm = control & member[:, None]
            size = n_keys * width
            n_t = np.bincount(cell[tm], minlength=size).astype(float)
            n_c = np.bincount(cell[cm], minlength=size).astype(float)
            s_t = np.bincount(cell[tm], weights=change[tm], minlength=size)
            s_c = np.bincount(cell[cm], weights=change[cm], minlength=size)
            ok = (n_t > 0) & (n_c >= settings.min_cell_controls)
            if not ok.any():
                continue
            with np.errstate(divide="ignore", invalid="ignore"):
                mean_c = np.where(ok, s_c / n_c, 0.0)
                # Comparison sellers' influence weight: treated count / n_C, corrected by sqrt(n_C/(n_C-1)).
                c_factor = np.where(ok, n_t * np.sqrt(n_c / (n_c - 1.0)) / n_c, 0.0)
            m_total += np.where(ok, n_t, 0.0).reshape(n_keys, width).sum(axis=1)
            s_total += np.where(ok, s_t - n_t * mean_c, 0.0).reshape(n_keys, width).sum(axis=1)

            cell_ok = ok[cell]
            dev = change - mean_c[cell]
            tm_ok = tm & cell_ok
            cm_ok = cm & cell_ok
            local = np.flatnonzero(member)
            rows, slots = r[local], slot_of[local]
            t_dev[rows, slots] += np.where(tm_ok, dev, 0.0).sum(axis=1)[local]
            t_cnt[rows, slots] += tm_ok.sum(axis=1)[local]
            c_raw[rows, slots] -= np.where(cm_ok, c_factor[cell] * dev, 0.0).sum(axis=1)[local]
            c_used[rows, slots] |= cm_ok.any(axis=1)[local]

    with np.errstate(divide="ignore", invalid="ignore"):
        theta = np.where(m_total > 0, s_total / m_total, np.nan)
    keys = np.where(in_scope[:, None], grp[:, None] * n_slots + np.arange(n_slots)[None, :], 0)
    coached = (t_cnt > 0) & in_scope[:, None]
    comparison = c_used & in_scope[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        m_unit = m_total[keys]
        psi_t = np.where(coached, (t_dev - t_cnt * np.nan_to_num(theta[keys])) / m_unit, 0.0)
        psi_c = np.where(comparison, c_raw / m_unit, 0.0)

    def per_key(values: np.ndarray) -> np.ndarray:
        return np.bincount(keys[in_scope].ravel(), weights=values[in_scope].ravel(), minlength=n_keys)

    n_t_units = per_key(coached.astype(float))
    n_c_units = per_key(comparison.astype(float))
    with np.errstate(divide="ignore", invalid="ignore"):
        a_t = np.where(n_t_units > 1, np.sqrt(n_t_units / (n_t_units - 1.0)), np.nan)
        v_t = per_key(psi_t**2) * a_t**2
        v_c = per_key(psi_c**2)
        v = per_key((np.nan_to_num(a_t[keys]) * psi_t + psi_c) ** 2)
        df = (v_t + v_c) ** 2 / (v_t**2 / (n_t_units - 1.0) + v_c**2 / (n_c_units - 1.0))
        se = np.where((n_t_units > 1) & (n_c_units > 1), np.sqrt(v), np.nan)

    shape = (n_groups, n_slots)
    return GroupedEstimate(
        metric=metric,
        groups=grp,
        estimate=theta.reshape(shape),
        se=se.reshape(shape),
        df=np.where(np.isfinite(df), df, np.nan).reshape(shape),
        n_coached=n_t_units.astype(np.int64).reshape(shape),
        n_comparison=n_c_units.astype(np.int64).reshape(shape),
        coached=coached,
        comparison=comparison,
    )
