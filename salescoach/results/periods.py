"""Periods the dashboards and targets speak of: a month (2026-03), a quarter (2026-Q1)
or a year (2026). A period runs from ``start`` up to, not including, ``end``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _

MONTH = "month"
QUARTER = "quarter"
YEAR = "year"

# 2026-03, 2026-3, 2026/03, 03-2026, 3/2026
_MONTH = re.compile(r"^(?:(?P<y1>\d{4})[-/.](?P<m1>\d{1,2})|(?P<m2>\d{1,2})[-/.](?P<y2>\d{4}))$")
# 2026-Q1, 2026Q1, 2026 Q1, Q1 2026, Q1-2026, and Dutch K1 (kwartaal)
_QUARTER = re.compile(
    r"^(?:(?P<y1>\d{4})\s*[-/ ]?\s*[QK](?P<q1>[1-4])|[QK](?P<q2>[1-4])\s*[-/ ]?\s*(?P<y2>\d{4}))$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True, order=True)
class Period:
    start: date
    kind: str

    @property
    def end(self) -> date:
        months = {MONTH: 1, QUARTER: 3, YEAR: 12}[self.kind]
        return add_months(self.start, months)

    @property
    def key(self) -> str:
        if self.kind == MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return formats.date_format(self.start, "YEAR_MONTH_FORMAT")
        if self.kind == QUARTER:
            return _("Q%(quarter)d %(year)d") % {
                "quarter": (self.start.month - 1) // 3 + 1,
                "year": self.start.year,
            }
        return str(self.start.year)

    def months(self) -> list[Period]:
        count = {MONTH: 1, QUARTER: 3, YEAR: 12}[self.kind]
        return [Period(add_months(self.start, i), MONTH) for i in range(count)]

    def quarters(self) -> list[Period]:
        """The quarters this period lies in (one for a month or a quarter)."""
        if self.kind == YEAR:
            return [Period(add_months(self.start, 3 * i), QUARTER) for i in range(4)]
        return [quarter_of(self.start)]

    def previous(self) -> Period:
        months = {MONTH: 1, QUARTER: 3, YEAR: 12}[self.kind]
        return Period(add_months(self.start, -months), self.kind)

    def next(self) -> Period:
        return Period(self.end, self.kind)

    def __str__(self) -> str:
        return self.key


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_of(day: date) -> Period:
    return Period(date(day.year, day.month, 1), MONTH)


def quarter_of(day: date) -> Period:
    return Period(date(day.year, (day.month - 1) // 3 * 3 + 1, 1), QUARTER)


def year_of(day: date) -> Period:
    return Period(date(day.year, 1, 1), YEAR)


def parse_period(text: str, *, allow_year: bool = True) -> Period | None:
    """The period written as 2026-03, 2026-Q1 (or 2026-K1) or, if allowed, 2026;
    None when the text is not one of those."""
    value = (text or "").strip()
    match = _QUARTER.match(value)
    if match:
        year = int(match.group("y1") or match.group("y2"))
        quarter = int(match.group("q1") or match.group("q2"))
        return Period(date(year, 3 * quarter - 2, 1), QUARTER) if 1900 <= year <= 2999 else None
    match = _MONTH.match(value)
    if match:
        year = int(match.group("y1") or match.group("y2"))
        month = int(match.group("m1") or match.group("m2"))
        if 1 <= month <= 12 and 1900 <= year <= 2999:
            return Period(date(year, month, 1), MONTH)
        return None
    if allow_year and _YEAR.match(value) and 1900 <= int(value) <= 2999:
        return Period(date(int(value), 1, 1), YEAR)
    return None
