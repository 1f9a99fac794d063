"""The caller's personal-data export in the JSON API."""

# No "from __future__ import annotations" here: django-ninja reads the annotations at run time.

from typing import Any, cast

from django.http import HttpRequest
from ninja import Router

from salescoach.accounts.models import User
from salescoach.privacy.export import build_export

router = Router(tags=["me"])


@router.get("/me/export", response=dict[str, Any], summary="Everything stored about you that you may see")
def me_export(request: HttpRequest) -> dict[str, Any]:
    """Your data as JSON. Every note-like text (notes, plan items, commitments,
    observation comments, ...) is under `coaching_notes`, each with at least `text` and
    `visibility` (`private`, `coach_and_seller` or `shared_with_manager`). A token that is
    limited to one organisation exports that organisation only."""
    token = getattr(request, "api_token", None)
    organisation = token.organisation if token is not None else None
    return build_export(user=cast(User, request.user), organisation=organisation)
