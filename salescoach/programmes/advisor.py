"""The coaching-model advisor: from a short questionnaire about a team to a recommended
model (or combination), with every step of the reasoning shown.

The rules are deliberately simple and documented one by one in docs/ADVISOR.md, with
worked examples that a test checks against this code. Each rule adds or removes points
for the models it concerns and says why; models that cannot work (no budget, nobody
willing) are ruled out, not just scored low.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Assumptions, documented in docs/ADVISOR.md.
DEFAULT_CADENCE_HOURS = 3.0  # Gartner's advice is 3-5 coaching hours per seller per month
COACHEES_PER_SENIOR_SELLER = 3  # a senior seller keeps selling; more coachees crowd out their own targets
LARGE_SPAN = 10  # above this many direct reports a manager rarely finds coaching time
COMBINE_WITHIN = 1  # a second model within this many points joins the recommendation


class CoachingModel(StrEnum):
    MANAGER = "manager"
    SENIOR_SELLERS = "senior_sellers"
    INTERNAL_COACH = "internal_coach"
    EXTERNAL_COACH = "external_coach"

    @property
    def label(self) -> Promise:
        return MODEL_LABELS[self]


MODEL_LABELS: dict[CoachingModel, Promise] = {
    CoachingModel.MANAGER: _("The manager coaches"),
    CoachingModel.SENIOR_SELLERS: _("Successful senior sellers coach"),
    CoachingModel.INTERNAL_COACH: _("An internal coach"),
    CoachingModel.EXTERNAL_COACH: _("An external coach"),
}

RISKS: dict[CoachingModel, list[Promise]] = {
    CoachingModel.MANAGER: [
        _("Little time: targets and the forecast win over coaching."),
        _("Coaching is a skill most managers were never trained in."),
        _("The serious error of mixing a coaching session with a performance evaluation."),
    ],
    CoachingModel.SENIOR_SELLERS: [
        _("Coaching is a new skill for them."),
        _("Coaching costs them selling time and can put their own target at risk."),
    ],
    CoachingModel.INTERNAL_COACH: [
        _("The coach must earn the respect of both sellers and management."),
    ],
    CoachingModel.EXTERNAL_COACH: [
        _("Sellers may see the coach as a spy for upper management."),
        _("The coach has no history in the organisation and must earn acceptance."),
    ],
}

SAFEGUARDS: dict[CoachingModel, list[Promise]] = {
    CoachingModel.MANAGER: [
        _("Coaching training for the manager before the programme starts."),
        _("The manager's own superior guides their coaching: coach-the-coach talks and an observed session."),
        _("Free up time: delegate named tasks to support staff, or reduce the span of control."),
        _("Evaluations are kept apart from coaching: never the same meeting, never the same day."),
    ],
    CoachingModel.SENIOR_SELLERS: [
        _("A suitability assessment before appointment: motivation, traits, capacity and potential."),
        _("Coaching training for every senior seller who coaches."),
        _("Incentives: a lower target per coachee and a bonus share tied to the coachees' progress."),
    ],
    CoachingModel.INTERNAL_COACH: [
        _("The coach is part of the team: joins team meetings and activities, physically present."),
        _("Ride-alongs at client appointments every period."),
        _("A short anonymous pulse survey on whether sellers and management respect the coach."),
    ],
    CoachingModel.EXTERNAL_COACH: [
        _("Everything for an internal coach: part of the team, ride-alongs, pulse surveys."),
        _("A pulse survey on trust: is the coach on the sellers' side rather than reporting upwards?"),
        _("Onboarding: introductions, triad agreements, a first ride-along and a first team meeting."),
        _("Visible confidentiality: sellers can see exactly what the coach reports."),
    ],
}


class Trust(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Experience(StrEnum):
    JUNIOR = "junior"
    MIXED = "mixed"
    SENIOR = "senior"


class NonSales(StrEnum):
    NONE = "none"
    SOME = "some"
    MOST = "most"


@dataclass(frozen=True)
class TeamAnswers:
    """The questionnaire. `team_size` is the manager's span of control: the sellers and
    non-sales professionals to be coached."""

    team_size: int
    manager_hours_per_month: float
    manager_trained: bool
    senior_sellers_willing: int
    budget_internal_coach: bool
    budget_external_coach: bool
    trust: Trust = Trust.MEDIUM
    experience: Experience = Experience.MIXED
    non_sales: NonSales = NonSales.NONE
    cadence_hours: float = DEFAULT_CADENCE_HOURS
    intended_models: tuple[CoachingModel, ...] = ()  # what the organisation has in mind, if anything


@dataclass
class Step:
    rule: str
    text: str
    points: dict[CoachingModel, int] = field(default_factory=dict)
    ruled_out: tuple[CoachingModel, ...] = ()


@dataclass
class Advice:
    recommended: list[CoachingModel]
    scores: dict[CoachingModel, int]
    feasible: list[CoachingModel]
    steps: list[Step]
    warnings: list[str]
    hours_needed: float
    manager_shortfall_hours: float
    span_that_fits: int

    @property
    def risks(self) -> dict[CoachingModel, list[Promise]]:
        return {m: RISKS[m] for m in self.recommended}

    @property
    def safeguards(self) -> dict[CoachingModel, list[Promise]]:
        return {m: SAFEGUARDS[m] for m in self.recommended}


class AdvisorInputError(ValueError):
    """Answers that cannot be reasoned about at all (say which)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def validate(answers: TeamAnswers) -> None:
    errors: dict[str, str] = {}
    if answers.team_size < 1:
        errors["team_size"] = str(_("A team needs at least one person to coach."))
    elif answers.team_size > 500:
        errors["team_size"] = str(_("Enter the number of people one manager leads (at most 500)."))
    if not 0 <= answers.manager_hours_per_month <= 200:
        errors["manager_hours_per_month"] = str(_("Enter between 0 and 200 hours a month."))
    if answers.senior_sellers_willing < 0:
        errors["senior_sellers_willing"] = str(_("This cannot be negative."))
    elif answers.senior_sellers_willing > answers.team_size:
        errors["senior_sellers_willing"] = str(
            _("There cannot be more willing senior sellers than people in the team.")
        )
    if not 0.5 <= answers.cadence_hours <= 20:
        errors["cadence_hours"] = str(_("Enter between 0.5 and 20 coaching hours per person per month."))
    if errors:
        raise AdvisorInputError(errors)


