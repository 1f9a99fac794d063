"""Reading the values of CRM exports: Dutch and English numbers, dates in the common
orders, currencies and percentages.

A value that cannot be read raises ``ValueProblem`` with a message for the user. Where
a value can be read two ways (03/04/2026, or 1.234 in a file with no other clue) the
reader learns the file's convention from values that can only be read one way, and
refuses the value when nothing settles it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

MAX_AMOUNT_DIGITS = 14  # Decimal(16, 2)


class ValueProblem(Exception):
    """A cell's value cannot be used; the message says why, for the user."""


def is_formula(value: Any) -> bool:
    """A spreadsheet formula rather than a value (Excel keeps the formula when the
    file was saved without calculated values; a CSV may carry one as text)."""
    return isinstance(value, str) and value.startswith("=") and len(value) > 1


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def normalise_key(value: str) -> str:
    """For matching names: case, accents and spacing ignored."""
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return " ".join(text.casefold().split())


# --- numbers ------------------------------------------------------------------------------

_SPACES = str.maketrans("", "", " \u00a0\u202f'\u2009")
_CURRENCY_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "₹": "INR"}
_CODE = re.compile(
    r"^([A-Z]{3})\s*([-+\d][\d.,\s'\u00a0]*)$|^([-+\d][\d.,\s'\u00a0]*?)\s*([A-Z]{3})$", re.IGNORECASE
)


class NumberReader:
    """Reads numbers of one file. ``decimal`` is the decimal separator the file uses:
    learned from numbers that can only be read one way, else guessed from the CSV
    delimiter (semicolon files come from Dutch Excel, comma files from English)."""

    def __init__(self, default_decimal: str | None = None) -> None:
        self.default = default_decimal
        self.learned: str | None = None

    @property
    def decimal(self) -> str | None:
        return self.learned or self.default

    def learn(self, raw: str) -> None:
        """Look at a value without reading it (the look-ahead before the import)."""
        separator = self._unambiguous_decimal(raw.translate(_SPACES).lstrip("+-"))
        if separator and not self.learned:
            self.learned = separator

    @staticmethod
    def _unambiguous_decimal(text: str) -> str | None:
        dots, commas = text.count("."), text.count(",")
        if dots and commas:
            return "." if text.rfind(".") > text.rfind(",") else ","
        if dots + commas == 0:
            return None
        separator = "." if dots else ","
        if dots + commas > 1:  # 1.234.567: thousands, so the other one is the decimal
            return "," if separator == "." else "."
        after = len(text) - text.find(separator) - 1
        return separator if after != 3 else None

    def parse(self, raw: str, *, amount: bool = False) -> str:
        """The number as a plain string ("-1234.5"), or ValueProblem. For an ``amount``,
        1.234 or 1,234 is a thousand and more unless the file shows that this separator
        is its decimal one: money has two decimals, not three."""
        text = raw.translate(_SPACES)
        negative = False
        if text[:1] in "+-":
            negative = text[0] == "-"
            text = text[1:]
        if text.isdigit():
            return f"-{text}" if negative else text
        separator = self._unambiguous_decimal(text)
        if separator is None:
            if not text or not text.replace(".", "").replace(",", "").isdigit():
                raise ValueProblem(_("“%(value)s” is not a number.") % {"value": raw})
            # One separator followed by three digits: 1.234 or 1,234.
            mark = "." if "." in text else ","
            if amount and not self.learned and len(text) - len(text.lstrip("0123456789")) <= 3:
                separator = "," if mark == "." else "."  # the mark groups thousands
            else:
                separator = self.decimal
            if separator is None:
                raise ValueProblem(
                    _(
                        "“%(value)s” can be read as a whole number or as a number with three "
                        "decimals. Write it without a thousands separator (for example 1234 or 1234,5)."
                    )
                    % {"value": raw}
                )
            if self.learned and separator != self.learned:
                separator = self.learned
        elif self.learned and separator != self.learned and text.count(separator) == 1:
            both = "." in text and "," in text
            if both or len(text) - text.find(separator) - 1 != 3:
                raise ValueProblem(
                    _(
                        "“%(value)s” uses “%(used)s” for decimals, but earlier numbers in this "
                        "file use “%(earlier)s”."
                    )
                    % {"value": raw, "used": separator, "earlier": self.learned}
                )
        thousands = "," if separator == "." else "."
        whole, _sep, fraction = text.partition(separator)
        if thousands in fraction or separator in fraction:
            raise ValueProblem(_("“%(value)s” is not a number.") % {"value": raw})
        if thousands in whole:
            groups = whole.split(thousands)
            if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
                raise ValueProblem(_("“%(value)s” is not a number.") % {"value": raw})
            whole = "".join(groups)
        whole = whole or "0"
        if not whole.isdigit() or (fraction and not fraction.isdigit()):
            raise ValueProblem(_("“%(value)s” is not a number.") % {"value": raw})
        number = f"{whole}.{fraction}" if fraction else whole
        return f"-{number}" if negative else number


