"""From raw text to sentences and tokens.

Coaches paste question plans from e-mails, documents and chat: bullets, numbered
lists, HTML, Markdown, emoji, lines without any punctuation. This module turns all of
that into clean sentences, and each sentence into word and punctuation tokens with
their positions, so that the rules can work on words and the cues can be shown in the
sentence exactly as the coach wrote them.

Everything here is linear in the length of the text (no backtracking regexes), so a
text of 100,000 characters is split in milliseconds.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from salescoach.craft.analyser.words import words

# Longer "sentences" are cut at clause or word boundaries: a text without any
# punctuation must still give sentences of a size the rules can read.
MAX_SENTENCE_CHARS = 400

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLOCK_TAGS = re.compile(
    r"<\s*(?:br|/p|p|/li|li|/div|div|/h[1-6]|h[1-6]|/tr|tr|/ul|/ol|hr)\b[^<>]{0,200}>", re.I
)
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]{0,300}>")
_MD_LINK = re.compile(r"!?\[([^\[\]\n]{0,300})\]\([^()\s]{0,500}\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|`+|~~)")
_URL = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"]{1,2000}|\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\b"
)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.M)
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?", re.M)
# A list marker at the start of a line: -, *, •, 1., 1), a), [ ], [x] ...
_BULLET = re.compile(r"^\s*(?:(?:[-*+•·▪◦‣–—→✓✔☐☑]|\d{1,3}[.)]|[a-zA-Z][)]|\[[ xX]?\])\s+)+")

_ABBREVIATIONS = words("""bijv bv bijvoorbeeld o.a oa e.g i.e etc enz enzovoort dr drs ir ing mr mrs ms mw dhr
    st ca incl excl vs nl nr no tel blz pag jan feb mrt apr jun jul aug sep sept okt oct nov dec
    d.w.z m.b.t t.a.v z.s.m i.p.v m.a.w a.s evt resp zgn ca approx fig""")

_TERMINATOR = re.compile(r"([.!?…]+|(?<=\s)[\U0001F300-\U0001FAFF\u2600-\u27BF]+)([\"'”’»)\]]*)(?=\s|$)")

_NEXT_VISIBLE = re.compile(r"\s*(\S)")

WORD_RE = re.compile(r"['’]s(?=\s)|[^\W_]+(?:['’\-][^\W_]+)*|[?!.,;:…()\"“”]")


@dataclass(slots=True)
class Token:
    text: str  # as written
    low: str  # lower case, straight apostrophes
    start: int  # offset in the sentence
    end: int
    is_word: bool


@dataclass(slots=True)
class Sentence:
    """A sentence and its tokens, with a space-padded lower-case string of the tokens
    (``norm``) that the rules search with regular expressions."""

    text: str
    tokens: list[Token]
    norm: str
    _starts: list[int] = field(repr=False)
    _ends: list[int] = field(repr=False)

    @property
    def words(self) -> list[Token]:
        return [t for t in self.tokens if t.is_word]

    def token_range(self, a: int, b: int) -> tuple[int, int] | None:
        """Token indices [first, last] covered by the norm span [a, b)."""
        first = bisect_left(self._starts, a)
        last = bisect_right(self._ends, b) - 1
        if first > last or first >= len(self.tokens):
            return None
        return first, last

    def span_text(self, first: int, last: int) -> str:
        return self.text[self.tokens[first].start : self.tokens[last].end]

    def char_span(self, first: int, last: int) -> tuple[int, int]:
        return self.tokens[first].start, self.tokens[last].end


def normalise_apostrophes(value: str) -> str:
    return value.replace("’", "'").replace("‘", "'").replace("`", "'")


def tokenise(text: str) -> Sentence:
    tokens: list[Token] = []
    for match in WORD_RE.finditer(text):
        raw = match.group(0)
        low = normalise_apostrophes(raw.lower())
        if low in {"“", "”"}:
            low = '"'
        tokens.append(Token(raw, low, match.start(), match.end(), raw[0].isalnum() or raw[0] in "'’"))
    starts: list[int] = []
    ends: list[int] = []
    parts: list[str] = []
    position = 1  # norm starts with a space
    for token in tokens:
        starts.append(position)
        parts.append(token.low)
        position += len(token.low)
        ends.append(position)
        position += 1
    norm = " " + " ".join(parts) + " "
    return Sentence(text, tokens, norm, starts, ends)


def clean(text: str) -> str:
    """Remove markup and invisible characters; keep line breaks, they separate list items."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    if "<" in text:
        text = _BLOCK_TAGS.sub("\n", text)
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    if "://" in text or "www." in text or "@" in text:
        text = _URL.sub(" ", text)
    text = _MD_EMPHASIS.sub("", text)
    if "#" in text:
        text = _MD_HEADING.sub("", text)
    if ">" in text:
        text = _MD_QUOTE.sub("", text)
    return _SPACES.sub(" ", text)


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip(" \"'”’»)]")
    return bool(stripped) and stripped[-1] in ".!?…:;"


