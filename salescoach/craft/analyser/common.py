"""Shared pieces of the language rules: the finding type, labels, pattern helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from salescoach.craft.analyser.text import Sentence

OPEN = "open_question"
CLOSED = "closed_question"
DIRECTIVE = "directive"
STATEMENT = "statement"
LABELS = (OPEN, CLOSED, DIRECTIVE, STATEMENT)

CLAUSE_BREAKS = frozenset({",", ":", ";", "(", ")", '"', "…", "-"})


@dataclass(slots=True)
class Finding:
    """What a rule found: the label, the cue tokens, and for the suggestion the kind of
    construction and where its action (verb phrase or clause) starts."""

    label: str
    cues: list[tuple[int, int]] = field(default_factory=list)
    kind: str = ""
    start: int = -1  # first token of the action
    skip: frozenset[int] = frozenset()  # tokens to leave out of the action


def pattern(source: str) -> re.Pattern[str]:
    """A pattern over the space-separated, lower-case tokens of a sentence.

    Write tokens separated by single spaces, starting and ending with a space; the
    helpers below turn a match into token positions.
    """
    return re.compile(source)


def search(
    s: Sentence, regex: re.Pattern[str], start_token: int = 0
) -> tuple[re.Match[str], int, int] | None:
    """The first match at or after ``start_token``, with its first and last token."""
    offset = s._starts[start_token] - 1 if start_token < len(s.tokens) else len(s.norm)
    match = regex.search(s.norm, offset)
    if match is None:
        return None
    covered = s.token_range(match.start(), match.end())
    if covered is None:
        return None
    return match, covered[0], covered[1]


def token_after(s: Sentence, match: re.Match[str]) -> int:
    """Index of the first token after a match (which ends with a space)."""
    from bisect import bisect_left

    return bisect_left(s._starts, match.end())


def segments(s: Sentence) -> list[tuple[int, int]]:
    """Clauses as [start, end) token ranges, cut at commas, colons and the like."""
    result: list[tuple[int, int]] = []
    begin = 0
    for index, token in enumerate(s.tokens):
        if not token.is_word and token.low in CLAUSE_BREAKS:
            if index > begin:
                result.append((begin, index))
            begin = index + 1
    if begin < len(s.tokens):
        result.append((begin, len(s.tokens)))
    return [(a, b) for a, b in result if any(s.tokens[i].is_word for i in range(a, b))]


def has_question_mark(s: Sentence) -> bool:
    return any(t.low == "?" for t in s.tokens)


def words_from(s: Sentence, start: int, end: int | None = None) -> list[int]:
    stop = len(s.tokens) if end is None else end
    return [i for i in range(start, stop) if s.tokens[i].is_word]


def join_tokens(parts: list[str]) -> str:
    """Join words and punctuation back into readable text."""
    out = ""
    for part in parts:
        if not out:
            out = part
        elif (
            part in {",", ".", "?", "!", ":", ";", ")", "…"}
            or part.startswith("'")
            and part != "'s"
            or out.endswith("(")
        ):
            out += part
        else:
            out += " " + part
    return out


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
