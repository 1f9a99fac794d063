"""Fixtures for results: the shared people, with the names and CRM user ids the sample
files in files/ use, and helpers to run an import on a file or a text."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from salescoach.imports.results import ImportResult
from salescoach.organisations.models import Membership
from salescoach.results.imports import import_opportunities, import_targets
from tests.conftest import People

FILES = Path(__file__).parent / "files"


@pytest.fixture
def sales(people: People) -> People:
    """The people fixture, matching the owners of the sample exports: Sanne Seller and
    Carla Colleague (team A, managed by people.manager), with their CRM user ids."""
    people.seller.crm_user_id = "0055e000001SaNnAAK"
    people.seller.save(update_fields=["crm_user_id"])
    people.colleague.crm_user_id = "0055e000001CaRlAAK"
    people.colleague.save(update_fields=["crm_user_id"])
    people.colleague.user.full_name = "Carla Colleague"
    people.colleague.user.save(update_fields=["full_name"])
    return people


def upload(content: str | bytes, name: str = "upload.csv") -> io.BytesIO:
    data = content.encode() if isinstance(content, str) else content
    stream = io.BytesIO(data)
    stream.name = name  # type: ignore[attr-defined]
    return stream


def sample(name: str) -> io.BytesIO:
    return upload((FILES / name).read_bytes(), name)


def deals(actor: Membership, content: Any, *, dry_run: bool = False) -> ImportResult:
    stream = content if isinstance(content, io.BytesIO) else upload(content)
    return import_opportunities(actor=actor, upload=stream, dry_run=dry_run)


def targets(actor: Membership, content: Any, *, dry_run: bool = False) -> ImportResult:
    stream = content if isinstance(content, io.BytesIO) else upload(content)
    return import_targets(actor=actor, upload=stream, dry_run=dry_run)


def errors_of(result: ImportResult) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.message) for e in result.errors]