def split_currency(raw: str) -> tuple[str, str | None]:
    """'€ 1.234,50' -> ('1.234,50', 'EUR'); 'EUR 1,234.50' -> ('1,234.50', 'EUR')."""
    text = raw.strip()
    if not text or text[0].isdigit() and text[-1].isdigit():
        return text, None
    for symbol, code in _CURRENCY_SYMBOLS.items():
        if symbol in text:
            return text.replace(symbol, "").strip(), code
    match = _CODE.match(text)
    if match:
        if match.group(1):
            return match.group(2).strip(), match.group(1).upper()
        return match.group(3).strip(), match.group(4).upper()
    return text, None


def parse_amount(raw: Any, numbers: NumberReader) -> tuple[str | None, str | None]:
    """(amount as a plain string with at most two decimals, currency named in the cell)."""
    if raw is None or raw == "":
        return None, None
    if isinstance(raw, bool):
        raise ValueProblem(_("“%(value)s” is not an amount.") % {"value": raw})
    if isinstance(raw, int | float | Decimal):
        number = str(Decimal(str(raw)))
        currency = None
    else:
        text, currency = split_currency(str(raw))
        if not text:
            return None, currency
        number = numbers.parse(text, amount=True)
    try:
        value = Decimal(number).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValueProblem(_("“%(value)s” is not an amount.") % {"value": raw}) from None
    if value < 0:
        raise ValueProblem(_("An amount cannot be negative (“%(value)s”).") % {"value": raw})
    if len(str(value).split(".")[0].lstrip("-")) > MAX_AMOUNT_DIGITS:
        raise ValueProblem(_("“%(value)s” is too large an amount.") % {"value": raw})
    return str(value), currency


def parse_plain_amount(raw: str) -> str | None:
    """Fast path for the common case of a plain number like 12500 or 12500.5; None when
    the value needs the full reader."""
    whole, dot, fraction = raw.partition(".")
    if (
        whole.isdigit()
        and len(whole) <= MAX_AMOUNT_DIGITS
        and (not dot or (fraction.isdigit() and len(fraction) <= 2))
    ):
        return raw
    return None


