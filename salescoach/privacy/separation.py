"""Product rule 2: coaching and evaluation never mix.

Both directions are decided here, once:

- an evaluation meeting and a coaching session are never the same meeting: no
  evaluation while the seller has a coaching session, and no coaching session while the
  seller has an evaluation (an evaluation has a start only; it is taken to last
  ``EVALUATION_MEETING``);
- when one person is both the seller's manager and their coach, there is no evaluation
  on a day they have a coaching session with that seller, and no coaching session on
  the day of an evaluation they hold with that seller (days in the organisation's time
  zone);
- an evaluation text does not quote coaching content (``quotes_coaching_content``).

The evaluations module asks through ``salescoach.evaluations.rules`` (its two hooks);
the coaching services ask ``session_clashes`` when a session is planned or moved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from salescoach.organisations.models import Membership

if TYPE_CHECKING:
    from salescoach.coaching.models import CoachingRelationship

# The length an evaluation meeting is taken to have (it is planned by its start).
EVALUATION_MEETING = timedelta(hours=1)

SAME_MEETING = "same_meeting"
SAME_DAY = "same_day_as_coaching"
# The seller is busy, but the person asking may not know with what (see below).
SELLER_UNAVAILABLE = "seller_unavailable"


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


# --- an evaluation meeting that clashes with coaching ------------------------------------------


def evaluation_clashes(
    *, seller: Membership, day: date, at: datetime | None = None, evaluator: Membership | None = None
) -> list[str]:
    """Why an evaluation of ``seller`` cannot be held at ``at`` on ``day`` (empty: it can).

    A coaching session at that moment is named as such only to an evaluator who may know
    of it (they coach the seller); anyone else hears only that the seller is not available,
    because a manager does not see planned coaching sessions (product rule 1).
    """
    from salescoach.coaching.models import CoachingSession, SessionStatus

    sessions = CoachingSession.objects.filter(relationship__coachee=seller, status=SessionStatus.SCHEDULED)
    clashes = []
    if at is not None and sessions.filter(starts_at__lt=at + EVALUATION_MEETING, ends_at__gt=at).exists():
        coaches = evaluator is not None and sessions.filter(relationship__coach=evaluator).exists()
        clashes.append(SAME_MEETING if coaches else SELLER_UNAVAILABLE)
    if evaluator is not None:
        start, end = day_bounds(day)
        same_day = sessions.filter(relationship__coach=evaluator, starts_at__gte=start, starts_at__lt=end)
        if same_day.exists():
            clashes.append(SAME_DAY)
    return clashes


# --- a coaching session that clashes with an evaluation -----------------------------------------


def session_clashes(
    *, relationship: CoachingRelationship, starts_at: datetime, ends_at: datetime
) -> list[str]:
    """Why a coaching session of ``relationship`` cannot be held then (empty: it can)."""
    from salescoach.evaluations.models import Evaluation

    evaluations = Evaluation.objects.filter(seller_id=relationship.coachee_id)
    clashes = []
    if evaluations.filter(
        scheduled_for__lt=ends_at, scheduled_for__gt=starts_at - EVALUATION_MEETING
    ).exists():
        clashes.append(SAME_MEETING)
    start, end = day_bounds(timezone.localtime(starts_at).date())
    if evaluations.filter(
        evaluator_id=relationship.coach_id, scheduled_for__gte=start, scheduled_for__lt=end
    ).exists():
        clashes.append(SAME_DAY)
    return clashes


# --- quoted coaching content -------------------------------------------------------------------

# A quote is a run of at least QUOTE_WORDS words that also stands, word for word, in a
# piece of coaching content (case, punctuation and spacing aside); a piece shorter than
# that counts when it is quoted whole and has at least MIN_QUOTE_WORDS words. Shorter
# overlaps ("meer klanten bellen") are everyday language, not quotes.
QUOTE_WORDS = 8
MIN_QUOTE_WORDS = 5
WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def _shingles(sources: Iterable[str]) -> dict[int, set[tuple[str, ...]]]:
    found: dict[int, set[tuple[str, ...]]] = {}
    for source in sources:
        tokens = words(source)
        size = min(QUOTE_WORDS, len(tokens))
        if size < MIN_QUOTE_WORDS:
            continue
        runs = found.setdefault(size, set())
        for i in range(len(tokens) - size + 1):
            runs.add(tuple(tokens[i : i + size]))
    return found


def quotes(texts: Iterable[str], sources: Iterable[str]) -> bool:
    """Whether any text repeats a run of words from any source (see QUOTE_WORDS)."""
    shingles = _shingles(sources)
    if not shingles:
        return False
    for text in texts:
        tokens = words(text)
        for size, runs in shingles.items():
            for i in range(len(tokens) - size + 1):
                if tuple(tokens[i : i + size]) in runs:
                    return True
    return False


def coaching_texts_seen_by(*, viewer: Membership, seller: Membership) -> list[str]:
    """The texts of ``seller``'s coaching that ``viewer`` can read -- through the selectors,
    so exactly what the policy lets them see: what the seller shared with them as their
    manager, and everything of a relationship in which they are the coach. (Reading them
    here to compare is not a read by a person, and is not put on the access log.)"""
    from salescoach.coaching import selectors
    from salescoach.privacy import policy

    texts: list[str] = []
    notes = selectors.note_list(viewer=viewer).filter(relationship__coachee=seller)
    texts += [n.text for n in notes]
    texts += [i.text for i in selectors.plan_item_list(viewer=viewer).filter(relationship__coachee=seller)]
    for commitment in selectors.commitment_list(viewer=viewer).filter(relationship__coachee=seller):
        texts += [commitment.text, commitment.reflection]
    for proposal in selectors.proposal_list(viewer=viewer).filter(relationship__coachee=seller):
        texts += [proposal.text, proposal.rationale, proposal.decision_comment]
    for observation in selectors.observation_list(viewer=viewer).filter(
        session__relationship__coachee=seller
    ):
        texts.append(observation.seller_reply)
        texts += [
            comment
            for row in selectors.observation_rows(viewer=viewer, observation=observation)
            for comment in (row.self_comment, row.coach_comment)
        ]
    sessions = [
        s
        for s in selectors.session_list(viewer=viewer).filter(relationship__coachee=seller)
        if policy.can_view_session_content(viewer, s)
    ]
    for session in sessions:
        texts += [session.agenda, session.outcomes, session.status_reason]
    texts += [r.comment for r in selectors.ratings_for(viewer=viewer, sessions=sessions).values()]
    return [t for t in texts if t]


def quotes_coaching_content(*, seller: Membership, texts: list[str], evaluator: Membership | None) -> bool:
    """Whether an evaluation text by ``evaluator`` quotes coaching content of ``seller``
    that the evaluator can read (see QUOTE_WORDS for what a quote is). Without a known
    evaluator, what the seller shared with their manager is compared."""
    if evaluator is None:
        from salescoach.privacy.policy import manager_id_of

        manager_id = manager_id_of(seller)
        if manager_id is None:
            return False
        evaluator = Membership.objects.select_related("organisation").get(pk=manager_id)
    return quotes(texts, coaching_texts_seen_by(viewer=evaluator, seller=seller))
