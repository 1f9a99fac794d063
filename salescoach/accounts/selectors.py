from __future__ import annotations

from django.db.models import QuerySet

from salescoach.accounts.models import APIToken, User


def api_token_list(*, user: User) -> QuerySet[APIToken]:
    return (
        APIToken.objects.filter(user=user)
        .select_related("organisation")
        .order_by("revoked_at", "-created_at")
    )
