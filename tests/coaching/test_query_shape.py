"""The shape of the coaching content queries: few enough tables for PostgreSQL to plan
them quickly.

Every list of sessions, notes, plan items, commitments, proposals and observations (and
every object fetched through the access gate, which uses the same lists) joins its
relationship's people. When these queries joined fourteen to twenty tables, PostgreSQL
spent 10-40 ms planning each of them against well under 1 ms running it: the load test
(bench/load_test.py, docs/PERFORMANCE.md "Load") found the coaching pages' time going
to the planner. The number of queries is held by tests/coaching/test_pages.py.
"""

from __future__ import annotations

import pytest

from salescoach.coaching import selectors
from tests.coaching.conftest import Coaching, plan_session

# PostgreSQL's exhaustive join search is costly from about a dozen tables on (and its
# genetic optimiser takes over at geqo_threshold = 12).
MAX_JOINS = 12


def joins(queryset: object) -> int:
    return str(queryset.query).count(" JOIN ")  # type: ignore[attr-defined]


@pytest.mark.parametrize("who", ["seller", "coach", "manager", "owner"])
def test_content_lists_join_at_most_a_dozen_tables(coaching: Coaching, who: str) -> None:
    viewer = {
        "seller": coaching.seller,
        "coach": coaching.coach,
        "manager": coaching.manager,
        "owner": coaching.people.owner,
    }[who]
    lists = {
        "sessions": selectors.session_list(viewer=viewer),
        "upcoming sessions": selectors.session_list(viewer=viewer, upcoming=True),
        "notes": selectors.note_list(viewer=viewer),
        "plan items": selectors.plan_item_list(viewer=viewer),
        "commitments": selectors.commitment_list(viewer=viewer, open_only=True),
        "proposals": selectors.proposal_list(viewer=viewer),
        "observations": selectors.observation_list(viewer=viewer),
    }
    assert {name: joins(qs) for name, qs in lists.items() if joins(qs) > MAX_JOINS} == {}


def test_slimmer_lists_still_show_their_people_without_extra_queries(
    coaching: Coaching, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    """What the lists no longer join (the manager's and line manager's own rows) is not
    read from a listed item: the names and the policy's manager id come with the list."""
    from salescoach.privacy import policy

    plan_session(coaching.relationship, coaching.coach, days=2)
    plan_session(coaching.relationship, coaching.coach, days=3)
    with django_assert_num_queries(1):
        sessions = list(selectors.session_list(viewer=coaching.seller))
        for session in sessions:
            relationship = session.relationship
            assert relationship.coach.user.full_name and relationship.coachee.user.full_name
            assert relationship.organisation.slug
            assert policy.manager_id_of(relationship.coachee) == coaching.manager.pk
            assert policy.can_view_session_content(coaching.seller, session)
    assert len(sessions) >= 2
