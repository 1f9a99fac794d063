from __future__ import annotations

import io

import pytest
from django.test import Client

from salescoach.accounts.services import api_token_create
from salescoach.organisations.models import Membership, MembershipStatus, Role
from tests.conftest import People
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def api_client(member: Membership, organisation=None, language: str = "en") -> Client:  # type: ignore[no-untyped-def]
    _, raw = api_token_create(user=member.user, name="test", organisation=organisation)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE=language)


def test_me(people: People) -> None:
    body = api_client(people.seller).get("/api/v1/me").json()
    assert body["email"] == "seller@example.com"
    assert body["full_name"] == "Sanne Seller"
    assert body["organisations"] == [
        {
            "slug": people.org.slug,
            "name": people.org.name,
            "roles": ["seller"],
            "team_id": people.team.pk,
            "member_id": people.seller.pk,
        }
    ]


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer nonsense", "Basic abc", "Bearer sc_" + "x" * 300])
def test_bad_credentials_are_refused(people: People, header: str) -> None:
    response = Client(HTTP_AUTHORIZATION=header).get("/api/v1/me")
    assert response.status_code == 401


def test_a_revoked_token_is_refused(people: People) -> None:
    token, raw = api_token_create(user=people.seller.user, name="x")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get("/api/v1/me").status_code == 200
    from salescoach.accounts.services import api_token_revoke

    api_token_revoke(user=people.seller.user, token=token)
    assert client.get("/api/v1/me").status_code == 401


def test_the_organisation_is_chosen_when_a_user_has_several(people: People) -> None:
    MembershipFactory(organisation=people.outsider_org, user=people.coach.user, roles=[Role.EXTERNAL_COACH])
    client = api_client(people.coach)
    ambiguous = client.get("/api/v1/teams")
    assert ambiguous.status_code == 400 and "X-Organisation" in ambiguous.json()["detail"]
    assert client.get("/api/v1/teams", HTTP_X_ORGANISATION=people.org.slug).status_code == 200
    assert client.get(f"/api/v1/teams?organisation={people.outsider_org.slug}").status_code == 200
    assert client.get("/api/v1/teams", HTTP_X_ORGANISATION="nowhere").status_code == 404
    scoped = api_client(people.coach, organisation=people.outsider_org)
    assert scoped.get("/api/v1/teams").status_code == 200


def test_teams_are_scoped_to_what_the_viewer_may_see(people: People) -> None:
    owner = {t["name"] for t in api_client(people.owner).get("/api/v1/teams").json()}
    manager = {t["name"] for t in api_client(people.manager).get("/api/v1/teams").json()}
    seller = {t["name"] for t in api_client(people.seller).get("/api/v1/teams").json()}
    coach = {t["name"] for t in api_client(people.coach).get("/api/v1/teams").json()}
    assert owner == {"Team A", "Team B"}
    assert manager == seller == {"Team A"}
    assert coach == set()


def test_team_detail_shows_the_managers_superior(people: People) -> None:
    body = api_client(people.owner).get(f"/api/v1/teams/{people.team.pk}").json()
    assert body["manager"]["email"] == "manager@example.com"
    assert body["manager_superior"]["email"] == "owner@example.com"
    assert body["member_count"] == 3


