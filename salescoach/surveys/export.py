"""The surveys' part of a personal data export (see salescoach/privacy/export.py): only
that the person was invited and whether they took part. Their answers are not in it --
they are stored without any link to the person, so nobody can find them, not even to
export them."""

from __future__ import annotations

from typing import Any

from salescoach.accounts.models import User
from salescoach.organisations.models import Membership
from salescoach.surveys.models import SurveyInvitation


def surveys_section(*, user: User, memberships: list[Membership]) -> dict[str, Any]:
    invitations = (
        SurveyInvitation.objects.filter(membership__in=memberships)
        .select_related("run__organisation")
        .order_by("run__closes_on", "run__pk")
    )
    return {
        "note": "Answers are anonymous and not linked to you; only participation is stored.",
        "participation": [
            {
                "organisation": i.run.organisation.slug,
                "survey": i.run.title,
                "opens_on": i.run.opens_on.isoformat(),
                "closes_on": i.run.closes_on.isoformat(),
                "took_part": i.responded,
            }
            for i in invitations
        ],
    }
