"""Reads of pulse surveys, and their results -- which never describe a small group.

How results stay anonymous, whatever filters and periods are combined:

1. The unit of publication is a *cell*: one question in one run (one group, one
   period). A cell is published only when the run is closed (so no result changes
   while people are still answering -- watching it change would reveal each new
   answer) and both the run's responses and the cell's answers number at least the
   organisation's ``min_group_size``.
2. Every figure shown -- for one run, or pooled over many runs by any filter or
   period -- is a sum over *whole published cells*. A small cell is left out of every
   pool it would belong to (complementary suppression), not merely hidden on its own.
   Two results can therefore only differ by whole published cells, so no difference
   of results, however they were filtered, describes fewer people than the threshold.
   (tests/surveys/test_anonymity.py attacks this with hypothesis.)
3. A count is shown only when it is at least the threshold; otherwise the page says
   "fewer than N".
4. Pooling over periods does not make a group bigger: the same few people answering
   twice are still a few people. That is why a small run is never pooled into a
   bigger figure; to get results for small teams, survey them together as one group.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from salescoach.organisations.models import Membership
from salescoach.surveys import rules
from salescoach.surveys.models import (
    LIKERT_MAX,
    LIKERT_MIN,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyRun,
    SurveyTemplate,
)

# --- lists ---------------------------------------------------------------------------------------


def template_list(*, viewer: Membership) -> QuerySet[SurveyTemplate]:
    return (
        SurveyTemplate.objects.filter(rules.visible_templates_q(viewer))
        .prefetch_related("questions")
        .order_by("organisation_id", "name", "pk")
    )


def template_choices(*, viewer: Membership) -> QuerySet[SurveyTemplate]:
    """Templates for a choice field (no questions loaded)."""
    return SurveyTemplate.objects.filter(rules.visible_templates_q(viewer)).order_by(
        "organisation_id", "name", "pk"
    )


def run_list(
    *, viewer: Membership, template_id: int | None = None, team_id: int | None = None
) -> QuerySet[SurveyRun]:
    """Runs the viewer may follow and see results of (not the ones they answer)."""
    qs = SurveyRun.objects.filter(rules.visible_runs_q(viewer))
    if template_id is not None:
        qs = qs.filter(template_id=template_id)
    if team_id is not None:
        qs = qs.filter(team_id=team_id)
    return (
        qs.select_related("template", "team", "created_by__user")
        .annotate(responded_count=Count("invitations", filter=Q(invitations__responded=True)))
        .order_by("-closes_on", "-pk")
    )


def invited_run_list(*, viewer: Membership) -> QuerySet[SurveyRun]:
    """Runs the viewer was invited to answer (for the answer page)."""
    return (
        SurveyRun.objects.filter(rules.invited_runs_q(viewer))
        .select_related("template")
        .prefetch_related("template__questions")
    )


def my_invitations(*, viewer: Membership) -> QuerySet[SurveyInvitation]:
    """The viewer's own invitations: open ones to answer, and whether they took part."""
    return (
        SurveyInvitation.objects.filter(membership=viewer, run__organisation_id=viewer.organisation_id)
        .select_related("run__template")
        .order_by("-run__closes_on", "-run__pk")
    )


# --- results -------------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    question: SurveyQuestion
    answers: int = 0  # over the published cells only
    distribution: dict[int, int] = field(default_factory=dict)  # Likert value -> answers
    texts: list[str] = field(default_factory=list)  # open answers, sorted (order reveals nothing)
    runs_left_out: int = 0  # runs in the selection where this question had too few answers

    @property
    def published(self) -> bool:
        return self.answers > 0

    @property
    def mean(self) -> float | None:
        if not self.question.is_likert or not self.answers:
            return None
        return sum(v * n for v, n in self.distribution.items()) / self.answers

    def bars(self) -> list[tuple[int, int, int]]:
        """(value, answers, percentage) for each point of the scale."""
        return [
            (v, self.distribution.get(v, 0), round(100 * self.distribution.get(v, 0) / self.answers))
            for v in range(LIKERT_MIN, LIKERT_MAX + 1)
        ]


@dataclass
class RunCell:
    run: SurveyRun
    closed: bool
    published: bool
    responses: int | None  # exact only when published; None means "fewer than the threshold"
    questions_published: set[int] = field(default_factory=set)


