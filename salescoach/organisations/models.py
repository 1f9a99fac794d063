"""The tenant (organisation), its people (memberships with roles), teams and invitations."""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    # Product rule 6: group figures only for groups of at least this size (never below 3).
    min_group_size = models.PositiveSmallIntegerField(
        _("minimum group size for aggregates"), default=5, validators=[MinValueValidator(3)]
    )
    # Coaching content is deleted this many months after a coaching relationship ends
    # (salescoach/privacy/retention.py).
    coaching_retention_months = models.PositiveSmallIntegerField(
        _("months coaching content is kept after coaching ends"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            # Rule 6 holds even for a change that bypasses the service (admin, SQL).
            models.CheckConstraint(
                condition=models.Q(min_group_size__gte=3), name="min_group_size_at_least_3"
            ),
            models.CheckConstraint(
                condition=models.Q(coaching_retention_months__gte=1, coaching_retention_months__lte=120),
                name="coaching_retention_1_to_120_months",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    PROGRAMME_OWNER = "programme_owner", _("Programme owner")
    SALES_MANAGER = "sales_manager", _("Sales manager")
    SELLER = "seller", _("Seller")
    NON_SALES = "non_sales_professional", _("Non-sales professional")
    SENIOR_SELLER = "senior_seller", _("Senior seller (peer coach)")
    INTERNAL_COACH = "internal_coach", _("Internal coach")
    EXTERNAL_COACH = "external_coach", _("External coach")


COACH_ROLES = frozenset({Role.SENIOR_SELLER, Role.INTERNAL_COACH, Role.EXTERNAL_COACH})
COACHEE_ROLES = frozenset({Role.SELLER, Role.NON_SALES})


class Team(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="teams", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    manager = models.ForeignKey(
        "Membership",
        on_delete=models.PROTECT,
        related_name="managed_teams",
        verbose_name=_("manager"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique_in_org"),
        ]

    def __str__(self) -> str:
        return self.name


class MembershipStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Active")
    DEACTIVATED = "deactivated", _("Deactivated")


class Membership(models.Model):
    """A person in an organisation: their roles, team and line manager there."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MembershipStatus.choices, default=MembershipStatus.INVITED
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("team"),
    )
    # The member's line manager; for a sales manager this is their own superior,
    # who guides their coaching (coach-the-coach).
    reports_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="direct_reports",
        verbose_name=_("reports to"),
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    crm_user_id = models.CharField(_("CRM user id"), max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    activated_at = models.DateTimeField(null=True, blank=True)
    deactivated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_org"),
        ]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["organisation", "crm_user_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation_id}"

    @property
    def is_active(self) -> bool:
        return self.status == MembershipStatus.ACTIVE

    @cached_property
    def roles(self) -> frozenset[str]:
        # Uses the prefetched assignments when the selector loaded them.
        return frozenset(a.role for a in self.role_assignments.all())

    def has_role(self, *roles: str) -> bool:
        return not self.roles.isdisjoint(roles)

    def role_labels(self) -> list[str]:
        return [str(label) for value, label in Role.choices if value in self.roles]

    @property
    def full_name(self) -> str:
        return self.user.full_name

    @property
    def email(self) -> str:
        return self.user.email


class RoleAssignment(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["membership", "role"], name="role_once_per_member"),
        ]
        indexes = [models.Index(fields=["role", "membership"])]

    def __str__(self) -> str:
        return self.get_role_display()


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    REVOKED = "revoked", _("Revoked")


class Invitation(models.Model):
    """An e-mailed invitation to join an organisation, answered through a signed link.

    Re-sending replaces the nonce, so only the newest link works.
    """

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        max_length=16, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    nonce = models.CharField(max_length=32)
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    send_count = models.PositiveSmallIntegerField(default=1)
    responded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self) -> str:
        return f"Invitation {self.pk} ({self.status})"

    @property
    def is_expired(self) -> bool:
        return self.status == InvitationStatus.PENDING and self.expires_at <= timezone.now()
