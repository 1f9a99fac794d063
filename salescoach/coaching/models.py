"""The coaching workspace: who coaches whom, what the three parties agreed, the sessions,
and what the seller works on between them.

Every piece of content (note, plan item, commitment, observation) carries a
``visibility``; who may read or change it is decided in salescoach/privacy/policy.py,
never here.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from salescoach.privacy.visibility import Visibility

# Size limits for free text, shared by forms, services and the API.
MAX_NOTE = 10_000
MAX_TEXT = 2_000
MAX_SHORT = 1_000
MAX_QUESTION = 300
MAX_AGENDA = 4_000
MAX_PLACE = 200
MAX_URL = 500


class CoachKind(models.TextChoices):
    MANAGER = "manager", _("Manager")
    SENIOR_SELLER = "senior_seller", _("Senior seller (peer coach)")
    INTERNAL_COACH = "internal_coach", _("Internal coach")
    EXTERNAL_COACH = "external_coach", _("External coach")


class RelationshipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


class Reporting(models.TextChoices):
    """What the coach reports to the manager (product rule 1)."""

    SESSIONS = "sessions", _("Only that sessions take place, with their dates")
    NOTHING = "nothing", _("Nothing")


class Cadence(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    BIWEEKLY = "biweekly", _("Every two weeks")
    THREE_WEEKLY = "three_weekly", _("Every three weeks")
    MONTHLY = "monthly", _("Every month")


class CoachingRelationship(models.Model):
    """A coach coaches a coachee in the same organisation.

    A coachee may have several coaches (their manager and an external coach, say);
    content is always scoped to one relationship, so one coach never sees what the
    seller works on with another.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="coaching_relationships",
        verbose_name=_("organisation"),
    )
    coach = models.ForeignKey(
        "organisations.Membership",
        on_delete=models.PROTECT,
        related_name="coaching_as_coach",
        verbose_name=_("coach"),
    )
    coachee = models.ForeignKey(
        "organisations.Membership",
        on_delete=models.PROTECT,
        related_name="coaching_as_coachee",
        verbose_name=_("coachee"),
    )
    # The coachee's team when the relationship began; a programme link (issue 6)
    # will sit next to it as a nullable foreign key.
    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coaching_relationships",
        verbose_name=_("team"),
    )
    coach_kind = models.CharField(_("kind of coach"), max_length=20, choices=CoachKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=RelationshipStatus.choices, default=RelationshipStatus.ACTIVE
    )
    started_on = models.DateField(_("start"))
    ended_on = models.DateField(_("end"), null=True, blank=True)
    # What the latest fully confirmed triad agreement says the coach reports; until
    # one is confirmed, the product default (only that sessions take place).
    reporting = models.CharField(
        _("reported to the manager"), max_length=12, choices=Reporting.choices, default=Reporting.SESSIONS
    )
    created_by = models.ForeignKey(
        "organisations.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("coaching relationship")
        verbose_name_plural = _("coaching relationships")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(coach=models.F("coachee")), name="coach_is_not_coachee"
            ),
            models.UniqueConstraint(
                fields=["coach", "coachee"],
                condition=~models.Q(status="ended"),
                name="one_open_relationship_per_pair",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"Coaching {self.pk}: {self.coach_id} -> {self.coachee_id}"

    @property
    def is_open(self) -> bool:
        return self.status != RelationshipStatus.ENDED


class TriadAgreement(models.Model):
    """One version of what seller, manager and coach agreed. Never changed once made:
    a change is a new version that all parties confirm again."""

    relationship = models.ForeignKey(
        CoachingRelationship, on_delete=models.CASCADE, related_name="agreements"
    )
    version = models.PositiveIntegerField(_("version"))
    result_to_reach = models.TextField(_("result to reach"), max_length=MAX_TEXT)
    manager_role = models.TextField(_("what the manager handles"), max_length=MAX_TEXT)
    coach_role = models.TextField(_("what the coach handles"), max_length=MAX_TEXT)
    reporting = models.CharField(
        _("what the coach reports to the manager"),
        max_length=12,
        choices=Reporting.choices,
        default=Reporting.SESSIONS,
    )
    cadence = models.CharField(_("cadence"), max_length=16, choices=Cadence.choices, default=Cadence.BIWEEKLY)
    review_on = models.DateField(_("review date"))
    # The three parties of this version (the manager may be the coach, or absent).
    seller = models.ForeignKey("organisations.Membership", on_delete=models.PROTECT, related_name="+")
    coach = models.ForeignKey("organisations.Membership", on_delete=models.PROTECT, related_name="+")
    manager = models.ForeignKey(
        "organisations.Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey("organisations.Membership", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)  # when the last party confirmed

    class Meta:
        verbose_name = _("triad agreement")
        verbose_name_plural = _("triad agreements")
        ordering = ["relationship", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["relationship", "version"], name="agreement_version_unique"),
        ]

    def __str__(self) -> str:
        return f"Agreement {self.relationship_id} v{self.version}"

    def party_ids(self) -> set[int]:
        ids = {self.seller_id, self.coach_id}
        if self.manager_id is not None:
            ids.add(self.manager_id)
        return ids


class AgreementConfirmation(models.Model):
    agreement = models.ForeignKey(TriadAgreement, on_delete=models.CASCADE, related_name="confirmations")
    member = models.ForeignKey("organisations.Membership", on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "member"], name="confirm_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} confirmed {self.agreement_id}"


class SessionKind(models.TextChoices):
    ONE_TO_ONE = "one_to_one", _("One-to-one")
    RIDE_ALONG = "ride_along", _("Ride-along")
    TRIAD = "triad", _("Triad (with the manager)")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    NO_SHOW = "no_show", _("No-show")


class CoachingSession(models.Model):
    relationship = models.ForeignKey(CoachingRelationship, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(
        _("kind"), max_length=16, choices=SessionKind.choices, default=SessionKind.ONE_TO_ONE
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=MAX_PLACE, blank=True)
    video_url = models.URLField(_("video link"), max_length=MAX_URL, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    status_reason = models.TextField(_("reason"), max_length=MAX_SHORT, blank=True)
    status_changed_by = models.ForeignKey(
        "organisations.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # The manager who joins a triad session.
    manager = models.ForeignKey(
        "organisations.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    framework = models.CharField(_("conversation framework"), max_length=32, default="grow")
    agenda = models.TextField(_("agenda"), max_length=MAX_AGENDA, blank=True)
    outcomes = models.TextField(_("outcomes"), max_length=MAX_NOTE, blank=True)
    reminder_minutes = models.PositiveIntegerField(_("reminder"), null=True, blank=True)
    remind_at = models.DateTimeField(null=True, blank=True)  # starts_at minus reminder_minutes
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # Calendar identity: the UID stays, the sequence goes up with every change.
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        "organisations.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["relationship", "starts_at"]),
            models.Index(fields=["status", "reminder_sent_at", "remind_at"]),
        ]

    def __str__(self) -> str:
        return f"Session {self.pk}"

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def is_scheduled(self) -> bool:
        return self.status == SessionStatus.SCHEDULED

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def took_place(self) -> bool:
        return self.is_scheduled and self.has_started

    @property
    def is_upcoming(self) -> bool:
        return self.is_scheduled and not self.has_started


class SessionEventKind(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RESCHEDULED = "rescheduled", _("Rescheduled")
    CHANGED = "changed", _("Details changed")
    CANCELLED = "cancelled", _("Cancelled")
    NO_SHOW = "no_show", _("Marked as no-show")
    AGENDA = "agenda", _("Agenda set")
    PREPARED = "prepared", _("Prepared")


class SessionEvent(models.Model):
    """The history of a session: what happened to it, by whom, when."""

    session = models.ForeignKey(CoachingSession, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=SessionEventKind.choices)
    actor = models.ForeignKey(
        "organisations.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    # Old and new times of a reschedule, the reason of a cancellation.
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.session_id}"


class PreparedQuestion(models.Model):
    """A question the coach means to ask in a session, picked from the bank or their own."""

    session = models.ForeignKey(CoachingSession, on_delete=models.CASCADE, related_name="prepared_questions")
    stage = models.CharField(max_length=32)
    text = models.CharField(max_length=MAX_QUESTION)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "stage", "text"], name="prepared_question_once"),
        ]

    def __str__(self) -> str:
        return self.text


class CustomQuestion(models.Model):
    """A question a coach added to a framework stage of their own bank."""

    owner = models.ForeignKey(
        "organisations.Membership", on_delete=models.CASCADE, related_name="custom_questions"
    )
    framework = models.CharField(max_length=32)
    stage = models.CharField(max_length=32)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    text = models.CharField(_("question"), max_length=MAX_QUESTION)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["framework", "stage", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "framework", "stage", "language", "text"], name="custom_question_once"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class SessionRating(models.Model):
    """The seller's verdict on a session: useful or not, and why."""

    session = models.OneToOneField(CoachingSession, on_delete=models.CASCADE, related_name="rating")
    useful = models.BooleanField(_("useful"))
    comment = models.TextField(_("comment"), max_length=MAX_TEXT, blank=True)
    rated_by = models.ForeignKey("organisations.Membership", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("session rating")
        verbose_name_plural = _("session ratings")

    def __str__(self) -> str:
        return f"Rating {self.session_id}"


class SharedContent(models.Model):
    """Fields of every item that has a visibility and can be shared with the manager."""

    visibility = models.CharField(
        _("visible to"), max_length=24, choices=Visibility.choices, default=Visibility.COACH_AND_SELLER
    )
    # Where the item returns to when the seller stops sharing it.
    unshared_visibility = models.CharField(
        max_length=24, choices=Visibility.choices, default=Visibility.COACH_AND_SELLER
    )
    shared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class Note(SharedContent):
    relationship = models.ForeignKey(CoachingRelationship, on_delete=models.CASCADE, related_name="notes")
    session = models.ForeignKey(
        CoachingSession, on_delete=models.CASCADE, null=True, blank=True, related_name="notes"
    )
    # A note can be a comment on a plan item or a commitment.
    plan_item = models.ForeignKey(
        "PlanItem", on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    commitment = models.ForeignKey(
        "Commitment", on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    author = models.ForeignKey("organisations.Membership", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"), max_length=MAX_NOTE)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["relationship", "visibility"])]

    def __str__(self) -> str:
        return f"Note {self.pk}"


class PlanLayer(models.TextChoices):
    """The chain of the mission, in order: each layer can lead to the next."""

    PITFALL = "pitfall", _("Pitfall")
    OPPORTUNITY = "opportunity", _("Development opportunity")
    CHOICE = "choice", _("Choice")
    BELIEF = "belief", _("Belief")
    BEHAVIOUR = "behaviour", _("Behaviour")
    RESULT = "result", _("Result")


LAYER_ORDER = [layer.value for layer in PlanLayer]
LAYER_HEADINGS: dict[str, Any] = {
    PlanLayer.PITFALL: _("Pitfalls"),
    PlanLayer.OPPORTUNITY: _("Development opportunities"),
    PlanLayer.CHOICE: _("Choices"),
    PlanLayer.BELIEF: _("Beliefs"),
    PlanLayer.BEHAVIOUR: _("Behaviour"),
    PlanLayer.RESULT: _("Results"),
}


class PlanItemStatus(models.TextChoices):
    ACTIVE = "active", _("Working on it")
    ACHIEVED = "achieved", _("Achieved")
    LET_GO = "let_go", _("Let go")


class PlanItem(SharedContent):
    """One link of the seller's development plan, written or accepted by the seller."""

    relationship = models.ForeignKey(
        CoachingRelationship, on_delete=models.CASCADE, related_name="plan_items"
    )
    layer = models.CharField(_("part of the chain"), max_length=16, choices=PlanLayer.choices)
    text = models.TextField(_("text"), max_length=MAX_SHORT)
    follows_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leads_to",
        verbose_name=_("follows from"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PlanItemStatus.choices, default=PlanItemStatus.ACTIVE
    )
    created_by = models.ForeignKey("organisations.Membership", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Plan item {self.pk}"

    @property
    def layer_index(self) -> int:
        return LAYER_ORDER.index(self.layer)


class PlanItemRevision(models.Model):
    """The state of a plan item after each change: its history stays."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="revisions")
    changed_by = models.ForeignKey("organisations.Membership", on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)
    change = models.CharField(max_length=16)
    layer = models.CharField(max_length=16, choices=PlanLayer.choices)
    text = models.TextField(max_length=MAX_SHORT)
    status = models.CharField(max_length=12, choices=PlanItemStatus.choices)
    visibility = models.CharField(max_length=24, choices=Visibility.choices)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"Revision {self.pk} of {self.item_id}"


class CommitmentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    PARTLY = "partly", _("Partly done")
    NOT_DONE = "not_done", _("Not done")


class Commitment(SharedContent):
    """What the seller chose to do before a date; reviewed in the next session."""

    relationship = models.ForeignKey(
        CoachingRelationship, on_delete=models.CASCADE, related_name="commitments"
    )
    session = models.ForeignKey(
        CoachingSession, on_delete=models.SET_NULL, null=True, blank=True, related_name="commitments_made"
    )
    text = models.TextField(_("commitment"), max_length=MAX_SHORT)
    due_on = models.DateField(_("due date"))
    created_by = models.ForeignKey("organisations.Membership", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        _("status"), max_length=12, choices=CommitmentStatus.choices, default=CommitmentStatus.OPEN
    )
    reflection = models.TextField(_("reflection"), max_length=MAX_TEXT, blank=True)
    reviewed_in = models.ForeignKey(
        CoachingSession, on_delete=models.SET_NULL, null=True, blank=True, related_name="commitments_reviewed"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["relationship", "status", "due_on"])]

    def __str__(self) -> str:
        return f"Commitment {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == CommitmentStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()


class ProposalKind(models.TextChoices):
    PLAN_ITEM = "plan_item", _("Plan item")
    COMMITMENT = "commitment", _("Commitment")


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the seller")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Proposal(models.Model):
    """Something the coach puts on the table; it is the seller's only when they accept it."""

    relationship = models.ForeignKey(CoachingRelationship, on_delete=models.CASCADE, related_name="proposals")
    session = models.ForeignKey(
        CoachingSession, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ProposalKind.choices)
    text = models.TextField(_("proposal"), max_length=MAX_SHORT)
    rationale = models.TextField(_("why the coach proposes it"), max_length=MAX_TEXT, blank=True)
    layer = models.CharField(_("part of the chain"), max_length=16, choices=PlanLayer.choices, blank=True)
    follows_from = models.ForeignKey(
        PlanItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    proposed_by = models.ForeignKey("organisations.Membership", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.OPEN)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(_("comment"), max_length=MAX_TEXT, blank=True)
    plan_item = models.OneToOneField(
        PlanItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposal"
    )
    commitment = models.OneToOneField(
        Commitment, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposal"
    )

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Proposal {self.pk}"


class Observation(SharedContent):
    """A ride-along: the seller's self-assessment first, then the coach's observation on
    the rubric, then the seller's reply and acknowledgement."""

    session = models.OneToOneField(CoachingSession, on_delete=models.CASCADE, related_name="observation")
    appointment = models.CharField(_("client appointment"), max_length=MAX_PLACE, blank=True)
    # The rubric as it was when the ride-along began, so later changes keep history readable.
    rubric = models.JSONField(default=list)
    self_assessed_at = models.DateTimeField(null=True, blank=True)
    observed_at = models.DateTimeField(null=True, blank=True)
    seller_reply = models.TextField(_("your reply"), max_length=MAX_TEXT, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ride-along observation")
        verbose_name_plural = _("ride-along observations")

    def __str__(self) -> str:
        return f"Observation {self.pk}"


class Perspective(models.TextChoices):
    SELF = "self", _("Self-assessment")
    COACH = "coach", _("Coach")


class ObservationEntry(models.Model):
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="entries")
    area = models.CharField(max_length=32)
    perspective = models.CharField(max_length=8, choices=Perspective.choices)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(max_length=MAX_TEXT, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["observation", "area", "perspective"], name="entry_once"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="entry_score_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} ({self.perspective})"


class CalendarFeed(models.Model):
    """A personal, secret iCalendar address. Only a hash of the secret is stored; a new
    address replaces the old one, which stops working at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        indexes = [models.Index(fields=["user", "revoked_at"])]

    def __str__(self) -> str:
        return f"Calendar feed {self.prefix}…"
