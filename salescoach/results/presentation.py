"""Turning dashboard figures into what the pages show: chart data for the static chart
script (read from a json_script element; no inline scripts) and CSV rows."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from salescoach.results.selectors import Dashboard, Figures

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """The value as CSV text that a spreadsheet shows instead of running it."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _number(value: Decimal | int | None) -> float | None:
    return float(value) if value is not None else None


def chart_data(data: Dashboard) -> dict[str, Any]:
    rows: list[Any] = data.teams if data.by_team else data.people
    names = [r.name for r in data.teams] if data.by_team else [p.member.full_name for p in data.people]
    return {
        "currency": data.currency,
        "labels": {
            "won": _("Won"),
            "target": _("Target"),
            "forecast": _("Forecast"),
            "weighted": _("Weighted pipeline"),
            "pipeline": _("Pipeline"),
            "deals": _("Deals"),
        },
        "people": {
            "names": names,
            "won": [_number(r.figures.won_amount) for r in rows],
            "target": [_number(r.figures.target_amount) for r in rows],
            "forecast": [_number(r.figures.forecast) for r in rows],
        },
        "funnel": {
            "stages": [s.stage.name for s in data.open_stages],
            "amount": [_number(s.amount) for s in data.open_stages],
            "count": [s.count for s in data.open_stages],
        },
        "forecast": {
            "won": _number(data.total.won_amount),
            "weighted": _number(data.total.weighted),
            "target": _number(data.total.target_amount),
        },
        "months": {
            "labels": [m.period.label for m in data.months],
            "won": [_number(m.won_amount) for m in data.months],
            "forecast": [_number(m.forecast) for m in data.months],
            "target": [_number(m.target_amount) for m in data.months],
        },
    }


def csv_headings() -> list[str]:
    return [
        _("Name"),
        _("E-mail"),
        _("Team"),
        _("Target amount"),
        _("Won amount"),
        _("Attainment (%)"),
        _("Forecast"),
        _("Forecast against target (%)"),
        _("Pipeline"),
        _("Coverage"),
        _("Target count"),
        _("Won deals"),
        _("Lost deals"),
        _("Win rate (%)"),
        _("Average deal size"),
        _("Sales cycle (days)"),
    ]


def _figures_row(figures: Figures) -> list[Any]:
    return [
        figures.target_amount,
        figures.won_amount,
        figures.attainment,
        figures.forecast,
        figures.forecast_attainment,
        figures.open_amount,
        figures.coverage,
        figures.target_count,
        figures.won_count,
        figures.lost_count,
        figures.win_rate,
        figures.average_deal_size,
        figures.cycle_days,
    ]


def csv_rows(data: Dashboard) -> Iterable[list[str]]:
    yield csv_headings()
    for person in data.people:
        member = person.member
        yield [
            safe_cell(v)
            for v in [
                member.full_name,
                member.email,
                member.team_name,
                *_figures_row(person.figures),
            ]
        ]
    yield [safe_cell(v) for v in [_("Total"), "", "", *_figures_row(data.total)]]
