"""An import whose worker died is run again; a job runs in one place at a time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection, connections
from django.utils import timezone

from salescoach.imports.models import ImportJob, ImportStatus
from salescoach.imports.services import LOCK_NAMESPACE, import_job_execute, resume_stalled_imports
from salescoach.organisations.models import Membership
from tests.conftest import People

CSV = b"email,full name,roles\nresumed@example.com,Resumed Person,seller\n"


def stalled_job(people: People, *, minutes_ago: int, attempts: int = 1) -> ImportJob:
    job = ImportJob.objects.create(
        organisation=people.org,
        created_by=people.owner,
        kind="members",
        filename="people.csv",
        status=ImportStatus.IMPORTING,
        preview={"created": 1, "updated": 0, "unchanged": 0, "errors": []},
        heartbeat_at=timezone.now() - timedelta(minutes=minutes_ago),
        attempts=attempts,
    )
    job.file.save("people.csv", ContentFile(CSV))
    return job


@pytest.mark.django_db
def test_a_stalled_import_is_run_again_and_completes(
    people: People, django_capture_on_commit_callbacks
) -> None:
    job = stalled_job(people, minutes_ago=10)
    fresh = stalled_job(people, minutes_ago=1)  # still beating: left alone
    with django_capture_on_commit_callbacks(execute=True):
        assert resume_stalled_imports() == [job.pk]
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.attempts == 2
    assert Membership.objects.filter(user__email="resumed@example.com").count() == 1
    assert ImportJob.objects.get(pk=fresh.pk).status == ImportStatus.IMPORTING


@pytest.mark.django_db
def test_a_job_that_keeps_stalling_fails_with_a_clear_message(people: People) -> None:
    job = stalled_job(people, minutes_ago=10, attempts=3)
    assert resume_stalled_imports() == []
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "several times" in job.result["errors"][0]["message"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_job_runs_in_one_place_at_a_time(people: People) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("session locks are PostgreSQL's")
    job = stalled_job(people, minutes_ago=10)
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:  # another worker is running this job
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [LOCK_NAMESPACE, job.pk])
        import_job_execute(job_id=job.pk, dry_run=False)
        assert ImportJob.objects.get(pk=job.pk).status == ImportStatus.IMPORTING  # skipped
    finally:
        other.close()  # the "worker" dies: the database releases its lock
    _wait_until_released(job.pk)
    import_job_execute(job_id=job.pk, dry_run=False)
    assert ImportJob.objects.get(pk=job.pk).status == ImportStatus.DONE


def _wait_until_released(job_id: int) -> None:
    """The server ends a closed session -- and releases its locks -- a moment after the
    client hangs up; wait for that, as the next worker would find it released anyway."""
    import time

    for _ in range(200):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = %s AND objid = %s",
                [LOCK_NAMESPACE, job_id],
            )
            if cursor.fetchone()[0] == 0:
                return
        time.sleep(0.05)
    raise AssertionError("the lock of the closed session was never released")
