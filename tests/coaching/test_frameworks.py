"""The conversation frameworks and their question banks: every bank question must be an
open question that the ask-don't-tell analyser labels ``open_question``."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError

from salescoach.coaching.frameworks import FRAMEWORKS, LANGUAGES, default_framework_for, get_framework
from salescoach.coaching.rubric import DEFAULT_RUBRIC, SCALE

OPENERS = {
    "nl": (
        "Wat",
        "Hoe",
        "Welke",
        "Welk",
        "Waar",
        "Waarom",
        "Wanneer",
        "Wie",
        "Waardoor",
        "Waarmee",
        "Waaraan",
    ),
    "en": ("What", "How", "Which", "Where", "When", "Who", "Why"),
}
# Phrases that turn a question into advice or a yes/no question in disguise.
ADVICE = re.compile(
    r"\b(moet je|zou je niet|probeer eens|kun je niet|waarom niet|waarom ga je niet|"
    r"should you|you should|why don't|why not|how about|what about trying|try to)\b",
    re.IGNORECASE,
)


def all_questions() -> list[tuple[str, str, str, str]]:
    return [
        (framework.key, stage.key, language, question)
        for framework in FRAMEWORKS.values()
        for stage in framework.stages
        for language in LANGUAGES
        for question in stage.bank(language)
    ]


def test_the_five_frameworks_exist_with_grow_as_default() -> None:
    assert set(FRAMEWORKS) == {"grow", "oskar", "clear", "solution_focused", "plan_do_review"}
    assert default_framework_for("one_to_one") == "grow"
    assert default_framework_for("triad") == "grow"
    assert default_framework_for("ride_along") == "plan_do_review"


@pytest.mark.parametrize(("framework", "stage", "language", "question"), all_questions())
def test_every_bank_question_is_one_open_question(
    framework: str, stage: str, language: str, question: str
) -> None:
    assert question == question.strip()
    assert question.endswith("?"), question
    assert question.split()[0] in OPENERS[language], f"{question!r} does not start with a question word"
    # One sentence: no other sentence end inside it.
    assert not re.search(r"[.!?]", question[:-1]), question
    assert not ADVICE.search(question), question


def test_every_stage_has_questions_in_both_languages_and_names() -> None:
    for framework in FRAMEWORKS.values():
        assert framework.title("nl") and framework.title("en")
        assert len(framework.stages) >= 3
        keys = [stage.key for stage in framework.stages]
        assert len(keys) == len(set(keys))
        for stage in framework.stages:
            assert stage.title("nl") and stage.title("en") and stage.aim("nl") and stage.aim("en")
            assert len(stage.bank("nl")) >= 4
            # Written side by side: the Dutch and English banks match question for question.
            assert len(stage.bank("nl")) == len(stage.bank("en"))
            assert len(set(stage.bank("nl"))) == len(stage.bank("nl"))


def test_an_unknown_framework_or_stage_is_a_clear_error() -> None:
    with pytest.raises(ValidationError, match="no conversation framework"):
        get_framework("nlp")
    with pytest.raises(ValidationError, match="has no stage"):
        get_framework("grow").stage("exploration")


def test_the_default_rubric_has_the_six_areas_with_five_anchors_each() -> None:
    assert [area.key for area in DEFAULT_RUBRIC] == [
        "preparation",
        "opening",
        "needs_discovery",
        "presenting_value",
        "handling_objections",
        "closing",
    ]
    for area in DEFAULT_RUBRIC:
        for language in LANGUAGES:
            anchors = area.anchor_list(language)
            assert [n for n, _text in anchors] == list(SCALE)
            assert all(text.endswith(".") for _n, text in anchors)


def test_the_ask_dont_tell_analyser_labels_every_bank_question_open() -> None:
    from salescoach.craft.analyser import OPEN, analyse

    wrong = []
    for framework, stage, language, question in all_questions():
        for given in (language, None):  # told the language, and left to detect it
            labels = [s.label for s in analyse(question, language=given, fallback=language).sentences]
            if labels != [OPEN]:
                wrong.append((framework, stage, given, question, labels))
    assert not wrong, wrong
