"""Real-format exports import without set-up: Salesforce reports (English and Dutch,
UTF-8 and Windows-1252, with the report footer), Salesforce data exports, HubSpot deal
exports (CSV and Excel, with stage history) and SalesCoach's own template."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from salescoach.results.models import Opportunity, StageChange, Target
from tests.results.conftest import deals, errors_of, sample, targets

pytestmark = pytest.mark.django_db


def test_salesforce_report_export_in_english(sales) -> None:
    result = deals(sales.manager, sample("salesforce_report_en.csv"))
    assert errors_of(result) == []
    assert (result.created, result.updated, result.unchanged) == (8, 0, 0)
    deal = Opportunity.objects.get(crm_id="0065e00000Bq1AAAAZ")
    assert deal.owner == sales.seller  # by full name
    assert deal.name == "Onderhoudscontract installaties 2026"
    assert deal.account_name == "Bouwbedrijf Hoekstra B.V."
    assert deal.amount == Decimal("24500.00")  # "24,500.00" in a comma-separated file
    assert deal.close_date == date(2026, 3, 31)  # 3/31/2026
    assert deal.created_date == date(2026, 1, 12)
    assert deal.probability == 75
    assert deal.stage.name == "Proposal" and deal.crm_stage == "Proposal/Price Quote"
    assert deal.status == "open"
    usd = Opportunity.objects.get(crm_id="0065e00000Bq1AGAAZ")
    assert (usd.currency, usd.amount, usd.amount_base) == ("USD", Decimal("8900.00"), None)
    assert Opportunity.objects.get(crm_id="0065e00000Bq1ACAAZ").status == "won"
    assert Opportunity.objects.get(crm_id="0065e00000Bq1ADAAZ").status == "lost"


def test_salesforce_report_export_in_dutch_windows_1252(sales) -> None:
    result = deals(sales.manager, sample("salesforce_report_nl.csv"))
    assert errors_of(result) == []
    assert result.created == 4
    deal = Opportunity.objects.get(crm_id="0065e00000Bq2AAAAZ")
    assert deal.account_name == "Café De Zwaan"
    assert deal.amount == Decimal("12750.00")  # "12.750,00"
    assert deal.close_date == date(2026, 3, 31)  # 31-3-2026
    assert deal.created_date == date(2026, 1, 12)  # 12-1-2026: day first, as the column shows
    won = Opportunity.objects.get(crm_id="0065e00000Bq2ABAAZ")
    assert won.amount == Decimal("48300.50") and won.created_date == date(2025, 12, 2)


def test_salesforce_data_export_with_api_field_names(sales) -> None:
    result = deals(sales.manager, sample("salesforce_data_export.csv"))
    assert errors_of(result) == []
    assert result.created == 5
    deal = Opportunity.objects.get(crm_id="0065e00000Bq3AAAAZ")
    assert deal.owner == sales.seller  # OwnerId = the member's CRM user id
    assert deal.account_name == "0015e00000Ac1AAAAZ"  # only AccountId in Opportunity.csv
    assert deal.created_date == date(2026, 1, 7)  # 2026-01-07T09:12:44.000Z
    assert deal.probability == 90 and deal.stage.name == "Negotiation"
    gbp = Opportunity.objects.get(crm_id="0065e00000Bq3AEAAZ")
    assert gbp.owner == sales.colleague and gbp.currency == "GBP"


def test_salesforce_15_character_owner_ids_match_18_character_ones(sales) -> None:
    sales.seller.crm_user_id = "0055e000001SaNn"
    sales.seller.save()
    result = deals(sales.manager, sample("salesforce_data_export.csv"))
    assert errors_of(result) == []


def test_hubspot_deals_export_with_stage_history(sales) -> None:
    result = deals(sales.manager, sample("hubspot_deals_en.csv"))
    assert errors_of(result) == []
    assert result.created == 4
    deal = Opportunity.objects.get(crm_id="14872305111")
    assert deal.amount == Decimal("7250.50")
    assert deal.stage.name == "Negotiation" and deal.crm_stage == "Contract Sent"
    assert deal.probability == 90  # HubSpot's 0.9
    assert deal.close_date == date(2026, 3, 31)
    history = list(deal.stage_changes.order_by("entered_on").values_list("crm_stage", "entered_on"))
    assert history == [
        ("Appointment Scheduled", date(2025, 12, 2)),
        ("Decision Maker Bought-In", date(2026, 1, 20)),
        ("Contract Sent", date(2026, 2, 24)),
    ]
    lost = Opportunity.objects.get(crm_id="14872305113")
    assert lost.status == "lost" and lost.lost_reason == "Chose a competitor"
    assert StageChange.objects.count() == 13


def test_hubspot_export_as_excel_with_dutch_headings(sales) -> None:
    result = deals(sales.manager, sample("hubspot_deals_nl.xlsx"))
    assert errors_of(result) == []
    assert result.created == 3
    deal = Opportunity.objects.get(crm_id="15001200301")
    assert deal.amount == Decimal("8650.75") and deal.close_date == date(2026, 1, 29)
    assert deal.status == "won"


def test_salescoach_template_in_dutch_from_dutch_excel(sales) -> None:
    result = deals(sales.manager, sample("salescoach_template_nl.csv"))
    assert errors_of(result) == []
    assert result.created == 4
    deal = Opportunity.objects.get(crm_id="NW-2026-0101")
    assert deal.amount == Decimal("24500.00") and deal.close_date == date(2026, 3, 31)
    assert Opportunity.objects.get(crm_id="NW-2026-0103").lost_reason == "Geen budget"


def test_the_downloadable_template_imports_as_it_is(sales, client_for) -> None:
    response = client_for(sales.manager).get(f"/o/{sales.org.slug}/imports/opportunities/template.csv")
    assert response.status_code == 200
    content = response.content.replace(b"sanne.devries@example.com", b"seller@example.com")
    result = deals(sales.manager, content)
    assert errors_of(result) == [] and result.created == 1


def test_targets_in_english_and_in_dutch(sales) -> None:
    result = targets(sales.manager, sample("targets_en.csv"))
    assert errors_of(result) == [] and result.created == 4
    result = targets(sales.manager, sample("targets_nl.csv"))
    assert errors_of(result) == [] and result.created == 3
    q3 = Target.objects.get(member=sales.seller, period_kind="quarter", period_start=date(2026, 7, 1))
    assert (q3.amount, q3.count) == (Decimal("172500.00"), 7)
    july = Target.objects.get(member=sales.colleague, period_kind="month", period_start=date(2026, 7, 1))
    assert (july.amount, july.count) == (None, 2)
