"""Bookkeeping of scheduled work (see salescoach/core/scheduling.py)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class ScheduledRun(models.Model):
    """One claimed run of a scheduled job for one time slot.

    The unique constraint is what makes a job run once per slot however many schedulers
    run: the first to insert the row runs the job, the others see the conflict and skip.
    """

    job = models.CharField(max_length=100)
    slot = models.DateTimeField()
    claimed_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    ok = models.BooleanField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="one_run_per_job_slot")]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"


class HeldTask(models.Model):
    """Background work that could not reach the task queue (e.g. Redis was down).

    It waits here and is relayed to the queue when the queue is back (run_scheduler).
    """

    task_path = models.CharField(max_length=255)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.task_path} (held since {self.created_at:%Y-%m-%d %H:%M})"