@dataclass
class SurveyResults:
    template: SurveyTemplate
    threshold: int
    runs: list[RunCell]
    questions: list[QuestionResult]

    @property
    def published_runs(self) -> list[RunCell]:
        return [c for c in self.runs if c.published]

    @property
    def responses(self) -> int:
        return sum(c.responses or 0 for c in self.published_runs)

    @property
    def runs_left_out(self) -> list[RunCell]:
        return [c for c in self.runs if c.closed and not c.published]

    @property
    def open_runs(self) -> list[RunCell]:
        return [c for c in self.runs if not c.closed]


def survey_results(
    *,
    viewer: Membership,
    template_id: int,
    team_id: int | None = None,
    run_ids: list[int] | None = None,
    closes_from: date | None = None,
    closes_until: date | None = None,
) -> SurveyResults | None:
    """Aggregated answers of the viewer's visible runs of one template, filtered by team,
    runs and the period the runs closed in -- published cell by cell (module docstring).

    None when the template is not one the viewer may use. Five queries at most.
    """
    template = (
        SurveyTemplate.objects.filter(rules.visible_templates_q(viewer), pk=template_id)
        .prefetch_related("questions")
        .first()
    )
    if template is None:
        return None
    threshold = viewer.organisation.min_group_size
    runs_qs = SurveyRun.objects.filter(rules.visible_runs_q(viewer), template=template)
    if team_id is not None:
        runs_qs = runs_qs.filter(team_id=team_id)
    if run_ids is not None:
        runs_qs = runs_qs.filter(pk__in=run_ids)
    if closes_from is not None:
        runs_qs = runs_qs.filter(closes_on__gte=closes_from)
    if closes_until is not None:
        runs_qs = runs_qs.filter(closes_on__lte=closes_until)
    runs = list(
        runs_qs.select_related("team", "template")
        .annotate(response_count=Count("responses", distinct=True))
        .order_by("-closes_on", "-pk")
    )
    questions = list(template.questions.all())
    today = timezone.localdate()

    def closed(run: SurveyRun) -> bool:
        return run.closed_early_at is not None or run.closes_on < today

    cells = {run.pk: RunCell(run=run, closed=closed(run), published=False, responses=None) for run in runs}
    big_runs = [r.pk for r in runs if cells[r.pk].closed and r.response_count >= threshold]
    for pk in big_runs:
        cells[pk].published = True
        cells[pk].responses = next(r.response_count for r in runs if r.pk == pk)

    # Answers per (run, question, value) in the big runs: one query.
    counts: dict[tuple[int, int], dict[int | None, int]] = defaultdict(dict)
    if big_runs:
        rows = (
            SurveyAnswer.objects.filter(response__run_id__in=big_runs)
            .values_list("response__run_id", "question_id", "value")
            .annotate(n=Count("id"))
            .order_by()
        )
        for run_id, question_id, value, n in rows:
            counts[(run_id, question_id)][value] = n

    results = {q.pk: QuestionResult(question=q) for q in questions}
    text_cells: list[tuple[int, int]] = []
    for pk in big_runs:
        for question in questions:
            per_value = counts.get((pk, question.pk), {})
            answered = sum(per_value.values())
            result = results[question.pk]
            if answered < threshold:
                result.runs_left_out += 1
                continue
            cells[pk].questions_published.add(question.pk)
            result.answers += answered
            if question.is_likert:
                for value, n in per_value.items():
                    if value is not None:
                        result.distribution[value] = result.distribution.get(value, 0) + n
            else:
                text_cells.append((pk, question.pk))
    for run in runs:
        if cells[run.pk].closed and run.pk not in big_runs:
            for question in questions:
                results[question.pk].runs_left_out += 1
    if text_cells:
        condition = Q()
        for run_id, question_id in text_cells:
            condition |= Q(response__run_id=run_id, question_id=question_id)
        for question_id, text in SurveyAnswer.objects.filter(condition).values_list("question_id", "text"):
            results[question_id].texts.append(text)
        for result in results.values():
            result.texts.sort(key=str.casefold)
    return SurveyResults(
        template=template,
        threshold=threshold,
        runs=[cells[r.pk] for r in runs],
        questions=[results[q.pk] for q in questions],
    )


def shown_count(count: int, threshold: int) -> int | None:
    """A count of people as it may be shown: exact at the threshold or above, else None."""
    return count if count >= threshold else None
