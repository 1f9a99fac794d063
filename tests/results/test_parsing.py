"""The readers for numbers, dates, percentages and periods."""

from __future__ import annotations

from datetime import date

import pytest

from salescoach.results.parsing import DateReader, NumberReader, ValueProblem, parse_amount, parse_percentage
from salescoach.results.periods import parse_period


@pytest.mark.parametrize(
    ("decimal", "text", "expected"),
    [
        (None, "1234", "1234"),
        (None, "1234.5", "1234.5"),
        (None, "1234,5", "1234.5"),
        (None, "1.234,56", "1234.56"),
        (None, "1,234.56", "1234.56"),
        (None, "1.234.567", "1234567"),
        (None, "1 234,56", "1234.56"),
        (None, "-12,5", "-12.5"),
        (",", "1.234", "1234"),
        (".", "1,234", "1234"),
        (".", "1.234", "1.234"),
    ],
)
def test_numbers(decimal: str | None, text: str, expected: str) -> None:
    assert NumberReader(decimal).parse(text) == expected


@pytest.mark.parametrize("text", ["1,23,4", "1.2.3,4,5", "abc", "12a", "1.234", "1,234"])
def test_numbers_that_are_refused_without_a_convention(text: str) -> None:
    with pytest.raises(ValueProblem):
        NumberReader(None).parse(text)


def test_a_learned_convention_settles_ambiguous_numbers() -> None:
    reader = NumberReader(None)
    reader.learn("12,50")
    assert reader.parse("1.234") == "1234"


def test_amounts_with_currencies() -> None:
    reader = NumberReader(",")
    assert parse_amount("€ 1.234,50", reader) == ("1234.50", "EUR")
    assert parse_amount("USD 99", reader) == ("99.00", "USD")
    assert parse_amount(1234.5, reader) == ("1234.50", None)
    with pytest.raises(ValueProblem):
        parse_amount("-5", reader)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-31", date(2026, 12, 31)),
        ("31-12-2026", date(2026, 12, 31)),
        ("31.12.2026", date(2026, 12, 31)),
        ("12/31/2026", date(2026, 12, 31)),
        ("31/12/2026", date(2026, 12, 31)),
        ("3-4-2026", date(2026, 4, 3)),  # dashes: day first
        ("2026/12/31", date(2026, 12, 31)),
        ("2026-01-31T22:30:00.000Z", date(2026, 1, 31)),  # 23:30 in Amsterdam
        ("2026-06-30T23:30:00.000Z", date(2026, 7, 1)),  # 01:30 in Amsterdam the next day
        ("2026-03-31 14:05", date(2026, 3, 31)),
        ("31 maart 2026", date(2026, 3, 31)),
        ("Mar 31, 2026", date(2026, 3, 31)),
        ("4/5/2026 9:14 AM", None),  # ambiguous: refused below
    ],
)
def test_dates(text: str, expected: date | None) -> None:
    reader = DateReader()
    if expected is None:
        with pytest.raises(ValueProblem):
            reader.parse(text)
    else:
        assert reader.parse(text) == expected


@pytest.mark.parametrize("text", ["2026-02-30", "30-02-2026", "31/31/2026", "1-1-26", "morgen", "1850-01-01"])
def test_impossible_dates(text: str) -> None:
    with pytest.raises(ValueProblem):
        DateReader().parse(text)


@pytest.mark.parametrize(
    ("raw", "fraction", "expected"),
    [
        ("75", False, 75),
        ("75%", False, 75),
        ("0.2", True, 20),
        ("1", True, 100),
        ("62,5", False, 63),
        ("0,5", False, 50),
    ],
)
def test_percentages(raw: str, fraction: bool, expected: int) -> None:
    assert parse_percentage(raw, NumberReader(None), fraction=fraction) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("2026-03", "2026-03"),
        ("3-2026", "2026-03"),
        ("2026-Q1", "2026-Q1"),
        ("K4 2026", "2026-Q4"),
        ("2026", "2026"),
    ],
)
def test_periods(text: str, key: str) -> None:
    period = parse_period(text)
    assert period is not None and period.key == key


def test_periods_that_are_not() -> None:
    assert parse_period("2026-13") is None
    assert parse_period("Q5 2026") is None
    assert parse_period("2026", allow_year=False) is None
