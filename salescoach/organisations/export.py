"""The organisations' part of a personal data export (see salescoach/privacy/export.py):
the person's memberships, roles, team, line manager and invitations."""

from __future__ import annotations

from typing import Any

from salescoach.accounts.models import User
from salescoach.organisations.models import Invitation, Membership


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def organisations_section(*, user: User, memberships: list[Membership]) -> list[dict[str, Any]]:
    invitations: dict[int, list[dict[str, Any]]] = {}
    for invitation in Invitation.objects.filter(membership__in=memberships).order_by("sent_at"):
        invitations.setdefault(invitation.membership_id, []).append(
            {
                "status": invitation.status,
                "sent_at": _iso(invitation.sent_at),
                "expires_at": _iso(invitation.expires_at),
                "responded_at": _iso(invitation.responded_at),
            }
        )
    return [
        {
            "organisation": {"slug": m.organisation.slug, "name": m.organisation.name},
            "member_id": m.pk,
            "status": m.status,
            "roles": sorted(m.roles),
            "team": m.team.name if m.team else None,
            "reports_to": m.reports_to.user.full_name if m.reports_to else None,
            "job_title": m.job_title,
            "crm_user_id": m.crm_user_id,
            "created_at": _iso(m.created_at),
            "activated_at": _iso(m.activated_at),
            "invitations": invitations.get(m.pk, []),
        }
        for m in memberships
    ]
