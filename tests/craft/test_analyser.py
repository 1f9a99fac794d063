"""The analyser on its own: labels, cues and suggestions in both languages, and every
kind of bad input. Plain Python: no database."""

from __future__ import annotations

import random

import pytest

from salescoach.craft import analyser
from salescoach.craft.analyser import CLOSED, DIRECTIVE, OPEN, STATEMENT, analyse, ask_ratio
from salescoach.craft.analyser.text import split_sentences
from salescoach.craft.evaluation import load


def one(text: str, language: str | None = None) -> analyser.AnalysedSentence:
    result = analyse(text, language)
    assert result.status == analyser.OK, result
    assert len(result.sentences) == 1, result.sentences
    return result.sentences[0]


@pytest.mark.parametrize(
    ("text", "label", "cue"),
    [
        ("Wat wil je bereiken met dit gesprek?", OPEN, "Wat"),
        ("hoe zou je het aanpakken als je meer tijd had", OPEN, "hoe"),
        ("Vertel eens meer over het bezwaar.", OPEN, "Vertel eens meer"),
        ("Ik ben benieuwd hoe je dat ziet.", OPEN, "Ik ben benieuwd"),
        ("Heb je de klant teruggebeld?", CLOSED, "Heb je"),
        ("Ging de demo goed", CLOSED, "Ging de"),
        ("Je moet de klant eerder bellen.", DIRECTIVE, "Je moet"),
        ("Zorg dat de beslisser erbij is.", DIRECTIVE, "Zorg dat"),
        ("Ik zou de offerte morgen versturen.", DIRECTIVE, "Ik zou"),
        ("Misschien kun je beter wachten.", DIRECTIVE, "Misschien kun je beter"),
        ("Zou je niet eens eerst een open vraag stellen?", DIRECTIVE, "Zou je niet eens"),
        ("Waarom vraag je niet gewoon om de order?", DIRECTIVE, "Waarom vraag je"),
        ("Klant morgen terugbellen", DIRECTIVE, "terugbellen"),
        ("Je stelde goede vragen.", STATEMENT, None),
    ],
)
def test_dutch_labels_and_cues(text: str, label: str, cue: str | None) -> None:
    sentence = one(text, "nl")
    assert sentence.label == label
    if cue is None:
        assert sentence.cues == ()
    else:
        assert cue in sentence.cues
        # Cues are pieces of the sentence as written, with their positions for highlighting.
        for found, (start, end) in zip(sentence.cues, sentence.cue_spans, strict=True):
            assert sentence.text[start:end] == found


@pytest.mark.parametrize(
    ("text", "label", "cue"),
    [
        ("What did you want to achieve?", OPEN, "What"),
        ("so what's your next step", OPEN, "what's"),
        ("Tell me more about the objection.", OPEN, "Tell me"),
        ("I'm curious what the client needs.", OPEN, "I'm curious what"),
        ("Did you call the client back?", CLOSED, "Did you"),
        ("Are you sure", CLOSED, "Are you"),
        ("You should call the client earlier.", DIRECTIVE, "You should"),
        ("I'd suggest you send the proposal tomorrow.", DIRECTIVE, "I'd suggest you"),
        ("Make sure the decision maker is there.", DIRECTIVE, "Make sure"),
        ("Why don't you just ask for the order?", DIRECTIVE, "Why don't you just"),
        ("Have you considered bringing the specialist along?", DIRECTIVE, "Have you considered"),
        ("call them back tomorrow", DIRECTIVE, "call"),
        ("You asked good questions.", STATEMENT, None),
    ],
)
def test_english_labels_and_cues(text: str, label: str, cue: str | None) -> None:
    sentence = one(text, "en")
    assert sentence.label == label
    if cue is not None:
        assert cue in sentence.cues


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("Je moet de klant eerder bellen.", "Wat zou er gebeuren als je de klant eerder belt?"),
        ("Bel Jansen voor vrijdag terug.", "Wat zou er gebeuren als je Jansen voor vrijdag terugbelt?"),
        ("Ik zou de offerte morgen versturen.", "Hoe kijk je ertegenaan om de offerte morgen te versturen?"),
        ("Zorg dat de beslisser erbij is.", "Hoe belangrijk vind je het dat de beslisser erbij is?"),
        (
            "Neem het contract mee naar de afspraak.",
            "Wat zou er gebeuren als je het contract meeneemt naar de afspraak?",
        ),
        ("Ben je tevreden over het gesprek?", "In hoeverre ben je tevreden over het gesprek?"),
        ("Denk je dat ze deze maand tekenen?", "Hoe groot schat je de kans dat ze deze maand tekenen?"),
        ("You should call the client earlier.", "What might happen if you call the client earlier?"),
        (
            "I'd suggest you send the proposal tomorrow.",
            "How do you feel about sending the proposal tomorrow?",
        ),
        ("Are you happy with the call?", "How happy are you with the call?"),
        ("Did the demo go well?", "How did the demo go?"),
        ("Have they signed the NDA?", "Where do things stand with the NDA?"),
    ],
)
def test_suggestions_rebuild_the_sentence_as_an_open_question(text: str, suggestion: str) -> None:
    assert one(text).suggestion == suggestion


