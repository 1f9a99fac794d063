from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone, translation

from salescoach.accounts.models import APIToken, User
from salescoach.accounts.services import api_token_create
from salescoach.organisations import services
from salescoach.organisations.models import (
    Invitation,
    InvitationStatus,
    Membership,
    MembershipStatus,
    Role,
    Team,
)
from tests.conftest import People
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int, int]:
    return User.objects.count(), Membership.objects.count(), Team.objects.count(), Invitation.objects.count()


# --- teams -----------------------------------------------------------------------------


def test_programme_owner_creates_a_team_with_a_manager(people: People) -> None:
    new_manager = MembershipFactory(organisation=people.org, roles=[Role.SALES_MANAGER])
    team = services.team_create(actor=people.owner, name="  Team C ", manager_id=new_manager.pk)
    assert team.name == "Team C"
    assert team.manager == new_manager


@pytest.mark.parametrize(
    ("name", "manager", "field"),
    [
        ("Team C", None, "manager"),
        ("", "manager", "name"),
        ("x" * 121, "manager", "name"),
        ("team a", "manager", "name"),  # duplicate, case-insensitive
        ("Team C", "seller", "manager"),  # no sales manager role
        ("Team C", "outsider", "manager"),  # another organisation
    ],
)
def test_bad_team_input_is_refused_and_writes_nothing(
    people: People, name: str, manager: str | None, field: str
) -> None:
    before = counts()
    manager_id = getattr(people, manager).pk if manager else None
    with pytest.raises(ValidationError) as error:
        services.team_create(actor=people.owner, name=name, manager_id=manager_id)
    assert field in error.value.message_dict
    assert counts() == before


def test_only_the_programme_owner_manages_teams(people: People) -> None:
    with pytest.raises(PermissionDenied):
        services.team_create(actor=people.manager, name="Mine", manager_id=people.manager.pk)
    with pytest.raises(PermissionDenied):
        services.team_update(actor=people.seller, team=people.team, name="Renamed")


def test_team_error_messages_are_in_the_users_language(people: People) -> None:
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        services.team_create(actor=people.owner, name="Team C", manager_id=None)
    assert error.value.message_dict["manager"] == ["Een team heeft een manager nodig."]


# --- invitations and members -----------------------------------------------------------


def test_invite_creates_an_invited_member_and_emails_a_link(
    people: People, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        member = services.member_invite(
            actor=people.owner,
            email=" New.Person@Example.com ",
            full_name="Nina  Nieuw",
            roles=[Role.SELLER],
            team_id=people.team.pk,
            reports_to_id=people.manager.pk,
        )
    assert member.status == MembershipStatus.INVITED
    assert member.user.email == "new.person@example.com"
    assert member.user.full_name == "Nina Nieuw"
    assert not member.user.has_usable_password()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.com"]
    assert "/invitations/" in message.body
    assert people.org.name in message.subject


@pytest.mark.parametrize(
    ("email", "full_name", "roles", "field"),
    [
        ("not-an-email", "Ann", [Role.SELLER], "email"),
        ("", "Ann", [Role.SELLER], "email"),
        ("a" * 250 + "@x.nl", "Ann", [Role.SELLER], "email"),
        ("ann@example.com", "", [Role.SELLER], "full_name"),
        ("ann@example.com", "A" * 151, [Role.SELLER], "full_name"),
        ("ann@example.com", "Ann", ["wizard"], "roles"),
        ("ann@example.com", "Ann", [], "roles"),
        ("seller@example.com", "Ann", [Role.SELLER], "email"),  # duplicate membership
    ],
)
def test_bad_invitations_are_refused_and_write_nothing(
    people: People, email: str, full_name: str, roles: list[str], field: str
) -> None:
    before = counts()
    with pytest.raises(ValidationError) as error:
        services.member_invite(actor=people.owner, email=email, full_name=full_name, roles=roles)
    assert field in error.value.message_dict
    assert counts() == before


def test_invite_refuses_a_team_or_manager_of_another_organisation(people: People) -> None:
    with pytest.raises(ValidationError) as error:
        services.member_invite(
            actor=people.owner,
            email="x@example.com",
            full_name="X",
            roles=[Role.SELLER],
            team_id=people.outsider_team.pk,
        )
    assert "team" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.member_invite(
            actor=people.owner,
            email="x@example.com",
            full_name="X",
            roles=[Role.SELLER],
            reports_to_id=people.outsider.pk,
        )
    assert "reports_to" in error.value.message_dict


def test_an_existing_account_from_another_organisation_can_be_invited(people: People) -> None:
    member = services.member_invite(
        actor=people.owner, email=people.outsider.user.email, full_name="ignored", roles=[Role.EXTERNAL_COACH]
    )
    assert member.user == people.outsider.user
    assert member.user.full_name != "ignored"


def _invite(people: People, email: str = "new@example.com") -> Invitation:
    member = services.member_invite(
        actor=people.owner, email=email, full_name="New Person", roles=[Role.SELLER]
    )
    return member.invitations.get()


def test_accepting_an_invitation_activates_the_member(people: People) -> None:
    invitation = _invite(people)
    found = services.invitation_from_token(services.invitation_token(invitation))
    member = services.invitation_accept(
        invitation=found, user=None, full_name="New P", password="x-Good-pass-42"
    )
    assert member.status == MembershipStatus.ACTIVE
    assert member.user.check_password("x-Good-pass-42")
    with pytest.raises(ValidationError, match="already been accepted"):
        services.invitation_from_token(services.invitation_token(invitation))


def test_an_expired_invitation_cannot_be_used(people: People) -> None:
    invitation = _invite(people)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError, match="expired"):
        services.invitation_from_token(services.invitation_token(invitation))


