"""Shapes shared by several routers."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]


class RequestProblemOut(Schema):
    """What django-ninja answers when a request does not match the schema (422)."""

    detail: list[dict[str, Any]]
