"""Privacy pages and API: your own access log, the owner's audit log and settings, and
the personal data export."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from salescoach.accounts.services import api_token_create
from salescoach.organisations.models import Membership, Organisation
from salescoach.privacy.models import AuditAction, AuditEntry, AuditOutcome
from salescoach.privacy.services import audit_record
from tests.conftest import People

pytestmark = pytest.mark.django_db


def api(member: Membership, organisation: Organisation | None = None, language: str = "en") -> Client:
    _, raw = api_token_create(user=member.user, name="t", organisation=organisation)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE=language)


def coaching_read(people: People, reader: Membership, about: Membership, **kwargs) -> AuditEntry:  # type: ignore[no-untyped-def]
    """What the coaching workspace will record when someone opens a coaching item."""
    return audit_record(
        action=kwargs.pop("action", AuditAction.READ),
        object_type="coaching.note",
        object_id=kwargs.pop("object_id", 7),
        actor=reader,
        subject=about,
        **kwargs,
    )


# --- who accessed your coaching data ----------------------------------------------------------


def test_the_seller_sees_who_accessed_their_coaching_data(people: People, client_for) -> None:
    coaching_read(people, people.coach, people.seller)
    coaching_read(people, people.manager, people.seller, outcome=AuditOutcome.DENIED, action="access_denied")
    coaching_read(people, people.seller, people.seller)  # their own reads are not listed
    coaching_read(people, people.coach, people.colleague)  # someone else's data
    audit_record(action=AuditAction.ROLE_CHANGE, object_type="organisations.membership", actor=people.owner)
    page = client_for(people.seller).get(f"/o/{people.org.slug}/privacy/").content.decode()
    assert page.count("<tr>") == 3  # header + two rows
    assert people.coach.user.full_name in page and people.manager.user.full_name in page
    assert "Refused" in page and "Allowed" in page
    body = api(people.seller).get("/api/v1/privacy/access-log").json()
    assert body["count"] == 2
    assert {item["who"] for item in body["items"]} == {
        people.coach.user.full_name,
        people.manager.user.full_name,
    }


def test_nobody_else_sees_a_sellers_access_log(people: People, client_for) -> None:
    coaching_read(people, people.coach, people.seller)
    for other in (people.manager, people.owner, people.coach, people.colleague):
        assert api(other).get("/api/v1/privacy/access-log").json()["count"] == 0
        assert (
            people.coach.user.full_name
            not in client_for(other)
            .get(f"/o/{people.org.slug}/privacy/")
            .content.decode()
            .split("<main")[1]
            .split("For the programme owner")[0]
        )
    # Not in the organisation's audit log either: it is the seller's alone.
    assert api(people.owner).get("/api/v1/privacy/audit").json()["count"] == 0


# --- the organisation's audit log -------------------------------------------------------------


def test_the_owner_reads_the_audit_log_with_filters(people: People, client_for) -> None:
    audit_record(
        action=AuditAction.ROLE_CHANGE,
        object_type="organisations.membership",
        object_id=people.seller.pk,
        actor=people.owner,
        subject=people.seller,
        detail="added:senior_seller",
    )
    client_for(people.seller).get(f"/o/{people.org.slug}/teams/new/")  # refused: on record
    page = client_for(people.owner).get(f"/o/{people.org.slug}/privacy/audit/").content.decode()
    assert "added:senior_seller" in page and "Sanne Seller" in page and "organisations:team-create" in page
    denied = client_for(people.owner).get(f"/o/{people.org.slug}/privacy/audit/?outcome=denied").content
    assert b"added:senior_seller" not in denied and b"organisations:team-create" in denied
    body = api(people.owner).get("/api/v1/privacy/audit?action=role_change").json()
    assert body["count"] == 1 and body["items"][0]["about"] == "Sanne Seller"


def test_only_the_owner_reads_the_audit_log(people: People, client_for) -> None:
    for other in (people.manager, people.seller, people.coach):
        assert client_for(other).get(f"/o/{people.org.slug}/privacy/audit/").status_code == 403
        assert api(other).get("/api/v1/privacy/audit").status_code == 403
    # Another organisation's entries never show.
    audit_record(action=AuditAction.EXPORT, object_type="accounts.user", actor=people.outsider)
    assert api(people.owner).get("/api/v1/privacy/audit?action=export").json()["count"] == 0


def test_the_audit_log_page_runs_a_fixed_number_of_queries(
    people: People, client_for, django_assert_max_num_queries
) -> None:
    owner = client_for(people.owner)
    seller = client_for(people.seller)
    for member in (people.seller, people.colleague, people.manager, people.other_seller) * 15:
        coaching_read(people, people.coach, people.seller)
        audit_record(
            action=AuditAction.ROLE_CHANGE,
            object_type="organisations.membership",
            object_id=member.pk,
            actor=people.owner,
            subject=member,
        )
    with django_assert_max_num_queries(12):
        assert owner.get(f"/o/{people.org.slug}/privacy/audit/").status_code == 200
    with django_assert_max_num_queries(12):
        assert seller.get(f"/o/{people.org.slug}/privacy/").status_code == 200


# --- privacy settings: the minimum group size --------------------------------------------------


def test_the_owner_sets_the_minimum_group_size(people: People, client_for) -> None:
    owner = client_for(people.owner)
    response = owner.post(f"/o/{people.org.slug}/privacy/settings/", {"min_group_size": 6})
    assert response.status_code == 302
    people.org.refresh_from_db()
    assert people.org.min_group_size == 6
    entry = AuditEntry.objects.get(action=AuditAction.SETTINGS_CHANGE)
    assert entry.detail == "min_group_size:5=6" and entry.outcome == AuditOutcome.ALLOWED


@pytest.mark.parametrize("value", [2, 0, -1, 101])
def test_a_minimum_group_size_out_of_range_is_refused_and_recorded(
    people: People, client_for, value: int
) -> None:
    owner = client_for(people.owner)
    response = owner.post(f"/o/{people.org.slug}/privacy/settings/", {"min_group_size": value})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    answer = api(people.owner).patch(
        f"/api/v1/organisations/{people.org.slug}", {"min_group_size": value}, "application/json"
    )
    assert answer.status_code == 400 and "min_group_size" in answer.json()["errors"]
    people.org.refresh_from_db()
    assert people.org.min_group_size == 5
    refusals = AuditEntry.objects.filter(action=AuditAction.SETTINGS_CHANGE, outcome=AuditOutcome.DENIED)
    assert refusals.count() == 2
    assert not AuditEntry.objects.filter(outcome=AuditOutcome.ALLOWED).exists()


def test_the_threshold_message_is_dutch_for_a_dutch_user(people: People) -> None:
    answer = api(people.owner, language="nl").patch(
        f"/api/v1/organisations/{people.org.slug}", {"min_group_size": 2}, "application/json"
    )
    assert "niet lager dan 3" in answer.json()["errors"]["min_group_size"][0]


def test_the_database_refuses_a_threshold_below_three(people: People) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=people.org.pk).update(min_group_size=2)


def test_only_the_owner_changes_privacy_settings(people: People, client_for) -> None:
    assert (
        client_for(people.manager)
        .post(f"/o/{people.org.slug}/privacy/settings/", {"min_group_size": 3})
        .status_code
        == 403
    )
    answer = api(people.manager).patch(
        f"/api/v1/organisations/{people.org.slug}", {"min_group_size": 3}, "application/json"
    )
    assert answer.status_code == 403
    assert (
        api(people.outsider)
        .patch(f"/api/v1/organisations/{people.org.slug}", {"min_group_size": 3}, "application/json")
        .status_code
        == 404
    )
    people.org.refresh_from_db()
    assert people.org.min_group_size == 5
    assert AuditEntry.objects.filter(outcome=AuditOutcome.DENIED).count() == 2


# --- personal data export ---------------------------------------------------------------------


def test_the_export_holds_ones_own_data(people: People) -> None:
    response = api(people.seller).get("/api/v1/me/export")
    assert response.status_code == 200
    data = response.json()
    assert data["format"] == "salescoach.personal-data-export"
    assert data["person"]["email"] == "seller@example.com"
    assert data["account"]["email"] == "seller@example.com"
    (membership,) = data["organisations"]
    assert membership["roles"] == ["seller"] and membership["team"] == "Team A"
    assert membership["reports_to"] == "Mark Manager"
    assert data["coaching_notes"] == []
    assert "colleague@example.com" not in response.content.decode()
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert entry.actor_user_id == people.seller.user_id and entry.outcome == AuditOutcome.ALLOWED


def test_the_export_button_downloads_a_json_file(people: People, client_for) -> None:
    client = client_for(people.seller)
    assert "Download your data" in client.get("/accounts/settings/").content.decode()
    response = client.get("/privacy/export/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="salescoach-export-')
    assert response["Cache-Control"] == "no-store, private"
    assert json.loads(response.content)["account"]["full_name"] == "Sanne Seller"


def test_an_export_for_someone_else_is_refused_and_recorded(people: People, client_for) -> None:
    for victim in (people.colleague.pk, people.outsider_seller.pk, 999999, "abc"):
        answer = api(people.seller).get(f"/api/v1/me/export?member={victim}")
        assert answer.status_code in (403, 422)
    answer = api(people.seller).get(f"/api/v1/me/export?member={people.colleague.pk}")
    assert answer.json() == {"detail": "You can only export your own personal data."}
    page = client_for(people.seller).get(f"/privacy/export/?member={people.colleague.pk}")
    assert page.status_code == 403
    refusals = AuditEntry.objects.filter(action=AuditAction.EXPORT, outcome=AuditOutcome.DENIED)
    assert refusals.count() == 5
    assert not AuditEntry.objects.filter(outcome=AuditOutcome.ALLOWED).exists()
    assert not AuditEntry.objects.filter(object_type="api").exists()  # recorded once, not twice
    own = api(people.seller).get(f"/api/v1/me/export?member={people.seller.pk}")
    assert own.status_code == 200


def test_an_organisation_token_exports_that_organisation_only(people: People) -> None:
    from tests.factories import MembershipFactory

    MembershipFactory(organisation=people.outsider_org, user=people.seller.user, roles=["seller"])
    everything = api(people.seller).get("/api/v1/me/export").json()
    assert everything["organisations_covered"] == [people.org.slug, people.outsider_org.slug]
    scoped = api(people.seller, organisation=people.outsider_org).get("/api/v1/me/export").json()
    assert scoped["organisations_covered"] == [people.outsider_org.slug]
