"""The import endpoints' exact answer shape, and the results API's figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from salescoach.accounts.services import api_token_create
from salescoach.results.models import Opportunity
from tests.results.conftest import FILES

pytestmark = pytest.mark.django_db


def client(member) -> Client:
    _token, raw = api_token_create(user=member.user, name="api", organisation=member.organisation)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def post(c: Client, path: str, name: str, **data: object):
    with (FILES / name).open("rb") as handle:
        return c.post(path, {"file": handle, **data})


def test_import_deals_answer_shape_dry_run_and_real(sales) -> None:
    c = client(sales.manager)
    dry = post(c, "/api/v1/imports/opportunities", "hubspot_deals_en.csv", dry_run="true")
    assert dry.status_code == 200
    assert dry.json() == {"created": 4, "updated": 0, "unchanged": 0, "errors": []}
    assert Opportunity.objects.count() == 0
    real = post(c, "/api/v1/imports/opportunities", "hubspot_deals_en.csv")
    assert real.json() == {"created": 4, "updated": 0, "unchanged": 0, "errors": []}
    again = post(c, "/api/v1/imports/opportunities", "hubspot_deals_en.csv")
    assert again.json() == {"created": 0, "updated": 0, "unchanged": 4, "errors": []}


def test_import_errors_come_by_row_and_column_in_the_callers_language(sales) -> None:
    c = client(sales.manager)
    with (FILES / "salescoach_template_nl.csv").open("rb") as handle:
        content = handle.read().replace(b"24.500,00", b"veel")
    from django.core.files.uploadedfile import SimpleUploadedFile

    answer = c.post(
        "/api/v1/imports/opportunities",
        {"file": SimpleUploadedFile("deals.csv", content)},
        HTTP_ACCEPT_LANGUAGE="nl",
    ).json()
    assert set(answer) == {"created", "updated", "unchanged", "errors"}
    assert answer["errors"] == [{"row": 2, "column": "Bedrag", "message": "“veel” is geen getal."}]
    assert Opportunity.objects.count() == 0


def test_import_targets_answer_shape(sales) -> None:
    answer = post(client(sales.manager), "/api/v1/imports/targets", "targets_en.csv").json()
    assert answer == {"created": 4, "updated": 0, "unchanged": 0, "errors": []}


def test_a_seller_cannot_import(sales) -> None:
    assert (
        post(client(sales.seller), "/api/v1/imports/opportunities", "hubspot_deals_en.csv").status_code == 404
    )


def test_the_api_gives_the_same_figures_as_the_page(sales) -> None:
    c = client(sales.manager)
    post(c, "/api/v1/imports/opportunities", "salesforce_report_en.csv")
    post(c, "/api/v1/imports/targets", "targets_en.csv")
    data = c.get("/api/v1/results/dashboard?period=2026-Q1").json()
    assert data["period"] == "2026-Q1" and data["start"] == "2026-01-01" and data["end"] == "2026-04-01"
    seller = next(p for p in data["people"] if p["person"]["id"] == sales.seller.pk)["figures"]
    # Q1 2026 for Sanne: won 86,250 (Gemeente Oostermeer), lost 9,800, open 24,500 at 75%.
    assert seller["target_amount"] == "150000.00" and seller["won_amount"] == "86250.00"
    assert seller["attainment_pct"] == "57.5" and seller["weighted_pipeline"] == "18375.00"
    assert seller["forecast"] == "104625.00" and seller["win_rate_pct"] == "50.0"
    assert seller["coverage"] == "0.38"  # 24,500 / 63,750
    person = c.get(f"/api/v1/results/people/{sales.seller.pk}?period=2026-Q1").json()
    assert person["total"] == seller
    deal = Opportunity.objects.get(crm_id="0065e00000Bq1AAAAZ")
    detail = c.get(f"/api/v1/results/opportunities/{deal.pk}").json()
    assert (
        detail["amount"] == "24500.00" and detail["effective_probability"] == 75 and detail["history"] == []
    )
    funnel = c.get("/api/v1/results/funnel").json()
    assert funnel["currency"] == "EUR" and "Proposal/Price Quote" in funnel["stages"][3]["crm_names"]


def test_a_bad_period_is_a_clear_400(sales) -> None:
    answer = client(sales.manager).get("/api/v1/results/dashboard?period=soon")
    assert answer.status_code == 400 and "2026-Q1" in answer.json()["detail"]


def test_deals_filtered_by_period_stage_and_status(sales) -> None:
    c = client(sales.manager)
    post(c, "/api/v1/imports/opportunities", "salesforce_report_en.csv")
    won = c.get("/api/v1/results/opportunities?status=won&period=2026-Q1").json()
    assert {d["crm_id"] for d in won["items"]} == {"0065e00000Bq1ACAAZ", "0065e00000Bq1AHAAZ"}
    assert won["items"][0]["close_date"] <= won["items"][1]["close_date"]
    assert date.fromisoformat(won["items"][0]["close_date"]) >= date(2026, 1, 1)
    assert Decimal(won["items"][0]["amount"]) > 0
