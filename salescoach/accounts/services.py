"""Changes to a person's own account: API tokens and preferences."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salescoach.accounts.models import APIToken, User, hash_token
from salescoach.organisations.models import Membership, MembershipStatus, Organisation


@transaction.atomic
def api_token_create(
    *, user: User, name: str, organisation: Organisation | None = None
) -> tuple[APIToken, str]:
    """Create a token; returns it with the raw value, which is never stored or shown again."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, so you can recognise it later.")})
    if len(name) > 100:
        raise ValidationError({"name": _("This can be at most %(max)d characters.") % {"max": 100}})
    if (
        organisation is not None
        and not Membership.objects.filter(
            user=user, organisation=organisation, status=MembershipStatus.ACTIVE
        ).exists()
    ):
        raise ValidationError({"organisation": _("You are not an active member of this organisation.")})
    raw = APIToken.generate()
    token = APIToken.objects.create(
        user=user,
        organisation=organisation,
        name=name,
        prefix=raw[:10],
        key_hash=hash_token(raw),
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, user: User, token: APIToken) -> APIToken:
    if token.user_id != user.pk:
        raise ValidationError(_("This token is not yours."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(*, raw: str) -> APIToken | None:
    """The active token for a raw value, with its user, or None."""
    if not raw or len(raw) > 200:
        return None
    token = (
        APIToken.objects.select_related("user", "organisation")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Record use at most once a minute, so reads do not turn into writes.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def user_set_language(*, user: User, language: str) -> None:
    user.language = language
    user.save(update_fields=["language"])


def user_update_profile(*, user: User, full_name: str, language: str) -> User:
    from salescoach.organisations.services import clean_full_name

    user.full_name = clean_full_name(full_name)
    user.language = language
    user.save(update_fields=["full_name", "language"])
    return user
