"""Changes to the results set-up: the funnel, CRM stage and owner names, currencies and
saved column mappings. (Deals and targets themselves come in through the imports.)"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, DecimalField, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Round
from django.utils import timezone
from django.utils.translation import gettext as _

from salescoach.organisations.models import Membership, Organisation
from salescoach.results import rules
from salescoach.results.cache import results_changed
from salescoach.results.formats import heading_signature
from salescoach.results.funnel import DEFAULT_STAGES, stage_key
from salescoach.results.models import (
    DEFAULT_CURRENCY,
    ColumnMapping,
    ExchangeRate,
    FunnelStage,
    Opportunity,
    OwnerAlias,
    ResultsSettings,
    StageAlias,
    StageKind,
)
from salescoach.results.owners import owner_key
from salescoach.results.parsing import CURRENCY_CODE
from salescoach.results.rollup import refresh_monthly_results


def _require_funnel_rights(actor: Membership) -> None:
    if not rules.can_configure_funnel(actor):
        raise PermissionDenied(_("Only a programme owner or a manager can change the funnel."))


def _require_import_rights(actor: Membership) -> None:
    if not rules.can_import_results(actor):
        raise PermissionDenied(_("Only a manager can import results."))


# --- settings and currencies ------------------------------------------------------------


def results_settings_get(*, organisation: Organisation) -> ResultsSettings:
    """The organisation's settings; the defaults (not saved) until someone changes them."""
    found = ResultsSettings.objects.filter(organisation=organisation).first()
    return found or ResultsSettings(organisation=organisation, currency=DEFAULT_CURRENCY)


def clean_currency(value: str, *, field: str = "currency") -> str:
    code = (value or "").strip().upper()
    if not CURRENCY_CODE.match(code):
        raise ValidationError({field: _("Enter a three-letter currency code such as EUR or USD.")})
    return code


@transaction.atomic
def results_currency_set(*, actor: Membership, currency: str) -> ResultsSettings:
    _require_funnel_rights(actor)
    code = clean_currency(currency)
    settings_row, _created = ResultsSettings.objects.get_or_create(organisation_id=actor.organisation_id)
    if settings_row.currency != code:
        settings_row.currency = code
        settings_row.updated_at = timezone.now()
        settings_row.save(update_fields=["currency", "updated_at"])
        _recompute_base_amounts(organisation_id=actor.organisation_id)
    return settings_row


@transaction.atomic
def exchange_rate_set(*, actor: Membership, currency: str, rate: Decimal) -> ExchangeRate:
    _require_funnel_rights(actor)
    code = clean_currency(currency)
    if rate is None or rate <= 0:
        raise ValidationError({"rate": _("A rate is a number above 0.")})
    base = results_settings_get(organisation=actor.organisation).currency
    if code == base:
        raise ValidationError({"currency": _("This is the reporting currency itself.")})
    found, _created = ExchangeRate.objects.update_or_create(
        organisation_id=actor.organisation_id,
        currency=code,
        defaults={"rate": rate, "updated_at": timezone.now()},
    )
    _recompute_base_amounts(organisation_id=actor.organisation_id, currency=code)
    return found


@transaction.atomic
def exchange_rate_delete(*, actor: Membership, rate: ExchangeRate) -> None:
    _require_funnel_rights(actor)
    code = rate.currency
    rate.delete()
    _recompute_base_amounts(organisation_id=actor.organisation_id, currency=code)


def _recompute_base_amounts(*, organisation_id: int, currency: str | None = None) -> None:
    """Amounts in the reporting currency, after the currency or a rate changed."""
    base = (
        ResultsSettings.objects.filter(organisation_id=organisation_id)
        .values_list("currency", flat=True)
        .first()
    )
    base = base or DEFAULT_CURRENCY
    rate = ExchangeRate.objects.filter(organisation_id=organisation_id, currency=OuterRef("currency")).values(
        "rate"
    )
    money: DecimalField[Decimal, Decimal] = DecimalField(max_digits=16, decimal_places=2)
    qs = Opportunity.objects.filter(organisation_id=organisation_id)
    if currency:
        qs = qs.filter(currency=currency)
    qs.update(
        amount_base=Case(
            When(amount__isnull=True, then=Value(None, output_field=money)),
            When(currency=base, then=F("amount")),
            default=Round(F("amount") * Subquery(rate), 2),
            output_field=money,
        )
    )
    refresh_monthly_results(organisation_id=organisation_id)


# --- the funnel -------------------------------------------------------------------------