def advise(answers: TeamAnswers) -> Advice:
    """Score the four models rule by rule and recommend the best one or a combination."""
    validate(answers)
    M, S, I, E = (  # noqa: E741 - the four models, named as in the docs
        CoachingModel.MANAGER,
        CoachingModel.SENIOR_SELLERS,
        CoachingModel.INTERNAL_COACH,
        CoachingModel.EXTERNAL_COACH,
    )
    steps: list[Step] = []
    warnings: list[str] = []
    scores = dict.fromkeys(CoachingModel, 0)
    out: set[CoachingModel] = set()

    def step(
        rule: str,
        text: str,
        points: dict[CoachingModel, int] | None = None,
        ruled_out: tuple[CoachingModel, ...] = (),
    ) -> None:
        steps.append(Step(rule, text, points or {}, ruled_out))
        for model, delta in (points or {}).items():
            scores[model] += delta
        out.update(ruled_out)

    # R1 -- capacity: does the manager have the hours the team needs?
    needed = answers.team_size * answers.cadence_hours
    hours = answers.manager_hours_per_month
    coverage = hours / needed
    shortfall = max(0.0, needed - hours)
    span_fits = math.floor(hours / answers.cadence_hours)
    numbers = {
        "size": answers.team_size,
        "cadence": _fmt(answers.cadence_hours),
        "needed": _fmt(needed),
        "hours": _fmt(hours),
        "short": _fmt(shortfall),
        "fits": span_fits,
    }
    if hours == 0:
        step(
            "R1",
            str(_("The manager has no hours for coaching, so the manager cannot coach.")),
            ruled_out=(M,),
        )
    elif coverage >= 1:
        step(
            "R1",
            str(
                _(
                    "%(size)d people × %(cadence)s h = %(needed)s coaching hours a month; the manager has "
                    "%(hours)s h, enough to coach everyone."
                )
                % numbers
            ),
            {M: 3},
        )
    elif coverage >= 0.5:
        step(
            "R1",
            str(
                _(
                    "%(size)d people × %(cadence)s h = %(needed)s coaching hours a month; the manager has "
                    "%(hours)s h, %(short)s h short. Delegating that much work to support staff, or a span "
                    "of %(fits)d people, would close the gap."
                )
                % numbers
            ),
            {M: 1},
        )
    else:
        step(
            "R1",
            str(
                _(
                    "%(size)d people × %(cadence)s h = %(needed)s coaching hours a month; the manager has "
                    "only %(hours)s h (%(short)s h short, enough for %(fits)d people)."
                )
                % numbers
            ),
            {M: -3},
        )

    # R2 -- coaching training of the manager.
    if answers.manager_trained:
        step("R2", str(_("The manager has had coaching training.")), {M: 2})
    else:
        step(
            "R2",
            str(
                _(
                    "The manager has not had coaching training; without it, coaching easily turns into "
                    "telling, or into an evaluation."
                )
            ),
            {M: -1},
        )

    # R3 -- span of control.
    if answers.team_size > LARGE_SPAN:
        step(
            "R3",
            str(_("A span of %(size)d people is large: coaching time is the first thing to go.") % numbers),
            {M: -1},
        )

    # R4 -- senior sellers willing and suitable to coach.
    seniors = answers.senior_sellers_willing
    to_coach = max(answers.team_size - seniors, 0)
    senior_capacity = seniors * COACHEES_PER_SENIOR_SELLER
    senior_numbers = {
        "seniors": seniors,
        "capacity": senior_capacity,
        "to_coach": to_coach,
        "per": COACHEES_PER_SENIOR_SELLER,
    }
    if seniors == 0:
        step("R4", str(_("No senior seller is willing and suitable to coach.")), ruled_out=(S,))
    elif senior_capacity >= to_coach:
        step(
            "R4",
            str(
                _(
                    "%(seniors)d senior seller(s) can coach up to %(per)d people each: %(capacity)d places "
                    "for %(to_coach)d people."
                )
                % senior_numbers
            ),
            {S: 3},
        )
    else:
        step(
            "R4",
            str(
                _(
                    "%(seniors)d senior seller(s) can coach up to %(per)d people each: %(capacity)d places "
                    "for %(to_coach)d people, not enough on their own."
                )
                % senior_numbers
            ),
            {S: 1},
        )

    # R5 -- budget.
    if answers.budget_internal_coach:
        step("R5", str(_("There is budget for an internal coach.")), {I: 2})
    else:
        step("R5", str(_("There is no budget for an internal coach.")), ruled_out=(I,))
    if answers.budget_external_coach:
        step("R5", str(_("There is budget for an external coach.")), {E: 2})
    else:
        step("R5", str(_("There is no budget for an external coach.")), ruled_out=(E,))

    # R6 -- trust between team and management.
    if answers.trust == Trust.LOW:
        step(
            "R6",
            str(
                _(
                    "Trust between team and management is low: sellers will not open up to someone who "
                    "also evaluates them, and an outsider brings objectivity."
                )
            ),
            {M: -2, E: 2},
        )
    elif answers.trust == Trust.HIGH:
        step(
            "R6",
            str(_("Trust between team and management is high: the manager's coaching will be accepted.")),
            {M: 1},
        )

    # R7 -- the team's experience.
    if answers.experience == Experience.JUNIOR:
        step(
            "R7",
            str(_("A mostly junior team learns much from experienced peers and a hands-on manager.")),
            {S: 1, M: 1},
        )
    elif answers.experience == Experience.SENIOR:
        step(
            "R7",
            str(
                _(
                    "An experienced team accepts peer coaching less readily and gains most from an "
                    "objective outside view."
                )
            ),
            {S: -1, E: 1},
        )

    # R8 -- non-sales professionals.
    if answers.non_sales == NonSales.MOST:
        step(
            "R8",
            str(
                _(
                    "Most of the team are non-sales professionals: a dedicated coach who knows the "
                    "blockades to selling fits better than peer sellers."
                )
            ),
            {S: -1, I: 1, E: 1},
        )
    elif answers.non_sales == NonSales.SOME:
        step(
            "R8",
            str(
                _(
                    "Some of the team are non-sales professionals: a dedicated coach helps with their "
                    "blockades to selling."
                )
            ),
            {I: 1},
        )

    # R9 -- a dedicated coach is fully used only in a team of some size.
    if answers.team_size >= 8 and answers.budget_internal_coach:
        step("R9", str(_("With %(size)d people an internal coach has a full programme.") % numbers), {I: 1})

    feasible = [m for m in CoachingModel if m not in out]
    ranked = sorted(feasible, key=lambda m: (-scores[m], list(CoachingModel).index(m)))
    recommended: list[CoachingModel] = []
    if not ranked:
        recommended = [M]
        warnings.append(
            str(
                _(
                    "No model can work with these answers: the manager has no hours, nobody else is "
                    "willing and there is no budget. Free up the manager's time first."
                )
            )
        )
    else:
        best = ranked[0]
        recommended = [best]
        runner_up = ranked[1] if len(ranked) > 1 else None
        short = (best == M and coverage < 1) or (best == S and senior_capacity < to_coach)
        close = runner_up is not None and scores[best] - scores[runner_up] <= COMBINE_WITHIN
        if runner_up is not None and (short or close):
            recommended.append(runner_up)
            reason = (
                _("Not enough on its own: “%(best)s” is combined with “%(second)s”.")
                if short
                else _("“%(best)s” and “%(second)s” score almost the same and work well together.")
            )
            step("R10", str(reason % {"best": best.label, "second": runner_up.label}))

    # Contradictions between what the organisation has in mind and the answers.
    for model in answers.intended_models:
        if model in out:
            warnings.append(
                str(
                    _("You have “%(model)s” in mind, but your answers rule it out: %(why)s")
                    % {"model": model.label, "why": _ruled_out_reason(steps, model)}
                )
            )
    if M in answers.intended_models and not answers.manager_trained:
        warnings.append(
            str(
                _(
                    "You have the manager coaching in mind, but the manager has had no coaching "
                    "training: plan it before the programme starts."
                )
            )
        )

    return Advice(recommended, scores, feasible, steps, warnings, needed, shortfall, span_fits)


def _ruled_out_reason(steps: list[Step], model: CoachingModel) -> str:
    return " ".join(s.text for s in steps if model in s.ruled_out)


def _fmt(value: float) -> str:
    return f"{value:g}"
