"""Background work of the programmes app: the weekly digest of what needs attention."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from salescoach.core.mail import language_for, send_templated_mail
from salescoach.core.queue import enqueue_or_hold
from salescoach.organisations.models import Membership, MembershipStatus, Role
from salescoach.programmes.models import DigestPreference, Programme

# The digest goes out at most once in this many days, however often the job runs.
MIN_DAYS_BETWEEN = 6


def digest_recipients() -> list[int]:
    """Active programme owners and managers in organisations with a programme, who did
    not turn the digest off and did not get one in the last MIN_DAYS_BETWEEN days."""
    recent = timezone.localdate() - timedelta(days=MIN_DAYS_BETWEEN)
    organisations = Programme.objects.values("organisation_id")
    return list(
        Membership.objects.filter(
            organisation_id__in=organisations,
            status=MembershipStatus.ACTIVE,
            role_assignments__role__in=[Role.PROGRAMME_OWNER, Role.SALES_MANAGER],
        )
        .exclude(programme_digest__weekly_digest=False)
        .exclude(Q(programme_digest__last_sent_on__gt=recent))
        .values_list("pk", flat=True)
        .distinct()
        .order_by("pk")
    )


def queue_weekly_digests() -> int:
    """Run by the scheduler (SCHEDULE): one background task per recipient."""
    recipients = digest_recipients()
    for member_id in recipients:
        enqueue_or_hold(send_programme_digest, member_id)
    return len(recipients)


@task()
def send_programme_digest(member_id: int) -> bool:
    """E-mail one member what needs attention in the programmes they follow; nothing
    when nothing does. Returns whether a mail went out."""
    from salescoach.programmes.selectors import digest_for

    member = (
        Membership.objects.select_related("user", "organisation", "team", "reports_to")
        .prefetch_related("role_assignments")
        .filter(pk=member_id, status=MembershipStatus.ACTIVE)
        .first()
    )
    if member is None:
        return False
    preference, _created = DigestPreference.objects.get_or_create(membership=member)
    if not preference.weekly_digest:
        return False
    with translation.override(language_for(member.user)):
        items = digest_for(member=member)
    if not items:
        return False
    send_templated_mail(
        to=member.user,
        template="programmes/email/digest",
        context={
            "items": items,
            "total": sum(len(checks) for _p, checks in items),
            "settings_link": reverse("programmes:list", args=[member.organisation.slug]),
        },
    )
    DigestPreference.objects.filter(pk=preference.pk).update(last_sent_on=timezone.localdate())
    return True
