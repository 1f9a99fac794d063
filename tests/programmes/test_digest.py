"""The weekly digest of what needs attention: scheduled, sent by a background task, opt-out."""

from __future__ import annotations

import pytest
from django.core import mail

from salescoach.core.scheduling import SCHEDULE
from salescoach.programmes import services
from salescoach.programmes.tasks import digest_recipients, queue_weekly_digests
from tests.conftest import People
from tests.programmes.helpers import make_programme

pytestmark = pytest.mark.django_db


def test_the_digest_is_scheduled_weekly() -> None:
    job = next(j for j in SCHEDULE if j.name == "programme-digest")
    assert job.every.days == 7 and job.run == "salescoach.programmes.tasks.queue_weekly_digests"


def test_owner_and_manager_get_what_needs_attention(people: People) -> None:
    make_programme(people)
    people.manager.user.language = "en"
    people.manager.user.save()
    assert queue_weekly_digests() == 3  # the owner and both managers
    to = {m.to[0]: m for m in mail.outbox}
    # The other manager follows no programme: nothing needs their attention, no mail.
    assert set(to) == {"owner@example.com", "manager@example.com"}
    message = to["manager@example.com"]
    assert "need attention" in message.subject
    assert "Team A" in message.body and "Coaching training" in message.body
    assert f"/o/{people.org.slug}/programmes/" in message.body
    # Not again within the week.
    mail.outbox.clear()
    assert queue_weekly_digests() == 1 and mail.outbox == []


def test_opt_out_and_language(people: People) -> None:
    make_programme(people)
    services.digest_set(actor=people.owner, weekly=False)
    people.manager.user.language = "nl"
    people.manager.user.save()
    assert people.owner.pk not in digest_recipients()
    queue_weekly_digests()
    assert [m.to[0] for m in mail.outbox] == ["manager@example.com"]
    assert "Coachingtraining" in mail.outbox[0].body
