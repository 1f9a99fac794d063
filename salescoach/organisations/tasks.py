"""Background work of the organisations app."""

from __future__ import annotations

from django.urls import reverse
from django_tasks import task

from salescoach.core.mail import send_templated_mail
from salescoach.organisations.models import Invitation, InvitationStatus


@task()
def send_invitations(invitation_ids: list[int]) -> int:
    """E-mail each still-pending invitation its link; returns how many were sent."""
    from salescoach.organisations.services import invitation_token

    sent = 0
    invitations = Invitation.objects.filter(
        pk__in=invitation_ids, status=InvitationStatus.PENDING
    ).select_related("membership__user", "membership__organisation", "invited_by__user")
    for invitation in invitations:
        link = reverse("organisations:invitation", args=[invitation_token(invitation)])
        send_templated_mail(
            to=invitation.membership.user,
            template="organisations/email/invitation",
            context={"invitation": invitation, "link": link},
        )
        sent += 1
    return sent