@transaction.atomic
def funnel_ensure(*, organisation_id: int) -> list[FunnelStage]:
    """The organisation's funnel, set up with the default stages the first time."""
    stages = list(FunnelStage.objects.select_for_update().filter(organisation_id=organisation_id))
    if stages:
        return sorted(stages, key=lambda s: (s.position, s.pk))
    created = []
    for position, default in enumerate(DEFAULT_STAGES, start=1):
        stage = FunnelStage.objects.create(
            organisation_id=organisation_id,
            name=str(default.name),
            position=position,
            kind=default.kind,
            probability=default.probability,
        )
        created.append(stage)
        keys = {stage_key(stage.name)}
        for alias in default.aliases:
            key = stage_key(alias)
            if key in keys:
                continue
            keys.add(key)
            StageAlias.objects.get_or_create(
                organisation_id=organisation_id, key=key, defaults={"stage": stage, "name": alias}
            )
    return created


def _clean_stage(organisation_id: int, name: str, kind: str, probability: int, exclude: int | None) -> str:
    clean_name = " ".join((name or "").split())
    errors: dict[str, str] = {}
    if not clean_name:
        errors["name"] = _("Enter a name.")
    elif len(clean_name) > 100:
        errors["name"] = _("A name can be at most %(max)d characters.") % {"max": 100}
    else:
        clash = FunnelStage.objects.filter(organisation_id=organisation_id, name__iexact=clean_name)
        alias = StageAlias.objects.filter(organisation_id=organisation_id, key=stage_key(clean_name))
        if exclude:
            clash = clash.exclude(pk=exclude)
            alias = alias.exclude(stage_id=exclude)
        if clash.exists() or alias.exists():
            errors["name"] = _("The funnel already has a stage with this name.")
    if kind not in StageKind.values:
        errors["kind"] = _("Choose open, won or lost.")
    if probability is None or not 0 <= probability <= 100:
        errors["probability"] = _("A probability lies between 0 and 100.")
    if errors:
        raise ValidationError(errors)
    return clean_name


@transaction.atomic
def funnel_stage_create(*, actor: Membership, name: str, kind: str, probability: int) -> FunnelStage:
    _require_funnel_rights(actor)
    funnel_ensure(organisation_id=actor.organisation_id)
    clean_name = _clean_stage(actor.organisation_id, name, kind, probability, None)
    # New open stages go before the closed ones; closed stages at the end.
    stages = list(
        FunnelStage.objects.filter(organisation_id=actor.organisation_id).order_by("position", "pk")
    )
    if kind == StageKind.OPEN:
        position = max((s.position for s in stages if s.kind == StageKind.OPEN), default=0) + 1
        FunnelStage.objects.filter(organisation_id=actor.organisation_id, position__gte=position).update(
            position=F("position") + 1
        )
    else:
        position = max((s.position for s in stages), default=0) + 1
    results_changed(actor.organisation_id)  # the dashboards list the stages
    return FunnelStage.objects.create(
        organisation_id=actor.organisation_id,
        name=clean_name,
        kind=kind,
        probability=probability,
        position=position,
    )


@transaction.atomic
def funnel_stage_update(
    *, actor: Membership, stage: FunnelStage, name: str, kind: str, probability: int
) -> FunnelStage:
    _require_funnel_rights(actor)
    clean_name = _clean_stage(actor.organisation_id, name, kind, probability, stage.pk)
    kind_changed = stage.kind != kind
    stage.name, stage.kind, stage.probability = clean_name, kind, probability
    stage.save(update_fields=["name", "kind", "probability"])
    if kind_changed:
        # Deals in this stage are now open, won or lost accordingly.
        Opportunity.objects.filter(organisation_id=actor.organisation_id, stage=stage).update(status=kind)
        refresh_monthly_results(organisation_id=actor.organisation_id)
    results_changed(actor.organisation_id)  # names and probabilities are in the dashboards
    return stage


