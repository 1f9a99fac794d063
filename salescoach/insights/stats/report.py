"""From estimates to the figures the product shows: the contract shape and the verdict.

Verdict rules (docs/INSIGHTS.md explains them to programme owners):

- ``insufficient_data`` when the figure is withheld for privacy, or fewer than
  ``MIN_COACHED`` coached sellers or ``MIN_COMPARISON`` comparison sellers qualify, or
  no interval can be computed. A coached seller qualifies with values in at least 2 of
  the 3 periods before their start and at least one period in the 12 from their start,
  in a period where at least 2 comparison sellers of the same selection have values too.
  Then estimate and interval are ``null``: never a made-up number.
- ``effect`` when the 95% interval lies wholly above or wholly below zero.
- ``no_effect_detected`` otherwise: the data are compatible with no effect (which is not
  the same as showing there is none; the interval says how large an effect could hide).
"""

from __future__ import annotations

import math
from typing import Any

from salescoach.insights.stats.tdist import t_quantile

CONFIDENCE = 0.95
MIN_COACHED = 5
MIN_COMPARISON = 5

INSUFFICIENT = "insufficient_data"
EFFECT = "effect"
NO_EFFECT = "no_effect_detected"
VERDICTS = (EFFECT, NO_EFFECT, INSUFFICIENT)

# Rounding: results are fractions (attainment, win rate) or days (cycle length); more
# digits would be false precision.
DIGITS = 4


def figure(
    metric: str,
    *,
    estimate: float,
    se: float,
    df: float,
    n_coached: int,
    n_comparison: int,
    shown: bool = True,
    confidence: float = CONFIDENCE,
) -> dict[str, Any]:
    """One figure in the contract shape (without ``by_band``)."""
    if not shown:
        # Withheld for privacy: not even the group sizes are shown.
        return _insufficient(metric, None, None, confidence)
    enough = n_coached >= MIN_COACHED and n_comparison >= MIN_COMPARISON
    usable = all(math.isfinite(x) for x in (estimate, se, df)) and se > 0 and df >= 1
    if not (enough and usable):
        return _insufficient(metric, n_coached, n_comparison, confidence)
    half = t_quantile(0.5 + confidence / 2.0, df) * se
    # The verdict follows the interval as shown, so the two never disagree.
    low, high = round(estimate - half, DIGITS), round(estimate + half, DIGITS)
    return {
        "metric": metric,
        "estimate": round(estimate, DIGITS),
        "ci_low": low,
        "ci_high": high,
        "confidence": confidence,
        "n_coached": int(n_coached),
        "n_comparison": int(n_comparison),
        "verdict": EFFECT if (low > 0 or high < 0) else NO_EFFECT,
    }


def _insufficient(
    metric: str, n_coached: int | None, n_comparison: int | None, confidence: float
) -> dict[str, Any]:
    return {
        "metric": metric,
        "estimate": None,
        "ci_low": None,
        "ci_high": None,
        "confidence": confidence,
        "n_coached": n_coached,
        "n_comparison": n_comparison,
        "verdict": INSUFFICIENT,
    }


def empty_report(metric: str) -> dict[str, Any]:
    """The honest answer without data: nobody to compare."""
    result = _insufficient(metric, 0, 0, CONFIDENCE)
    result["by_band"] = {band: _insufficient(metric, 0, 0, CONFIDENCE) for band in ("top", "core", "bottom")}
    return result
