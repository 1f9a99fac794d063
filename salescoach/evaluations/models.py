"""Performance evaluations: cycles with criteria, one evaluation per seller per cycle.

Kept apart from coaching (product rule 2): nothing here refers to a coaching model, and
no coaching model may refer to these. The manager writes, the seller reads, comments
and signs; every change is in the evaluation's history.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from salescoach.organisations.models import Membership, Organisation


class CycleStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class EvaluationCycle(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="evaluation_cycles",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=120)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    # Every criterion is rated on 1..scale_max.
    scale_max = models.PositiveSmallIntegerField(
        _("highest rating"), default=5, validators=[MinValueValidator(2), MaxValueValidator(10)]
    )
    scale_low_label = models.CharField(_("meaning of the lowest rating"), max_length=60, blank=True)
    scale_high_label = models.CharField(_("meaning of the highest rating"), max_length=60, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=CycleStatus.choices, default=CycleStatus.OPEN
    )
    created_by = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("evaluation cycle")
        verbose_name_plural = _("evaluation cycles")
        ordering = ["-period_start", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="evaluation_cycle_name_unique"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="cycle_period_order"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status == CycleStatus.OPEN

    def scale(self) -> list[int]:
        return list(range(1, self.scale_max + 1))


class EvaluationCriterion(models.Model):
    cycle = models.ForeignKey(
        EvaluationCycle, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("cycle")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["cycle", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "name"], name="criterion_name_unique_in_cycle"),
        ]

    def __str__(self) -> str:
        return self.name


class EvaluationStatus(models.TextChoices):
    # The manager prepares; only they see the ratings and comments.
    DRAFT = "draft", _("In preparation")
    # Shared with the seller, who can read, comment and sign.
    SHARED = "shared", _("Shared with the seller")
    # Signed by the seller: final.
    SIGNED = "signed", _("Signed")


class Evaluation(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("organisation")
    )
    cycle = models.ForeignKey(
        EvaluationCycle, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("cycle")
    )
    seller = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("seller")
    )
    # The seller's manager, who fills in the form.
    evaluator = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="evaluations_written", verbose_name=_("manager")
    )
    # The evaluation meeting. Never the same meeting as a coaching session, and never on
    # the day of one when the manager also coaches the seller (rules.coaching_conflicts).
    scheduled_for = models.DateTimeField(_("meeting"))
    status = models.CharField(
        _("status"), max_length=8, choices=EvaluationStatus.choices, default=EvaluationStatus.DRAFT
    )
    overall_comment = models.TextField(_("overall comment"), blank=True, max_length=5000)
    seller_comment = models.TextField(_("seller's comments"), blank=True, max_length=5000)
    shared_at = models.DateTimeField(_("shared"), null=True, blank=True)
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("performance evaluation")
        verbose_name_plural = _("performance evaluations")
        ordering = ["-scheduled_for", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "seller"], name="one_evaluation_per_seller_per_cycle"),
        ]
        indexes = [
            models.Index(fields=["organisation", "seller"]),
            models.Index(fields=["organisation", "evaluator"]),
        ]

    def __str__(self) -> str:
        return f"Evaluation {self.pk} ({self.status})"


class EvaluationRating(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("evaluation")
    )
    criterion = models.ForeignKey(
        EvaluationCriterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=3000)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "criterion"], name="one_rating_per_criterion"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.rating}"


class EvaluationEventKind(models.TextChoices):
    CREATED = "created", _("Created")
    RESCHEDULED = "rescheduled", _("Rescheduled")
    EDITED = "edited", _("Ratings or comments changed")
    SHARED = "shared", _("Shared with the seller")
    REOPENED = "reopened", _("Taken back for changes")
    SELLER_COMMENTED = "seller_commented", _("Seller's comments changed")
    SIGNED = "signed", _("Signed by the seller")


class EvaluationEvent(models.Model):
    """History: who changed what, when. It names the fields that changed, not their text."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="events", verbose_name=_("evaluation")
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    kind = models.CharField(_("what"), max_length=20, choices=EvaluationEventKind.choices)
    # Field codes: "scheduled_for", "overall_comment", "rating:<criterion id>",
    # "comment:<criterion id>", "seller_comment".
    fields = models.JSONField(_("fields"), default=list, blank=True)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"
