"""The figures as the pages, the CSV export, the PDF report and the API show them: one
place, so that all four show the same numbers."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from salescoach.insights.indicators import Indicators
from salescoach.insights.stats.indicators import BY_KEY

LABELS = {
    "coaching_hours": _("Coaching hours per coached seller"),
    "follow_through": _("Commitment follow-through (shared commitments)"),
    "skill": _("Ride-along skill score by the coach, 1-5 (shared observations)"),
    "usefulness": _("Sessions found useful"),
    "attainment": _("Attainment"),
    "win_rate": _("Win rate"),
    "average_deal_size": _("Average deal size"),
    "cycle_length": _("Sales-cycle length (days)"),
    "pipeline_coverage": _("Pipeline coverage"),
}
PERCENT = {"follow_through", "usefulness", "attainment", "win_rate"}
METRIC_LABELS = {
    "attainment": _("Attainment"),
    "win_rate": _("Win rate"),
    "cycle_length": _("Sales-cycle length"),
}
VERDICTS = {
    "effect": _("The data show an effect."),
    "no_effect_detected": _(
        "No effect detected: the interval includes zero. That is not proof of no effect."
    ),
    "insufficient_data": _("The data cannot tell yet."),
}
BAND_LABELS = {"top": _("Top 20%"), "core": _("Core 60%"), "bottom": _("Bottom 20%")}


def month_key(month: int) -> str:
    return f"{month // 12}-{month % 12 + 1:02d}"


def format_value(key: str, value: float | None) -> str:
    if value is None:
        return "—"
    if key in PERCENT:
        return f"{value * 100:.1f}%"
    if key == "pipeline_coverage":
        return f"{value:.2f}×"
    if key == "average_deal_size":
        return f"{value:,.0f}"
    return f"{value:g}"


def indicator_rows(
    indicators: Indicators, filters: Mapping[str, Hashable] | None = None, slot: str = "all"
) -> list[dict[str, Any]]:
    """One row per indicator the viewer sees: its values and group sizes per month
    (None where withheld or without data)."""
    rows = []
    for key in indicators.keys:
        series = indicators.release.series(key, filters, slot)
        rows.append(
            {
                "key": key,
                "label": LABELS[key],
                "kind": BY_KEY[key].kind,
                "values": [f["value"] if f else None for f in series],
                "n": [f["n"] if f else None for f in series],
                "shown": [format_value(key, f["value"] if f else None) for f in series],
            }
        )
    return rows


def impact_summary(report: Mapping[str, Any]) -> dict[str, Any]:
    """An impact figure with its plain-words verdict and readable numbers."""
    metric = report["metric"]
    scale = 100.0 if metric in ("attainment", "win_rate") else 1.0
    unit = _("points") if scale == 100.0 else _("days")

    def show(x: float | None) -> str:
        return "—" if x is None else f"{x * scale:+.1f}"

    return {
        **report,
        "label": METRIC_LABELS.get(metric, metric),
        "verdict_text": VERDICTS[report["verdict"]],
        "unit": unit,
        "estimate_shown": show(report["estimate"]),
        "ci_shown": "—"
        if report["ci_low"] is None
        else f"{show(report['ci_low'])} … {show(report['ci_high'])}",
    }


def csv_rows(
    indicators: Indicators,
    impacts: list[Mapping[str, Any]],
    filters: Mapping[str, Hashable] | None,
    slots: list[str],
) -> list[list[Any]]:
    """What the page shows, as a table: the impact figures, then each indicator by month
    (value and number of sellers; empty where withheld)."""
    rows: list[list[Any]] = [
        [
            str(_("Impact of coaching")),
            str(_("estimate")),
            str(_("95% interval low")),
            str(_("95% interval high")),
            str(_("coached sellers")),
            str(_("comparison sellers")),
            str(_("verdict")),
        ]
    ]
    for report in impacts:
        rows.append(
            [
                report["metric"],
                _blank(report["estimate"]),
                _blank(report["ci_low"]),
                _blank(report["ci_high"]),
                _blank(report["n_coached"]),
                _blank(report["n_comparison"]),
                report["verdict"],
            ]
        )
        for band in ("top", "core", "bottom"):
            part = report["by_band"][band]
            rows.append(
                [
                    f"{report['metric']} ({band})",
                    _blank(part["estimate"]),
                    _blank(part["ci_low"]),
                    _blank(part["ci_high"]),
                    _blank(part["n_coached"]),
                    _blank(part["n_comparison"]),
                    part["verdict"],
                ]
            )
    rows.append([])
    rows.append([str(_("indicator")), str(_("band")), str(_("month")), str(_("value")), str(_("sellers"))])
    for slot in slots:
        for row in indicator_rows(indicators, filters, slot):
            for month, value, n in zip(indicators.months, row["values"], row["n"], strict=True):
                rows.append([row["key"], slot, month_key(month), _blank(value), _blank(n)])
    return rows


def _blank(value: Any) -> Any:
    return "" if value is None else value


def chart_data(report: Mapping[str, Any]) -> dict[str, Any]:
    """What the chart script draws on an insights page (read from a json_script element:
    no inline scripts). The same figures are in the tables next to the charts."""
    return {
        "months": report["month_keys"],
        "cadence": list(report["cadence"]),
        "labels": {
            "estimate": str(_("Estimate")),
            "interval": str(_("95% interval")),
            "cadence_low": str(_("Cadence target (low)")),
            "cadence_high": str(_("Cadence target (high)")),
            "whole": str(_("All sellers")),
        },
        "impacts": [
            {
                "metric": i["metric"],
                "label": str(i["label"]),
                "scale": 100.0 if i["metric"] in ("attainment", "win_rate") else 1.0,
                "groups": [str(_("All sellers")), *[str(BAND_LABELS[b["band"]]) for b in i["bands"]]],
                "estimate": [i["estimate"], *[b["estimate"] for b in i["bands"]]],
                "low": [i["ci_low"], *[b["ci_low"] for b in i["bands"]]],
                "high": [i["ci_high"], *[b["ci_high"] for b in i["bands"]]],
            }
            for i in report["impacts"]
        ],
        "indicators": [
            {
                "key": r["key"],
                "label": str(r["label"]),
                "percent": r["key"] in PERCENT,
                "values": r["values"],
                "bands": {
                    b["band"]: next((x["values"] for x in b["rows"] if x["key"] == r["key"]), [])
                    for b in report["bands"]
                },
            }
            for r in report["rows"]
        ],
        "band_labels": {k: str(v) for k, v in BAND_LABELS.items()},
    }


def timeline_chart(timeline: Any) -> dict[str, Any]:
    data = timeline.as_dict()
    data["labels"] = {
        "sessions": str(_("Sessions")),
        "hours": str(_("Coaching hours")),
        "cadence_low": str(_("Cadence target (low)")),
        "cadence_high": str(_("Cadence target (high)")),
        "done": str(_("Done")),
        "partly": str(_("Partly done")),
        "not_done": str(_("Not done")),
        "follow_through": str(_("Follow-through")),
        "choices": str(_("Choices made")),
        "useful": str(_("Sessions found useful")),
        "self": str(_("Self-assessment")),
        "coach": str(_("Coach")),
        "attainment": str(_("Attainment")),
        "win_rate": str(_("Win rate")),
        "cycle_length": str(_("Sales-cycle length (days)")),
    }
    return data
