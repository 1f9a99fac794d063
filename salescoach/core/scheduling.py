"""Scheduled work -- reminders, digests, retention -- run exactly once per time slot,
however many schedulers and workers run.

Apps add a Job to SCHEDULE. `python manage.py run_scheduler` (one per worker host is
fine; several are safe) claims each job's current slot by inserting a ScheduledRun row;
a unique constraint lets exactly one claim succeed, and only the claimer enqueues the
job on the task queue. The jobs themselves are written to be idempotent as well.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from salescoach.core.models import ScheduledRun
from salescoach.core.queue import enqueue_or_hold

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    run: str  # dotted path of a callable without arguments


SCHEDULE: list[Job] = [
    Job("prune-task-results", timedelta(days=1), "salescoach.core.scheduling.prune_task_results"),
    Job("resume-stalled-imports", timedelta(minutes=1), "salescoach.imports.services.resume_stalled_imports"),
    Job("session-reminders", timedelta(minutes=5), "salescoach.coaching.services.send_due_reminders"),
    Job("coaching-retention", timedelta(days=1), "salescoach.privacy.retention.run_scheduled"),
    Job("programme-digest", timedelta(days=7), "salescoach.programmes.tasks.queue_weekly_digests"),
]

EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


def slot_for(job: Job, now: datetime) -> datetime:
    """The start of the slot `now` falls in: slots are aligned, so every scheduler agrees."""
    elapsed = (now - EPOCH) // job.every
    return EPOCH + elapsed * job.every


def claim(job: Job, slot: datetime) -> bool:
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(job=job.name, slot=slot)
    except IntegrityError:
        return False
    return True


def tick(now: datetime | None = None) -> list[str]:
    """Claim and enqueue every job whose current slot nobody has claimed; returns their names."""
    now = now or timezone.now()
    started = []
    for job in SCHEDULE:
        slot = slot_for(job, now)
        if claim(job, slot):
            enqueue_or_hold(run_scheduled_job, job.name, slot.isoformat())
            started.append(job.name)
    return started


@task()
def run_scheduled_job(name: str, slot: str) -> None:
    from django.utils.module_loading import import_string

    job = next(j for j in SCHEDULE if j.name == name)
    ok = False
    try:
        import_string(job.run)()
        ok = True
    finally:
        ScheduledRun.objects.filter(job=name, slot=datetime.fromisoformat(slot)).update(
            finished_at=timezone.now(), ok=ok
        )


def prune_task_results() -> None:
    """Finished background task results older than two weeks are not needed."""
    from django.core.management import call_command

    call_command("prune_db_task_results", "--min-age-days", "14", verbosity=0)
