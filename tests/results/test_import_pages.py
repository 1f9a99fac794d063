"""The import pages: upload, check in the background (with progress), the follow-up
steps that match columns, owners and stages (saved for next time), and confirm."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from salescoach.accounts.services import api_token_create
from salescoach.imports.models import ImportJob
from salescoach.results.models import ColumnMapping, Opportunity, OwnerAlias, StageAlias
from tests.results.conftest import FILES, deals, upload

pytestmark = pytest.mark.django_db

HEAD = "CRM id,Opportunity,Account,Owner e-mail,Stage,Amount,Currency,Probability (%),Created,Close date,Lost reason\n"


@pytest.fixture(autouse=True)
def run_tasks_on_commit(django_capture_on_commit_callbacks, monkeypatch):  # type: ignore[no-untyped-def]
    """The import's background task is enqueued when the transaction commits, which a
    test's transaction never does: run it when each request is done."""
    original = Client.request

    def request(self, **kwargs):  # type: ignore[no-untyped-def]
        with django_capture_on_commit_callbacks(execute=True):
            response = original(self, **kwargs)
        return response

    monkeypatch.setattr(Client, "request", request)


@pytest.fixture
def english(client_for):  # type: ignore[no-untyped-def]
    def make(member):  # type: ignore[no-untyped-def]
        client = client_for(member)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return make


