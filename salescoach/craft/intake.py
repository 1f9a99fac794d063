"""The intake for professionals who are asked to sell: items, scoring, focus, questions.

Three sales blockades (see PRODUCT.md): the feeling that selling is not one's role;
fear of rejection or of coming across as pushy; and no skills, no time, a slow payoff.
Four statements per blockade, each answered from 1 (strongly disagree) to 5 (strongly
agree); agreeing means the blockade is stronger. A blockade's score is the mean answer
scaled to 0-100.

The suggested first focus is the strongest blockade. Ties go to role rejection first,
then fear: someone who does not see selling as part of their work gets little from
skills or time, and time and skills are easier to find once the fear is named. It is a
suggestion: the coachee and their coach choose.

Each blockade comes with a set of open questions for the coach -- questions the
analyser labels open_question in both languages (a test holds them to that).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from salescoach.craft.models import Blockade

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

SCALE = (
    (1, _("Strongly disagree")),
    (2, _("Disagree")),
    (3, _("Neither agree nor disagree")),
    (4, _("Agree")),
    (5, _("Strongly agree")),
)

# Blockades in the order that breaks ties for the suggested focus.
ORDER = (Blockade.ROLE, Blockade.FEAR, Blockade.CAPACITY)

# Months after an intake (or a re-assessment) before the next re-assessment.
REASSESS_AFTER_MONTHS = 3


@dataclass(frozen=True)
class Item:
    key: str
    blockade: Blockade
    text: str | _StrPromise


ITEMS: tuple[Item, ...] = (
    Item("role_1", Blockade.ROLE, _("Bringing in new work is not part of what I was trained for.")),
    Item("role_2", Blockade.ROLE, _("Selling does not fit my professional standing.")),
    Item(
        "role_3", Blockade.ROLE, _("If my work is good, clients should come to me without my having to sell.")
    ),
    Item(
        "role_4", Blockade.ROLE, _("I would rather leave commercial conversations to the account managers.")
    ),
    Item("fear_1", Blockade.FEAR, _("I hesitate to contact a client because they might say no.")),
    Item("fear_2", Blockade.FEAR, _("I worry that clients will find me pushy when I suggest further work.")),
    Item("fear_3", Blockade.FEAR, _("A rejection stays with me for a long time.")),
    Item("fear_4", Blockade.FEAR, _("I avoid bringing up price or budget with clients.")),
    Item(
        "capacity_1",
        Blockade.CAPACITY,
        _("I don't know how to turn a conversation with a client into a new assignment."),
    ),
    Item("capacity_2", Blockade.CAPACITY, _("My billable work leaves no time for bringing in new work.")),
    Item("capacity_3", Blockade.CAPACITY, _("Time spent on selling rarely pays off within a few months.")),
    Item("capacity_4", Blockade.CAPACITY, _("I have never been trained in commercial skills.")),
)
ITEM_KEYS = tuple(item.key for item in ITEMS)

FOCUS_TEXT: dict[str, str | Promise] = {
    Blockade.ROLE: _(
        "Explore how bringing in work can fit your professional identity: as advice your clients "
        "need, rather than as selling."
    ),
    Blockade.FEAR: _(
        "Look at the fear of rejection or of coming across as pushy: what a “no” really "
        "means, and how to raise a next step in a way that suits you."
    ),
    Blockade.CAPACITY: _(
        "Start small and practical: one commercial skill, a fixed moment in your week, and results "
        "you can see within a month."
    ),
}

QUESTIONS: dict[str, tuple[str | Promise, ...]] = {
    Blockade.ROLE: (
        _("What does your profession mean to you when a client asks for help?"),
        _("How do your best clients benefit when you tell them about work you could do for them?"),
        _("Which part of a client conversation already feels like advising rather than selling?"),
        _("What would change for your clients if you named a problem you see, even when they did not ask?"),
        _("How would you describe bringing in work in words that fit your profession?"),
    ),
    Blockade.FEAR: (
        _("What exactly do you expect to happen when a client says no?"),
        _("How can you tell the difference between being helpful and being pushy?"),
        _("Which client would you find easiest to ask about a next step, and why?"),
        _("What did you learn the last time a client turned down a proposal?"),
        _("How would you like a client to feel after you have raised a follow-up assignment?"),
    ),
    Blockade.CAPACITY: (
        _(
            "Which conversations with clients already take place where a question about their plans would fit?"
        ),
        _("How much time per week could you set aside for clients you would like to work with again?"),
        _("Which commercial skill would make the biggest difference for you first?"),
        _("What would a small result within a month look like for you?"),
        _("Who in your team could you learn from when it comes to bringing in work?"),
    ),
}

LEVEL_LOW = "low"
LEVEL_MODERATE = "moderate"
LEVEL_HIGH = "high"


@dataclass(frozen=True)
class Scores:
    role: int
    fear: int
    capacity: int

    def of(self, blockade: str) -> int:
        return {Blockade.ROLE: self.role, Blockade.FEAR: self.fear, Blockade.CAPACITY: self.capacity}[
            Blockade(blockade)
        ]

    @property
    def focus(self) -> Blockade:
        return max(ORDER, key=lambda blockade: (self.of(blockade), -ORDER.index(blockade)))


def score(answers: dict[str, int]) -> Scores:
    """Scores 0-100 per blockade from answers 1-5 keyed by item."""
    totals: dict[str, list[int]] = {blockade: [] for blockade in ORDER}
    for item in ITEMS:
        totals[item.blockade].append(answers[item.key])

    def scaled(values: list[int]) -> int:
        return round((sum(values) / len(values) - 1) / 4 * 100)

    return Scores(
        role=scaled(totals[Blockade.ROLE]),
        fear=scaled(totals[Blockade.FEAR]),
        capacity=scaled(totals[Blockade.CAPACITY]),
    )


def level(value: int) -> str:
    """Below a mean answer of 2.5 the blockade is low, from 3.5 it is high."""
    if value < 38:
        return LEVEL_LOW
    if value < 62:
        return LEVEL_MODERATE
    return LEVEL_HIGH
