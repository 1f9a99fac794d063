"""Results: what sellers are asked to reach (targets) and what they have in hand
(opportunities, their stages and history), imported from CRM exports.

The organisation's funnel turns the CRM's stage names into ordered stages with a
default probability, so that pipeline, weighted forecast and win rate mean the same
thing whichever CRM the figures came from.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_CURRENCY = "EUR"


class ResultsSettings(models.Model):
    """Per organisation: the currency the dashboards report in."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="results_settings"
    )
    currency = models.CharField(_("reporting currency"), max_length=3, default=DEFAULT_CURRENCY)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("results settings")
        verbose_name_plural = _("results settings")

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.currency}"


class ExchangeRate(models.Model):
    """How many units of the reporting currency one unit of ``currency`` is worth.

    Deals in a currency without a rate keep their own amount but are left out of the
    totals (the dashboards say how many).
    """

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="exchange_rates"
    )
    currency = models.CharField(_("currency"), max_length=3)
    rate = models.DecimalField(_("rate"), max_digits=18, decimal_places=8, validators=[MinValueValidator(0)])
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "currency"], name="one_rate_per_currency"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.rate}"


class StageKind(models.TextChoices):
    OPEN = "open", _("Open")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")


class FunnelStage(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="funnel_stages"
    )
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=8, choices=StageKind.choices, default=StageKind.OPEN)
    probability = models.PositiveSmallIntegerField(
        _("default probability (%)"), default=0, validators=[MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("funnel stage")
        verbose_name_plural = _("funnel stages")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="stage_name_unique_in_org"),
        ]

    def __str__(self) -> str:
        return self.name


class StageAlias(models.Model):
    """A stage name as a CRM writes it, mapped to a stage of the funnel."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="stage_aliases"
    )
    stage = models.ForeignKey(FunnelStage, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name in the CRM"), max_length=255)
    key = models.CharField(max_length=255)  # normalised name, for matching

    class Meta:
        verbose_name = _("CRM stage name")
        verbose_name_plural = _("CRM stage names")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="stage_alias_unique_in_org"),
        ]

    def __str__(self) -> str:
        return self.name


class OwnerAlias(models.Model):
    """An owner as a CRM writes them (a name, e-mail or user id) that the importer could
    not match by itself, resolved to a member by someone who imported a file."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="owner_aliases"
    )
    key = models.CharField(max_length=255)  # normalised, for matching
    label = models.CharField(_("owner in the CRM"), max_length=255)
    member = models.ForeignKey(
        "organisations.Membership", on_delete=models.CASCADE, related_name="owner_aliases"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("CRM owner")
        verbose_name_plural = _("CRM owners")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="owner_alias_unique_in_org"),
        ]

    def __str__(self) -> str:
        return self.label


class ColumnMapping(models.Model):
    """Which column of an unrecognised file holds which field, saved so that the next
    file with the same headings imports without asking again."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="column_mappings"
    )
    kind = models.CharField(max_length=40)
    signature = models.CharField(max_length=64)  # hash of the file's normalised headings
    headings = models.JSONField(default=list)  # the headings as written, for display
    mapping = models.JSONField(default=dict)  # field -> heading as written
    created_by = models.ForeignKey(
        "organisations.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "signature"], name="one_mapping_per_heading_set"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} mapping {self.pk}"


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")


class Target(models.Model):
    """What a person is asked to reach in a month or a quarter: an amount, a number of
    won deals, or both."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="targets"
    )
    member = models.ForeignKey("organisations.Membership", on_delete=models.CASCADE, related_name="targets")
    period_kind = models.CharField(_("period"), max_length=8, choices=PeriodKind.choices)
    period_start = models.DateField(_("first day of the period"))
    amount = models.DecimalField(_("target amount"), max_digits=16, decimal_places=2, null=True, blank=True)
    count = models.PositiveIntegerField(_("target number of won deals"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default=DEFAULT_CURRENCY)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "period_kind", "period_start"], name="one_target_per_person_period"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "period_start"])]

    def __str__(self) -> str:
        return f"{self.member_id} {self.period_kind} {self.period_start}"