def parse_percentage(raw: Any, numbers: NumberReader, *, fraction: bool = False) -> int | None:
    """A probability in whole percent. With ``fraction`` (HubSpot's deal probability),
    values up to 1 are fractions: 0.2 is 20%."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
        value = Decimal(str(raw))
    else:
        text = str(raw).strip().rstrip("%").strip()
        if not text:
            return None
        try:
            value = Decimal(numbers.parse(text))
        except (ValueProblem, InvalidOperation):
            raise ValueProblem(_("“%(value)s” is not a percentage.") % {"value": raw}) from None
        if str(raw).strip().endswith("%"):
            fraction = False
    if fraction and value <= 1 or (not fraction and 0 < value < 1 and value != value.to_integral_value()):
        value *= 100
    if value < 0 or value > 100:
        raise ValueProblem(_("A probability lies between 0 and 100 (“%(value)s”).") % {"value": raw})
    return int(value.quantize(Decimal("1"), rounding="ROUND_HALF_UP"))


def parse_count(raw: Any, numbers: NumberReader) -> int | None:
    if raw is None or raw == "":
        return None
    text = text_of(raw)
    try:
        value = Decimal(numbers.parse(text))
    except (ValueProblem, InvalidOperation):
        raise ValueProblem(_("“%(value)s” is not a whole number.") % {"value": raw}) from None
    if value != value.to_integral_value() or value < 0:
        raise ValueProblem(_("“%(value)s” is not a whole number of 0 or more.") % {"value": raw})
    if value > 1_000_000:
        raise ValueProblem(_("“%(value)s” is too large.") % {"value": raw})
    return int(value)


def parse_bool(raw: Any) -> bool | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in {"true", "1", "yes", "ja", "waar", "y", "j"}:
        return True
    if text in {"false", "0", "no", "nee", "onwaar", "n"}:
        return False
    raise ValueProblem(_("“%(value)s” is not yes or no.") % {"value": raw})


# --- dates --------------------------------------------------------------------------------

DAY_FIRST = "dmy"
MONTH_FIRST = "mdy"

_NUMERIC_DATE = re.compile(
    r"^(?P<a>\d{1,4})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})"
    r"(?:[ T]+(?P<time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(?P<ampm>[AaPp][Mm])?)?\s*$"
)
_MONTH_NAMES = {
    "jan": 1, "januari": 1, "january": 1,
    "feb": 2, "februari": 2, "february": 2,
    "mrt": 3, "maart": 3, "mar": 3, "march": 3,
    "apr": 4, "april": 4,
    "mei": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6,
    "jul": 7, "juli": 7, "july": 7,
    "aug": 8, "augustus": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oktober": 10, "oct": 10, "october": 10,
    "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
_NAMED_DATE = re.compile(
    r"^(?:(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})|([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4}))$"
)


@lru_cache(maxsize=4)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _local_zone() -> ZoneInfo:
    return _zone(settings.TIME_ZONE)


class DateReader:
    """Reads the dates of one column. The order of day and month is learned from dates
    that can only be read one way (31/12/2026, 12/31/2026); dates with dashes or dots
    are day first unless the column shows otherwise (the Dutch way of writing them)."""

    def __init__(self) -> None:
        self.order: str | None = None

    def learn(self, raw: Any) -> None:
        if self.order is not None or not isinstance(raw, str):
            return
        match = _NUMERIC_DATE.match(raw.strip())
        if match and len(match.group("a")) <= 2:
            first, second = int(match.group("a")), int(match.group("b"))
            if first > 12 >= second:
                self.order = DAY_FIRST
            elif second > 12 >= first:
                self.order = MONTH_FIRST

    def parse(self, raw: Any) -> date | None:
        if raw is None or raw == "":
            return None
        if isinstance(raw, datetime):
            if raw.tzinfo is not None:
                return raw.astimezone(_local_zone()).date()
            return raw.date()
        if isinstance(raw, date):
            return raw
        if isinstance(raw, int | float):
            raise ValueProblem(_("“%(value)s” is not a date.") % {"value": raw})
        text = str(raw).strip()
        if not text:
            return None
        # Fast path: ISO dates (2026-12-31) and date-times (Salesforce's 2026-12-31T10:00:00.000Z).
        if len(text) >= 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
            if len(text) == 10:
                return self._iso(text, raw)
            if text[10] in "T " and ("Z" in text[10:] or "+" in text[10:] or text[10:].count("-")):
                try:
                    moment = datetime.fromisoformat(text.replace(" ", "T", 1))
                except ValueError:
                    raise ValueProblem(_("“%(value)s” is not a date.") % {"value": raw}) from None
                if moment.tzinfo is not None:
                    return moment.astimezone(_local_zone()).date()
                return moment.date()
        match = _NUMERIC_DATE.match(text)
        if match:
            return self._numeric(match, raw)
        match = _NAMED_DATE.match(text)
        if match:
            if match.group(1):
                day, month_name, year = match.group(1), match.group(2), match.group(3)
            else:
                month_name, day, year = match.group(4), match.group(5), match.group(6)
            month = _MONTH_NAMES.get(month_name.lower())
            if month is None:
                raise ValueProblem(_("“%(value)s” is not a date.") % {"value": raw})
            return self._make(int(year), month, int(day), raw)
        raise ValueProblem(
            _("“%(value)s” is not a date. Write dates as 31-12-2026 or 2026-12-31.") % {"value": raw}
        )

    def _iso(self, text: str, raw: Any) -> date:
        try:
            found = date.fromisoformat(text)
        except ValueError:
            raise ValueProblem(_("“%(value)s” is not a date that exists.") % {"value": raw}) from None
        return self._make(found.year, found.month, found.day, raw)

    def _numeric(self, match: re.Match[str], raw: Any) -> date:
        a, b, c, separator = match.group("a"), match.group("b"), match.group("c"), match.group("sep")
        if len(a) == 4:  # 2026/12/31
            return self._make(int(a), int(b), int(c), raw)
        if len(c) != 4:
            raise ValueProblem(
                _("“%(value)s”: write the year with four digits, for example 31-12-2026.") % {"value": raw}
            )
        first, second, year = int(a), int(b), int(c)
        if first > 12 >= second:
            order = DAY_FIRST
        elif second > 12 >= first:
            order = MONTH_FIRST
        elif first == second or first > 12 and second > 12:
            order = DAY_FIRST  # the same either way, or impossible either way
        else:
            guess = self.order or (DAY_FIRST if separator in "-." else None)
            if guess is None:
                raise ValueProblem(
                    _(
                        "“%(value)s” can be read as %(one)s or as %(other)s. Write the date as "
                        "year-month-day (%(iso)s) to make it unambiguous."
                    )
                    % {
                        "value": raw,
                        "one": self._describe(year, second, first),
                        "other": self._describe(year, first, second),
                        "iso": f"{year}-{second:02d}-{first:02d}",
                    }
                )
            return self._make(year, *((second, first) if guess == DAY_FIRST else (first, second)), raw)
        if self.order is None:
            self.order = order
        elif order != self.order and first != second and not (first > 12 and second > 12):
            if self.order == DAY_FIRST:
                message = _(
                    "“%(value)s” is written month first, but earlier dates in this column are day first."
                )
            else:
                message = _(
                    "“%(value)s” is written day first, but earlier dates in this column are month first."
                )
            raise ValueProblem(message % {"value": raw})
        if order == DAY_FIRST:
            return self._make(year, second, first, raw)
        return self._make(year, first, second, raw)

    @staticmethod
    def _describe(year: int, month: int, day: int) -> str:
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return f"{year}-{month:02d}-{day:02d}"

    @staticmethod
    def _make(year: int, month: int, day: int, raw: Any) -> date:
        if not 1900 <= year <= 2999:
            raise ValueProblem(_("“%(value)s” is not a plausible date.") % {"value": raw})
        try:
            return date(year, month, day)
        except ValueError:
            raise ValueProblem(_("“%(value)s” is not a date that exists.") % {"value": raw}) from None


CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")


def parse_currency(raw: Any) -> str | None:
    text = text_of(raw).upper()
    if not text:
        return None
    text = _CURRENCY_SYMBOLS.get(text, text)
    if not CURRENCY_CODE.match(text):
        raise ValueProblem(_("“%(value)s” is not a currency code such as EUR or USD.") % {"value": raw})
    return text
