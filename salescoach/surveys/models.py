"""Anonymous pulse surveys.

Who took part (``SurveyInvitation.responded``) is stored apart from what was answered
(``SurveyResponse`` and ``SurveyAnswer``), and nothing links the two: a response has no
person, no time, a random key and no meaningful order -- and every new response makes
the service rewrite all of the run's responses in a random order in one transaction
(see ``services.response_submit``), so neither insertion order nor row versions single
out the newest one. Results are computed only for closed runs and shown only for
groups of at least the organisation's ``min_group_size`` (see ``selectors``).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from salescoach.organisations.models import Membership, Organisation, Team

LIKERT_MIN, LIKERT_MAX = 1, 5


class QuestionKind(models.TextChoices):
    LIKERT = "likert", _("Agree or disagree (1–5)")
    TEXT = "text", _("Open answer")


class SurveyTemplate(models.Model):
    """A set of questions. Built-in ones (no organisation) are written in English in the
    code and shown through the translations; an organisation's own are shown as written."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_templates",
        verbose_name=_("organisation"),
    )
    key = models.SlugField(_("key"), max_length=64, blank=True, default="")
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True, max_length=2000)
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
        verbose_name = _("survey template")
        verbose_name_plural = _("survey templates")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(organisation__isnull=True),
                name="builtin_template_key_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_builtin(self) -> bool:
        return self.organisation_id is None

    @property
    def display_name(self) -> str:
        return gettext(self.name) if self.is_builtin else self.name

    @property
    def display_description(self) -> str:
        if self.is_builtin and self.description:
            return gettext(self.description)
        return self.description


class SurveyQuestion(models.Model):
    template = models.ForeignKey(
        SurveyTemplate, on_delete=models.CASCADE, related_name="questions", verbose_name=_("template")
    )
    key = models.SlugField(_("key"), max_length=64, blank=True, default="")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(
        _("kind"), max_length=8, choices=QuestionKind.choices, default=QuestionKind.LIKERT
    )
    text = models.CharField(_("question"), max_length=300)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["template", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def display_text(self) -> str:
        return gettext(self.text) if self.template.is_builtin else self.text

    @property
    def is_likert(self) -> bool:
        return self.kind == QuestionKind.LIKERT


class SurveyRun(models.Model):
    """One round of a survey for one group, open between two dates."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="survey_runs", verbose_name=_("organisation")
    )
    template = models.ForeignKey(
        SurveyTemplate, on_delete=models.PROTECT, related_name="runs", verbose_name=_("template")
    )
    title = models.CharField(_("title"), max_length=150)
    # The group: a team, or (team empty) the explicit list of people invited.
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_runs",
        verbose_name=_("team"),
    )
    created_by = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    closed_early_at = models.DateTimeField(_("closed early"), null=True, blank=True)
    invited_count = models.PositiveIntegerField(_("people invited"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-closes_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="run_dates_in_order"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "closes_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.closed_early_at is not None or timezone.localdate() > self.closes_on

    @property
    def is_open(self) -> bool:
        return not self.is_closed and timezone.localdate() >= self.opens_on


class SurveyInvitation(models.Model):
    """That a person was invited, and whether they took part -- never what they answered,
    and not when (no time is stored)."""

    run = models.ForeignKey(
        SurveyRun, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("survey")
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="survey_invitations", verbose_name=_("member")
    )
    responded = models.BooleanField(_("took part"), default=False)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(fields=["run", "membership"], name="one_invitation_per_run_and_member"),
        ]

    def __str__(self) -> str:
        return f"Invitation {self.pk}"


class SurveyResponse(models.Model):
    """One anonymous response: no person, no time, a random key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    run = models.ForeignKey(
        SurveyRun, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey")
    )

    class Meta:
        verbose_name = _("anonymous response")
        verbose_name_plural = _("anonymous responses")
        ordering = ["id"]  # random: reveals nothing

    def __str__(self) -> str:
        return f"Response {self.pk}"


class SurveyAnswer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        SurveyQuestion, on_delete=models.PROTECT, related_name="+", verbose_name=_("question")
    )
    value = models.PositiveSmallIntegerField(_("answer (1–5)"), null=True, blank=True)
    text = models.TextField(_("answer"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("anonymous answer")
        verbose_name_plural = _("anonymous answers")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Answer {self.pk}"
