"""Coaching programmes: per team, who coaches (one of the four coaching models, or a
combination), whom, at what cadence -- and the evidence behind each model's safeguards.

The safeguards themselves are computed, never stored: salescoach/programmes/safeguards.py
reads these records (and sessions, agreements, evaluations and pulse surveys of the
other apps) and says per safeguard whether it is ok, needs attention or is a problem.
Evidence records hold dates, counts and scores about the *coaches* and the *programme*;
none of them holds coaching content about a seller (product rule 1).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from salescoach.programmes.advisor import MODEL_LABELS, CoachingModel

MAX_GOALS = 2_000
MAX_NAME = 200


class ModelChoice(models.TextChoices):
    """The four coaching models; the values are the advisor's (CoachingModel)."""

    MANAGER = CoachingModel.MANAGER.value, MODEL_LABELS[CoachingModel.MANAGER]
    SENIOR_SELLERS = CoachingModel.SENIOR_SELLERS.value, MODEL_LABELS[CoachingModel.SENIOR_SELLERS]
    INTERNAL_COACH = CoachingModel.INTERNAL_COACH.value, MODEL_LABELS[CoachingModel.INTERNAL_COACH]
    EXTERNAL_COACH = CoachingModel.EXTERNAL_COACH.value, MODEL_LABELS[CoachingModel.EXTERNAL_COACH]


