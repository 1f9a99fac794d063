"""The ask-don't-tell analyser in the JSON API: POST /api/v1/coaching-style/analyze.

The answer's shape is a public contract (CONTRACTS.md):
{"language": "nl"|"en", "sentences": [{"text", "label", "cues", "suggestion"}], "ask_ratio"}.
Extra fields ("counts", "language_source", "notice") may be added, never removed.
"""

# No "from __future__ import annotations" here: django-ninja reads the annotations at run time.

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from salescoach.api.auth import viewer
from salescoach.api.schemas import ErrorOut, ValidationErrorOut
from salescoach.core.throttle import RateLimited
from salescoach.craft import analyser, services
from salescoach.craft.models import StyleSource
from salescoach.craft.throttle import allow_analysis

router = Router(tags=["coaching style"])


class AnalyzeIn(Schema):
    text: str = Field(
        ..., description="The coach's text: a question plan, notes, feedback. Up to 100,000 characters."
    )
    language: Literal["nl", "en"] | None = Field(
        None, description="Dutch or English; null to recognise the language of the text."
    )
    record: bool = Field(
        False,
        description=(
            "Also keep the counts (never the text) in the caller's own coaching-style trend. "
            "Needs a coach role in the organisation the caller acts in."
        ),
    )


class SentenceOut(Schema):
    text: str
    label: Literal["open_question", "closed_question", "directive", "statement"]
    cues: list[str]
    suggestion: str | None


class CountsOut(Schema):
    open_question: int
    closed_question: int
    directive: int
    statement: int


class AnalyzeOut(Schema):
    language: Literal["nl", "en"]
    sentences: list[SentenceOut]
    ask_ratio: float = Field(
        ...,
        description=(
            "Open questions / (open questions + closed questions + directives), 0 to 1. "
            "0 when the text has neither questions nor directives; see counts."
        ),
    )
    counts: CountsOut
    language_source: Literal["given", "detected", "fallback"]
    notice: str | None = None


@router.post(
    "/coaching-style/analyze",
    response={200: AnalyzeOut, 400: ValidationErrorOut, 403: ErrorOut, 429: ErrorOut},
    summary="Label each sentence: open question, closed question, directive or statement",
)
def analyze(request: HttpRequest, payload: AnalyzeIn) -> Any:
    """Split the text into sentences and label each, with the words that triggered the
    label and, for directives and closed questions, a suggested open question in the
    same language.

    Without `language`, the language is recognised from the text. A text in another
    language answers 400 and says which language it looks like. A text too short to
    tell (a single unknown word) is analysed in the language of the request
    (Accept-Language) and `notice` says so; an empty text answers an empty list.
    """
    allowed, retry_after = allow_analysis(request.user.pk or 0)
    if not allowed:
        raise RateLimited(_("Too many analyses; try again in a minute."), retry_after)
    request_language = (get_language() or "nl")[:2]
    fallback = request_language if request_language in analyser.SUPPORTED else "nl"
    result = services.analyse_text(text=payload.text, language=payload.language, fallback=fallback)
    if result.status == analyser.UNSUPPORTED:
        raise ValidationError({"text": services.analysis_problem(result) or ""})
    notice = None
    if result.status == analyser.EMPTY:
        notice = services.analysis_problem(result)
    elif result.language_source == "fallback":
        notice = _("There is too little text to tell the language; it has been read as %(language)s.") % {
            "language": _("Dutch") if result.language == "nl" else _("English")
        }
    if payload.record:
        services.style_sample_record(
            actor=viewer(request), text=payload.text, language=result.language, source=StyleSource.API
        )
    return {
        "language": result.language or fallback,
        "sentences": [
            {"text": s.text, "label": s.label, "cues": list(s.cues), "suggestion": s.suggestion}
            for s in result.sentences
        ],
        "ask_ratio": result.ask_ratio,
        "counts": result.counts,
        "language_source": result.language_source,
        "notice": notice,
    }
