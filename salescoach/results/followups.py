"""Steps that resolve the problems of a checked deals or targets file: match its columns
(saved for files with the same headings), its owners (saved as CRM owners) or its
stages (saved as CRM stage names of the funnel), then check the same file again."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from salescoach.imports.results import ImportResult
from salescoach.imports.tabular import TableError, open_table
from salescoach.results.formats import (
    OPPORTUNITY_LAYOUTS,
    OPPORTUNITY_REQUIRED,
    TARGET_LAYOUT,
    TARGET_REQUIRED,
    Detected,
    detect,
)
from salescoach.results.funnel import StageLookup
from salescoach.results.owners import OwnerMatcher
from salescoach.results.parsing import text_of

if TYPE_CHECKING:
    from salescoach.imports.models import ImportJob
    from salescoach.imports.registry import FollowUp

KINDS = ("opportunities", "targets")
MAX_VALUES = 200


@dataclass
class FileColumns:
    headers: list[str]
    detected: Detected


def file_columns(job: ImportJob) -> FileColumns | None:
    """The headings of the job's stored file and how they were recognised (reads only
    the first line); None when the file is gone or unreadable."""
    from salescoach.results.services import remembered_mapping

    if job.kind not in KINDS or not job.file:
        return None
    try:
        with job.file.open("rb") as upload:
            table = open_table(upload)
            headers = list(table.headers)
            close = getattr(table.rows, "close", None)
            if close is not None:
                close()  # the rows are not needed; this releases the file
    except (TableError, OSError, ValueError):
        return None
    saved = remembered_mapping(organisation_id=job.organisation_id, kind=job.kind, headers=headers)
    if job.kind == "opportunities":
        detected = detect(headers, OPPORTUNITY_LAYOUTS, OPPORTUNITY_REQUIRED, saved)
    else:
        detected = detect(headers, [TARGET_LAYOUT], TARGET_REQUIRED, saved)
    return FileColumns(headers, detected)


def import_followups(job: ImportJob) -> list[FollowUp]:
    from salescoach.imports.registry import FollowUp

    if job.kind not in KINDS or not job.preview:
        return []
    columns = file_columns(job)
    if columns is None:
        return []
    slug = job.organisation.slug
    if not columns.detected.complete:
        return [
            FollowUp(
                reverse("results:import-columns", args=[slug, job.pk]),
                _("Match the columns"),
                _("Say which column holds what; the match is saved for files with the same columns."),
            )
        ]
    steps = []
    columns_with_errors = {e.column for e in ImportResult.from_dict(job.preview).errors}
    if job.kind == "opportunities":
        if columns.detected.label.get("owner") in columns_with_errors:
            steps.append(
                FollowUp(
                    reverse("results:import-owners", args=[slug, job.pk]),
                    _("Match the owners"),
                    _("Say which member each unknown owner is; saved for next time."),
                )
            )
        if columns.detected.label.get("stage") in columns_with_errors:
            steps.append(
                FollowUp(
                    reverse("results:import-stages", args=[slug, job.pk]),
                    _("Map the stages"),
                    _("Say which stage of your funnel each unknown CRM stage is; saved for next time."),
                )
            )
    return steps


def unresolved_values(job: ImportJob, field: str) -> list[tuple[str, int]]:
    """The owners (``field="owner"``) or stages (``"stage"``) in the job's file that are
    not matched yet, most frequent first, with the number of rows."""
    columns = file_columns(job)
    if columns is None or not columns.detected.complete or field not in columns.detected.index:
        return []
    position = columns.detected.index[field]
    lookup: Any = (
        OwnerMatcher(job.organisation_id, None) if field == "owner" else StageLookup(job.organisation_id)
    )
    found: Counter[str] = Counter()
    known: dict[str, bool] = {}
    with job.file.open("rb") as upload:
        table = open_table(upload)
        for _number, cells in table.rows:
            if position >= len(cells):
                continue
            value = text_of(cells[position])
            if not value:
                continue
            if value not in known:
                if field == "owner":
                    known[value] = lookup.match(value).member_id is not None
                else:
                    known[value] = lookup.find(value) is not None
            if not known[value]:
                found[value] += 1
    return found.most_common(MAX_VALUES)