class PeriodChoice(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")


class Programme(models.Model):
    """The coaching programme of one team."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="programmes"
    )
    team = models.OneToOneField(
        "organisations.Team", on_delete=models.CASCADE, related_name="programme", verbose_name=_("team")
    )
    # One or more of ModelChoice, in a fixed order (manager, senior sellers, internal, external).
    coaching_models = models.JSONField(_("coaching models"), default=list)
    goals = models.TextField(_("goals"), max_length=MAX_GOALS)
    starts_on = models.DateField(_("start"))
    # Coaching hours per coachee per month; research advises 3 to 5.
    cadence_min_hours = models.DecimalField(
        _("minimum coaching hours per person per month"), max_digits=4, decimal_places=1, default=Decimal("3")
    )
    cadence_max_hours = models.DecimalField(
        _("maximum coaching hours per person per month"), max_digits=4, decimal_places=1, default=Decimal("5")
    )
    period = models.CharField(
        _("review period"), max_length=8, choices=PeriodChoice.choices, default=PeriodChoice.QUARTER
    )
    # Manager and coach meet to align at least this often.
    alignment_interval_days = models.PositiveSmallIntegerField(
        _("days between alignment meetings of manager and coach"),
        default=30,
        validators=[MinValueValidator(7), MaxValueValidator(180)],
    )
    # Ride-alongs at client appointments per internal or external coach per period.
    ride_along_target = models.PositiveSmallIntegerField(
        _("ride-alongs per coach per period"), default=3, validators=[MaxValueValidator(100)]
    )
    created_by = models.ForeignKey(
        "organisations.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("coaching programme")
        verbose_name_plural = _("coaching programmes")
        ordering = ["team__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    cadence_min_hours__gt=0, cadence_max_hours__gte=models.F("cadence_min_hours")
                ),
                name="programme_cadence_in_order",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "starts_on"])]

    def __str__(self) -> str:
        return f"Programme {self.pk} ({self.team_id})"

    def has_model(self, model: str) -> bool:
        return model in self.coaching_models

    @property
    def model_labels(self) -> list[str]:
        return [str(ModelChoice(m).label) for m in self.coaching_models]


class ProgrammeCoach(models.Model):
    """A coach in a programme, and the model they coach in."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="coaches")
    member = models.ForeignKey(
        "organisations.Membership", on_delete=models.CASCADE, related_name="programme_coach_roles"
    )
    model = models.CharField(_("coaching model"), max_length=20, choices=ModelChoice.choices)
    appointed_on = models.DateField(_("appointed on"))
    # Onboarding of an external coach: when they were introduced to the team and management.
    introduced_on = models.DateField(_("introduced to the team on"), null=True, blank=True)

    class Meta:
        verbose_name = _("programme coach")
        verbose_name_plural = _("programme coaches")
        constraints = [
            models.UniqueConstraint(fields=["programme", "member", "model"], name="programme_coach_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} ({self.model})"


class ProgrammeCoachee(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="coachees")
    member = models.ForeignKey(
        "organisations.Membership", on_delete=models.CASCADE, related_name="programme_coachee_of"
    )

    class Meta:
        verbose_name = _("programme coachee")
        verbose_name_plural = _("programme coachees")
        constraints = [
            models.UniqueConstraint(fields=["programme", "member"], name="programme_coachee_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} in {self.programme_id}"


# --- evidence ----------------------------------------------------------------------------------


class CoachTraining(models.Model):
    """A coaching training a coach completed (models 1 and 2)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    coach = models.ForeignKey(
        "organisations.Membership", on_delete=models.CASCADE, related_name="coach_trainings"
    )
    completed_on = models.DateField(_("completed on"))
    provider = models.CharField(_("provider"), max_length=MAX_NAME)
    recorded_by = models.ForeignKey(
        "organisations.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("coaching training")
        verbose_name_plural = _("coaching trainings")
        ordering = ["-completed_on", "-pk"]
        indexes = [models.Index(fields=["coach", "completed_on"])]

    def __str__(self) -> str:
        return f"Training {self.coach_id} {self.completed_on}"


class GuidanceKind(models.TextChoices):
    CONVERSATION = "conversation", _("Coach-the-coach conversation")
    OBSERVED = "observed", _("Observed coaching session with feedback")


class CoachGuidance(models.Model):
    """The manager's own superior guides their coaching (model 1): a coach-the-coach
    conversation, or a coaching session the superior observed and gave feedback on.
    The feedback is about the manager's coaching, never about the seller."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="guidance")
    coach = models.ForeignKey("organisations.Membership", on_delete=models.CASCADE, related_name="+")
    guide = models.ForeignKey("organisations.Membership", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=GuidanceKind.choices)
    held_on = models.DateField(_("date"))
    feedback = models.TextField(_("feedback on the coaching"), max_length=MAX_GOALS, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("coach-the-coach record")
        verbose_name_plural = _("coach-the-coach records")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["programme", "held_on"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.held_on}"


class ManagerCapacity(models.Model):
    """What the manager has for coaching (model 1), as recorded on a date; the newest counts."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="capacities")
    recorded_on = models.DateField(_("recorded on"))
    hours_available = models.DecimalField(
        _("hours a month available for coaching"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(200)],
    )
    recorded_by = models.ForeignKey(
        "organisations.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("manager capacity")
        verbose_name_plural = _("manager capacities")
        ordering = ["-recorded_on", "-pk"]

    def __str__(self) -> str:
        return f"Capacity {self.programme_id} {self.recorded_on}"


class DelegableTask(models.Model):
    """A named task of the manager that support staff could take over, with its hours."""

    capacity = models.ForeignKey(ManagerCapacity, on_delete=models.CASCADE, related_name="tasks")
    name = models.CharField(_("task"), max_length=MAX_NAME)
    hours_per_month = models.DecimalField(
        _("hours a month"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["-hours_per_month", "name"]

    def __str__(self) -> str:
        return self.name


class SuitabilityAssessment(models.Model):
    """One assessor's scores of a senior seller's suitability to coach (model 2), on the
    rubric in salescoach/programmes/rubric.py (each criterion 1-5)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="assessments")
    candidate = models.ForeignKey("organisations.Membership", on_delete=models.CASCADE, related_name="+")
    assessor = models.ForeignKey("organisations.Membership", on_delete=models.PROTECT, related_name="+")
    assessed_on = models.DateField(_("assessed on"))
    scores = models.JSONField(_("scores"), default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("suitability assessment")
        verbose_name_plural = _("suitability assessments")
        ordering = ["-assessed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "candidate", "assessor", "assessed_on"], name="assessment_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"Assessment {self.candidate_id} by {self.assessor_id}"


class IncentiveTerms(models.Model):
    """What a senior seller gets for coaching (model 2): a lower target per coachee, and
    a share of their bonus that depends on the coachees' improvement. The calculation is
    in salescoach/programmes/incentives.py; docs/PROGRAMMES.md has a worked example."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="incentives")
    coach = models.ForeignKey("organisations.Membership", on_delete=models.CASCADE, related_name="+")
    target_reduction_pct_per_coachee = models.DecimalField(
        _("target reduction per coachee (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    max_target_reduction_pct = models.DecimalField(
        _("largest target reduction (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("30"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    bonus_amount = models.DecimalField(
        _("bonus per period"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    bonus_share_pct = models.DecimalField(
        _("share of the bonus tied to the coachees' improvement (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    # Average improvement of the coachees' attainment (percentage points) that earns
    # the whole tied share; less earns it in proportion.
    full_payout_improvement_pts = models.DecimalField(
        _("improvement for the full share (percentage points)"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("10"),
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(100)],
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("incentive terms")
        verbose_name_plural = _("incentive terms")
        constraints = [
            models.UniqueConstraint(fields=["programme", "coach"], name="incentive_once_per_coach"),
            models.CheckConstraint(
                condition=models.Q(
                    target_reduction_pct_per_coachee__gte=0,
                    target_reduction_pct_per_coachee__lte=100,
                    bonus_share_pct__gte=0,
                    bonus_share_pct__lte=100,
                ),
                name="incentive_percentages_0_to_100",
            ),
        ]

    def __str__(self) -> str:
        return f"Incentive {self.coach_id}"


class ActivityKind(models.TextChoices):
    MEETING = "meeting", _("Team meeting")
    ACTIVITY = "activity", _("Team activity")


class TeamActivity(models.Model):
    """A team meeting or activity, and which of the programme's coaches took part
    (models 3 and 4: the coach is part of the team)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(
        _("kind"), max_length=10, choices=ActivityKind.choices, default=ActivityKind.MEETING
    )
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=MAX_NAME, blank=True)
    coaches_present = models.ManyToManyField(
        "organisations.Membership", related_name="+", blank=True, verbose_name=_("coaches present")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("team meeting or activity")
        verbose_name_plural = _("team meetings and activities")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["programme", "held_on"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.held_on}"


class AlignmentMeeting(models.Model):
    """Manager and coach met to align: one face to the team, one result to reach."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="alignments")
    coach = models.ForeignKey("organisations.Membership", on_delete=models.CASCADE, related_name="+")
    manager = models.ForeignKey("organisations.Membership", on_delete=models.CASCADE, related_name="+")
    held_on = models.DateField(_("date"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("alignment meeting")
        verbose_name_plural = _("alignment meetings")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["programme", "coach", "held_on"])]

    def __str__(self) -> str:
        return f"Alignment {self.coach_id} {self.held_on}"


class DigestPreference(models.Model):
    """Whether a member gets the weekly programme digest (on unless they turn it off)."""

    membership = models.OneToOneField(
        "organisations.Membership", on_delete=models.CASCADE, related_name="programme_digest"
    )
    weekly_digest = models.BooleanField(_("weekly digest of what needs attention"), default=True)
    last_sent_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Digest {self.membership_id}: {self.weekly_digest}"
