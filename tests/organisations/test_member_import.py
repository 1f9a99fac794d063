from __future__ import annotations

import io

import pytest
from django.core import mail
from openpyxl import Workbook

from salescoach.accounts.models import User
from salescoach.imports.results import ImportResult
from salescoach.organisations.imports import import_members, parse_roles
from salescoach.organisations.models import Invitation, Membership, MembershipStatus, Role, Team
from tests.conftest import People

pytestmark = pytest.mark.django_db


def csv_file(text: str, encoding: str = "utf-8") -> io.BytesIO:
    return io.BytesIO(text.encode(encoding))


def xlsx_file(rows: list[list[object]]) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def run(people: People, upload: io.BytesIO, dry_run: bool = False) -> ImportResult:
    return import_members(actor=people.owner, upload=upload, dry_run=dry_run)


def snapshot() -> tuple[int, ...]:
    return (
        User.objects.count(),
        Membership.objects.count(),
        Team.objects.count(),
        Invitation.objects.count(),
    )


HEADER = "email,full name,team,roles,manager email\n"


def test_new_people_are_created_invited_and_emailed(
    people: People, django_capture_on_commit_callbacks
) -> None:
    text = HEADER + (
        "anna@example.com,Anna de Boer,Team A,seller,manager@example.com\n"
        'bram@example.com,Bram Kok,Team A,"seller, senior seller",manager@example.com\n'
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = run(people, csv_file(text))
    assert result.as_dict() == {"created": 2, "updated": 0, "unchanged": 0, "errors": []}
    bram = Membership.objects.get(user__email="bram@example.com")
    assert bram.status == MembershipStatus.INVITED
    assert bram.roles == {Role.SELLER, Role.SENIOR_SELLER}
    assert bram.team == people.team and bram.reports_to == people.manager
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.com", "bram@example.com"]


def test_dutch_headings_semicolons_windows_1252_and_dutch_role_names(people: People) -> None:
    text = (
        "E-mailadres;Volledige naam;Team;Rollen;E-mail leidinggevende\r\n"
        "zoe@example.com;Zoë Koster;Team A;Verkoper;manager@example.com\r\n"
        "joost@example.com;Joost Maas;;Non-sales professional|Verkoper;\r\n"
    )
    result = run(people, csv_file(text, "cp1252"))
    assert result.errors == [] and result.created == 2
    assert User.objects.get(email="zoe@example.com").full_name == "Zoë Koster"
    assert Membership.objects.get(user__email="joost@example.com").roles == {Role.NON_SALES, Role.SELLER}


def test_utf8_bom_and_tabs(people: People) -> None:
    text = "\ufeffemail\tname\troles\nx@example.com\tX Y\tinternal coach\n"
    result = run(people, csv_file(text))
    assert result.errors == [] and result.created == 1


def test_excel_files_are_read(people: People) -> None:
    upload = xlsx_file([["E-mail", "Full name", "Roles"], ["xl@example.com", "Excel Person", "seller"]])
    result = run(people, upload)
    assert result.errors == [] and result.created == 1


def test_dry_run_reports_and_writes_nothing(people: People) -> None:
    before = snapshot()
    result = run(people, csv_file(HEADER + "n@example.com,N N,Team A,seller,\n"), dry_run=True)
    assert result.created == 1
    assert snapshot() == before


def test_reimport_changes_nothing_and_a_change_updates(people: People) -> None:
    text = HEADER + "anna@example.com,Anna de Boer,Team A,seller,manager@example.com\n"
    assert run(people, csv_file(text)).created == 1
    before = snapshot()
    again = run(people, csv_file(text))
    assert again.as_dict() == {"created": 0, "updated": 0, "unchanged": 1, "errors": []}
    assert snapshot() == before
    changed = run(
        people, csv_file(HEADER + "anna@example.com,Anna de Boer,Team B,seller,other.manager@example.com\n")
    )
    assert changed.updated == 1
    anna = Membership.objects.get(user__email="anna@example.com")
    assert anna.team == people.other_team and anna.reports_to == people.other_manager


def test_a_new_team_is_created_with_its_manager_from_the_file(people: People) -> None:
    text = HEADER + (
        "boss@example.com,Bea Baas,Team Nieuw,sales manager,owner@example.com\n"
        "worker@example.com,Wim Werker,Team Nieuw,seller,boss@example.com\n"
    )
    result = run(people, csv_file(text))
    assert result.errors == []
    team = Team.objects.get(organisation=people.org, name="Team Nieuw")
    assert team.manager.user.email == "boss@example.com"
    assert Membership.objects.get(user__email="worker@example.com").reports_to == team.manager


def test_every_error_is_reported_by_row_and_column_and_nothing_is_written(people: People) -> None:
    text = HEADER + (
        "ok@example.com,Okay,Team A,seller,manager@example.com\n"
        "not-an-email,,Team Nowhere,wizard,nobody@example.com\n"
        "ok@example.com,Twice,Team A,seller,\n"
        "self@example.com,Self,Team A,seller,self@example.com\n"
        f"long@example.com,{'L' * 151},Team A,seller,\n"
        "outsider@example.com,Out,Team A,seller,\n"
    )
    before = snapshot()
    result = run(people, csv_file(text))
    assert snapshot() == before
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
    found = {(e.row, e.column) for e in result.errors}
    assert {(3, "email"), (3, "full name"), (3, "roles"), (3, "team")} <= found
    assert (4, "email") in found  # duplicate of row 2
    assert (5, "manager email") in found  # reports to themselves
    assert (6, "full name") in found
    assert all(e.message for e in result.errors)


def test_a_manager_of_another_organisation_is_not_found(people: People) -> None:
    result = run(people, csv_file(HEADER + "n@example.com,N,Team A,seller,outsider@example.com\n"))
    assert [(e.row, e.column) for e in result.errors] == [(2, "manager email")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"email,full name,roles\n", "no people"),
        (b"\x00\x01\x02binary\x00junk", "not a CSV or Excel"),
        (b"PK\x03\x04 not really a zip", "cannot be opened"),
        (b"email,roles\nx@example.com,seller\n", "missing"),
    ],
)
def test_unreadable_files_are_refused(people: People, content: bytes, message: str) -> None:
    result = run(people, io.BytesIO(content))
    assert result.errors and message in result.errors[0].message