def test_open_questions_and_statements_get_no_suggestion() -> None:
    assert one("Wat wil je bereiken?").suggestion is None
    assert one("You asked good questions.").suggestion is None


def test_every_suggestion_is_an_open_question_in_the_same_language() -> None:
    """A suggestion that the analyser would itself flag would be a poor nudge."""
    checked = 0
    for row in load():
        for sentence in analyse(row.text, row.language).sentences:
            if sentence.suggestion:
                back = analyse(sentence.suggestion)
                assert back.language == row.language, (row.text, sentence.suggestion)
                assert [s.label for s in back.sentences] == [OPEN], (row.text, sentence.suggestion)
                assert sentence.suggestion.endswith("?")
                checked += 1
    assert checked > 300


def test_language_is_detected_per_text() -> None:
    assert analyse("Wat wil je vandaag bespreken? Bel de klant.").language == "nl"
    assert analyse("What do you want to discuss today? Call the client.").language == "en"
    assert analyse("Bellen").language == "nl"
    assert analyse("Wat wil je bereiken?").language_source == "detected"
    assert analyse("What now?", "nl").language_source == "given"


def test_a_sentence_clearly_in_the_other_language_is_read_in_that_language() -> None:
    result = analyse("Je moet de klant bellen. Wat denk je ervan? You should call them again.")
    assert result.language == "nl"
    assert [s.label for s in result.sentences] == [DIRECTIVE, OPEN, DIRECTIVE]
    assert result.sentences[2].suggestion == "What might happen if you call them again?"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Du solltest den Kunden früher anrufen. Was denkst du?", "de"),
        ("Vous devriez appeler le client plus tôt. Pourquoi pas demain?", "fr"),
        ("Deberías llamar al cliente antes. ¿Qué piensas?", "es"),
    ],
)
def test_another_language_is_named_not_guessed(text: str, language: str) -> None:
    result = analyse(text)
    assert result.status == analyser.UNSUPPORTED
    assert result.other_language == language
    assert result.language is None
    assert result.sentences == ()


@pytest.mark.parametrize(
    "text", ["", "   \n\t ", "👍🙂🎉", "<p><b></b></p>", "?!?!", "12345", "https://example.com/x.y"]
)
def test_text_without_words_is_empty_not_an_error(text: str) -> None:
    result = analyse(text)
    assert result.status == analyser.EMPTY
    assert result.sentences == ()
    assert result.ask_ratio == 0.0


def test_too_little_text_is_undetermined_unless_a_fallback_is_given() -> None:
    assert analyse("xyzzy").status == analyser.UNDETERMINED
    result = analyse("xyzzy", fallback="en")
    assert result.status == analyser.OK
    assert (result.language, result.language_source) == ("en", "fallback")


