from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.db import connection

from salescoach.core import scheduling
from salescoach.core.models import ScheduledRun
from salescoach.core.scheduling import Job, claim, slot_for, tick

CALLS: list[str] = []


def record_call() -> None:
    CALLS.append("ran")


JOB = Job("test-job", timedelta(minutes=10), "tests.core.test_scheduling.record_call")


def test_slots_are_aligned() -> None:
    now = datetime(2026, 11, 25, 18, 2, 30, tzinfo=UTC)
    assert slot_for(JOB, now) == datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
    assert slot_for(JOB, now + timedelta(minutes=7, seconds=29)) == slot_for(JOB, now)
    assert slot_for(JOB, now + timedelta(minutes=7, seconds=30)) == datetime(2026, 11, 25, 18, 10, tzinfo=UTC)


@pytest.mark.django_db
def test_a_job_runs_once_per_slot() -> None:
    CALLS.clear()
    now = datetime(2026, 11, 25, 18, 7, tzinfo=UTC)
    with mock.patch.object(scheduling, "SCHEDULE", [JOB]):
        assert tick(now) == ["test-job"]
        assert tick(now + timedelta(minutes=1)) == []  # same slot
        assert tick(now + timedelta(minutes=10)) == ["test-job"]  # next slot
    assert CALLS == ["ran", "ran"]
    runs = ScheduledRun.objects.filter(job="test-job")
    assert runs.count() == 2 and all(r.ok for r in runs)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_schedulers_claim_a_slot_exactly_once() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for real concurrent connections")
    slot = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def contender() -> None:
        barrier.wait()
        try:
            results.append(claim(JOB, slot))
        finally:
            connection.close()

    threads = [threading.Thread(target=contender) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False] * 7 + [True]
    assert ScheduledRun.objects.filter(job="test-job", slot=slot).count() == 1
