"""Importing deals and targets from CRM exports and SalesCoach's own templates.

All or nothing: every row is checked first and every problem reported by row and
column; only a file without problems is written, in one transaction. A dry run checks
and counts exactly as the real run does, and writes nothing. Re-importing the same file
changes nothing; a newer export of the same deals updates them by their CRM id.

Deals stream through in one pass: a short look-ahead learns the file's way of writing
numbers and dates, then every row is checked and staged (see ``staging``), and SQL
finds duplicates, counts and merges. Memory stays flat however long the file is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from itertools import chain
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from salescoach.imports.results import ImportResult
from salescoach.imports.tabular import Table, TableError, open_table
from salescoach.organisations.models import Membership
from salescoach.results import rules
from salescoach.results.cache import results_changed
from salescoach.results.formats import (
    FORMAT_NAMES,
    MAPPED,
    OPPORTUNITY_FIELDS,
    OPPORTUNITY_LAYOUTS,
    OPPORTUNITY_REQUIRED,
    SALESFORCE_REPORT,
    TARGET_FIELDS,
    TARGET_LAYOUT,
    TARGET_REQUIRED,
    Detected,
    Layout,
    detect,
)
from salescoach.results.funnel import StageLookup
from salescoach.results.models import ExchangeRate, Target
from salescoach.results.owners import OwnerMatcher
from salescoach.results.parsing import (
    DateReader,
    NumberReader,
    ValueProblem,
    is_formula,
    parse_amount,
    parse_count,
    parse_currency,
    parse_percentage,
    parse_plain_amount,
    text_of,
)
from salescoach.results.periods import parse_period
from salescoach.results.staging import Staging

LOOKAHEAD = 500  # rows read ahead to learn how the file writes numbers and dates
PROGRESS_EVERY = 10_000
MAX_ERRORS = 1000  # listed; the rest are counted

OPPORTUNITIES = "opportunities"
TARGETS = "targets"

Progress = Callable[[int], None] | None


class ErrorList:
    def __init__(self, result: ImportResult) -> None:
        self.result = result
        self.more = 0
        self.total = 0

    def add(self, row: int, column: str, message: str) -> None:
        self.total += 1
        if len(self.result.errors) < MAX_ERRORS:
            self.result.error(row, column, message)
        else:
            self.more += 1

    @property
    def found(self) -> bool:
        return bool(self.result.errors)

    def failed(self) -> ImportResult:
        if self.more:
            self.result.error(
                0,
                "",
                ngettext(
                    "There is %(count)d more problem that is not listed here. Correct the ones listed and check the file again.",
                    "There are %(count)d more problems that are not listed here. Correct the ones listed and check the file again.",
                    self.more,
                )
                % {"count": self.more},
            )
        return self.result.failed()


def _default_decimal(table: Table) -> str | None:
    # A semicolon-separated file comes from a Dutch (or other continental) Excel or CRM,
    # where the comma is the decimal separator; a comma-separated one from an English one.
    return {";": ",", ",": "."}.get(table.delimiter)


def _text(value: Any) -> str:
    if value.__class__ is str:
        return value.strip()
    return text_of(value)


def _field_labels() -> dict[str, str]:
    return {name: str(label) for name, label in OPPORTUNITY_FIELDS}


def _report_columns(detected: Detected, errors: ErrorList, labels: dict[str, str], what: str) -> None:
    for heading in detected.duplicate:
        errors.add(1, heading, _("This column appears more than once."))
    layout = detected.layout
    if len(detected.index) <= 1 and layout.name != MAPPED:
        errors.add(
            1,
            "",
            _(
                "The columns were not recognised as a Salesforce or HubSpot export or the SalesCoach "
                "template. Match the columns to the %(what)s fields in the next step; the match is saved "
                "for files with the same columns."
            )
            % {"what": what},
        )
        return
    for name in detected.missing:
        expected = layout.headings.get(name, (labels[name],))[0] if layout.name != MAPPED else labels[name]
        message = _("The column “%(name)s” is missing.") % {"name": expected}
        if layout.name == SALESFORCE_REPORT and name == "crm_id":
            message += " " + _("Add the field Opportunity ID to the report and export it again.")
        elif layout.name != MAPPED:
            message += " " + (
                _(
                    "(The file looks like a %(format)s.) Add the column, or match the columns in the next step."
                )
                % {"format": FORMAT_NAMES[layout.name]}
            )
        errors.add(1, expected, message)


def _saved_mapping(organisation_id: int, kind: str, headers: list[str]) -> dict[str, str] | None:
    from salescoach.results.services import remembered_mapping

    return remembered_mapping(organisation_id=organisation_id, kind=kind, headers=headers)


def _rows_with_lookahead(
    rows: Iterator[tuple[int, list[Any]]], learn: Callable[[list[Any]], None]
) -> Iterator[tuple[int, list[Any]]]:
    ahead = []
    for item in rows:
        ahead.append(item)
        if len(ahead) >= LOOKAHEAD:
            break
    for _number, cells in ahead:
        learn(cells)
    return chain(ahead, rows)


# --- opportunities ---------------------------------------------------------------------------


def import_opportunities(
    *,
    actor: Membership,
    upload: IO[bytes],
    dry_run: bool,
    progress: Progress = None,
) -> ImportResult:
    if not rules.can_import_results(actor):
        raise PermissionDenied
    return _OpportunityImport(actor, dry_run, progress).run(upload)


class _OpportunityImport:
    def __init__(self, actor: Membership, dry_run: bool, progress: Progress) -> None:
        self.actor = actor
        self.organisation_id = actor.organisation_id
        self.dry_run = dry_run
        self.progress = progress
        self.result = ImportResult()
        self.errors = ErrorList(self.result)

    def run(self, upload: IO[bytes]) -> ImportResult:
        errors = self.errors
        try:
            table = open_table(upload)
        except TableError as error:
            errors.add(0, "", str(error))
            return errors.failed()
        labels = _field_labels()
        detected = detect(
            table.headers,
            OPPORTUNITY_LAYOUTS,
            OPPORTUNITY_REQUIRED,
            _saved_mapping(self.organisation_id, OPPORTUNITIES, table.headers),
        )
        if not detected.complete:
            _report_columns(detected, errors, labels, _("deal"))
            return errors.failed()
        staging = Staging()
        staging.create()
        try:
            rows = self._check_rows(table, detected, staging)
            if errors.found:
                staging.abandon()
                return errors.failed()
            if rows == 0:
                errors.add(0, "", _("The file has headings but no deals."))
                return errors.failed()
            staging.finish_loading()
            crm_heading = detected.label.get("crm_id", labels["crm_id"])
            self._check_duplicates(staging, crm_heading)
            if errors.found:
                return errors.failed()
            with transaction.atomic():
                if not self.dry_run:
                    self._create_funnel_if_needed(staging)
                staging.plan(self.organisation_id)
                self._check_owners_of_stored_deals(staging, crm_heading)
                if errors.found:
                    transaction.set_rollback(True)
                    return errors.failed()
                created, updated, unchanged = staging.counts()
                if not self.dry_run:
                    staging.merge(self.organisation_id, timezone.localdate(), timezone.now())
            self.result.created, self.result.updated, self.result.unchanged = created, updated, unchanged
            if self.progress:
                self.progress(rows)
            return self.result
        finally:
            staging.drop()

    def _create_funnel_if_needed(self, staging: Staging) -> None:
        if self.stages.exists:
            return
        from salescoach.results.services import funnel_ensure

        created = funnel_ensure(organisation_id=self.organisation_id)
        staging.remap_stages({-position: stage.pk for position, stage in enumerate(created, start=1)})

    def _check_duplicates(self, staging: Staging, crm_heading: str) -> None:
        for row, crm_id, first in staging.duplicates(MAX_ERRORS):
            self.errors.add(
                row,
                crm_heading,
                _("The CRM id “%(id)s” is already on row %(row)d; a deal can be in the file once.")
                % {"id": crm_id, "row": first},
            )

    def _check_owners_of_stored_deals(self, staging: Staging, crm_heading: str) -> None:
        names = self.matcher.names
        for row, crm_id, owner_id in staging.foreign_owned(sorted(self.allowed_ids), MAX_ERRORS):
            self.errors.add(
                row,
                crm_heading,
                _(
                    "The deal “%(id)s” belongs to %(name)s, who is not one of the people you manage; "
                    "you cannot move it to your team."
                )
                % {"id": crm_id, "name": names.get(owner_id, "?")},
            )

    def _check_rows(self, table: Table, detected: Detected, staging: Staging) -> int:
        """Check every row, staging the good ones while the file has no error. Returns the
        number of data rows.

        This loop runs once per row of files with a million rows: the common cases (plain
        numbers, ISO dates, owners and stages seen before) take fast paths inline, and
        everything else goes through the full readers in ``parsing``.
        """
        from salescoach.results.services import results_settings_get

        layout: Layout = detected.layout
        index = detected.index
        width = len(table.headers)
        none = width + 1000  # a column no row has: reads as empty
        heading = {name: detected.label.get(name, name) for name in index}
        c_crm, c_name, c_account, c_owner, c_stage = (
            index.get(f, none) for f in ("crm_id", "name", "account", "owner", "stage")
        )
        c_amount, c_currency, c_probability, c_created, c_close, c_lost = (
            index.get(f, none)
            for f in ("amount", "currency", "probability", "created_date", "close_date", "lost_reason")
        )
        self.allowed_ids = set(
            Membership.objects.filter(rules.importable_members_q(self.actor)).values_list("pk", flat=True)
        )
        self.matcher = matcher = OwnerMatcher(self.organisation_id, self.allowed_ids)
        self.stages = stages = StageLookup(self.organisation_id)
        base_currency = results_settings_get(organisation=self.actor.organisation).currency
        rates = dict(
            ExchangeRate.objects.filter(organisation_id=self.organisation_id).values_list("currency", "rate")
        )
        numbers = NumberReader(_default_decimal(table))
        created_dates, close_dates = DateReader(), DateReader()
        history = [(position, name, DateReader()) for position, name in detected.history]
        fraction = layout.probability_fraction
        footer = layout.footer and width > 1
        errors = self.errors
        add_error = errors.add
        progress = self.progress
        owner_cache: dict[str, Any] = {}
        stage_cache: dict[str, Any] = {}
        formula = _("This cell holds a formula; save the file with values only.")
        empty = _("This cell is empty; it is needed.")
        fromiso = date.fromisoformat
        stage_add, history_add = staging.add, staging.add_history

        def learn(cells: list[Any]) -> None:
            n = len(cells)
            if c_amount < n and isinstance(cells[c_amount], str):
                numbers.learn(cells[c_amount])
            if c_created < n:
                created_dates.learn(cells[c_created])
            if c_close < n:
                close_dates.learn(cells[c_close])
            for position, _name, reader in history:
                if position < n:
                    reader.learn(cells[position])

        def text(number: int, raw: Any, name: str, limit: int, required: bool) -> str:
            value = raw.strip() if raw.__class__ is str else text_of(raw)
            if value[:1] == "=" and len(value) > 1:
                add_error(number, heading[name], formula)
            elif required and not value:
                add_error(number, heading[name], empty)
            elif len(value) > limit:
                add_error(
                    number, heading[name], _("This can be at most %(max)d characters.") % {"max": limit}
                )
            return value

        def read_date(number: int, raw: Any, name: str, reader: DateReader) -> date | None:
            if raw.__class__ is str and len(raw) == 10 and raw[4] == "-" and raw[7] == "-":
                try:
                    found = fromiso(raw)
                except ValueError:
                    pass
                else:
                    if 1900 <= found.year <= 2999:
                        return found
            try:
                return reader.parse(raw)
            except ValueProblem as problem:
                add_error(number, heading.get(name, name), str(problem))
                return None

        rows = 0
        staging_ok = True
        for number, cells in _rows_with_lookahead(table.rows, learn):
            n = len(cells)
            if footer and n == 1:
                continue  # Salesforce's report footer: totals, copyright, "Generated By"
            rows += 1
            if progress is not None and rows % PROGRESS_EVERY == 0:
                if staging_ok:
                    staging.flush()
                progress(rows)
            before = errors.total
            if n < width:
                cells = cells + [None] * (width - n)
                n = width

            crm_id = text(number, cells[c_crm], "crm_id", 64, True)
            name = text(number, cells[c_name], "name", 255, True)
            account = text(number, cells[c_account], "account", 255, False) if c_account < n else ""
            lost_reason = text(number, cells[c_lost], "lost_reason", 255, False) if c_lost < n else ""
            owner_text = text(number, cells[c_owner], "owner", 255, True)
            stage_text = text(number, cells[c_stage], "stage", 255, True)

            owner_id = None
            if owner_text:
                match = owner_cache.get(owner_text)
                if match is None:
                    match = owner_cache[owner_text] = matcher.match(owner_text)
                owner_id = match.member_id
                if owner_id is None:
                    add_error(number, heading["owner"], match.problem)
            stage = None
            if stage_text:
                stage = stage_cache.get(stage_text)
                if stage is None:
                    stage = stage_cache[stage_text] = stages.find(stage_text)
                if stage is None:
                    add_error(
                        number,
                        heading["stage"],
                        _("The stage “%(value)s” is not in your funnel. Map it to a stage in the next step.")
                        % {"value": stage_text},
                    )

            amount = cell_currency = None
            raw = cells[c_amount] if c_amount < n else None
            if raw is not None and raw != "":
                amount = parse_plain_amount(raw) if raw.__class__ is str else None
                if amount is None:
                    if is_formula(raw):
                        add_error(number, heading["amount"], formula)
                    else:
                        try:
                            amount, cell_currency = parse_amount(raw, numbers)
                        except ValueProblem as problem:
                            add_error(number, heading["amount"], str(problem))
            currency = base_currency
            raw = cells[c_currency] if c_currency < n else None
            if raw is not None and raw != "":
                if raw != base_currency:
                    try:
                        currency = parse_currency(raw) or base_currency
                    except ValueProblem as problem:
                        add_error(number, heading["currency"], str(problem))
                if cell_currency and cell_currency != currency:
                    add_error(
                        number,
                        heading["amount"],
                        _("The amount is in %(cell)s but the currency column says %(column)s.")
                        % {"cell": cell_currency, "column": currency},
                    )
            elif cell_currency:
                currency = cell_currency

            probability = None
            raw = cells[c_probability] if c_probability < n else None
            if raw is not None and raw != "":
                if (
                    raw.__class__ is str
                    and raw.isdigit()
                    and len(raw) <= 3
                    and int(raw) <= 100
                    and not fraction
                ):
                    probability = int(raw)
                else:
                    try:
                        probability = parse_percentage(raw, numbers, fraction=fraction)
                    except ValueProblem as problem:
                        add_error(number, heading["probability"], str(problem))

            created = (
                read_date(number, cells[c_created], "created_date", created_dates) if c_created < n else None
            )
            before_close = errors.total
            close = read_date(number, cells[c_close], "close_date", close_dates)
            if close is None and errors.total == before_close:
                add_error(number, heading["close_date"], empty)

            entries: list[tuple[int, str, date]] = []
            for position, crm_stage, reader in history:
                raw = cells[position]
                if raw is None or raw == "":
                    continue
                entered = read_date(number, raw, table.headers[position], reader)
                ref = stages.find(crm_stage)
                if ref is not None and entered is not None:
                    entries.append((ref.id, crm_stage[:255], entered))

            if errors.total != before:
                if staging_ok:
                    staging_ok = False
                    staging.abandon()
                continue
            if not staging_ok or stage is None:
                continue
            if amount is None:
                amount_base = None
            elif currency == base_currency:
                amount_base = amount
            elif currency in rates:
                amount_base = str((Decimal(amount) * rates[currency]).quantize(Decimal("0.01")))
            else:
                amount_base = None
            cycle = (close - created).days if created is not None and close is not None else None
            stage_add(
                (
                    number,
                    crm_id,
                    name,
                    account,
                    owner_id,
                    stage.id,
                    stage_text,
                    stage.kind,
                    amount,
                    currency,
                    amount_base,
                    probability,
                    created,
                    close,
                    cycle if cycle is not None and cycle >= 0 else None,
                    lost_reason,
                )
            )
            for stage_id, crm_stage, entered in entries:
                history_add((number, crm_id, stage_id, crm_stage, entered))
        return rows


# --- targets -------------------------------------------------------------------------------


def import_targets(
    *,
    actor: Membership,
    upload: IO[bytes],
    dry_run: bool,
    progress: Progress = None,
) -> ImportResult:
    if not rules.can_import_results(actor):
        raise PermissionDenied
    result = ImportResult()
    errors = ErrorList(result)
    try:
        table = open_table(upload)
    except TableError as error:
        errors.add(0, "", str(error))
        return errors.failed()
    labels = {name: str(label) for name, label in TARGET_FIELDS}
    detected = detect(
        table.headers,
        [TARGET_LAYOUT],
        TARGET_REQUIRED,
        _saved_mapping(actor.organisation_id, TARGETS, table.headers),
    )
    if not detected.complete:
        _report_columns(detected, errors, labels, _("target"))
        return errors.failed()
    from salescoach.results.services import results_settings_get

    heading = detected.label
    base_currency = results_settings_get(organisation=actor.organisation).currency
    members = dict(
        Membership.objects.filter(organisation_id=actor.organisation_id).values_list("user__email", "pk")
    )
    names = dict(
        Membership.objects.filter(organisation_id=actor.organisation_id).values_list("pk", "user__full_name")
    )
    allowed = set(Membership.objects.filter(rules.importable_members_q(actor)).values_list("pk", flat=True))
    numbers = NumberReader(_default_decimal(table))
    index = detected.index
    planned: dict[tuple[int, str, date], tuple[int, Decimal | None, int | None, str]] = {}
    rows = 0

    def value(cells: list[Any], name: str) -> Any:
        position = index.get(name)
        return cells[position] if position is not None and position < len(cells) else None

    def learn(cells: list[Any]) -> None:
        raw = value(cells, "amount")
        if isinstance(raw, str):
            numbers.learn(raw)

    try:
        for number, cells in _rows_with_lookahead(table.rows, learn):
            rows += 1
            for name in index:
                if is_formula(value(cells, name)):
                    errors.add(
                        number, heading[name], _("This cell holds a formula; save the file with values only.")
                    )
            email = _text(value(cells, "email")).lower()
            member_id = None
            if not email:
                errors.add(number, heading["email"], _("This cell is empty; it is needed."))
            elif email not in members:
                errors.add(
                    number,
                    heading["email"],
                    _("%(email)s is not a member of this organisation.") % {"email": email},
                )
            elif members[email] not in allowed:
                errors.add(
                    number,
                    heading["email"],
                    _("%(name)s is not one of the people you manage; you can set targets only for them.")
                    % {"name": names.get(members[email]) or email},
                )
            else:
                member_id = members[email]
            period_text = _text(value(cells, "period"))
            period = parse_period(period_text, allow_year=False)
            if period is None:
                errors.add(
                    number,
                    heading["period"],
                    _("“%(value)s” is not a month (2026-03) or a quarter (2026-Q1).") % {"value": period_text}
                    if period_text
                    else _("This cell is empty; it is needed."),
                )
            amount = count = None
            currency = base_currency
            cell_currency = None
            before_values = errors.total
            if "amount" in index:
                try:
                    text_amount, cell_currency = parse_amount(value(cells, "amount"), numbers)
                    amount = Decimal(text_amount) if text_amount is not None else None
                except ValueProblem as problem:
                    errors.add(number, heading["amount"], str(problem))
            if "count" in index:
                try:
                    count = parse_count(value(cells, "count"), numbers)
                except ValueProblem as problem:
                    errors.add(number, heading["count"], str(problem))
            if "currency" in index:
                try:
                    currency = parse_currency(value(cells, "currency")) or cell_currency or base_currency
                except ValueProblem as problem:
                    errors.add(number, heading["currency"], str(problem))
            elif cell_currency:
                currency = cell_currency
            if errors.total != before_values:
                pass  # the amount or count could not be read; that is said already
            elif amount is None and count is None and "amount" not in heading and "count" not in heading:
                errors.add(number, "", _("Give a target amount, a target count or both."))
            elif amount is None and count is None:
                errors.add(
                    number,
                    heading.get("amount") or heading.get("count", ""),
                    _("Give a target amount, a target count or both."),
                )
            if member_id is None or period is None:
                continue
            key = (member_id, period.kind, period.start)
            if key in planned:
                errors.add(
                    number,
                    heading["period"],
                    _("%(email)s already has a target for %(period)s on row %(row)d.")
                    % {"email": email, "period": period.key, "row": planned[key][0]},
                )
                continue
            planned[key] = (number, amount, count, currency)
            if progress and rows % PROGRESS_EVERY == 0:
                progress(rows)
    except TableError as error:
        errors.add(0, "", str(error))
    if rows == 0 and not errors.found:
        errors.add(0, "", _("The file has headings but no targets."))
    if errors.found:
        return errors.failed()

    existing = {
        (t.member_id, t.period_kind, t.period_start): t
        for t in Target.objects.filter(
            organisation_id=actor.organisation_id, member_id__in={key[0] for key in planned}
        )
    }
    to_create: list[Target] = []
    to_update: list[Target] = []
    now = timezone.now()
    for key, (_row, amount, count, currency) in planned.items():
        target = existing.get(key)
        if target is None:
            to_create.append(
                Target(
                    organisation_id=actor.organisation_id,
                    member_id=key[0],
                    period_kind=key[1],
                    period_start=key[2],
                    amount=amount,
                    count=count,
                    currency=currency,
                    updated_at=now,
                )
            )
        elif (target.amount, target.count, target.currency) != (amount, count, currency):
            target.amount, target.count, target.currency, target.updated_at = amount, count, currency, now
            to_update.append(target)
    result.created, result.updated = len(to_create), len(to_update)
    result.unchanged = len(planned) - result.created - result.updated
    if not dry_run:
        with transaction.atomic():
            Target.objects.bulk_create(to_create, batch_size=1000)
            Target.objects.bulk_update(
                to_update, ["amount", "count", "currency", "updated_at"], batch_size=1000
            )
            results_changed(actor.organisation_id)
    if progress:
        progress(rows)
    return result


# --- the downloadable templates ---------------------------------------------------------------


def opportunities_template() -> tuple[str, list[list[str]]]:
    """SalesCoach's own deals template, with headings in the current language."""
    return (
        _("salescoach-deals.csv"),
        [
            [
                _("CRM id"),
                _("Opportunity"),
                _("Account"),
                _("Owner e-mail"),
                _("Stage"),
                _("Amount"),
                _("Currency"),
                _("Probability (%)"),
                _("Created"),
                _("Close date"),
                _("Lost reason"),
            ],
            [
                "D-2026-0042",
                _("Service contract 2026"),
                "Bouwbedrijf Hoekstra B.V.",
                "sanne.devries@example.com",
                pgettext("deal stage", "Proposal"),
                "24500.00",
                "EUR",
                "60",
                "2026-01-12",
                "2026-03-31",
                "",
            ],
        ],
    )


def targets_template() -> tuple[str, list[list[str]]]:
    return (
        _("salescoach-targets.csv"),
        [
            [_("E-mail"), _("Period"), _("Target amount"), _("Target count"), _("Currency")],
            ["sanne.devries@example.com", "2026-Q1", "150000", "6", "EUR"],
            ["sanne.devries@example.com", "2026-04", "50000", "2", "EUR"],
        ],
    )
