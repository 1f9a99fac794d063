"""Running imports: at once (API) or as a job with a checked preview (pages)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import IO

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from salescoach.core import throttle
from salescoach.core.queue import enqueue_on_commit
from salescoach.imports.models import ImportJob, ImportStatus
from salescoach.imports.registry import Importer, get_importer
from salescoach.imports.results import ImportResult
from salescoach.organisations.models import Membership

logger = logging.getLogger(__name__)

LOCK_NAMESPACE = 7301  # pg advisory locks: (namespace, job id)
MAX_ATTEMPTS = 3


def import_run(*, actor: Membership, importer: Importer, upload: IO[bytes], dry_run: bool) -> ImportResult:
    """Run an import now and return its result (the JSON API does this)."""
    if not importer.allowed(actor):
        raise PermissionDenied
    _enforce_rate(actor)
    return importer.run(actor=actor, upload=upload, dry_run=dry_run)


def _enforce_rate(actor: Membership) -> None:
    """Imports are heavy: a person may start IMPORTS_PER_MINUTE of them a minute."""
    throttle.enforce(
        "import",
        actor.user_id,
        settings.IMPORTS_PER_MINUTE,
        _("Too many imports in a short time; try again in a minute."),
    )


@transaction.atomic
def import_job_create(*, actor: Membership, importer: Importer, upload: UploadedFile) -> ImportJob:
    """Store the upload and check it in the background (a dry run)."""
    if not importer.allowed(actor):
        raise PermissionDenied
    _enforce_rate(actor)
    job = ImportJob.objects.create(
        organisation=actor.organisation,
        created_by=actor,
        kind=importer.kind,
        filename=(upload.name or "upload")[:255],
        file=upload,
    )
    _enqueue(job, dry_run=True)
    return job


@transaction.atomic
def import_job_confirm(*, actor: Membership, job: ImportJob) -> ImportJob:
    """Import a checked file for real."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.created_by_id != actor.pk:
        raise PermissionDenied
    preview = ImportResult.from_dict(job.preview or {})
    if job.status != ImportStatus.CHECKED:
        raise ValidationError(_("This import is not waiting for confirmation."))
    if not preview.ok:
        raise ValidationError(_("This file has errors; correct them and upload it again."))
    job.status = ImportStatus.IMPORTING
    job.rows_done = 0
    job.save(update_fields=["status", "rows_done"])
    _enqueue(job, dry_run=False)
    return job


@transaction.atomic
def import_job_recheck(*, actor: Membership, job: ImportJob) -> ImportJob:
    """Check a stored file again, after its columns, owners or stages were matched."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.created_by_id != actor.pk:
        raise PermissionDenied
    if job.status != ImportStatus.CHECKED or not job.file:
        raise ValidationError(_("This file cannot be checked again; upload it again."))
    job.status = ImportStatus.CHECKING
    job.preview = None
    job.rows_done = 0
    job.save(update_fields=["status", "preview", "rows_done"])
    _enqueue(job, dry_run=True)
    return job


def _enqueue(job: ImportJob, *, dry_run: bool) -> None:
    from salescoach.imports.tasks import run_import_job

    enqueue_on_commit(run_import_job, job.pk, dry_run)


@contextmanager
def _running(job_id: int) -> Iterator[bool]:
    """Whether this worker may run the job: on PostgreSQL a session lock per job, which
    the database releases by itself when a worker dies, so a job runs in one place only."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, job_id])
        acquired = bool(cursor.fetchone()[0])
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, job_id])


def import_job_execute(*, job_id: int, dry_run: bool) -> None:
    """Body of the background task: run the importer on the stored file."""
    with _running(job_id) as acquired:
        if acquired:
            _execute(job_id=job_id, dry_run=dry_run)


def _execute(*, job_id: int, dry_run: bool) -> None:
    job = ImportJob.objects.select_related("created_by__organisation", "created_by__user").get(pk=job_id)
    expected = ImportStatus.CHECKING if dry_run else ImportStatus.IMPORTING
    if job.status != expected:
        return  # already handled: tasks may be delivered more than once
    actor = Membership.objects.prefetch_related("role_assignments").get(pk=job.created_by_id)
    importer = get_importer(job.kind, actor)
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now(), attempts=job.attempts + 1)

    def progress(rows: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(rows_done=rows, heartbeat_at=timezone.now())

    try:
        with job.file.open("rb") as upload:
            result = importer.run(actor=actor, upload=upload, dry_run=dry_run, progress=progress)
    except Exception:
        logger.exception("import job %s failed", job.pk)
        result = ImportResult()
        result.error(0, "", _("The import stopped because of an unexpected error; nothing was changed."))
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED, result=result.as_dict(), finished_at=timezone.now()
        )
        return
    if dry_run:
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.CHECKED, preview=result.as_dict())
        return
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.DONE if result.ok else ImportStatus.FAILED,
        result=result.as_dict(),
        finished_at=timezone.now(),
    )
    # The data now lives in the database; the uploaded copy is not kept. (Not
    # job.save(): this instance still holds the status it was loaded with.)
    job.file.delete(save=False)
    ImportJob.objects.filter(pk=job.pk).update(file="")


def resume_stalled_imports(*, now: datetime | None = None) -> list[int]:
    """Run again every job whose worker stopped sending heartbeats (it was killed or its
    machine went down). An import writes everything in one transaction, so a stalled job
    has written nothing; running it again completes it. After MAX_ATTEMPTS it fails."""
    now = now or timezone.now()
    stalled_before = now - timedelta(seconds=settings.IMPORT_STALLED_AFTER_SECONDS)
    resumed: list[int] = []
    with transaction.atomic():
        stalled = ImportJob.objects.select_for_update(skip_locked=True).filter(
            Q(heartbeat_at__lt=stalled_before) | Q(heartbeat_at__isnull=True, created_at__lt=stalled_before),
            status__in=[ImportStatus.CHECKING, ImportStatus.IMPORTING],
        )
        for job in stalled:
            if job.attempts >= MAX_ATTEMPTS:
                result = ImportResult()
                result.error(
                    0, "", _("The import stopped several times without finishing; nothing was changed.")
                )
                ImportJob.objects.filter(pk=job.pk).update(
                    status=ImportStatus.FAILED, result=result.as_dict(), finished_at=now
                )
                continue
            ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=now)
            _enqueue(job, dry_run=job.status == ImportStatus.CHECKING)
            resumed.append(job.pk)
    if resumed:
        logger.warning("resumed stalled import jobs %s", resumed)
    return resumed
