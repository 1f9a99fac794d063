"""A person's own data as JSON: GET /api/v1/me/export and the download on the settings page.

Each app that stores personal data adds a provider to EXPORT_PROVIDERS. A provider is
called once per active membership of the person and returns lists of records by key;
the lists of all providers and memberships are joined. Note-like texts go under
"coaching_notes" as objects with at least "text" and "visibility" (CONTRACTS.md).
Providers read through their selectors, so the export holds exactly what the person may
see under the privacy policy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.module_loading import import_string

from salescoach.accounts.models import User
from salescoach.organisations.models import Membership, MembershipStatus, Organisation

EXPORT_PROVIDERS = [
    "salescoach.coaching.export.export_member",
    "salescoach.craft.export.export_member",
]

Provider = Callable[..., dict[str, list[dict[str, Any]]]]


def build_export(*, user: User, organisation: Organisation | None = None) -> dict[str, Any]:
    """Everything stored about the user that they may see; limited to one organisation
    when the caller acts with a token for that organisation only."""
    memberships = (
        Membership.objects.filter(user=user, status=MembershipStatus.ACTIVE)
        .select_related("organisation", "team", "reports_to__user", "user")
        .prefetch_related("role_assignments")
        .order_by("organisation__name")
    )
    if organisation is not None:
        memberships = memberships.filter(organisation=organisation)
    data: dict[str, Any] = {
        "format": "salescoach-export-1",
        "exported_at": timezone.now().isoformat(),
        "user": {
            "email": user.email,
            "full_name": user.full_name,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
        },
        "organisations": [],
        "coaching_notes": [],
    }
    for member in memberships:
        data["organisations"].append(
            {
                "slug": member.organisation.slug,
                "name": member.organisation.name,
                "roles": sorted(member.roles),
                "team": member.team.name if member.team else None,
                "reports_to": member.reports_to.user.full_name if member.reports_to else None,
                "job_title": member.job_title,
                "member_since": member.activated_at.isoformat() if member.activated_at else None,
            }
        )
        for path in EXPORT_PROVIDERS:
            provider: Provider = import_string(path)
            for key, records in provider(member=member).items():
                data.setdefault(key, []).extend(records)
    return data
