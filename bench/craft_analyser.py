"""Speed of the ask-don't-tell analyser (issue 8): target >= 1,000 sentences per second.

    .venv/bin/python bench/craft_analyser.py          # print the figures
    .venv/bin/python bench/craft_analyser.py --write  # and write them to docs/PERFORMANCE.md

The analyser is plain Python, so no database or Django set-up is needed. Each figure is
the median of several runs, after one warm-up run (the lexicons are built on first use).
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._markdown import write_section
from salescoach.craft.analyser import analyse
from salescoach.craft.analyser.text import split_sentences
from salescoach.craft.evaluation import load

RUNS = 5


def timed(work: Callable[[], int]) -> tuple[float, int]:
    """Median seconds over RUNS runs, and the number of sentences one run handled."""
    work()
    seconds = []
    count = 0
    for _ in range(RUNS):
        start = time.perf_counter()
        count = work()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), count


def main() -> None:
    rows = load()
    texts = [row.text for row in rows]
    rng = random.Random(8)
    dutch = [row.text for row in rows if row.language == "nl"]
    english = [row.text for row in rows if row.language == "en"]
    long_nl = " ".join(rng.choice(dutch) for _ in range(3000))[:100_000]
    long_en = " ".join(rng.choice(english) for _ in range(3000))[:100_000]
    no_punctuation = ("bel de klant morgen terug en vraag naar het budget " * 2000)[:100_000]
    markup = (
        "<ul><li><b>Bel</b> de klant 👍</li><li>Wat wil je <i>echt</i> bereiken? 🙂</li></ul>\n" * 1200
    )[:100_000]
    emoji = ("👍🙂🎉 " * 25_000)[:100_000]

    def one_by_one() -> int:
        for text in texts:
            analyse(text)
        return len(texts)

    def whole(text: str) -> Callable[[], int]:
        return lambda: len(analyse(text).sentences)

    cases = [
        (
            "evaluation set, one sentence per call (language detected each time)",
            one_by_one,
            f"{len(texts)} calls",
        ),
        ("100,000 characters of Dutch coaching text, one call", whole(long_nl), ""),
        ("100,000 characters of English coaching text, one call", whole(long_en), ""),
        (
            "100,000 characters without any punctuation",
            whole(no_punctuation),
            "cut into pieces of at most 400 characters",
        ),
        ("100,000 characters of HTML list items with emoji", whole(markup), ""),
        ("100,000 characters of emoji only", whole(emoji), "no words: answered as empty"),
    ]
    lines = [
        "## Coaching craft: ask-don't-tell analyser (issue 8)",
        "",
        "`.venv/bin/python bench/craft_analyser.py --write` -- the analyser alone (plain Python, no",
        f"database), median of {RUNS} runs after a warm-up, on this machine ({os.cpu_count()} cores,",
        f"Python {platform.python_version()}). Target: >= 1,000 sentences per second, and every bad input",
        "(empty, 100,000 characters, emoji, markup, no punctuation) answered within that pace.",
        "",
        "| what | time | sentences | sentences/s | notes |",
        "|---|---|---|---|---|",
    ]
    for name, work, note in cases:
        seconds, count = timed(work)
        rate = f"{count / seconds:,.0f}" if count else "--"
        lines.append(f"| {name} | {seconds * 1000:,.0f} ms | {count:,} | {rate} | {note} |")
        print(f"{name}: {seconds * 1000:.1f} ms, {count} sentences, {rate}/s")
    split_seconds, split_count = timed(lambda: len(split_sentences(long_nl)))
    lines.append(
        f"| splitting only, 100,000 characters of Dutch | {split_seconds * 1000:,.0f} ms | {split_count:,} | "
        f"{split_count / split_seconds:,.0f} | |"
    )
    lines += [
        "",
        "First call in a fresh process builds the verb lexicons once (about 30 ms). The API and the",
        "live component add Django's request handling on top; the analysis itself is the figures above.",
    ]
    body = "\n".join(lines)
    if "--write" in sys.argv:
        write_section("docs/PERFORMANCE.md", "craft-analyser", body)
        print("Written to docs/PERFORMANCE.md")


if __name__ == "__main__":
    main()
