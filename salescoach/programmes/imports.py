"""Coaching assignments in bulk: who coaches whom, from a CSV or Excel file, all or nothing.

Columns (English or Dutch headings): coach e-mail, coachee e-mail, start date, and
optionally end date. Start dates in the past are welcome (history); an end date ends the
coaching on that day and cannot lie in the future. A row for a pair that is already
coached updates its dates; the same dates count as unchanged. When the coachee's team
has a programme that uses the coach's model, coach and coachee join that programme.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salescoach.coaching.models import CoachingRelationship, RelationshipStatus
from salescoach.coaching.services import coach_kind_for
from salescoach.imports.results import ImportResult
from salescoach.imports.tabular import FormulaCell, HeaderMap, TableError, cell, map_headings, open_table
from salescoach.organisations.models import Membership, MembershipStatus
from salescoach.privacy import policy
from salescoach.privacy import rules as privacy_rules
from salescoach.programmes.models import Programme, ProgrammeCoach, ProgrammeCoachee
from salescoach.results.parsing import DateReader, ValueProblem

ALIASES: dict[str, set[str]] = {
    "coach_email": {
        "coach e-mail",
        "coach email",
        "coach",
        "e-mail coach",
        "e-mailadres coach",
        "coach e-mailadres",
    },
    "coachee_email": {
        "coachee e-mail",
        "coachee email",
        "coachee",
        "seller e-mail",
        "e-mail coachee",
        "e-mailadres coachee",
        "coachee e-mailadres",
        "verkoper",
        "e-mail verkoper",
    },
    "start_date": {"start date", "start", "started on", "startdatum", "begindatum", "begin", "vanaf"},
    "end_date": {"end date", "end", "ended on", "einddatum", "eind", "tot"},
}
REQUIRED = {"coach_email", "coachee_email", "start_date"}

# Coach kinds of a relationship and the programme model they belong to.
KIND_TO_MODEL = {
    "manager": "manager",
    "senior_seller": "senior_sellers",
    "internal_coach": "internal_coach",
    "external_coach": "external_coach",
}


def can_import_assignments(viewer: Membership) -> bool:
    """Programme owners (anyone) and managers (their own people, checked per row)."""
    return privacy_rules.can_use_advisor(viewer)


@dataclass
class Row:
    number: int
    coach: Membership
    coachee: Membership
    kind: str
    start: date
    end: date | None
    existing: CoachingRelationship | None


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def import_coaching_assignments(
    *,
    actor: Membership,
    upload: IO[bytes],
    dry_run: bool,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    if not can_import_assignments(actor):
        raise PermissionDenied
    result = ImportResult()
    try:
        table = open_table(upload)
        headers = map_headings(table.headers, ALIASES, REQUIRED)
        for name in headers.missing:
            result.error(1, name, _("The column “%(name)s” is missing.") % {"name": name})
        for heading in headers.duplicate:
            result.error(1, heading, _("This column appears more than once."))
        if not result.ok:
            return result.failed()
        raw_rows = list(table.rows)
    except TableError as error:
        result.error(0, "", str(error))
        return result.failed()
    if not raw_rows:
        result.error(0, "", _("The file has headings but no coaching assignments."))
        return result.failed()
    rows = _check(actor, raw_rows, headers, result)
    if not result.ok:
        return result.failed()
    for row in rows:
        if row.existing is None:
            result.created += 1
        elif row.existing.started_on == row.start and row.existing.ended_on == row.end:
            result.unchanged += 1
        else:
            result.updated += 1
    if not dry_run:
        _apply(actor, rows)
    if progress:
        progress(len(rows))
    return result


def _check(
    actor: Membership, raw_rows: list[tuple[int, list[Any]]], headers: HeaderMap, result: ImportResult
) -> list[Row]:
    def column(name: str) -> str:
        return headers.label.get(name, name)

    emails = set()
    for _number, cells in raw_rows:
        for name in ("coach_email", "coachee_email"):
            emails.add(_text(cell(cells, headers, name)).lower())
    members = {
        m.user.email.lower(): m
        for m in Membership.objects.filter(organisation_id=actor.organisation_id, user__email__in=emails)
        .select_related("user", "team")
        .prefetch_related("role_assignments")
    }
    existing: dict[tuple[int, int], list[CoachingRelationship]] = {}
    ids = [m.pk for m in members.values()]
    for relationship in CoachingRelationship.objects.filter(coach_id__in=ids, coachee_id__in=ids):
        existing.setdefault((relationship.coach_id, relationship.coachee_id), []).append(relationship)
    starts, ends = DateReader(), DateReader()
    for _number, cells in raw_rows:
        starts.learn(cell(cells, headers, "start_date"))
        ends.learn(cell(cells, headers, "end_date"))
    today = timezone.localdate()
    seen: dict[tuple[int, int], int] = {}
    rows: list[Row] = []
    for number, cells in raw_rows:
        before = len(result.errors)
        for name, position in headers.index.items():
            if position < len(cells) and isinstance(cells[position], FormulaCell):
                result.error(number, column(name), _("This cell holds a formula; enter the value itself."))
        people: dict[str, Membership | None] = {}
        for name in ("coach_email", "coachee_email"):
            email = _text(cell(cells, headers, name)).lower()
            member = members.get(email)
            people[name] = None
            if not email:
                result.error(number, column(name), _("This cell is empty; it is needed."))
            elif member is None:
                result.error(
                    number,
                    column(name),
                    _("%(email)s is not a member of this organisation.") % {"email": email[:254]},
                )
            elif member.status != MembershipStatus.ACTIVE:
                result.error(number, column(name), _("%(email)s is not an active member.") % {"email": email})
            else:
                people[name] = member
        start = end = None
        try:
            start = starts.parse(cell(cells, headers, "start_date"))
            if start is None:
                result.error(number, column("start_date"), _("This cell is empty; it is needed."))
        except ValueProblem as problem:
            result.error(number, column("start_date"), str(problem))
        if "end_date" in headers.index:
            try:
                end = ends.parse(cell(cells, headers, "end_date"))
            except ValueProblem as problem:
                result.error(number, column("end_date"), str(problem))
        if start is not None and end is not None and end < start:
            result.error(number, column("end_date"), _("The end cannot be before the start."))
        if end is not None and end > today:
            result.error(
                number,
                column("end_date"),
                _("An end date in the future cannot be imported; end the coaching when it ends."),
            )
        coach, coachee = people["coach_email"], people["coachee_email"]
        kind = ""
        if coach is not None and coachee is not None:
            if coach.pk == coachee.pk:
                result.error(number, column("coach_email"), _("Nobody can coach themselves."))
            elif not policy.can_create_relationship(actor, coachee):
                result.error(
                    number,
                    column("coachee_email"),
                    _("%(name)s is not one of the people you manage; you can set up coaching only for them.")
                    % {"name": coachee.user.full_name},
                )
            else:
                try:
                    kind = coach_kind_for(coach, coachee)
                except ValidationError as error:
                    for message in error.messages:
                        result.error(number, column("coach_email"), message)
            pair = (coach.pk, coachee.pk)
            if pair in seen:
                result.error(
                    number,
                    column("coachee_email"),
                    _("This coach and coachee are already on row %(row)d.") % {"row": seen[pair]},
                )
            else:
                seen[pair] = number
        if len(result.errors) != before or coach is None or coachee is None or start is None:
            continue
        history = existing.get((coach.pk, coachee.pk), [])
        match = next((r for r in history if r.started_on == start), None) or next(
            (r for r in history if r.status != RelationshipStatus.ENDED), None
        )
        if end is None and any(r.status != RelationshipStatus.ENDED and r is not match for r in history):
            result.error(
                number,
                column("start_date"),
                _("%(coach)s already coaches %(coachee)s.")
                % {
                    "coach": coach.user.full_name,
                    "coachee": coachee.user.full_name,
                },
            )
            continue
        rows.append(Row(number, coach, coachee, kind, start, end, match))
    return rows


@transaction.atomic
def _apply(actor: Membership, rows: list[Row]) -> None:
    programmes = {
        p.team_id: p
        for p in Programme.objects.filter(
            organisation_id=actor.organisation_id,
            team_id__in={r.coachee.team_id for r in rows if r.coachee.team_id},
        )
    }
    for row in rows:
        status = RelationshipStatus.ENDED if row.end is not None else RelationshipStatus.ACTIVE
        if row.existing is None:
            CoachingRelationship.objects.create(
                organisation_id=actor.organisation_id,
                coach=row.coach,
                coachee=row.coachee,
                team=row.coachee.team,
                coach_kind=row.kind,
                started_on=row.start,
                ended_on=row.end,
                status=status,
                created_by=actor,
            )
        elif row.existing.started_on != row.start or row.existing.ended_on != row.end:
            row.existing.started_on = row.start
            row.existing.ended_on = row.end
            row.existing.status = status
            row.existing.save(update_fields=["started_on", "ended_on", "status"])
        programme = programmes.get(row.coachee.team_id or 0)
        model = KIND_TO_MODEL.get(row.kind)
        if programme is not None and model in programme.coaching_models and row.end is None:
            ProgrammeCoachee.objects.get_or_create(programme=programme, member=row.coachee)
            ProgrammeCoach.objects.get_or_create(
                programme=programme, member=row.coach, model=model, defaults={"appointed_on": row.start}
            )


def coaching_assignments_template() -> tuple[str, list[list[str]]]:
    """The downloadable template, with headings in the current language."""
    return (
        "salescoach-coaching-assignments.csv",
        [
            [_("Coach e-mail"), _("Coachee e-mail"), _("Start date"), _("End date")],
            ["coach@example.com", "sanne.devries@example.com", "2026-01-15", ""],
        ],
    )