def test_resending_replaces_the_link(people: People) -> None:
    invitation = _invite(people)
    old_token = services.invitation_token(invitation)
    services.invitation_resend(actor=people.owner, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.send_count == 2
    with pytest.raises(ValidationError, match="newer invitation"):
        services.invitation_from_token(old_token)
    assert services.invitation_from_token(services.invitation_token(invitation)) == invitation


def test_revoked_and_declined_invitations_cannot_be_used(people: People) -> None:
    revoked = _invite(people, "a@example.com")
    services.invitation_revoke(actor=people.owner, invitation=revoked)
    with pytest.raises(ValidationError, match="withdrawn"):
        services.invitation_from_token(services.invitation_token(revoked))
    declined = _invite(people, "b@example.com")
    services.invitation_decline(invitation=declined)
    with pytest.raises(ValidationError, match="declined"):
        services.invitation_from_token(services.invitation_token(declined))
    assert Membership.objects.get(pk=declined.membership_id).status == MembershipStatus.DEACTIVATED
    with pytest.raises(ValidationError):
        services.invitation_revoke(actor=people.owner, invitation=declined)


def test_a_tampered_token_is_refused(people: People) -> None:
    token = services.invitation_token(_invite(people))
    with pytest.raises(ValidationError, match="not valid"):
        services.invitation_from_token(token[:-2] + "xx")


def test_an_existing_account_must_log_in_to_accept(people: People) -> None:
    member = services.member_invite(
        actor=people.owner, email=people.outsider.user.email, full_name="x", roles=[Role.EXTERNAL_COACH]
    )
    invitation = member.invitations.get()
    with pytest.raises(PermissionDenied):
        services.invitation_accept(invitation=invitation, user=None, password="whatever-123")
    with pytest.raises(PermissionDenied):
        services.invitation_accept(invitation=invitation, user=people.seller.user)
    accepted = services.invitation_accept(invitation=invitation, user=people.outsider.user)
    assert accepted.status == MembershipStatus.ACTIVE


def test_update_member_roles_team_and_line_manager(people: People) -> None:
    services.member_update(
        actor=people.owner,
        member=people.seller,
        roles=[Role.SELLER, Role.SENIOR_SELLER],
        team_id=people.other_team.pk,
        reports_to_id=people.other_manager.pk,
    )
    member = Membership.objects.get(pk=people.seller.pk)
    assert member.roles == {Role.SELLER, Role.SENIOR_SELLER}
    assert member.team == people.other_team
    assert member.reports_to == people.other_manager


def test_a_manager_of_a_team_keeps_the_manager_role(people: People) -> None:
    with pytest.raises(ValidationError, match="manages a team"):
        services.member_update(actor=people.owner, member=people.manager, roles=[Role.SELLER])
    assert Membership.objects.get(pk=people.manager.pk).has_role(Role.SALES_MANAGER)


# --- deactivation ------------------------------------------------------------------------


def test_deactivation_ends_sessions_and_tokens_at_once_and_keeps_history(people: People, client_for) -> None:
    client: Client = client_for(people.seller)
    assert client.get(f"/o/{people.org.slug}/").status_code == 200
    token, raw = api_token_create(user=people.seller.user, name="script")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get("/api/v1/me").status_code == 200

    services.member_deactivate(actor=people.owner, member=people.seller)

    response = client.get(f"/o/{people.org.slug}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert api.get("/api/v1/me").status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None
    member = Membership.objects.get(pk=people.seller.pk)
    assert member.status == MembershipStatus.DEACTIVATED
    assert member.team == people.team  # history kept
    # The deactivated member cannot log in again.
    assert (
        not Client()
        .post(
            "/accounts/login/", {"username": people.seller.user.email, "password": "a-Str0ng-test-password"}
        )
        .wsgi_request.user.is_authenticated
    )


def test_deactivation_in_one_organisation_keeps_access_elsewhere(people: People) -> None:
    second = MembershipFactory(
        organisation=people.outsider_org, user=people.coach.user, roles=[Role.EXTERNAL_COACH]
    )
    scoped, _ = api_token_create(user=people.coach.user, name="noordwind", organisation=people.org)
    other, raw = api_token_create(user=people.coach.user, name="zuidwest", organisation=people.outsider_org)
    services.member_deactivate(actor=people.owner, member=people.coach)
    assert APIToken.objects.get(pk=scoped.pk).revoked_at is not None
    assert APIToken.objects.get(pk=other.pk).revoked_at is None
    response = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/me")
    assert [o["slug"] for o in response.json()["organisations"]] == [second.organisation.slug]


def test_deactivation_rules(people: People) -> None:
    with pytest.raises(ValidationError):
        services.member_deactivate(actor=people.owner, member=people.owner)
    with pytest.raises(PermissionDenied):
        services.member_deactivate(actor=people.manager, member=people.seller)
    services.member_deactivate(actor=people.owner, member=people.seller)
    with pytest.raises(ValidationError):
        services.member_deactivate(actor=people.owner, member=people.seller)
    member = services.member_reactivate(
        actor=people.owner, member=Membership.objects.get(pk=people.seller.pk)
    )
    assert member.status == MembershipStatus.ACTIVE


def test_invitation_status_is_recorded(people: People) -> None:
    invitation = _invite(people)
    assert invitation.status == InvitationStatus.PENDING
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