def _lines(text: str) -> list[str]:
    """Logical lines: list items stay apart, hard-wrapped prose is joined again."""
    result: list[str] = []
    previous_is_prose = False
    for raw in text.split("\n"):
        bullet = _BULLET.match(raw)
        line = raw[bullet.end() :] if bullet else raw
        line = line.strip()
        if not line:
            previous_is_prose = False
            continue
        continues = (
            previous_is_prose
            and not bullet
            and line[0].islower()
            and result
            and not _ends_sentence(result[-1])
        )
        if continues:
            result[-1] = f"{result[-1]} {line}"
        else:
            result.append(line)
        # Only long lines are taken for wrapped prose; short ones are list items.
        previous_is_prose = not bullet and len(line) >= 60
    return result


def _is_abbreviation(line: str, dot: int) -> bool:
    start = dot
    while start > 0 and (line[start - 1].isalpha() or line[start - 1] == "."):
        start -= 1
    word = line[start:dot].lower().rstrip(".")
    if not word:
        return False
    if len(word) == 1 and line[start].isupper():
        return True  # an initial: "J. Jansen"
    return word in _ABBREVIATIONS


def _split_line(line: str) -> list[str]:
    pieces: list[str] = []
    begin = 0
    for match in _TERMINATOR.finditer(line):
        mark = match.group(1)
        end = match.end()
        # Only the next visible character matters; slicing the rest would copy it each time.
        following = _NEXT_VISIBLE.match(line, end)
        rest = following.group(1) if following else ""
        if mark == "." or (mark.endswith(".") and not mark.startswith("..")):
            if _is_abbreviation(line, match.start(1)):
                continue
            if rest and rest[0].islower():
                continue
        elif mark[0] not in ".!?…" and (not rest or not rest[0].isupper()):
            continue  # an emoji ends a sentence only when a new one clearly starts
        elif mark in {"…", "..", "..."} and rest and rest[0].islower():
            continue
        piece = line[begin:end].strip()
        if piece:
            pieces.append(piece)
        begin = end
    tail = line[begin:].strip()
    if tail:
        pieces.append(tail)
    return pieces


def _cut_long(piece: str) -> list[str]:
    if len(piece) <= MAX_SENTENCE_CHARS:
        return [piece]
    parts: list[str] = []
    remaining = piece
    while len(remaining) > MAX_SENTENCE_CHARS:
        window = remaining[:MAX_SENTENCE_CHARS]
        cut = max(window.rfind("; "), window.rfind(", "))
        if cut < MAX_SENTENCE_CHARS // 4:
            cut = window.rfind(" ")
        if cut < MAX_SENTENCE_CHARS // 4:
            cut = MAX_SENTENCE_CHARS - 1
        parts.append(remaining[: cut + 1].strip())
        remaining = remaining[cut + 1 :].strip()
    if remaining:
        parts.append(remaining)
    return [p for p in parts if p]


def has_letters(value: str) -> bool:
    return any(ch.isalpha() for ch in value)


def split_sentences(text: str) -> list[str]:
    """The sentences of a text, in order, as written (markup and list markers removed)."""
    sentences: list[str] = []
    for line in _lines(clean(text)):
        for piece in _split_line(line):
            for part in _cut_long(piece):
                if has_letters(part):
                    sentences.append(part)
    return sentences
