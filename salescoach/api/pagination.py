"""Pagination for every list in the API: limit and offset with sane bounds."""

# No "from __future__ import annotations" here: django-ninja reads the annotations at run time.

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination


class Pagination(LimitOffsetPagination):
    """ninja's limit/offset, with an upper bound on both (an offset beyond any list is
    answered with an empty page, not a database error)."""

    class Input(Schema):
        limit: int = Field(settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT)
        offset: int = Field(0, ge=0, le=1_000_000_000)
