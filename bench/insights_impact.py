"""Speed of the impact estimator: 5,000 sellers x 36 months, all three metrics.

    .venv/bin/python bench/insights_impact.py [--write]

Times the statistics core (no database): the organisation-wide estimate with its three
bands for each metric, then the whole privacy family (organisation, every programme,
coaching model, team and their combinations, each by band) with suppression. With
--write the figures go into docs/PERFORMANCE.md.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._markdown import write_section
from salescoach.insights.stats.impact import estimate_impact
from salescoach.insights.stats.panel import build_panel
from salescoach.insights.stats.release import impact_release
from salescoach.insights.stats.synthetic import Scenario, generate, to_records

METRICS = ("attainment", "win_rate", "cycle_length")
REPEATS = 5


def timed(fn) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    runs = []
    result = None
    for _ in range(REPEATS):
        started = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs), result


def main() -> None:
    scenario = Scenario(n_sellers=5000, n_periods=36, team_size=20, effect=0.05)
    org = generate(scenario, seed=1)
    panel = org.panel
    lines = []

    def org_wide() -> list:
        return [estimate_impact(panel, m) for m in METRICS]

    seconds, results = timed(org_wide)
    coached = int(results[0].n_coached[0, 0])  # type: ignore[index]
    lines.append(
        f"| organisation-wide impact, 3 metrics x (all + 3 bands) | {seconds * 1000:.0f} ms | "
        f"{coached} coached sellers |"
    )
    for metric in METRICS:
        seconds, _ = timed(lambda m=metric: estimate_impact(panel, m))
        lines.append(f"| organisation-wide impact, {metric} | {seconds * 1000:.0f} ms | |")

    seconds, release = timed(lambda: impact_release(panel, "attainment", min_group_size=5))
    family = len(release.family)  # type: ignore[attr-defined]
    shown = len(release.decision.published)  # type: ignore[attr-defined]
    lines.append(
        f"| whole privacy family for one metric (every filter combination x band, with suppression) "
        f"| {seconds * 1000:.0f} ms | {family} figures, {shown} shown |"
    )

    sellers, rows = to_records(org)
    seconds, _ = timed(lambda: build_panel(sellers, rows))
    lines.append(f"| input rows -> arrays (`build_panel`, {len(rows):,} rows) | {seconds * 1000:.0f} ms | |")

    body = "\n".join(
        [
            "## Insights: impact estimator (issue 7)",
            "",
            "`.venv/bin/python bench/insights_impact.py --write` -- synthetic organisation of 5,000 sellers",
            "x 36 months (250 teams, 3 programmes, 4 coaching models, staggered starts), statistics core",
            f"only (no database); median of {REPEATS} runs on this machine ({os.cpu_count()} cores, Python",
            f"{platform.python_version()}). Target: organisation-wide insights <= 2 s.",
            "",
            "| what | time | notes |",
            "|---|---|---|",
            *lines,
        ]
    )
    print(body)
    if "--write" in sys.argv:
        write_section("docs/PERFORMANCE.md", "insights-impact", body)


if __name__ == "__main__":
    main()