class Opportunity(models.Model):
    """A deal as the CRM last exported it. ``crm_id`` is the CRM's own id: a newer
    export of the same deal updates this row."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="opportunities",
        db_index=False,  # the unique (organisation, crm_id) index serves it
    )
    crm_id = models.CharField(_("CRM id"), max_length=64)
    name = models.CharField(_("name"), max_length=255)
    account_name = models.CharField(_("account"), max_length=255, blank=True)
    owner = models.ForeignKey(
        "organisations.Membership",
        on_delete=models.CASCADE,
        related_name="opportunities",
        verbose_name=_("owner"),
        db_index=False,  # the (owner, close_date) index serves it
    )
    stage = models.ForeignKey(
        FunnelStage,
        on_delete=models.PROTECT,
        related_name="opportunities",
        # Filters on the stage go with the organisation and the period, which the
        # (organisation, close_date) index serves with the stage included; an index of its
        # own would only slow every import down.
        db_index=False,
    )
    crm_stage = models.CharField(_("stage in the CRM"), max_length=255)
    # The stage's kind, kept here so that every dashboard can filter on it cheaply.
    status = models.CharField(_("status"), max_length=8, choices=StageKind.choices)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default=DEFAULT_CURRENCY)
    # The amount in the organisation's reporting currency; empty when no rate is known.
    amount_base = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    probability = models.PositiveSmallIntegerField(
        _("probability (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    created_date = models.DateField(_("created"), null=True, blank=True)
    close_date = models.DateField(_("close date"))
    # Days from created to close date, for the sales-cycle length.
    cycle_days = models.IntegerField(null=True, blank=True)
    lost_reason = models.CharField(_("lost reason"), max_length=255, blank=True)
    imported_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "crm_id"], name="one_opportunity_per_crm_id"),
        ]
        # Every dashboard and deal list filters on the close date (the period) and on the
        # owner (a person, a team) or the organisation; status and stage filter within
        # those. On PostgreSQL the organisation's index carries the columns the dashboards
        # add up, so that even the organisation's dashboard over a quarter's hundreds of
        # thousands of deals reads the index only (SQLite ignores the included columns). A
        # team's or a person's quarter is a few hundred deals: the plain index will do, and
        # keeps imports faster.
        indexes = [
            models.Index(fields=["owner", "close_date"], name="results_opp_owner_close"),
            models.Index(
                fields=["organisation", "close_date"],
                include=["owner", "status", "stage", "amount_base", "amount", "probability", "cycle_days"],
                name="results_opp_org_close",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def effective_probability(self) -> int:
        return self.probability if self.probability is not None else self.stage.probability


class StageChangeSource(models.TextChoices):
    EXPORT = "export", _("From the export")
    OBSERVED = "observed", _("Seen between two imports")


class StageChange(models.Model):
    """A deal entered a stage on a day: from the export's own history where it has one,
    or seen when a newer export shows another stage."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.ForeignKey(FunnelStage, on_delete=models.CASCADE, related_name="+")
    crm_stage = models.CharField(max_length=255)
    entered_on = models.DateField(_("entered on"))
    source = models.CharField(
        max_length=10, choices=StageChangeSource.choices, default=StageChangeSource.EXPORT
    )

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["entered_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "stage", "entered_on"], name="one_stage_entry_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opportunity_id} {self.crm_stage} {self.entered_on}"


class MonthlyResult(models.Model):
    """Each seller's deals added up per month of their close date: the summary that the
    insights figures read instead of every deal (a few rows per seller and month rather
    than thousands of deals). Derived data: ``salescoach.results.rollup`` rebuilds a
    seller's rows whenever their deals change, in the same transaction.

    ``month`` is ``year * 12 + month - 1``. Amounts are in the reporting currency (deals
    without an exchange rate are left out of them, as on the dashboards).
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # the unique (organisation, member, month) index serves it
    )
    member = models.ForeignKey(
        "organisations.Membership", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    month = models.IntegerField()
    won_amount = models.FloatField(default=0.0)
    won = models.IntegerField(default=0)
    lost = models.IntegerField(default=0)
    won_cycle_days = models.BigIntegerField(default=0)  # summed over won deals with a cycle length
    won_with_cycle = models.IntegerField(default=0)  # how many won deals have one
    open_amount = models.FloatField(default=0.0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "member", "month"], name="one_result_per_month"),
        ]
        indexes = [models.Index(fields=["member", "month"], name="results_monthly_member")]

    def __str__(self) -> str:
        return f"{self.member_id} {self.month}"
