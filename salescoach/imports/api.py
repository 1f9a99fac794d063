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
