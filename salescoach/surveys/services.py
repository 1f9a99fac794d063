"""Changes to pulse surveys: templates, runs, and anonymous responses.

Answering writes nothing that ties the answers to the person: the invitation only
learns *that* they took part, the response has no person, no time and a random key,
and the run's responses are then rewritten in a random order (``_shake``). Nothing
about answering goes to the audit log either: that would be a link.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salescoach.core.queue import enqueue_on_commit
from salescoach.organisations.models import Membership, MembershipStatus, Team
from salescoach.privacy.services import RefusedReference, records_refused_references
from salescoach.surveys import rules
from salescoach.surveys.models import (
    LIKERT_MAX,
    LIKERT_MIN,
    QuestionKind,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
    SurveyRun,
    SurveyTemplate,
)

MAX_QUESTIONS = 30
MAX_ANSWER = 2000
MAX_RUN_DAYS = 92

_shuffler = random.SystemRandom()


def _text(value: Any, *, field: str, max_length: int, required: bool = False) -> str:
    text = (value if isinstance(value, str) else "").strip()
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > max_length:
        raise ValidationError({field: _("This can be at most %(max)d characters.") % {"max": max_length}})
    return text


# --- templates --------------------------------------------------------------------------------


@transaction.atomic
def template_create(
    *, actor: Membership, name: str, description: str = "", questions: Iterable[Mapping[str, Any]]
) -> SurveyTemplate:
    """An organisation's own template (programme owner). Questions: {"kind", "text", "required"}."""
    if not rules.can_manage_templates(actor):
        raise PermissionDenied(_("Only a programme owner can write survey templates."))
    name = _text(name, field="name", max_length=150, required=True)
    description = _text(description, field="description", max_length=2000)
    cleaned: list[SurveyQuestion] = []
    for item in questions:
        text = _text(item.get("text"), field="questions", max_length=300)
        if not text:
            continue
        kind = item.get("kind") or QuestionKind.LIKERT
        if kind not in QuestionKind.values:
            raise ValidationError({"questions": _("Unknown kind of question: “%(kind)s”.") % {"kind": kind}})
        required = bool(item.get("required", kind == QuestionKind.LIKERT))
        cleaned.append(SurveyQuestion(kind=kind, text=text, required=required, position=len(cleaned) + 1))
    if not any(q.kind == QuestionKind.LIKERT for q in cleaned):
        raise ValidationError({"questions": _("Add at least one statement to agree or disagree with.")})
    if len(cleaned) > MAX_QUESTIONS:
        raise ValidationError(
            {"questions": _("A survey can have at most %(max)d questions.") % {"max": MAX_QUESTIONS}}
        )
    template = SurveyTemplate.objects.create(
        organisation_id=actor.organisation_id, name=name, description=description, created_by=actor
    )
    for question in cleaned:
        question.template = template
    SurveyQuestion.objects.bulk_create(cleaned)
    return template


# --- runs -------------------------------------------------------------------------------------------


def _group(
    actor: Membership, team_id: Any, member_ids: Iterable[Any] | None
) -> tuple[Team | None, list[Membership]]:
    ids = [m for m in (member_ids or []) if m not in (None, "")]
    if (team_id in (None, "")) == (not ids):
        raise ValidationError({"team": _("Choose a team, or the people to invite -- not both.")})
    if team_id not in (None, ""):
        team = Team.objects.filter(rules.surveyable_teams_q(actor), pk=_as_int(team_id) or 0).first()
        if team is None:
            raise RefusedReference(
                {"team": _("You can only survey the teams you manage.")}, model=Team, ids=[team_id]
            )
        members = list(
            Membership.objects.filter(team=team, status=MembershipStatus.ACTIVE)
            .exclude(pk__in=[team.manager_id, actor.pk])
            .select_related("user")
        )
        return team, members
    wanted = {_as_int(m) for m in ids}
    members = list(
        Membership.objects.filter(
            rules.surveyable_members_q(actor), pk__in=[w for w in wanted if w is not None]
        ).select_related("user")
    )
    if len(members) != len(wanted):
        raise RefusedReference(
            {"members": _("You can only invite the people you lead.")},
            model=Membership,
            ids=wanted - {m.pk for m in members},
            subject_column="id",
        )
    return None, members


