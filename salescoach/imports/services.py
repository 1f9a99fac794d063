"""Running imports: at once (API) or as a job with a checked preview (pages)."""

from __future__ import annotations

import logging
from typing import IO

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salescoach.core.queue import enqueue_on_commit
from salescoach.imports.models import ImportJob, ImportStatus
from salescoach.imports.registry import Importer, get_importer
from salescoach.imports.results import ImportResult
from salescoach.organisations.models import Membership

logger = logging.getLogger(__name__)


def import_run(*, actor: Membership, importer: Importer, upload: IO[bytes], dry_run: bool) -> ImportResult:
    """Run an import now and return its result (the JSON API does this)."""
    if not importer.allowed(actor):
        raise PermissionDenied
    return importer.run(actor=actor, upload=upload, dry_run=dry_run)


@transaction.atomic
def import_job_create(*, actor: Membership, importer: Importer, upload: UploadedFile) -> ImportJob:
    """Store the upload and check it in the background (a dry run)."""
    if not importer.allowed(actor):
        raise PermissionDenied
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


def import_job_execute(*, job_id: int, dry_run: bool) -> None:
    """Body of the background task: run the importer on the stored file."""
    job = ImportJob.objects.select_related("created_by__organisation", "created_by__user").get(pk=job_id)
    expected = ImportStatus.CHECKING if dry_run else ImportStatus.IMPORTING
    if job.status != expected:
        return  # already handled: tasks may be delivered more than once
    actor = Membership.objects.prefetch_related("role_assignments").get(pk=job.created_by_id)
    importer = get_importer(job.kind, actor)

    def progress(rows: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(rows_done=rows)

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
