"""An attacker tries to learn the answers of a group smaller than the threshold by
combining survey results over filters (teams, runs) and periods (closing dates). With
every published figure they know, they solve linear equations: if the answers of a
small group (one run with too few responses, one question answered by too few, or a
single person) can be written as a combination of published figures, the attack works.

It must fail against the real results selector, for any world hypothesis makes up --
and it must succeed against a naive selector, which shows the attacker is competent.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from fractions import Fraction

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salescoach.organisations.models import Role
from salescoach.surveys import selectors, services
from salescoach.surveys.models import SurveyAnswer, SurveyResponse, SurveyRun
from tests.factories import MembershipFactory, OrganisationFactory, TeamFactory

pytestmark = pytest.mark.django_db

TEAMS = 3


# --- the attacker ------------------------------------------------------------------------------------


def rank(rows: list[list[Fraction]]) -> int:
    """Rank by Gaussian elimination over the rationals (exact)."""
    matrix = [row[:] for row in rows if any(row)]
    rank_, column = 0, 0
    width = len(matrix[0]) if matrix else 0
    while rank_ < len(matrix) and column < width:
        pivot = next((r for r in range(rank_, len(matrix)) if matrix[r][column] != 0), None)
        if pivot is None:
            column += 1
            continue
        matrix[rank_], matrix[pivot] = matrix[pivot], matrix[rank_]
        for r in range(len(matrix)):
            if r != rank_ and matrix[r][column] != 0:
                factor = matrix[r][column] / matrix[rank_][column]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank_], strict=True)]
        rank_ += 1
        column += 1
    return rank_


def in_span(target: set[str], published: list[set[str]], universe: list[str]) -> bool:
    """Can the sum over ``target`` be computed from sums over the ``published`` sets?"""
    if not published:
        return False

    def vector(ids: Iterable[str]) -> list[Fraction]:
        chosen = set(ids)
        return [Fraction(1 if a in chosen else 0) for a in universe]

    rows = [vector(s) for s in published]
    return rank(rows) == rank([*rows, vector(target)])


@dataclass(frozen=True)
class Cell:
    run: int
    question: int
    answers: frozenset[str]
    responses: int
    closed: bool


def small_groups(cells: list[Cell], threshold: int) -> list[set[str]]:
    """What the attacker is after: any group of answers smaller than the threshold."""
    targets: list[set[str]] = []
    for cell in cells:
        if 0 < len(cell.answers) < threshold or (cell.answers and cell.responses < threshold):
            targets.append(set(cell.answers))
        targets.extend({a} for a in cell.answers)  # each single person
    return targets


def attack(
    cells: list[Cell], published: dict[int, list[set[str]]], threshold: int
) -> list[tuple[int, set[str]]]:
    """Every small group whose answers follow from the published figures, per question."""
    found = []
    for question, sets in published.items():
        universe = sorted(a for c in cells if c.question == question for a in c.answers)
        for target in small_groups([c for c in cells if c.question == question], threshold):
            if in_span(target, sets, universe):
                found.append((question, target))
    return found


# --- a world made up by hypothesis ---------------------------------------------------------------------


@dataclass(frozen=True)
class RunSpec:
    team: int
    closes: int  # days from today; > 0 means still open
    answers: tuple[tuple[int, int | None], ...]  # per respondent: (required statement, optional statement)


run_specs = st.builds(
    RunSpec,
    team=st.integers(0, TEAMS - 1),
    closes=st.one_of(st.integers(-90, -1), st.integers(-90, -1), st.integers(1, 10)),
    answers=st.lists(
        st.tuples(st.integers(1, 5), st.one_of(st.none(), st.integers(1, 5))), min_size=0, max_size=9
    ).map(tuple),
)


@dataclass(frozen=True)
class Query:
    team: int | None
    closes_from: int | None
    closes_until: int | None
    runs: tuple[int, ...] | None  # indexes into the runs


queries = st.builds(
    Query,
    team=st.one_of(st.none(), st.integers(0, TEAMS - 1)),
    closes_from=st.one_of(st.none(), st.integers(-100, 5)),
    closes_until=st.one_of(st.none(), st.integers(-100, 5)),
    runs=st.one_of(st.none(), st.lists(st.integers(0, 7), min_size=1, max_size=4).map(tuple)),
)

_worlds = itertools.count()


def build_world(threshold: int, specs: list[RunSpec]):  # type: ignore[no-untyped-def]
    """The organisation, its runs and anonymous responses; returns what the test needs."""
    number = next(_worlds)
    org = OrganisationFactory(slug=f"anon-{number}", min_group_size=threshold)
    owner = MembershipFactory(organisation=org, roles=[Role.PROGRAMME_OWNER])
    teams = [TeamFactory(organisation=org, name=f"T{i}", manager__organisation=org) for i in range(TEAMS)]
    template = services.template_create(
        actor=owner,
        name="Pulse",
        questions=[
            {"kind": "likert", "text": "Required statement"},
            {"kind": "likert", "text": "Optional statement", "required": False},
        ],
    )
    required, optional = list(template.questions.all())
    today = timezone.localdate()
    runs, responses, answers = [], [], []
    truth: dict[str, tuple[int, int, int]] = {}  # answer id -> (run, question, value)
    for spec in specs:
        closes_on = today + timedelta(days=spec.closes)
        run = SurveyRun.objects.create(
            organisation=org,
            template=template,
            title="r",
            team=teams[spec.team],
            opens_on=closes_on - timedelta(days=14),
            closes_on=closes_on,
            invited_count=len(spec.answers),
        )
        runs.append(run)
        for first, second in spec.answers:
            response = SurveyResponse(run=run)
            responses.append(response)
            for question, value in ((required, first), (optional, second)):
                if value is not None:
                    answer = SurveyAnswer(response=response, question=question, value=value)
                    answers.append(answer)
                    truth[str(answer.pk)] = (run.pk, question.pk, value)
    SurveyResponse.objects.bulk_create(responses)
    SurveyAnswer.objects.bulk_create(answers)
    return owner, template, teams, runs, truth, (required.pk, optional.pk)


def cells_of(
    runs: list[SurveyRun], truth: dict[str, tuple[int, int, int]], questions: tuple[int, int]
) -> list[Cell]:
    today = timezone.localdate()
    out = []
    for run in runs:
        responses = run.invited_count
        for question in questions:
            ids = frozenset(a for a, (r, q, _v) in truth.items() if r == run.pk and q == question)
            out.append(Cell(run.pk, question, ids, responses, run.closes_on < today))
    return out


# --- the property -------------------------------------------------------------------------------------------


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(
    threshold=st.integers(3, 6),
    specs=st.lists(run_specs, min_size=1, max_size=8),
    asked=st.lists(queries, min_size=1, max_size=10),
)
def test_no_combination_of_filters_and_periods_reveals_a_small_group(
    db: None, threshold: int, specs: list[RunSpec], asked: list[Query]
) -> None:
    owner, template, teams, runs, truth, questions = build_world(threshold, specs)
    owner.organisation.refresh_from_db()
    cells = cells_of(runs, truth, questions)
    by_key = {(c.run, c.question): c for c in cells}
    today = timezone.localdate()
    published: dict[int, list[set[str]]] = {q: [] for q in questions}
    violations: list[str] = []
    for query in asked:
        results = selectors.survey_results(
            viewer=owner,
            template_id=template.pk,
            team_id=teams[query.team].pk if query.team is not None else None,
            run_ids=[runs[i].pk for i in query.runs if i < len(runs)] if query.runs is not None else None,
            closes_from=today + timedelta(days=query.closes_from) if query.closes_from is not None else None,
            closes_until=today + timedelta(days=query.closes_until)
            if query.closes_until is not None
            else None,
        )
        assert results is not None
        for run_cell in results.runs:
            # A count is exact only at the threshold or above.
            if run_cell.responses is not None and run_cell.responses < threshold:
                violations.append(f"a count below the threshold: {run_cell.responses}")
        for item in results.questions:
            included = [
                by_key[(c.run.pk, item.question.pk)]
                for c in results.runs
                if item.question.pk in c.questions_published
            ]
            ids: set[str] = set().union(*(c.answers for c in included)) if included else set()
            # The figures are honest: exactly the answers of the cells it says it used...
            values = [truth[a][2] for a in ids]
            assert item.answers == len(values)
            assert item.distribution == {v: values.count(v) for v in set(values)}
            # ...and those are whole cells of closed runs (no figure moves while people answer).
            violations.extend(f"an open run: {c.run}" for c in included if not c.closed)
            if ids:
                published[item.question.pk].append(ids)
    assert attack(cells, published, threshold) == []
    assert violations == []


def test_the_attacker_breaks_a_naive_selector() -> None:
    """Pooling whole runs whenever the pool reaches the threshold looks safe -- until two
    pools are subtracted. The attacker finds that."""
    big = Cell(1, 1, frozenset({"a1", "a2", "a3", "a4", "a5"}), 5, True)
    small = Cell(2, 1, frozenset({"b1", "b2"}), 2, True)
    threshold = 5

    def naive(cells: list[Cell]) -> set[str] | None:
        pooled = set().union(*(c.answers for c in cells))
        return pooled if len(pooled) >= threshold else None

    published = {1: [s for s in (naive([big]), naive([big, small]), naive([small])) if s is not None]}
    found = attack([big, small], published, threshold)
    assert (1, {"b1", "b2"}) in found  # the small run's answers: pooled minus big


def test_the_real_selector_refuses_that_very_subtraction(people) -> None:  # type: ignore[no-untyped-def]
    owner, template, teams, runs, truth, questions = build_world(
        5,
        [RunSpec(0, -10, tuple((3, None) for _ in range(5))), RunSpec(0, -5, ((1, None), (2, None)))],
    )
    pooled = selectors.survey_results(viewer=owner, template_id=template.pk, team_id=teams[0].pk)
    alone = selectors.survey_results(viewer=owner, template_id=template.pk, run_ids=[runs[0].pk])
    assert pooled is not None and alone is not None
    assert pooled.questions[0].answers == alone.questions[0].answers == 5
    assert pooled.questions[0].distribution == {3: 5}  # the small run is left out of the pool
    assert [c.published for c in pooled.runs] == [False, True]
    assert pooled.runs[0].responses is None  # "fewer than 5", not "2"