def _as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@records_refused_references
@transaction.atomic
def run_create(
    *,
    actor: Membership,
    template_id: Any,
    title: str,
    opens_on: date | None,
    closes_on: date | None,
    team_id: Any = None,
    member_ids: Iterable[Any] | None = None,
) -> SurveyRun:
    """Start a survey for a team or a list of people, and invite them by e-mail."""
    if not rules.can_run_surveys(actor):
        raise PermissionDenied(_("Only a programme owner or a manager can start a survey."))
    template = SurveyTemplate.objects.filter(
        rules.visible_templates_q(actor), pk=_as_int(template_id) or 0
    ).first()
    if template is None:
        raise RefusedReference(
            {"template": _("Choose one of the survey templates.")}, model=SurveyTemplate, ids=[template_id]
        )
    title = _text(title, field="title", max_length=150) or template.display_name
    today = timezone.localdate()
    if opens_on is None or closes_on is None:
        raise ValidationError({"closes_on": _("Choose when the survey opens and closes.")})
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("The survey closes before it opens.")})
    if closes_on < today:
        raise ValidationError({"closes_on": _("The closing date has already passed.")})
    if (closes_on - opens_on).days > MAX_RUN_DAYS:
        raise ValidationError(
            {"closes_on": _("A survey can be open for at most %(days)d days.") % {"days": MAX_RUN_DAYS}}
        )
    team, members = _group(actor, team_id, member_ids)
    threshold = actor.organisation.min_group_size
    if len(members) < threshold:
        raise ValidationError(
            {
                "team" if team is not None else "members": _(
                    "This group has %(n)d people. Results are shown only for at least %(k)d responses, "
                    "so nobody would ever see them: choose a bigger group."
                )
                % {"n": len(members), "k": threshold}
            }
        )
    run = SurveyRun.objects.create(
        organisation_id=actor.organisation_id,
        template=template,
        title=title,
        team=team,
        created_by=actor,
        opens_on=opens_on,
        closes_on=closes_on,
        invited_count=len(members),
    )
    # Invitations in a random order too: their order says nothing about anyone.
    _shuffler.shuffle(members)
    SurveyInvitation.objects.bulk_create([SurveyInvitation(run=run, membership=m) for m in members])
    from salescoach.surveys.tasks import send_survey_invitations

    enqueue_on_commit(send_survey_invitations, run.pk)
    return run


@transaction.atomic
def run_close(*, actor: Membership, run: SurveyRun) -> SurveyRun:
    """Close a survey before its closing date; its results can then be shown."""
    if not rules.can_close_run(actor, run):
        raise PermissionDenied(
            _("Only the person who started the survey, the team's manager or a programme owner can close it.")
        )
    run = SurveyRun.objects.select_for_update().get(pk=run.pk)
    if run.is_closed:
        raise ValidationError(_("This survey is already closed."))
    run.closed_early_at = timezone.now()
    run.save(update_fields=["closed_early_at"])
    return run


# --- answering ---------------------------------------------------------------------------------------


def _clean_answers(
    questions: list[SurveyQuestion], answers: Mapping[Any, Any]
) -> list[tuple[int, int | None, str]]:
    by_id = {q.pk: q for q in questions}
    errors: dict[str, str] = {}
    for key in answers:
        if _as_int(key) not in by_id:
            errors["answers"] = _("This question is not part of the survey.")
    cleaned: list[tuple[int, int | None, str]] = []
    for question in questions:
        raw = answers.get(question.pk, answers.get(str(question.pk)))
        field = f"q{question.pk}"
        if question.kind == QuestionKind.LIKERT:
            if raw in (None, ""):
                if question.required:
                    errors[field] = _("Choose an answer.")
                continue
            value = raw if isinstance(raw, int) and not isinstance(raw, bool) else _as_int(raw)
            if value is None or isinstance(raw, bool) or not LIKERT_MIN <= value <= LIKERT_MAX:
                errors[field] = _("Choose an answer from 1 to 5.")
                continue
            cleaned.append((question.pk, value, ""))
        else:
            text = raw.strip() if isinstance(raw, str) else ""
            if not text:
                if question.required:
                    errors[field] = _("Write an answer.")
                continue
            if len(text) > MAX_ANSWER:
                errors[field] = _("This can be at most %(max)d characters.") % {"max": MAX_ANSWER}
                continue
            cleaned.append((question.pk, None, text))
    if errors:
        raise ValidationError(errors)
    return cleaned


def _shake(run: SurveyRun) -> None:
    """Rewrite all of the run's responses, with new random keys, in a random order, in
    this one transaction: afterwards no row's position, key or version tells which
    response came last -- or first."""
    responses = list(SurveyResponse.objects.filter(run=run).prefetch_related("answers"))
    contents = [[(a.question_id, a.value, a.text) for a in r.answers.all()] for r in responses]
    _shuffler.shuffle(contents)
    SurveyAnswer.objects.filter(response__run=run).delete()
    SurveyResponse.objects.filter(run=run).delete()
    fresh = SurveyResponse.objects.bulk_create([SurveyResponse(run=run) for _ in contents])
    answers = [
        SurveyAnswer(response=response, question_id=question_id, value=value, text=text)
        for response, items in zip(fresh, contents, strict=True)
        for question_id, value, text in items
    ]
    _shuffler.shuffle(answers)
    SurveyAnswer.objects.bulk_create(answers)


@transaction.atomic
def response_submit(*, actor: Membership, run: SurveyRun, answers: Mapping[Any, Any]) -> None:
    """Answer a survey one was invited to, once, anonymously.

    ``answers`` maps question id to 1..5 (statements) or text (open questions).
    """
    run = SurveyRun.objects.select_for_update().select_related("template").get(pk=run.pk)
    invitation = SurveyInvitation.objects.select_for_update().filter(run=run, membership=actor).first()
    if invitation is None:
        raise PermissionDenied(_("You were not invited to this survey."))
    if invitation.responded:
        raise ValidationError(
            _("You have already taken part. Answers cannot be changed, because they are not linked to you.")
        )
    if not run.is_open:
        raise ValidationError(_("This survey is not open."))
    cleaned = _clean_answers(list(run.template.questions.all()), answers)
    response = SurveyResponse.objects.create(run=run)
    SurveyAnswer.objects.bulk_create(
        [SurveyAnswer(response=response, question_id=q, value=v, text=t) for q, v, t in cleaned]
    )
    invitation.responded = True
    invitation.save(update_fields=["responded"])
    _shake(run)
