"""The ask-don't-tell analyser: which sentences of a coach's text ask, and which tell.

Pure Python without Django, deterministic, no network and no model: rules written
for coaching language in Dutch and English. ``analyse(text)`` splits a text into
sentences, detects its language, labels each sentence ``open_question``,
``closed_question``, ``directive`` or ``statement`` with the words that triggered the
label, and for every directive and closed question suggests an open question in the
same language, built from the sentence's own topic, that hands the choice back to
the seller.

    >>> result = analyse("Je moet de klant eerder bellen.")
    >>> result.sentences[0].label, result.sentences[0].suggestion
    ('directive', 'Wat zou er gebeuren als je de klant eerder belt?')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from salescoach.craft.analyser import en, lexicon_en, lexicon_nl, nl
from salescoach.craft.analyser.common import CLOSED, DIRECTIVE, LABELS, OPEN, STATEMENT
from salescoach.craft.analyser.language import FUNCTION_WORDS, LANGUAGE_NAMES, SUPPORTED, detect
from salescoach.craft.analyser.text import WORD_RE, Sentence, has_letters, split_sentences, tokenise

__all__ = [
    "CLOSED",
    "DIRECTIVE",
    "LABELS",
    "LANGUAGE_NAMES",
    "OPEN",
    "STATEMENT",
    "SUPPORTED",
    "Analysis",
    "AnalysedSentence",
    "analyse",
    "ask_ratio",
]

_RULES = {"nl": nl, "en": en}

# Why a text has no labelled sentences (``Analysis.status``).
OK = "ok"
EMPTY = "empty"  # no words at all: empty, only emoji, punctuation or markup
UNSUPPORTED = "unsupported_language"  # the text is in another language
UNDETERMINED = "undetermined_language"  # too little text to tell, and no language given


@dataclass(frozen=True, slots=True)
class AnalysedSentence:
    text: str
    label: str
    cues: tuple[str, ...]
    # Character spans of the cues in ``text``, for highlighting.
    cue_spans: tuple[tuple[int, int], ...]
    suggestion: str | None
    # The language the sentence was read in: the text's, unless it clearly is the other one.
    language: str = ""


@dataclass(frozen=True, slots=True)
class Analysis:
    language: str | None  # "nl" or "en"; None when the text is not (recognisably) in either
    language_source: str  # "given", "detected" or "fallback"
    status: str
    other_language: str | None = None  # e.g. "de" when the text looks German
    sentences: tuple[AnalysedSentence, ...] = field(default_factory=tuple)

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(LABELS, 0)
        for sentence in self.sentences:
            counts[sentence.label] += 1
        return counts

    @property
    def ask_ratio(self) -> float:
        return ask_ratio(self.counts)


def ask_ratio(counts: dict[str, int]) -> float:
    """The share of open questions among all questions and directives.

    0.0 when the text has no questions and no directives at all (nothing asked, nothing
    told): the ratio measures asking against telling, and with neither there is no
    asking to show. Callers that must tell "0 of 0" from "0 of 5" look at the counts.
    """
    denominator = counts.get(OPEN, 0) + counts.get(CLOSED, 0) + counts.get(DIRECTIVE, 0)
    return round(counts.get(OPEN, 0) / denominator, 4) if denominator else 0.0


@cache
def _lexicons() -> dict[str, frozenset[str]]:
    return {"nl": lexicon_nl.all_forms(), "en": lexicon_en.all_forms()}


def _words(text: str) -> list[str]:
    return [m.group(0).lower().replace("’", "'") for m in WORD_RE.finditer(text) if m.group(0)[0].isalnum()]


@cache
def _distinctive() -> dict[str, frozenset[str]]:
    """Per supported language, the function words of the other one that it does not share."""
    return {
        language: FUNCTION_WORDS[other] - FUNCTION_WORDS[language]
        for language, other in (("nl", "en"), ("en", "nl"))
    }


def _sentence_language(sentence: Sentence, text_language: str) -> str:
    """The text's language, unless this sentence is clearly in the other supported one
    (coaches in Dutch companies switch to English now and then)."""
    foreign = _distinctive()[text_language]
    words = [t.low for t in sentence.tokens if t.is_word]
    if sum(1 for word in words if word in foreign) < 2:
        return text_language  # the usual case, decided without a full detection
    detection = detect(words, sentence.text, _lexicons())
    if detection.language and detection.language != text_language:
        scores = dict(detection.scores)
        if scores[detection.language] - scores[text_language] >= 2:
            return detection.language
    return text_language


def analyse(text: str, language: str | None = None, *, fallback: str | None = None) -> Analysis:
    """Analyse a coach's text.

    ``language`` ("nl" or "en") skips detection. Without it the language is detected;
    a text in another language is reported as such (status ``unsupported_language``)
    and not labelled. A text too short to tell (a single unknown word) is analysed in
    ``fallback`` when given -- say the page's language -- and otherwise reported as
    ``undetermined_language``.
    """
    if language is not None and language not in SUPPORTED:
        raise ValueError(f"language must be one of {SUPPORTED} or None, not {language!r}")
    text = text or ""
    sentences = split_sentences(text) if has_letters(text) else []
    if not sentences:
        return Analysis(language or fallback, "given" if language else "fallback", EMPTY)
    source = "given"
    if language is None:
        detection = detect(_words(text), text, _lexicons())
        if detection.other is not None:
            return Analysis(None, "detected", UNSUPPORTED, detection.other)
        if detection.language is None:
            if fallback is None:
                return Analysis(None, "detected", UNDETERMINED)
            language, source = fallback, "fallback"
        else:
            language, source = detection.language, "detected"
    analysed = []
    for raw in sentences:
        sentence = tokenise(raw)
        sentence_language = _sentence_language(sentence, language) if source != "given" else language
        rules = _RULES[sentence_language]
        finding = rules.label(sentence)
        spans = tuple(sentence.char_span(first, last) for first, last in finding.cues)
        suggestion = rules.suggest(sentence, finding) if finding.label in {DIRECTIVE, CLOSED} else None
        analysed.append(
            AnalysedSentence(
                text=raw,
                label=finding.label,
                cues=tuple(raw[a:b] for a, b in spans),
                cue_spans=spans,
                suggestion=suggestion,
                language=sentence_language,
            )
        )
    return Analysis(language, source, OK, None, tuple(analysed))
