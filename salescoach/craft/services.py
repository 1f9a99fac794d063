"""Writes of the craft app: a coach keeps the counts of an analysed text; a coachee
submits an intake or a re-assessment."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from salescoach.craft import analyser
from salescoach.craft.intake import ITEM_KEYS, REASSESS_AFTER_MONTHS, score
from salescoach.craft.models import Intake, IntakeKind, StyleSample, StyleSource
from salescoach.organisations.models import Membership
from salescoach.privacy import rules

# The longest text the analyser takes in one request: about 15,000 words.
MAX_TEXT_CHARS = 100_000


def check_text(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise ValidationError(
            {
                "text": _("The text can be at most %(limit)s characters long.")
                % {"limit": number_format(MAX_TEXT_CHARS, force_grouping=True)}
            }
        )


def analysis_problem(result: analyser.Analysis) -> str | None:
    """A plain sentence for an analysis that has nothing to label, or None."""
    if result.status == analyser.UNSUPPORTED:
        name = {
            "de": _("German"),
            "fr": _("French"),
            "es": _("Spanish"),
            "it": _("Italian"),
            "pt": _("Portuguese"),
        }.get(result.other_language or "", _("another language"))
        return _(
            "This text looks like %(language)s. The assistant reads Dutch and English only, so it "
            "has not labelled anything."
        ) % {"language": name}
    if result.status == analyser.UNDETERMINED:
        return _("There is too little text to tell whether it is Dutch or English. Choose the language.")
    if result.status == analyser.EMPTY:
        return _("There is nothing to analyse yet: the text has no words.")
    return None


def analyse_text(*, text: str, language: str | None, fallback: str | None = None) -> analyser.Analysis:
    """Analyse a text after checking its size; the one way the pages and the API call the analyser."""
    check_text(text)
    return analyser.analyse(text, language, fallback=fallback)


@transaction.atomic
def style_sample_record(
    *,
    actor: Membership,
    text: str,
    language: str | None = None,
    source: str = StyleSource.PRACTICE,
    analysed_on: date | None = None,
) -> StyleSample:
    """Keep the label counts of a coach's text for their own trend -- never the text.

    Other apps (session preparation, ride-along feedback) call this when a coach saves
    a text they wrote, with their own ``source``.
    """
    if not rules.can_practise_coaching(actor):
        raise PermissionDenied(_("Only coaches keep a coaching-style trend."))
    if source not in StyleSource.values:
        raise ValidationError({"source": _("Unknown source.")})
    result = analyse_text(text=text, language=language)
    problem = analysis_problem(result)
    if problem:
        raise ValidationError({"text": problem})
    counts = result.counts
    return StyleSample.objects.create(
        organisation_id=actor.organisation_id,
        coach=actor,
        analysed_on=analysed_on or timezone.localdate(),
        source=source,
        language=result.language or "",
        open_questions=counts[analyser.OPEN],
        closed_questions=counts[analyser.CLOSED],
        directives=counts[analyser.DIRECTIVE],
        statements=counts[analyser.STATEMENT],
    )


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def clean_answers(raw: dict[str, Any]) -> dict[str, int]:
    answers: dict[str, int] = {}
    errors: dict[str, str] = {}
    for key in ITEM_KEYS:
        value = raw.get(key)
        try:
            number = int(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            number = 0
        if not 1 <= number <= 5:
            errors[key] = _("Choose an answer from 1 to 5.")
        else:
            answers[key] = number
    if errors:
        raise ValidationError(errors)
    return answers


def next_assessment_date(latest: Intake) -> date:
    return add_months(latest.taken_on, REASSESS_AFTER_MONTHS)


@transaction.atomic
def intake_submit(*, actor: Membership, answers: dict[str, Any], taken_on: date | None = None) -> Intake:
    """The coachee's intake, or -- three months after the last one -- their re-assessment."""
    if not rules.can_take_intake(actor):
        raise PermissionDenied(_("The intake is for professionals who are asked to sell."))
    cleaned = clean_answers(answers)
    today = taken_on or timezone.localdate()
    # Lock the coachee's row so two submissions at once cannot both become the intake.
    Membership.objects.select_for_update().filter(pk=actor.pk).first()
    history = list(Intake.objects.filter(coachee=actor).order_by("taken_on", "pk"))
    baseline = history[0] if history else None
    if history:
        due = next_assessment_date(history[-1])
        if today < due:
            raise ValidationError(
                _("Your next re-assessment is possible from %(date)s.") % {"date": date_format(due, "j F Y")}
            )
    scores = score(cleaned)
    return Intake.objects.create(
        organisation_id=actor.organisation_id,
        coachee=actor,
        kind=IntakeKind.REASSESSMENT if baseline else IntakeKind.INTAKE,
        taken_on=today,
        baseline=baseline,
        answers=cleaned,
        role_score=scores.role,
        fear_score=scores.fear,
        capacity_score=scores.capacity,
        focus=scores.focus,
    )