@transaction.atomic
def funnel_stage_move(*, actor: Membership, stage: FunnelStage, up: bool) -> None:
    _require_funnel_rights(actor)
    stages = list(
        FunnelStage.objects.select_for_update()
        .filter(organisation_id=actor.organisation_id)
        .order_by("position", "pk")
    )
    index = next(i for i, s in enumerate(stages) if s.pk == stage.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(stages):
        return
    stages[index], stages[other] = stages[other], stages[index]
    for position, item in enumerate(stages, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    results_changed(actor.organisation_id)


@transaction.atomic
def funnel_stage_delete(*, actor: Membership, stage: FunnelStage) -> None:
    _require_funnel_rights(actor)
    if Opportunity.objects.filter(organisation_id=actor.organisation_id, stage=stage).exists():
        raise ValidationError(
            _("Deals are in this stage. Map its CRM names to another stage and import again first.")
        )
    stage.delete()
    results_changed(actor.organisation_id)


@transaction.atomic
def stage_alias_create(*, actor: Membership, stage: FunnelStage, name: str) -> StageAlias:
    _require_funnel_rights(actor)
    clean_name = (name or "").strip()
    if not clean_name:
        raise ValidationError({"name": _("Enter the stage name as your CRM writes it.")})
    if len(clean_name) > 255:
        raise ValidationError({"name": _("A name can be at most %(max)d characters.") % {"max": 255}})
    key = stage_key(clean_name)
    if (
        StageAlias.objects.filter(organisation_id=actor.organisation_id, key=key).exists()
        or FunnelStage.objects.filter(organisation_id=actor.organisation_id, name__iexact=clean_name)
        .exclude(pk=stage.pk)
        .exists()
    ):
        raise ValidationError({"name": _("“%(name)s” is already mapped to a stage.") % {"name": clean_name}})
    return StageAlias.objects.create(
        organisation_id=actor.organisation_id, stage=stage, name=clean_name, key=key
    )


@transaction.atomic
def stage_alias_delete(*, actor: Membership, alias: StageAlias) -> None:
    _require_funnel_rights(actor)
    alias.delete()


@transaction.atomic
def stage_aliases_resolve(*, actor: Membership, choices: Sequence[tuple[str, FunnelStage]]) -> int:
    """Map CRM stage names found in a file to stages (the import's follow-up step)."""
    _require_funnel_rights(actor)
    funnel_ensure(organisation_id=actor.organisation_id)
    saved = 0
    for name, stage in choices:
        if stage.organisation_id != actor.organisation_id:
            raise PermissionDenied
        key = stage_key(name)
        StageAlias.objects.update_or_create(
            organisation_id=actor.organisation_id,
            key=key,
            defaults={"stage": stage, "name": name.strip()[:255]},
        )
        saved += 1
    return saved


# --- owners and column mappings -------------------------------------------------------------


@transaction.atomic
def owner_aliases_resolve(*, actor: Membership, choices: Sequence[tuple[str, Membership]]) -> int:
    """Remember which member a CRM owner is (the import's follow-up step)."""
    _require_import_rights(actor)
    saved = 0
    for label, member in choices:
        if member.organisation_id != actor.organisation_id:
            raise PermissionDenied
        OwnerAlias.objects.update_or_create(
            organisation_id=actor.organisation_id,
            key=owner_key(label),
            defaults={"member": member, "label": label.strip()[:255]},
        )
        saved += 1
    return saved


@transaction.atomic
def column_mapping_save(
    *, actor: Membership, kind: str, headers: Sequence[str], mapping: dict[str, str], required: set[str]
) -> ColumnMapping:
    """Save which heading holds which field, for files with exactly these headings."""
    _require_import_rights(actor)
    chosen = {name: heading for name, heading in mapping.items() if heading}
    errors = {}
    for name in sorted(required - chosen.keys()):
        errors[name] = _("Choose the column that holds this.")
    seen: dict[str, str] = {}
    for name, heading in chosen.items():
        if heading not in headers:
            errors[name] = _("This column is not in the file.")
        elif heading in seen:
            errors[name] = _("This column is already chosen for another field.")
        seen.setdefault(heading, name)
    if errors:
        raise ValidationError(errors)
    found, _created = ColumnMapping.objects.update_or_create(
        organisation_id=actor.organisation_id,
        kind=kind,
        signature=heading_signature(headers),
        defaults={
            "headings": list(headers),
            "mapping": chosen,
            "created_by": actor,
            "updated_at": timezone.now(),
        },
    )
    return found


@transaction.atomic
def column_mapping_delete(*, actor: Membership, mapping: ColumnMapping) -> None:
    _require_import_rights(actor)
    mapping.delete()


def remembered_mapping(*, organisation_id: int, kind: str, headers: Sequence[str]) -> dict[str, str] | None:
    found = (
        ColumnMapping.objects.filter(
            organisation_id=organisation_id, kind=kind, signature=heading_signature(headers)
        )
        .values_list("mapping", flat=True)
        .first()
    )
    return dict(found) if found else None
