"""What the craft app keeps: counts of analysed coaching texts, and intakes.

A style sample holds the counts of one analysed text and the date -- enough for the
coach's own ask/tell trend, and nothing of the text itself. An intake holds a non-sales
professional's answers to the short self-assessment of the three sales blockades and
the scores derived from them.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from salescoach.organisations.models import Membership, Organisation


class StyleSource(models.TextChoices):
    PRACTICE = "practice", _("Practice page")
    SESSION_PREPARATION = "session_preparation", _("Session preparation")
    FEEDBACK = "feedback", _("Ride-along feedback")
    NOTES = "notes", _("Notes for the seller")
    API = "api", _("API")


class StyleSample(models.Model):
    """The label counts of one text a coach had analysed. Never the text."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    coach = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="style_samples", verbose_name=_("coach")
    )
    analysed_on = models.DateField(_("analysed on"), default=timezone.localdate)
    source = models.CharField(_("source"), max_length=32, choices=StyleSource.choices)
    language = models.CharField(_("language"), max_length=2)
    open_questions = models.PositiveIntegerField(_("open questions"), default=0)
    closed_questions = models.PositiveIntegerField(_("closed questions"), default=0)
    directives = models.PositiveIntegerField(_("directives"), default=0)
    statements = models.PositiveIntegerField(_("statements"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("coaching style sample")
        verbose_name_plural = _("coaching style samples")
        indexes = [
            models.Index(fields=["coach", "analysed_on"]),
            models.Index(fields=["organisation", "analysed_on"]),
        ]

    def __str__(self) -> str:
        return f"Style sample {self.pk} ({self.analysed_on})"

    @property
    def asked_or_told(self) -> int:
        return self.open_questions + self.closed_questions + self.directives


class Blockade(models.TextChoices):
    ROLE = "role_rejection", _("Selling is not my role")
    FEAR = "fear_of_rejection", _("Fear of rejection or of being pushy")
    CAPACITY = "no_skills_time_payoff", _("No skills, no time, slow payoff")


class IntakeKind(models.TextChoices):
    INTAKE = "intake", _("Intake")
    REASSESSMENT = "reassessment", _("Re-assessment")


class Intake(models.Model):
    """A non-sales professional's self-assessment of the three sales blockades."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    coachee = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="intakes", verbose_name=_("coachee")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=IntakeKind.choices)
    taken_on = models.DateField(_("taken on"), default=timezone.localdate)
    # The first intake this re-assessment is compared with.
    baseline = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reassessments",
        verbose_name=_("first intake"),
    )
    answers = models.JSONField(_("answers"), default=dict)
    # 0 (no sign of the blockade) to 100 (strongly present), from the answers.
    role_score = models.PositiveSmallIntegerField(_("role rejection"))
    fear_score = models.PositiveSmallIntegerField(_("fear of rejection"))
    capacity_score = models.PositiveSmallIntegerField(_("skills, time and payoff"))
    focus = models.CharField(_("suggested first focus"), max_length=32, choices=Blockade.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        ordering = ["-taken_on", "-pk"]
        indexes = [models.Index(fields=["coachee", "taken_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk} ({self.taken_on})"

    def score(self, blockade: str) -> int:
        return {
            Blockade.ROLE: self.role_score,
            Blockade.FEAR: self.fear_score,
            Blockade.CAPACITY: self.capacity_score,
        }[Blockade(blockade)]