def test_files_over_the_size_limit_are_refused(people: People, settings) -> None:
    settings.IMPORT_MAX_BYTES = 100
    result = run(people, csv_file(HEADER + "x" * 200))
    assert "limit" in result.errors[0].message


def test_formula_cells_are_refused(people: People) -> None:
    upload = xlsx_file([["E-mail", "Full name", "Roles"], ["f@example.com", '=HYPERLINK("x")', "seller"]])
    result = run(people, upload)
    assert [(e.row, e.column) for e in result.errors] == [(2, "Full name")]


def test_only_the_programme_owner_imports(people: People) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_members(actor=people.manager, upload=csv_file(HEADER), dry_run=True)


def test_role_names_in_both_languages() -> None:
    assert parse_roles("Programma-eigenaar; Salesmanager")[0] == [Role.PROGRAMME_OWNER, Role.SALES_MANAGER]
    assert parse_roles("peer coach, external_coach")[0] == [Role.SENIOR_SELLER, Role.EXTERNAL_COACH]
    assert parse_roles("seller, magician")[1] == ["magician"]


def test_import_queries_do_not_grow_with_the_number_of_rows(
    people: People, django_assert_max_num_queries
) -> None:
    def rows(n: int, start: int) -> str:
        return HEADER + "".join(
            f"p{start + i}@example.com,Person {i},Team A,seller,manager@example.com\n" for i in range(n)
        )

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        run(people, csv_file(rows(5, 0)))
    with CaptureQueriesContext(connection) as large:
        run(people, csv_file(rows(200, 1000)))
    # Bulk writes are split into batches on SQLite (its limit on query parameters); the
    # number of queries per row does not grow.
    assert len(large.captured_queries) <= len(small.captured_queries) + 8
