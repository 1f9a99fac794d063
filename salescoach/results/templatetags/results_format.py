"""Figures as the dashboards show them, in the reader's language: 12.345 or 12,345."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats

register = template.Library()

DASH = "—"


def _number(value: Any, decimals: int) -> str:
    # Django's number_format, with the reader's separators, but quicker: dashboards show
    # thousands of figures.
    text = f"{Decimal(value):,.{decimals}f}"
    thousands, decimal = formats.get_format("THOUSAND_SEPARATOR"), formats.get_format("DECIMAL_SEPARATOR")
    return text.replace(",", "\x00").replace(".", decimal).replace("\x00", thousands)


@register.filter
def money(value: Any, currency: str = "") -> str:
    """12345.6 -> "EUR 12.346" (whole units: the dashboards are about size, not cents)."""
    if value is None or value == "":
        return DASH
    text = _number(value, 0)
    return f"{currency} {text}" if currency else text


@register.filter
def amount(value: Any, currency: str = "") -> str:
    """An exact amount, with cents: "EUR 12.345,60"."""
    if value is None or value == "":
        return DASH
    text = _number(value, 2)
    return f"{currency} {text}" if currency else text


@register.filter
def pct(value: Any) -> str:
    if value is None or value == "":
        return DASH
    return f"{_number(value, 0)}%"


@register.filter
def times(value: Any) -> str:
    """A coverage ratio: "3,1×"."""
    if value is None or value == "":
        return DASH
    return f"{_number(value, 1)}×"


@register.filter
def days(value: Any) -> str:
    if value is None or value == "":
        return DASH
    return _number(value, 0)


@register.filter
def count(value: Any) -> str:
    if value is None or value == "":
        return DASH
    return _number(value, 0)
