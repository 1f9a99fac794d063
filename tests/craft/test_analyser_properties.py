"""Whatever the text, the analyser answers: no exception, only the four labels, cues that
are pieces of their sentence, and suggestions that are open questions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from salescoach.craft.analyser import LABELS, OPEN, analyse
from salescoach.craft.evaluation import load

ROWS = [row.text for row in load()]
WORDS = sorted({word for text in ROWS for word in text.split()})

fragments = st.one_of(
    st.sampled_from(ROWS),
    st.sampled_from(WORDS),
    st.text(max_size=40),
    st.sampled_from(
        ["\n", "- ", "* ", "1. ", "<li>", "</p>", "**", "?", "!", "...", "…", ":", ", ", "👍", "🙂", "&amp;"]
    ),
)
texts = st.lists(fragments, max_size=25).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from([None, "nl", "en"]))
def test_any_text_gets_a_clear_answer(text: str, language: str | None) -> None:
    result = analyse(text, language)
    assert result.status in {"ok", "empty", "unsupported_language", "undetermined_language"}
    assert 0.0 <= result.ask_ratio <= 1.0
    for sentence in result.sentences:
        assert sentence.label in LABELS
        for cue, (start, end) in zip(sentence.cues, sentence.cue_spans, strict=True):
            assert sentence.text[start:end] == cue
        if sentence.suggestion is not None:
            assert sentence.suggestion.endswith("?")
            # Read in the sentence's own language (a text may switch language midway).
            again = analyse(sentence.suggestion, sentence.language)
            assert [s.label for s in again.sentences] == [OPEN], sentence
