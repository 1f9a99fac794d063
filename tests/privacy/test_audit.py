"""The access audit log: append-only below the application, written for every refusal
and for role and status changes, never holding content."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.http import Http404

from salescoach.accounts.services import api_token_create
from salescoach.organisations import services as org_services
from salescoach.organisations.models import Role, Team
from salescoach.privacy.access import access_member, access_team, get_or_404
from salescoach.privacy.models import AuditAction, AuditEntry, AuditOutcome
from salescoach.privacy.services import audit_record, audit_role_change
from tests.conftest import People

pytestmark = pytest.mark.django_db


def entry(**kwargs) -> AuditEntry:  # type: ignore[no-untyped-def]
    defaults = {"action": AuditAction.EXPORT, "object_type": "accounts.user", "object_id": 1}
    return audit_record(**{**defaults, **kwargs})


def refuses(statement) -> None:  # type: ignore[no-untyped-def]
    """The statement fails in the database; the test's transaction carries on."""
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        statement()


# --- append-only ------------------------------------------------------------------------


@pytest.mark.usefixtures("audit_guard_as_in_production")
def test_the_orm_cannot_update_or_delete_entries(people: People) -> None:
    first = entry(actor=people.seller)
    entry(actor=people.owner)
    refuses(lambda: AuditEntry.objects.filter(pk=first.pk).update(object_id="999"))
    refuses(lambda: AuditEntry.objects.update(outcome=AuditOutcome.DENIED))
    refuses(lambda: AuditEntry.objects.filter(pk=first.pk).delete())
    refuses(lambda: AuditEntry.objects.all().delete())
    first.object_id = "999"
    refuses(first.save)
    refuses(AuditEntry.objects.get(pk=first.pk).delete)
    assert AuditEntry.objects.count() == 2
    assert AuditEntry.objects.get(pk=first.pk).object_id == "1"


