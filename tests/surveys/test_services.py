"""Pulse surveys: built-in templates, starting a survey for a group at the threshold,
answering once and anonymously, and closing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.apps import apps
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone, translation

from salescoach.surveys import services
from salescoach.surveys.builtin import BUILTIN_TEMPLATES, sync_builtin_templates
from salescoach.surveys.models import (
    SurveyAnswer,
    SurveyInvitation,
    SurveyResponse,
    SurveyRun,
    SurveyTemplate,
)
from tests.conftest import People
from tests.surveys.helpers import answer_all, builtin, grow_team, likert_answers, start_run

pytestmark = pytest.mark.django_db


# --- templates -----------------------------------------------------------------------------------


def test_the_built_in_templates_exist_in_both_languages() -> None:
    keys = set(SurveyTemplate.objects.filter(organisation=None).values_list("key", flat=True))
    assert keys == {"team-pulse", "coach-acceptance", "internal-coach-respect"}
    acceptance = builtin("coach-acceptance")
    texts = [q.display_text for q in acceptance.questions.all()]
    assert "My coach is on my side, not there to report on me to upper management." in texts
    with translation.override("nl"):
        assert acceptance.display_name == "Vertrouwen in de coach"
        dutch = [q.display_text for q in acceptance.questions.all()]
        assert any("hogere management" in t for t in dutch), dutch
        assert builtin("internal-coach-respect").display_name == "Respect voor de interne coach"
    assert sum(len(t.questions) for t in BUILTIN_TEMPLATES) == builtin_question_count()
    assert sync_builtin_templates() == 0  # idempotent: nothing missing, nothing changed


def builtin_question_count() -> int:
    from salescoach.surveys.models import SurveyQuestion

    return SurveyQuestion.objects.filter(template__organisation=None).count()


def test_the_owner_writes_a_template(people: People) -> None:
    template = services.template_create(
        actor=people.owner,
        name="Onboarding",
        questions=[{"text": "I know who to ask."}, {"kind": "text", "text": "What is missing?"}],
    )
    assert [(q.kind, q.required) for q in template.questions.all()] == [("likert", True), ("text", False)]
    with pytest.raises(PermissionDenied):
        services.template_create(actor=people.manager, name="X", questions=[{"text": "Y"}])
    with pytest.raises(ValidationError):
        services.template_create(
            actor=people.owner, name="X", questions=[{"kind": "text", "text": "Only open"}]
        )
    with pytest.raises(ValidationError):
        services.template_create(actor=people.owner, name="X", questions=[{"kind": "essay", "text": "Y"}])


# --- starting a survey -----------------------------------------------------------------------------


def test_a_manager_surveys_their_team_and_everyone_is_invited(
    people: People, django_capture_on_commit_callbacks
) -> None:
    members = grow_team(people.team, 5)
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(people.manager, team=people.team)
    invited = set(run.invitations.values_list("membership_id", flat=True))
    assert invited == {m.pk for m in members} and people.manager.pk not in invited
    assert run.invited_count == 5
    assert len(mail.outbox) == 5
    assert f"/surveys/runs/{run.pk}/answer/" in mail.outbox[0].body
    assert "anoniem" in mail.outbox[0].body  # in the recipient's language: Dutch by default


def test_who_may_survey_which_group(people: People) -> None:
    grow_team(people.team, 5)
    grow_team(people.other_team, 5)
    start_run(people.owner, team=people.other_team)  # the owner: any team
    with pytest.raises(ValidationError) as error:
        start_run(people.manager, team=people.other_team)  # not their team
    assert "team" in error.value.error_dict
    for other in (people.seller, people.coach):
        with pytest.raises(PermissionDenied):
            start_run(other, team=people.team)
    with pytest.raises(ValidationError) as error:
        start_run(people.manager, members=[people.seller, people.other_seller, people.colleague])
    assert "members" in error.value.error_dict


def test_a_group_below_the_threshold_is_refused_with_the_reason(people: People) -> None:
    grow_team(people.team, 4)
    with pytest.raises(ValidationError) as error:
        start_run(people.manager, team=people.team)
    assert "This group has 4 people" in error.value.message_dict["team"][0]
    assert not SurveyRun.objects.exists()
    people.org.min_group_size = 4
    people.org.save()
    people.manager.organisation.refresh_from_db()
    start_run(people.manager, team=people.team)


def test_bad_survey_input_is_refused(people: People) -> None:
    grow_team(people.team, 5)
    today = timezone.localdate()
    base = {"actor": people.manager, "template_id": builtin().pk, "title": "P", "team_id": people.team.pk}
    for changes, field in [
        ({"opens_on": today, "closes_on": today - timedelta(days=1)}, "closes_on"),
        ({"opens_on": today - timedelta(days=9), "closes_on": today - timedelta(days=2)}, "closes_on"),
        ({"opens_on": today, "closes_on": today + timedelta(days=200)}, "closes_on"),
        ({"opens_on": today, "closes_on": today, "template_id": 999999}, "template"),
        ({"opens_on": today, "closes_on": today, "member_ids": [people.seller.pk]}, "team"),
        ({"opens_on": today, "closes_on": today, "team_id": None}, "team"),
    ]:
        with pytest.raises(ValidationError) as error:
            services.run_create(**{**base, **changes})
        assert field in error.value.error_dict, changes
    other = services.template_create(actor=people.outsider, name="Theirs", questions=[{"text": "Q"}])
    with pytest.raises(ValidationError):
        services.run_create(**{**base, "template_id": other.pk, "opens_on": today, "closes_on": today})
    assert not SurveyRun.objects.exists()


# --- answering ----------------------------------------------------------------------------------------


def test_answers_are_stored_without_any_link_to_the_person(people: People) -> None:
    grow_team(people.team, 5)
    run = start_run(people.manager, team=people.team)
    services.response_submit(actor=people.seller, run=run, answers=likert_answers(run, 4, "Need more time"))
    invitation = SurveyInvitation.objects.get(run=run, membership=people.seller)
    assert invitation.responded
    response = SurveyResponse.objects.get()
    assert {a.value for a in response.answers.all()} == {4, None}
    assert "Need more time" in {a.text for a in response.answers.all()}
    # Structurally: no relation to a person, no date or time, no sequential key.
    for model in (SurveyResponse, SurveyAnswer):
        for field in model._meta.get_fields():
            related = getattr(field, "related_model", None)
            assert related is None or related._meta.label in {
                "surveys.SurveyRun",
                "surveys.SurveyResponse",
                "surveys.SurveyAnswer",
                "surveys.SurveyQuestion",
            }, (model, field)
            assert not isinstance(field, models.DateField | models.TimeField), (model, field)
        assert isinstance(model._meta.pk, models.UUIDField)
    # Nothing about answering went to the audit log: that would be a link too.
    assert not apps.get_model("privacy", "AuditEntry").objects.exists()


def test_every_new_response_rewrites_the_runs_responses_in_a_random_order(people: People) -> None:
    grow_team(people.team, 6)
    run = start_run(people.manager, team=people.team)
    answer_all(run, [1, 2])
    before = set(SurveyResponse.objects.values_list("id", flat=True))
    contents_before = sorted(SurveyAnswer.objects.values_list("question_id", "value", "text"))
    answer_all_from(run, 2, [3])
    after = set(SurveyResponse.objects.values_list("id", flat=True))
    assert len(after) == 3 and not before & after  # every key is new: the newest is not singled out
    assert set(contents_before) <= set(SurveyAnswer.objects.values_list("question_id", "value", "text"))
    assert SurveyAnswer.objects.count() == len(contents_before) // 2 * 3


def answer_all_from(run: SurveyRun, start: int, values: list[int]) -> None:
    invitees = [i.membership for i in run.invitations.select_related("membership").order_by("pk")][start:]
    for member, value in zip(invitees, values, strict=False):
        services.response_submit(actor=member, run=run, answers=likert_answers(run, value))


def test_one_answers_once_only_when_invited_and_open(people: People) -> None:
    grow_team(people.team, 5)
    run = start_run(people.manager, team=people.team)
    services.response_submit(actor=people.seller, run=run, answers=likert_answers(run, 3))
    with pytest.raises(ValidationError, match="already taken part"):
        services.response_submit(actor=people.seller, run=run, answers=likert_answers(run, 5))
    for outsider in (people.manager, people.other_seller, people.coach):
        with pytest.raises(PermissionDenied):
            services.response_submit(actor=outsider, run=run, answers=likert_answers(run, 3))
    services.run_close(actor=people.manager, run=run)
    with pytest.raises(ValidationError, match="not open"):
        services.response_submit(actor=people.colleague, run=run, answers=likert_answers(run, 3))
    assert SurveyResponse.objects.count() == 1


def test_answers_are_checked(people: People) -> None:
    grow_team(people.team, 5)
    run = start_run(people.manager, team=people.team)
    first = run.template.questions.first()
    for answers in [
        {},  # required statements missing
        {**likert_answers(run, 3), first.pk: 6},  # type: ignore[union-attr]
        {**likert_answers(run, 3), first.pk: True},  # type: ignore[union-attr]
        {**likert_answers(run, 3), 999999: 3},
        {**likert_answers(run, 3, "x" * 2001)},
    ]:
        with pytest.raises(ValidationError):
            services.response_submit(actor=people.seller, run=run, answers=answers)
    assert not SurveyResponse.objects.exists()
    assert not SurveyInvitation.objects.filter(responded=True).exists()


def test_closing(people: People) -> None:
    grow_team(people.team, 5)
    run = start_run(people.manager, team=people.team)
    for other in (people.seller, people.other_manager, people.coach):
        with pytest.raises(PermissionDenied):
            services.run_close(actor=other, run=run)
    services.run_close(actor=people.owner, run=run)
    with pytest.raises(ValidationError):
        services.run_close(actor=people.manager, run=run)
