from __future__ import annotations

from django.db.models import QuerySet

from salescoach.imports.models import ImportJob
from salescoach.organisations.models import Membership


def import_job_list(*, viewer: Membership, kind: str | None = None) -> QuerySet[ImportJob]:
    """A person sees the imports they started themselves."""
    qs = ImportJob.objects.filter(organisation_id=viewer.organisation_id, created_by=viewer)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-created_at")
