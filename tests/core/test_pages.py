"""Security headers, role navigation, home pages and the health check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from tests.conftest import People

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_pages_send_a_strict_csp_and_no_store(people: People, client_for) -> None:
    response = client_for(people.seller).get(f"/o/{people.org.slug}/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["Cache-Control"] == "no-store, private"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_no_template_has_an_inline_script_or_style() -> None:
    offenders = []
    for template in ROOT.glob("salescoach/**/templates/**/*.html"):
        text = template.read_text()
        if "/email/" in str(template):
            continue  # e-mails are not pages; mail clients need inline styles
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{template}: {tag}")
        if re.search(r"<style\b|\sstyle=\"|\son[a-z]+=\"", text):
            offenders.append(f"{template}: inline style or event handler")
    assert not offenders, offenders


def test_home_shows_what_fits_each_role(people: People, client_for) -> None:
    owner = client_for(people.owner).get(f"/o/{people.org.slug}/").content.decode()
    manager = client_for(people.manager).get(f"/o/{people.org.slug}/").content.decode()
    seller = client_for(people.seller).get(f"/o/{people.org.slug}/").content.decode()
    assert "Your organisation" in owner and "Import people" in owner
    assert "Your team" in manager and "Sanne Seller" in manager
    assert "Where you work" in seller and "Import people" not in seller
    assert "/people/" not in seller.split("<main")[0]  # no People link in a seller's navigation


def test_root_redirects_to_the_last_organisation(people: People, client_for) -> None:
    client = client_for(people.seller)
    assert client.get("/")["Location"] == f"/o/{people.org.slug}/"
    assert Client().get("/")["Location"].startswith("/accounts/login/")


def test_people_pages(people: People, client_for) -> None:
    owner = client_for(people.owner)
    slug = people.org.slug
    for path in [
        "teams/",
        "teams/new/",
        f"teams/{people.team.pk}/",
        f"teams/{people.team.pk}/edit/",
        "people/",
        "people/invite/",
        f"people/{people.seller.pk}/",
        f"people/{people.seller.pk}/edit/",
        "invitations/",
        "imports/members/",
    ]:
        assert owner.get(f"/o/{slug}/{path}").status_code == 200, path
    seller = client_for(people.seller)
    assert seller.get(f"/o/{slug}/teams/new/").status_code == 403
    assert seller.get(f"/o/{slug}/people/{people.other_seller.pk}/").status_code == 404
    assert seller.get(f"/o/{slug}/imports/members/").status_code == 404


def test_people_list_runs_a_fixed_number_of_queries(
    people: People, client_for, django_assert_max_num_queries
) -> None:
    from salescoach.organisations.models import Role
    from tests.factories import MembershipFactory

    owner = client_for(people.owner)
    for _ in range(25):
        MembershipFactory(
            organisation=people.org, roles=[Role.SELLER], team=people.team, reports_to=people.manager
        )
    with django_assert_max_num_queries(14):
        assert owner.get(f"/o/{people.org.slug}/people/").status_code == 200
    # The home page: the organisation's sections plus one query each for the evaluations
    # and open surveys sections -- a fixed number, whatever the size of the organisation.
    with django_assert_max_num_queries(16):
        assert owner.get(f"/o/{people.org.slug}/").status_code == 200


def test_htmx_search_returns_only_the_rows(people: People, client_for) -> None:
    response = client_for(people.owner).get(f"/o/{people.org.slug}/people/?q=sanne", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and ">Sanne Seller</a>" in body and ">Mark Manager</a>" not in body


def test_invite_through_the_page(people: People, client_for) -> None:
    owner = client_for(people.owner)
    response = owner.post(
        f"/o/{people.org.slug}/people/invite/",
        {"email": "bad", "full_name": "", "roles": ["seller"]},
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    response = owner.post(
        f"/o/{people.org.slug}/people/invite/",
        {
            "email": "page@example.com",
            "full_name": "Page Person",
            "roles": ["seller"],
            "team": people.team.pk,
        },
    )
    assert response.status_code == 302


def test_invitation_accept_page_for_a_new_person(people: People, client_for) -> None:
    from salescoach.organisations import services
    from salescoach.organisations.models import Role

    member = services.member_invite(
        actor=people.owner, email="fresh@example.com", full_name="Fresh", roles=[Role.SELLER]
    )
    link = f"/invitations/{services.invitation_token(member.invitations.get())}/"
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert "Join" in client.get(link).content.decode()
    mismatch = client.post(
        link, {"action": "accept", "full_name": "Fresh P", "password1": "Xy-12345-long", "password2": "nope"}
    )
    assert mismatch.status_code == 200
    done = client.post(
        link,
        {
            "action": "accept",
            "full_name": "Fresh P",
            "password1": "Xy-12345-long",
            "password2": "Xy-12345-long",
        },
    )
    assert done["Location"] == f"/o/{people.org.slug}/"
    assert client.get(done["Location"]).status_code == 200
    reused = Client(HTTP_ACCEPT_LANGUAGE="en").get(link)
    assert reused.status_code == 410 and "already been accepted" in reused.content.decode()


def test_member_import_pages(people: People, client_for, django_capture_on_commit_callbacks) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    owner = client_for(people.owner)
    slug = people.org.slug
    template = owner.get(f"/o/{slug}/imports/members/template.csv")
    assert template.status_code == 200 and b"E-mail" in template.content
    upload = SimpleUploadedFile(
        "people.csv", b"email,full name,roles\npage.import@example.com,Page Import,seller\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post(f"/o/{slug}/imports/members/", {"file": upload})
    job_url = response["Location"]
    page = owner.get(job_url).content.decode()
    assert "Import now" in page
    with django_capture_on_commit_callbacks(execute=True):
        owner.post(job_url + "confirm/")
    assert "Imported" in owner.get(job_url).content.decode()
    from salescoach.organisations.models import Membership

    assert Membership.objects.filter(user__email="page.import@example.com").exists()


def test_healthz(db: None) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "queue": "ok"},
    }
