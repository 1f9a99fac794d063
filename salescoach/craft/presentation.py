"""How an analysis is shown: sentences cut into plain and highlighted parts, label names,
and the ask/tell balance in words. Shared by the practice page and the live component."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from salescoach.craft import analyser
from salescoach.craft.services import analysis_problem

LABEL_NAMES: dict[str, str | Promise] = {
    analyser.OPEN: _("Open question"),
    analyser.CLOSED: _("Closed question"),
    analyser.DIRECTIVE: _("Telling"),
    analyser.STATEMENT: _("Statement"),
}
LABEL_HELP: dict[str, str | Promise] = {
    analyser.OPEN: _("Invites the seller to think and answer in their own words."),
    analyser.CLOSED: _("Can be answered with yes, no or one of the options you named."),
    analyser.DIRECTIVE: _("Tells or advises the seller what to do: the choice is yours, not theirs."),
    analyser.STATEMENT: _("An observation, feedback or information."),
}
LANGUAGE_NAMES: dict[str, str | Promise] = {"nl": _("Dutch"), "en": _("English")}


@dataclass
class SentenceView:
    text: str
    label: str
    label_name: str | Promise
    parts: list[tuple[str, bool]]  # (text, is_cue)
    cues: tuple[str, ...]
    suggestion: str | None


@dataclass
class AnalysisView:
    language: str | None
    language_name: str | Promise | None
    problem: str | None
    sentences: list[SentenceView] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    ask_ratio: float = 0.0

    @property
    def asked_or_told(self) -> int:
        return (
            self.counts.get(analyser.OPEN, 0)
            + self.counts.get(analyser.CLOSED, 0)
            + self.counts.get(analyser.DIRECTIVE, 0)
        )

    @property
    def ask_percent(self) -> int:
        return round(self.ask_ratio * 100)

    @property
    def balance(self) -> str | Promise | None:
        """A nudge in words; never a verdict on the coach."""
        if not self.asked_or_told:
            return None
        if self.ask_ratio >= 0.7:
            return _("Mostly open questions: the seller gets room to find and choose their own way.")
        if self.ask_ratio >= 0.4:
            return _("A mix of asking and telling. Could one of the suggestions below hand a choice back?")
        return _("Mostly telling or closed questions. Try turning one of them into an open question.")

    @property
    def suggestions(self) -> int:
        return sum(1 for s in self.sentences if s.suggestion)


def _parts(sentence: analyser.AnalysedSentence) -> list[tuple[str, bool]]:
    parts: list[tuple[str, bool]] = []
    position = 0
    for start, end in sorted(sentence.cue_spans):
        if start < position:
            continue
        if start > position:
            parts.append((sentence.text[position:start], False))
        parts.append((sentence.text[start:end], True))
        position = end
    if position < len(sentence.text):
        parts.append((sentence.text[position:], False))
    return parts


def present(result: analyser.Analysis) -> AnalysisView:
    language = result.language
    view = AnalysisView(
        language=language,
        language_name=LANGUAGE_NAMES.get(language or ""),
        problem=analysis_problem(result),
        counts=result.counts,
        ask_ratio=result.ask_ratio,
    )
    view.sentences = [
        SentenceView(
            text=s.text,
            label=s.label,
            label_name=LABEL_NAMES[s.label],
            parts=_parts(s),
            cues=s.cues,
            suggestion=s.suggestion,
        )
        for s in result.sentences
    ]
    return view


def counts_view(counts: dict[str, int]) -> list[dict[str, Any]]:
    return [
        {"label": label, "name": LABEL_NAMES[label], "count": counts.get(label, 0)}
        for label in analyser.LABELS
    ]
