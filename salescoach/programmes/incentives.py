"""The incentive of a senior seller who coaches (model 2), per period, for payroll.

For one coach in one period (docs/PROGRAMMES.md works an example by hand; a test checks
that this code gives the same figures):

1. target reduction = min(coachees x reduction per coachee, the largest reduction) %;
   reduced target = original target x (1 - reduction / 100);
2. tied bonus = bonus per period x share tied to the coachees (%) / 100;
3. improvement = the mean, over the coachees with a target in both periods, of
   (attainment this period - attainment the period before), in percentage points;
   attainment = won amount / target x 100;
4. earned fraction = improvement / improvement for the full share, between 0 and 1;
   earned bonus = tied bonus x earned fraction.

Money is rounded to cents and percentages to two decimals, half up, at the end of each
step -- as a payroll clerk would do it by hand.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from salescoach.results.periods import MONTH, QUARTER, Period

CENT = Decimal("0.01")


def _q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class IncentiveLine:
    period: str
    coach_email: str
    coach_name: str
    coachees: int
    reduction_pct: Decimal
    original_target: Decimal | None
    reduced_target: Decimal | None
    improvement_pts: Decimal | None
    bonus_tied: Decimal
    earned_fraction_pct: Decimal
    bonus_earned: Decimal


def calculate(
    *,
    coachees: int,
    reduction_pct_per_coachee: Decimal,
    max_reduction_pct: Decimal,
    original_target: Decimal | None,
    bonus_amount: Decimal,
    bonus_share_pct: Decimal,
    full_payout_improvement_pts: Decimal,
    attainment_before: list[Decimal | None],
    attainment_now: list[Decimal | None],
) -> dict[str, Decimal | None]:
    """The pure calculation (see the module docstring); attainments are per coachee, in %."""
    reduction = _q(min(Decimal(coachees) * reduction_pct_per_coachee, max_reduction_pct))
    reduced = _q(original_target * (1 - reduction / 100)) if original_target is not None else None
    tied = _q(bonus_amount * bonus_share_pct / 100)
    pairs = [
        (b, n)
        for b, n in zip(attainment_before, attainment_now, strict=True)
        if b is not None and n is not None
    ]
    improvement = _q(sum((n - b for b, n in pairs), Decimal(0)) / len(pairs)) if pairs else None
    if improvement is None or full_payout_improvement_pts <= 0:
        fraction = Decimal(0)
    else:
        fraction = max(Decimal(0), min(Decimal(1), improvement / full_payout_improvement_pts))
    fraction_pct = _q(fraction * 100)
    return {
        "reduction_pct": reduction,
        "reduced_target": reduced,
        "improvement_pts": improvement,
        "bonus_tied": tied,
        "earned_fraction_pct": fraction_pct,
        "bonus_earned": _q(tied * fraction_pct / 100),
    }


def attainment(won: Decimal, target: Decimal | None) -> Decimal | None:
    if target is None or target <= 0:
        return None
    return _q(won / target * 100)


def period_figures(
    months: list[tuple[int, int, float | None, float]], period: Period
) -> dict[int, tuple[Decimal | None, Decimal]]:
    """Per person: (target, won amount) summed over the months of ``period``, from
    ``results.selectors.seller_months`` rows (seller_id, month index, target, won)."""
    indexes = {m.start.year * 12 + m.start.month - 1 for m in period.months()}
    out: dict[int, list[Decimal | None]] = {}
    for seller_id, index, target, won in months:
        if index not in indexes:
            continue
        row = out.setdefault(seller_id, [None, Decimal(0)])
        if target is not None:
            row[0] = (row[0] or Decimal(0)) + Decimal(str(target))
        row[1] = (row[1] or Decimal(0)) + Decimal(str(won))
    return {k: (v[0], v[1] or Decimal(0)) for k, v in out.items()}


def period_kind(programme_period: str) -> str:
    return MONTH if programme_period == "month" else QUARTER


CSV_COLUMNS = [
    "period",
    "coach_email",
    "coach_name",
    "coachees",
    "target_reduction_pct",
    "original_target",
    "reduced_target",
    "coachee_improvement_pts",
    "bonus_tied",
    "earned_pct",
    "bonus_earned",
]


def to_csv(lines: list[IncentiveLine]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for line in lines:
        writer.writerow(
            [
                line.period,
                line.coach_email,
                _safe(line.coach_name),
                line.coachees,
                line.reduction_pct,
                "" if line.original_target is None else line.original_target,
                "" if line.reduced_target is None else line.reduced_target,
                "" if line.improvement_pts is None else line.improvement_pts,
                line.bonus_tied,
                line.earned_fraction_pct,
                line.bonus_earned,
            ]
        )
    return buffer.getvalue()


def _safe(text: str) -> str:
    """No formula injection when payroll opens the file in a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
