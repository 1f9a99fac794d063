"""The coaching demo: a year of realistic history that follows every rule of the product."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from salescoach.coaching import selectors
from salescoach.coaching.frameworks import FRAMEWORKS
from salescoach.coaching.models import (
    CoachingRelationship,
    CoachingSession,
    Commitment,
    Note,
    Observation,
    PlanItem,
    TriadAgreement,
)
from salescoach.organisations.models import Membership
from salescoach.privacy import policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())


def member(email: str, org: str = "noordwind") -> Membership:
    return (
        Membership.objects.select_related("user", "team", "organisation")
        .prefetch_related("role_assignments")
        .get(user__email=email, organisation__slug=org)
    )


def test_a_year_of_coaching_with_every_framework_and_model(demo: None) -> None:
    today = timezone.localdate()
    first = CoachingSession.objects.order_by("starts_at").first()
    assert first is not None and (today - first.starts_at.date()).days >= 330
    assert set(CoachingSession.objects.values_list("framework", flat=True)) == set(FRAMEWORKS)
    kinds = set(CoachingRelationship.objects.values_list("coach_kind", flat=True))
    assert kinds == {"manager", "senior_seller", "internal_coach", "external_coach"}
    assert set(CoachingSession.objects.values_list("kind", flat=True)) == {
        "one_to_one",
        "ride_along",
        "triad",
    }
    assert set(CoachingSession.objects.values_list("status", flat=True)) == {
        "scheduled",
        "cancelled",
        "no_show",
    }
    assert set(Note.objects.values_list("visibility", flat=True)) == {
        "private",
        "coach_and_seller",
        "shared_with_manager",
    }
    statuses = dict(Commitment.objects.values_list("status").annotate(n=Count("pk")))
    assert {"done", "partly", "not_done", "open"} <= set(statuses)
    assert Commitment.objects.filter(status="open", due_on__lt=today).exists()  # overdue ones
    assert Observation.objects.filter(acknowledged_at__isnull=False).count() >= 10
    assert TriadAgreement.objects.filter(version=2).exists()
    # A coachee with two coaches: her manager and the external coach.
    assert (
        CoachingRelationship.objects.filter(coachee__user__email="iris.vermeer@noordwind.example").count()
        == 2
    )


def test_sanne_shares_some_items_with_her_manager_and_keeps_many_to_herself(demo: None) -> None:
    sanne, mark = member("seller@noordwind.example"), member("manager@noordwind.example")
    relationship = CoachingRelationship.objects.get(
        coachee=sanne, coach__user__email="coach@kompas-coaching.example"
    )
    notes = Note.objects.filter(relationship=relationship)
    shared = notes.filter(visibility="shared_with_manager")
    assert shared.count() >= 3
    assert notes.exclude(visibility="shared_with_manager").count() >= 3 * shared.count()
    seen_by_mark = set(
        selectors.note_list(viewer=mark, relationship=relationship).values_list("pk", flat=True)
    )
    assert seen_by_mark == set(shared.values_list("pk", flat=True))
    assert (
        selectors.plan_item_list(viewer=mark, relationship=relationship).count()
        < PlanItem.objects.filter(relationship=relationship).count()
    )


def test_the_demo_follows_the_rules(demo: None) -> None:
    """Nothing in the demo could not have been made through the services."""
    for commitment in Commitment.objects.all():
        assert commitment.due_on >= timezone.localtime(commitment.created_at).date(), commitment.pk
        assert commitment.created_by_id == commitment.relationship.coachee_id
    linked = PlanItem.objects.filter(follows_from__isnull=False).count()
    assert linked >= PlanItem.objects.count() * 0.7  # the chains are linked
    for item in PlanItem.objects.select_related("follows_from"):
        assert item.created_by_id == item.relationship.coachee_id
        if item.follows_from is not None:
            assert item.follows_from.layer_index < item.layer_index
            assert item.follows_from.relationship_id == item.relationship_id
    sessions = list(
        CoachingSession.objects.filter(status="scheduled").select_related(
            "relationship__coach", "relationship__coachee"
        )
    )
    for person in {s.relationship.coach.user_id for s in sessions} | {
        s.relationship.coachee.user_id for s in sessions
    }:
        mine = sorted(
            (s for s in sessions if person in (s.relationship.coach.user_id, s.relationship.coachee.user_id)),
            key=lambda s: s.starts_at,
        )
        for earlier, later in zip(mine, mine[1:], strict=False):
            assert earlier.ends_at <= later.starts_at, (earlier.pk, later.pk)
    for observation in Observation.objects.exclude(observed_at=None):
        assert (
            observation.self_assessed_at is not None
            and observation.self_assessed_at <= observation.observed_at
        )
    for note in Note.objects.filter(visibility="private").select_related("relationship"):
        assert note.author_id in (note.relationship.coach_id, note.relationship.coachee_id)


def test_the_programme_owner_sees_relationships_but_no_content(demo: None) -> None:
    director = member("director@noordwind.example")
    assert selectors.relationship_list(viewer=director).count() >= 25
    assert not selectors.note_list(viewer=director).exists()
    assert not selectors.session_list(viewer=director).exists()
    assert policy.is_programme_owner(director, CoachingRelationship.objects.first())  # type: ignore[arg-type]
