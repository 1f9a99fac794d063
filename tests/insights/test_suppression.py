"""Privacy thresholds: no group below the organisation's minimum is ever shown, not even
by adding and subtracting figures across filters, bands and periods.

The attacker here is written independently of the suppression code: it takes the figures
that are shown, and looks for any set of 1..m-1 sellers whose total can be computed as a
linear combination of them (its indicator vector lies in the span of the shown figures'
member vectors). Estimates are not sums, so this is the conservative model: whatever can
isolate a group's sum could isolate its estimate.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from itertools import combinations, product

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salescoach.insights.stats.release import FILTER_DIMENSIONS, impact_release
from salescoach.insights.stats.suppression import ROLES, Figure, suppress
from salescoach.insights.stats.synthetic import Scenario, generate


def revealed(member_sets: list[frozenset[int]], minimum: int) -> list[frozenset[int]]:
    """Every group of 1..minimum-1 members whose total follows from the shown figures."""
    sets = [s for s in member_sets if s]
    if not sets:
        return []
    elements = sorted(set().union(*sets))
    matrix = np.array([[e in s for e in elements] for s in sets], dtype=float)
    rank = np.linalg.matrix_rank(matrix)

    def in_span(group: frozenset[int]) -> bool:
        vector = np.array([[e in group for e in elements]], dtype=float)
        return np.linalg.matrix_rank(np.vstack([matrix, vector])) == rank

    found = []
    if len(elements) <= 12:
        # Small enough to try every group outright.
        for size in range(1, minimum):
            found += [frozenset(g) for g in combinations(elements, size) if in_span(frozenset(g))]
        return found
    # Members that are in exactly the same figures can only be revealed together, so a
    # revealed group is a union of such classes.
    classes: dict[tuple[bool, ...], list[int]] = defaultdict(list)
    for column, element in enumerate(elements):
        classes[tuple(matrix[:, column].astype(bool))].append(element)
    small = [frozenset(c) for c in classes.values() if len(c) < minimum]
    for count in range(1, minimum):
        for chosen in combinations(small, count):
            group = frozenset().union(*chosen)
            if len(group) < minimum and in_span(group):
                found.append(group)
    return found


def shown_sets(figures: list[Figure], published: set) -> dict[str, list[frozenset[int]]]:
    return {
        role: [frozenset(np.asarray(f.members[role]).tolist()) for f in figures if f.key in published]
        for role in ROLES
    }


def team_with_bands(team: int, core: int, top: int, bottom: int) -> list[Figure]:
    ids = np.arange(team)
    comparison = np.arange(100, 130)
    return [
        Figure(("team", "all"), {"coached": ids, "comparison": comparison}),
        Figure(("team", "core"), {"coached": ids[:core], "comparison": comparison}),
        Figure(("team", "top"), {"coached": ids[core : core + top], "comparison": comparison}),
        Figure(
            ("team", "bottom"), {"coached": ids[core + top : core + top + bottom], "comparison": comparison}
        ),
    ]


def test_a_team_total_and_its_bands_cannot_be_differenced() -> None:
    figures = team_with_bands(12, core=9, top=2, bottom=1)
    decision = suppress(figures, min_group_size=5)
    assert decision.published == [("team", "all")]
    assert decision.primary == [("team", "top"), ("team", "bottom")]
    # The core band (9) is large enough on its own, but team minus core = 3 sellers.
    assert decision.complementary == [("team", "core")]
    # Without complementary suppression the attacker finds those 3.
    naive = {f.key for f in figures if f.key not in decision.primary}
    assert frozenset({9, 10, 11}) in revealed(shown_sets(figures, naive)["coached"], 5)
    assert revealed(shown_sets(figures, set(decision.published))["coached"], 5) == []


def test_bands_are_shown_when_every_remainder_is_large_enough() -> None:
    figures = team_with_bands(20, core=10, top=5, bottom=5)
    assert suppress(figures, min_group_size=5).published == [f.key for f in figures]
    assert suppress(figures, min_group_size=6).published == [("team", "all"), ("team", "core")]


def test_figures_shown_before_count() -> None:
    earlier = Figure("last month", {"coached": np.arange(10)})
    grown = Figure("this month", {"coached": np.arange(12)})  # two new coached sellers
    assert suppress([grown], min_group_size=5).published == ["this month"]
    decision = suppress([grown], min_group_size=5, released=[earlier])
    assert decision.complementary == ["this month"]
    bigger = Figure("next quarter", {"coached": np.arange(15)})
    assert suppress([bigger], min_group_size=5, released=[earlier]).published == ["next quarter"]


def test_the_threshold_is_never_below_three() -> None:
    with pytest.raises(ValueError):
        suppress([], min_group_size=2)


def test_the_attacker_finds_small_groups_in_an_unprotected_release() -> None:
    """The attack works: with primary suppression alone, a real release leaks."""
    org = generate(Scenario(n_sellers=40, n_periods=14, first_start=3, team_size=7), seed=3)
    release = impact_release(org.panel, "attainment", min_group_size=5)
    naive = {f.key for f in release.family if f.key not in set(release.decision.primary)}
    leaks = [g for role, sets in shown_sets(list(release.family), naive).items() for g in revealed(sets, 5)]
    assert leaks
    assert release.decision.complementary


@st.composite
def organisations(draw: st.DrawFn) -> tuple:
    n_sellers = draw(st.integers(6, 28))
    n_periods = draw(st.integers(8, 14))
    scenario = Scenario(
        n_sellers=n_sellers,
        n_periods=n_periods,
        first_start=2,
        coached_share=draw(st.floats(0.3, 1.0)),
        missing_share=draw(st.sampled_from([0.0, 0.1, 0.3])),
        effect=0.1,
    )
    panel = generate(scenario, seed=draw(st.integers(0, 2**16))).panel

    def attribute(prefix: str, most: int) -> list[str | None]:
        values = [f"{prefix}{k}" for k in range(draw(st.integers(1, most)))]
        return draw(st.lists(st.sampled_from([*values, None]), min_size=n_sellers, max_size=n_sellers))

    attributes = {
        "team": attribute("t", 4),
        "programme": attribute("p", 3),
        "coaching_model": attribute("m", 3),
    }
    panel = dataclasses.replace(panel, attributes=attributes)
    window = st.tuples(st.integers(0, n_periods - 1), st.integers(0, n_periods - 1)).map(
        lambda w: tuple(sorted(w))
    )
    windows = draw(st.lists(st.one_of(st.none(), window), min_size=1, max_size=3, unique=True))
    minimum = draw(st.integers(3, 6))
    metric = draw(st.sampled_from(["attainment", "win_rate", "cycle_length"]))
    return panel, windows, minimum, metric


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisations())
def test_no_combination_of_filters_and_periods_reveals_a_small_group(case: tuple) -> None:
    panel, windows, minimum, metric = case
    release = impact_release(panel, metric, min_group_size=minimum, windows=windows)
    family = list(release.family)
    published = set(release.decision.published)

    # The family holds every combination of filters (a value or "all" per dimension)
    # that has sellers, each whole and by band, for every period window.
    present = {
        tuple((d, panel.attributes[d][i]) for d, pick in zip(FILTER_DIMENSIONS, mask, strict=True) if pick)
        for i in range(panel.n_sellers)
        for mask in product([False, True], repeat=3)
        if all(
            panel.attributes[d][i] is not None
            for d, pick in zip(FILTER_DIMENSIONS, mask, strict=True)
            if pick
        )
    }
    keys = {f.key for f in family}
    for window, filters, slot in product(windows, present, ("all", "top", "core", "bottom")):
        assert (window, filters, slot) in keys

    # Nothing shown about a withheld figure; shown counts are the real group sizes.
    for f in family:
        shown = release.figure(f.key)
        if f.key in published:
            assert shown["n_coached"] == len(f.members["coached"])
            assert shown["n_comparison"] == len(f.members["comparison"])
            for role in ROLES:
                assert len(f.members[role]) == 0 or len(f.members[role]) >= minimum
        else:
            assert shown["n_coached"] is shown["n_comparison"] is shown["estimate"] is None

    # And the attack fails for every role.
    for role, sets in shown_sets(family, published).items():
        assert revealed(sets, minimum) == [], role
