"""Bulk onboarding: people from a CSV or Excel file, all or nothing.

Columns (English or Dutch headings): e-mail, full name, team, roles, manager's e-mail;
optionally job title and CRM user id. Roles are separated by commas, semicolons or
pipes, and may be written as codes or as their English or Dutch names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from salescoach.accounts.models import User
from salescoach.imports.results import ImportResult
from salescoach.imports.tabular import (
    FormulaCell,
    HeaderMap,
    TableError,
    cell,
    map_headings,
    normalise_heading,
    open_table,
)
from salescoach.organisations.models import (
    Invitation,
    Membership,
    MembershipStatus,
    Role,
    RoleAssignment,
    Team,
)
from salescoach.organisations.services import (
    build_invitation,
    clean_email,
    clean_full_name,
    clean_text,
    send_invitations_after_commit,
)
from salescoach.privacy import rules
from salescoach.privacy.services import audit_role_change

ALIASES: dict[str, set[str]] = {
    "email": {"e-mail", "email address", "e-mail address", "e-mailadres", "mail"},
    "full_name": {"full name", "name", "naam", "volledige naam"},
    "team": {"team", "team name", "teamnaam"},
    "roles": {"roles", "role", "rollen", "rol"},
    "manager_email": {
        "manager e-mail",
        "manager's e-mail",
        "manager email address",
        "e-mail manager",
        "reports to",
        "leidinggevende",
        "e-mail leidinggevende",
        "leidinggevende e-mail",
        "e-mail van leidinggevende",
    },
    "job_title": {"job title", "title", "functie", "functietitel"},
    "crm_user_id": {"crm user id", "crm id", "crm-id", "crm gebruikers-id", "crm gebruikersid"},
}
REQUIRED = {"email", "full_name", "roles"}
COLUMN_NAMES = {
    "email": "email",
    "full_name": "full_name",
    "team": "team",
    "roles": "roles",
    "manager_email": "manager_email",
}

EXTRA_ROLE_WORDS = {
    "manager": Role.SALES_MANAGER,
    "salesmanager": Role.SALES_MANAGER,
    "verkoper": Role.SELLER,
    "accountmanager": Role.SELLER,
    "peercoach": Role.SENIOR_SELLER,
    "seniorverkoper": Role.SENIOR_SELLER,
    "nonsales": Role.NON_SALES,
    "owner": Role.PROGRAMME_OWNER,
}


def _role_lookup() -> dict[str, str]:
    lookup: dict[str, str] = dict(EXTRA_ROLE_WORDS)
    for language in ("en", "nl"):
        with translation.override(language):
            for value, label in Role.choices:
                lookup[normalise_heading(str(label))] = value
                # "Senior seller (peer coach)" is also recognised without the part in brackets.
                lookup[normalise_heading(str(label).split("(")[0])] = value
    for value in Role.values:
        lookup[normalise_heading(value)] = value
    return lookup


def parse_roles(text: str) -> tuple[list[str], list[str]]:
    """Roles named in a cell, and the words that are not a role."""
    lookup = _role_lookup()
    roles: list[str] = []
    unknown: list[str] = []
    for part in text.replace(";", ",").replace("|", ",").split(","):
        if not part.strip():
            continue
        role = lookup.get(normalise_heading(part))
        if role is None:
            unknown.append(part.strip())
        elif role not in roles:
            roles.append(role)
    return roles, unknown


@dataclass
class MemberRow:
    row: int
    email: str
    full_name: str
    team: str | None
    roles: list[str]
    manager_email: str | None
    job_title: str | None
    crm_user_id: str | None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _parse_row(number: int, cells: list[Any], headers: HeaderMap, result: ImportResult) -> MemberRow:
    """The row's values; a value with an error is reported and left empty."""
    formulas = set()
    for name, position in headers.index.items():
        if position < len(cells) and isinstance(cells[position], FormulaCell):
            result.error(number, headers.label[name], _("This cell holds a formula; enter the value itself."))
            formulas.add(name)

    def column(name: str) -> str:
        return headers.label.get(name, name)

    def field(name: str, cleaner: Callable[[str], str], raw: str) -> str:
        if name in formulas:
            return ""
        try:
            return cleaner(raw)
        except ValidationError as error:
            for message in error.messages:
                result.error(number, column(name), message)
            return ""

    email = field("email", clean_email, _text(cell(cells, headers, "email")))
    full_name = field("full_name", clean_full_name, _text(cell(cells, headers, "full_name")))
    roles, unknown = parse_roles("" if "roles" in formulas else _text(cell(cells, headers, "roles")))
    for word in unknown:
        result.error(number, column("roles"), _("Unknown role: “%(value)s”.") % {"value": word})
    if not roles and not unknown and "roles" not in formulas:
        result.error(number, column("roles"), _("Choose at least one role."))
    team = _text(cell(cells, headers, "team")) if "team" in headers.index else None
    if team is not None and len(team) > 120:
        result.error(number, column("team"), _("This can be at most %(max)d characters.") % {"max": 120})
    manager_email: str | None = None
    if "manager_email" in headers.index:
        raw = _text(cell(cells, headers, "manager_email"))
        manager_email = field("manager_email", clean_email, raw) if raw else ""
    job_title = crm_user_id = None
    if "job_title" in headers.index:
        job_title = field(
            "job_title",
            lambda v: clean_text(v, field="job_title", max_length=120),
            _text(cell(cells, headers, "job_title")),
        )
    if "crm_user_id" in headers.index:
        crm_user_id = field(
            "crm_user_id",
            lambda v: clean_text(v, field="crm_user_id", max_length=64),
            _text(cell(cells, headers, "crm_user_id")),
        )
    return MemberRow(number, email, full_name, team, roles, manager_email, job_title, crm_user_id)


