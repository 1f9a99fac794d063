"""The account's part of a personal data export (see salescoach/privacy/export.py)."""

from __future__ import annotations

from typing import Any

from salescoach.accounts.models import APIToken, User
from salescoach.organisations.models import Membership


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def account_section(*, user: User, memberships: list[Membership]) -> dict[str, Any]:
    tokens = APIToken.objects.filter(user=user).select_related("organisation").order_by("created_at")
    return {
        "email": user.email,
        "full_name": user.full_name,
        "language": user.language,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "organisation": t.organisation.slug if t.organisation else None,
                "created_at": _iso(t.created_at),
                "last_used_at": _iso(t.last_used_at),
                "revoked_at": _iso(t.revoked_at),
            }
            for t in tokens
        ],
    }
