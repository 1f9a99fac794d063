"""The access audit log: an append-only record of who did what to which object, when.

An entry never holds content: only ids, an action, the object's type and id, the
organisation and the outcome. People are referred to by id (not by foreign key) so
that nothing -- no cascade, no erasure of a person -- ever needs to change or delete
an entry. The database itself refuses UPDATE and DELETE on this table (a trigger
created in migration 0001), so the application cannot rewrite its own history.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    READ = "read", _("Read")
    ACCESS_DENIED = "access_denied", _("Access refused")
    ROLE_CHANGE = "role_change", _("Roles changed")
    MEMBER_DEACTIVATE = "member_deactivate", _("Member deactivated")
    MEMBER_REACTIVATE = "member_reactivate", _("Member reactivated")
    SETTINGS_CHANGE = "settings_change", _("Settings changed")
    CONSENT_GRANT = "consent_grant", _("Shared with the manager")
    CONSENT_REVOKE = "consent_revoke", _("Sharing stopped")
    EXPORT = "export", _("Personal data exported")
    ERASURE = "erasure", _("Personal data erased")
    RETENTION_DELETE = "retention_delete", _("Coaching content deleted after the retention period")


class AuditOutcome(models.TextChoices):
    ALLOWED = "allowed", _("Allowed")
    DENIED = "denied", _("Refused")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now)
    # The organisation the action happened in (null for actions outside one, such as
    # a personal export over several organisations).
    organisation_id = models.BigIntegerField(_("organisation"), null=True, blank=True)
    actor_user_id = models.BigIntegerField(_("user"), null=True, blank=True)
    actor_membership_id = models.BigIntegerField(_("member"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices)
    # "<app_label>.<model_name>" of the object acted on, or "page"/"api" for a refused
    # page or API operation (then object_id is its route name).
    object_type = models.CharField(_("object type"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=100, blank=True, default="")
    # Whose data the object is, when it is about one member (e.g. the seller).
    subject_membership_id = models.BigIntegerField(_("about member"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=8, choices=AuditOutcome.choices, default=AuditOutcome.ALLOWED
    )
    # Machine codes only (such as "added:seller;removed:sales_manager"), never text a
    # person wrote; the service checks the characters.
    detail = models.CharField(_("detail"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["organisation_id", "at"], name="audit_org_at"),
            models.Index(fields=["subject_membership_id", "at"], name="audit_subject_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id} ({self.outcome})"


class ErasureStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the programme owner")
    DONE = "done", _("Erased")
    REJECTED = "rejected", _("Not erased")


class ErasureRequest(models.Model):
    """A request to erase a member who leaves: asked by the member themselves or by a
    programme owner, carried out when a programme owner confirms it (salescoach/privacy/
    erasure.py). It holds who and when, never a reason in words."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="erasure_requests",
        verbose_name=_("organisation"),
    )
    # The member to erase; after the erasure the membership stays, anonymised.
    member = models.ForeignKey(
        "organisations.Membership",
        on_delete=models.PROTECT,
        related_name="erasure_requests",
        verbose_name=_("member"),
    )
    requested_by = models.ForeignKey(
        "organisations.Membership",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    requested_at = models.DateTimeField(_("asked on"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=12, choices=ErasureStatus.choices, default=ErasureStatus.PENDING
    )
    decided_by = models.ForeignKey(
        "organisations.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=models.Q(status="pending"), name="one_pending_erasure_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"Erasure request {self.pk} ({self.status})"