def check(client: Client, slug: str, name: str, content: bytes, kind: str = "opportunities") -> ImportJob:
    response = client.post(f"/o/{slug}/imports/{kind}/", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302, response.content[:500]
    return ImportJob.objects.latest("pk")


def test_upload_check_confirm(sales, english) -> None:
    client = english(sales.manager)
    job = check(client, sales.org.slug, "deals.csv", (FILES / "salesforce_data_export.csv").read_bytes())
    assert job.status == "checked" and job.preview["created"] == 5 and job.preview["errors"] == []
    page = client.get(f"/o/{sales.org.slug}/imports/jobs/{job.pk}/").content.decode()
    assert "Import now" in page
    assert Opportunity.objects.count() == 0
    client.post(f"/o/{sales.org.slug}/imports/jobs/{job.pk}/confirm/")
    job.refresh_from_db()
    assert job.status == "done" and job.result["created"] == 5 and job.rows_done == 5
    assert Opportunity.objects.count() == 5
    assert not job.file  # the upload is not kept


def test_progress_is_reported_while_a_large_file_is_read(sales, monkeypatch) -> None:
    monkeypatch.setattr("salescoach.results.imports.PROGRESS_EVERY", 3)
    rows = "".join(
        f"D-{i},Deal {i},Acme,seller@example.com,Proposal,{i},EUR,,,2026-03-31,\n" for i in range(10)
    )
    seen: list[int] = []
    from salescoach.results.imports import import_opportunities

    result = import_opportunities(
        actor=sales.manager, upload=upload(HEAD + rows), dry_run=False, progress=seen.append
    )
    assert result.created == 10
    assert seen == [3, 6, 9, 10]


def test_unknown_columns_are_matched_once_and_remembered(sales, english) -> None:
    client = english(sales.manager)
    content = (FILES / "other_crm_deals.csv").read_bytes()
    job = check(client, sales.org.slug, "export.csv", content)
    assert job.preview["errors"]
    page = client.get(f"/o/{sales.org.slug}/imports/jobs/{job.pk}/").content.decode()
    columns_url = f"/o/{sales.org.slug}/results/imports/{job.pk}/columns/"
    assert columns_url in page and "Match the columns" in page
    form = client.get(columns_url)
    assert form.status_code == 200 and "Deal - Expected close date" in form.content.decode()
    response = client.post(
        columns_url,
        {
            "crm_id": "Deal - ID",
            "name": "Deal - Title",
            "account": "Deal - Organization",
            "owner": "Deal - Owner",
            "stage": "Deal - Stage",
            "amount": "Deal - Value",
            "currency": "Deal - Currency",
            "created_date": "Deal - Deal created",
            "close_date": "Deal - Expected close date",
        },
    )
    assert response.status_code == 302
    assert ColumnMapping.objects.filter(organisation=sales.org, kind="opportunities").count() == 1
    job.refresh_from_db()
    # The columns are known now; the stages ("Proposal Made") still need mapping.
    assert {e["column"] for e in job.preview["errors"]} == {"Deal - Stage"}
    stages_url = f"/o/{sales.org.slug}/results/imports/{job.pk}/stages/"
    assert stages_url in client.get(f"/o/{sales.org.slug}/imports/jobs/{job.pk}/").content.decode()
    form = client.get(stages_url).content.decode()
    assert "Proposal Made" in form and "Negotiations Started" in form
    from salescoach.results.models import FunnelStage

    proposal = FunnelStage.objects.get(organisation=sales.org, name="Proposal")
    negotiation = FunnelStage.objects.get(organisation=sales.org, name="Negotiation")
    client.post(stages_url, {"value_0": proposal.pk, "value_1": negotiation.pk})
    job.refresh_from_db()
    assert job.preview == {"created": 2, "updated": 0, "unchanged": 0, "errors": []}
    assert StageAlias.objects.filter(organisation=sales.org, name="Proposal Made", stage=proposal).exists()
    # Next time, also through the API, the same columns need no set-up.
    _token, raw = api_token_create(user=sales.manager.user, name="api", organisation=sales.org)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    answer = api.post(
        "/api/v1/imports/opportunities", {"file": SimpleUploadedFile("again.csv", content)}
    ).json()
    assert answer == {"created": 2, "updated": 0, "unchanged": 0, "errors": []}


def test_unmatched_owners_are_listed_and_resolved(sales, english) -> None:
    client = english(sales.manager)
    content = (
        HEAD + "D-1,Deal,Acme,S. Seller (Noord),Proposal,5,EUR,,,2026-03-31,\n"
        "D-2,Deal,Acme,S. Seller (Noord),Proposal,5,EUR,,,2026-03-31,\n"
        "D-3,Deal,Acme,Jan Onbekend,Proposal,5,EUR,,,2026-03-31,\n"
    ).encode()
    job = check(client, sales.org.slug, "deals.csv", content)
    owners_url = f"/o/{sales.org.slug}/results/imports/{job.pk}/owners/"
    assert owners_url in client.get(f"/o/{sales.org.slug}/imports/jobs/{job.pk}/").content.decode()
    form = client.get(owners_url).content.decode()
    assert "S. Seller (Noord)" in form and "Jan Onbekend" in form and "On 2 row(s)." in form
    client.post(owners_url, {"value_0": sales.seller.pk, "value_1": ""})
    assert OwnerAlias.objects.get(organisation=sales.org).member == sales.seller
    job.refresh_from_db()
    assert [(e["row"], e["column"]) for e in job.preview["errors"]] == [(4, "Owner e-mail")]
    assert (
        deals(sales.manager, HEAD + "D-1,Deal,Acme,S. Seller (Noord),Proposal,5,EUR,,,2026-03-31,\n").created
        == 1
    )


def test_follow_up_pages_are_for_the_person_who_uploaded(sales, client_for) -> None:
    job = check(
        client_for(sales.manager), sales.org.slug, "x.csv", (FILES / "other_crm_deals.csv").read_bytes()
    )
    for who in (sales.owner, sales.other_manager, sales.seller):
        for step in ("columns", "owners", "stages"):
            assert (
                client_for(who).get(f"/o/{sales.org.slug}/results/imports/{job.pk}/{step}/").status_code
                == 404
            )


def test_targets_upload_and_template(sales, english) -> None:
    client = english(sales.manager)
    template = client.get(f"/o/{sales.org.slug}/imports/targets/template.csv")
    assert template.status_code == 200 and b"Target amount" in template.content
    job = check(
        client, sales.org.slug, "targets.csv", (FILES / "targets_nl.csv").read_bytes(), kind="targets"
    )
    assert job.preview == {"created": 3, "updated": 0, "unchanged": 0, "errors": []}


def test_the_funnel_page_maps_crm_stage_names(sales, english, client_for) -> None:
    client = english(sales.manager)
    page = client.get(f"/o/{sales.org.slug}/results/funnel/")
    assert page.status_code == 200 and "Proposal/Price Quote" in page.content.decode()
    from salescoach.results.models import FunnelStage

    solution = FunnelStage.objects.get(organisation=sales.org, name="Solution")
    client.post(
        f"/o/{sales.org.slug}/results/funnel/",
        {"action": "alias", "name": "Demo gepland", "stage": solution.pk},
    )
    assert (
        deals(
            sales.manager, HEAD + "D-1,Deal,Acme,seller@example.com,Demo gepland,5,EUR,,,2026-03-31,\n"
        ).created
        == 1
    )
    assert client_for(sales.seller).get(f"/o/{sales.org.slug}/results/funnel/").status_code == 404
