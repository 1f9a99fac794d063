"""Survey templates that come with SalesCoach, in English here and in Dutch through the
translations. They are created (if missing) after every migrate; an existing one is
never changed: a reworded question gets a new key, so earlier answers keep their meaning.

The coach-acceptance and internal-coach templates are the ones the programmes use to
check the safeguards of coaching models 3 and 4: is the coach trusted and on the
seller's side, and is the internal coach respected by the team and by management.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_noop

from salescoach.surveys.models import QuestionKind, SurveyQuestion, SurveyTemplate

L = QuestionKind.LIKERT
T = QuestionKind.TEXT


@dataclass(frozen=True)
class BuiltinQuestion:
    key: str
    kind: str
    text: str
    required: bool = True


@dataclass(frozen=True)
class BuiltinTemplate:
    key: str
    name: str
    description: str
    questions: tuple[BuiltinQuestion, ...]


TEAM_PULSE = BuiltinTemplate(
    key="team-pulse",
    name=gettext_noop("Team pulse"),
    description=gettext_noop(
        "A short check, every month or quarter, on room for growth, freedom to try new things "
        "and whether manager and coach pull in the same direction."
    ),
    questions=(
        BuiltinQuestion(
            "time-for-growth", L, gettext_noop("I have enough time to work on my own development.")
        ),
        BuiltinQuestion(
            "knows-focus", L, gettext_noop("I know which skill I want to get better at this quarter.")
        ),
        BuiltinQuestion(
            "free-to-try",
            L,
            gettext_noop("I feel free to try a new approach with a client, even if it might fail."),
        ),
        BuiltinQuestion(
            "one-face", L, gettext_noop("My manager and my coach tell the same story about what matters.")
        ),
        BuiltinQuestion(
            "progress", L, gettext_noop("Over the past weeks I have made progress that I can see in my work.")
        ),
        BuiltinQuestion(
            "anything-else", T, gettext_noop("Is there anything else you want to say?"), required=False
        ),
    ),
)

COACH_ACCEPTANCE = BuiltinTemplate(
    key="coach-acceptance",
    name=gettext_noop("Trust in the coach"),
    description=gettext_noop(
        "Do sellers trust their coach, and do they see the coach as on their side rather than "
        "as someone who reports to upper management? Used for external and internal coaches."
    ),
    questions=(
        BuiltinQuestion("trust", L, gettext_noop("I trust my coach with what I bring into our sessions.")),
        BuiltinQuestion(
            "on-my-side",
            L,
            gettext_noop("My coach is on my side, not there to report on me to upper management."),
        ),
        BuiltinQuestion(
            "stays-between-us",
            L,
            gettext_noop("What I discuss with my coach stays between us, unless I choose to share it."),
        ),
        BuiltinQuestion(
            "my-choices",
            L,
            gettext_noop("My coach helps me see my own options instead of telling me what to do."),
        ),
        BuiltinQuestion(
            "understands-sales",
            L,
            gettext_noop("My coach understands what my work with clients really involves."),
        ),
        BuiltinQuestion("would-recommend", L, gettext_noop("I would recommend my coach to a colleague.")),
        BuiltinQuestion(
            "more-trust", T, gettext_noop("What would make you trust the coaching more?"), required=False
        ),
    ),
)

INTERNAL_COACH_RESPECT = BuiltinTemplate(
    key="internal-coach-respect",
    name=gettext_noop("Respect for the internal coach"),
    description=gettext_noop(
        "Is the internal coach respected by the sellers and by management, part of the team and "
        "present where the work happens?"
    ),
    questions=(
        BuiltinQuestion(
            "sales-experience", L, gettext_noop("I respect the sales experience of our internal coach.")
        ),
        BuiltinQuestion("part-of-team", L, gettext_noop("Our internal coach is really part of our team.")),
        BuiltinQuestion(
            "present",
            L,
            gettext_noop("Our internal coach is around when it matters, also at client meetings."),
        ),
        BuiltinQuestion(
            "management-respect", L, gettext_noop("Management takes our internal coach seriously.")
        ),
        BuiltinQuestion(
            "go-to",
            L,
            gettext_noop("When I am stuck with a client, the internal coach is someone I would turn to."),
        ),
        BuiltinQuestion(
            "more-useful",
            T,
            gettext_noop("What could the internal coach do to be more useful to you?"),
            required=False,
        ),
    ),
)

BUILTIN_TEMPLATES = (TEAM_PULSE, COACH_ACCEPTANCE, INTERNAL_COACH_RESPECT)

# Labels of the five points of a Likert question.
LIKERT_LABELS = (
    gettext_noop("Strongly disagree"),
    gettext_noop("Disagree"),
    gettext_noop("Neither agree nor disagree"),
    gettext_noop("Agree"),
    gettext_noop("Strongly agree"),
)


@transaction.atomic
def sync_builtin_templates(**kwargs: Any) -> int:
    """Create the built-in templates and questions that are missing; returns how many rows."""
    created = 0
    for spec in BUILTIN_TEMPLATES:
        template, new = SurveyTemplate.objects.get_or_create(
            organisation=None, key=spec.key, defaults={"name": spec.name, "description": spec.description}
        )
        created += int(new)
        existing = set(template.questions.values_list("key", flat=True))
        missing = [
            SurveyQuestion(
                template=template, key=q.key, position=i, kind=q.kind, text=q.text, required=q.required
            )
            for i, q in enumerate(spec.questions, start=1)
            if q.key not in existing
        ]
        SurveyQuestion.objects.bulk_create(missing)
        created += len(missing)
    return created
