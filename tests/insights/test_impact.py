"""The impact estimator on synthetic organisations with a known effect.

Deterministic seeds throughout; longer runs are in bench/insights_simulation.py.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from salescoach.insights.stats.impact import SLOTS, estimate_impact
from salescoach.insights.stats.panel import NEVER, Panel, SellerPeriod, SellerRecord, build_panel
from salescoach.insights.stats.report import figure
from salescoach.insights.stats.synthetic import Scenario, generate, to_records

METRICS = ("attainment", "win_rate", "cycle_length")


def by_slot(panel: Panel, metric: str) -> dict[str, dict]:
    est = estimate_impact(panel, metric)
    return {
        slot: figure(
            metric,
            estimate=float(est.estimate[0, s]),
            se=float(est.se[0, s]),
            df=float(est.df[0, s]),
            n_coached=int(est.n_coached[0, s]),
            n_comparison=int(est.n_comparison[0, s]),
        )
        for s, slot in enumerate(SLOTS)
    }


def headline(panel: Panel, metric: str, slot: str = "all") -> dict:
    return by_slot(panel, metric)[slot]


def covers(result: dict, value: float) -> bool:
    return result["ci_low"] <= value <= result["ci_high"]


def test_without_an_effect_the_interval_holds_zero_at_the_stated_rate() -> None:
    """200 organisations without any effect: the 95% interval must contain zero in about
    95% of them, for each metric. Binomial(200, 0.95) lies in 181..197 with
    probability 0.995."""
    scenario = Scenario(n_sellers=80, n_periods=20, team_size=10)
    hits = dict.fromkeys(METRICS, 0)
    estimates: dict[str, list[float]] = {m: [] for m in METRICS}
    for seed in range(200):
        org = generate(scenario, seed=1000 + seed)
        for metric in METRICS:
            result = headline(org.panel, metric)
            hits[metric] += covers(result, 0.0)
            estimates[metric].append(result["estimate"])
    for metric in METRICS:
        assert 181 <= hits[metric] <= 197, (metric, hits[metric])
        spread = np.std(estimates[metric])
        # Unbiased: the mean of 200 estimates lies within 3 standard errors of zero.
        assert abs(np.mean(estimates[metric])) < 3 * spread / math.sqrt(200), metric


@pytest.mark.parametrize(
    "scenario",
    [
        Scenario(effect=0.10),
        Scenario(effect=0.10, selection=2.0, trend=0.01, season=0.1),  # strong selection, steep trend
        Scenario(effect=0.12, ramp_periods=6),  # the effect builds up
        Scenario(
            effect=-0.08, coached_share=1.0, n_periods=30
        ),  # a harmful effect, everyone coached in the end
        Scenario(effect=0.10, ar=0.9, missing_share=0.2),  # persistent noise, many missing months
    ],
    ids=["constant", "selection-and-trend", "ramp", "harm-no-never-coached", "persistent-noise-missing"],
)
def test_a_known_effect_is_recovered_within_its_interval(scenario: Scenario) -> None:
    covered = 0
    errors = []
    for seed in range(20):
        org = generate(scenario, seed=seed)
        result = headline(org.panel, "attainment")
        assert result["verdict"] == "effect", (seed, result)
        assert (result["estimate"] > 0) == (org.truth["attainment"] > 0)
        covered += covers(result, org.truth["attainment"])
        errors.append(result["estimate"] - org.truth["attainment"])
    assert covered >= 16  # 20 draws at 95%: 16 or more with probability 0.997
    assert abs(np.mean(errors)) < 0.01  # bias below one attainment point


def test_win_rate_and_cycle_length_effects_are_recovered() -> None:
    org = generate(Scenario(n_sellers=300, win_rate_effect=0.06, cycle_effect=-8.0), seed=3)
    win = headline(org.panel, "win_rate")
    cycle = headline(org.panel, "cycle_length")
    assert win["verdict"] == cycle["verdict"] == "effect"
    assert covers(win, 0.06) and covers(cycle, -8.0)
    # No attainment effect was put in.
    assert headline(org.panel, "attainment")["verdict"] == "no_effect_detected"


def test_a_core_only_effect_is_found_in_the_core_band_only() -> None:
    # Bands come from observed attainment; with clearly different performers they match
    # the true ones. How an effect leaks into neighbouring bands when performers differ
    # little: bench/insights_simulation.py and docs/INSIGHTS.md.
    scenario = Scenario(n_sellers=600, effect_by_band={"core": 0.12}, separated_levels=True, noise_sd=0.08)
    found = {"top": 0, "core": 0, "bottom": 0}
    covered = 0
    estimates: dict[str, list[float]] = {band: [] for band in found}
    for seed in range(10):
        figures = by_slot(generate(scenario, seed=seed).panel, "attainment")
        for band in found:
            found[band] += figures[band]["verdict"] == "effect"
            estimates[band].append(figures[band]["estimate"])
        covered += covers(figures["core"], 0.12)
        assert 0.0 < figures["all"]["estimate"] < figures["core"]["estimate"]
    assert found["core"] == 10 and covered >= 8
    # Top and bottom: no effect, so "effect" only at the 5% false-alarm rate
    # (at most 2 of 10 with probability 0.99).
    assert found["top"] <= 2 and found["bottom"] <= 2
    assert abs(np.mean(estimates["top"])) < 0.012 and abs(np.mean(estimates["bottom"])) < 0.012
    assert np.mean(estimates["core"]) == pytest.approx(0.12, abs=0.01)


def test_the_interval_accounts_for_repeated_observations_of_a_seller() -> None:
    """The analytic seller-clustered standard error agrees with a bootstrap that resamples
    whole sellers (their periods stay together)."""
    org = generate(Scenario(ar=0.8), seed=5)
    p = org.panel
    analytic = float(estimate_impact(p, "attainment").se[0, 0])
    rng = np.random.default_rng(0)
    draws = []
    for _ in range(150):
        rows = rng.integers(0, p.n_sellers, p.n_sellers)
        resampled = Panel(
            seller_ids=p.seller_ids[rows],
            first_period=p.first_period,
            start=p.start[rows],
            values={m: v[rows] for m, v in p.values.items()},
            weights={m: w[rows] for m, w in p.weights.items()},
        )
        draws.append(float(estimate_impact(resampled, "attainment").estimate[0, 0]))
    assert analytic == pytest.approx(np.std(draws, ddof=1), rel=0.2)


def twfe(panel: Panel) -> float:
    """The naive two-way fixed-effects coefficient on 'coached now' (balanced panel)."""
    y = panel.values["attainment"]
    d = (np.arange(y.shape[1])[None, :] >= panel.start[:, None]).astype(float)

    def demean(a: np.ndarray) -> np.ndarray:
        return a - a.mean(axis=1, keepdims=True) - a.mean(axis=0, keepdims=True) + a.mean()

    yd, dd = demean(y), demean(d)
    return float((yd * dd).sum() / (dd * dd).sum())


def test_two_way_fixed_effects_is_biased_where_this_estimator_is_not() -> None:
    """Effects that grow with time since the start, every seller coached in the end:
    TWFE compares late starters with early ones already coached and gets it wrong."""
    scenario = Scenario(
        n_sellers=400, n_periods=36, coached_share=1.0, effect=0.3, ramp_periods=24, missing_share=0.0
    )
    org = generate(scenario, seed=2)
    truth = org.truth["attainment"]
    ours = headline(org.panel, "attainment")
    assert covers(ours, truth)
    naive = twfe(org.panel)
    assert abs(naive - truth) > 4 * abs(ours["estimate"] - truth)
    assert abs(naive - truth) > 0.03


def test_insufficient_data_never_gives_a_number() -> None:
    base = generate(Scenario(n_sellers=60), seed=1).panel

    def variant(start: np.ndarray) -> Panel:
        return Panel(base.seller_ids, base.first_period, start, base.values, base.weights)

    nobody = variant(np.full(base.n_sellers, NEVER))
    four = variant(np.where(np.arange(base.n_sellers) < 4, 8, NEVER))
    everybody_at_once = variant(np.full(base.n_sellers, 8))  # nobody left to compare with
    from_the_start = variant(np.where(np.arange(base.n_sellers) < 30, 1, NEVER))  # no baseline
    empty = build_panel([], [])
    for panel in (nobody, four, everybody_at_once, from_the_start):
        for metric in METRICS:
            for slot in SLOTS:
                result = headline(panel, metric, slot)
                assert result["verdict"] == "insufficient_data"
                assert result["estimate"] is result["ci_low"] is result["ci_high"] is None
    assert headline(four, "attainment")["n_coached"] == 4
    assert headline(nobody, "attainment")["n_coached"] == 0
    assert empty.n_sellers == 0


def test_the_input_interface_gives_the_same_panel() -> None:
    org = generate(Scenario(n_sellers=30, n_periods=14, missing_share=0.1), seed=4)
    sellers, rows = to_records(org)
    shifted = build_panel(
        [
            SellerRecord(s.seller_id, None if s.coaching_start is None else s.coaching_start + 24300, s.team)
            for s in sellers
        ],
        [SellerPeriod(**{**r.__dict__, "period": r.period + 24300}) for r in rows],
    )
    assert shifted.first_period == 24300
    np.testing.assert_array_equal(shifted.start, org.panel.start)
    for metric in METRICS:
        np.testing.assert_allclose(shifted.values[metric], org.panel.values[metric], equal_nan=True)
        np.testing.assert_allclose(shifted.weights[metric], org.panel.weights[metric])
    assert headline(shifted, "attainment") == headline(org.panel, "attainment")


def test_selections_at_once_equal_selections_alone() -> None:
    org = generate(Scenario(n_sellers=120, team_size=40), seed=8)
    p = org.panel
    labels, teams = p.labels(("team",))
    together = estimate_impact(p, "attainment", groups=labels, n_groups=len(teams))
    for code in range(len(teams)):
        rows = np.flatnonzero(labels == code)
        alone = estimate_impact(
            Panel(
                p.seller_ids[rows],
                p.first_period,
                p.start[rows],
                {m: v[rows] for m, v in p.values.items()},
                {m: w[rows] for m, w in p.weights.items()},
            ),
            "attainment",
        )
        assert together.estimate[code, 0] == pytest.approx(alone.estimate[0, 0])
        assert together.se[code, 0] == pytest.approx(alone.se[0, 0])
        assert together.n_coached[code, 0] == alone.n_coached[0, 0]
