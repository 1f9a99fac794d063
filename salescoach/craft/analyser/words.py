"""Word lists are written as plain text, one space between words, so they stay readable."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())
