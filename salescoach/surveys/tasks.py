"""Background work of the surveys app."""

from __future__ import annotations

from django.urls import reverse
from django_tasks import task

from salescoach.core.mail import send_templated_mail
from salescoach.surveys.models import SurveyInvitation


@task()
def send_survey_invitations(run_id: int) -> int:
    """E-mail everyone invited to a run who has not answered yet; returns how many."""
    sent = 0
    invitations = SurveyInvitation.objects.filter(run_id=run_id, responded=False).select_related(
        "membership__user", "run__organisation", "run__template"
    )
    for invitation in invitations:
        run = invitation.run
        link = reverse("surveys:respond", args=[run.organisation.slug, run.pk])
        send_templated_mail(
            to=invitation.membership.user,
            template="surveys/email/invitation",
            context={"run": run, "link": link},
        )
        sent += 1
    return sent