def import_members(
    *,
    actor: Membership,
    upload: IO[bytes],
    dry_run: bool,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    if not rules.can_manage_people(actor):
        raise PermissionDenied
    result = ImportResult()
    rows: list[MemberRow] = []
    try:
        table = open_table(upload)
        headers = map_headings(table.headers, ALIASES, REQUIRED)
        for name in headers.missing:
            result.error(1, name, _("The column “%(name)s” is missing.") % {"name": name})
        for heading in headers.duplicate:
            result.error(1, heading, _("This column appears more than once."))
        if not result.ok:
            return result.failed()
        for number, cells in table.rows:
            rows.append(_parse_row(number, cells, headers, result))
    except TableError as error:
        result.error(0, "", str(error))
        return result.failed()
    if not rows:
        result.error(0, "", _("The file has headings but no people."))
        return result.failed()
    plan = _plan(actor, rows, headers, result)
    if not result.ok:
        return result.failed()
    if not dry_run:
        _apply(actor, plan)
    if progress:
        progress(len(rows))
    return result


@dataclass
class _Plan:
    rows: list[MemberRow]
    users: dict[str, User]  # existing users by e-mail
    members: dict[str, Membership]  # existing memberships by e-mail
    teams: dict[str, Team]  # existing teams by lower-case name
    new_teams: dict[str, tuple[str, str]]  # lower-case name -> (name, manager e-mail)
    changed: set[str]  # e-mails of existing members that change


def _plan(actor: Membership, rows: list[MemberRow], headers: HeaderMap, result: ImportResult) -> _Plan:
    organisation = actor.organisation

    def column(name: str) -> str:
        return headers.label.get(name, name)

    first_row: dict[str, int] = {}
    for r in rows:
        if not r.email:
            continue
        if r.email in first_row:
            result.error(
                r.row,
                column("email"),
                _("%(email)s is already on row %(row)d.") % {"email": r.email, "row": first_row[r.email]},
            )
        else:
            first_row[r.email] = r.row
    emails = set(first_row)
    manager_emails = {r.manager_email for r in rows if r.manager_email}
    users = {u.email: u for u in User.objects.filter(email__in=emails | manager_emails)}
    members = {
        m.user.email: m
        for m in Membership.objects.filter(organisation=organisation, user__email__in=emails | manager_emails)
        .select_related("user", "team", "reports_to__user")
        .prefetch_related("role_assignments")
    }
    teams = {t.name.lower(): t for t in Team.objects.filter(organisation=organisation)}

    managing = {t.manager_id for t in teams.values()}
    new_teams: dict[str, tuple[str, str]] = {}
    for r in rows:
        if r.email and r.team and r.team.lower() not in teams and Role.SALES_MANAGER in r.roles:
            key = r.team.lower()
            if key in new_teams and new_teams[key][1] != r.email:
                result.error(
                    r.row,
                    column("team"),
                    _(
                        "The new team “%(team)s” has more than one manager in the file; "
                        "create the team first and choose its manager."
                    )
                    % {"team": r.team},
                )
            new_teams.setdefault(key, (r.team, r.email))

    changed: set[str] = set()
    for r in rows:
        existing = members.get(r.email)
        if existing is not None and existing.status == MembershipStatus.DEACTIVATED:
            result.error(
                r.row,
                column("email"),
                _("%(email)s was deactivated; reactivate them instead.") % {"email": r.email},
            )
            continue
        if r.team and r.team.lower() not in teams and r.team.lower() not in new_teams:
            result.error(
                r.row,
                column("team"),
                _(
                    "The team “%(team)s” does not exist. Create it first, or add its manager "
                    "(role sales manager) to the file."
                )
                % {"team": r.team},
            )
        if r.manager_email:
            if r.manager_email == r.email:
                result.error(r.row, column("manager_email"), _("A person cannot report to themselves."))
            else:
                manager = members.get(r.manager_email)
                in_file = r.manager_email in emails
                if not in_file and (manager is None or manager.status == MembershipStatus.DEACTIVATED):
                    result.error(
                        r.row,
                        column("manager_email"),
                        _("%(email)s is not a member of this organisation and not in the file.")
                        % {"email": r.manager_email},
                    )
        if existing is not None and _differs(existing, r):
            changed.add(r.email)
        if existing is not None and existing.pk in managing and Role.SALES_MANAGER not in r.roles:
            result.error(
                r.row,
                column("roles"),
                _("This person manages a team; give the team another manager first."),
            )
        if existing is not None and existing.pk == actor.pk and Role.PROGRAMME_OWNER not in r.roles:
            result.error(r.row, column("roles"), _("You cannot remove your own programme owner role."))

    if not result.ok:
        return _Plan(rows, users, members, teams, new_teams, changed)
    result.created = sum(1 for r in rows if r.email not in members)
    result.updated = len(changed)
    result.unchanged = len(rows) - result.created - result.updated
    return _Plan(rows, users, members, teams, new_teams, changed)


def _differs(member: Membership, r: MemberRow) -> bool:
    if set(member.roles) != set(r.roles):
        return True
    if r.team is not None and (member.team.name.lower() if member.team else "") != r.team.lower():
        return True
    if r.manager_email is not None:
        current = member.reports_to.user.email if member.reports_to else ""
        if current != r.manager_email:
            return True
    if r.job_title is not None and member.job_title != r.job_title:
        return True
    return r.crm_user_id is not None and member.crm_user_id != r.crm_user_id


@transaction.atomic
def _apply(actor: Membership, plan: _Plan) -> None:
    organisation = actor.organisation
    new_rows = [r for r in plan.rows if r.email not in plan.members]

    # 1. People new to SalesCoach get an account without a password (set on acceptance).
    new_users = [
        User(email=r.email, full_name=r.full_name, password=make_password(None))
        for r in new_rows
        if r.email not in plan.users
    ]
    User.objects.bulk_create(new_users)
    users = {u.email: u for u in User.objects.filter(email__in=[r.email for r in plan.rows])}

    # 2. New memberships, invited.
    created = Membership.objects.bulk_create(
        [
            Membership(
                organisation=organisation,
                user=users[r.email],
                status=MembershipStatus.INVITED,
                job_title=r.job_title or "",
                crm_user_id=r.crm_user_id or "",
            )
            for r in new_rows
        ]
    )
    members = dict(plan.members)
    for r, member in zip(new_rows, created, strict=True):
        members[r.email] = member

    # 3. New teams, now that their managers are members.
    teams = dict(plan.teams)
    for key, (name, manager_email) in plan.new_teams.items():
        teams[key] = Team.objects.create(organisation=organisation, name=name, manager=members[manager_email])

    # 4. Roles, team and line manager for every new or changed member.
    touched = [r for r in plan.rows if r.email not in plan.members or r.email in plan.changed]
    touched_ids = [members[r.email].pk for r in touched]
    # Role changes of people who were already members are on the audit record.
    for r in touched:
        if r.email in plan.members:
            audit_role_change(
                actor=actor, member=members[r.email], before=members[r.email].roles, after=r.roles
            )
    RoleAssignment.objects.filter(membership_id__in=touched_ids).delete()
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(membership=members[r.email], role=role) for r in touched for role in r.roles]
    )
    for r in touched:
        member = members[r.email]
        if r.team is not None:
            member.team = teams.get(r.team.lower()) if r.team else None
        if r.manager_email is not None:
            member.reports_to = members[r.manager_email] if r.manager_email else None
        if r.job_title is not None:
            member.job_title = r.job_title
        if r.crm_user_id is not None:
            member.crm_user_id = r.crm_user_id
    Membership.objects.bulk_update(
        [members[r.email] for r in touched], ["team", "reports_to", "job_title", "crm_user_id"]
    )

    # 5. Invitations for the new members, e-mailed by the worker after commit.
    invitations = Invitation.objects.bulk_create(
        [build_invitation(members[r.email], actor) for r in new_rows]
    )
    send_invitations_after_commit([i.pk for i in invitations])


def members_template() -> tuple[str, list[list[str]]]:
    """The downloadable template, with headings in the current language."""
    return (
        "salescoach-people.csv",
        [
            [_("E-mail"), _("Full name"), _("Team"), _("Roles"), _("Manager e-mail"), _("Job title")],
            [
                "sanne.devries@example.com",
                "Sanne de Vries",
                "Team Noord",
                str(Role.SELLER.label),
                "pieter.jansen@example.com",
                _("Account manager"),
            ],
        ],
    )
