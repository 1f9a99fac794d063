"""The incentive calculation matches the examples worked by hand in docs/PROGRAMMES.md."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from salescoach.programmes.incentives import IncentiveLine, calculate, to_csv

DOC = Path(__file__).resolve().parents[2] / "docs" / "PROGRAMMES.md"


def examples() -> list[dict]:  # type: ignore[type-arg]
    blocks = re.findall(r"```json\n(.*?)\n```", DOC.read_text(), flags=re.S)
    return [json.loads(b) for b in blocks]


def test_the_docs_have_worked_examples() -> None:
    assert len(examples()) >= 2


@pytest.mark.parametrize("example", examples(), ids=lambda e: f"{e['coachees']}-coachees")
def test_the_code_gives_the_hand_computed_figures(example: dict) -> None:  # type: ignore[type-arg]
    figures = calculate(
        coachees=example["coachees"],
        reduction_pct_per_coachee=Decimal(example["reduction_pct_per_coachee"]),
        max_reduction_pct=Decimal(example["max_reduction_pct"]),
        original_target=Decimal(example["original_target"]),
        bonus_amount=Decimal(example["bonus_amount"]),
        bonus_share_pct=Decimal(example["bonus_share_pct"]),
        full_payout_improvement_pts=Decimal(example["full_payout_improvement_pts"]),
        attainment_before=[Decimal(v) for v in example["attainment_before"]],
        attainment_now=[Decimal(v) for v in example["attainment_now"]],
    )
    assert {k: str(v) for k, v in figures.items()} == example["expected"]


def test_no_improvement_or_no_figures_earns_nothing() -> None:
    common = {
        "coachees": 2,
        "reduction_pct_per_coachee": Decimal(5),
        "max_reduction_pct": Decimal(30),
        "original_target": None,
        "bonus_amount": Decimal(1000),
        "bonus_share_pct": Decimal(50),
        "full_payout_improvement_pts": Decimal(10),
    }
    worse = calculate(**common, attainment_before=[Decimal(90)], attainment_now=[Decimal(80)])
    assert worse["bonus_earned"] == Decimal("0.00") and worse["improvement_pts"] == Decimal("-10.00")
    unknown = calculate(**common, attainment_before=[None, Decimal(50)], attainment_now=[Decimal(60), None])
    assert unknown["improvement_pts"] is None and unknown["bonus_earned"] == Decimal("0.00")
    assert unknown["reduced_target"] is None and unknown["reduction_pct"] == Decimal("10.00")
    more = calculate(**common, attainment_before=[Decimal(50)], attainment_now=[Decimal(75)])
    assert more["earned_fraction_pct"] == Decimal("100.00") and more["bonus_earned"] == Decimal("500.00")


def test_csv_for_payroll_has_the_columns_and_no_formulas() -> None:
    line = IncentiveLine(
        period="2026-Q3",
        coach_email="femke@example.com",
        coach_name="=HYPERLINK(1)",
        coachees=3,
        reduction_pct=Decimal("12.00"),
        original_target=Decimal("150000.00"),
        reduced_target=Decimal("132000.00"),
        improvement_pts=Decimal("7.00"),
        bonus_tied=Decimal("1500.00"),
        earned_fraction_pct=Decimal("70.00"),
        bonus_earned=Decimal("1050.00"),
    )
    rows = list(csv.reader(io.StringIO(to_csv([line]))))
    assert rows[0][0] == "period" and rows[0][-1] == "bonus_earned"
    assert rows[1][2] == "'=HYPERLINK(1)"
    assert rows[1][-1] == "1050.00" and rows[1][6] == "132000.00"
