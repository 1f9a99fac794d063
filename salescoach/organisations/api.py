"""Organisations, teams, members and invitations in the JSON API."""

# No "from __future__ import annotations" here: django-ninja reads the annotations at run time.

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from salescoach.api.auth import viewer
from salescoach.api.pagination import Pagination
from salescoach.api.schemas import ErrorOut, ValidationErrorOut
from salescoach.organisations import selectors, services
from salescoach.organisations.models import Invitation, Membership
from salescoach.organisations.selectors import membership_list_for_user
from salescoach.privacy import rules
from salescoach.privacy.access import access_invitation, access_member, access_team

router = Router()

ERRORS: dict[int, Any] = {400: ValidationErrorOut, 403: ErrorOut, 404: ErrorOut}


# --- shapes ----------------------------------------------------------------------------


class OrganisationOut(Schema):
    slug: str
    name: str
    roles: list[str]
    min_group_size: int
    coaching_retention_months: int


class PersonRef(Schema):
    id: int
    full_name: str
    email: str


class TeamRef(Schema):
    id: int
    name: str


class MemberOut(Schema):
    id: int
    email: str
    full_name: str
    status: str
    roles: list[str]
    team: TeamRef | None
    reports_to: PersonRef | None
    job_title: str
    crm_user_id: str
    created_at: datetime
    deactivated_at: datetime | None

    @staticmethod
    def resolve_roles(obj: Membership) -> list[str]:
        return sorted(obj.roles)


class TeamOut(Schema):
    id: int
    name: str
    description: str
    manager: PersonRef
    manager_superior: PersonRef | None = Field(None, alias="manager.reports_to")
    member_count: int = 0


class TeamIn(Schema):
    name: str = Field(max_length=200)
    manager_id: int
    description: str = ""


class TeamPatch(Schema):
    name: str | None = None
    manager_id: int | None = None
    description: str | None = None


class MemberIn(Schema):
    email: str = Field(max_length=320)
    full_name: str = Field(max_length=300)
    roles: list[str]
    team_id: int | None = None
    reports_to_id: int | None = None
    job_title: str = ""


class MemberPatch(Schema):
    roles: list[str] | None = None
    team_id: int | None = None
    reports_to_id: int | None = None
    job_title: str | None = None
    crm_user_id: str | None = None


class InvitationOut(Schema):
    id: int
    member_id: int
    email: str
    status: str
    expired: bool
    sent_at: datetime
    expires_at: datetime
    send_count: int


class MemberFilters(Schema):
    team: int | None = None
    role: str | None = None
    status: str | None = None
    q: str | None = None


def invitation_out(invitation: Invitation) -> dict[str, Any]:
    return {
        "id": invitation.pk,
        "member_id": invitation.membership_id,
        "email": invitation.membership.user.email,
        "status": invitation.status,
        "expired": invitation.is_expired,
        "sent_at": invitation.sent_at,
        "expires_at": invitation.expires_at,
        "send_count": invitation.send_count,
    }


# --- organisations ---------------------------------------------------------------------


@router.get("/organisations", response=list[OrganisationOut], tags=["organisations"])
def organisation_list(request: HttpRequest) -> list[dict[str, Any]]:
    """The organisations you are an active member of."""
    return [
        {
            "slug": m.organisation.slug,
            "name": m.organisation.name,
            "roles": sorted(m.roles),
            "min_group_size": m.organisation.min_group_size,
            "coaching_retention_months": m.organisation.coaching_retention_months,
        }
        for m in membership_list_for_user(user=request.user)  # type: ignore[arg-type]
    ]


@router.get("/organisations/{slug}", response={200: OrganisationOut, 404: ErrorOut}, tags=["organisations"])
def organisation_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    for m in membership_list_for_user(user=request.user):  # type: ignore[arg-type]
        if m.organisation.slug == slug:
            return {
                "slug": slug,
                "name": m.organisation.name,
                "roles": sorted(m.roles),
                "min_group_size": m.organisation.min_group_size,
                "coaching_retention_months": m.organisation.coaching_retention_months,
            }
    raise Http404


class OrganisationPatch(Schema):
    min_group_size: int | None = None
    coaching_retention_months: int | None = None


@router.patch("/organisations/{slug}", response={200: OrganisationOut, **ERRORS}, tags=["organisations"])
def organisation_update(request: HttpRequest, slug: str, payload: OrganisationPatch) -> dict[str, Any]:
    """Change the organisation's settings (programme owner). ``min_group_size``: group
    figures are shown only for at least this many people; never below 3.
    ``coaching_retention_months``: coaching content is deleted this many months after a
    coaching relationship ends (1 to 120; 24 by default)."""
    for m in membership_list_for_user(user=request.user):  # type: ignore[arg-type]
        if m.organisation.slug == slug:
            request.sc_membership = m  # type: ignore[attr-defined]
            changes = payload.dict(exclude_unset=True)
            organisation = m.organisation
            if changes:
                organisation = services.organisation_update_settings(
                    actor=m,
                    min_group_size=changes.get("min_group_size"),
                    coaching_retention_months=changes.get("coaching_retention_months"),
                )
            return {
                "slug": slug,
                "name": organisation.name,
                "roles": sorted(m.roles),
                "min_group_size": organisation.min_group_size,
                "coaching_retention_months": organisation.coaching_retention_months,
            }
    raise Http404


