"""Evaluation services: cycles, planning (and the coaching hook), the manager's form,
the seller's comments and signature, and the history."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from salescoach.evaluations import rules, services
from salescoach.evaluations.models import (
    CycleStatus,
    Evaluation,
    EvaluationEvent,
    EvaluationEventKind,
    EvaluationStatus,
)
from tests.conftest import People
from tests.evaluations.helpers import CRITERIA, fill, make_cycle, make_evaluation

pytestmark = pytest.mark.django_db


# --- cycles ------------------------------------------------------------------------------------


def test_the_programme_owner_sets_up_a_cycle_with_criteria(people: People) -> None:
    cycle = make_cycle(people.owner)
    assert [c.name for c in cycle.criteria.all()] == [c["name"] for c in CRITERIA]
    assert cycle.scale() == [1, 2, 3, 4, 5]
    for other in (people.manager, people.seller, people.coach):
        with pytest.raises(PermissionDenied):
            make_cycle(other, name="Not theirs")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": " "}, "name"),
        ({"criteria": []}, "criteria"),
        ({"criteria": [{"name": "A"}, {"name": "a"}]}, "criteria"),
        ({"period_end": date(2024, 1, 1)}, "period_end"),
        ({"scale_max": 1}, "scale_max"),
        ({"scale_max": 11}, "scale_max"),
    ],
)
def test_a_bad_cycle_is_refused(people: People, changes: dict[str, object], field: str) -> None:
    data = {
        "name": "Review",
        "period_start": date(2025, 1, 1),
        "period_end": date(2025, 12, 31),
        "criteria": CRITERIA,
        **changes,
    }
    with pytest.raises(ValidationError) as error:
        services.cycle_create(actor=people.owner, **data)  # type: ignore[arg-type]
    assert field in error.value.error_dict


def test_cycle_names_are_unique_per_organisation(people: People) -> None:
    make_cycle(people.owner, name="Review")
    with pytest.raises(ValidationError):
        make_cycle(people.owner, name="review")
    make_cycle(people.outsider, name="Review")  # another organisation may use it


def test_a_closed_cycle_takes_no_new_evaluations_and_no_changes(people: People) -> None:
    cycle = make_cycle(people.owner)
    evaluation = make_evaluation(people.manager, people.seller, cycle)
    services.cycle_close(actor=people.owner, cycle=cycle)
    assert cycle.status == CycleStatus.CLOSED
    with pytest.raises(ValidationError):
        make_evaluation(people.manager, people.colleague, cycle)
    with pytest.raises(PermissionDenied):
        fill(people.manager, evaluation)
    with pytest.raises(PermissionDenied):
        services.cycle_close(actor=people.manager, cycle=cycle)


# --- planning ------------------------------------------------------------------------------


def test_a_manager_plans_evaluations_for_the_people_they_manage_only(people: People) -> None:
    cycle = make_cycle(people.owner)
    evaluation = make_evaluation(people.manager, people.seller, cycle)
    assert evaluation.evaluator == people.manager and evaluation.status == EvaluationStatus.DRAFT
    assert evaluation.ratings.count() == len(CRITERIA)
    for actor, seller in [
        (people.manager, people.other_seller),  # another team
        (people.manager, people.manager),  # themselves
        (people.seller, people.colleague),  # a seller manages nobody
        (people.coach, people.seller),  # a coach does not evaluate
        (people.manager, people.outsider_seller),  # another organisation
    ]:
        with pytest.raises(ValidationError) as error:
            make_evaluation(actor, seller, cycle)
        assert "seller" in error.value.error_dict
    with pytest.raises(ValidationError, match="already has an evaluation"):
        make_evaluation(people.manager, people.seller, cycle)


def test_a_forged_cycle_of_another_organisation_is_refused(people: People) -> None:
    foreign = make_cycle(people.outsider)
    with pytest.raises(PermissionDenied):
        make_evaluation(people.manager, people.seller, foreign)
    assert not Evaluation.objects.exists()


def test_the_coaching_hook_finds_nothing_without_coaching(people: People) -> None:
    assert rules.coaching_conflicts(seller=people.seller, day=date(2026, 1, 20)) == []
    assert rules.quoted_coaching_content(seller=people.seller, texts=["anything"]) is False


@pytest.mark.parametrize("kind", [rules.SAME_DAY_AS_COACHING, rules.SAME_MEETING])
def test_planning_on_a_day_that_clashes_with_coaching_is_refused_with_the_reason(
    people: People, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    cycle = make_cycle(people.owner)
    asked: list[tuple[int, date]] = []

    def clash(*, seller, day, **kw):  # type: ignore[no-untyped-def]
        asked.append((seller.pk, day))
        return [rules.CoachingConflict(kind)] if day == date(2026, 1, 20) else []

    monkeypatch.setattr(rules, "coaching_conflicts", clash)
    with pytest.raises(ValidationError) as error:
        make_evaluation(people.manager, people.seller, cycle, day=date(2026, 1, 20))
    message = error.value.message_dict["date"][0]
    assert message.startswith("The evaluation cannot be held on")
    assert rules.CoachingConflict(kind).message in message
    assert not Evaluation.objects.exists()
    assert asked == [(people.seller.pk, date(2026, 1, 20))]

    # Another day is fine; moving it onto the clashing day is refused the same way.
    evaluation = make_evaluation(people.manager, people.seller, cycle, day=date(2026, 1, 21))
    with pytest.raises(ValidationError) as error:
        services.evaluation_schedule(
            actor=people.manager, evaluation=evaluation, day=date(2026, 1, 20), at=time(9, 0)
        )
    assert "date" in error.value.error_dict
    evaluation.refresh_from_db()
    assert evaluation.scheduled_for.date() == date(2026, 1, 21)
    assert not evaluation.events.filter(kind=EvaluationEventKind.RESCHEDULED).exists()


def test_the_clash_is_explained_in_dutch(people: People, monkeypatch: pytest.MonkeyPatch) -> None:
    cycle = make_cycle(people.owner)
    monkeypatch.setattr(
        rules, "coaching_conflicts", lambda **kw: [rules.CoachingConflict(rules.SAME_DAY_AS_COACHING)]
    )
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        make_evaluation(people.manager, people.seller, cycle)
    message = error.value.message_dict["date"][0]
    assert "coachingsessie" in message and "kan niet" in message


def test_rescheduling(people: People) -> None:
    cycle = make_cycle(people.owner)
    evaluation = make_evaluation(people.manager, people.seller, cycle)
    services.evaluation_schedule(
        actor=people.manager, evaluation=evaluation, day=date(2026, 2, 3), at=time(14, 30)
    )
    evaluation.refresh_from_db()
    assert evaluation.scheduled_for.date() == date(2026, 2, 3)
    for other in (people.seller, people.owner, people.colleague):
        with pytest.raises(PermissionDenied):
            services.evaluation_schedule(
                actor=other, evaluation=evaluation, day=date(2026, 2, 4), at=time(9, 0)
            )
    with pytest.raises(ValidationError):
        services.evaluation_schedule(actor=people.manager, evaluation=evaluation, day=None, at=time(9, 0))


# --- the manager's form -----------------------------------------------------------------------


def test_the_manager_fills_in_ratings_and_comments(people: People) -> None:
    evaluation = fill(
        people.manager, make_evaluation(people.manager, people.seller, make_cycle(people.owner))
    )
    assert {r.rating for r in evaluation.ratings.all()} == {4}
    assert evaluation.overall_comment == "Good work overall"
    event = evaluation.events.get(kind=EvaluationEventKind.EDITED)
    assert event.actor == people.manager
    assert "overall_comment" in event.fields and any(f.startswith("rating:") for f in event.fields)
    assert "Good work" not in str(event.fields)  # the history names fields, never their text


@pytest.mark.parametrize("rating", [0, 6, -1, True, "4"])
def test_a_rating_outside_the_scale_is_refused(people: People, rating: object) -> None:
    evaluation = make_evaluation(people.manager, people.seller, make_cycle(people.owner))
    criterion = evaluation.cycle.criteria.first()
    with pytest.raises(ValidationError):
        services.evaluation_update(
            actor=people.manager, evaluation=evaluation, ratings={criterion.pk: rating}
        )  # type: ignore[dict-item, union-attr]
    assert not evaluation.ratings.exclude(rating=None).exists()


def test_a_criterion_of_another_cycle_is_refused(people: People) -> None:
    evaluation = make_evaluation(people.manager, people.seller, make_cycle(people.owner))
    other = make_cycle(people.owner, name="Other").criteria.first()
    with pytest.raises(ValidationError):
        services.evaluation_update(actor=people.manager, evaluation=evaluation, ratings={other.pk: 3})  # type: ignore[union-attr]


def test_text_that_quotes_coaching_content_is_refused(
    people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    evaluation = make_evaluation(people.manager, people.seller, make_cycle(people.owner))
    seen: list[list[str]] = []

    def quotes(*, seller, texts, **kw):  # type: ignore[no-untyped-def]
        seen.append(texts)
        return any("my fear of cold calls" in t for t in texts)

    monkeypatch.setattr(rules, "quoted_coaching_content", quotes)
    with pytest.raises(ValidationError, match="quotes the seller's coaching content"):
        services.evaluation_update(
            actor=people.manager, evaluation=evaluation, overall_comment="She said: my fear of cold calls"
        )
    evaluation.refresh_from_db()
    assert evaluation.overall_comment == ""
    services.evaluation_update(actor=people.manager, evaluation=evaluation, overall_comment="Strong quarter")
    assert seen == [["She said: my fear of cold calls"], ["Strong quarter"]]


def test_only_the_manager_who_writes_it_changes_it(people: People) -> None:
    evaluation = make_evaluation(people.manager, people.seller, make_cycle(people.owner))
    for other in (people.seller, people.owner, people.other_manager, people.coach, people.colleague):
        with pytest.raises(PermissionDenied):
            fill(other, evaluation)


# --- sharing, the seller's comments and signature --------------------------------------------


def test_the_full_cycle_of_an_evaluation(people: People) -> None:
    evaluation = make_evaluation(people.manager, people.seller, make_cycle(people.owner))
    with pytest.raises(ValidationError, match="Rate every criterion"):
        services.evaluation_share(actor=people.manager, evaluation=evaluation)
    fill(people.manager, evaluation)
    with pytest.raises(PermissionDenied):  # not shared yet
        services.evaluation_seller_comment(actor=people.seller, evaluation=evaluation, text="Hm")
    services.evaluation_share(actor=people.manager, evaluation=evaluation)
    with pytest.raises(PermissionDenied):  # shared: the manager takes it back first
        fill(people.manager, evaluation, rating=3)
    services.evaluation_reopen(actor=people.manager, evaluation=evaluation)
    fill(people.manager, evaluation, rating=3)
    services.evaluation_share(actor=people.manager, evaluation=evaluation)
    services.evaluation_seller_comment(
        actor=people.seller, evaluation=evaluation, text="I see teamwork differently."
    )
    for other in (people.manager, people.owner, people.colleague):
        with pytest.raises(PermissionDenied):
            services.evaluation_sign(actor=other, evaluation=evaluation)
        with pytest.raises(PermissionDenied):
            services.evaluation_seller_comment(actor=other, evaluation=evaluation, text="x")
    services.evaluation_sign(actor=people.seller, evaluation=evaluation)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SIGNED and evaluation.signed_at is not None
    assert evaluation.seller_comment == "I see teamwork differently."
    # Final: nobody changes it any more.
    with pytest.raises(PermissionDenied):
        services.evaluation_reopen(actor=people.manager, evaluation=evaluation)
    with pytest.raises(PermissionDenied):
        services.evaluation_seller_comment(actor=people.seller, evaluation=evaluation, text="Later")
    with pytest.raises(PermissionDenied):
        services.evaluation_schedule(
            actor=people.manager, evaluation=evaluation, day=date(2026, 3, 1), at=time(9)
        )
    history = list(EvaluationEvent.objects.filter(evaluation=evaluation).values_list("kind", "actor"))
    assert history == [
        (EvaluationEventKind.CREATED, people.manager.pk),
        (EvaluationEventKind.EDITED, people.manager.pk),
        (EvaluationEventKind.SHARED, people.manager.pk),
        (EvaluationEventKind.REOPENED, people.manager.pk),
        (EvaluationEventKind.EDITED, people.manager.pk),
        (EvaluationEventKind.SHARED, people.manager.pk),
        (EvaluationEventKind.SELLER_COMMENTED, people.seller.pk),
        (EvaluationEventKind.SIGNED, people.seller.pk),
    ]


# --- kept apart from coaching --------------------------------------------------------------------


def test_no_evaluation_model_can_reference_coaching() -> None:
    """Product rule 2: nothing in an evaluation points at coaching, and nothing outside
    evaluations (and the organisation it belongs to) is linked at all."""
    allowed = {"evaluations", "organisations", "accounts"}
    for model in apps.get_app_config("evaluations").get_models():
        for field in model._meta.get_fields():
            related = getattr(field, "related_model", None)
            if related is not None:
                assert related._meta.app_label in allowed, f"{model.__name__}.{field.name} -> {related}"
    for model in apps.get_models():
        if model._meta.app_label in allowed:
            continue
        for field in model._meta.get_fields():
            related = getattr(field, "related_model", None)
            if related is not None and related._meta.app_label == "evaluations":
                raise AssertionError(f"{model.__name__}.{field.name} links to evaluations")
