"""Importing deals: every bad input is reported by row and column and nothing is
written; a dry run counts exactly what a real run does; re-importing changes nothing;
a newer export updates by CRM id."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.utils import translation
from openpyxl import Workbook

from salescoach.results.models import (
    ExchangeRate,
    FunnelStage,
    Opportunity,
    OwnerAlias,
    StageAlias,
    StageChange,
)
from salescoach.results.services import funnel_ensure
from tests.factories import MembershipFactory
from tests.results.conftest import deals, errors_of, upload

pytestmark = pytest.mark.django_db

HEAD = "CRM id,Opportunity,Account,Owner e-mail,Stage,Amount,Currency,Probability (%),Created,Close date,Lost reason\n"
GOOD = (
    HEAD + "D-1,Deal one,Acme B.V.,seller@example.com,Proposal,24500,EUR,60,2026-01-12,2026-03-31,\n"
    "D-2,Deal two,Beta B.V.,colleague@example.com,Closed Won,1000,EUR,,2026-01-01,2026-02-15,\n"
    "D-3,Deal three,Gamma B.V.,seller@example.com,Closed Lost,5000.50,EUR,,2025-12-01,2026-01-20,Prijs te hoog\n"
)


def results_rows() -> int:
    return Opportunity.objects.count() + StageChange.objects.count() + FunnelStage.objects.count()


def test_a_good_file_dry_run_then_real_run_then_again(sales) -> None:
    dry = deals(sales.manager, GOOD, dry_run=True)
    assert errors_of(dry) == [] and (dry.created, dry.updated, dry.unchanged) == (3, 0, 0)
    assert results_rows() == 0  # the dry run wrote nothing, not even the default funnel
    real = deals(sales.manager, GOOD)
    assert (real.created, real.updated, real.unchanged) == (3, 0, 0)
    assert Opportunity.objects.count() == 3
    before = list(Opportunity.objects.order_by("pk").values())
    again = deals(sales.manager, GOOD)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert list(Opportunity.objects.order_by("pk").values()) == before  # nothing changed at all


def test_a_newer_export_updates_by_crm_id_and_records_the_stage_change(sales) -> None:
    deals(sales.manager, GOOD)
    newer = GOOD.replace(
        "D-1,Deal one,Acme B.V.,seller@example.com,Proposal,24500",
        "D-1,Deal one,Acme B.V.,seller@example.com,Negotiation,26000",
    )
    newer += "D-4,Deal four,Delta B.V.,seller@example.com,Prospecting,800,EUR,,2026-02-01,2026-05-01,\n"
    dry = deals(sales.manager, newer, dry_run=True)
    assert (dry.created, dry.updated, dry.unchanged) == (1, 1, 2)
    real = deals(sales.manager, newer)
    assert (real.created, real.updated, real.unchanged) == (1, 1, 2)
    deal = Opportunity.objects.get(crm_id="D-1")
    assert deal.amount == Decimal("26000.00") and deal.stage.name == "Negotiation"
    change = deal.stage_changes.get()
    assert (change.crm_stage, change.source) == ("Negotiation", "observed")


def test_every_bad_input_is_reported_by_row_and_column_and_nothing_is_written(sales) -> None:
    funnel_ensure(organisation_id=sales.org.pk)
    existing = results_rows()
    bad = (
        HEAD
        + "D-1,Deal one,Acme,seller@example.com,Proposal,twelve,EUR,60,2026-01-12,2026-03-31,\n"  # amount
        "D-2,Deal two,Beta,seller@example.com,Demo gepland,1000,EUR,,2026-01-01,2026-02-15,\n"  # stage
        "D-3,Deal three,Gamma,seller@example.com,Proposal,1000,EUR,,2026-01-01,2026-02-30,\n"  # impossible date
        "D-4,Deal four,Delta,nobody@elsewhere.example,Proposal,1000,EUR,,2026-01-01,2026-02-15,\n"  # owner unknown
        "D-5,Deal five,Epsilon,other.seller@example.com,Proposal,1000,EUR,,2026-01-01,2026-02-15,\n"  # not managed
        "D-6,Deal six,Zeta,outsider.seller@example.com,Proposal,1000,EUR,,2026-01-01,2026-02-15,\n"  # other org
        'D-7,=HYPERLINK("http://x"),Eta,seller@example.com,Proposal,1000,EUR,,2026-01-01,2026-02-15,\n'  # formula
        ",Deal eight,Theta,seller@example.com,Proposal,1000,EUR,,2026-01-01,,\n"  # empty id and close date
        "D-9,Deal nine,Iota,seller@example.com,Proposal,1000,EURO,150,2026-01-01,2026-02-15,\n"  # currency, %
    )
    result = deals(sales.manager, bad)
    found = errors_of(result)
    columns = {(row, column) for row, column, _message in found}
    assert columns == {
        (2, "Amount"),
        (3, "Stage"),
        (4, "Close date"),
        (5, "Owner e-mail"),
        (6, "Owner e-mail"),
        (7, "Owner e-mail"),
        (8, "Opportunity"),
        (9, "CRM id"),
        (9, "Close date"),
        (10, "Currency"),
        (10, "Probability (%)"),
    }
    messages = {(row, column): message for row, column, message in found}
    assert "“twelve” is not a number" in messages[(2, "Amount")]
    assert "“Demo gepland” is not in your funnel" in messages[(3, "Stage")]
    assert "not a date that exists" in messages[(4, "Close date")]
    assert "is not a member of this organisation" in messages[(5, "Owner e-mail")]
    assert "not one of the people you manage" in messages[(6, "Owner e-mail")]
    assert "is not a member of this organisation" in messages[(7, "Owner e-mail")]  # never says "other org"
    assert "formula" in messages[(8, "Opportunity")]
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
    assert results_rows() == existing


def test_duplicated_crm_ids_in_the_file(sales) -> None:
    result = deals(
        sales.manager,
        GOOD + "D-2,Deal two again,Beta,seller@example.com,Proposal,5,EUR,,2026-01-01,2026-02-15,\n",
    )
    assert errors_of(result) == [
        (5, "CRM id", "The CRM id “D-2” is already on row 3; a deal can be in the file once.")
    ]
    assert Opportunity.objects.count() == 0


def test_missing_required_columns(sales) -> None:
    result = deals(sales.manager, "CRM id,Opportunity,Owner e-mail,Amount\nD-1,x,seller@example.com,5\n")
    assert [(e.row, e.column) for e in result.errors] == [(1, "Stage"), (1, "Close date")]


def test_salesforce_report_without_the_id_column_says_how_to_add_it(sales) -> None:
    text = '"Opportunity Owner","Opportunity Name","Stage","Close Date"\n"Sanne Seller","x","Prospecting","3/31/2026"\n'
    result = deals(sales.manager, text)
    assert result.errors[0].column == "Opportunity ID"
    assert "Add the field Opportunity ID to the report" in result.errors[0].message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"   \n", "The file is empty."),
        (HEAD.encode(), "The file has headings but no deals."),
        (b"\x00\x01PDF-1.7 binary\x00\x00", "This is not a CSV or Excel (.xlsx) file."),
        (b"PK\x03\x04 not really a zip", "This Excel file cannot be opened."),
    ],
)
def test_files_that_cannot_be_read(sales, content: bytes, message: str) -> None:
    result = deals(sales.manager, upload(content))
    assert result.errors[0].row == 0 and message in result.errors[0].message
    assert Opportunity.objects.count() == 0


@override_settings(IMPORT_MAX_BYTES=100)
def test_a_file_over_the_size_limit(sales) -> None:
    result = deals(sales.manager, GOOD)
    assert result.errors[0].row == 0 and "the limit is" in result.errors[0].message


def test_formula_cells_in_excel(sales) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["CRM id", "Opportunity", "Owner e-mail", "Stage", "Amount", "Close date"])
    sheet.append(["D-1", "Deal", "seller@example.com", "Proposal", "=SUM(A1:A3)", date(2026, 3, 31)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = deals(sales.manager, upload(buffer.getvalue(), "deals.xlsx"))
    assert [(e.row, e.column) for e in result.errors] == [(2, "Amount")]
    assert "formula" in result.errors[0].message


def test_ambiguous_dates_are_refused_with_a_clear_message(sales) -> None:
    text = HEAD + "D-1,Deal,Acme,seller@example.com,Proposal,5,EUR,,,03/04/2026,\n"
    result = deals(sales.manager, text)
    assert errors_of(result) == [
        (
            2,
            "Close date",
            "“03/04/2026” can be read as 2026-04-03 or as 2026-03-04. Write the date as "
            "year-month-day (2026-04-03) to make it unambiguous.",
        )
    ]


def test_a_column_with_one_unambiguous_date_settles_the_others(sales) -> None:
    text = (
        HEAD + "D-1,Deal,Acme,seller@example.com,Proposal,5,EUR,,,03/04/2026,\n"
        "D-2,Deal,Acme,seller@example.com,Proposal,5,EUR,,,12/31/2026,\n"
    )
    assert errors_of(deals(sales.manager, text)) == []
    assert Opportunity.objects.get(crm_id="D-1").close_date == date(2026, 3, 4)  # month first


def test_dates_mixing_day_first_and_month_first_are_refused(sales) -> None:
    text = (
        HEAD + "D-1,Deal,Acme,seller@example.com,Proposal,5,EUR,,,31/12/2026,\n"
        "D-2,Deal,Acme,seller@example.com,Proposal,5,EUR,,,12/31/2026,\n"
    )
    result = deals(sales.manager, text)
    assert [(e.row, e.column) for e in result.errors] == [(3, "Close date")]
    assert "month first" in result.errors[0].message


@pytest.mark.parametrize(
    ("delimiter", "amount", "expected"),
    [
        (",", '"1,234.56"', "1234.56"),
        (";", "1.234,56", "1234.56"),
        ("\t", "1234,5", "1234.50"),
        (";", "€ 1.234", "1234.00"),
        (",", '"EUR 12,500"', "12500.00"),
    ],
)
def test_dutch_and_english_numbers(sales, delimiter: str, amount: str, expected: str) -> None:
    head = HEAD.strip().replace(",", delimiter)
    row = delimiter.join(
        ["D-1", "Deal", "Acme", "seller@example.com", "Proposal", amount, "", "", "", "2026-03-31", ""]
    )
    result = deals(sales.manager, f"{head}\n{row}\n")
    assert errors_of(result) == []
    assert Opportunity.objects.get().amount == Decimal(expected)


def _tab_row(amount: str, probability: str = "", crm_id: str = "D-1") -> str:
    return "\t".join(
        [
            crm_id,
            "Deal",
            "Acme",
            "seller@example.com",
            "Proposal",
            amount,
            "",
            probability,
            "",
            "2026-03-31",
            "",
        ]
    )


def test_an_amount_that_could_have_three_decimals_is_read_as_thousands(sales) -> None:
    head = HEAD.strip().replace(",", "\t")
    result = deals(sales.manager, f"{head}\n{_tab_row('1.234')}\n{_tab_row('12,750', crm_id='D-2')}\n")
    assert errors_of(result) == []
    assert sorted(Opportunity.objects.values_list("amount", flat=True)) == [
        Decimal("1234.00"),
        Decimal("12750.00"),
    ]


def test_a_percentage_that_can_be_read_two_ways_is_refused_without_a_clue(sales) -> None:
    head = HEAD.strip().replace(",", "\t")
    result = deals(sales.manager, f"{head}\n{_tab_row('5', probability='1.234')}\n")
    assert [(e.row, e.column) for e in result.errors] == [(2, "Probability (%)")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings(sales, encoding: str) -> None:
    text = HEAD + "D-1,Koffie voor Café Zoë,Café De Zwaan,seller@example.com,Proposal,5,EUR,,,2026-03-31,\n"
    assert errors_of(deals(sales.manager, upload(text.encode(encoding)))) == []
    assert Opportunity.objects.get().name == "Koffie voor Café Zoë"


def test_currency_is_kept_per_deal_and_converted_with_a_rate(sales) -> None:
    ExchangeRate.objects.create(organisation=sales.org, currency="USD", rate=Decimal("0.9"))
    text = (
        HEAD + "D-1,Deal,Acme,seller@example.com,Proposal,1000,USD,,,2026-03-31,\n"
        "D-2,Deal,Acme,seller@example.com,Proposal,$ 500,,,,2026-03-31,\n"
        "D-3,Deal,Acme,seller@example.com,Proposal,700,GBP,,,2026-03-31,\n"
        "D-4,Deal,Acme,seller@example.com,Proposal,€ 300,USD,,,2026-03-31,\n"
    )
    result = deals(sales.manager, text)
    assert [(e.row, e.column) for e in result.errors] == [(5, "Amount")]  # € in a USD row
    result = deals(sales.manager, text.rsplit("D-4", 1)[0])
    assert errors_of(result) == []
    found = {d.crm_id: (d.currency, d.amount, d.amount_base) for d in Opportunity.objects.all()}
    assert found == {
        "D-1": ("USD", Decimal("1000.00"), Decimal("900.00")),
        "D-2": ("USD", Decimal("500.00"), Decimal("450.00")),
        "D-3": ("GBP", Decimal("700.00"), None),  # no rate: kept, but left out of totals
    }


def test_owners_are_matched_by_email_crm_id_name_or_a_saved_match(sales) -> None:
    OwnerAlias.objects.create(
        organisation=sales.org, key="s. seller (noord)", label="S. Seller (Noord)", member=sales.seller
    )
    text = (
        HEAD + "D-1,Deal,Acme,SELLER@example.com,Proposal,1,EUR,,,2026-03-31,\n"
        "D-2,Deal,Acme,0055e000001CaRlAAK,Proposal,1,EUR,,,2026-03-31,\n"
        "D-3,Deal,Acme,carla  COLLEAGUE,Proposal,1,EUR,,,2026-03-31,\n"
        "D-4,Deal,Acme,S. Seller (Noord),Proposal,1,EUR,,,2026-03-31,\n"
    )
    assert errors_of(deals(sales.manager, text)) == []
    owners = dict(Opportunity.objects.values_list("crm_id", "owner_id"))
    assert owners == {
        "D-1": sales.seller.pk,
        "D-2": sales.colleague.pk,
        "D-3": sales.colleague.pk,
        "D-4": sales.seller.pk,
    }


def test_two_members_with_the_same_name_are_not_guessed(sales) -> None:
    MembershipFactory(
        organisation=sales.org, user__full_name="Carla Colleague", team=sales.team, reports_to=sales.manager
    )
    result = deals(sales.manager, HEAD + "D-1,Deal,Acme,Carla Colleague,Proposal,1,EUR,,,2026-03-31,\n")
    assert "More than one member is called" in result.errors[0].message


def test_a_deal_of_someone_outside_your_teams_cannot_be_taken_over(sales) -> None:
    deals(sales.other_manager, HEAD + "D-1,Deal,Acme,other.seller@example.com,Proposal,1,EUR,,,2026-03-31,\n")
    result = deals(sales.manager, HEAD + "D-1,Deal,Acme,seller@example.com,Proposal,1,EUR,,,2026-03-31,\n")
    assert [(e.row, e.column) for e in result.errors] == [(2, "CRM id")]
    assert Opportunity.objects.get().owner == sales.other_seller


def test_managers_import_for_their_people_and_the_programme_owner_for_everyone(sales) -> None:
    for member in (sales.seller, sales.colleague, sales.coach):
        with pytest.raises(PermissionDenied):
            deals(member, GOOD)
    # A manager imports only the deals of the people they manage.
    result = deals(sales.other_manager, GOOD)
    assert {e.row for e in result.errors} == {2, 3, 4}
    assert all("not one of the people you manage" in e.message for e in result.errors)
    # The programme owner looks after the organisation's data: the CRM export of the
    # whole organisation is theirs to import (an import mirrors the CRM).
    assert errors_of(deals(sales.owner, GOOD)) == []


def test_a_mapped_crm_stage_name_imports(sales) -> None:
    stages = funnel_ensure(organisation_id=sales.org.pk)
    StageAlias.objects.create(
        organisation=sales.org, stage=stages[2], name="Demo gepland", key="demo gepland"
    )
    result = deals(
        sales.manager, HEAD + "D-1,Deal,Acme,seller@example.com,Demo gepland,1,EUR,,,2026-03-31,\n"
    )
    assert errors_of(result) == []
    assert Opportunity.objects.get().stage == stages[2]


def test_errors_are_in_the_language_of_the_request(sales) -> None:
    with translation.override("nl"):
        result = deals(
            sales.manager, HEAD + "D-1,Deal,Acme,seller@example.com,Proposal,twaalf,EUR,,,2026-02-30,\n"
        )
    messages = [e.message for e in result.errors]
    assert messages == ["“twaalf” is geen getal.", "“2026-02-30” is geen datum die bestaat."]


def test_many_errors_are_listed_up_to_a_limit_and_counted_beyond(sales, monkeypatch) -> None:
    monkeypatch.setattr("salescoach.results.imports.MAX_ERRORS", 5)
    rows = "".join(f"D-{i},Deal,Acme,seller@example.com,Proposal,x{i},EUR,,,2026-03-31,\n" for i in range(12))
    result = deals(sales.manager, HEAD + rows)
    assert len(result.errors) == 6
    assert result.errors[0].row == 0 and "7 more problems" in result.errors[0].message