# --- teams -----------------------------------------------------------------------------


@router.get("/teams", response=list[TeamOut], tags=["teams"])
def team_list(request: HttpRequest) -> Any:
    return list(selectors.team_list(viewer=viewer(request)))


@router.post("/teams", response={201: TeamOut, **ERRORS}, tags=["teams"])
def team_create(request: HttpRequest, payload: TeamIn) -> Status[Any]:
    actor = viewer(request)
    team = services.team_create(
        actor=actor, name=payload.name, manager_id=payload.manager_id, description=payload.description
    )
    return Status(201, access_team(viewer=actor, team_id=team.pk))


@router.get("/teams/{team_id}", response={200: TeamOut, 404: ErrorOut}, tags=["teams"])
def team_detail(request: HttpRequest, team_id: int) -> Any:
    return access_team(viewer=viewer(request), team_id=team_id)


@router.patch("/teams/{team_id}", response={200: TeamOut, **ERRORS}, tags=["teams"])
def team_update(request: HttpRequest, team_id: int, payload: TeamPatch) -> Any:
    actor = viewer(request)
    team = access_team(viewer=actor, team_id=team_id)
    changes = payload.dict(exclude_unset=True)
    services.team_update(actor=actor, team=team, **changes)
    return access_team(viewer=actor, team_id=team.pk)


# --- members ---------------------------------------------------------------------------


@router.get("/members", response=list[MemberOut], tags=["members"])
@paginate(Pagination)
def member_list(request: HttpRequest, filters: Query[MemberFilters]) -> Any:
    member = viewer(request)
    if filters.team is not None:
        access_team(viewer=member, team_id=filters.team)  # another organisation's team: 404
    members = selectors.member_list(
        viewer=member,
        team_id=filters.team,
        role=filters.role,
        status=filters.status,
        search=filters.q,
    )
    return members


@router.post("/members", response={201: MemberOut, **ERRORS}, tags=["members"])
def member_invite(request: HttpRequest, payload: MemberIn) -> Status[Any]:
    """Invite a person: they get an e-mail with a link to join."""
    actor = viewer(request)
    member = services.member_invite(actor=actor, **payload.dict())
    return Status(201, access_member(viewer=actor, member_id=member.pk))


@router.get("/members/{member_id}", response={200: MemberOut, 404: ErrorOut}, tags=["members"])
def member_detail(request: HttpRequest, member_id: int) -> Any:
    return access_member(viewer=viewer(request), member_id=member_id)


@router.patch("/members/{member_id}", response={200: MemberOut, **ERRORS}, tags=["members"])
def member_update(request: HttpRequest, member_id: int, payload: MemberPatch) -> Any:
    actor = viewer(request)
    member = access_member(viewer=actor, member_id=member_id)
    services.member_update(actor=actor, member=member, **payload.dict(exclude_unset=True))
    return access_member(viewer=actor, member_id=member.pk)


@router.post("/members/{member_id}/deactivate", response={200: MemberOut, **ERRORS}, tags=["members"])
def member_deactivate(request: HttpRequest, member_id: int) -> Any:
    """End the member's access, sessions and API tokens at once; their history stays."""
    actor = viewer(request)
    member = access_member(viewer=actor, member_id=member_id)
    services.member_deactivate(actor=actor, member=member)
    return access_member(viewer=actor, member_id=member.pk)


@router.post("/members/{member_id}/reactivate", response={200: MemberOut, **ERRORS}, tags=["members"])
def member_reactivate(request: HttpRequest, member_id: int) -> Any:
    actor = viewer(request)
    member = access_member(viewer=actor, member_id=member_id)
    services.member_reactivate(actor=actor, member=member)
    return access_member(viewer=actor, member_id=member.pk)


# --- invitations -----------------------------------------------------------------------


@router.get("/invitations", response={200: list[InvitationOut], 403: ErrorOut}, tags=["invitations"])
def invitation_list(request: HttpRequest) -> Any:
    actor = viewer(request)
    if not rules.can_manage_people(actor):
        raise PermissionDenied(_("Only a programme owner can see invitations."))
    return [invitation_out(i) for i in selectors.invitation_list(viewer=actor)]


@router.post(
    "/invitations/{invitation_id}/resend",
    response={200: InvitationOut, **ERRORS},
    tags=["invitations"],
)
def invitation_resend(request: HttpRequest, invitation_id: int) -> dict[str, Any]:
    actor = viewer(request)
    invitation = access_invitation(viewer=actor, invitation_id=invitation_id)
    services.invitation_resend(actor=actor, invitation=invitation)
    return invitation_out(access_invitation(viewer=actor, invitation_id=invitation.pk))


@router.post(
    "/invitations/{invitation_id}/revoke",
    response={200: InvitationOut, **ERRORS},
    tags=["invitations"],
)
def invitation_revoke(request: HttpRequest, invitation_id: int) -> dict[str, Any]:
    actor = viewer(request)
    invitation = access_invitation(viewer=actor, invitation_id=invitation_id)
    services.invitation_revoke(actor=actor, invitation=invitation)
    return invitation_out(access_invitation(viewer=actor, invitation_id=invitation.pk))