@pytest.mark.parametrize("word", ["Bellen", "Call", "Waarom?", "Thanks"])
def test_a_single_word_gets_a_clear_answer(word: str) -> None:
    result = analyse(word)
    assert result.status == analyser.OK
    assert len(result.sentences) == 1
    assert result.sentences[0].label in analyser.LABELS


def test_emoji_and_markup_do_not_get_in_the_way() -> None:
    result = analyse("<ul><li><b>Bel</b> de klant 👍</li><li>Wat wil je <i>echt</i> bereiken? 🙂</li></ul>")
    assert [s.label for s in result.sentences] == [DIRECTIVE, OPEN]
    assert "<" not in result.sentences[0].text
    result = analyse("**Tip:** ask about their budget first. [See notes](https://example.com) 🎯")
    assert result.sentences[0].label == DIRECTIVE


def test_lists_without_punctuation_are_split_into_items() -> None:
    text = "- bel de klant\n- stuur de offerte\n* wat wil de klant echt\n1. vraag naar het budget\n2) hoe ga je verder"
    assert split_sentences(text) == [
        "bel de klant",
        "stuur de offerte",
        "wat wil de klant echt",
        "vraag naar het budget",
        "hoe ga je verder",
    ]
    labels = [s.label for s in analyse(text).sentences]
    assert labels == [DIRECTIVE, DIRECTIVE, OPEN, DIRECTIVE, OPEN]


def test_splitting_keeps_abbreviations_decimals_and_wrapped_lines() -> None:
    assert split_sentences("Bel bijv. de inkoper. Wat vind je van 3.5 procent?") == [
        "Bel bijv. de inkoper.",
        "Wat vind je van 3.5 procent?",
    ]
    wrapped = (
        "We spraken vandaag over de manier waarop je het eerste gesprek met een nieuwe klant\n"
        "opent en wat daarbij goed werkt."
    )
    assert len(split_sentences(wrapped)) == 1


def test_a_long_text_without_any_punctuation_is_cut_into_pieces() -> None:
    text = "bel de klant " * 2000
    result = analyse(text)
    assert result.status == analyser.OK
    assert all(len(s.text) <= 400 for s in result.sentences)


def test_one_hundred_thousand_characters_are_analysed() -> None:
    rows = [r.text for r in load() if r.language == "nl"]
    rng = random.Random(8)
    text = " ".join(rng.choice(rows) for _ in range(3000))[:100_000]
    result = analyse(text)
    assert result.status == analyser.OK
    assert result.language == "nl"
    assert len(result.sentences) > 1500


def test_ask_ratio_is_open_questions_among_questions_and_directives() -> None:
    result = analyse("Wat wil je? Heb je gebeld? Bel de klant. Goed gedaan.")
    assert result.counts == {OPEN: 1, CLOSED: 1, DIRECTIVE: 1, STATEMENT: 1}
    assert result.ask_ratio == pytest.approx(1 / 3, abs=1e-4)
    assert ask_ratio({OPEN: 0, CLOSED: 0, DIRECTIVE: 0, STATEMENT: 4}) == 0.0


def test_the_analysis_is_deterministic() -> None:
    text = "\n".join(r.text for r in load()[:200])
    assert analyse(text) == analyse(text)


def test_an_unknown_language_code_is_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        analyse("Hallo", "de")


def test_the_analyser_does_not_import_django() -> None:
    import ast
    from pathlib import Path

    package = Path(analyser.__file__).parent
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = (
                    [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                )
                assert not any(name.startswith("django") for name in names), path


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Vragen voor het gesprek met Lisa:", STATEMENT),
        ("Punten voor de sessie van morgen:", STATEMENT),
        ("Questions for the call with Lisa:", STATEMENT),
        ("Je moet dit zeker vragen:", DIRECTIVE),
        ("Tip: vraag eerst naar hun budget", DIRECTIVE),
    ],
)
def test_a_heading_that_introduces_a_list_is_not_an_instruction(text: str, label: str) -> None:
    assert one(text).label == label
