"""Imports in the JSON API: POST a file, get {"created", "updated", "unchanged", "errors"}.

All or nothing: a file with any error writes nothing. With dry_run the answer says
what would change, and nothing is written either way.
"""

# No "from __future__ import annotations" here: django-ninja reads the annotations at run time.

from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from salescoach.api.auth import viewer
from salescoach.api.schemas import ErrorOut
from salescoach.imports import services
from salescoach.imports.registry import get_importer

router = Router(tags=["imports"])


class RowErrorOut(Schema):
    row: int
    column: str
    message: str


class ImportResultOut(Schema):
    created: int
    updated: int
    unchanged: int
    errors: list[RowErrorOut]


RESPONSES: dict[int, Any] = {200: ImportResultOut, 403: ErrorOut, 404: ErrorOut}


def run_import(request: HttpRequest, kind: str, file: UploadedFile, dry_run: bool) -> Any:
    actor = viewer(request)
    importer = get_importer(kind, actor)
    result = services.import_run(actor=actor, importer=importer, upload=file, dry_run=dry_run)
    return result.as_dict()


@router.post("/members", response=RESPONSES, summary="Import people (CSV or Excel)")
def import_members(request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = False) -> Any:
    """Columns: e-mail, full name, team, roles, manager's e-mail (English or Dutch headings);
    optional job title and CRM user id. New people get an invitation by e-mail."""
    return run_import(request, "members", file, dry_run)


@router.post("/opportunities", response=RESPONSES, summary="Import deals (CSV or Excel)")
def import_opportunities(request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = False) -> Any:
    """A Salesforce report export (column labels such as "Opportunity Name", "Stage",
    "Close Date"; add "Opportunity ID"), a Salesforce data export (API names such as Id,
    StageName, CloseDate, Amount, OwnerId), a HubSpot deals export ("Record ID",
    "Deal Name", "Deal Stage", "Deal owner", ...) or the SalesCoach template, with English
    or Dutch headings. Other layouts: match the columns once on the import page; the match
    is then used here too. Deals are matched by CRM id; owners by e-mail, CRM user id or
    full name. Only for the people you manage."""
    return run_import(request, "opportunities", file, dry_run)


@router.post("/targets", response=RESPONSES, summary="Import targets (CSV or Excel)")
def import_targets(request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = False) -> Any:
    """One row per person and period: e-mail, period (2026-03 for a month, 2026-Q1 for a
    quarter), target amount and/or target count, optional currency (English or Dutch
    headings). Only for the people you manage."""
    return run_import(request, "targets", file, dry_run)


@router.post(
    "/coaching-assignments", response=RESPONSES, summary="Import coaching assignments (CSV or Excel)"
)
def import_coaching_assignments(
    request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = False
) -> Any:
    """Columns: coach e-mail, coachee e-mail, start date (past dates allowed, for history) and
    optionally end date (English or Dutch headings). A pair already coached gets the file's
    dates. Programme owners for anyone; managers for their own people."""
    return run_import(request, "coaching-assignments", file, dry_run)
