"""The suitability rubric for a senior seller who is to coach peers (model 2).

Every criterion is scored 1-5 by each assessor. The outcome takes, per criterion, the
mean over the assessors, then:

- *suitable* when the mean of those means is at least SUITABLE_AT and no criterion is
  below CRITERION_FLOOR (one glaring gap -- say, integrity -- is not averaged away);
- otherwise *not suitable*.

The "future manager" signal for the programme owner: suitable, and the mean on
future-manager potential at least FUTURE_MANAGER_AT. docs/PROGRAMMES.md explains why.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SCALE_MIN, SCALE_MAX = 1, 5
SUITABLE_AT = Decimal("3.5")
CRITERION_FLOOR = Decimal("2.5")
FUTURE_MANAGER_AT = Decimal("4.0")


@dataclass(frozen=True)
class Criterion:
    key: str
    group: Promise
    label: Promise
    help: Promise


MOTIVATION = _("Motivation")
TRAITS = _("Traits")
CAPACITY = _("Capacity and potential")

CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "motivation",
        MOTIVATION,
        _("Motivated to coach"),
        _("Wants to help colleagues grow, not just to pass on tricks."),
    ),
    Criterion("listening", TRAITS, _("Listens"), _("Lets the other finish, asks before telling.")),
    Criterion("patience", TRAITS, _("Patience"), _("Gives a colleague time to find their own way.")),
    Criterion("integrity", TRAITS, _("Integrity"), _("Keeps confidences; what is said stays in the room.")),
    Criterion(
        "credibility",
        TRAITS,
        _("Credibility with peers"),
        _("Colleagues take their experience seriously."),
    ),
    Criterion(
        "capacity",
        CAPACITY,
        _("Time and capacity"),
        _("Can free hours for coaching without losing their own clients."),
    ),
    Criterion(
        "potential", CAPACITY, _("Potential to grow as a coach"), _("Learns the coaching craft quickly.")
    ),
    Criterion(
        "future_manager",
        CAPACITY,
        _("Potential as a future manager"),
        _("Shows the judgement and steadiness a sales manager needs."),
    ),
)
KEYS = tuple(c.key for c in CRITERIA)


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value.strip()) < 6:
        return int(value.strip())
    return None


def clean_scores(raw: Any) -> tuple[dict[str, int], dict[str, str]]:
    """Scores as integers per criterion, and errors per criterion key."""
    errors: dict[str, str] = {}
    scores: dict[str, int] = {}
    if not isinstance(raw, dict):
        return {}, {"scores": str(_("Give a score for every criterion."))}
    unknown = set(raw) - set(KEYS)
    if unknown:
        errors["scores"] = str(_("Unknown criteria: %(keys)s.")) % {
            "keys": ", ".join(sorted(map(str, unknown)))
        }
    for key in KEYS:
        value = raw.get(key)
        if value is None or value == "":
            errors[key] = str(_("Give a score from 1 to 5."))
            continue
        number = _as_int(value)
        if number is None:
            errors[key] = str(_("Give a score from 1 to 5."))
            continue
        if not SCALE_MIN <= number <= SCALE_MAX:
            errors[key] = str(_("%(value)s is outside the rubric: give a score from 1 to 5.")) % {
                "value": number
            }
            continue
        scores[key] = number
    return scores, errors


@dataclass(frozen=True)
class Outcome:
    assessors: int
    means: dict[str, Decimal]
    overall: Decimal
    suitable: bool
    weakest: list[str]  # criteria below the floor
    future_manager: bool


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def outcome(score_sets: list[dict[str, int]]) -> Outcome | None:
    """The outcome of one or more assessors' scores (None without any)."""
    sets = [s for s in score_sets if all(k in s for k in KEYS)]
    if not sets:
        return None
    means = {k: _round(Decimal(sum(s[k] for s in sets)) / len(sets)) for k in KEYS}
    overall = _round(sum(means.values(), Decimal(0)) / len(KEYS))
    weakest = [k for k in KEYS if means[k] < CRITERION_FLOOR]
    suitable = overall >= SUITABLE_AT and not weakest
    return Outcome(
        assessors=len(sets),
        means=means,
        overall=overall,
        suitable=suitable,
        weakest=weakest,
        future_manager=suitable and means["future_manager"] >= FUTURE_MANAGER_AT,
    )


def label_of(key: str) -> str:
    return next((str(c.label) for c in CRITERIA if c.key == key), key)
