"""Retention: coaching content is deleted a set period after coaching ends, by a scheduled
task that runs once per slot; the programme owner sees what is due -- dates only."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from salescoach.coaching import services
from salescoach.coaching.models import (
    CoachingRelationship,
    CoachingSession,
    Note,
    PlanItem,
    RelationshipStatus,
)
from salescoach.core import scheduling
from salescoach.core.models import ScheduledRun
from salescoach.privacy.models import AuditAction, AuditEntry
from salescoach.privacy.retention import add_months, apply_retention
from tests.coaching.conftest import Coaching, make_coaching, past_session, plan_session
from tests.coaching.test_api import Api
from tests.conftest import People

pytestmark = pytest.mark.django_db


@pytest.fixture
def coaching(people: People) -> Coaching:
    return make_coaching(people)


def with_content_ended(
    c: Coaching, relationship: CoachingRelationship, months_ago: int, actor, coach
) -> None:  # type: ignore[no-untyped-def]
    session = past_session(plan_session(relationship, coach, days=1), days_ago=40 * 31)
    services.session_set_outcomes(actor=coach, session=session, outcomes=f"OUTCOME-{relationship.pk}")
    services.note_create(actor=actor, relationship=relationship, text=f"NOTE-{relationship.pk}")
    services.plan_item_create(
        actor=actor, relationship=relationship, layer="pitfall", text=f"PLAN-{relationship.pk}"
    )
    CoachingRelationship.objects.filter(pk=relationship.pk).update(
        status=RelationshipStatus.ENDED,
        started_on=date(2020, 1, 1),
        ended_on=add_months(timezone.localdate(), -months_ago),
    )


def test_content_goes_after_the_period_and_the_rest_stays(coaching: Coaching) -> None:
    old, recent = coaching.relationship, coaching.other_relationship
    with_content_ended(coaching, old, 25, coaching.seller, coaching.coach)
    with_content_ended(coaching, recent, 23, coaching.people.colleague, coaching.other_coach)
    assert apply_retention() == 1
    assert not Note.objects.filter(relationship=old).exists()
    assert not PlanItem.objects.filter(relationship=old).exists()
    session = CoachingSession.objects.get(relationship=old)
    assert session.outcomes == "" and session.starts_at  # the date stays
    assert Note.objects.filter(relationship=recent).exists()  # 23 months: kept
    entry = AuditEntry.objects.get(action=AuditAction.RETENTION_DELETE)
    assert (entry.object_id, entry.subject_membership_id, entry.detail) == (
        str(old.pk),
        coaching.seller.pk,
        "months:24",
    )
    # The programme owner sees the deletion in the organisation's audit log.
    owner_log = Api(coaching.people.owner).get("/privacy/audit?action=retention_delete")
    assert [row["object_id"] for row in owner_log["items"]] == [str(old.pk)]
    # Running again deletes nothing twice and records nothing twice.
    assert apply_retention() == 0
    assert AuditEntry.objects.filter(action=AuditAction.RETENTION_DELETE).count() == 1
    # A shorter period, set by the programme owner, takes the other one too.
    Api(coaching.people.owner).patch(
        f"/organisations/{coaching.people.org.slug}", {"coaching_retention_months": 12}
    )
    assert apply_retention() == 1
    assert not Note.objects.filter(relationship=recent).exists()


def test_the_task_is_scheduled_and_runs_once_per_slot(coaching: Coaching) -> None:
    with_content_ended(coaching, coaching.relationship, 30, coaching.seller, coaching.coach)
    job = next(j for j in scheduling.SCHEDULE if j.name == "coaching-retention")
    assert job.every == timedelta(days=1)
    now = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
    with mock.patch.object(scheduling, "SCHEDULE", [job]):
        assert scheduling.tick(now) == ["coaching-retention"]
        assert scheduling.tick(now + timedelta(hours=5)) == []  # the same day: not again
    run = ScheduledRun.objects.get(job="coaching-retention")
    assert run.ok
    assert not Note.objects.filter(relationship=coaching.relationship).exists()


def test_the_retention_period_is_a_setting_between_1_and_120_months(coaching: Coaching, client_for) -> None:
    owner = client_for(coaching.people.owner)
    url = f"/o/{coaching.people.org.slug}/privacy/settings/"
    owner.post(url, {"min_group_size": 5, "coaching_retention_months": 36})
    coaching.people.org.refresh_from_db()
    assert coaching.people.org.coaching_retention_months == 36
    body = Api(coaching.people.owner).patch(
        f"/organisations/{coaching.people.org.slug}", {"coaching_retention_months": 0}, expect=400
    )
    assert "between 1 and 120 months" in body["errors"]["coaching_retention_months"][0]
    Api(coaching.seller).patch(
        f"/organisations/{coaching.people.org.slug}", {"coaching_retention_months": 1}, expect=403
    )
    coaching.people.org.refresh_from_db()
    assert coaching.people.org.coaching_retention_months == 36
    assert AuditEntry.objects.filter(
        action=AuditAction.SETTINGS_CHANGE, detail="coaching_retention_months:24=36"
    ).exists()


def test_the_owner_sees_what_is_due_dates_only(
    coaching: Coaching, client_for, django_assert_max_num_queries
) -> None:
    with_content_ended(coaching, coaching.relationship, 25, coaching.seller, coaching.coach)
    with_content_ended(
        coaching, coaching.other_relationship, 23, coaching.people.colleague, coaching.other_coach
    )
    owner = client_for(coaching.people.owner)
    url = f"/o/{coaching.people.org.slug}/privacy/retention/"
    owner.get(url)
    with django_assert_max_num_queries(11):
        page = owner.get(url).content.decode()
    assert "NOTE-" not in page and "PLAN-" not in page and "OUTCOME-" not in page
    assert "Due" in page and "Scheduled" in page
    body = Api(coaching.people.owner).get("/privacy/retention")
    states = {row["relationship_id"]: row["state"] for row in body["relationships"]}
    assert states == {coaching.relationship.pk: "due", coaching.other_relationship.pk: "scheduled"}
    assert body["months"] == 24
    apply_retention()
    body = Api(coaching.people.owner).get("/privacy/retention")
    assert {row["relationship_id"]: row["state"] for row in body["relationships"]}[
        coaching.relationship.pk
    ] == ("deleted")
    for other in (coaching.seller, coaching.coach, coaching.manager):
        assert client_for(other).get(url).status_code == 403
        Api(other).get("/privacy/retention", expect=403)