def test_team_create_and_update(people: People) -> None:
    client = api_client(people.owner)
    created = client.post(
        "/api/v1/teams",
        {"name": "Team C", "manager_id": people.other_manager.pk},
        content_type="application/json",
    )
    assert created.status_code == 201
    team_id = created.json()["id"]
    patched = client.patch(f"/api/v1/teams/{team_id}", {"name": "Team Cee"}, content_type="application/json")
    assert patched.json()["name"] == "Team Cee"
    bad = client.post(
        "/api/v1/teams", {"name": "Team D", "manager_id": people.seller.pk}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert "manager" in bad.json()["errors"]
    refused = api_client(people.manager).post(
        "/api/v1/teams", {"name": "X", "manager_id": people.manager.pk}, content_type="application/json"
    )
    assert refused.status_code == 403


def test_errors_come_in_the_callers_language(people: People) -> None:
    client = api_client(people.owner, language="nl")
    response = client.post("/api/v1/teams", {"name": "T", "manager_id": 0}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"]["manager"] == ["Deze persoon is geen lid van deze organisatie."]


def test_member_list_filters_and_pagination(people: People) -> None:
    client = api_client(people.owner)
    everyone = client.get("/api/v1/members?limit=3").json()
    assert everyone["count"] == 7 and len(everyone["items"]) == 3
    sellers = client.get(f"/api/v1/members?role=seller&team={people.team.pk}").json()
    assert {m["email"] for m in sellers["items"]} == {"seller@example.com", "colleague@example.com"}
    found = client.get("/api/v1/members?q=sanne").json()
    assert [m["email"] for m in found["items"]] == ["seller@example.com"]


def test_page_sizes_are_bounded(people: People, settings) -> None:
    client = api_client(people.owner)
    assert client.get(f"/api/v1/members?limit={settings.NINJA_PAGINATION_MAX_LIMIT}").status_code == 200
    too_many = client.get(f"/api/v1/members?limit={settings.NINJA_PAGINATION_MAX_LIMIT + 1}")
    assert too_many.status_code == 422


def test_member_list_runs_a_fixed_number_of_queries(people: People, django_assert_max_num_queries) -> None:
    client = api_client(people.owner)
    for i in range(30):
        MembershipFactory(
            organisation=people.org, roles=[Role.SELLER], team=people.team, reports_to=people.manager
        )
        assert i >= 0
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/members?limit=100")
    assert response.json()["count"] == 37


def test_invite_update_deactivate_reactivate(people: People) -> None:
    client = api_client(people.owner)
    invited = client.post(
        "/api/v1/members",
        {
            "email": "new@example.com",
            "full_name": "New Person",
            "roles": ["seller"],
            "team_id": people.team.pk,
        },
        content_type="application/json",
    )
    assert invited.status_code == 201 and invited.json()["status"] == "invited"
    member_id = invited.json()["id"]
    patched = client.patch(
        f"/api/v1/members/{member_id}",
        {"roles": ["seller", "senior_seller"]},
        content_type="application/json",
    )
    assert patched.json()["roles"] == ["seller", "senior_seller"]
    deactivated = client.post(f"/api/v1/members/{people.seller.pk}/deactivate")
    assert deactivated.json()["status"] == "deactivated"
    assert client.post(f"/api/v1/members/{people.seller.pk}/reactivate").json()["status"] == "active"
    invitations = client.get("/api/v1/invitations").json()
    assert [i["email"] for i in invitations] == ["new@example.com"]
    resent = client.post(f"/api/v1/invitations/{invitations[0]['id']}/resend").json()
    assert resent["send_count"] == 2
    assert client.post(f"/api/v1/invitations/{invitations[0]['id']}/revoke").json()["status"] == "revoked"
    assert Membership.objects.get(pk=member_id).status == MembershipStatus.DEACTIVATED


def test_sellers_cannot_change_people(people: People) -> None:
    client = api_client(people.seller)
    assert client.post(f"/api/v1/members/{people.colleague.pk}/deactivate").status_code == 403
    assert (
        client.patch(
            f"/api/v1/members/{people.colleague.pk}",
            {"roles": ["programme_owner"]},
            content_type="application/json",
        ).status_code
        == 403
    )
    assert client.get("/api/v1/invitations").status_code == 403
    # ...and members outside their circle are simply not there.
    assert client.get(f"/api/v1/members/{people.other_seller.pk}").status_code == 404


def test_member_import_endpoint(people: People) -> None:
    client = api_client(people.owner)
    upload = io.BytesIO(b"email,full name,roles\nimp@example.com,Imp Orted,seller\n")
    upload.name = "people.csv"
    dry = client.post("/api/v1/imports/members", {"file": upload, "dry_run": "true"})
    assert dry.json() == {"created": 1, "updated": 0, "unchanged": 0, "errors": []}
    assert not Membership.objects.filter(user__email="imp@example.com").exists()
    upload.seek(0)
    real = client.post("/api/v1/imports/members", {"file": upload})
    assert real.json()["created"] == 1
    broken = io.BytesIO(b"email,full name,roles\nbroken,,\n")
    broken.name = "broken.csv"
    answer = client.post("/api/v1/imports/members", {"file": broken}).json()
    assert answer["created"] == 0 and {e["column"] for e in answer["errors"]} == {
        "email",
        "full name",
        "roles",
    }
    assert api_client(people.manager).post("/api/v1/imports/members", {"file": broken}).status_code == 404


def test_openapi_and_docs_are_served(people: People) -> None:
    schema = Client().get("/api/v1/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/me" in paths and "/api/v1/imports/members" in paths
    docs = Client().get("/api/v1/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.content.decode().lower()


def test_session_authenticated_changes_need_the_csrf_token(people: People) -> None:
    from tests.factories import PASSWORD

    client = Client(enforce_csrf_checks=True)
    client.login(username="seller@example.com", password=PASSWORD)
    assert client.get("/api/v1/me").status_code == 200
    response = client.post("/api/v1/me/tokens", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    client.get("/accounts/settings/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/api/v1/me/tokens", {"name": "x"}, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 201
