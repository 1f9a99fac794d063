"""The caller's own account: who am I, and my API tokens."""

# No "from __future__ import annotations" here: django-ninja reads the annotations at run time.

from datetime import datetime
from typing import cast

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from salescoach.accounts import selectors, services
from salescoach.accounts.models import APIToken, User
from salescoach.api.schemas import ErrorOut, ValidationErrorOut
from salescoach.organisations.models import Organisation
from salescoach.organisations.selectors import membership_list_for_user

router = Router(tags=["me"])


class MembershipOut(Schema):
    slug: str
    name: str
    roles: list[str]
    team_id: int | None
    member_id: int


class MeOut(Schema):
    email: str
    full_name: str
    language: str
    organisations: list[MembershipOut]


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    organisation: str | None
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenIn(Schema):
    name: str
    organisation: str | None = None


class NewTokenOut(TokenOut):
    token: str


def _token_out(token: APIToken) -> dict[str, object]:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "organisation": token.organisation.slug if token.organisation else None,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
    }


@router.get("/me", response=MeOut, summary="The current user")
def me(request: HttpRequest) -> dict[str, object]:
    user = cast(User, request.user)
    return {
        "email": user.email,
        "full_name": user.full_name,
        "language": user.language,
        "organisations": [
            {
                "slug": m.organisation.slug,
                "name": m.organisation.name,
                "roles": sorted(m.roles),
                "team_id": m.team_id,
                "member_id": m.pk,
            }
            for m in membership_list_for_user(user=user)
        ],
    }


@router.get("/me/tokens", response=list[TokenOut], summary="Your API tokens")
def token_list(request: HttpRequest) -> list[dict[str, object]]:
    return [_token_out(t) for t in selectors.api_token_list(user=cast(User, request.user))]


@router.post(
    "/me/tokens",
    response={201: NewTokenOut, 400: ValidationErrorOut},
    summary="Create an API token (its value is shown only in this answer)",
)
def token_create(request: HttpRequest, payload: TokenIn) -> Status[dict[str, object]]:
    user = cast(User, request.user)
    organisation = None
    if payload.organisation:
        organisation = get_object_or_404(Organisation, slug=payload.organisation, memberships__user=user)
    token, raw = services.api_token_create(user=user, name=payload.name, organisation=organisation)
    return Status(201, {**_token_out(token), "token": raw})


@router.delete("/me/tokens/{token_id}", response={204: None, 404: ErrorOut}, summary="Revoke an API token")
def token_revoke(request: HttpRequest, token_id: int) -> Status[None]:
    user = cast(User, request.user)
    token = get_object_or_404(APIToken, pk=token_id, user=user)
    services.api_token_revoke(user=user, token=token)
    return Status(204, None)