@pytest.mark.usefixtures("audit_guard_as_in_production")
def test_raw_sql_cannot_update_or_delete_entries(people: People) -> None:
    first = entry(actor=people.seller)
    table = connection.ops.quote_name(AuditEntry._meta.db_table)

    def raw(sql: str, params: list[object]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    refuses(lambda: raw(f"UPDATE {table} SET object_id = %s WHERE id = %s", ["999", first.pk]))  # noqa: S608
    refuses(lambda: raw(f"DELETE FROM {table} WHERE id = %s", [first.pk]))  # noqa: S608
    refuses(lambda: raw(f"DELETE FROM {table}", []))  # noqa: S608
    assert AuditEntry.objects.get(pk=first.pk).object_id == "1"


def test_new_entries_can_still_be_added(people: People) -> None:
    entry(actor=people.seller)
    with transaction.atomic():
        entry(actor=people.owner)
    assert AuditEntry.objects.count() == 2


def test_an_entry_holds_codes_not_content(people: People) -> None:
    with pytest.raises(ValueError, match="codes only"):
        entry(actor=people.seller, detail="Sanne had a hard week")
    with pytest.raises(ValueError, match="Unknown audit action"):
        entry(actor=people.seller, action="gossip")
    recorded = entry(actor=people.seller, detail="added:seller")
    assert recorded.organisation_id == people.org.pk
    assert recorded.actor_user_id == people.seller.user_id
    assert recorded.actor_membership_id == people.seller.pk


# --- refused lookups in the access gate ------------------------------------------------------


def test_a_foreign_id_is_recorded_a_missing_one_is_not(people: People) -> None:
    with pytest.raises(Http404):
        access_team(viewer=people.outsider, team_id=people.team.pk)
    with pytest.raises(Http404):
        access_team(viewer=people.outsider, team_id=999999)
    with pytest.raises(Http404):
        access_team(viewer=people.outsider, team_id="abc")
    with pytest.raises(Http404):
        access_team(viewer=people.outsider, team_id=10**30)
    recorded = AuditEntry.objects.get()
    assert recorded.action == AuditAction.ACCESS_DENIED
    assert recorded.outcome == AuditOutcome.DENIED
    assert recorded.object_type == "organisations.team"
    assert recorded.object_id == str(people.team.pk)
    assert recorded.organisation_id == people.outsider_org.pk
    assert recorded.actor_membership_id == people.outsider.pk
    assert recorded.actor_user_id == people.outsider.user_id


def test_an_out_of_scope_member_is_recorded_with_whose_data_it_is(people: People) -> None:
    with pytest.raises(Http404):
        access_member(viewer=people.seller, member_id=people.other_seller.pk)
    recorded = AuditEntry.objects.get()
    assert recorded.subject_membership_id == people.other_seller.pk
    assert recorded.organisation_id == people.org.pk
    assert access_member(viewer=people.seller, member_id=people.colleague.pk) == people.colleague
    assert AuditEntry.objects.count() == 1


def test_the_gate_costs_one_extra_statement_on_the_404_path_only(
    people: People, django_assert_num_queries
) -> None:
    teams = Team.objects.filter(organisation=people.outsider_org)
    with django_assert_num_queries(1):
        get_or_404(Team.objects.filter(organisation=people.org), people.team.pk, viewer=people.owner)
    for missing_or_foreign in (people.team.pk, 999999):
        with django_assert_num_queries(2), pytest.raises(Http404):
            get_or_404(teams, missing_or_foreign, viewer=people.outsider)


def test_pages_answer_the_same_404_and_record_the_refusal(people: People, client_for) -> None:
    outsider = client_for(people.outsider)
    slug = people.outsider_org.slug
    foreign = outsider.get(f"/o/{slug}/people/{people.seller.pk}/")
    missing = outsider.get(f"/o/{slug}/people/999999/")
    assert foreign.status_code == missing.status_code == 404
    assert AuditEntry.objects.filter(
        action=AuditAction.ACCESS_DENIED,
        object_type="organisations.membership",
        object_id=str(people.seller.pk),
    ).exists()


def test_an_organisation_one_does_not_belong_to_is_recorded_there(people: People, client_for) -> None:
    outsider = client_for(people.outsider)
    assert outsider.get(f"/o/{people.org.slug}/").status_code == 404
    assert outsider.get("/o/no-such-organisation/").status_code == 404
    recorded = AuditEntry.objects.get()
    assert recorded.organisation_id == people.org.pk
    assert recorded.object_type == "organisations.organisation"
    assert recorded.actor_user_id == people.outsider.user_id
    assert recorded.actor_membership_id is None


def test_a_refused_page_is_recorded(people: People, client_for) -> None:
    assert client_for(people.seller).get(f"/o/{people.org.slug}/teams/new/").status_code == 403
    recorded = AuditEntry.objects.get()
    assert (recorded.object_type, recorded.object_id) == ("page", "organisations:team-create")
    assert recorded.actor_membership_id == people.seller.pk
    assert recorded.outcome == AuditOutcome.DENIED


def test_a_refused_api_operation_is_recorded(people: People) -> None:
    from django.test import Client

    _, raw = api_token_create(user=people.seller.user, name="t")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = client.post(
        "/api/v1/teams", {"name": "X", "manager_id": people.manager.pk}, "application/json"
    )
    assert response.status_code == 403
    recorded = AuditEntry.objects.get()
    assert recorded.object_type == "api"
    assert recorded.object_id.startswith("POST /api/v1/teams")
    assert recorded.actor_membership_id == people.seller.pk


# --- changes on record -------------------------------------------------------------------------


def test_role_changes_are_recorded_without_a_no_op(people: People) -> None:
    org_services.member_update(
        actor=people.owner, member=people.seller, roles=[Role.SELLER, Role.SENIOR_SELLER]
    )
    org_services.member_update(
        actor=people.owner, member=people.seller, roles=[Role.SELLER, Role.SENIOR_SELLER]
    )
    org_services.member_update(actor=people.owner, member=people.seller, roles=[Role.SENIOR_SELLER])
    details = list(
        AuditEntry.objects.filter(action=AuditAction.ROLE_CHANGE)
        .order_by("id")
        .values_list("detail", flat=True)
    )
    assert details == ["added:senior_seller", "removed:seller"]
    assert set(
        AuditEntry.objects.values_list("subject_membership_id", "actor_membership_id", "organisation_id")
    ) == {(people.seller.pk, people.owner.pk, people.org.pk)}
    assert audit_role_change(actor=people.owner, member=people.seller, before=["x"], after=["x"]) is None


def test_deactivation_and_reactivation_are_recorded(people: People) -> None:
    org_services.member_deactivate(actor=people.owner, member=people.colleague)
    org_services.member_reactivate(actor=people.owner, member=people.colleague)
    assert list(AuditEntry.objects.order_by("id").values_list("action", "subject_membership_id")) == [
        (AuditAction.MEMBER_DEACTIVATE, people.colleague.pk),
        (AuditAction.MEMBER_REACTIVATE, people.colleague.pk),
    ]


def test_a_refused_change_leaves_no_allowed_entry(people: People) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        org_services.member_update(actor=people.owner, member=people.owner, roles=[Role.SELLER])
    assert not AuditEntry.objects.filter(outcome=AuditOutcome.ALLOWED).exists()


def test_role_changes_by_import_are_recorded(people: People) -> None:
    import io

    from salescoach.organisations.imports import import_members

    data = (
        "email,full name,roles,team\n"
        f"{people.colleague.user.email},{people.colleague.user.full_name},seller;senior seller,Team A\n"
    )
    upload = io.BytesIO(data.encode())
    upload.name = "p.csv"  # type: ignore[attr-defined]
    result = import_members(actor=people.owner, upload=upload, dry_run=False)
    assert not result.errors, result.errors
    recorded = AuditEntry.objects.get(action=AuditAction.ROLE_CHANGE)
    assert recorded.subject_membership_id == people.colleague.pk
    assert recorded.detail == "added:senior_seller"


def test_in_a_request_the_refusal_is_written_after_the_response_has_gone_out(
    people: People, rf, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    """While answering, a foreign id and a missing id cost exactly the same (one query);
    the entry for the foreign one is written when the server closes the response."""
    from django.http import HttpResponse

    from salescoach.privacy.middleware import DeferredAuditMiddleware

    def view_for(team_id: int):  # type: ignore[no-untyped-def]
        def view(request):  # type: ignore[no-untyped-def]
            try:
                access_team(viewer=people.outsider, team_id=team_id)
            except Http404:
                return HttpResponse(status=404)
            return HttpResponse()

        return DeferredAuditMiddleware(view)

    assert people.outsider.roles  # loaded, as the page's membership has them
    responses = []
    for team_id in (people.team.pk, 999999):
        with django_assert_num_queries(1):
            responses.append(view_for(team_id)(rf.get("/")))
    assert [r.status_code for r in responses] == [404, 404]
    assert not AuditEntry.objects.exists()
    # Close them as a server does (without ending the test's database connection, as
    # Django's test client does too).
    from django.core.signals import request_finished
    from django.db import close_old_connections

    request_finished.disconnect(close_old_connections)
    try:
        for response in responses:
            response.close()
    finally:
        request_finished.connect(close_old_connections)
    assert list(AuditEntry.objects.values_list("object_id", flat=True)) == [str(people.team.pk)]
