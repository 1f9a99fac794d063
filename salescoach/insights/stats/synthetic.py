"""Synthetic organisations with a known coaching effect.

Used by the tests (does the estimator find what we put in?), by the benchmarks and for
the simulation figures in docs/INSIGHTS.md. Everything the real data can throw at the
method is here: sellers who differ in level, a common trend and season, team-level
shocks, serially correlated noise, staggered coaching starts that favour weaker sellers,
sellers who are never coached, effects that build up over time or only reach one band,
and missing periods.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from salescoach.insights.stats.impact import BANDS, DEFAULT_SETTINGS, Settings
from salescoach.insights.stats.panel import NEVER, Panel, SellerPeriod, SellerRecord, panel_from_arrays

TARGET = 100_000.0
MODELS = ("manager", "senior_seller", "internal_coach", "external_coach")


@dataclass(frozen=True)
class Scenario:
    n_sellers: int = 120
    n_periods: int = 24
    coached_share: float = 0.6  # sellers coached at some point in the periods
    first_start: int = 4  # earliest start (leaves room for a baseline)
    last_start_margin: int = 2  # latest start is n_periods - this
    # The true effect on attainment (fraction of target) of coaching, per seller-period
    # after the start; ``effect_by_band`` overrides it for sellers of a (true) band.
    effect: float = 0.0
    effect_by_band: dict[str, float] = field(default_factory=dict)
    ramp_periods: int = 0  # the effect grows linearly to its full size over these periods
    win_rate_effect: float = 0.0  # in win-rate points (0.05 = 5 points)
    cycle_effect: float = 0.0  # in days
    level_sd: float = 0.2  # sellers differ in attainment level
    # Clearly separated top / core / bottom performers (20/60/20) instead of one spread,
    # so that a band seen in the data is the seller's true band.
    separated_levels: bool = False
    trend: float = 0.004  # common change per period
    season: float = 0.06  # amplitude of a yearly season
    team_size: int = 10
    team_shock_sd: float = 0.015  # a random walk per team
    noise_sd: float = 0.12
    ar: float = 0.5  # serial correlation of a seller's noise
    selection: float = 1.0  # weaker sellers start earlier (0: timing unrelated to level)
    missing_share: float = 0.03  # seller-periods without a target
    deals_per_period: float = 8.0


@dataclass(frozen=True)
class SyntheticOrganisation:
    panel: Panel
    scenario: Scenario
    true_band: np.ndarray  # "top" / "core" / "bottom" from the latent level
    truth: dict[str, float]  # the average true effect over the estimator's target seller-periods


def _band_of_level(level: np.ndarray) -> np.ndarray:
    pct = np.argsort(np.argsort(level)) / len(level)
    return np.where(pct >= 0.8, "top", np.where(pct < 0.2, "bottom", "core"))


def generate(
    scenario: Scenario, seed: int, *, settings: Settings = DEFAULT_SETTINGS
) -> SyntheticOrganisation:
    rng = np.random.default_rng(seed)
    s = scenario
    n, t = s.n_sellers, s.n_periods
    periods = np.arange(t)

    if s.separated_levels:
        true_band = rng.permutation(
            np.array(["top"] * (n // 5) + ["bottom"] * (n // 5) + ["core"] * (n - 2 * (n // 5)))
        )
        centre = {"top": 1.4, "core": 1.0, "bottom": 0.6}
        spread = {"top": 0.04, "core": 0.07, "bottom": 0.04}
        level = np.array([rng.normal(centre[b], spread[b]) for b in true_band])
    else:
        level = 1.0 + rng.normal(0.0, s.level_sd, n)
        true_band = _band_of_level(level)
    team = np.arange(n) // s.team_size
    n_teams = int(team.max()) + 1

    # Coaching starts: a share of sellers, weaker ones earlier when ``selection`` > 0.
    coached = rng.random(n) < s.coached_share
    last = max(s.first_start, t - s.last_start_margin)
    score = -s.selection * (level - 1.0) / max(s.level_sd, 1e-9) + rng.normal(0.0, 1.0, n)
    order = np.argsort(np.argsort(score))  # high score (weak seller) -> early
    frac = 1.0 - order / max(n - 1, 1)
    start = np.where(coached, s.first_start + np.floor(frac * (last - s.first_start + 1)).astype(int), NEVER)
    start = np.where(coached, np.minimum(start, last), NEVER)

    common = s.trend * periods + s.season * np.sin(2 * np.pi * periods / 12.0)
    team_walk = np.cumsum(rng.normal(0.0, s.team_shock_sd, (n_teams, t)), axis=1)
    noise = np.empty((n, t))
    noise[:, 0] = rng.normal(0.0, s.noise_sd, n)
    innovation_sd = s.noise_sd * np.sqrt(1.0 - s.ar**2)
    for j in range(1, t):
        noise[:, j] = s.ar * noise[:, j - 1] + rng.normal(0.0, innovation_sd, n)

    since = periods[None, :] - start[:, None]  # periods since the start (negative before)
    is_treated = since >= 0
    ramp = np.ones((n, t)) if s.ramp_periods <= 0 else np.minimum(1.0, (since + 1) / s.ramp_periods)
    per_seller_effect = np.array([s.effect_by_band.get(b, s.effect) for b in true_band])
    tau = np.where(is_treated, per_seller_effect[:, None] * ramp, 0.0)

    attainment = level[:, None] + common[None, :] + team_walk[team] + noise + tau
    target = np.full((n, t), TARGET)
    target[rng.random((n, t)) < s.missing_share] = np.nan
    won_amount = np.maximum(attainment, 0.0) * TARGET

    # Win rate and cycle length from deal counts: real sampling noise on top of the levels.
    closed = rng.poisson(s.deals_per_period, (n, t)).astype(float)
    p = np.clip(
        0.3
        + 0.5 * (level[:, None] - 1.0)
        + 0.5 * common[None, :]
        + np.where(is_treated, s.win_rate_effect * ramp, 0.0),
        0.02,
        0.98,
    )
    won = rng.binomial(closed.astype(int), p).astype(float)
    lost = closed - won
    cycle_mean = (
        60.0
        - 40.0 * (level[:, None] - 1.0)
        + 10 * common[None, :]
        + np.where(is_treated, s.cycle_effect * ramp, 0.0)
    )
    days = np.where(
        won > 0, won * cycle_mean + rng.normal(0.0, 15.0, (n, t)) * np.sqrt(np.maximum(won, 1.0)), 0.0
    )

    panel = panel_from_arrays(
        seller_ids=np.arange(1, n + 1),
        first_period=0,
        start=start,
        target=target,
        won_amount=won_amount,
        won=won,
        lost=lost,
        won_cycle_days=days,
        attributes={
            "team": [f"team-{k:03d}" for k in team],
            "programme": [f"programme-{k % 3}" for k in team],
            "coaching_model": [MODELS[k % len(MODELS)] for k in team],
        },
    )
    # The estimand: the mean true effect over coached seller-periods in the first
    # ``post_periods`` periods from a start that leaves room for a baseline.
    window = is_treated & (since < settings.post_periods) & (start[:, None] >= settings.min_base_observations)
    truth = {
        "attainment": float(tau[window].mean()) if window.any() else 0.0,
        "win_rate": float(np.where(is_treated, s.win_rate_effect * ramp, 0.0)[window].mean())
        if window.any()
        else 0.0,
        "cycle_length": float(np.where(is_treated, s.cycle_effect * ramp, 0.0)[window].mean())
        if window.any()
        else 0.0,
    }
    return SyntheticOrganisation(panel=panel, scenario=s, true_band=true_band, truth=truth)


def to_records(org: SyntheticOrganisation) -> tuple[list[SellerRecord], list[SellerPeriod]]:
    """The same organisation through the input interface (for tests of that path)."""
    p = org.panel
    sellers = [
        SellerRecord(
            seller_id=int(sid),
            coaching_start=None if p.start[i] >= NEVER else int(p.start[i]) + p.first_period,
            team=p.attributes["team"][i],
            programme=p.attributes["programme"][i],
            coaching_model=p.attributes["coaching_model"][i],
        )
        for i, sid in enumerate(p.seller_ids)
    ]
    att, wr, cl = p.values["attainment"], p.values["win_rate"], p.values["cycle_length"]
    closed, won = p.weights["win_rate"], p.weights["cycle_length"]
    rows = []
    for i, sid in enumerate(p.seller_ids):
        for j in range(p.n_periods):
            has_target = np.isfinite(att[i, j])
            rows.append(
                SellerPeriod(
                    seller_id=int(sid),
                    period=p.first_period + j,
                    target=TARGET if has_target else None,
                    won_amount=float(att[i, j] * TARGET) if has_target else 0.0,
                    won=int(won[i, j]),
                    lost=int(closed[i, j] - won[i, j]) if np.isfinite(wr[i, j]) else 0,
                    won_cycle_days=float(cl[i, j] * won[i, j]) if won[i, j] > 0 else 0.0,
                )
            )
    return sellers, rows


__all__ = ["BANDS", "Scenario", "SyntheticOrganisation", "generate", "to_records"]
