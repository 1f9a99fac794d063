"""Home page section: surveys waiting for the member's answers."""

from __future__ import annotations

from django.utils import timezone

from salescoach.core.home import HomeSection
from salescoach.organisations.models import Membership
from salescoach.surveys.models import SurveyInvitation


def open_surveys(member: Membership) -> list[HomeSection]:
    today = timezone.localdate()
    invitations = list(
        SurveyInvitation.objects.filter(
            membership=member,
            responded=False,
            run__organisation_id=member.organisation_id,
            run__opens_on__lte=today,
            run__closes_on__gte=today,
            run__closed_early_at__isnull=True,
        )
        .select_related("run")
        .order_by("run__closes_on")[:5]
    )
    if not invitations:
        return []
    return [HomeSection("surveys/home/open.html", {"invitations": invitations})]
