from __future__ import annotations

import subprocess
import sys

import pytest

from salescoach.insights.stats.tdist import t_cdf, t_quantile


@pytest.mark.parametrize(
    ("df", "expected"),
    [(1, 12.706205), (2, 4.302653), (4, 2.776445), (10, 2.228139), (30, 2.042272), (1000, 1.962339)],
)
def test_t_quantiles_match_the_tables(df: float, expected: float) -> None:
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=1e-6)
    assert t_quantile(0.025, df) == pytest.approx(-expected, abs=1e-6)
    assert t_cdf(t_quantile(0.975, df), df) == pytest.approx(0.975, abs=1e-9)


def test_large_degrees_of_freedom_approach_the_normal() -> None:
    assert t_quantile(0.975, 1e9) == pytest.approx(1.959964, abs=1e-6)


def test_the_statistics_core_does_not_need_django() -> None:
    code = (
        "import sys; import salescoach.insights.stats.release, salescoach.insights.stats.synthetic; "
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0  # noqa: S603
