"""An uploaded file on its way in: checked (dry run) first, then imported on confirmation."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    CHECKING = "checking", _("Checking")
    CHECKED = "checked", _("Checked")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="import_jobs"
    )
    created_by = models.ForeignKey(
        "organisations.Membership", on_delete=models.CASCADE, related_name="import_jobs"
    )
    kind = models.CharField(max_length=40)
    filename = models.CharField(max_length=255)
    # Removed once the import has run: the data now lives in the database.
    file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    status = models.CharField(max_length=16, choices=ImportStatus.choices, default=ImportStatus.CHECKING)
    rows_done = models.PositiveIntegerField(default=0)
    preview = models.JSONField(null=True, blank=True)  # the dry run's ImportResult
    result = models.JSONField(null=True, blank=True)  # the real run's ImportResult
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set when a worker takes the job and as it makes progress; a running job whose
    # heartbeat stops (its worker died) is picked up again (services.resume_stalled_imports).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = [
            models.Index(fields=["organisation", "kind", "-created_at"]),
            models.Index(fields=["status", "heartbeat_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} import {self.pk} ({self.status})"

    @property
    def is_running(self) -> bool:
        return self.status in {ImportStatus.CHECKING, ImportStatus.IMPORTING}
